"""The translation status report in Reports. Registered only with wagtail-localize
installed; without it, system check wagtail_helpcenter.E006 says what is missing."""

from django.apps import apps
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from ..wagtail_hooks import HelpCenterReportMenuItem


def translation_status_urls():
    from .views import TranslationStatusView

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


def translation_status_menu_item():
    return HelpCenterReportMenuItem(
        _("Help center translations"),
        reverse("wagtail_helpcenter_translation_status"),
        name="helpcenter-translations",
        icon_name="globe",
        order=904,
    )


if apps.is_installed("wagtail_localize"):
    hooks.register("register_admin_urls", translation_status_urls)
    hooks.register("register_reports_menu_item", translation_status_menu_item)
