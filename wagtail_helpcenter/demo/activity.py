"""Thirty days of made-up visitor activity for the demo help center, so the dashboard and
reports have something to show: views, votes with reasons and comments, searches."""

import random
from datetime import timedelta

from django.utils import timezone

from ..models import ArticlePage, PageViewDay, SearchTermDay, Vote

DAYS = 30
COMMENTS = [
    "The screenshots show the old settings page.",
    "Which plan does this apply to?",
    "I followed the steps but the button is greyed out.",
    "",
]
SEARCHES = {
    "invoice": 0,
    "refund": 0,
    "reset password": 0,
    "export to excel": 1,  # a content gap: nothing answers it
    "dark mode": 1,
}


def add_activity(help_center, seed=7):
    rng = random.Random(seed)
    today = timezone.localdate()
    articles = list(ArticlePage.objects.live().descendant_of(help_center).order_by("path"))
    views, votes = [], []
    for rank, article in enumerate(articles):
        popularity = max(1, 40 - 3 * rank)
        for days_ago in range(DAYS):
            count = rng.randint(0, popularity)
            if count:
                views.append(
                    PageViewDay(page=article, date=today - timedelta(days=days_ago), views=count)
                )
        unhelpful_share = 0.6 if rank % 5 == 3 else 0.15
        for n in range(rng.randint(2, 12)):
            helpful = rng.random() > unhelpful_share
            votes.append(
                Vote(
                    page=article,
                    voter=f"demo-{article.pk}-{n}",
                    helpful=helpful,
                    reason="" if helpful else rng.choice(Vote.Reason.values),
                    comment="" if helpful else rng.choice(COMMENTS),
                )
            )
    PageViewDay.objects.bulk_create(views)
    created = Vote.objects.bulk_create(votes)
    # Spread the votes over the period (bulk_update leaves auto_now fields as set here).
    now = timezone.now()
    for vote in created:
        vote.created_at = vote.updated_at = now - timedelta(days=rng.randrange(DAYS))
    Vote.objects.bulk_update(created, ["created_at", "updated_at"])
    SearchTermDay.objects.bulk_create(
        SearchTermDay(
            help_center=help_center,
            date=today - timedelta(days=days_ago),
            query=query,
            searches=(searches := rng.randint(1, 9)),
            zero_results=searches if gap else 0,
            visitors=searches,
        )
        for query, gap in SEARCHES.items()
        for days_ago in range(0, DAYS, 3)
    )
