"""What drops cached pages (``caching.pages``): receivers connected in
``AppConfig.ready()``, each renewing the content generation of the part of the tree the
change shows in (``generations``)."""

from django.apps import apps
from wagtail.models import Page

from .. import glossary
from . import generations


def _is_page(instance):
    return isinstance(instance, Page)


def page_changed(sender, instance, **kwargs):
    """page_published: every page of its help center may list or link to it, in every
    language."""
    if _is_page(instance):
        generations.renew_help_center(instance)


def page_hidden(sender, instance, **kwargs):
    """page_unpublished, and a page's pre_delete: as a publish, and at once even in an
    import's batch."""
    if _is_page(instance):
        generations.renew_help_center(instance, at_once=True)


def page_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """post_save of a page saved whole (a new page, an alias updated with its source, a
    copy): Wagtail's bookkeeping saves name their fields and change nothing shown."""
    if raw or not _is_page(instance) or update_fields is not None:
        return
    if instance.live:
        generations.renew_help_center(instance)


def page_moved(sender, instance, parent_page_before=None, **kwargs):
    generations.renew_help_center(instance)
    if parent_page_before is not None:
        generations.renew_help_center(parent_page_before)


def restriction_changed(sender, instance, raw=False, **kwargs):
    """A view restriction saved or deleted, or its groups changed: what anonymous
    visitors are shown of that part of the tree changes."""
    page_id = getattr(instance, "page_id", None)  # m2m_changed also sends a Group
    if raw or page_id is None:
        return
    page = Page.objects.filter(pk=page_id).only("path").first()
    if page is not None:
        generations.renew_help_center(page, at_once=True)


def comment_changed(sender, instance, raw=False, **kwargs):
    """A comment posted, approved, rejected, removed or deleted: only its page shows it."""
    if not raw:
        _renew_page_with_pk(instance.object_pk)


def review_changed(sender, instance, raw=False, **kwargs):
    """A moderator's review of a comment (a staff reply shows a badge)."""
    if not raw:
        object_pk = type(instance.comment).objects.filter(pk=instance.comment_id)
        _renew_page_with_pk(object_pk.values_list("object_pk", flat=True).first())


def thread_changed(sender, instance, raw=False, **kwargs):
    """A discussion closed or reopened, or an answer accepted."""
    if not raw:
        _renew_page_with_pk(instance.page_id)


def site_wide_change(sender, raw=False, **kwargs):
    """A site, a locale, an image or document, the community rules: any page may show
    them; synonyms: any search may find other pages."""
    if not raw:
        generations.renew_site()


# The help center a glossary term had before this save (``glossary_term_saving``).
_STORED_HELP_CENTER = "_helpcenter_stored_help_center_id"


def glossary_term_saving(sender, instance, raw=False, **kwargs):
    """pre_save of a glossary term: remember the help center it is stored under, so that
    a term moved to another help center also leaves the old one's pages."""
    if raw or instance.pk is None:
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("help_center_id", flat=True)
    setattr(instance, _STORED_HELP_CENTER, stored.first())


def glossary_term_changed(sender, instance, raw=False, **kwargs):
    """A glossary term saved or deleted: its help center's articles and glossary page,
    in every language, show it; and so did the help center it was moved from."""
    if raw:
        return
    help_center_ids = {instance.help_center_id, instance.__dict__.pop(_STORED_HELP_CENTER, None)}
    pages = Page.objects.filter(pk__in=help_center_ids - {None}).only("path", "translation_key")
    for page in pages:
        glossary.forget_terms(page)
        generations.renew_help_center(page)


PUBLIC_NAME_FIELDS = {"first_name", "last_name", "username"}


def user_saved(sender, instance, raw=False, created=False, update_fields=None, **kwargs):
    """A user's name is shown as an article's author and a comment's poster. A login
    (``last_login`` alone) or a new account shows nowhere yet."""
    if raw or created:
        return
    if update_fields is None or PUBLIC_NAME_FIELDS & set(update_fields):
        generations.renew_site()


def _renew_page_with_pk(pk):
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return
    path = Page.objects.filter(pk=pk).values_list("path", flat=True).first()
    if path is not None:
        generations.renew([path])


def connect():
    from django.contrib.auth import get_user_model
    from django.db.models import signals
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Locale, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from ..models.glossary import GlossaryTerm
    from ..models.synonyms import SynonymSet

    uid = "wagtail_helpcenter_page_cache"
    page_published.connect(page_changed, dispatch_uid=uid)
    page_unpublished.connect(page_hidden, dispatch_uid=uid)
    signals.pre_delete.connect(page_hidden, dispatch_uid=uid)
    signals.post_save.connect(page_saved, dispatch_uid=uid)
    post_page_move.connect(page_moved, dispatch_uid=uid)
    for signal in (signals.post_save, signals.post_delete):
        signal.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid=uid)
        signal.connect(glossary_term_changed, sender=GlossaryTerm, dispatch_uid=uid)
        for model in (Site, Locale, get_image_model(), get_document_model(), SynonymSet):
            signal.connect(site_wide_change, sender=model, dispatch_uid=f"{uid}_{model.__name__}")
    signals.pre_save.connect(glossary_term_saving, sender=GlossaryTerm, dispatch_uid=uid)
    signals.post_save.connect(user_saved, sender=get_user_model(), dispatch_uid=uid)
    signals.m2m_changed.connect(
        restriction_changed, sender=PageViewRestriction.groups.through, dispatch_uid=uid
    )
    if apps.is_installed("wagtail_helpcenter.discussions"):
        _connect_discussions(signals, uid)


def _connect_discussions(signals, uid):
    from django_comments_xtd.models import XtdComment

    from ..discussions.models import CommunityRules, Review, Thread

    for signal in (signals.post_save, signals.post_delete):
        signal.connect(comment_changed, sender=XtdComment, dispatch_uid=uid)
        signal.connect(review_changed, sender=Review, dispatch_uid=uid)
        signal.connect(thread_changed, sender=Thread, dispatch_uid=uid)
        signal.connect(site_wide_change, sender=CommunityRules, dispatch_uid=f"{uid}_rules")
