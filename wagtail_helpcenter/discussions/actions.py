"""What moderators do, as plain functions the admin views (and tests) call."""

from django.contrib.sites.models import Site
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django_comments_xtd.models import XtdComment
from wagtail.models import Site as WagtailSite

from ..conf import get_config
from ..models import FAQItem
from . import signals
from .authors import author_name, poster_name
from .models import Report, Review, Thread
from .notifications import notify_followers
from .reply_templates import (  # noqa: F401 - the reply template API, named here too
    KNOWN_PLACEHOLDERS,
    MissingFields,
    TemplateError,
    free_fields,
    placeholders,
)


def _review(comment):
    review, _created = Review.objects.get_or_create(
        comment=comment, defaults={"status": Review.APPROVED}
    )
    return review


def _mark(comment, user, status):
    review = _review(comment)
    review.status, review.reviewed_by, review.reviewed_at = status, user, timezone.now()
    review.save()
    Report.objects.filter(comment=comment, resolved_at__isnull=True).update(
        resolved_at=timezone.now()
    )


def approve(comment, user):
    was_public = comment.is_public
    comment.is_public, comment.is_removed = True, False
    comment.save(update_fields=["is_public", "is_removed"])
    _mark(comment, user, Review.APPROVED)
    signals.comment_approved.send(sender=XtdComment, comment=comment, moderator=user)
    if not was_public:
        notify_followers(comment)


def reject(comment, user, spam=False):
    comment.is_public, comment.is_removed = False, True
    comment.save(update_fields=["is_public", "is_removed"])
    _mark(comment, user, Review.SPAM if spam else Review.REJECTED)
    reason = _("Marked as spam by a moderator.") if spam else _("Rejected by a moderator.")
    signals.comment_rejected.send(sender=XtdComment, comment=comment, reason=reason, moderator=user)


def thread_of(page):
    thread, _created = Thread.objects.get_or_create(page=page)
    return thread


def close_thread(page, user, summary):
    thread = thread_of(page)
    thread.closed_at, thread.closed_by, thread.summary = timezone.now(), user, summary.strip()
    thread.save()
    signals.thread_closed.send(sender=Thread, page=page, thread=thread, moderator=user)
    return thread


def reopen_thread(page, user):
    thread = thread_of(page)
    thread.closed_at = thread.closed_by = None
    thread.save()
    signals.thread_reopened.send(sender=Thread, page=page, thread=thread, moderator=user)
    return thread


def accept_answer(comment, user):
    thread = thread_of(comment.content_object)
    thread.accepted_comment = comment
    thread.save(update_fields=["accepted_comment"])
    return thread


def create_comment(page, text, *, user=None, name="", email="", parent=None, public=True,
                   reason="", staff_reply=False, reviewer=None):  # fmt: skip
    """Store a comment with its review, as moderation left it (public, or held with a
    reason), without the visitors' checks: for moderators' replies and for the demo."""
    with transaction.atomic():
        comment = XtdComment(
            content_object=page,
            site=Site.objects.get_current(),
            user=user,
            user_name=poster_name(user) if user else name,
            user_email=user.email if user else email,
            comment=text,
            submit_date=timezone.now(),
            is_public=public,
            parent_id=parent.pk if parent else 0,
        )
        comment.save()
        Review.objects.create(
            comment=comment,
            status=Review.APPROVED if public else Review.HELD,
            reason=reason,
            staff_reply=staff_reply,
            reviewed_by=reviewer,
            reviewed_at=timezone.now() if reviewer else None,
        )
    return comment


def reply_as_staff(page, parent, user, text):
    """A public reply from a moderator to ``parent`` (or a new conversation)."""
    comment = create_comment(page, text, user=user, parent=parent, staff_reply=True, reviewer=user)
    notify_followers(comment)
    return comment


# Reply templates ---------------------------------------------------------------------


def company_name():
    configured = get_config()["DISCUSSION_COMPANY_NAME"]
    if configured:
        return configured
    site = WagtailSite.objects.filter(is_default_site=True).first()
    return site.site_name if site and site.site_name else ""


def fill_template(template, *, comment, moderator, free_values):
    """The template's text with every placeholder filled; MissingFields names the free
    fields left empty."""
    page = comment.content_object if comment is not None else None
    values = {
        "user_name": author_name(comment) if comment is not None else "",
        "company_name": company_name(),
        "article_title": page.title if page is not None else "",
        "moderator_name": poster_name(moderator),
    }
    missing = [name for name in free_fields(template) if not str(free_values.get(name, "")).strip()]
    if missing:
        raise MissingFields(missing)
    values.update({name: str(free_values[name]).strip() for name in free_fields(template)})
    return template.text.format(**values)


# Promote to FAQ -------------------------------------------------------------------


def promote_to_faq(question, answer, faq_page, user):
    """A draft revision of ``faq_page`` with a new question (the conversation's first
    comment) and answer (the accepted reply). Nothing is published."""
    page = faq_page.get_latest_revision_as_object()
    text = question.comment.strip()
    page.faq_items.add(
        FAQItem(
            question=text[:255],
            answer="".join(
                f"<p>{escape(paragraph)}</p>"
                for paragraph in answer.comment.strip().split("\n\n")
                if paragraph.strip()
            ),
        )
    )
    page.clean()  # anchors for the new question
    return page.save_revision(user=user, log_action=True)
