"""What visitors' browsers report after a page is shown: the search result they opened
(``<help center>/search/click/``) and how long they read (``<help center>/read/``).

Both are GET requests sent with ``fetch(..., {keepalive: true})``, not POSTs with
``navigator.sendBeacon``: a route of a Wagtail page is served through Wagtail's ``serve``
view, which Django's CSRF middleware protects as a whole, so a POST would need a CSRF
token (and its cookie), and the help widget on another site could never send one. They
change nothing but anonymous counters, each counted once (per search token, per
visitor, page and day) and rate limited per address, so a forged request can do no
more than the visitor could by opening the page itself; the answer is empty (204) and
never cached.
"""

from django.http import HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from .. import reading
from ..conf import get_config
from ..listing import InvalidParameter
from ..search import clicks
from ..visitors import over_rate_limit

RATE_WINDOW_SECONDS = 600
TOO_MANY_REQUESTS = 429


def _answer(response):
    add_never_cache_headers(response)
    return response


def _received(request, find):
    """``find(request.GET)`` after the checks every beacon goes through (a GET, the
    rate limit); the value found, or the response refusing the request."""
    if request.method != "GET":
        return _answer(HttpResponseNotAllowed(["GET"]))
    limit = get_config()["BEACONS_PER_ADDRESS"]
    if over_rate_limit(request, "beacons", limit, RATE_WINDOW_SECONDS):
        message = _("Too many requests: try again later.")
        return _answer(JsonResponse({"error": message}, status=TOO_MANY_REQUESTS))
    try:
        return find(request.GET)
    except InvalidParameter as error:
        return _answer(JsonResponse({"error": str(error)}, status=400))


def search_click(request, help_center):
    click = _received(request, lambda data: clicks.parse_click(request, help_center, data))
    if isinstance(click, HttpResponse):
        return click
    clicks.record_click(request, help_center, click)
    return _answer(HttpResponse(status=204))


def read(request, help_center):
    found = _received(request, lambda data: reading.parse_read(request, help_center, data))
    if isinstance(found, HttpResponse):
        return found
    reading.record_read(request, *found)
    return _answer(HttpResponse(status=204))
