"""The queue of content gaps in the Wagtail admin: what the help center failed to answer,
how often and since when, and the actions that close each gap."""

from django import forms
from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies import ModelPermissionPolicy

from .. import gaps
from ..charts import bar_chart
from ..ids import parse_id
from ..models import CategoryPage, ContentGap, ContentRequest, Vote
from .dashboard import may_see_dashboard

PAGE_SIZE = 25
SEARCH_KINDS = {
    ContentGap.Kind.ZERO_RESULTS,
    ContentGap.Kind.NO_CLICKS,
    ContentGap.Kind.CONTACT,
    ContentGap.Kind.UNANSWERED,
}


class QueueFilter(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"), required=False, choices=ContentGap.Status.choices
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        required=False,
        choices=[("", gettext_lazy("All kinds")), *ContentGap.Kind.choices],
    )


class DismissForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=ContentGap._meta.get_field("dismiss_reason").max_length,
        strip=True,
    )


def categories_for(gap, categories=None):
    """Categories of the gap's help center a new article can go in, the likely one first."""
    if categories is None:
        categories = CategoryPage.objects.descendant_of(gap.help_center).order_by("path")
    categories = list(categories)
    likely = likely_category(gap, categories)
    if likely is not None:
        categories.remove(likely)
        categories.insert(0, likely)
    return categories


def likely_category(gap, categories):
    """The category the gap points at: the one the visitor chose, or the one holding the
    article or the question's page."""
    if gap.page_id is None:
        return None
    by_id = {category.pk: category for category in categories}
    if gap.page_id in by_id:
        return by_id[gap.page_id]
    path = gap.page.path
    holding = [category for category in categories if path.startswith(category.path)]
    return max(holding, key=lambda category: category.depth, default=None)


