"""Help center pages for anonymous visitors, from Django's cache framework.

Wagtail serves a page through a chain of ``on_serve_page`` hooks; ``cached_serve`` is
the innermost (``wagtail_hooks``), so Wagtail's own view restriction check and every
other hook run before a cached copy is returned, on every request.

What is cached is what every anonymous visitor of a page in one language is shown:
per-visitor parts stay out of it. The CSRF token of each form is stored as a
placeholder and the visitor's own token put in on the way out; "you voted" is a
``?voted=`` page, which is not cached; a visitor with a message waiting ("Your comment
was posted.") gets the page rendered for them; signed-in visitors and visitors who
passed a page password get pages rendered for them, marked ``Cache-Control: private``.

Keys hold the content generations of the page's part of the tree (``generations``),
so a change is seen on the next request, and the help center's configuration, so a
setting that changes templates never serves copies made with the old one.
"""

import hashlib
import re
from dataclasses import dataclass

from django.contrib.messages import get_messages
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.crypto import salted_hmac
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import PageViewRestriction

from .. import page_views
from ..conf import config_fingerprint, get_config
from ..models.pages import ArticlePage, CategoryPage, FAQPage, HelpCenterPage
from ..visibility import forget_visibility
from ..visitors import is_bot, is_preview
from . import generations

CACHED_PAGE_TYPES = (HelpCenterPage, CategoryPage, ArticlePage, FAQPage)
# Query parameters a page's content depends on (listing and comment pages); any other
# parameter (?voted=, campaign tags) gets a page rendered for the request.
CACHED_PARAMETERS = frozenset({"page", "comments", "comments_page"})
COMMENT_ORDERS = frozenset({"newest", "oldest"})
MAX_PAGE_NUMBER_DIGITS = 3  # pages 1 to 999: a bounded number of copies per page
# django-comments refuses a comment form older than two hours: a copy is kept at most
# one, so its form is always good for an hour more.
MAX_PAGE_CACHE_SECONDS = 3600
HIT_HEADER = "X-Helpcenter-Cache"
CSRF_INPUT = re.compile(r'(<input type="hidden" name="csrfmiddlewaretoken" value=")[^"]*(">)')
# Kept instead of each form's token; the same in every worker, never a real token.
CSRF_PLACEHOLDER = salted_hmac("wagtail_helpcenter.page_cache", "csrf").hexdigest()[:40]
STORED_HEADERS = ("Content-Type", "Content-Language", "X-Robots-Tag")


@dataclass(frozen=True)
class CachedRoute:
    """What ``PageCacheMiddleware`` needs to find a URL's copy without Wagtail's routing:
    kept only for pages no view restriction applies to, and never for an alias."""

    pk: int
    path: str
    counts_views: bool


@dataclass(frozen=True)
class CachedPage:
    content: bytes
    headers: dict
    help_center_id: int | None
    help_center_locale_id: int | None


def page_cache():
    return caches[get_config()["PAGE_CACHE_ALIAS"]]


