"""The SQLite half of ``wagtail_helpcenter.search.backends.database`` (see its docstring):
imported only when the database is SQLite, since modelsearch's SQLite models exist only
there."""

from django.db import connections, router, transaction
from django.db.models import Count, Exists, F, FloatField, Func, IntegerField, OuterRef, Subquery
from django.db.models.functions import Cast
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks

FTS_TOKENIZER = "porter unicode61 remove_diacritics 2"
# FTS5 columns in table order: autocomplete, body, title.
TITLE_WEIGHT = 5.0
BODY_WEIGHT = 1.0
AUTOCOMPLETE_WEIGHT = 1.0
# Windows of best matches checked against the queryset's filters before probing them all.
RANKING_ROUNDS = 3


class NoIndex(Func):
    """SQLite's unary ``+``: the same value, but the planner may not use an index for it."""

    template = "+%(expressions)s"


class WeightedBM25(Func):
    """``bm25(fts_table, autocomplete, body, title)`` with per-column weights; lower is better."""

    output_field = FloatField()

    def __init__(self, weights):
        self.weights = weights
        super().__init__()

    def as_sql(self, compiler, connection, **extra):
        placeholders = ", ".join("%s" for _ in self.weights)
        return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, {placeholders})", list(self.weights)


class FastSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
    """Counts, ranks and pages through matches with FTS-driven queries inside SQLite."""

    RANK_WEIGHTS = (AUTOCOMPLETE_WEIGHT, BODY_WEIGHT, TITLE_WEIGHT)

    def _build_rank_expression(self, vectors, config):
        return WeightedBM25(self.RANK_WEIGHTS)

    def _fts_matches(self, config):
        search_query = self.build_search_query(normalize(self.query), config=config)
        match_expression = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, search_query)
        return SQLiteFTSIndexEntry.objects.filter(match_expression)

    def _is_plain_match(self):
        normalized = normalize(self.query)
        return not isinstance(normalized, MatchAll | Not)

    def _typed_matches(self, config):
        """Every FTS match of this query's object type, with ``object_pk`` and ``score``,
        before the queryset's own filters."""
        content_types = list(get_descendants_content_types_pks(self.queryset.model))
        return (
            self._fts_matches(config)
            .annotate(
                object_pk=Cast("index_entry__object_id", IntegerField()),
                # Unary + keeps SQLite from starting at the content type index,
                # which would run the MATCH once per index entry.
                entry_type=NoIndex(F("index_entry__content_type_id")),
                score=self._build_rank_expression(self.get_search_vectors(), config),
            )
            .filter(entry_type__in=content_types)
        )

    def match_rows(self, config):
        """One row per matching object that passes the queryset's filters, with its
        ``object_pk`` and bm25 ``score``. The FTS table drives the query: the MATCH runs
        once, and each match probes its index entry and its object by primary key."""
        if getattr(self, "_match_rows", None) is None:
            self._match_rows = self._typed_matches(config).filter(
                # Each match probes its own row by primary key: the cost follows the
                # matches, not the number of objects stored (an IN list would scan
                # every object the queryset's filters let through).
                Exists(self.queryset.order_by().filter(pk=OuterRef("object_pk")))
            )
        return self._match_rows

    def count_by(self, config, expression):
        """``{value: count}`` of the matching objects that pass the queryset's filters,
        grouped by ``expression`` evaluated on each object (it must never be NULL), in
        one GROUP BY. Each match probes its object once, for the filters and the value
        together: objects filtered out fall into a NULL group, which is dropped."""
        if self.queryset.query.is_empty():
            return {}
        value = Subquery(
            self.queryset.order_by()
            .filter(pk=OuterRef("object_pk"))
            .annotate(_group=expression)
            .values("_group")[:1]
        )
        rows = (
            self._typed_matches(config)
            .annotate(group=value)
            .values("group")
            .annotate(count=Count("object_pk"))
            .order_by()
        )
        return {row["group"]: row["count"] for row in rows if row["group"] is not None}

    def ranked_window(self, config, start, stop):
        """``[(object_pk, score)]`` for ranks ``start:stop`` (``stop`` may be None) among
        the objects the queryset lets through, best first (ties: newest index entry first),
        and those objects by pk.

        The best matches are ranked inside the FTS table alone; only they are then
        looked up (their index entries, then their objects through the queryset's
        filters), and the window widens when some are filtered out: the cost follows the
        results shown, not every match. After a few rounds (a queryset that filters out
        most matches) SQLite probes every match instead."""
        if self.queryset.query.is_empty():
            return [], {}
        if stop is None:  # every result asked for: nothing to save
            return self._probe_every_match(config, start, stop)
        content_types = set(get_descendants_content_types_pks(self.queryset.model))
        entries = SQLiteFTSIndexEntry._meta.get_field("index_entry").related_model.objects
        best = (
            self._fts_matches(config)
            .annotate(score=self._build_rank_expression(self.get_search_vectors(), config))
            .order_by("score", "-pk")
            .values_list("pk", "score")
        )
        fetch = max(2 * stop, 20)
        for _round in range(RANKING_ROUNDS):
            window = list(best[:fetch])
            object_pks = {
                entry_pk: int(object_id)
                for entry_pk, content_type, object_id in entries.filter(
                    pk__in=[entry_pk for entry_pk, _score in window]
                ).values_list("pk", "content_type_id", "object_id")
                if content_type in content_types
            }
            objects = self.queryset.in_bulk(list(object_pks.values()))
            kept = [
                (object_pks[entry_pk], score)
                for entry_pk, score in window
                if object_pks.get(entry_pk) in objects
            ]
            if len(kept) >= stop or len(window) < fetch:
                return kept[start:stop], objects
            fetch *= 8
        return self._probe_every_match(config, start, stop)

    def _probe_every_match(self, config, start, stop):
        """``ranked_window``'s result, with SQLite checking the queryset's filters for
        every match (one EXISTS probe each) before ranking them."""
        window = list(
            self.match_rows(config)
            .order_by("score", "-pk")
            .values_list("object_pk", "score")[start:stop]
        )
        return window, self.queryset.in_bulk([pk for pk, _score in window])

    def matching_queryset(self, config):
        """The queryset narrowed to the matching objects, in the queryset's own order."""
        return self.queryset.filter(pk__in=self.match_rows(config).values("object_pk"))

    def search(self, config, start, stop, score_field=None):
        if not self._is_plain_match() or not self._pk_is_integer():
            return super().search(config, start, stop, score_field)
        if not self.order_by_relevance:
            # The queryset's own ordering decides; the match only filters.
            results = list(self.matching_queryset(config)[start:stop])
            scores = {}
            if score_field:
                rows = self.match_rows(config).filter(object_pk__in=[obj.pk for obj in results])
                scores = dict(rows.values_list("object_pk", "score"))
        else:
            # bm25() is lower for better matches; ties: newest first, as Wagtail does.
            window, objects = self.ranked_window(config, start, stop)
            scores = dict(window)
            results = [objects[pk] for pk, _score in window if pk in objects]
        if score_field:
            for obj in results:
                setattr(obj, score_field, scores.get(obj.pk))
        return results

    def _pk_is_integer(self):
        pk = self.queryset.model._meta.pk
        while pk.is_relation:  # a page type's pk is its page_ptr to Page.id
            pk = pk.target_field
        return pk.get_internal_type() in (
            "AutoField",
            "BigAutoField",
            "IntegerField",
            "BigIntegerField",
            "SmallAutoField",
            "PositiveIntegerField",
        )