class GapQueueView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "wagtail_helpcenter/admin/gaps.html"
    page_title = gettext_lazy("Content gaps")
    header_icon = "warning"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtail_helpcenter_dashboard"), "label": _("Help center")},
            {"url": "", "label": self.get_page_title()},
        ]

    def dispatch(self, request, *args, **kwargs):
        if not may_see_dashboard(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        gaps.refresh_gaps()
        self.filter = QueueFilter(request.GET or {"status": ContentGap.Status.OPEN})
        response = super().get(request, *args, **kwargs)
        if not self.filter.is_valid():
            response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = ContentGap.objects.select_related("help_center", "page", "draft", "resolved_by")
        if self.filter.is_valid():
            status = self.filter.cleaned_data["status"] or ContentGap.Status.OPEN
            kind = self.filter.cleaned_data["kind"]
            rows = rows.filter(status=status)
            if kind:
                rows = rows.filter(kind=kind)
        else:
            rows = rows.none()
        page = Paginator(rows.order_by("-occurrences", "-last_seen", "pk"), PAGE_SIZE).get_page(
            self.request.GET.get("p")
        )
        add_reasons(page.object_list)
        add_categories(page.object_list)
        weekly = gaps.open_per_week()
        context.update(
            filter=self.filter,
            gaps=page,
            search_kinds=SEARCH_KINDS,
            picks_installed=apps.is_installed("wagtail.contrib.search_promotions"),
            may_request=ModelPermissionPolicy(ContentRequest).user_has_permission(
                self.request.user, "add"
            ),
            open_total=ContentGap.objects.filter(status=ContentGap.Status.OPEN).count(),
            weekly_table=weekly,
            weekly_chart=bar_chart(
                [(day.isoformat(), count) for day, count in weekly],
                _("Open content gaps per week"),
                _("How many gaps were open at the end of each of the last %(weeks)s weeks.")
                % {"weeks": len(weekly)},
            ),
        )
        return context


def add_categories(rows):
    """Each row gets ``categories`` for "Write an article" (one query per help center)."""
    by_help_center = {}
    for gap in rows:
        if gap.help_center_id not in by_help_center:
            by_help_center[gap.help_center_id] = list(
                CategoryPage.objects.descendant_of(gap.help_center).order_by("path")
            )
        gap.categories = categories_for(gap, by_help_center[gap.help_center_id])
        gap.synonyms_url = synonyms_url(gap)


def add_reasons(rows):
    """Each "not helpful" row gets ``reasons``: ``[(label, count)]`` (one query)."""
    unhelpful = [gap for gap in rows if gap.kind == ContentGap.Kind.UNHELPFUL]
    if not unhelpful:
        return
    labels = dict(Vote.Reason.choices)
    counts = {}
    for page_id, reason in (
        Vote.objects.filter(page__in=[gap.page_id for gap in unhelpful], helpful=False,
                            faq_item=None)
        .exclude(reason="")
        .values_list("page", "reason")
    ):  # fmt: skip
        page_counts = counts.setdefault(page_id, {})
        page_counts[reason] = page_counts.get(reason, 0) + 1
    for gap in unhelpful:
        given = counts.get(gap.page_id, {})
        gap.reasons = sorted(
            ((labels.get(reason, reason), n) for reason, n in given.items()), key=lambda r: -r[1]
        )


def _gap_or_404(request, gap_id):
    if not may_see_dashboard(request.user):
        raise PermissionDenied
    gap_id = parse_id(str(gap_id), ContentGap)
    if gap_id is None:
        raise Http404
    return get_object_or_404(ContentGap, pk=gap_id)


def _back(request):
    return redirect(reverse("wagtail_helpcenter_gaps"))


@require_POST
def gap_action(request, gap_id, action):
    gap = _gap_or_404(request, gap_id)
    if action == "done":
        gaps.resolve(gap, request.user, ContentGap.Status.DONE)
        messages.success(request, _("“%(title)s” marked done.") % {"title": gap.title})
    elif action == "dismiss":
        form = DismissForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Say why you dismiss “%(title)s”.") % {"title": gap.title})
        else:
            gaps.resolve(gap, request.user, ContentGap.Status.DISMISSED,
                         form.cleaned_data["reason"])  # fmt: skip
            messages.success(request, _("“%(title)s” dismissed.") % {"title": gap.title})
    elif action == "reopen":
        gaps.reopen(gap)
        messages.success(request, _("“%(title)s” is open again.") % {"title": gap.title})
    elif action == "write":
        return write_article(request, gap)
    elif action == "pick":
        return add_pick(request, gap)
    else:
        raise Http404
    return _back(request)


def write_article(request, gap):
    categories = {category.pk: category for category in categories_for(gap)}
    category = categories.get(parse_id(request.POST.get("category", ""), CategoryPage))
    if category is None:
        messages.error(request, _("Choose a category of this help center for the article."))
        return _back(request)
    if not category.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    article = gaps.write_article(gap, category, request.user)
    messages.success(
        request, _("Draft “%(title)s” created: write it, then publish.") % {"title": gap.title}
    )
    return redirect("wagtailadmin_pages:edit", article.pk)


def add_pick(request, gap):
    """Editor's picks for the gap's question, in Wagtail's own search promotions editor."""
    if not apps.is_installed("wagtail.contrib.search_promotions"):
        raise PermissionDenied
    from wagtail.contrib.search_promotions.models import (
        MAX_QUERY_STRING_LENGTH,
        Query,
        SearchPromotion,
    )
    from wagtail.permission_policies import ModelPermissionPolicy
    from wagtail.search.utils import normalise_query_string

    if not ModelPermissionPolicy(SearchPromotion).user_has_permission(request.user, "add"):
        raise PermissionDenied
    # Wagtail stores the query lowercased in 255 characters; lowercasing can lengthen
    # a text ("İ" becomes two characters), so cut after normalising.
    query = Query.get(normalise_query_string(gap.title)[:MAX_QUERY_STRING_LENGTH])
    return redirect("wagtailsearchpromotions:edit", query.pk)


def synonyms_url(gap):
    return (
        reverse("wagtailsnippets_wagtail_helpcenter_synonymset:add")
        + "?"
        + urlencode({"terms": gap.title})
    )
