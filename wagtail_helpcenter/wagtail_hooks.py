from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet

from .models import ArticlePage
from .review import overdue
from .views.reports import SearchTermsReportView
from .views.synonyms import SynonymSetViewSet

DASHBOARD_REVIEW_LIMIT = 10


class ReviewDuePanel(Component):
    """Dashboard panel: live articles this editor may change that are due for review."""

    name = "helpcenter_review_due"
    template_name = "wagtail_helpcenter/admin/home/review_due.html"
    order = 240

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        editable = PagePermissionPolicy(Page).instances_user_has_permission_for(
            request.user, "change"
        )
        articles = overdue(ArticlePage.objects.live().filter(pk__in=editable.values("pk")))
        return {
            "articles": list(articles[:DASHBOARD_REVIEW_LIMIT]),
            "total": articles.count(),
            "heading": _("Help center articles due for review"),
        }


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    panels.append(ReviewDuePanel())


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "reports/helpcenter-search-terms/",
            SearchTermsReportView.as_view(),
            name="wagtail_helpcenter_search_terms",
        ),
        path(
            "reports/helpcenter-search-terms/results/",
            SearchTermsReportView.as_view(results_only=True),
            name="wagtail_helpcenter_search_terms_results",
        ),
    ]


class SearchTermsMenuItem(MenuItem):
    def is_shown(self, request):
        return SearchTermsReportView().permission_policy.user_has_any_permission(
            request.user, SearchTermsReportView.any_permission_required
        )


@hooks.register("register_reports_menu_item")
def register_search_terms_menu_item():
    return SearchTermsMenuItem(
        _("Help center search terms"),
        reverse("wagtail_helpcenter_search_terms"),
        name="helpcenter-search-terms",
        icon_name="search",
        order=900,
    )


register_snippet(SynonymSetViewSet)
