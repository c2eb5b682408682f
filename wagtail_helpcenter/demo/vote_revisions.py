"""The demo's votes kept with the revision they were cast on, and one article rewritten
ten days ago, so the article report's "Helpful % since last change" has a story to tell:
its older votes are on the earlier revision, the recent (helpful) ones on the live one."""

from datetime import timedelta

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from wagtail.models import Page

from ..models import ArticlePage, Vote
from .content import RELATED

REWRITTEN_DAYS_AGO = 10


def add_vote_revisions(help_center):
    live_revision = Page.objects.filter(pk=OuterRef("page_id")).values("live_revision_id")
    Vote.objects.filter(page__in=Page.objects.descendant_of(help_center)).update(
        revision_id=Subquery(live_revision)
    )
    # An article with related links was published twice by the builder: an earlier
    # revision to file the older votes under.
    rewritten = ArticlePage.objects.descendant_of(help_center).get(title=RELATED[0][0])
    earlier = rewritten.revisions.exclude(pk=rewritten.live_revision_id).order_by("-pk").first()
    if earlier is None:
        return
    rewritten_at = timezone.now() - timedelta(days=REWRITTEN_DAYS_AGO)
    votes = Vote.objects.filter(page=rewritten)
    votes.filter(updated_at__lt=rewritten_at).update(revision=earlier)
    votes.filter(updated_at__gte=rewritten_at).update(helpful=True, reason="", comment="")
