from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelpCenterTranslationAppConfig(AppConfig):
    name = "wagtail_helpcenter.translation"
    label = "wagtail_helpcenter_translation"
    verbose_name = _("Help center translation")
    default_auto_field = "django.db.models.BigAutoField"
