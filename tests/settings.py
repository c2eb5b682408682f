"""Settings for the test suite.

The database comes from ``DATABASE_URL`` (any dj-database-url address, e.g.
``postgres://user:pass@127.0.0.1:5432/helpcenter``); SQLite in memory when unset.
"""

import os
from pathlib import Path

import dj_database_url

from wagtail_helpcenter.search.engines import helpcenter_index_settings
from wagtail_helpcenter.search.sqlite import SQLITE_INIT_COMMAND

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "tests-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]

INSTALLED_APPS = [
    "wagtail_helpcenter",
    "wagtail_helpcenter.translation",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail_helpcenter.discussions",
    "django_comments_xtd",
    "django_comments",
    "django.contrib.sites",
    "wagtail.contrib.table_block",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "tests.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(default="sqlite://:memory:", conn_max_age=0),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # As docs/how-to/deploy.md recommends: a writer waits for another instead of failing
    # with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": SQLITE_INIT_COMMAND,
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
# A multilingual help center: English (source), Dutch, Persian (right to left), Latvian and
# Simplified Chinese (no spaces between words).
WAGTAIL_I18N_ENABLED = True
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    ("en", "English"),
    ("nl", "Nederlands"),
    ("fa", "فارسی"),
    ("lv", "Latviešu"),
    ("zh-hans", "简体中文"),
]
# wagtail-localize's own test translator: never a live translation service in tests.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
    "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
}
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static-collected"
MEDIA_ROOT = Path(
    os.environ.get("HELPCENTER_TEST_MEDIA_ROOT", "/tmp/wagtail-helpcenter-test-media")
)
MEDIA_URL = "/media/"

WAGTAIL_SITE_NAME = "Help center tests"
# No avatars from gravatar.com: the admin must not wait for another site.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_BASE_URL = "http://testserver"
# Search engine for this run: "database" (default) or "opensearch", whose node
# `python -m tools.opensearch.node run -- ...` starts and names in HELPCENTER_OPENSEARCH_URL.
SEARCH_ENGINE = os.environ.get("HELPCENTER_TEST_SEARCH_ENGINE", "database")
if SEARCH_ENGINE == "opensearch":
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail_helpcenter.search.backends.opensearch2",
            "URLS": [os.environ["HELPCENTER_OPENSEARCH_URL"]],
            "INDEX": "helpcenter_tests",
            "TIMEOUT": 10,
            "INDEX_SETTINGS": helpcenter_index_settings(language="english", replicas=0),
            "LANGUAGE_ANALYZERS": {
                "nl": "dutch",
                "fa": "persian",
                "lv": "latvian",
                "zh-hans": "cjk",  # Chinese words are pairs of characters to the engine
            },
        }
    }
elif SEARCH_ENGINE == "database":
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail_helpcenter.search.backends.database"}}
else:
    raise ValueError(
        f"HELPCENTER_TEST_SEARCH_ENGINE must be database or opensearch, not {SEARCH_ENGINE!r}"
    )
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The built-in contact form is on (it serves a help center whose contact_url is empty).
WAGTAIL_HELPCENTER = {
    "CONTACT_FORM": True,
    "CONTACT_EMAIL": ["support@example.com"],
    # Word lists only, whatever this machine has installed; the tests that read Debian's
    # Hunspell dictionaries fetch them (tools/dictionaries.py) and say so.
    "SPELLING_DICTIONARY_DIRS": [],
}
DEFAULT_FROM_EMAIL = "help@example.com"

# Discussions on django-comments-xtd.
SITE_ID = 1
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MAX_THREAD_LEVEL = 2  # a comment, a reply, a reply to the reply
COMMENTS_XTD_CONFIRM_EMAIL = True  # anonymous posters confirm by email
COMMENTS_XTD_SALT = b"tests-only"
COMMENTS_XTD_FROM_EMAIL = DEFAULT_FROM_EMAIL
COMMENTS_XTD_THREADED_EMAILS = False  # follow-up emails sent before the response, as tested

# The tests run in one process: its local-memory cache is all the rate limits need here
# (a site in production is warned, wagtail_helpcenter.W003).
SILENCED_SYSTEM_CHECKS = ["wagtail_helpcenter.W003"]
