"""A throw-away Memcached from Debian's packages, for the load test: the cache every
worker shares, as a production site has (Redis or Memcached).

``with memcached() as location:`` installs Debian's ``memcached`` package when it is
missing (as root, or with password-less sudo), starts it on a free loopback port and
stops it afterwards; ``location`` is ``127.0.0.1:<port>`` for Django's
``PyMemcacheCache``.
"""

import contextlib
import os
import shutil
import socket
import subprocess
import time

from tools.debian import install
from tools.postgres.server import free_port


def binary():
    found = shutil.which("memcached") or (
        "/usr/bin/memcached" if os.path.exists("/usr/bin/memcached") else None
    )
    if found:
        return found
    install("memcached")
    return binary()


@contextlib.contextmanager
def memcached(megabytes=256):
    port = free_port()
    command = [binary(), "-l", "127.0.0.1", "-p", str(port), "-m", str(megabytes), "-U", "0"]
    if os.geteuid() == 0:
        command += ["-u", "nobody"]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while True:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("memcached did not start")
            time.sleep(0.1)
        yield f"127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)
