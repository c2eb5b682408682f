"""Admin report: what visitors search for, and which searches find nothing."""

import django_filters
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry

from ..models import HelpCenterPage, SearchTermDay


class SearchTermsFilterSet(WagtailFilterSet):
    date = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)
    help_center = django_filters.ModelChoiceFilter(
        label=_("Help center"), queryset=HelpCenterPage.objects.all()
    )
    zero_results_only = django_filters.BooleanFilter(
        label=_("Only searches that found nothing"),
        method="filter_zero_results",
        widget=django_filters.widgets.BooleanWidget(),
    )

    class Meta:
        model = SearchTermDay
        fields = ["date", "help_center"]

    def filter_zero_results(self, queryset, name, value):
        return queryset.filter(zero_results__gt=0) if value else queryset


class SearchTermsReportView(ReportView):
    page_title = _("Search terms")
    header_icon = "search"
    filterset_class = SearchTermsFilterSet
    index_url_name = "wagtail_helpcenter_search_terms"
    index_results_url_name = "wagtail_helpcenter_search_terms_results"
    any_permission_required = ["add", "change", "publish"]
    columns = [
        DateColumn("date", label=_("Date")),
        Column("query", label=_("Search term")),
        Column("searches", label=_("Searches")),
        Column("zero_results", label=_("Found nothing")),
        Column("help_center", label=_("Help center")),
    ]
    list_export = ["date", "query", "searches", "zero_results", "help_center.title"]
    export_headings = {
        "date": _("Date"),
        "query": _("Search term"),
        "searches": _("Searches"),
        "zero_results": _("Found nothing"),
        "help_center.title": _("Help center"),
    }

    @cached_property
    def permission_policy(self):
        # Who may edit help center pages may see what their visitors look for.
        return policy_registry.get_by_type(Page)

    def get_queryset(self):
        return SearchTermDay.objects.select_related("help_center").order_by(
            "-date", "-searches", "query"
        )
