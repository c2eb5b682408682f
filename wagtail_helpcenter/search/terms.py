"""Counting search terms for the report, safely under concurrent requests."""

from django.utils import timezone

from ..conf import get_config
from ..counting import add_to_count
from ..models import SearchTermDay
from ..visitors import is_bot
from .text import clean_query


def normalise_term(query):
    return clean_query(query).lower()


def should_record(request, query):
    if not get_config()["RECORD_SEARCH_TERMS"] or not query:
        return False
    return not is_bot(request)


def record_search(help_center, query, found_nothing):
    """Add one search of ``query`` to today's count (and to its zero-result count)."""
    increments = {"searches": 1}
    if found_nothing:
        increments["zero_results"] = 1
    add_to_count(
        SearchTermDay,
        {"help_center": help_center, "date": timezone.localdate(), "query": normalise_term(query)},
        increments,
    )
