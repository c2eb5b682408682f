"""django-modelsearch's own backend test suite, run against our database backend.

``python -m tools.modelsearch_suite`` downloads the sdist of the modelsearch version
pinned below from PyPI with pip (once: it is kept in ``~/.cache/wagtail-helpcenter/``,
or ``$HELPCENTER_CACHE``), unpacks it, and runs ``django test`` on its tests and on
``tests/modelsearch_suite/test_helpcenter_backend.py`` (its backend test classes with
our backend) with ``tests.modelsearch_suite.settings``: modelsearch's test project, our
backend as the default, the fixture the sdist lacks, our text table built after
``migrate``. The database is ``DATABASE_URL`` when set (``make test-postgres`` runs it
on PostgreSQL), SQLite in memory otherwise. Extra arguments go to ``django test``
(``-k test_ranking``, a test label...). Exits with the test run's status.
"""

import os
import subprocess
import sys
import tarfile
import time
from pathlib import Path

MODELSEARCH_VERSION = "1.3.2"
ROOT = Path(__file__).resolve().parent.parent
# modelsearch's own test modules that test backends or the code they share; the
# Elasticsearch/OpenSearch ones skip themselves without a node.
DEFAULT_LABELS = ["modelsearch", "tests.modelsearch_suite"]


def cache_dir():
    base = os.environ.get("HELPCENTER_CACHE") or Path.home() / ".cache" / "wagtail-helpcenter"
    return Path(base)


def modelsearch_source(version=MODELSEARCH_VERSION):
    """The unpacked sdist of modelsearch ``version`` (downloaded when not cached)."""
    target = cache_dir() / f"modelsearch-{version}"
    if (target / "modelsearch" / "tests").is_dir():
        return target
    downloads = cache_dir() / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    archive = downloads / f"modelsearch-{version}.tar.gz"
    if not archive.exists():
        subprocess.run(
            [
                sys.executable, "-m", "pip", "download", "--quiet", "--no-binary", ":all:",
                "--no-deps", f"modelsearch=={version}", "-d",
                str(downloads),
            ],
            check=True,
        )  # fmt: skip
    with tarfile.open(archive) as sdist:
        top = sdist.getnames()[0].split("/")[0]
        sdist.extractall(cache_dir(), filter="data")
    unpacked = cache_dir() / top
    if unpacked != target:
        unpacked.rename(target)
    return target


def main(argv):
    source = modelsearch_source()
    env = {
        **os.environ,
        # The sdist's modelsearch (with its tests) before the installed one.
        "PYTHONPATH": os.pathsep.join([str(source), str(ROOT)]),
        "DJANGO_SETTINGS_MODULE": "tests.modelsearch_suite.settings",
    }
    # Test labels given (``modelsearch.tests...``, ``tests.modelsearch_suite``) replace
    # the default ones; any other argument is an option of ``django test``.
    given = any(arg.startswith(("modelsearch", "tests.")) for arg in argv)
    arguments = argv if given else [*argv, *DEFAULT_LABELS]
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "django", "test", "--noinput", *arguments],
        cwd=source,
        env=env,
        check=False,
    )
    on_postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    database = "PostgreSQL" if on_postgres else "SQLite"
    print(
        f"modelsearch {MODELSEARCH_VERSION} suite on {database}: "
        f"{time.monotonic() - started:.0f} s, exit status {result.returncode}",
        file=sys.stderr,
    )
    return result.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
