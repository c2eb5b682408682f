"""The help center search page at ``<help center>/search/?q=...``."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Page

from .. import listing
from ..conf import get_config
from ..models import ArticlePage, FAQPage
from ..visibility import visible_pages

MAX_QUERY_LENGTH = 200


def search(request, help_center):
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    context = help_center.get_context(request)
    context.update(search_query=query, results=None)
    status = 200
    try:
        if query:
            pages = visible_pages(
                request, Page.objects.descendant_of(help_center).type(ArticlePage, FAQPage)
            ).specific()
            context["results"] = listing.paginate(
                request, pages.search(query), get_config()["SEARCH_PAGE_SIZE"]
            )
    except listing.InvalidParameter as error:
        context["error"] = str(error)
        status = 400
    context["page_title"] = _("Search") if not query else _("Search: %(query)s") % {"query": query}
    context["breadcrumbs"] = [*context["breadcrumbs"], help_center]
    return TemplateResponse(request, "wagtail_helpcenter/pages/search.html", context, status=status)
