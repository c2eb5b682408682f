from django.apps import AppConfig
from django.core.signals import setting_changed
from django.utils.translation import gettext_lazy as _


class WagtailHelpCenterAppConfig(AppConfig):
    name = "wagtail_helpcenter"
    label = "wagtail_helpcenter"
    verbose_name = _("Help center")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core import checks
        from django.db.models.signals import post_migrate, post_save

        from . import checks as helpcenter_checks
        from .conf import clear_config_cache
        from .signal_handlers import ensure_search_stemming, sync_audience_restriction

        setting_changed.connect(clear_config_cache)
        post_save.connect(sync_audience_restriction, dispatch_uid="helpcenter_sync_audience")
        post_migrate.connect(ensure_search_stemming, sender=self)
        checks.register(helpcenter_checks.check_installed_apps)
        checks.register(helpcenter_checks.check_settings)
        checks.register(helpcenter_checks.check_templates)
        checks.register(helpcenter_checks.check_translation_setup)
        checks.register(helpcenter_checks.check_discussions_setup)
