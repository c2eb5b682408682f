"""Thirty days of made-up visitor activity for the demo help center, so the dashboard and
reports have something to show: views, reading times, votes with reasons and comments,
searches and their clicks, the deflection funnel, contact requests and content gaps."""

import random
from datetime import timedelta

from django.utils import timezone

from ..models import ArticlePage, ContactRequest, FunnelDay, PageViewDay, SearchTermDay, Vote

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
    "api rate limit": 2,  # found something, but nobody opened it: another gap
}
CONTACT_REQUESTS = [
    # (name, subject, message, days ago)
    (
        "Ana Souza",
        "Invoice shows the wrong VAT number",
        "Our VAT number changed in March and the invoices still show the old one.",
        1,
    ),
    (
        "Bo Lindqvist",
        "Export to Excel?",
        "Is there a way to export all our orders to a spreadsheet?",
        3,
    ),
    ("Chen Wei", "Refund for a double charge", "I was charged twice for the May invoice.", 6),
]


def add_activity(help_center, seed=7):
    rng = random.Random(seed)
    today = timezone.localdate()
    articles = list(ArticlePage.objects.live().descendant_of(help_center).order_by("path"))
    views, votes = [], []
    for rank, article in enumerate(articles):
        popularity = max(1, 40 - 3 * rank)
        quick_exits = 0.7 if rank % 7 == 5 else 0.2  # a few articles most visitors leave at once
        for days_ago in range(DAYS):
            count = rng.randint(0, popularity)
            if count:
                short = round(count * quick_exits * rng.uniform(0.7, 1))
                long = rng.randint(0, count - short)
                views.append(
                    PageViewDay(
                        page=article,
                        date=today - timedelta(days=days_ago),
                        views=count,
                        short_reads=short,
                        long_reads=long,
                        medium_reads=count - short - long,
                        contacts=rng.randint(0, 1) if rank % 6 == 2 else 0,
                    )  # fmt: skip
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
    searches = []
    for query, gap in SEARCHES.items():
        for days_ago in range(0, DAYS, 3):
            count = rng.randint(3, 9)
            clicks = 0 if gap else rng.randint(1, count)
            searches.append(
                SearchTermDay(
                    help_center=help_center,
                    date=today - timedelta(days=days_ago),
                    query=query,
                    searches=count,
                    zero_results=count if gap == 1 else 0,
                    visitors=count,
                    clicks=clicks,
                    clicked_positions=clicks * rng.randint(1, 3),
                )  # fmt: skip
            )
    SearchTermDay.objects.bulk_create(searches)
    add_funnel(help_center, rng, today)
    add_contact_requests(help_center)


def add_funnel(help_center, rng, today):
    """Visitors per day, and what they did: most found their answer, a few wrote in."""
    days = []
    for days_ago in range(DAYS):
        visits = rng.randint(120, 200)
        searches = rng.randint(visits // 3, visits // 2)
        opened = rng.randint(6, 14)
        suggestion = rng.randint(2, opened - 2)
        then_sent = rng.randint(0, suggestion // 2)
        days.append(
            FunnelDay(
                help_center=help_center,
                locale_id=help_center.locale_id,
                date=today - timedelta(days=days_ago),
                visits=visits,
                searches=searches,
                searches_with_click=round(searches * rng.uniform(0.55, 0.75)),
                contact_opened=opened,
                suggestion_opened=suggestion,
                suggestion_then_sent=then_sent,
                contact_sent=rng.randint(then_sent + 1, opened - suggestion + then_sent),
            )  # fmt: skip
        )
    FunnelDay.objects.bulk_create(days)


def add_contact_requests(help_center):
    from .. import gaps

    now = timezone.now()
    for name, subject, message, days_ago in CONTACT_REQUESTS:
        email = name.split()[0].lower() + "@example.com"
        request = ContactRequest.objects.create(
            help_center=help_center, locale_id=help_center.locale_id, name=name, email=email,
            subject=subject, message=message, network_key=f"demo-{name}",
            mailbox_key=f"demo-{email}", matching_articles=0 if "Excel" in subject else 3,
        )  # fmt: skip
        ContactRequest.objects.filter(pk=request.pk).update(
            created_at=now - timedelta(days=days_ago)
        )
        if request.matching_articles == 0:
            from ..models import ContentGap

            gaps.record_gap(help_center, ContentGap.Kind.CONTACT, gaps.gap_key(subject), subject,
                            when=now - timedelta(days=days_ago))  # fmt: skip
    gaps.refresh_gaps()
