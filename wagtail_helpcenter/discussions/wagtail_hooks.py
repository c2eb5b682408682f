from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.snippets.models import register_snippet

from . import admin_views
from .models import CommunityRules, ReplyTemplate
from .roles import may_moderate


@hooks.register("register_admin_urls")
def register_discussion_urls():
    return [
        path("helpcenter/discussions/", admin_views.queue, name="wagtail_helpcenter_moderation"),
        path(
            "helpcenter/discussions/unanswered/",
            admin_views.unanswered,
            name="wagtail_helpcenter_unanswered",
        ),
        path(
            "helpcenter/discussions/<int:page_id>/",
            admin_views.discussion,
            name="wagtail_helpcenter_discussion",
        ),
        path(
            "helpcenter/discussions/<int:page_id>/action/",
            admin_views.discussion_action,
            name="wagtail_helpcenter_discussion_action",
        ),
    ]


class ModerationMenuItem(MenuItem):
    """ "Discussions (3)": the number of comments waiting, counted for each page view."""

    def is_shown(self, request):
        return may_moderate(request.user)

    def render_component(self, request):
        count = admin_views.queue_count()
        label = f"{self.label} ({count})" if count else self.label
        return LinkMenuItemComponent(
            self.name, label, self.url, icon_name=self.icon_name, classname=self.classname,
            attrs={**self.attrs, "data-helpcenter-queue-count": str(count)},
        )  # fmt: skip


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModerationMenuItem(
        _("Discussions"),
        reverse("wagtail_helpcenter_moderation"),
        name="helpcenter-discussions",
        icon_name="comment",
        order=260,
    )


class ModeratorsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_moderate(request.user)


@hooks.register("register_admin_menu_item")
def register_unanswered_menu_item():
    return ModeratorsMenuItem(
        _("Unanswered questions"),
        reverse("wagtail_helpcenter_unanswered"),
        name="helpcenter-unanswered",
        icon_name="help",
        order=261,
    )


@hooks.register("register_admin_viewset")
def register_ban_viewset():
    return admin_views.BanViewSet()


register_snippet(ReplyTemplate)
register_snippet(CommunityRules)
