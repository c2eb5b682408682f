"""A throw-away PostgreSQL server from Debian's packages, for the load test.

``python -m tools.postgres.server run -- CMD...`` installs Debian's ``postgresql``
package when it is missing (as root, or with password-less sudo), creates a cluster in a
temporary folder, starts it on a free loopback port, runs CMD with ``DATABASE_URL`` set
and removes everything afterwards. PostgreSQL refuses to run as root: when run as root,
the server runs as the ``postgres`` user that Debian's package creates.
"""

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

from tools.debian import install

DATABASE = "helpcenter"


def binaries():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return os.path.dirname(found[-1])
    install("postgresql")
    return binaries()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def as_server_user(command):
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@contextlib.contextmanager
def postgres():
    bin_dir = binaries()
    folder = tempfile.mkdtemp(prefix="helpcenter-pg-")
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data = os.path.join(folder, "data")
    port = free_port()
    log = os.path.join(folder, "server.log")
    initdb = [f"{bin_dir}/initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8"]
    subprocess.run(as_server_user(initdb), check=True, stdout=subprocess.DEVNULL)
    options = f"-h 127.0.0.1 -p {port} -k {folder} -c fsync=off -c max_connections=200"
    subprocess.run(
        as_server_user([f"{bin_dir}/pg_ctl", "-D", data, "-l", log, "-o", options, "-w", "start"]),
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _attempt in range(50):
            created = subprocess.run(
                as_server_user([f"{bin_dir}/createdb", "-h", "127.0.0.1", "-p", str(port),
                                "-U", "postgres", DATABASE]),
                capture_output=True,
            )  # fmt: skip
            if created.returncode == 0:
                break
            time.sleep(0.2)
        else:
            raise RuntimeError(f"PostgreSQL did not start: see {log}")
        yield f"postgres://postgres@127.0.0.1:{port}/{DATABASE}"
    finally:
        subprocess.run(
            as_server_user([f"{bin_dir}/pg_ctl", "-D", data, "-m", "fast", "stop"]),
            stdout=subprocess.DEVNULL,
        )
        shutil.rmtree(folder, ignore_errors=True)


def main(argv):
    if len(argv) < 3 or argv[0] != "run" or argv[1] != "--":
        sys.exit("usage: python -m tools.postgres.server run -- COMMAND...")
    with postgres() as url:
        sys.stdout.write(f"PostgreSQL is up: {url}\n")
        sys.stdout.flush()
        return subprocess.run(argv[2:], env={**os.environ, "DATABASE_URL": url}).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
