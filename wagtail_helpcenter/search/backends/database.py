"""Wagtail's database search backend, with a faster query plan and word forms on SQLite.

    WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail_helpcenter.search.backends.database"},
    }

On PostgreSQL and MySQL this is exactly Wagtail's database backend. On SQLite it differs
in three ways (the query plan is measured in ``benchmarks/search.py``):

* Query plan. modelsearch filters pages with the FTS5 match, then annotates each page
  with its score through a correlated subquery that runs the MATCH again for every row,
  so a search costs O(matches x matches). Here the FTS table drives every query and the
  MATCH runs once per query: the count is a COUNT(*), a page of results is ORDER BY
  bm25 LIMIT, and facets are a GROUP BY, all inside SQLite; Python only handles the
  results shown.
* Word forms. The FTS5 table gets the ``porter`` tokenizer, so "invoices" finds
  "invoice" and "tracking" finds "track" (see ``ensure_stemming``, run after migrate).
* Title weight. modelsearch scores with an unweighted ``bm25()``, so a word in the title
  counts no more than one in the body; here the title column weighs ``TITLE_WEIGHT``
  times the body (FTS5's per-column bm25 weights).

It indexes into the same tables as Wagtail's backend, so the two can be switched freely.
"""

from django.db import connections, router
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend


def is_sqlite_backend(backend):
    """True for modelsearch's SQLite backend (or ours), without importing it elsewhere."""
    return any(
        cls.__module__.startswith("modelsearch.backends.database.sqlite")
        for cls in type(backend).__mro__
    )


def SearchBackend(params):  # noqa: N802 - Wagtail's name for a backend module's factory
    backend = DatabaseSearchBackend(params)
    if is_sqlite_backend(backend):
        from .sqlite_fast import FastSQLiteSearchBackend

        return FastSQLiteSearchBackend(params)
    return backend


def ensure_stemming(using=None):
    """Give SQLite's FTS5 index word forms (see sqlite_fast.ensure_stemming); nothing to
    do on other databases. Returns True if it changed the table."""
    from wagtail.search.models import IndexEntry  # the index table, on every database

    using = using or router.db_for_write(IndexEntry)
    if connections[using].vendor != "sqlite":
        return False
    from .sqlite_fast import ensure_stemming as ensure_sqlite_stemming

    return ensure_sqlite_stemming(using)


def uses_this_backend(backends_setting):
    return any(config.get("BACKEND") == __name__ for config in (backends_setting or {}).values())
