"""Rich text for one request: links to pages it may not open keep their words and lose
their address.

An editor may link a public article to an internal or unpublished page; the visitor then
sees the words, never the link (nor the page's address). This is Wagtail's own rich text
rewriting (the same tag and attribute parsing, the same handlers for every other link
and embed type) with the page link handler swapped for one that asks the request's
visibility: a regex of our own read attributes differently from Wagtail and let
``<a linktype="page" id="33" data-id="5">`` through. A hidden link becomes ``<a>``, as
Wagtail renders a link to a page that no longer exists.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.models import Page
from wagtail.rich_text import features
from wagtail.rich_text.rewriters import (
    FIND_A_TAG,
    EmbedRewriter,
    LinkRewriter,
    MultiRuleRewriter,
    extract_attrs,
)

from .body_text import strings_in  # noqa: F401 - named here for prefetch_linked_pages
from .ids import parse_id
from .visibility import get_visibility

_CACHE_ATTRIBUTE = "_wagtail_helpcenter_linked_pages"
HIDDEN_LINK = "<a>"


def page_link_ids(source):
    """The ids of the pages ``source`` links to, parsed as Wagtail parses them."""
    ids = set()
    for attr_string in FIND_A_TAG.findall(source or ""):
        attrs = extract_attrs(attr_string)
        if attrs.get("linktype") == "page":
            page_id = parse_id(attrs.get("id"), Page)
            if page_id is not None:
                ids.add(page_id)
    return ids


def _linked_pages(request, ids):
    """``{id: page or None}`` for ``ids``, cached on the request across rich text blocks."""
    cache = getattr(request, _CACHE_ATTRIBUTE, None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            setattr(request, _CACHE_ATTRIBUTE, cache)
    missing = set(ids) - cache.keys()
    if missing:
        cache.update(Page.objects.in_bulk(missing))
        cache.update(dict.fromkeys(missing - cache.keys()))
    return cache


def prefetch_linked_pages(request, sources):
    """Look up every page linked from ``sources`` in one query (call before rendering)."""
    ids = set().union(*(page_link_ids(source) for source in sources))
    if ids:
        _linked_pages(request, ids)


def _page_link_rule(request):
    visibility = get_visibility(request)

    def expand_many(attrs_list):
        ids = [parse_id(attrs.get("id"), Page) for attrs in attrs_list]
        pages = _linked_pages(request, {page_id for page_id in ids if page_id is not None})
        tags = []
        for page_id in ids:
            page = pages.get(page_id)
            # Wagtail links to the translation in the visitor's language, when live.
            target = page.localized if page is not None else None
            if target is None or not target.live or not visibility.can_view(target):
                tags.append(HIDDEN_LINK)
            else:
                tags.append(f'<a href="{escape(target.url)}">')
        return tags

    return expand_many


def rewriter_for(request):
    """Wagtail's front-end rewriter (``wagtail.rich_text.get_rewriter``) with the page
    link rule of ``request``."""
    link_rules = {
        linktype: handler.expand_db_attributes_many
        for linktype, handler in features.get_link_types().items()
    }
    link_rules["page"] = _page_link_rule(request)
    embed_rules = {
        embedtype: handler.expand_db_attributes_many
        for embedtype, handler in features.get_embed_types().items()
    }
    return MultiRuleRewriter(
        [LinkRewriter(bulk_rules=link_rules), EmbedRewriter(bulk_rules=embed_rules)]
    )


def hide_unviewable_links(source, request):
    """Database HTML expanded for ``request`` (front-end HTML)."""
    return rewriter_for(request)(source or "")


def render_rich_text(value, request):
    """Rich text (a RichText value or database HTML) as safe HTML for ``request``."""
    source = getattr(value, "source", value) or ""
    return mark_safe(hide_unviewable_links(source, request))  # noqa: S308 - Wagtail's own rich text rewriting
