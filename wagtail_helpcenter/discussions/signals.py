"""Public signals of the discussions (``sender`` is the comment model, or Thread/Ban).

- ``comment_posted(comment, request)``: a comment was stored (public or held).
- ``comment_held(comment, reason)``: it waits for a moderator.
- ``comment_approved(comment, moderator)``: a moderator made a held comment public.
- ``comment_rejected(comment, reason, moderator)``: refused by a moderation hook when
  posted (``comment`` is then the unsaved comment and ``moderator`` None), or removed by
  a moderator.
- ``thread_closed(page, thread, moderator)`` and ``thread_reopened(page, thread, moderator)``.
- ``user_banned(ban)``.
"""

from django.dispatch import Signal

comment_posted = Signal()
comment_held = Signal()
comment_approved = Signal()
comment_rejected = Signal()
thread_closed = Signal()
thread_reopened = Signal()
user_banned = Signal()
