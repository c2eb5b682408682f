"""Downloading an image named in an export without letting the export reach the
server's own network.

An export is data from outside: an ``<img src>`` may point at the server itself, the
cloud metadata service (169.254.169.254) or an intranet host (server-side request
forgery). Every address a host name resolves to is checked, on every redirect hop, and
the connection goes to the address that was checked, so a name cannot resolve to a
public address for the check and to a private one for the connection. The download is
stopped as soon as it is too large or too slow.
"""

import http.client
import ipaddress
import socket
import threading
import time
from contextlib import contextmanager, suppress
from urllib.parse import quote, urljoin, urlsplit

MAX_REDIRECTS = 3
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
CHUNK_BYTES = 64 * 1024
# The characters a request target keeps as they are; anything else (spaces, line ends,
# non-ASCII) is percent-encoded, so a URL can never add a header.
_TARGET_SAFE = "!#$%&'()*+,/:;=?@[]~"

# The kinds of address refused, checked in this order (169.254.169.254 is both link-local
# and private; "link-local" says more).
_REFUSED_KINDS = [
    ("unspecified", lambda ip: ip.is_unspecified),
    ("loopback", lambda ip: ip.is_loopback),
    ("link-local", lambda ip: ip.is_link_local),
    ("multicast", lambda ip: ip.is_multicast),
    ("private", lambda ip: ip.is_private),
    ("reserved", lambda ip: ip.is_reserved),
    ("non-public", lambda ip: not ip.is_global),  # e.g. 100.64.0.0/10, shared by ISPs
]


class DownloadRefused(Exception):
    """The file was not downloaded; the message says why."""


def allowed_networks(entries):
    """The address ranges in ``entries`` (strings such as "10.20.0.0/16"), checked."""
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except (TypeError, ValueError):
            raise ValueError(f"{entry!r} is not an address range such as '10.20.0.0/16'") from None
    return networks


def _embedded_ipv4(ip):
    """The IPv4 address an IPv6 address carries (::ffff:10.0.0.1, 6to4, Teredo), if any:
    the connection would reach that address."""
    if ip.version != 6:
        return None
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip.sixtofour:
        return ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    return None


def refused_address(address, networks=()):
    """What kind of address ``address`` (an IP address as text) is when it may not be
    downloaded from ("a loopback address"), or None when it may: a public address, or one
    inside ``networks``."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "not an IP address"
    candidates = [ip] + [embedded for embedded in [_embedded_ipv4(ip)] if embedded]
    if any(candidate in network for candidate in candidates for network in networks):
        return None
    for candidate in candidates:
        for kind, is_kind in _REFUSED_KINDS:
            if is_kind(candidate):
                return f"a {kind} address"
    return None


def check_addresses(host, addresses, networks=()):
    """Raise DownloadRefused unless every address ``host`` resolved to may be used: one bad
    address is enough, as the connection could go to any of them."""
    if not addresses:
        raise DownloadRefused(f"{host} has no address")
    for address in addresses:
        kind = refused_address(address, networks)
        if kind:
            where = f"{address} is" if address == host else f"{host} resolves to {address},"
            raise DownloadRefused(
                f"{where} {kind}; images are only downloaded from public addresses"
            )


def _resolve(host, port):
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise DownloadRefused(f"{host} could not be resolved ({error})") from None
    return list(dict.fromkeys(sockaddr[0] for *_rest, sockaddr in found))


class _PinnedConnection(http.client.HTTPConnection):
    """Connects to the addresses that were checked (``pinned_addresses``, in order) while
    the request still names the host; HTTPS verifies the certificate against the host name."""

    pinned_addresses = ()
    deadline = None

    def connect(self):
        error = None
        for address in self.pinned_addresses:
            try:
                self.sock = socket.create_connection(
                    (address, self.port), self.deadline.remaining()
                )
            except OSError as failure:
                error = failure
                continue
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            return
        raise error or OSError("no address to connect to")


class _PinnedHTTPSConnection(http.client.HTTPSConnection, _PinnedConnection):
    # HTTPSConnection.connect() calls the next connect() in this order, _PinnedConnection's,
    # then wraps that socket in TLS.
    pass


class _Deadline:
    """One time limit for a whole download, redirects included. A socket timeout only
    limits each wait, and a server sending one byte a second never reaches it: at the
    deadline a timer shuts the connection down, which ends any read in progress."""

    def __init__(self, seconds):
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.passed = False

    def remaining(self):
        """Seconds left; DownloadRefused once there are none."""
        left = self.end - time.monotonic()
        if self.passed or left <= 0:
            self.passed = True
            raise DownloadRefused(f"it took longer than {self.seconds:g} seconds")
        return left

    @contextmanager
    def watching(self, sock):
        def shut_down():
            self.passed = True
            # socket.socket's own shutdown, also for a TLS socket: it only closes the
            # connection, which wakes the reading thread with an error.
            with suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)

        timer = threading.Timer(self.remaining(), shut_down)
        timer.daemon = True
        timer.start()
        try:
            yield
        finally:
            timer.cancel()


def _target(url):
    """(scheme, host, port, request target) of ``url``; DownloadRefused when it is not an
    http(s) address."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise DownloadRefused(f"{url} is not a valid address") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DownloadRefused(f"{url} is not an http or https address")
    try:
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError:
        raise DownloadRefused(f"{parts.hostname} is not a valid host name") from None
    port = port or (443 if parts.scheme == "https" else 80)
    path = parts.path or "/"
    target = quote(path + (f"?{parts.query}" if parts.query else ""), safe=_TARGET_SAFE)
    return parts.scheme, host, port, target


