"""Turning what a visitor typed into words a search engine can safely use."""

import re

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12

# Words that carry no meaning in a question ("how do I reset my password"): dropped so
# the words that matter decide the ranking. English for now; languages come with
# translation support.
STOP_WORDS = frozenset(
    """a about an and are as at be by can could do does for from how i if in is it me my
    of on or our should so that the this to was we what when where which who why will with
    would you your""".split()
)

WORD_PATTERN = re.compile(r"\w+", re.UNICODE)


def clean_query(raw):
    """The query as shown back to the visitor and counted in the search terms report:
    single-spaced, at most 200 characters, without control characters (PostgreSQL
    refuses to store a NUL)."""
    printable = "".join(ch if ch.isprintable() else " " for ch in (raw or ""))
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def query_terms(query):
    """The words to search for. Engine syntax (quotes, ``*``, ``:``, ``~``, brackets,
    AND/OR/NOT as operators) is never passed on: only letters and digits of any script
    survive, so no input can break the engine's query parser. Stop words are dropped
    unless nothing else is left."""
    words = [word.lower() for word in WORD_PATTERN.findall(query)][: MAX_TERMS * 2]
    meaningful = [word for word in words if word not in STOP_WORDS]
    return (meaningful or words)[:MAX_TERMS]
