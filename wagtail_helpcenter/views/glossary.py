"""The A-Z glossary page of a help center (``<help center>/glossary/``), in the help
center's language: its terms by first letter, each with its anchor and definition."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .. import glossary, seo
from .route_pages import route_page_context


def glossary_page(request, help_center):
    terms = glossary.terms_for(help_center, help_center.locale_id, request)
    if not terms:
        raise Http404  # no glossary in this language: nothing to link to
    groups = glossary.grouped_by_letter(terms)
    url = glossary.glossary_full_url(request, help_center)
    restricted = seo.is_restricted(request, help_center)
    structured_data = None
    if not restricted:
        data = glossary.defined_term_set(help_center, terms, url, seo.page_language())
        structured_data = seo.json_ld(data)
    context = {
        **route_page_context(request, help_center),
        "page_title": _("Glossary"),
        "description": _("What the words used in %(help_center)s mean, from A to Z.")
        % {"help_center": help_center.title},
        "canonical": url,
        "restricted": restricted,
        "groups": groups,
        "letters": [letter for letter, _terms in groups],
        "structured_data": structured_data,
    }
    return TemplateResponse(request, "wagtail_helpcenter/pages/glossary.html", context)
