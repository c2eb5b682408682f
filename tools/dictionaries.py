"""Debian's Hunspell dictionaries for the languages the tests and the spelling benchmark
check (Latvian, Persian, Dutch, English), fetched with ``apt-get download`` (no root
needed) into ``~/.cache/wagtail-helpcenter/hunspell/`` (or ``$HELPCENTER_CACHE``) and
unpacked with ``dpkg-deb -x``, once.

    python -m tools.dictionaries        # prints the directory of the .dic and .aff files

A site gets the same files with ``apt-get install hunspell-lv myspell-fa hunspell-nl``.
"""

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

PACKAGES = ["hunspell-lv", "myspell-fa", "hunspell-nl", "hunspell-en-us"]


class DictionariesUnavailable(RuntimeError):
    """The dictionaries could not be fetched; the message says what to do."""


def cache_dir():
    base = os.environ.get("HELPCENTER_CACHE") or Path.home() / ".cache" / "wagtail-helpcenter"
    return Path(base) / "hunspell"


def _run(command, cwd):
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise DictionariesUnavailable(
            f"`{' '.join(command)}` failed: {result.stderr.strip()[-500:]}"
        )


def _download(package, cache):
    try:
        _run(["apt-get", "download", package], cache)
    except DictionariesUnavailable:
        # A fresh machine may not have read the package lists yet; root can.
        if os.geteuid() != 0:
            raise
        _run(["apt-get", "update", "-qq"], cache)
        _run(["apt-get", "download", package], cache)


def fetch():
    """The directory that holds the dictionaries, fetched on first use. Test workers may
    call it at once: the first fetches, the others wait for it."""
    cache = cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    directory = cache / "unpacked" / "usr" / "share" / "hunspell"
    with open(cache / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if all((directory / name).exists() for name in _expected()):
            return directory
        if not shutil.which("apt-get") or not shutil.which("dpkg-deb"):
            raise DictionariesUnavailable(
                "apt-get and dpkg-deb are needed to fetch Debian's dictionaries "
                f"({', '.join(PACKAGES)}); elsewhere, unpack them by hand into {directory}."
            )
        for package in PACKAGES:
            debs = sorted(cache.glob(f"{package}_*.deb"))
            if not debs:
                _download(package, cache)
                debs = sorted(cache.glob(f"{package}_*.deb"))
            _run(["dpkg-deb", "-x", str(debs[-1]), str(cache / "unpacked")], cache)
        missing = [name for name in _expected() if not (directory / name).exists()]
        if missing:
            raise DictionariesUnavailable(f"the packages hold no {', '.join(missing)}")
    return directory


def _expected():
    return ["lv_LV.dic", "fa.dic", "nl.dic", "en_US.dic"]


if __name__ == "__main__":
    try:
        print(fetch())
    except DictionariesUnavailable as error:
        sys.exit(str(error))
