"""Lexical ranking that counts the question's words, not only their rarity.

bm25 gives a rare word a large weight: for "which package owns a file", a title holding
only "own" (rare) outscored "How can I find out what package produced a particular
file?", which holds two of the question's three words. Among the best
``COVERAGE_WINDOW`` hits of a search (the first page), those whose title (or FAQ
question) holds more of the query's words come first; equal ones keep the engine's
order. A fixed window keeps pages of results stable: the ranks below it stay in the
engine's order.
"""

from .analysis import tokens

COVERAGE_WINDOW = 10


def title_coverage(title, terms, language):
    """How many of ``terms`` (the query's words) the title holds, as index words
    (stems) of ``language``."""
    title_words = set(tokens(title, language))
    return sum(1 for term in terms if set(tokens(term, language)) & title_words)


def by_title_coverage(hits, terms, window=COVERAGE_WINDOW):
    """``hits`` (best first) with the first ``window`` ordered by how many of ``terms``
    their titles hold, most first (a stable sort: ties keep their order)."""
    head = sorted(
        hits[:window],
        key=lambda hit: -title_coverage(hit.title, terms, hit.locale),
    )
    return head + hits[window:]
