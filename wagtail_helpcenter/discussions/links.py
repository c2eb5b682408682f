"""The unsubscribe ("mute") links of follow-up emails: Django's signing (JSON, HMAC with
the site's SECRET_KEY and a salt) of the follower's comment id, nothing personal and no
pickle. Links from before, django-comments-xtd's signed pickles, are recognised to be
refused with a clear message, and never loaded."""

from django.core import signing
from django_comments_xtd.models import XtdComment

from ..ids import parse_id

MUTE_SALT = "wagtail_helpcenter.discussions.mute"


def is_pickle_link(key):
    """django-comments-xtd's signed pickles join payload and signature with a ".", which
    neither Django's signing (":") nor a confirmation token (URL-safe base64) contains."""
    return "." in str(key)


def mute_key(comment):
    return signing.dumps(comment.pk, salt=MUTE_SALT)


def muted_comment_id(key):
    """The follower comment id signed into a mute key, or None for a bad key."""
    try:
        value = signing.loads(str(key), salt=MUTE_SALT)
    except (signing.BadSignature, ValueError):  # ValueError: a signed value not JSON
        return None
    return parse_id(value, XtdComment)
