"""Admin reports: search terms, article performance, the feedback inbox, stale content."""

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page
from wagtail.permissions import policy_registry

from ..analytics import (
    DEFAULT_PERIOD,
    PERIODS,
    Period,
    with_clicks,
    with_helpfulness_since_change,
    with_performance,
    with_reading,
)
from ..listing import InvalidParameter
from ..models import ArticlePage, HelpCenterPage, SearchTermDay, Vote
from ..review import overdue
from ..writing import reading_stats
from .filters import ModelChoiceFilter


class SearchTermsFilterSet(WagtailFilterSet):
    date = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)
    help_center = ModelChoiceFilter(label=_("Help center"), queryset=HelpCenterPage.objects.all())
    zero_results_only = django_filters.BooleanFilter(
        label=_("Only searches that found nothing"),
        method="filter_zero_results",
        widget=django_filters.widgets.BooleanWidget(),
    )
    not_clicked = django_filters.BooleanFilter(
        label=_("Only searches nobody clicked"),
        method="filter_not_clicked",
        widget=django_filters.widgets.BooleanWidget(),
    )

    class Meta:
        model = SearchTermDay
        fields = ["date", "help_center"]

    def filter_zero_results(self, queryset, name, value):
        return queryset.filter(zero_results__gt=0) if value else queryset

    def filter_not_clicked(self, queryset, name, value):
        # Searches that found something (not all of the day's found nothing), no click.
        return queryset.filter(searches__gt=F("zero_results"), clicks=0) if value else queryset


def article_title_column():
    """The article's title, linking to its editor."""
    return TitleColumn(
        "title",
        label=_("Article"),
        get_url=lambda article: reverse("wagtailadmin_pages:edit", args=[article.pk]),
    )


# A spreadsheet reads a CSV cell starting with one of these as a formula. Visitors write
# some cells (search terms, feedback comments; imported titles and tags too).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A CSV cell value a spreadsheet shows as text: a leading quote before a formula
    start, as OWASP recommends (Wagtail already does the like for XLSX)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class HelpCenterReportView(ReportView):
    """A help center report: for whoever may edit pages (they may also see what their
    visitors search for and say)."""

    any_permission_required = ["add", "change", "publish"]

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return spreadsheet_safe(value) if export_format == self.FORMAT_CSV else value

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Page)


class SearchTermsReportView(HelpCenterReportView):
    page_title = _("Search terms")
    header_icon = "search"
    filterset_class = SearchTermsFilterSet
    index_url_name = "wagtail_helpcenter_search_terms"
    index_results_url_name = "wagtail_helpcenter_search_terms_results"
    columns = [
        DateColumn("date", label=_("Date")),
        Column("query", label=_("Search term")),
        Column("searches", label=_("Searches")),
        Column("zero_results", label=_("Found nothing")),
        Column("visitors", label=_("Visitors")),
        Column("clicks", label=_("Searches with a click")),
        Column("click_percent", label=_("Click-through rate %")),
        Column("average_position", label=_("Average clicked position")),
        Column("help_center", label=_("Help center")),
    ]
    list_export = [
        "date", "query", "searches", "zero_results", "visitors", "clicks", "click_percent",
        "average_position", "help_center.title",
    ]  # fmt: skip
    export_headings = {
        "date": _("Date"),
        "query": _("Search term"),
        "searches": _("Searches"),
        "zero_results": _("Found nothing"),
        "visitors": _("Visitors"),
        "clicks": _("Searches with a click"),
        "click_percent": _("Click-through rate %"),
        "average_position": _("Average clicked position"),
        "help_center.title": _("Help center"),
    }

    def get_queryset(self):
        rows = SearchTermDay.objects.select_related("help_center")
        return with_clicks(rows).order_by("-date", "-searches", "query")


# Article performance ----------------------------------------------------------------------


class ArticlePerformanceFilterSet(WagtailFilterSet):
    days = django_filters.ChoiceFilter(
        label=_("Period"),
        choices=[(str(days), _("Last %(days)s days") % {"days": days}) for days in PERIODS],
        empty_label=_("Last %(days)s days") % {"days": DEFAULT_PERIOD},
        method="filter_nothing",  # the period shapes the numbers, not the rows
    )
    content_owner = ModelChoiceFilter(label=_("Owner"), queryset=get_user_model().objects.all())
    locale = ModelChoiceFilter(label=_("Language"), queryset=Locale.objects.all())

    class Meta:
        model = ArticlePage
        fields = ["content_owner", "locale"]

    def filter_nothing(self, queryset, name, value):
        return queryset


