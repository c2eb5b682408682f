"""Deciding what happens to a posted comment: approve, hold for a moderator, or reject.

Every function registered with the Wagtail hook ``helpcenter_moderate_comment`` is
called as ``fn(comment, request)`` and returns ``approve()``, ``hold(reason)``,
``reject(reason)`` or None (no opinion). The built-in moderators below run first, each
switched by a ``WAGTAIL_HELPCENTER`` setting. The rule:

- the first *decisive* answer wins: a hold or a reject stops the chain (so a hold wins
  over any approve, earlier or later);
- a comment nobody holds or rejects is approved.

``comment`` is the comment about to be stored (django-comments-xtd's unsaved comment):
``comment.comment`` (text), ``user`` (None when anonymous), ``user_name``,
``user_email``, ``ip_address``, ``content_object`` (the page) and ``parent_id``.
"""

import re
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_comments_xtd.models import XtdComment
from wagtail import hooks

from ..conf import get_config

HOOK_NAME = "helpcenter_moderate_comment"
APPROVE, HOLD, REJECT = "approve", "hold", "reject"
RATE_WINDOW = timedelta(minutes=10)
LINK = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)


@dataclass(frozen=True)
class Decision:
    action: str
    reason: str = ""

    @property
    def is_decisive(self):
        return self.action in (HOLD, REJECT)


def approve():
    return Decision(APPROVE)


def hold(reason):
    return Decision(HOLD, str(reason))


def reject(reason):
    return Decision(REJECT, str(reason))


# Built-in moderators ----------------------------------------------------------------


def too_many_links(comment, request):
    limit = get_config()["DISCUSSION_MAX_LINKS"]
    if limit is None:
        return None
    links = len(LINK.findall(comment.comment or ""))
    if links > limit:
        return hold(
            ngettext(
                "It contains %(count)s link (more than %(limit)s).",
                "It contains %(count)s links (more than %(limit)s).",
                links,
            )
            % {"count": links, "limit": limit}
        )
    return None


def blocked_words_pattern(words):
    """One pattern matching any of ``words`` as whole words (so "document" does not
    match a blocked "cum"), case-insensitively."""
    words = [word.strip() for word in words if word and word.strip()]
    if not words:
        return None
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def blocked_words(comment, request):
    pattern = blocked_words_pattern(get_config()["DISCUSSION_BLOCKED_WORDS"])
    if pattern is None:
        return None
    found = pattern.search(" ".join([comment.comment or "", comment.user_name or ""]))
    if found:
        return reject(
            _("It contains a word that is not allowed here: “%(word)s”.") % {"word": found.group(0)}
        )
    return None


def posting_rate(comment, request):
    """At most N comments per user, and per address, in ten minutes."""
    config = get_config()
    since = timezone.now() - RATE_WINDOW
    recent = XtdComment.objects.filter(submit_date__gte=since)
    user = comment.user
    signed_in = user is not None and user.is_authenticated
    per_user = config["DISCUSSION_POSTS_PER_USER"]
    if per_user is not None and signed_in and recent.filter(user=user).count() >= per_user:
        return reject(_("You have posted a lot in a short time. Please wait a few minutes."))
    per_address = config["DISCUSSION_POSTS_PER_ADDRESS"]
    address = comment.ip_address
    if (
        per_address is not None
        and address
        and recent.filter(ip_address=address).count() >= per_address
    ):
        return reject(
            _("Many comments came from your network just now. Please wait a few minutes.")
        )
    return None


def first_post(comment, request):
    """A poster's first comment waits for a moderator; later ones do not."""
    if not get_config()["DISCUSSION_HOLD_FIRST_POST"]:
        return None
    user = comment.user
    if user is not None and user.is_authenticated and user.is_staff:
        return None
    earlier = XtdComment.objects.filter(is_public=True, is_removed=False)
    if user is not None and user.is_authenticated:
        earlier = earlier.filter(user=user)
    else:
        earlier = earlier.filter(user_email__iexact=comment.user_email or "")
    if not earlier.exists():
        return hold(_("It is the first comment of a new poster."))
    return None


def honeypot(comment, request):
    """The form's hidden field, left empty by people and filled in by spam robots."""
    if not get_config()["DISCUSSION_HONEYPOT"]:
        return None
    if request is not None and request.POST.get("honeypot"):
        return reject(_("The comment looks automated."))
    return None


BUILT_IN = [honeypot, posting_rate, blocked_words, too_many_links, first_post]


def moderators():
    return [*BUILT_IN, *hooks.get_hooks(HOOK_NAME)]


def moderate(comment, request):
    """The decision for ``comment`` (see the module docstring for the rule)."""
    for moderator in moderators():
        decision = moderator(comment, request)
        if decision is not None and decision.is_decisive:
            return decision
    return approve()
