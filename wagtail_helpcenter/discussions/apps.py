from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

REQUIRED_APPS = ["django_comments_xtd", "django_comments", "django.contrib.sites"]


class HelpCenterDiscussionsAppConfig(AppConfig):
    name = "wagtail_helpcenter.discussions"
    label = "wagtail_helpcenter_discussions"
    verbose_name = _("Help center discussions")
    default_auto_field = "django.db.models.BigAutoField"

    def import_models(self):
        # Our models import django-comments-xtd's: without its apps, say so plainly
        # instead of failing deep inside Django's app loading.
        from django.conf import settings
        from django.core.exceptions import ImproperlyConfigured

        missing = [app for app in REQUIRED_APPS if app not in settings.INSTALLED_APPS]
        if missing:
            raise ImproperlyConfigured(
                f"wagtail_helpcenter.discussions needs {', '.join(missing)} in INSTALLED_APPS: "
                "pip install 'wagtail-helpcenter[discussions]' and add 'django_comments_xtd', "
                "'django_comments' and 'django.contrib.sites' (see docs/how-to/discussions.md)."
            )
        super().import_models()

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from django_comments.signals import comment_will_be_posted
        from django_comments_xtd.signals import confirmation_received

        from .models import Ban, CommunityRules
        from .signal_handlers import announce_ban, refuse_posting_around_the_help_center
        from .threads import forget_community_rules

        for signal in (post_save, post_delete):
            signal.connect(
                forget_community_rules, sender=CommunityRules, dispatch_uid="helpcenter_rules"
            )

        comment_will_be_posted.connect(
            refuse_posting_around_the_help_center, dispatch_uid="helpcenter_refuse_posting"
        )
        confirmation_received.connect(
            refuse_posting_around_the_help_center, dispatch_uid="helpcenter_refuse_confirming"
        )
        post_save.connect(announce_ban, sender=Ban, dispatch_uid="helpcenter_announce_ban")
