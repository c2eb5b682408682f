from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet

from .analytics import DEFAULT_PERIOD, Period, search_gap_count
from .caching.pages import cached_serve
from .models import ArticlePage
from .review import MARK_REVIEWED_ACTION, overdue
from .views.article_templates import ArticleTemplateViewSet, StyleGuideViewSet, choose_template
from .views.contact_requests import ContactRequestsReportView
from .views.content_requests import (
    ContentRequestViewSet,
    MyContentRequestsPanel,
    request_panel_is_shown,
    start_draft_view,
)
from .views.dashboard import (
    DashboardView,
    editable_articles,
    may_see_dashboard,
    views_and_votes,
)
from .views.gaps import GapQueueView, gap_action
from .views.glossary_admin import GlossaryTermViewSet
from .views.reports import (
    ArticlePerformanceReportView,
    FeedbackReportView,
    SearchTermsReportView,
    StaleContentReportView,
)
from .views.review import mark_reviewed_view
from .views.synonyms import SynonymSetViewSet

DASHBOARD_REVIEW_LIMIT = 10


class ReviewDuePanel(Component):
    """Dashboard panel: live articles this editor may change that are due for review."""

    name = "helpcenter_review_due"
    template_name = "wagtail_helpcenter/admin/home/review_due.html"
    order = 240

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        articles = overdue(editable_articles(request.user))
        return {
            "articles": list(articles[:DASHBOARD_REVIEW_LIMIT]),
            "total": articles.count(),
            "heading": _("Help center articles due for review"),
        }


# Innermost of Wagtail's serve chain (a high order): its view restriction check and
# any hook of the site run before a cached page is returned.
hooks.register("on_serve_page", cached_serve, order=1000)


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    panels.append(ReviewDuePanel())


def _report_urls(prefix, view_class, name):
    return [
        path(f"reports/{prefix}/", view_class.as_view(), name=name),
        path(
            f"reports/{prefix}/results/",
            view_class.as_view(results_only=True),
            name=f"{name}_results",
        ),
    ]


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        *_report_urls(
            "helpcenter-articles",
            ArticlePerformanceReportView,
            "wagtail_helpcenter_article_performance",
        ),
        *_report_urls("helpcenter-feedback", FeedbackReportView, "wagtail_helpcenter_feedback"),
        *_report_urls(
            "helpcenter-review", StaleContentReportView, "wagtail_helpcenter_stale_content"
        ),
        path("helpcenter/", DashboardView.as_view(), name="wagtail_helpcenter_dashboard"),
        path("helpcenter/gaps/", GapQueueView.as_view(), name="wagtail_helpcenter_gaps"),
        path(
            "helpcenter/gaps/<int:gap_id>/<slug:action>/",
            gap_action,
            name="wagtail_helpcenter_gap_action",
        ),
        path(
            "helpcenter/reviewed/<int:page_id>/",
            mark_reviewed_view,
            name="wagtail_helpcenter_mark_reviewed",
        ),
        *_report_urls(
            "helpcenter-search-terms", SearchTermsReportView, "wagtail_helpcenter_search_terms"
        ),
        *_report_urls(
            "helpcenter-contact", ContactRequestsReportView, "wagtail_helpcenter_contact_requests"
        ),
        path(
            "helpcenter/requests/<int:request_id>/start/",
            start_draft_view,
            name="wagtail_helpcenter_request_start",
        ),
    ]


class HelpCenterReportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_dashboard(request.user)


# (label, URL name, menu item name, icon, order) of the help center's reports.
CONTENT_REPORTS = [
    (_("Help center search terms"), "wagtail_helpcenter_search_terms", "helpcenter-search-terms",
     "search", 900),
    (_("Help center articles"), "wagtail_helpcenter_article_performance", "helpcenter-articles",
     "doc-full", 901),
    (_("Help center feedback"), "wagtail_helpcenter_feedback", "helpcenter-feedback",
     "comment", 902),
    (_("Articles due for review"), "wagtail_helpcenter_stale_content", "helpcenter-review",
     "time", 903),
    (_("Help center content gaps"), "wagtail_helpcenter_gaps", "helpcenter-gaps", "warning", 904),
    (_("Help center contact requests"), "wagtail_helpcenter_contact_requests",
     "helpcenter-contact", "mail", 905),
]  # fmt: skip


def _content_report_menu_item(label, url_name, name, icon, order):
    def menu_item():
        return HelpCenterReportMenuItem(
            label, reverse(url_name), name=name, icon_name=icon, order=order
        )

    return menu_item


for _report in CONTENT_REPORTS:
    hooks.register("register_reports_menu_item", _content_report_menu_item(*_report))


class ContentRequestsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtail_helpcenter.view_contentrequest")


@hooks.register("register_reports_menu_item")
def register_content_requests_report():
    # The requests' own listing (filters, CSV/XLSX export), where reports are looked for.
    return ContentRequestsMenuItem(
        _("Help center content requests"),
        reverse("wagtailsnippets_wagtail_helpcenter_contentrequest:list"),
        name="helpcenter-content-requests",
        icon_name="tasks",
        order=906,
    )


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return HelpCenterReportMenuItem(
        _("Help center"),
        reverse("wagtail_helpcenter_dashboard"),
        name="helpcenter",
        icon_name="help",
        order=250,
    )


@hooks.register("register_log_actions")
def register_mark_reviewed_log_action(actions):
    actions.register_action(MARK_REVIEWED_ACTION, _("Mark as reviewed"), _("Marked as reviewed"))


@hooks.register("register_page_listing_buttons")
def review_due_listing_button(page, user, next_url=None):
    """In the page explorer, an overdue article says so and links to "Mark as reviewed"."""
    specific = page.specific_deferred
    if (
        isinstance(specific, ArticlePage)
        and page.live
        and specific.is_review_overdue
        and page.permissions_for_user(user).can_edit()
    ):
        url = reverse("wagtail_helpcenter_mark_reviewed", args=[page.pk])
        yield ListingButton(
            _("Review due: mark as reviewed"),
            f"{url}?{urlencode({'next': next_url})}" if next_url else url,
            icon_name="time",
            priority=60,
        )


register_snippet(SynonymSetViewSet)
register_snippet(ArticleTemplateViewSet)
register_snippet(StyleGuideViewSet)
hooks.register("before_create_page", choose_template)
register_snippet(ContentRequestViewSet)


@hooks.register("construct_homepage_panels")
def add_my_content_requests_panel(request, panels):
    if request_panel_is_shown(request.user):
        panels.append(MyContentRequestsPanel())


register_snippet(GlossaryTermViewSet)


class HelpCenterSummaryPanel(Component):
    """Admin home panel: the last 30 days of the help center at a glance."""

    name = "helpcenter_summary"
    template_name = "wagtail_helpcenter/admin/home/summary.html"
    order = 230

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        period = Period(DEFAULT_PERIOD, timezone.localdate())
        return {
            **views_and_votes(period, editable_articles(request.user).values("pk")),
            "heading": _("Help center, last %(days)s days") % {"days": period.days},
            "search_gaps": search_gap_count(period),
            "dashboard_url": reverse("wagtail_helpcenter_dashboard"),
        }


@hooks.register("construct_homepage_panels")
def add_summary_panel(request, panels):
    if may_see_dashboard(request.user):
        panels.append(HelpCenterSummaryPanel())
