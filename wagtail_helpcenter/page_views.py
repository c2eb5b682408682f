"""Counting page views: one number per page per day, without cookies or personal data.

A visitor's views of a page count once a day (told apart by a keyed hash kept in the
cache for the day, never in the database), so reloading cannot inflate them. Robots,
previews, editors (users of the Wagtail admin) and anything but a successful GET are
not counted. A page served from a full-page cache (a CDN, Varnish) is not
counted either: count at the cache if you put one in front.
"""

from typing import NamedTuple

from django.utils import timezone

from .conf import get_config
from .counting import add_to_count
from .funnel import count_visit as count_funnel_visit
from .models.feedback import PageViewDay
from .visitors import first_time_today, is_bot, is_editor, is_preview


class HelpCenterOfVisit(NamedTuple):
    """What the funnel needs of the help center a cached page was shown in."""

    pk: int
    locale_id: int


def is_countable(request, response):
    """A successful GET of a page shown to someone, while counting is on."""
    if response.status_code != 200 or not hasattr(response, "context_data"):
        return False  # an error, a redirect, a file, a feed
    return is_countable_request(request)


def is_countable_request(request):
    """A GET, while counting is on, not the page shown again after a vote without
    JavaScript, a preview or a robot's."""
    if not get_config()["COUNT_PAGE_VIEWS"] or request.method != "GET":
        return False
    return not ("voted" in request.GET or is_preview(request) or is_bot(request))


def should_count(request, response):
    return is_countable(request, response) and not is_editor(request)


def measures_reading(request):
    """Whether a page served to ``request`` carries the reading-time script (see
    ``reading``): for the visitors whose views are counted."""
    if not get_config()["COUNT_PAGE_VIEWS"]:
        return False
    return not (is_preview(request) or is_bot(request) or is_editor(request))


def count_view(request, page):
    if first_time_today(request, f"page-view:{page.pk}"):
        add_to_count(PageViewDay, {"page_id": page.pk, "date": timezone.localdate()}, {"views": 1})


def count_visit(request, response):
    """A visit to the help center the page was shown in (the visitor's language's, for
    a page shown untranslated), for the deflection funnel: once per visitor and day."""
    if not is_countable(request, response):
        return
    help_center = (response.context_data or {}).get("help_center")
    if help_center is not None:
        count_funnel_visit(request, help_center)


def count_cached_visit(request, page, help_center_id, help_center_locale_id):
    """What ``count_visit`` and ``count_view`` count, for a page served from the page
    cache (``caching.pages``) without running its ``serve``. The cache holds pages for
    anonymous visitors only: no editor is among them."""
    if not is_countable_request(request):
        return
    if help_center_id is not None:
        count_funnel_visit(request, HelpCenterOfVisit(help_center_id, help_center_locale_id))
    if getattr(page, "counts_views", False):
        count_view(request, page)
