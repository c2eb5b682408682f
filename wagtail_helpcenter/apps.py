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
        from django.db.models import signals
        from wagtail.models import Locale, Page, PageViewRestriction
        from wagtail.signals import post_page_move

        from . import checks as helpcenter_checks
        from . import signal_handlers as handlers
        from .conf import clear_config_cache

        setting_changed.connect(clear_config_cache)
        signals.pre_save.connect(handlers.clean_text_fields, dispatch_uid="helpcenter_clean_text")
        signals.pre_save.connect(handlers.remember_audience, dispatch_uid="helpcenter_audience")
        signals.post_save.connect(
            handlers.sync_audience_restriction, dispatch_uid="helpcenter_sync_audience"
        )
        # A page's privacy holds in every translation and alias (translation_privacy).
        restriction = {"sender": PageViewRestriction, "dispatch_uid": "helpcenter_privacy"}
        signals.pre_save.connect(handlers.remember_restriction, **restriction)
        signals.post_save.connect(handlers.mirror_saved_restriction, **restriction)
        signals.pre_delete.connect(handlers.remember_restriction, **restriction)
        signals.post_delete.connect(handlers.mirror_deleted_restriction, **restriction)
        signals.m2m_changed.connect(
            handlers.mirror_restriction_groups,
            sender=PageViewRestriction.groups.through,
            dispatch_uid="helpcenter_privacy",
        )
        post_page_move.connect(handlers.page_moved, dispatch_uid="helpcenter_privacy")
        signals.pre_delete.connect(handlers.page_deletion_started, dispatch_uid="helpcenter_del")
        signals.post_delete.connect(
            handlers.page_deletion_ended, sender=Page, dispatch_uid="helpcenter_del"
        )
        signals.post_migrate.connect(handlers.ensure_search_index, sender=self)
        for signal in (signals.post_save, signals.post_delete):
            signal.connect(
                handlers.forget_locale_languages, sender=Locale, dispatch_uid="helpcenter_locale"
            )
        # Semantic search: a page's passages follow what is live.
        from wagtail.signals import page_published, page_unpublished

        from .models import Passage

        page_published.connect(handlers.refresh_passages, dispatch_uid="helpcenter_passages")
        page_unpublished.connect(handlers.refresh_passages, dispatch_uid="helpcenter_passages")
        signals.post_delete.connect(
            handlers.passages_deleted, sender=Passage, dispatch_uid="helpcenter_passages"
        )
        # Cached pages are dropped as what they show changes.
        from .caching import invalidation

        invalidation.connect()
        # Content requests follow their page through moderation and publishing.
        from . import content_requests

        content_requests.connect()
        checks.register(helpcenter_checks.check_installed_apps)
        checks.register(helpcenter_checks.check_settings)
        checks.register(helpcenter_checks.check_embedder)
        checks.register(helpcenter_checks.check_shared_cache, checks.Tags.caches)
        checks.register(helpcenter_checks.check_sqlite_writes, checks.Tags.database)
        checks.register(helpcenter_checks.check_page_cache_middleware)
        checks.register(helpcenter_checks.check_templates)
        checks.register(helpcenter_checks.check_translation_setup)
        checks.register(helpcenter_checks.check_discussions_setup)
