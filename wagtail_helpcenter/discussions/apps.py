from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelpCenterDiscussionsAppConfig(AppConfig):
    name = "wagtail_helpcenter.discussions"
    label = "wagtail_helpcenter_discussions"
    verbose_name = _("Help center discussions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django_comments.signals import comment_will_be_posted
        from django_comments_xtd.signals import confirmation_received

        from .signal_handlers import refuse_posting_around_the_help_center

        comment_will_be_posted.connect(
            refuse_posting_around_the_help_center, dispatch_uid="helpcenter_refuse_posting"
        )
        confirmation_received.connect(
            refuse_posting_around_the_help_center, dispatch_uid="helpcenter_refuse_confirming"
        )
