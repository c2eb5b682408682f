from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from ..wagtail_hooks import HelpCenterReportMenuItem
from .views import TranslationStatusView


@hooks.register("register_admin_urls")
def register_translation_status_urls():
    return [
        path(
            "reports/helpcenter-translations/",
            TranslationStatusView.as_view(),
            name="wagtail_helpcenter_translation_status",
        ),
        path(
            "reports/helpcenter-translations/results/",
            TranslationStatusView.as_view(results_only=True),
            name="wagtail_helpcenter_translation_status_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return HelpCenterReportMenuItem(
        _("Help center translations"),
        reverse("wagtail_helpcenter_translation_status"),
        name="helpcenter-translations",
        icon_name="globe",
        order=904,
    )
