""" "Did you mean": a corrected query when a search found nothing.

Each word of the query that is not a word of the help center is replaced by the closest
word from the titles of the articles, FAQ questions and categories the visitor may see
(so an internal title never leaks through a suggestion).
"""

import difflib
import hashlib

from django.core.cache import cache

from ..listing import holding_visible_content
from ..models import ArticlePage, CategoryPage, FAQItem, FAQPage
from ..visibility import get_visibility, visible_pages
from .text import WORD_PATTERN

MIN_WORD_LENGTH = 3
SIMILARITY = 0.75
CACHE_SECONDS = 600


def vocabulary(request, help_center, locale_id):
    visibility = get_visibility(request)
    fingerprint = hashlib.sha1(
        "|".join(visibility.hidden_paths).encode(), usedforsecurity=False
    ).hexdigest()[:12]
    key = f"wagtail_helpcenter:vocabulary:{help_center.pk}:{locale_id}:{fingerprint}"
    words = cache.get(key)
    if words is None:
        titles = []
        articles = ArticlePage.objects.descendant_of(help_center).filter(locale_id=locale_id)
        titles += visible_pages(request, articles).values_list("title", flat=True)
        # A category is named only when it holds something the visitor may read.
        categories = CategoryPage.objects.descendant_of(help_center).filter(locale_id=locale_id)
        titles += holding_visible_content(request, visible_pages(request, categories)).values_list(
            "title", flat=True
        )
        faq_pages = visible_pages(
            request, FAQPage.objects.descendant_of(help_center).filter(locale_id=locale_id)
        )
        titles += FAQItem.objects.filter(page__in=faq_pages).values_list("question", flat=True)
        words = sorted(
            {
                word.lower()
                for title in titles
                for word in WORD_PATTERN.findall(title)
                # Numbers are not misspelt: "1234" never becomes "1235".
                if len(word) >= MIN_WORD_LENGTH and not word.isdigit()
            }
        )
        cache.set(key, words, CACHE_SECONDS)
    return words


def candidates(term, words):
    """The words a misspelt ``term`` is compared with: those sharing its first or its
    second letter (a typo rarely changes both), a small part of a large vocabulary."""
    first, second = term[0], term[1:2]
    return [word for word in words if word[0] == first or word[1:2] == second]


def did_you_mean(terms, words):
    """The query with unknown words corrected, or None when nothing changed."""
    known = set(words)
    corrected, changed = [], False
    for term in terms:
        if term in known or len(term) < MIN_WORD_LENGTH:
            corrected.append(term)
            continue
        match = difflib.get_close_matches(term, candidates(term, words), n=1, cutoff=SIMILARITY)
        corrected.append(match[0] if match else term)
        changed = changed or bool(match)
    return " ".join(corrected) if changed else None
