"""Anonymous comments waiting for their poster to open the emailed link.

The comment is stored server-side (``PendingComment``) and the link carries only a
random token, so a link can neither be decoded (the poster's email and address used to
be readable in it) nor forged into something that runs (django-comments-xtd's links are
signed pickles). Confirming moves the comment through the usual checks into XtdComment
and deletes the row. A link works for ``DISCUSSION_CONFIRMATION_HOURS``; expired rows
are deleted on each new anonymous post and when their link is opened.

Each waiting comment sent an email to an address the poster typed, so how many may wait
is limited per network address and per recipient (``DISCUSSION_UNCONFIRMED_PER_*``).
The rows are counted in the database, so the limits hold across worker processes."""

import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from django_comments_xtd.models import TmpXtdComment

from ..conf import get_config
from ..mailboxes import mailbox_of
from ..visitors import network_of
from .models import PendingComment
from .posting import Refused

TOKEN_BYTES = 32


def token_hash(token):
    return hashlib.sha256(str(token).encode()).hexdigest()


# One mailbox however its address is written (shared with the contact form's limits).
recipient_key = mailbox_of


class TooManyWaiting(Refused):
    """Too many unconfirmed comments already wait for this address or recipient."""


def _over(limit, waiting):
    return limit not in (None, False) and waiting.count() >= limit


def check_limits(comment):
    """Refuse (TooManyWaiting) one more confirmation email from this network address, or
    to this mailbox, while the earlier ones wait to be opened."""
    config = get_config()
    waiting = PendingComment.objects.waiting()
    network = network_of(comment.ip_address) if comment.ip_address else ""
    if network and _over(
        config["DISCUSSION_UNCONFIRMED_PER_ADDRESS"], waiting.filter(network=network)
    ):
        raise TooManyWaiting(
            _(
                "Several comments from your network wait for their poster to open the link "
                "we emailed. Open those links, or try again later."
            )
        )
    recipient = recipient_key(comment.user_email)
    if _over(config["DISCUSSION_UNCONFIRMED_PER_EMAIL"], waiting.filter(recipient=recipient)):
        raise TooManyWaiting(
            _(
                "Comments for this email address already wait for the link we emailed to be "
                "opened. Open it, or try again later."
            )
        )


def purge_expired():
    return PendingComment.objects.expired().delete()[0]


def hold(comment):
    """Keep ``comment`` (django-comments-xtd's unsaved comment, already checked) until
    confirmed; the token for its link."""
    purge_expired()
    token = secrets.token_urlsafe(TOKEN_BYTES)
    now = timezone.now()
    PendingComment.objects.create(
        token_hash=token_hash(token),
        content_type=comment.content_type,
        object_pk=comment.object_pk,
        site_id=comment.site_id,
        parent_id=comment.parent_id or 0,
        user_name=comment.user_name,
        user_email=comment.user_email,
        recipient=recipient_key(comment.user_email),
        comment=comment.comment,
        followup=bool(comment.followup),
        ip_address=comment.ip_address or None,
        network=network_of(comment.ip_address) if comment.ip_address else "",
        created_at=now,
        expires_at=now + timedelta(hours=get_config()["DISCUSSION_CONFIRMATION_HOURS"]),
    )
    return token


def find(token):
    """The pending comment of a link's token, or None."""
    return PendingComment.objects.filter(token_hash=token_hash(token)).first()


def claim(pending):
    """Delete the row before its comment is stored, in the caller's transaction: False
    when another request confirmed it first (so it is stored once)."""
    return PendingComment.objects.filter(pk=pending.pk).delete()[0] > 0


def as_comment(pending):
    """The unsaved comment, as django-comments-xtd's form had made it."""
    return TmpXtdComment(
        content_type=pending.content_type,
        object_pk=pending.object_pk,
        site_id=pending.site_id,
        user=None,
        user_name=pending.user_name,
        user_email=pending.user_email,
        user_url="",
        comment=pending.comment,
        submit_date=pending.created_at,
        ip_address=pending.ip_address,
        is_public=True,
        is_removed=False,
        thread_id=0,
        level=0,
        order=1,
        parent_id=pending.parent_id,
        followup=pending.followup,
    )
