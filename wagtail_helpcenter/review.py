"""Which articles are due for review, as a database query (portable across backends).

An article is due once its review interval (its own, or ``REVIEW_INTERVAL_DAYS``) has
passed since it was last reviewed, or, if it never was, since it was first published.
This matches ``ArticlePage.review_due_date``.
"""

from datetime import timedelta

from django.db.models import DateField, Q
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from .conf import get_config


def overdue(queryset, today=None):
    """Articles of ``queryset`` whose review is overdue today, most overdue first."""
    today = today or timezone.localdate()
    default_days = get_config()["REVIEW_INTERVAL_DAYS"]
    queryset = queryset.annotate(
        review_base=Coalesce("last_reviewed", Cast("first_published_at", DateField()))
    )
    intervals = set(
        queryset.exclude(review_interval_days=None)
        .values_list("review_interval_days", flat=True)
        .distinct()
    )
    due = Q(review_interval_days=None, review_base__lt=today - timedelta(days=default_days))
    for days in intervals:
        due |= Q(review_interval_days=days, review_base__lt=today - timedelta(days=days))
    return queryset.filter(due).order_by("review_base", "pk")
