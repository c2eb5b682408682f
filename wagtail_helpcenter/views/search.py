"""The help center search page (``search/``), its JSON and suggestions (``search/suggest/``)."""

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from .. import funnel, glossary
from ..listing import InvalidParameter, categories_with_counts
from ..search import clicks
from ..search.cache import cached_outcome
from ..search.params import SearchParams
from ..search.picks import editors_picks
from ..search.query import HelpCenterSearch, suggest
from ..search.spelling import did_you_mean, vocabulary
from ..search.terms import record_search, should_record
from ..search.text import clean_query
from .api import allow_origin
from .route_pages import route_page_context


def _wants_json(request):
    return request.GET.get("format", "").strip() == "json"


def search(request, help_center):
    try:
        params = SearchParams.from_request(request)
    except InvalidParameter as error:
        if _wants_json(request):
            return allow_origin(request, JsonResponse({"error": str(error)}, status=400))
        return render_page(
            request, help_center, None, clean_query(request.GET.get("q", "")), str(error), 400
        )

    search_run = HelpCenterSearch(request, help_center, params)
    outcome = cached_outcome(search_run)
    click_token = None
    if outcome.total == 0 and outcome.terms:
        suggestion = did_you_mean(
            outcome.terms, vocabulary(request, help_center, search_run.locale_id)
        )
        # Only a suggestion that finds something: never a dead end, and never a word
        # the visitor may not see (the vocabulary is cached for a while, so a title
        # that just moved to an internal section could still be in it).
        if suggestion and HelpCenterSearch.finds_anything(request, help_center, suggestion):
            outcome.suggestion = suggestion
    if outcome.page == 1:
        outcome.picks = editors_picks(request, help_center, params.query)
        # Count a search once, when its first page is asked for, and only when the
        # visitor finished typing (not the widget's searches as they type).
        counted = params.page == 1 and params.complete and outcome.terms
        if counted and should_record(request, params.query):
            record_search(request, help_center, params.query, outcome.total == 0)
            if outcome.hits and funnel.is_visitor(request):
                click_token = clicks.issue_token(help_center, params.query)
    elif not params.want_json:
        click_token = clicks.carried_token(help_center, params.query, request.GET.get("click"))
    first_position = (outcome.page - 1) * search_run.page_size() + 1
    if params.want_json:
        data = as_json(outcome, click_token, first_position)
        response = allow_origin(request, JsonResponse(data))
    else:
        response = render_page(
            request, help_center, outcome, params.query, click_token=click_token,
            first_position=first_position,
        )  # fmt: skip
    if click_token:
        # One token per search: a shared cache must not hand it to the next visitor.
        patch_cache_control(response, private=True)
    return response


def as_json(outcome, click_token=None, first_position=1):
    """The JSON search; with ``click_token`` (a counted search), each result's position
    and page id, for reporting the result opened (``search/click/``)."""
    results = [
        {
            "title": hit.title,
            "url": hit.url,
            "summary": hit.summary,
            "kind": hit.kind,
            "category": hit.category,
            "locale": hit.locale,
            "highlight": str(hit.highlight),
            "other_language": hit.other_language,
        }
        for hit in outcome.hits
    ]
    if click_token:
        for offset, (result, hit) in enumerate(zip(results, outcome.hits, strict=True)):
            result.update(position=first_position + offset, page_id=hit.page.pk)
    return {
        "click_token": click_token,
        "query": outcome.query,
        "total": outcome.total,
        "page": outcome.page,
        "num_pages": outcome.num_pages,
        "results": results,
        "picks": outcome.picks,
        "facets": outcome.facets(),
        "suggestion": outcome.suggestion,
        "corrected_query": outcome.corrected_query,
        "answer": outcome.answer.as_json() if outcome.answer else None,
        "degraded": outcome.degraded,
    }


def render_page(
    request, help_center, outcome, query, error=None, status=200, click_token=None,
    first_position=1,
):  # fmt: skip
    context = {
        **route_page_context(request, help_center),
        "click_token": click_token,
        "first_position": first_position,
        "search_query": query,
        "outcome": outcome,
        "error": error,
        "page_title": _("Search: %(query)s") % {"query": query} if query else _("Search"),
    }
    if outcome and outcome.page == 1:
        context["glossary_terms"] = glossary.matching_terms(request, help_center, query)
        context["glossary_url"] = glossary.glossary_url(request, help_center)
    if not (outcome and outcome.hits):
        # The empty state offers the topics to browse.
        context["categories"] = categories_with_counts(request, help_center)
    return TemplateResponse(request, "wagtail_helpcenter/pages/search.html", context, status=status)


def suggestions(request, help_center):
    prefix = clean_query(request.GET.get("q", ""))
    return allow_origin(request, JsonResponse(suggest(request, help_center, prefix), safe=False))
