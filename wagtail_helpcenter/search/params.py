"""The search page's URL parameters, checked: bad values give a clear message (400)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from ..listing import InvalidParameter, id_parameter, page_number
from .text import clean_query

KINDS = ("article", "faq")


@dataclass(frozen=True)
class SearchParams:
    query: str
    page: int = 1
    category_id: int | None = None
    kind: str | None = None
    want_json: bool = False
    # The visitor finished typing (the search page's form, or the widget's Enter key):
    # only such searches are counted for the search terms report.
    complete: bool = True
    # Search the words as typed: no misspelt word is replaced ("Search instead for").
    exact: bool = False

    @classmethod
    def from_request(cls, request):
        get = request.GET
        category_id = id_parameter(request, "category")
        kind = get.get("kind", "").strip() or None
        if kind is not None and kind not in KINDS:
            raise InvalidParameter(_("The kind must be “article” or “faq”."))
        output = get.get("format", "").strip() or "html"
        if output not in ("html", "json"):
            raise InvalidParameter(_("The format must be “html” or “json”."))
        return cls(
            query=clean_query(get.get("q", "")),
            page=page_number(request),
            category_id=category_id,
            kind=kind,
            want_json=output == "json",
            complete=output == "html" or get.get("complete", "").strip() == "1",
            exact=get.get("exact", "").strip() == "1",
        )
