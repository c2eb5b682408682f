"""Counting search terms for the report, safely under concurrent requests."""

import re

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from ..conf import get_config
from ..models import SearchTermDay
from .text import clean_query

BOT_USER_AGENT = re.compile(r"bot|crawl|spider|slurp|preview|monitor|curl|wget", re.IGNORECASE)


def normalise_term(query):
    return clean_query(query).lower()


def should_record(request, query):
    if not get_config()["RECORD_SEARCH_TERMS"] or not query:
        return False
    return not BOT_USER_AGENT.search(request.META.get("HTTP_USER_AGENT", ""))


def record_search(help_center, query, found_nothing):
    """Add one search of ``query`` to today's count (and to its zero-result count)."""
    term = normalise_term(query)
    today = timezone.localdate()
    increments = {"searches": F("searches") + 1}
    if found_nothing:
        increments["zero_results"] = F("zero_results") + 1
    rows = SearchTermDay.objects.filter(help_center=help_center, date=today, query=term)
    if rows.update(**increments):
        return
    try:
        with transaction.atomic():
            SearchTermDay.objects.create(
                help_center=help_center,
                date=today,
                query=term,
                searches=1,
                zero_results=1 if found_nothing else 0,
            )
    except IntegrityError:
        # Another request created today's row first: count on it.
        rows.update(**increments)
