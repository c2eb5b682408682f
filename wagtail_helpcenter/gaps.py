"""The queue of what the help center failed to answer (``ContentGap``).

Contact requests whose subject matched nothing are added as they are sent
(``record_gap``); the other kinds are counted elsewhere and brought into the queue by
``refresh_gaps``.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models.deflection import ContentGap

KEY_MAX_LENGTH = ContentGap._meta.get_field("key").max_length
TITLE_MAX_LENGTH = ContentGap._meta.get_field("title").max_length


def gap_key(text):
    """The key of a gap named by visitor text: lowercased, single-spaced, cut to fit."""
    return " ".join(str(text).lower().split())[:KEY_MAX_LENGTH]


def record_gap(help_center, kind, key, title, page=None, when=None):
    """One more occurrence of the gap ``(help_center, kind, key)``, created on its
    first. Safe under concurrent requests, like ``counting.add_to_count``."""
    when = when or timezone.now()
    rows = ContentGap.objects.filter(help_center=help_center, kind=kind, key=key)
    if rows.update(occurrences=F("occurrences") + 1, last_seen=when):
        return
    try:
        with transaction.atomic():
            ContentGap.objects.create(
                help_center=help_center, kind=kind, key=key, title=str(title)[:TITLE_MAX_LENGTH],
                page=page, first_seen=when, last_seen=when,
            )  # fmt: skip
    except IntegrityError:
        rows.update(occurrences=F("occurrences") + 1, last_seen=when)
