"""The discussions' emails: to moderators when a comment is held or flagged, to an
anonymous poster to confirm a comment, and to the followers of a discussion."""

from django.core.mail import EmailMessage, send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django_comments_xtd import signed
from django_comments_xtd.conf import settings
from django_comments_xtd.models import XtdComment
from wagtail.admin.utils import get_admin_base_url

from .authors import author_name
from .roles import moderators


def _send(subject, template, context):
    recipients = list(moderators().values_list("email", flat=True))
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


def send_confirmation(comment, key, request):
    """The email that asks an anonymous poster to confirm (django-comments-xtd's flow,
    with this app's confirmation link, which applies the help center's checks)."""
    context = {
        "comment": comment,
        "confirmation_url": request.build_absolute_uri(
            reverse("wagtail_helpcenter_discussions:confirm", args=[key])
        ),
        "page_url": comment.content_object.get_full_url(request),
    }
    _email_visitor(
        _("Confirm your comment"),
        "wagtail_helpcenter/discussions/emails/confirm.txt",
        context,
        comment.user_email,
    )


def notify_followers(comment):
    """Email everyone following the page's discussion (they ticked "Email me when someone
    replies") about a new public comment, with a link to stop (django-comments-xtd's
    signed mute key)."""
    page = comment.content_object
    site = page.get_site()
    root_url = site.root_url if site else ""
    followers = {}
    for earlier in XtdComment.objects.filter(
        content_type=comment.content_type,
        object_pk=comment.object_pk,
        is_public=True,
        is_removed=False,
        followup=True,
    ).exclude(user_email__iexact=comment.user_email):
        followers.setdefault(earlier.user_email.lower(), earlier)
    for email, earlier in followers.items():
        key = signed.dumps(earlier, compress=True, extra_key=settings.COMMENTS_XTD_SALT)
        context = {
            "name": author_name(earlier),
            "author": author_name(comment),
            "comment": comment,
            "page_url": f"{page.get_full_url()}#c{comment.pk}",
            "mute_url": root_url + reverse("comments-xtd-mute", args=[key.decode()]),
        }
        _email_visitor(
            _("New reply in “%(title)s”") % {"title": page.title},
            "wagtail_helpcenter/discussions/emails/followup.txt",
            context,
            email,
        )
    return len(followers)
