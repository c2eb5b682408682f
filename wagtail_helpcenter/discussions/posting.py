"""Storing a comment: the checks every post goes through (the page may take comments,
the discussion is open, the poster is not banned, a reply answers a comment of the same
page), then moderation, then the comment and its review. Used when a signed-in visitor
posts and when an anonymous visitor confirms by email, so both meet the same rules."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _
from django_comments_xtd.models import XtdComment, max_thread_level_for_content_type

from ..ids import parse_id
from ..models import ArticlePage, FAQPage
from ..visibility import get_visibility
from . import signals
from .models import Ban, Review, Thread
from .moderation import HOLD, REJECT, moderate
from .notifications import notify_followers, notify_moderators_of_held
from .roles import is_staff_poster

DISCUSSED_MODELS = (ArticlePage, FAQPage)


class Refused(Exception):
    """The comment cannot be posted; the message says why, for the poster."""


def discussed_model(label):
    """The page model a form's ``content_type`` ("app_label.model") names, if it takes
    comments (None otherwise)."""
    app_label, _dot, model_name = str(label).partition(".")
    for model in DISCUSSED_MODELS:
        if (model._meta.app_label, model._meta.model_name) == (app_label, model_name):
            return model
    return None


def discussed_page(model, object_pk, request):
    """The live article or FAQ page (``model`` and pk, from a form or a stored comment's
    content type) that takes comments, if this request may view it."""
    pk = parse_id(str(object_pk), model) if model in DISCUSSED_MODELS else None
    if pk is None:
        raise Refused(_("This form does not belong to a page of the help center."))
    page = model.objects.live().filter(pk=pk).first()
    if page is None or not get_visibility(request).can_view(page):
        raise Refused(_("This page does not exist or does not take comments."))
    return page


def check_open(page):
    thread = Thread.objects.filter(page=page).first()
    if thread is not None and thread.is_closed:
        raise Refused(
            _("This discussion is closed, so new comments are not accepted. %(summary)s")
            % {"summary": thread.summary}
        )


def check_not_banned(user, email):
    ban = Ban.objects.active().matching(user, email).first()
    if ban is None:
        return
    if ban.until is None:
        raise Refused(_("You cannot post here: %(reason)s") % {"reason": ban.reason})
    raise Refused(
        _("You cannot post here until %(date)s: %(reason)s")
        % {"date": ban.until_display, "reason": ban.reason}
    )


def check_reply(comment, page):
    """A reply must answer a public comment of the same page, within the depth."""
    if not comment.parent_id:
        return
    # reply_to is not in the form's security hash: any number can arrive here.
    parent_id = parse_id(comment.parent_id, XtdComment)
    if parent_id is None:
        raise Refused(_("The comment you reply to is not on this page."))
    content_type = ContentType.objects.get_for_model(page, for_concrete_model=False)
    parent = XtdComment.objects.filter(
        pk=parent_id,
        content_type=content_type,
        object_pk=str(page.pk),
        is_public=True,
        is_removed=False,
    ).first()
    if parent is None:
        raise Refused(_("The comment you reply to is not on this page."))
    if parent.level >= max_thread_level_for_content_type(content_type):
        raise Refused(_("This conversation is too deep for another reply; reply higher up."))


def check_all(comment, page, request):
    check_open(page)
    check_not_banned(comment.user, comment.user_email)
    check_reply(comment, page)


def decide(comment, request):
    """Moderation of an unsaved comment; a rejection is refused (nothing stored)."""
    decision = moderate(comment, request)
    if decision.action == REJECT:
        signals.comment_rejected.send(
            sender=XtdComment, comment=comment, reason=decision.reason, moderator=None
        )
        raise Refused(_("Your comment was not accepted. %(reason)s") % {"reason": decision.reason})
    return decision


def store(comment, page, request):
    """Check, moderate and store ``comment`` (django-comments-xtd's unsaved comment);
    returns the stored XtdComment, public or held. Raises Refused."""
    check_all(comment, page, request)
    decision = decide(comment, request)
    comment.is_public = decision.action != HOLD
    with transaction.atomic():
        stored = XtdComment(**comment)
        stored.save()
        Review.objects.create(
            comment=stored,
            status=Review.HELD if decision.action == HOLD else Review.APPROVED,
            reason=decision.reason,
            staff_reply=is_staff_poster(stored.user),
        )
    signals.comment_posted.send(sender=XtdComment, comment=stored, request=request)
    if decision.action == HOLD:
        signals.comment_held.send(sender=XtdComment, comment=stored, reason=decision.reason)
        notify_moderators_of_held(stored, decision.reason)
    else:
        notify_followers(stored)
    return stored


def page_of(comment, request):
    """The page a stored (or signed) comment belongs to; Refused as for a form."""
    return discussed_page(comment.content_type.model_class(), comment.object_pk, request)
