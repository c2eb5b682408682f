"""The view layer's part in serving the help center's pages: what ``serve`` and ``route``
of the page types (``models/pages.py``) hand over through ``models.handlers``."""

from .. import languages, page_views
from ..visibility import mark_private_when_restricted


def served(request, page, response):
    """Every page's response, its routes' included: the visit counted for the funnel,
    and ``Cache-Control: private`` when it may show restricted content."""
    page_views.count_visit(request, response)
    return mark_private_when_restricted(request, page, response)


def count_view(request, page, response):
    """A view of an article or FAQ page, counted when shown to a visitor."""
    if page_views.should_count(request, response):
        page_views.count_view(request, page)


def route_to_translation(page, request, path_components):
    """The child ``path_components`` names in another language of ``page`` (see
    ``languages.route_to_translation``); None when the site is not multilingual."""
    if not languages.is_multilingual():
        return None
    return languages.route_to_translation(page, request, path_components)
