"""Listing help center pages for a request: only live pages it may view, counted and
paginated in a fixed number of queries whatever the number of pages."""

from django.core.paginator import Paginator
from django.db.models import Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Concat
from django.utils.translation import gettext as _
from wagtail.models import Page

from .exceptions import InvalidParameter  # raised here; the models catch it too
from .ids import is_whole_number, parse_id
from .models import ArticlePage, CategoryPage, FAQPage
from .visibility import visible_pages

MAX_PAGE_PARAMETER_LENGTH = 12
# A category's number of articles is counted up to this many: a help center of many
# thousands of articles does not read them all for its home page. A category holding
# this many or more shows "99+ articles" (``article_count`` 99, ``article_count_is_capped``).
ARTICLE_COUNT_CAP = 100


def few_pages(model):
    """All pages of a type that has few of them (categories, FAQ pages), found from its
    own table: SQLite then looks each one up by id, where a filter on the page tree
    (Wagtail's ``child_of``/``descendant_of``) makes it walk every page below the help
    center, articles included. Not for articles, which are the many pages."""
    return model.objects.filter(pk__in=model.objects.values("pk"))


def children_of(request, parent, model):
    pages = model.objects if model is ArticlePage else few_pages(model)
    return visible_pages(request, pages.child_of(parent)).order_by("path")


def below_outer_page(queryset):
    """The pages of ``queryset`` below the outer query's page: descendants by a range on
    the indexed path (a child's path is its parent's plus letters and digits, all sorting
    before "~")."""
    return queryset.filter(path__gt=OuterRef("path"), path__lt=Concat(OuterRef("path"), Value("~")))


def visible_content_below(request):
    """True for an outer page with a live article or FAQ page below it that the request
    may view. Each from its own table joined on the path range (a filter on the page's
    content type makes SQLite walk every page of that type instead)."""
    return Exists(below_outer_page(visible_pages(request, ArticlePage.objects.all()))) | Exists(
        below_outer_page(visible_pages(request, FAQPage.objects.all()))
    )


def holding_visible_content(request, categories):
    """The pages of ``categories`` (a queryset) with a live article or FAQ page below
    them that the request may view. A section with nothing a visitor may read is not
    shown to them, as hosted help centers do: a category of internal articles only
    would otherwise name internal work to everyone."""
    return categories.filter(visible_content_below(request))


def holds_visible_content(request, category):
    return holding_visible_content(request, Page.objects.filter(pk=category.pk)).exists()


class CappedCount(Subquery):
    """How many rows a sliced queryset has: the database stops at the slice."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS helpcenter_capped_count)"
    output_field = IntegerField()


def sections(request, parent):
    """The visible child categories of ``parent`` (those holding something the request
    may read, each with ``article_count``, see ARTICLE_COUNT_CAP) and its visible FAQ
    pages, in path order, in one query: ``(categories, faq_pages)``."""
    articles = below_outer_page(visible_pages(request, ArticlePage.objects.all()))
    is_category = Q(pk__in=CategoryPage.objects.values("pk"))
    is_faq_page = Q(pk__in=FAQPage.objects.values("pk"))
    children = (
        visible_pages(request, Page.objects.child_of(parent))
        # From the categories' and FAQ pages' own tables, as few_pages does.
        .filter((is_category & visible_content_below(request)) | is_faq_page)
        .annotate(capped_count=CappedCount(articles.values("pk")[:ARTICLE_COUNT_CAP]))
        .select_related("categorypage", "faqpage")
        .order_by("path")
    )
    categories, faq_pages = [], []
    for child in children:
        if hasattr(child, "categorypage"):
            category = child.categorypage
            category.article_count_is_capped = child.capped_count >= ARTICLE_COUNT_CAP
            category.article_count = min(child.capped_count, ARTICLE_COUNT_CAP - 1)
            categories.append(category)
        else:
            faq_pages.append(child.faqpage)
    return categories, faq_pages


def categories_with_counts(request, parent):
    """The visible child categories of ``parent``, each with ``article_count``."""
    return sections(request, parent)[0]


def newest_and_promoted(request, parent, promoted_count, recent_count):
    """The first ``promoted_count`` promoted articles below ``parent`` (in tree order) and
    the ``recent_count`` last published (newest first) that the request may view, in one
    query reading no more than those: ``(promoted, recent)``."""
    articles = visible_pages(request, ArticlePage.objects.descendant_of(parent))
    promoted = articles.filter(promoted=True).order_by("path").values("pk")[:promoted_count]
    recent = articles.order_by("-last_published_at", "path").values("pk")[:recent_count]
    rows = list(
        ArticlePage.objects.filter(Q(pk__in=promoted) | Q(pk__in=recent)).order_by(
            "-last_published_at", "path"
        )
    )
    # The recent ones come first in this order (the others sort after all of them).
    newest = rows[:recent_count]
    return sorted((row for row in rows if row.promoted), key=lambda row: row.path)[
        :promoted_count
    ], newest


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
