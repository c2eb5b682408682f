"""The test settings with the discussions sub-app but without django-comments-xtd and
its companions (see test_checks)."""

from tests.settings import *  # noqa: F403

INSTALLED_APPS = [  # noqa: F405
    app
    for app in INSTALLED_APPS  # noqa: F405
    if app not in ("django_comments_xtd", "django_comments", "django.contrib.sites")
]
