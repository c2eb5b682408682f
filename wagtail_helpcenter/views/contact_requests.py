"""The contact requests report: what visitors asked support, read-only, for whoever may
see the help center dashboard (HelpCenterReportView), with its CSV and XLSX export."""

import django_filters
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.models import Locale

from ..models import ContactRequest, HelpCenterPage
from .filters import ModelChoiceFilter
from .reports import HelpCenterReportView


class ContactRequestFilterSet(WagtailFilterSet):
    created_at = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)
    help_center = ModelChoiceFilter(label=_("Help center"), queryset=HelpCenterPage.objects.all())
    locale = ModelChoiceFilter(label=_("Language"), queryset=Locale.objects.all())

    class Meta:
        model = ContactRequest
        fields = ["created_at", "help_center", "locale"]


def _edit_url(field):
    def url(contact):
        page_id = getattr(contact, f"{field}_id")
        return reverse("wagtailadmin_pages:edit", args=[page_id]) if page_id else None

    return url


class ContactRequestsReportView(HelpCenterReportView):
    page_title = _("Contact requests")
    header_icon = "mail"
    filterset_class = ContactRequestFilterSet
    index_url_name = "wagtail_helpcenter_contact_requests"
    index_results_url_name = "wagtail_helpcenter_contact_requests_results"
    columns = [
        DateColumn("created_at", label=_("Sent at")),
        Column("subject", label=_("Subject")),
        Column("message", label=_("Message")),
        Column("name", label=_("Name")),
        Column("email", label=_("Email")),
        TitleColumn("category", label=_("Topic"), get_url=_edit_url("category")),
        TitleColumn("source_page", label=_("Sent after reading"), get_url=_edit_url("source_page")),
        Column("matching_articles", label=_("Matching articles")),
        Column("help_center", label=_("Help center")),
        Column("locale", label=_("Language")),
    ]
    list_export = [
        "created_at", "subject", "message", "name", "email", "category.title",
        "source_page.title", "matching_articles", "help_center.title", "locale",
    ]  # fmt: skip
    export_headings = {
        "created_at": _("Sent at"),
        "subject": _("Subject"),
        "message": _("Message"),
        "name": _("Name"),
        "email": _("Email"),
        "category.title": _("Topic"),
        "source_page.title": _("Sent after reading"),
        "matching_articles": _("Matching articles"),
        "help_center.title": _("Help center"),
        "locale": _("Language"),
    }

    def get_queryset(self):
        return ContactRequest.objects.select_related(
            "help_center", "locale", "category", "source_page"
        ).order_by("-created_at", "-pk")
