"""The discussions' emails: to moderators when a comment is held or flagged, to an
anonymous poster to confirm a comment, and to the followers of a discussion."""

from django.core.mail import EmailMessage, send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django_comments_xtd.conf import settings
from django_comments_xtd.models import XtdComment
from wagtail.admin.utils import get_admin_base_url

from ..visibility import load_restrictions, visibility_for_user
from .authors import author_name
from .links import mute_key
from .roles import moderators


def _send(subject, template, context):
    # The email names the page and quotes the comment: only to moderators who may see
    # the page (INTERNAL_GROUPS need not include the moderator groups).
    page = context["comment"].content_object
    restrictions = load_restrictions()
    recipients = [
        moderator.email
        for moderator in moderators()
        if page is not None and visibility_for_user(moderator, restrictions).can_view(page)
    ]
    if not recipients:
        return 0
    context = {
        **context,
        "queue_url": get_admin_base_url() + reverse("wagtail_helpcenter_moderation"),
    }
    body = render_to_string(template, context)
    return send_mail(subject, body, None, recipients)


def notify_moderators_of_held(comment, reason):
    return _send(
        _("A comment waits for moderation"),
        "wagtail_helpcenter/discussions/emails/held.txt",
        {"comment": comment, "reason": reason},
    )


def notify_moderators_of_report(report):
    return _send(
        _("A comment was flagged"),
        "wagtail_helpcenter/discussions/emails/flagged.txt",
        {"comment": report.comment, "report": report},
    )


def _email_visitor(subject, template, context, address):
    EmailMessage(
        subject,
        render_to_string(template, context),
        settings.COMMENTS_XTD_FROM_EMAIL,
        [address],
    ).send()


def send_confirmation(comment, token, request):
    """The email that asks an anonymous poster to confirm: a link with the token of the
    comment kept for them (discussions.pending), to this app's confirm view."""
    context = {
        "comment": comment,
        "confirmation_url": request.build_absolute_uri(
            reverse("wagtail_helpcenter_discussions:confirm", args=[token])
        ),
        "page_url": comment.content_object.get_full_url(request),
    }
    _email_visitor(
        _("Confirm your comment"),
        "wagtail_helpcenter/discussions/emails/confirm.txt",
        context,
        comment.user_email,
    )


def followers_who_may_see(comment, page):
    """``{address: an earlier comment}`` for everyone following the discussion (they
    ticked "Email me when someone replies") who may still see ``page``: it may have
    become internal, or been restricted, since they followed it. An address followed
    both from an account and anonymously must be allowed as each."""
    by_address = {}
    for earlier in (
        XtdComment.objects.filter(
            content_type=comment.content_type,
            object_pk=comment.object_pk,
            is_public=True,
            is_removed=False,
            followup=True,
        )
        .exclude(user_email__iexact=comment.user_email)
        .select_related("user")
        .order_by("submit_date")
    ):
        by_address.setdefault(earlier.user_email.lower(), []).append(earlier)
    restrictions = load_restrictions()
    allowed = {}  # user id (None: anonymous) -> may see the page
    followers = {}
    for address, comments in by_address.items():
        for earlier in comments:
            if earlier.user_id not in allowed:
                visibility = visibility_for_user(earlier.user, restrictions)
                allowed[earlier.user_id] = visibility.can_view(page)
        if all(allowed[earlier.user_id] for earlier in comments):
            followers[address] = comments[0]
    return followers


def notify_followers(comment):
    """Email the followers of the page's discussion who may still see the page about a
    new public comment (posted, or approved by a moderator), with a link to stop."""
    page = comment.content_object
    if page is None or not page.live:
        return 0
    site = page.get_site()
    root_url = site.root_url if site else ""
    followers = followers_who_may_see(comment, page)
    for email, earlier in followers.items():
        context = {
            "name": author_name(earlier),
            "author": author_name(comment),
            "comment": comment,
            "page_url": f"{page.get_full_url()}#c{comment.pk}",
            "mute_url": root_url + reverse("comments-xtd-mute", args=[mute_key(earlier)]),
        }
        _email_visitor(
            _("New reply in “%(title)s”") % {"title": page.title},
            "wagtail_helpcenter/discussions/emails/followup.txt",
            context,
            email,
        )
    return len(followers)
