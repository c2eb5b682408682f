"""Listing help center pages for a request: only live pages it may view, counted and
paginated in a fixed number of queries whatever the number of pages."""

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _
from wagtail.models import Page

from .exceptions import InvalidParameter  # raised here; the models catch it too
from .ids import is_whole_number, parse_id
from .models import ArticlePage, CategoryPage, FAQPage
from .visibility import visible_pages

MAX_PAGE_PARAMETER_LENGTH = 12


def few_pages(model):
    """All pages of a type that has few of them (categories, FAQ pages), found from its
    own table: SQLite then looks each one up by id, where a filter on the page tree
    (Wagtail's ``child_of``/``descendant_of``) makes it walk every page below the help
    center, articles included. Not for articles, which are the many pages."""
    return model.objects.filter(pk__in=model.objects.values("pk"))


def children_of(request, parent, model):
    pages = model.objects if model is ArticlePage else few_pages(model)
    return visible_pages(request, pages.child_of(parent)).order_by("path")


def holding_visible_content(request, categories):
    """The pages of ``categories`` (a queryset) with a live article or FAQ page below
    them that the request may view. A section with nothing a visitor may read is not
    shown to them, as hosted help centers do: a category of internal articles only
    would otherwise name internal work to everyone."""
    # Descendants by a range on the indexed path: a child's path is its parent's plus
    # letters and digits, all sorting before "~".
    content = visible_pages(request, Page.objects.type(ArticlePage, FAQPage)).filter(
        path__gt=OuterRef("path"), path__lt=Concat(OuterRef("path"), Value("~"))
    )
    return categories.filter(Exists(content))


def holds_visible_content(request, category):
    return holding_visible_content(request, Page.objects.filter(pk=category.pk)).exists()


def article_counts(request, parent, sections):
    """``{section.pk: number of live articles the request may view below it}`` for
    child pages ``sections`` of ``parent``, in one query."""
    if not sections:
        return {}
    prefix_length = (parent.depth + 1) * Page.steplen
    rows = (
        visible_pages(request, ArticlePage.objects.descendant_of(parent))
        .annotate(section_path=Substr("path", 1, prefix_length))
        .values("section_path")
        .annotate(count=Count("pk"))
        .order_by()
    )
    count_by_path = {row["section_path"]: row["count"] for row in rows}
    return {section.pk: count_by_path.get(section.path, 0) for section in sections}


def categories_with_counts(request, parent):
    """The visible child categories of ``parent``, each with ``article_count``."""
    categories = list(holding_visible_content(request, children_of(request, parent, CategoryPage)))
    counts = article_counts(request, parent, categories)
    for category in categories:
        category.article_count = counts[category.pk]
    return categories


def id_parameter(request, name):
    """A page id sent as ``?<name>=``: None when absent; InvalidParameter unless it is a
    whole number of at most MAX_PAGE_PARAMETER_LENGTH digits."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    page_id = parse_id(raw, Page)
    if page_id is None:
        raise InvalidParameter(
            _("The %(name)s must be a page id (a whole number).") % {"name": name}
        )
    return page_id


def page_number(request, name="page"):
    """The ``?page=`` number, 1 when absent; InvalidParameter when it is not a number."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return 1
    if len(raw) > MAX_PAGE_PARAMETER_LENGTH or not is_whole_number(raw) or int(raw) < 1:
        raise InvalidParameter(
            _("The page number must be a whole number of 1 or more, not “%(value)s”.")
            % {"value": raw[:MAX_PAGE_PARAMETER_LENGTH]}
        )
    return int(raw)


def paginate(request, queryset, per_page):
    """A page of ``queryset``; a number past the end shows the last page."""
    return Paginator(queryset, per_page).get_page(page_number(request))


def below(request, parent, model):
    """Live pages of ``model`` anywhere below ``parent`` that the request may view."""
    return visible_pages(request, model.objects.descendant_of(parent))
