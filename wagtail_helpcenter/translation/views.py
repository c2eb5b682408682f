"""The translation status report: each help center page in each language, translated /
outdated / missing, with counts per language, links to translate or update, filters and
CSV/XLSX export."""

import django_filters
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.models import Locale

from ..models import HelpCenterPage
from ..views.filters import ModelChoiceFilter
from ..views.reports import HelpCenterReportView
from .status import (
    MISSING,
    OUTDATED,
    STATUS_LABELS,
    TRANSLATED,
    counts_by_locale,
    translation_statuses,
)


def source_help_centers():
    """Help centers written in the site's default language: the sources of translation."""
    return HelpCenterPage.objects.filter(locale=Locale.get_default()).order_by("path")


class TranslationStatusFilterSet(WagtailFilterSet):
    """Filters over the computed rows (a list, not a queryset): each one is a method."""

    help_center = ModelChoiceFilter(
        label=_("Help center"),
        queryset=HelpCenterPage.objects.none(),  # set per request: see __init__
        method="filter_nothing",  # chooses the source; the view reads it
    )
    locale = ModelChoiceFilter(
        label=_("Language"),
        queryset=Locale.objects.all(),
        to_field_name="language_code",
        method="filter_locale",
        error_messages={"invalid_choice": _("There is no language “%(value)s” on this site.")},
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=list(STATUS_LABELS.items()), method="filter_status"
    )

    class Meta:
        model = HelpCenterPage  # unused: the rows are not a queryset
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["help_center"].queryset = source_help_centers()

    def filter_queryset(self, rows):
        # django-filter insists on querysets; these filters work on a list of rows.
        for name, value in self.form.cleaned_data.items():
            rows = self.filters[name].filter(rows, value)
        return rows

    def filter_nothing(self, rows, name, value):
        return rows

    def filter_locale(self, rows, name, value):
        return [row for row in rows if row.locale.pk == value.pk]

    def filter_status(self, rows, name, value):
        return [row for row in rows if row.status == value]


class ActionColumn(Column):
    """Translate (missing), update (outdated) or edit the translation."""

    cell_template_name = "wagtail_helpcenter/admin/tables/translation_action_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context.update(action_for(instance))
        return context


def action_for(row):
    """``{"action_url", "action_label"}`` for a status row."""
    if row.status == MISSING and (row.translation is None or row.translation.alias_of_id):
        url = reverse("wagtail_localize:submit_page_translation", args=[row.source.pk])
        return {
            "action_url": f"{url}?select_locale={row.locale.language_code}",
            "action_label": _("Translate"),
        }
    if row.status == OUTDATED and row.managed:
        source_id = row.translation_source_id
        return {
            "action_url": reverse("wagtail_localize:update_translations", args=[source_id]),
            "action_label": _("Sync and update"),
        }
    return {
        "action_url": reverse("wagtailadmin_pages:edit", args=[row.translation.pk]),
        "action_label": _("Edit translation") if row.status != MISSING else _("Continue"),
    }


class TranslationStatusView(HelpCenterReportView):
    page_title = _("Help center translations")
    header_icon = "globe"
    filterset_class = TranslationStatusFilterSet
    index_url_name = "wagtail_helpcenter_translation_status"
    index_results_url_name = "wagtail_helpcenter_translation_status_results"
    results_template_name = "wagtail_helpcenter/admin/translation_status_results.html"
    columns = [
        TitleColumn(
            "title",
            label=_("Page"),
            get_url=lambda row: reverse("wagtailadmin_pages:edit", args=[row.source.pk]),
        ),
        Column("page_type", label=_("Type")),
        Column("language", label=_("Language")),
        StatusTagColumn(
            "status_label", label=_("Status"), primary=lambda row: row.status == TRANSLATED
        ),
        Column("note", label=_("Note")),
        ActionColumn("action", label=_("Action")),
    ]
    list_export = ["title", "source.url_path", "page_type", "language", "status", "note"]
    export_headings = {
        "title": _("Page"),
        "source.url_path": _("Path"),
        "page_type": _("Type"),
        "language": _("Language"),
        "status": _("Status"),
        "note": _("Note"),
    }

    @cached_property
    def help_center(self):
        filters = self.filters
        if filters is not None and filters.is_valid() and filters.form.cleaned_data["help_center"]:
            return filters.form.cleaned_data["help_center"]
        return source_help_centers().first()

    @cached_property
    def all_statuses(self):
        return translation_statuses(self.help_center) if self.help_center else []

    def get_queryset(self):
        return list(self.all_statuses)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["helpcenter_counts"] = counts_by_locale(self.all_statuses)
        context["helpcenter_source"] = self.help_center
        filters = self.filters
        if filters is not None and not filters.is_valid():
            # Shown above the list: the filter drawer, where Wagtail puts them, is closed.
            context["helpcenter_filter_errors"] = [
                message for errors in filters.form.errors.values() for message in errors
            ]
        return context
