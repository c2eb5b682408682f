"""Counting the deflection funnel: per help center, language and day, without cookies or
personal data (see ``models.deflection.FunnelDay``).

Every step is counted for visitors only: robots, previews and editors are left out, as
in ``page_views``.
"""

from django.utils import timezone

from .counting import add_to_count
from .models.deflection import FunnelDay
from .visitors import first_time_today, is_bot, is_editor, is_preview

STEPS = (
    "visits",
    "searches",
    "searches_with_click",
    "contact_opened",
    "contact_sent",
    "suggestion_opened",
    "suggestion_then_sent",
)


def is_visitor(request):
    return not (is_preview(request) or is_bot(request) or is_editor(request))


def count_step(request, help_center, step, amount=1):
    """Add ``amount`` to ``step`` of today's funnel of ``help_center`` (the translation
    the visitor is in: its locale is the funnel's language)."""
    if step not in STEPS:
        raise ValueError(f"Unknown funnel step {step!r}")
    if not is_visitor(request):
        return
    add_to_count(
        FunnelDay,
        {"help_center_id": help_center.pk, "locale_id": help_center.locale_id,
         "date": timezone.localdate()},
        {step: amount},
    )  # fmt: skip


def count_visit(request, help_center):
    """One visit per visitor, help center and day, whatever the pages they open."""
    if is_bot(request) or is_preview(request):
        return
    # The mark first: the editor check costs a query, and is then made once a day.
    if first_time_today(request, f"visit:{help_center.pk}") and not is_editor(request):
        count_step(request, help_center, "visits")
