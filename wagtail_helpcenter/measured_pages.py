"""The page a visitor's browser reports on (a search result opened, an article read):
looked up so that it reveals nothing about pages the visitor may not see."""

from wagtail.models import Page

from .models import ArticlePage, FAQPage
from .semantic.retrieval import source_help_center
from .visibility import get_visibility


def live_article_or_faq(help_center, page_id):
    """The live article or FAQ page ``page_id`` below ``help_center``, or None."""
    return (
        Page.objects.descendant_of(help_center)
        .live()
        .filter(pk=page_id)
        .type(ArticlePage, FAQPage)
        .specific()
        .first()
    )


def measured_page(request, help_center, page_id):
    """The live article or FAQ page ``page_id`` of ``help_center`` (or of the help center
    it translates: a result "not translated yet"), if this request may view it; None
    otherwise, whatever the reason (no such page, a draft, another help center's, an
    internal one), so a refusal tells nothing."""
    if page_id is None:
        return None
    page = live_article_or_faq(help_center, page_id)
    if page is None:
        source = source_help_center(help_center)
        page = live_article_or_faq(source, page_id) if source is not None else None
    if page is None or not get_visibility(request).can_view(page):
        return None
    return page
