"""Editors' picks: results an editor pinned to a query with Wagtail's search promotions
(``wagtail.contrib.search_promotions``, optional). Shown above the results on page 1."""

from django.apps import apps

from ..listing import holds_visible_content
from ..models import CategoryPage
from ..visibility import get_visibility
from .text import clean_query

MAX_PICKS = 5


def editors_picks(request, help_center, query):
    """``[{"title", "url", "summary"}]`` for ``query``: page picks only when the page is
    live, inside this help center and visible to the request; external links as set."""
    if not query or not apps.is_installed("wagtail.contrib.search_promotions"):
        return []
    from wagtail.contrib.search_promotions.models import SearchPromotion
    from wagtail.search.utils import normalise_query_string

    promotions = SearchPromotion.objects.filter(
        query__query_string=normalise_query_string(clean_query(query))
    ).select_related("page")
    visibility = get_visibility(request)
    picks = []
    for promotion in promotions[: MAX_PICKS * 2]:
        page = promotion.page
        if page is not None:
            if not (
                page.live and page.path.startswith(help_center.path) and visibility.can_view(page)
            ):
                continue
            # A category is named only when it holds something the visitor may read.
            if page.specific_class is CategoryPage and not holds_visible_content(request, page):
                continue
            url = page.get_url(request)
        elif promotion.external_link_url:
            url = promotion.external_link_url
        else:
            continue
        picks.append({"title": promotion.title, "url": url, "summary": promotion.description})
    return picks[:MAX_PICKS]