def download_image(url, *, max_bytes, timeout, networks=()):
    """The image at ``url``, following at most MAX_REDIRECTS redirects, each hop checked.

    ``networks`` are address ranges allowed although not public (an intranet mirror; the
    tests allow 127.0.0.1). Raises DownloadRefused with the reason."""
    deadline = _Deadline(timeout)
    for hop in range(MAX_REDIRECTS + 1):
        try:
            scheme, host, port, target = _target(url)
            addresses = _resolve(host, port)
            check_addresses(host, addresses, networks)
        except DownloadRefused as error:
            reason = f"it redirects to {url}: {error}" if hop else str(error)
            raise DownloadRefused(reason) from None
        connection_class = _PinnedHTTPSConnection if scheme == "https" else _PinnedConnection
        connection = connection_class(host, port, timeout=deadline.remaining())
        connection.pinned_addresses, connection.deadline = addresses, deadline
        try:
            connection.connect()
            with deadline.watching(connection.sock):
                answer = _fetch(connection, target, max_bytes, deadline)
        except (OSError, http.client.HTTPException, ValueError) as error:
            if deadline.passed or isinstance(error, TimeoutError):
                raise DownloadRefused(f"it took longer than {timeout:g} seconds") from None
            raise DownloadRefused(f"it could not be downloaded ({error})") from None
        finally:
            connection.close()
        if isinstance(answer, bytes):
            return answer
        url = urljoin(url, answer)
    raise DownloadRefused(f"it redirected more than {MAX_REDIRECTS} times")


def _fetch(connection, target, max_bytes, deadline):
    """The body (bytes), or the address (str) a redirect points to."""
    headers = {"User-Agent": "wagtail-helpcenter-import", "Accept": "image/*"}
    connection.request("GET", target, headers=headers)
    response = connection.getresponse()
    if response.status in REDIRECT_STATUSES:
        location = response.getheader("Location")
        if not location:
            raise DownloadRefused("it redirects without saying where")
        return location
    if response.status != 200:
        raise DownloadRefused(f"the server answered {response.status} {response.reason}")
    content_type = response.getheader("Content-Type", "")
    if not content_type.startswith("image/"):
        raise DownloadRefused(f"it is not an image ({content_type or 'no type'})")
    if response.length is not None and response.length > max_bytes:  # as announced
        raise DownloadRefused(f"it is larger than {_megabytes(max_bytes)}")
    chunks, size = [], 0
    while True:
        chunk = response.read1(CHUNK_BYTES)
        deadline.remaining()  # a read ended by the deadline looks like the end of the body
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:  # stop here: the rest is never read
            raise DownloadRefused(f"it is larger than {_megabytes(max_bytes)}")
        chunks.append(chunk)


def _megabytes(size):
    return f"{size / (1024 * 1024):g} MB"
