import os
import subprocess
import sys

from bs4 import BeautifulSoup


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def link_texts(document, selector="a"):
    return [link.get_text(strip=True) for link in document.select(selector)]


def run_on_sqlite_file(module, database, *args, timeout=300):
    """``python -m <module> <args>`` on the SQLite file ``database`` (the test database
    lives in memory, where processes cannot share it); its output split into words."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "PYTHONPATH": os.getcwd()}
    result = subprocess.run(
        [sys.executable, "-m", module, *map(str, args)],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout.split()


def without_page_cache():
    """The help center's settings as they are, with the anonymous page cache off: for
    tests that measure what rendering a page costs."""
    from django.conf import settings
    from django.test import override_settings

    config = getattr(settings, "WAGTAIL_HELPCENTER", {})
    return override_settings(WAGTAIL_HELPCENTER={**config, "PAGE_CACHE_SECONDS": 0})
