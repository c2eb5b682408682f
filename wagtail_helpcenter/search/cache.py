"""Repeated searches from Django's cache: most visitors type the same few questions.

An outcome is kept per normalised query, filters and page, the visitor's language, what
the visitor may see (the restricted sections hidden from them) and the content
generations of the help center (``caching.generations``, renewed by every publish,
move and privacy change, in every language), the semantic index's generation and the
synonyms'. So a change is seen on the next search, and a visitor never gets an outcome
made for someone who sees more.

What each search counts (the search terms report, the funnel, click tokens) is counted
by the view for every search, cached or not.
"""

import dataclasses
import hashlib

from django.utils import translation

from ..caching.generations import tokens_for
from ..caching.pages import page_cache
from ..conf import config_fingerprint, get_config
from ..semantic.embedders import get_embedder
from ..semantic.store import current_generation
from ..visibility import forget_visibility, get_visibility


def normalised(query):
    return " ".join(query.casefold().split())


def outcome_key(search_run):
    params = search_run.params
    tokens = tokens_for(search_run.help_center.path)
    # What the search reads from here on (visibility included) is read after the
    # tokens: an outcome of a change committed meanwhile goes under a key nobody reads.
    forget_visibility(search_run.request)
    visibility = get_visibility(search_run.request)
    parts = (
        tokens,
        config_fingerprint(),
        _semantic_generation(),
        search_run.request.get_host(),
        type(search_run.backend).__module__,
        search_run.retrieval,
        normalised(params.query),
        str(params.page),
        str(params.category_id),
        str(params.kind),
        str(params.exact),
        str(search_run.locale_id),
        translation.get_language() or "",
        "|".join(visibility.hidden_paths),
        "|".join(visibility.restricted_paths),
    )
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"wagtail_helpcenter:search:{search_run.help_center.pk}:{digest}"


def _semantic_generation():
    return "lexical" if get_embedder() is None else current_generation()


def cached_outcome(search_run):
    """``search_run.run()``, or the outcome of the same search since the last change.
    An outcome answered by the fallback (the engine failed) is not kept."""
    timeout = get_config()["SEARCH_CACHE_SECONDS"]
    if timeout <= 0:
        return search_run.run()
    cache = page_cache()
    key = outcome_key(search_run)
    outcome = cache.get(key)
    if outcome is None:
        outcome = search_run.run()
        if not outcome.degraded:
            cache.set(key, outcome, timeout)
        return outcome
    # The visitor's own words, as they typed them.
    return dataclasses.replace(outcome, query=search_run.params.query)
