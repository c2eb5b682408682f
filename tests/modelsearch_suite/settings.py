"""django-modelsearch's test project (``modelsearch.test.settings``, from its sdist),
with our database backend as the default and our text table built after ``migrate``
(``apps.py``); the fixture ``search`` the sdist lacks is this app's (``fixtures/``).
The database comes from ``DATABASE_URL`` (PostgreSQL), SQLite otherwise."""

from modelsearch.test.settings import *  # noqa: F403 - the project under test
from modelsearch.test.settings import DATABASES, INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.modelsearch_suite.apps.ModelsearchSuiteConfig"]
MODELSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail_helpcenter.search.backends.database"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
