"""The names the discussions publish for a poster, never a login name (often an email
address): see ``names.public_name``.

A comment posted from an account shows that account's public name, read when it is
shown rather than trusted from ``user_name``: comments stored before this rule kept the
login name there, and a name changed since is shown as it is now."""

from django_comments_xtd.models import XtdComment

from ..names import public_name

USER_NAME_LENGTH = XtdComment._meta.get_field("user_name").max_length


def poster_name(user, request=None):
    """The name stored in ``user_name`` for a comment posted from ``user``'s account."""
    return public_name(user, request)[:USER_NAME_LENGTH]


def author_name(comment, request=None):
    """The name shown for ``comment``'s author (load ``user`` with the comment)."""
    if comment.user_id:
        return poster_name(comment.user, request)
    return comment.user_name
