"""Wagtail's database search backend, with text analysis for many languages, and a
faster query plan on SQLite.

    WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail_helpcenter.search.backends.database"},
    }

On SQLite and PostgreSQL, titles and bodies are indexed as analysed words
(``wagtail_helpcenter.search.analysis``): each object in its locale's language, reduced
to stems by that language's Snowball stemmer (a small Latvian stemmer of our own), so
"invoices" finds "invoice", "facturen" finds "factuur" and "parole" finds "paroli"; and
Chinese, Japanese and Korean as overlapping character pairs, so "退货" finds
"如何申请退货". Autocomplete is untouched: it matches the words as written, so a
half-typed "Learni" finds "Learning" in Wagtail's choosers.

* SQLite (``sqlite_fast``, ``sqlite_text``): modelsearch's FTS5 table stays exactly as
  modelsearch makes it and serves autocomplete; the analysed text lives in an FTS5
  table of its own, written when objects are indexed and created after ``migrate``.
  The query plan differs from modelsearch's: the FTS table drives every query and the
  MATCH runs once per query (modelsearch runs it again for every matching row, O(matches
  x matches)): the count is a COUNT(*), a page of results is ORDER BY bm25 LIMIT, and
  facets are a GROUP BY, all inside SQLite; and the title weighs ``TITLE_WEIGHT`` times
  the body (modelsearch's bm25() is unweighted). Measured in ``benchmarks/search.py``.
* PostgreSQL (``postgres_text``): modelsearch's backend, indexing the analysed text with
  the ``simple`` configuration.
* MySQL: exactly modelsearch's database backend.

Both stay compatible with modelsearch's own backend on the same database: switching to
it works at once (its tables are its own), switching back wants ``update_index``.
"""

from django.db import connections, router
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend


def is_sqlite_backend(backend):
    """True for modelsearch's SQLite backend (or ours), without importing it elsewhere."""
    return any(
        cls.__module__.startswith("modelsearch.backends.database.sqlite")
        for cls in type(backend).__mro__
    )


def _is_postgres_backend(backend):
    return any(
        cls.__module__.startswith("modelsearch.backends.database.postgres")
        for cls in type(backend).__mro__
    )


def SearchBackend(params):  # noqa: N802 - Wagtail's name for a backend module's factory
    backend = DatabaseSearchBackend(params)
    if is_sqlite_backend(backend):
        from .sqlite_fast import FastSQLiteSearchBackend

        return FastSQLiteSearchBackend(params)
    if _is_postgres_backend(backend):
        from .postgres_text import AnalysedPostgresSearchBackend

        return AnalysedPostgresSearchBackend(params)
    return backend


def ensure_text_index(using=None, build=True):
    """After ``migrate``: on SQLite, create the analysed-text table (and, with
    ``build``, fill it for the entries that have none), and give modelsearch's FTS5
    table back its own tokenizer where an earlier version replaced it (see
    ``sqlite_text.ensure_text_index``). Nothing to do on other databases. Returns True
    if it changed anything."""
    from modelsearch.conf import get_app_config  # Wagtail's wagtail.search, or modelsearch

    using = using or router.db_for_write(get_app_config().get_model("IndexEntry"))
    if connections[using].vendor != "sqlite":
        return False
    from .sqlite_text import ensure_text_index as ensure_sqlite_text_index

    return ensure_sqlite_text_index(using, build=build)


def uses_this_backend(backends_setting):
    return any(config.get("BACKEND") == __name__ for config in (backends_setting or {}).values())
