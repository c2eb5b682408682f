"""The read API: ``<help center>/api/categories/``, ``api/articles/``,
``api/articles/<id>/`` and ``api/faq/``; the search is ``search/?format=json``.

JSON, public pages only, paginated (``?page=N``), with ETag and Last-Modified for
caches, a per-address rate limit, and CORS for the origins in ``API_ORIGINS``.
"""

import hashlib
import json

from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _

from .. import api, visitors
from ..conf import get_config
from ..ids import parse_id
from ..listing import InvalidParameter, id_parameter, page_number
from ..models import ArticlePage

API_PAGE_SIZE = 20
RATE_WINDOW_SECONDS = 60
TOO_MANY_REQUESTS = 429


def allow_origin(request, response):
    """CORS: let the configured origins (the help widget's host sites) read ``response``."""
    origin = request.headers.get("Origin")
    response["Vary"] = "Origin"
    if origin and origin in get_config()["API_ORIGINS"]:
        response["Access-Control-Allow-Origin"] = origin
    return response


def over_rate_limit(request):
    limit = get_config()["API_REQUESTS_PER_MINUTE"]
    return visitors.over_rate_limit(request, "api", limit, RATE_WINDOW_SECONDS)


def error(request, message, status=400):
    return allow_origin(request, JsonResponse({"error": message}, status=status))


def cached_json(request, data, last_modified=None):
    """``data`` as JSON with an ETag (and Last-Modified); 304 when the client has it."""
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).encode()
    etag = quote_etag(hashlib.sha256(body).hexdigest()[:32])
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=60"
    if last_modified:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    return allow_origin(request, response)


def paginated(request, queryset, to_data):
    page = Paginator(queryset, API_PAGE_SIZE).get_page(page_number(request))
    items = list(page.object_list)
    stamps = [stamp for item in items if (stamp := getattr(item, "last_published_at", None))]
    data = {
        "count": page.paginator.count,
        "page": page.number,
        "num_pages": page.paginator.num_pages,
        "results": [to_data(item) for item in items],
    }
    return data, max(stamps, default=None)


def endpoint(view):
    """GET only, rate limited, anonymous view of pages, clear 400s."""

    def wrapped(request, help_center, *args):
        if request.method == "OPTIONS":
            return allow_origin(request, HttpResponse(status=204))
        if request.method not in ("GET", "HEAD"):
            return error(request, _("Only GET is allowed."), status=405)
        if over_rate_limit(request):
            response = error(
                request, _("Too many requests: try again in a minute."), TOO_MANY_REQUESTS
            )
            response["Retry-After"] = str(RATE_WINDOW_SECONDS)
            return response
        api.as_anonymous(request)
        try:
            return view(request, help_center, *args)
        except InvalidParameter as problem:
            return error(request, str(problem))

    return wrapped


def _category_parents(help_center):
    return api.page_ids_by_path(api.categories(help_center))


@endpoint
def categories(request, help_center):
    parents = _category_parents(help_center)
    data, _last = paginated(
        request,
        api.categories(help_center),
        lambda category: api.category_data(request, category, parents),
    )
    return cached_json(request, data)


@endpoint
def articles(request, help_center):
    parents = _category_parents(help_center)
    queryset = api.articles(help_center, id_parameter(request, "category"))
    data, last = paginated(
        request, queryset, lambda article: api.article_summary(request, article, parents)
    )
    return cached_json(request, data, last)


@endpoint
def article(request, help_center, article_id):
    article_id = parse_id(article_id, ArticlePage)
    found = api.articles(help_center).filter(pk=article_id).first() if article_id else None
    if found is None:
        return error(request, _("There is no such article in this help center."), 404)
    data = api.article_detail(request, found, _category_parents(help_center))
    return cached_json(request, data, found.last_published_at)


@endpoint
def faq(request, help_center):
    data, _last = paginated(
        request, api.faq_items(help_center), lambda item: api.faq_item_data(request, item)
    )
    return cached_json(request, data)