def signed_in(request):
    """Signed in, or holding a page password: shown what anonymous visitors are not."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    session = getattr(request, "session", None)
    key = PageViewRestriction.passed_view_restrictions_session_key
    return bool(session is not None and session.get(key))


def has_pending_messages(request):
    """A message of the messages framework waits for this visitor ("Your comment was
    posted."): a site's base template may show it, so the page is theirs alone. Counting
    them does not mark them read."""
    return len(get_messages(request)) > 0


def cacheable_parameters(request):
    """The query parameters as part of a key, or None when the request must be
    rendered for itself: only the values pages answer with content of their own (a page
    number as written by the pagination, a comment order), so nobody can fill the cache
    with copies of one page under made-up values."""
    parameters = []
    for name, values in request.GET.lists():
        if name not in CACHED_PARAMETERS or len(values) != 1:
            return None
        value = values[0]
        if name == "comments":
            if value not in COMMENT_ORDERS:
                return None
        elif not (value.isdigit() and value.isascii() and value[0] != "0"
                  and len(value) <= MAX_PAGE_NUMBER_DIGITS):  # fmt: skip
            return None
        parameters.append(f"{name}={value}")
    return "&".join(sorted(parameters))


def is_index_route(page, request):
    """A help center answers its search, feeds and API on its own routes: only its home
    is a page to cache."""
    if not isinstance(page, RoutablePageMixin):
        return True
    match = getattr(request, "routable_resolver_match", None)
    return match is None or match.url_name == "index_route"


def cache_key(page, request, parameters):
    parts = (
        generations.tokens_for(page.path),
        config_fingerprint(),
        request.scheme,
        request.get_host(),
        request.get_port(),  # Wagtail tells sites apart by port too
        request.path,
        parameters,
        translation.get_language() or "",
        "robot" if is_bot(request) else "visitor",
    )
    return f"wagtail_helpcenter:page:{page.pk}:{digest(parts)}"


def route_key(request):
    parts = (
        config_fingerprint(), request.scheme, request.get_host(), request.get_port(),
        request.path, translation.get_language() or "",
    )  # fmt: skip
    return f"wagtail_helpcenter:route:{digest(parts)}"


def digest(parts):
    """The parts of a key as one digest: keys of one length whatever the URL."""
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def still_as_routed(page):
    """The page Wagtail routed to (before the tokens were read) is still live, where
    it was and as it was published: else a change committed during the request, and
    its copy is not kept."""
    return (
        type(page)
        .objects.filter(
            pk=page.pk, live=True, path=page.path, last_published_at=page.last_published_at
        )
        .exists()
    )


def route_for_middleware(page):
    if page.alias_of_id or page.get_view_restrictions():
        return None
    return CachedRoute(page.pk, page.path, bool(getattr(page, "counts_views", False)))


def stored_copy(response):
    """What of ``response`` may be kept for other visitors, or None."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return None
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("private", "no-cache", "no-store")):
        return None
    help_center = (getattr(response, "context_data", None) or {}).get("help_center")
    content = CSRF_INPUT.sub(rf"\g<1>{CSRF_PLACEHOLDER}\g<2>", response.content.decode())
    return CachedPage(
        content=content.encode(),
        headers={name: response[name] for name in STORED_HEADERS if response.has_header(name)},
        help_center_id=getattr(help_center, "pk", None),
        help_center_locale_id=getattr(help_center, "locale_id", None),
    )


def response_from(copy, request):
    content = copy.content
    if CSRF_PLACEHOLDER.encode() in content:
        content = content.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
    response = HttpResponse(content, headers=copy.headers)
    response[HIT_HEADER] = "hit"
    return response


def cached_serve(serve):
    """The ``on_serve_page`` hook: ``serve`` is the rest of Wagtail's chain."""

    def serve_page(page, request, args, kwargs):
        if not _may_use_cache(page, request):
            response = serve(page, request, args, kwargs)
            if signed_in(request):
                patch_cache_control(response, private=True)
                patch_vary_headers(response, ["Cookie"])
            return response
        parameters = cacheable_parameters(request)
        if parameters is None:
            return serve(page, request, args, kwargs)
        cache = page_cache()
        key = cache_key(page, request, parameters)
        # What is rendered from here on is read after the tokens (the restrictions
        # Wagtail's check read may be older): a change committed meanwhile renewed
        # them, so the copy goes under a key nobody reads.
        forget_visibility(request)
        copy = cache.get(key)
        if copy is not None:
            page_views.count_cached_visit(
                request, page, copy.help_center_id, copy.help_center_locale_id
            )
            return response_from(copy, request)
        response = serve(page, request, args, kwargs)
        timeout = min(get_config()["PAGE_CACHE_SECONDS"], MAX_PAGE_CACHE_SECONDS)

        def store(rendered):
            copy = stored_copy(rendered)
            if copy is not None and still_as_routed(page):
                cache.set(key, copy, timeout)
                route = route_for_middleware(page)
                if route is not None:
                    cache.set(route_key(request), route, timeout)
            rendered[HIT_HEADER] = "miss"

        if hasattr(response, "add_post_render_callback"):
            response.add_post_render_callback(store)
        return response

    return serve_page


def _may_use_cache(page, request):
    return (
        isinstance(page, CACHED_PAGE_TYPES)
        and is_index_route(page, request)
        and may_get_a_copy(request)
    )


def may_get_a_copy(request):
    return (
        get_config()["PAGE_CACHE_SECONDS"] > 0
        and request.method in ("GET", "HEAD")
        and not is_preview(request)
        and not signed_in(request)
        and not has_pending_messages(request)
    )


def copy_before_routing(request):
    """The response ``PageCacheMiddleware`` sends without Wagtail's routing, or None."""
    if not may_get_a_copy(request):
        return None
    parameters = cacheable_parameters(request)
    if parameters is None:
        return None
    cache = page_cache()
    route = cache.get(route_key(request))
    if route is None:
        return None
    copy = cache.get(cache_key(route, request, parameters))
    if copy is None:
        return None
    page_views.count_cached_visit(request, route, copy.help_center_id, copy.help_center_locale_id)
    response = response_from(copy, request)
    response[HIT_HEADER] = "hit-before-routing"
    return response
