"""Builds a help center of N realistic articles quickly, for the benchmarks."""

import random

from wagtail.models import Page, Site

from benchmarks.words import FILLER, VERBS
from wagtail_helpcenter.models import ArticlePage, CategoryPage, HelpCenterPage

TOPICS = {
    "Billing": ["invoice", "refund", "payment", "card", "plan", "tax", "receipt", "charge"],
    "Account": ["password", "login", "email", "profile", "security", "two-factor", "session"],
    "Shipping": ["tracking", "delivery", "parcel", "courier", "address", "customs", "return"],
    "Integrations": ["api", "webhook", "token", "export", "import", "spreadsheet", "sync"],
}


def article_text(rng, words):
    body = []
    for _ in range(6):
        sentence = rng.sample(FILLER, 10) + rng.sample(words, 2)
        rng.shuffle(sentence)
        body.append(" ".join(sentence).capitalize() + ".")
    return body


def build(count, seed=1):
    """Create a help center with ``count`` articles under the default site; return it."""
    rng = random.Random(seed)
    root = Site.objects.get(is_default_site=True).root_page
    help_center = root.add_child(instance=HelpCenterPage(title="Benchmark help", slug="bench"))
    categories = {name: help_center.add_child(instance=CategoryPage(title=name)) for name in TOPICS}
    names = list(TOPICS)
    for n in range(count):
        topic = names[n % len(names)]
        words = TOPICS[topic]
        subject, verb = rng.choice(words), rng.choice(VERBS)
        paragraphs = article_text(rng, words)
        categories[topic].add_child(
            instance=ArticlePage(
                title=f"How to {verb} your {subject} ({n})",
                slug=f"article-{n}",
                summary=paragraphs[0],
                body=[{"type": "paragraph", "value": f"<p>{p}</p>"} for p in paragraphs],
            )
        )
    return help_center


def plain_pages():
    return Page.objects.live()
