from django.db import models, transaction
from wagtail.models import Page, PageViewRestriction

from . import translation_privacy
from .audience import sync_audience_restriction as _sync
from .cleaning import without_control_characters
from .models.mixins import AudienceMixin

_OLD_SIGNATURE = "_helpcenter_old_signature"
_PREVIOUS_AUDIENCE = "_helpcenter_previous_audience"
_pages_being_deleted = set()


def clean_text_fields(sender, instance, raw=False, **kwargs):
    """pre_save of the help center's models: text fields without control characters
    (an editor can type a backspace into a title; PostgreSQL refuses a NUL, feeds any
    control character). Page fields inherited from Wagtail's Page included."""
    if raw or instance._meta.app_label != "wagtail_helpcenter":
        return
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            cleaned = without_control_characters(value)
            if cleaned != value:
                setattr(instance, field.attname, cleaned)


def remember_audience(sender, instance, raw=False, **kwargs):
    """pre_save: the audience stored before this save, to tell a change from a copy."""
    if raw or not isinstance(instance, AudienceMixin):
        return
    previous = None
    if instance.pk is not None:
        previous = type(instance).objects.filter(pk=instance.pk).values_list("audience").first()
    setattr(instance, _PREVIOUS_AUDIENCE, previous[0] if previous else None)


def sync_audience_restriction(
    sender, instance, raw=False, created=False, update_fields=None, **kwargs
):
    """post_save of a help center page: its copies in other languages follow its
    privacy, or it follows its source's (translation_privacy); a page with an
    ``audience`` then gets the matching view restriction."""
    if raw or not isinstance(instance, Page) or instance._meta.app_label != "wagtail_helpcenter":
        return
    if update_fields is not None and "audience" not in update_fields:
        return  # Wagtail's own bookkeeping saves (revisions, tree counts)
    audience = isinstance(instance, AudienceMixin)
    previous = getattr(instance, _PREVIOUS_AUDIENCE, None)
    changed = audience and not created and previous is not None and previous != instance.audience
    translation_privacy.page_saved(instance, changed)
    if audience:
        _sync(instance)


def _page_of(restriction):
    if restriction.page_id in _pages_being_deleted:
        return None  # the page is deleted with its restrictions: its translations keep theirs
    return Page.objects.filter(pk=restriction.page_id).select_related("content_type").first()


def remember_restriction(sender, instance, raw=False, **kwargs):
    """pre_save / pre_delete of a view restriction: what it did before."""
    if raw or instance.pk is None:
        setattr(instance, _OLD_SIGNATURE, None)
        return
    old = type(instance).objects.filter(pk=instance.pk).first()
    setattr(instance, _OLD_SIGNATURE, translation_privacy.signature(old) if old else None)


def mirror_saved_restriction(sender, instance, raw=False, **kwargs):
    if raw:
        return
    old = getattr(instance, _OLD_SIGNATURE, None)
    new = translation_privacy.signature(instance)
    translation_privacy.restriction_changed(_page_of(instance), removed=old, added=new)


def mirror_deleted_restriction(sender, instance, **kwargs):
    old = getattr(instance, _OLD_SIGNATURE, None)
    if old is not None:
        translation_privacy.restriction_changed(_page_of(instance), removed=old)


def mirror_restriction_groups(sender, instance, action, reverse=False, **kwargs):
    """m2m_changed of a restriction's groups (Wagtail's privacy dialog sets them after
    saving the restriction)."""
    if reverse or not isinstance(instance, PageViewRestriction):
        return
    if action.startswith("pre_"):
        setattr(instance, _OLD_SIGNATURE, translation_privacy.signature(instance))
    elif action.startswith("post_"):
        old = getattr(instance, _OLD_SIGNATURE, None)
        new = translation_privacy.signature(instance)
        translation_privacy.restriction_changed(_page_of(instance), removed=old, added=new)


def page_moved(sender, instance, **kwargs):
    """post_page_move: the copies of what moved get the restrictions of its new place."""
    if translation_privacy.is_help_center_page(instance):
        translation_privacy.subtree_moved(instance)


def page_deletion_started(sender, instance, **kwargs):
    if isinstance(instance, Page):
        _pages_being_deleted.add(instance.pk)


def page_deletion_ended(sender, instance, **kwargs):
    """post_delete of the base Page row, deleted after the restrictions that point at it
    (a specific page type's row goes first)."""
    _pages_being_deleted.discard(instance.pk)


def ensure_search_index(sender, using="default", **kwargs):
    """post_migrate: on SQLite, the analysed-text table of our search backend (built
    from the index entries when our backend is in use) and modelsearch's own FTS table
    as modelsearch makes it."""
    from django.conf import settings

    from .search.backends.database import ensure_text_index, uses_this_backend

    ensure_text_index(
        using, build=uses_this_backend(getattr(settings, "WAGTAILSEARCH_BACKENDS", None))
    )


def forget_locale_languages(sender, **kwargs):
    """post_save/post_delete of a Locale: the search analysis reads languages anew."""
    from .search.analysis import forget_locales

    forget_locales()


def refresh_passages(sender, instance, **kwargs):
    """A published or unpublished article or FAQ page: its passages follow, in the
    background, once the change is committed (semantic search only)."""
    from .models import ArticlePage, FAQPage
    from .semantic.embedders import get_embedder

    if get_embedder() is None or not isinstance(instance.specific_deferred, ArticlePage | FAQPage):
        return
    from .semantic.tasks import refresh_passages as task

    page_id = instance.pk
    transaction.on_commit(lambda: task.enqueue(page_id))


def passages_deleted(sender, **kwargs):
    from .semantic.store import bump_generation

    bump_generation()