class QuickExitColumn(Column):
    """The share of readers who left within 10 seconds, with a status tag when the
    article has enough reads and most of them are that short (see analytics.with_reading)."""

    cell_template_name = "wagtail_helpcenter/admin/tables/quick_exit_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["flagged"] = getattr(instance, "many_quick_exits", False)
        return context


def with_reading_stats(article):
    """The article with its reading time and readability (computed from its body once,
    for the cells and the export alike)."""
    if not hasattr(article, "reading_minutes"):
        minutes, readability = reading_stats(article)
        article.reading_minutes = minutes
        article.readability_label = readability.label if readability else ""
        article.readability_score = readability.score if readability else None
    return article


class ReadingStatsColumn(Column):
    def get_value(self, instance):
        return super().get_value(with_reading_stats(instance))


class ReadingTimeColumn(ReadingStatsColumn):
    def get_value(self, instance):
        return _("%(minutes)s min") % {"minutes": super().get_value(instance)}


class ReadabilityColumn(ReadingStatsColumn):
    def get_value(self, instance):
        with_reading_stats(instance)
        if instance.readability_score is None:
            return ""
        return f"{instance.readability_label} ({instance.readability_score})"


class SinceChangeColumn(Column):
    """Helpful % on the live revision, with the number of votes it is from."""

    def get_value(self, instance):
        votes = instance.votes_since_change
        if not votes:
            return None
        return ngettext("%(percent)s (%(votes)s vote)", "%(percent)s (%(votes)s votes)", votes) % {
            "percent": instance.helpful_percent_since_change,
            "votes": votes,
        }


class ArticlePerformanceReportView(HelpCenterReportView):
    page_title = _("Article performance")
    header_icon = "doc-full"
    filterset_class = ArticlePerformanceFilterSet
    index_url_name = "wagtail_helpcenter_article_performance"
    index_results_url_name = "wagtail_helpcenter_article_performance_results"
    columns = [
        article_title_column(),
        Column("views", label=_("Views")),
        Column("helpful_percent", label=_("Helpful %")),
        SinceChangeColumn("since_change", label=_("Helpful % since last change")),
        Column("helpful_votes", label=_("Yes")),
        Column("unhelpful_votes", label=_("No")),
        QuickExitColumn("quick_exit_percent", label=_("Left within 10 s %")),
        Column("contact_percent", label=_("Contacted support %")),
        ReadingTimeColumn("reading_minutes", label=_("Reading time")),
        ReadabilityColumn("readability_label", label=_("Readability")),
        DateColumn("last_published_at", label=_("Last updated")),
        DateColumn("last_reviewed", label=_("Last reviewed")),
        Column("content_owner", label=_("Owner")),
    ]
    list_export = [
        "title",
        "url_path",
        "views",
        "helpful_percent",
        "helpful_percent_since_change",
        "votes_since_change",
        "helpful_votes",
        "unhelpful_votes",
        "reads",
        "quick_exit_percent",
        "many_quick_exits",
        "contact_percent",
        "reading_minutes",
        "readability_label",
        "readability_score",
        "last_published_at",
        "last_reviewed",
        "content_owner",
    ]
    export_headings = {
        "title": _("Article"),
        "url_path": _("Path"),
        "views": _("Views"),
        "helpful_percent": _("Helpful %"),
        "helpful_percent_since_change": _("Helpful % since last change"),
        "votes_since_change": _("Votes since last change"),
        "helpful_votes": _("Helpful"),
        "unhelpful_votes": _("Not helpful"),
        "reads": _("Reads"),
        "quick_exit_percent": _("Left within 10 s %"),
        "many_quick_exits": _("Many quick exits"),
        "contact_percent": _("Contacted support after reading %"),
        "reading_minutes": _("Reading time (minutes)"),
        "readability_label": _("Readability"),
        "readability_score": _("Readability score (LIX)"),
        "last_published_at": _("Last updated"),
        "last_reviewed": _("Last reviewed"),
        "content_owner": _("Owner"),
    }

    def period(self):
        try:
            return Period.from_request(self.request)
        except InvalidParameter:
            # The filter form shows the error; the numbers use the default period.
            return Period(DEFAULT_PERIOD, timezone.localdate())

    def get_queryset(self):
        articles = ArticlePage.objects.live().select_related("content_owner", "locale")
        period = self.period()
        articles = with_helpfulness_since_change(with_performance(articles, period))
        return with_reading(articles, period).order_by("-views", "path")

    def to_row_dict(self, item):
        row = super().to_row_dict(with_reading_stats(item))
        if "many_quick_exits" in row:  # a yes/no a spreadsheet reads, not True/False
            row["many_quick_exits"] = str(_("Yes") if row["many_quick_exits"] else _("No"))
        return row


