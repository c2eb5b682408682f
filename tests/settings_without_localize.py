"""The test settings with the translation sub-app but without wagtail-localize: what a
developer who forgot ``pip install wagtail-helpcenter[localize]`` runs (see test_checks)."""

from tests.settings import *  # noqa: F403

INSTALLED_APPS = [app for app in INSTALLED_APPS if not app.startswith("wagtail_localize")]  # noqa: F405
INSTALLED_APPS.append("wagtail.locales")
