"""Who is asking: robots, editors and anonymous visitors, told apart without storing
anything that identifies a person."""

import ipaddress
import re

from django.core.cache import cache
from django.utils import timezone
from django.utils.crypto import salted_hmac

BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|preview|monitor|curl|wget|python-requests",
    re.IGNORECASE,
)


def is_bot(request):
    return bool(BOT_USER_AGENT.search(request.META.get("HTTP_USER_AGENT", "")))


def is_editor(request):
    """A signed-in user of the Wagtail admin: their visits are not a customer's."""
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))


def is_preview(request):
    return bool(getattr(request, "is_preview", False))


def anonymous_key(purpose, value):
    """A keyed hash of ``value`` (an IP address, a voter token) for ``purpose``: the same
    value always gives the same key, and the key cannot be turned back into the value
    without the site's SECRET_KEY."""
    return salted_hmac(f"wagtail_helpcenter.{purpose}", value, algorithm="sha256").hexdigest()


def client_ip(request):
    """REMOTE_ADDR. Behind a proxy, set it from X-Forwarded-For in the proxy or a
    middleware you trust: this module never reads forwarded headers itself."""
    return request.META.get("REMOTE_ADDR", "")


def network_of(address):
    """The network a visitor's address stands for in limits and counts: an IPv4 address
    itself, an IPv6 address's /64 (one home or phone line gets a whole /64, so counting
    each address would let one visitor be thousands)."""
    try:
        ip = ipaddress.ip_address(str(address).strip())
    except ValueError:
        return str(address)
    if ip.version == 6 and ip.ipv4_mapped:
        return str(ip.ipv4_mapped)
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def client_network(request):
    return network_of(client_ip(request))


def over_rate_limit(request, purpose, limit, window_seconds):
    """Count one request of ``purpose`` from this address; True once there were more than
    ``limit`` in the current window. The address is kept only as a keyed hash, in the
    cache, for ``window_seconds``."""
    key = f"wagtail_helpcenter:{purpose}:" + anonymous_key("address", client_network(request))
    cache.add(key, 0, window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.set(key, 1, window_seconds)
        count = 1
    return count > limit


def visitor_key(request):
    """A keyed hash standing for this visitor, never stored in the database: only in the
    cache, for a day at most. By network (see network_of) alone: a browser name is
    whatever the sender says, so one sender could be any number of visitors."""
    return anonymous_key("visitor", client_network(request))


def first_time_today(request, purpose):
    """True the first time today this visitor does ``purpose`` (views a page, searches a
    term), False after: counted once a day without storing who they are. The mark is
    in Django's cache, so it holds across worker processes when the cache is shared
    (Redis, Memcached, the database; see check wagtail_helpcenter.W003)."""
    key = f"wagtail_helpcenter:once:{timezone.localdate()}:{purpose}:" + visitor_key(request)
    return cache.add(anonymous_key("once", key), 1, 24 * 3600)