class FastSQLiteAutocompleteQueryCompiler(
    FastSQLiteSearchQueryCompiler, SQLiteAutocompleteQueryCompiler
):
    """Autocomplete (prefix match on the autocomplete column) with the same query plan."""

    RANK_WEIGHTS = (AUTOCOMPLETE_WEIGHT, 0.0, 0.0)


class FastSQLiteSearchResults(SQLiteSearchResults):
    def _do_count(self):
        compiler = self.query_compiler
        if compiler._is_plain_match() and compiler._pk_is_integer():
            count = compiler.match_rows(compiler.get_config(self.backend)).count()
            count -= self.start
            if self.stop is not None:
                count = min(count, self.stop - self.start)
            return max(count, 0)
        return super()._do_count()


class FastSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = FastSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = FastSQLiteAutocompleteQueryCompiler
    results_class = FastSQLiteSearchResults


def ensure_stemming(using=None):
    """Give the SQLite FTS5 index the porter tokenizer, keeping every indexed entry.

    Runs after ``migrate`` when this backend is configured. Returns True if it changed
    the table. The triggers that keep the FTS table in step refer to it by name, so they
    keep working with the new table.
    """
    using = using or router.db_for_write(SQLiteFTSIndexEntry)
    db = connections[using]
    if db.vendor != "sqlite":
        return False
    fts_table = SQLiteFTSIndexEntry._meta.db_table
    entry_table = SQLiteFTSIndexEntry._meta.get_field("index_entry").related_model._meta.db_table
    with db.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE type='table' AND name=%s", [fts_table])
        row = cursor.fetchone()
        if row is None or "porter" in (row[0] or ""):
            return False
        with transaction.atomic(using=using):
            cursor.execute(f'DROP TABLE "{fts_table}"')
            cursor.execute(
                f'CREATE VIRTUAL TABLE "{fts_table}" USING fts5('
                f"autocomplete, body, title, tokenize='{FTS_TOKENIZER}')"
            )
            cursor.execute(
                f'INSERT INTO "{fts_table}"(rowid, title, body, autocomplete) '  # noqa: S608 - table names from model meta
                f'SELECT id, title, body, autocomplete FROM "{entry_table}"'
            )
    return True
