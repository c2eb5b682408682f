from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import ArticlePage
from .review import overdue

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
