"""The test settings of a site in one language, without any translation app: the help
center's core needs neither wagtail-localize nor Wagtail's i18n (see test_checks)."""

from tests.settings import *  # noqa: F403

INSTALLED_APPS = [  # noqa: F405
    app
    for app in INSTALLED_APPS  # noqa: F405
    if not app.startswith(("wagtail_localize", "wagtail_helpcenter.translation"))
]
WAGTAIL_I18N_ENABLED = False
