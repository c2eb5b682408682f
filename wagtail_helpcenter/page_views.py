"""Counting page views: one number per page per day, without cookies or personal data.

Robots, previews, editors (users of the Wagtail admin) and anything but a successful
GET are not counted. A page served from a full-page cache (a CDN, Varnish) is not
counted either: count at the cache if you put one in front.
"""

from django.utils import timezone

from .conf import get_config
from .counting import add_to_count
from .models.feedback import PageViewDay
from .visitors import is_bot, is_editor, is_preview


def should_count(request, response):
    if not get_config()["COUNT_PAGE_VIEWS"]:
        return False
    if request.method != "GET" or response.status_code != 200:
        return False
    if "voted" in request.GET:  # the page shown again after a vote without JavaScript
        return False
    return not (is_preview(request) or is_bot(request) or is_editor(request))


def count_view(page):
    add_to_count(PageViewDay, {"page": page, "date": timezone.localdate()}, {"views": 1})
