"""django-comments-xtd's own posting and confirmation views (under its URLs, which
sites mount for its mute links and comment redirects) would store comments on help
center pages without the help center's checks and moderation: they are refused there.
Comments on help center pages are posted through this app's views only."""

from .posting import DISCUSSED_MODELS


def _is_help_center_comment(comment):
    return isinstance(getattr(comment, "content_object", None), DISCUSSED_MODELS)


def refuse_posting_around_the_help_center(sender, comment, request, **kwargs):
    """comment_will_be_posted (django-comments) and confirmation_received (xtd)."""
    return not _is_help_center_comment(comment)


def announce_ban(sender, instance, created, raw=False, **kwargs):
    """post_save of Ban: the public ``user_banned`` signal, once, when a ban is made."""
    from . import signals

    if created and not raw:
        signals.user_banned.send(sender=sender, ban=instance)
