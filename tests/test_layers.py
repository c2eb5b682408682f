"""Imports run one way (docs/concepts/architecture.md): import-linter's layers contracts
in pyproject.toml hold for the package, and break when a lower layer imports a higher
one again, even inside a function."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.any_database  # the package's imports, not the database

ROOT = Path(__file__).resolve().parent.parent


def lint_imports(root):
    """Run ``lint-imports`` (installed next to this Python) on the package in ``root``
    with ``root``'s pyproject.toml; returns the completed process."""
    command = Path(sys.executable).with_name("lint-imports")
    if not command.exists():
        command = shutil.which("lint-imports")
    assert command, "lint-imports is not installed (pip install -e '.[test]')"
    return subprocess.run(
        [str(command), "--no-cache", "--no-logo", str(root / "pyproject.toml")],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_package_keeps_its_layers():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "after", "import_line", "broken"),
    [
        # A route method importing its view, as HelpCenterPage's routes used to.
        (
            "models/pages.py",
            "    def search_route(self, request):\n",
            "        from ..views.search import search  # noqa: F401\n",
            "wagtail_helpcenter.models is not allowed to import wagtail_helpcenter.views",
        ),
        # get_context importing a service.
        (
            "models/pages.py",
            "    def get_related_articles(self, request, help_center=None, tags=None):\n",
            "        from ..related import related_articles  # noqa: F401\n",
            "wagtail_helpcenter.models is not allowed to import wagtail_helpcenter.related",
        ),
        # A discussions model importing the moderators' actions, as ReplyTemplate did.
        (
            "discussions/models.py",
            "    def clean(self):\n",
            "        from .actions import placeholders  # noqa: F401\n",
            "wagtail_helpcenter.discussions.models is not allowed to import "
            "wagtail_helpcenter.discussions.actions",
        ),
    ],
)
def test_an_import_against_the_layers_breaks_the_contract(
    tmp_path, module, after, import_line, broken
):
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    shutil.copytree(
        ROOT / "wagtail_helpcenter",
        tmp_path / "wagtail_helpcenter",
        ignore=shutil.ignore_patterns("__pycache__", "static", "templates", "locale"),
    )
    path = tmp_path / "wagtail_helpcenter" / module
    source = path.read_text()
    assert after in source
    path.write_text(source.replace(after, after + import_line, 1))

    result = lint_imports(tmp_path)

    assert result.returncode == 1, result.stdout + result.stderr
    assert broken in " ".join(result.stdout.split())
