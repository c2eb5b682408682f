"""How long visitors stay on an article or FAQ page: one of three buckets, sent by the
page's script when the visitor leaves (``<help center>/read/``), counted once per
visitor, page and day on the page's daily counter. Only visible time is measured (the
script pauses while the tab is hidden); no cookie is set and no visitor is stored.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from .conf import get_config
from .counting import add_to_count
from .funnel import is_visitor
from .ids import parse_id
from .listing import InvalidParameter
from .measured_pages import measured_page
from .models.feedback import PageViewDay
from .visitors import first_time_today

# Bucket -> PageViewDay field; the script sorts: under 10 s, 10 to 60 s, longer.
BUCKETS = {"short": "short_reads", "medium": "medium_reads", "long": "long_reads"}


def parse_read(request, help_center, data):
    """``(page, bucket)`` that ``data`` describes: a bucket, and a live article or FAQ
    page of this help center this request may see. InvalidParameter otherwise (the same
    message for a page that does not exist and one the visitor may not see)."""
    bucket = data.get("bucket", "")
    if bucket not in BUCKETS:
        raise InvalidParameter(_("The reading time must be “short”, “medium” or “long”."))
    page = measured_page(request, help_center, parse_id(data.get("page", ""), Page))
    if page is None:
        raise InvalidParameter(_("There is no such article in this help center."))
    return page, bucket


def record_read(request, page, bucket):
    """Count one read of ``page`` in ``bucket``, the first time today this visitor sends
    one for it; True when counted."""
    if not get_config()["COUNT_PAGE_VIEWS"] or not is_visitor(request):
        return False
    if not first_time_today(request, f"read:{page.pk}"):
        return False
    add_to_count(PageViewDay, {"page": page, "date": timezone.localdate()}, {BUCKETS[bucket]: 1})
    return True
