"""Rich text for one request: links to pages it may not open are reduced to their text.

An editor may link a public article to an internal or unpublished page; the visitor then
sees the words, never the link (nor the page's address).
"""

import re

from django.utils.safestring import mark_safe
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from .visibility import get_visibility

PAGE_LINK = re.compile(
    r'<a\b(?=[^>]*\blinktype="page")(?=[^>]*\bid="(?P<id>\d+)")[^>]*>(?P<text>.*?)</a>',
    re.DOTALL,
)
_CACHE_ATTRIBUTE = "_wagtail_helpcenter_linked_pages"


def _linked_pages(request, ids):
    """``{id: (path, live)}`` for ``ids``, cached on the request across rich text blocks."""
    cache = getattr(request, _CACHE_ATTRIBUTE, None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            setattr(request, _CACHE_ATTRIBUTE, cache)
    missing = set(ids) - cache.keys()
    if missing:
        found = Page.objects.filter(pk__in=missing).values_list("pk", "path", "live")
        cache.update({pk: (path, live) for pk, path, live in found})
        cache.update(dict.fromkeys(missing - cache.keys()))
    return cache


def prefetch_linked_pages(request, sources):
    """Look up every page linked from ``sources`` in one query (call before rendering)."""
    ids = {int(match["id"]) for source in sources for match in PAGE_LINK.finditer(source or "")}
    if ids:
        _linked_pages(request, ids)


def strings_in(data):
    """Every string inside nested StreamField raw data (dicts and lists)."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings_in(value)
    elif isinstance(data, list | tuple):
        for value in data:
            yield from strings_in(value)


def hide_unviewable_links(source, request):
    ids = {int(match["id"]) for match in PAGE_LINK.finditer(source)}
    if not ids:
        return source
    pages = _linked_pages(request, ids)
    visibility = get_visibility(request)

    def replace(match):
        page = pages.get(int(match["id"]))
        if page is None:
            return match["text"]
        path, live = page
        if not live or any(path.startswith(hidden) for hidden in visibility.hidden_paths):
            return match["text"]
        return match.group(0)

    return PAGE_LINK.sub(replace, source)


def render_rich_text(value, request):
    """Rich text (a RichText value or database HTML) as safe HTML for ``request``."""
    source = getattr(value, "source", value) or ""
    return mark_safe(expand_db_html(hide_unviewable_links(source, request)))  # noqa: S308 - Wagtail's own rich text rendering
