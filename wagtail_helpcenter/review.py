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


def mark_reviewed(article, user=None, today=None):
    """Set the article's "last reviewed" date to today, on the live page and on its
    latest revision (so publishing a draft later keeps it), and log it."""
    from wagtail.log_actions import log

    from .models import ArticlePage

    today = today or timezone.localdate()
    ArticlePage.objects.filter(pk=article.pk).update(last_reviewed=today)
    revision = article.latest_revision
    if revision is not None:
        revision.content["last_reviewed"] = today.isoformat()
        revision.save(update_fields=["content"])
    article.last_reviewed = today
    log(instance=article, action=MARK_REVIEWED_ACTION, user=user)


MARK_REVIEWED_ACTION = "wagtail_helpcenter.mark_reviewed"