# Feedback inbox -------------------------------------------------------------------------


class FeedbackFilterSet(WagtailFilterSet):
    updated_at = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)
    helpful = django_filters.BooleanFilter(
        label=_("Helpful"), widget=django_filters.widgets.BooleanWidget()
    )
    reason = django_filters.ChoiceFilter(label=_("Reason"), choices=Vote.Reason.choices)

    class Meta:
        model = Vote
        fields = ["updated_at", "helpful", "reason"]


class FeedbackReportView(HelpCenterReportView):
    page_title = _("Help center feedback")
    header_icon = "comment"
    filterset_class = FeedbackFilterSet
    index_url_name = "wagtail_helpcenter_feedback"
    index_results_url_name = "wagtail_helpcenter_feedback_results"
    columns = [
        DateColumn("updated_at", label=_("Date")),
        TitleColumn(
            "page",
            label=_("Page"),
            get_url=lambda vote: reverse("wagtailadmin_pages:edit", args=[vote.page_id]),
        ),
        Column("question", label=_("FAQ answer")),
        Column(
            "helpful",
            label=_("Helpful"),
            accessor=lambda vote: _("Yes") if vote.helpful else _("No"),
        ),
        Column("reason", label=_("Reason"), accessor="get_reason_display"),
        Column("comment", label=_("Comment")),
    ]
    list_export = ["updated_at", "page.title", "question", "helpful", "reason", "comment"]
    export_headings = {
        "updated_at": _("Date"),
        "page.title": _("Page"),
        "question": _("FAQ answer"),
        "helpful": _("Helpful"),
        "reason": _("Reason"),
        "comment": _("Comment"),
    }

    def get_queryset(self):
        # The inbox: votes that say something (a reason or a comment), newest first.
        votes = Vote.objects.exclude(reason="", comment="")
        return votes.select_related("page", "faq_item").order_by("-updated_at", "-pk")


# Stale content --------------------------------------------------------------------------


class MarkReviewedColumn(Column):
    """A one-click "Mark as reviewed" form in each row."""

    cell_template_name = "wagtail_helpcenter/admin/tables/mark_reviewed_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["url"] = reverse("wagtail_helpcenter_mark_reviewed", args=[instance.pk])
        context["next"] = reverse("wagtail_helpcenter_stale_content")
        return context


class StaleContentReportView(HelpCenterReportView):
    page_title = _("Articles due for review")
    header_icon = "time"
    index_url_name = "wagtail_helpcenter_stale_content"
    index_results_url_name = "wagtail_helpcenter_stale_content_results"
    columns = [
        article_title_column(),
        Column("content_owner", label=_("Owner")),
        DateColumn("last_reviewed", label=_("Last reviewed")),
        DateColumn("review_due_date", label=_("Due since")),
        MarkReviewedColumn("mark_reviewed", label=_("Review")),
    ]
    list_export = ["title", "url_path", "content_owner", "last_reviewed", "review_due_date"]
    export_headings = {
        "title": _("Article"),
        "url_path": _("Path"),
        "content_owner": _("Owner"),
        "last_reviewed": _("Last reviewed"),
        "review_due_date": _("Due since"),
    }

    def get_queryset(self):
        return overdue(ArticlePage.objects.live().select_related("content_owner"))
