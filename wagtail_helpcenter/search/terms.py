"""Counting search terms for the report, safely under concurrent requests, and so that
one visitor can neither flood the table nor push a phrase up the editors' lists."""

from django.utils import timezone

from ..conf import get_config
from ..counting import add_to_count
from ..funnel import count_step
from ..models import SearchTermDay
from ..visitors import first_time_today, is_bot, over_rate_limit
from .text import clean_query

RATE_WINDOW_SECONDS = 600


def normalise_term(query):
    return clean_query(query).lower()


def should_record(request, query):
    """Whether to count this search: counting is on, the query is not empty, the
    visitor is not a robot and has not counted too many searches lately
    (``SEARCH_TERMS_PER_ADDRESS`` in ten minutes: more are answered, not counted)."""
    config = get_config()
    if not config["RECORD_SEARCH_TERMS"] or not query or is_bot(request):
        return False
    limit = config["SEARCH_TERMS_PER_ADDRESS"]
    return not over_rate_limit(request, "search-terms", limit, RATE_WINDOW_SECONDS)


def record_search(request, help_center, query, found_nothing):
    """Add one search of ``query`` to today's count (and to its zero-result count), and
    one visitor when this visitor had not searched it today (told apart by a keyed hash
    kept in the cache for the day only, never in the database)."""
    term = normalise_term(query)
    day = timezone.localdate()
    increments = {"searches": 1}
    if found_nothing:
        increments["zero_results"] = 1
    if first_time_today(request, f"search-term:{help_center.pk}:{term}"):
        increments["visitors"] = 1
    add_to_count(
        SearchTermDay, {"help_center": help_center, "date": day, "query": term}, increments
    )
    count_step(request, help_center, "searches")


def min_visitors():
    """How many different visitors must have searched a term before editors' top lists
    show it (``SEARCH_TERM_MIN_VISITORS``): one visitor repeating a phrase cannot."""
    return get_config()["SEARCH_TERM_MIN_VISITORS"]
