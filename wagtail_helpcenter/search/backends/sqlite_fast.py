"""The SQLite half of ``wagtail_helpcenter.search.backends.database`` (see its docstring):
imported only when the database is SQLite, since modelsearch's SQLite models exist only
there. Searches match the analysed text of ``sqlite_text.TEXT_TABLE``; autocomplete
matches modelsearch's own FTS table, words as written."""

from django.db import connections
from django.db.models import (
    Count,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Subquery,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.db.models.lookups import Lookup
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteFTSIndexEntry,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks

from .. import analysis
from . import sqlite_text

# bm25 weights. Our table's columns: title, body; modelsearch's: autocomplete, body, title.
TITLE_WEIGHT = 5.0
BODY_WEIGHT = 1.0
AUTOCOMPLETE_WEIGHT = 1.0
# Windows of best matches checked against the queryset's filters before probing them all.
RANKING_ROUNDS = 3


class NoIndex(Func):
    """SQLite's unary ``+``: the same value, but the planner may not use an index for it."""

    template = "+%(expressions)s"


class WeightedBM25(Func):
    """``bm25(fts_table, weight, ...)`` with one weight per column; lower is better."""

    output_field = FloatField()

    def __init__(self, table, weights):
        self.table = table
        self.weights = weights
        super().__init__()

    def as_sql(self, compiler, connection, **extra):
        placeholders = ", ".join("%s" for _ in self.weights)
        return f'bm25("{self.table}", {placeholders})', list(self.weights)


class TextMatch(Lookup):
    """``TEXT_TABLE MATCH '{columns} : (expression)'``, a Lookup so that it stands alone
    in the WHERE clause (as modelsearch's MatchExpression)."""

    lookup_name = "helpcenter_text_match"
    filterable = True

    def __init__(self, columns, expression):
        self.columns = columns
        self.expression = expression
        super().__init__(None, None)

    def as_sql(self, compiler, connection):
        return f'"{sqlite_text.TEXT_TABLE}" MATCH %s', [
            f"{{{' '.join(self.columns)}}} : ({self.expression})"
        ]


class FastSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
    """Counts, ranks and pages through matches with FTS-driven queries inside SQLite."""

    FTS_TABLE = sqlite_text.TEXT_TABLE
    RANK_WEIGHTS = (TITLE_WEIGHT, BODY_WEIGHT)

    def _build_rank_expression(self, vectors, config):
        return WeightedBM25(self.FTS_TABLE, self.RANK_WEIGHTS)

    def _match(self, query, config):
        """The FTS5 match of a normalised ``query`` on our analysed text, in the
        languages of the queryset's locale; None when nothing can match."""
        if getattr(self, "_languages", None) is None:
            self._languages = analysis.queryset_languages(self.queryset)
        expression = sqlite_text.match_expression(query, self._languages)
        if expression is None:
            return None
        return TextMatch(self.fields or self.FTS_TABLE_FIELDS, expression)

    def _entries(self):
        return sqlite_text.text_entries()

    def _fts_matches(self, config, query=None):
        """The FTS rows matching the query (or ``query``), or an empty queryset."""
        match = self._match(normalize(self.query) if query is None else query, config)
        if match is None:
            return self._entries().none()
        return self._entries().filter(match)

    def _nothing_to_match(self, config):
        return self._match(normalize(self.query), config) is None

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

    def count_by(self, config, expression, probe_queryset=None):
        """``{value: count}`` of the matching objects that pass the queryset's filters,
        grouped by ``expression`` evaluated on each object (it must never be NULL), in
        one GROUP BY. Each match probes its object once, for the filters and the value
        together: objects filtered out fall into a NULL group, which is dropped.

        ``probe_queryset`` (default: the search's queryset) is what each match is probed
        through; a caller may pass a cheaper one that lets the same objects through, such
        as the pages table alone for a page type (the index entries already hold the
        type), which saves a table lookup per match."""
        queryset = self.queryset if probe_queryset is None else probe_queryset
        if self.queryset.query.is_empty() or queryset.query.is_empty():
            return {}
        if self._nothing_to_match(config):  # only stop words, say
            return {}
        value = Subquery(
            queryset.order_by()
            .filter(pk=OuterRef("object_pk"))
            .annotate(_group=expression)
            .values("_group")[:1]
        )
        groups_sql, params = (
            self._typed_matches(config)
            .annotate(group=value)
            .values("group")
            .query.sql_with_params()
        )
        # Materialised first, each match is probed once: grouping on the subquery
        # directly, SQLite evaluates it again for the grouping and for the output.
        sql = (
            f"WITH matched AS MATERIALIZED ({groups_sql})"  # noqa: S608 - SQL from the ORM
            ' SELECT matched."group", COUNT(*) FROM matched GROUP BY 1'
        )
        with connections[self.queryset.db].cursor() as cursor:
            cursor.execute(sql, params)
            return {group: count for group, count in cursor.fetchall() if group is not None}

    def ranked_window(self, config, start, stop):
        """``[(object_pk, score)]`` for ranks ``start:stop`` (``stop`` may be None) among
        the objects the queryset lets through, best first (ties: newest index entry first),
        and those objects by pk.

        The best matches are ranked inside the FTS table alone; only they are then
        checked against the queryset's filters (one query, see ``_window_rows``), and the
        window widens when some are filtered out: the cost follows the results shown,
        not every match. After a few rounds (a queryset that filters out most matches)
        SQLite probes every match instead. Only the objects shown are loaded."""
        if self.queryset.query.is_empty() or self._nothing_to_match(config):
            return [], {}
        if stop is None:  # every result asked for: nothing to save
            return self._probe_every_match(config, start, stop)
        fetch = max(2 * stop, 20)
        for _round in range(RANKING_ROUNDS):
            rows = self._window_rows(config, fetch)
            kept = [(object_pk, score) for object_pk, score, passes in rows if passes]
            if len(kept) >= stop or len(rows) < fetch:
                window = kept[start:stop]
                return window, self.queryset.order_by().in_bulk([pk for pk, _score in window])
            fetch *= 8
        return self._probe_every_match(config, start, stop)

    def _window_rows(self, config, size):
        """``[(object_pk, score, passes)]`` for the ``size`` best FTS matches, best first:
        ranked in the FTS table alone, then each one's index entry read and ``passes``
        set when it is of this queryset's model and its object passes the queryset's
        filters (an EXISTS probe by primary key, for these rows only)."""
        best_sql, best_params = (
            self._fts_matches(config)
            .annotate(score=self._build_rank_expression(self.get_search_vectors(), config))
            .order_by("score", "-pk")
            .values_list("pk", "score")[:size]
            .query.sql_with_params()
        )
        probe_sql, probe_params = (
            self.queryset.order_by()
            .filter(pk=RawSQL("best_object.object_pk", [], output_field=IntegerField()))
            .values("pk")
            .query.sql_with_params()
        )
        content_types = list(get_descendants_content_types_pks(self.queryset.model))
        type_placeholders = ", ".join("%s" for _ in content_types) or "NULL"
        entry_table = SQLiteFTSIndexEntry._meta.get_field("index_entry").related_model
        sql = (
            "SELECT best_object.object_pk, best_object.score,"  # noqa: S608 - SQL from the ORM
            f" best_object.content_type_id IN ({type_placeholders}) AND EXISTS ({probe_sql})"
            " FROM (SELECT CAST(entry.object_id AS integer) AS object_pk, best.score,"
            " best.pk AS entry_pk, entry.content_type_id"
            f' FROM ({best_sql}) best JOIN "{entry_table._meta.db_table}" entry'
            " ON entry.id = best.pk) best_object"
            " ORDER BY best_object.score, best_object.entry_pk DESC"
        )
        connection = connections[self.queryset.db]
        with connection.cursor() as cursor:
            cursor.execute(sql, [*content_types, *probe_params, *best_params])
            return cursor.fetchall()

    def _probe_every_match(self, config, start, stop):
        """``ranked_window``'s result, with SQLite checking the queryset's filters for
        every match (one EXISTS probe each) before ranking them."""
        window = list(
            self.match_rows(config)
            .order_by("score", "-pk")
            .values_list("object_pk", "score")[start:stop]
        )
        return window, self.queryset.order_by().in_bulk([pk for pk, _score in window])

    def matching_queryset(self, config):
        """The queryset narrowed to the matching objects, in the queryset's own order."""
        return self.queryset.filter(pk__in=self.match_rows(config).values("object_pk"))

    def search(self, config, start, stop, score_field=None):
        if not self._is_plain_match() or not self._pk_is_integer():
            return self._search_any(config, start, stop, score_field)
        if self._nothing_to_match(config):
            return []
        if not self.order_by_relevance:
            # The queryset's own ordering decides (newest first without one, as in
            # modelsearch); the match only filters.
            queryset = self.matching_queryset(config)
            if not queryset.query.order_by:
                queryset = queryset.order_by("-pk")
            results = list(queryset[start:stop])
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

    def _search_any(self, config, start, stop, score_field=None):
        """modelsearch's query plan (a negated query, or objects whose pk is not an
        integer), on our table: a queryset of the results."""
        normalized = normalize(self.query)
        if isinstance(normalized, MatchAll):
            return self.queryset[start:stop]
        if isinstance(normalized, Not) and isinstance(normalized.subquery, MatchAll):
            return self.queryset.none()
        negated = isinstance(normalized, Not)
        matches = (
            self._fts_matches(config, normalized.subquery if negated else normalized)
            .filter(
                index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model)
            )
            .annotate(score=self._build_rank_expression(None, config))
        )
        object_ids = matches.values_list("index_entry__object_id", flat=True)
        if negated:
            queryset = self.queryset.exclude(pk__in=object_ids)
        else:
            queryset = self.queryset.filter(pk__in=object_ids)
        if self.order_by_relevance and score_field is None and not negated:
            score_field = "_score"
        if score_field is not None and not negated:
            score = matches.filter(index_entry__object_id=OuterRef("pk")).values("score")[:1]
            score = Subquery(score, output_field=FloatField())
            queryset = queryset.annotate(**{score_field: score})
            if self.order_by_relevance:
                queryset = queryset.order_by(score_field, "-pk")
        if not self.order_by_relevance and not queryset.query.order_by:
            queryset = queryset.order_by("-pk")  # stable pages (Wagtail issue 3729)
        return queryset[start:stop]

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
    """Autocomplete (prefix match on the autocomplete column) with the same query plan,
    on modelsearch's own table: words as written, so "Learni" finds "Learning"."""

    FTS_TABLE = SQLiteFTSIndexEntry._meta.db_table
    RANK_WEIGHTS = (AUTOCOMPLETE_WEIGHT, 0.0, 0.0)

    def _match(self, query, config):
        search_query = self.build_search_query(query, config=config)
        if search_query is None:
            return None
        return MatchExpression(self.fields or self.FTS_TABLE_FIELDS, search_query)

    def _entries(self):
        return SQLiteFTSIndexEntry.objects.all()


class FastSQLiteSearchResults(SQLiteSearchResults):
    def _do_count(self):
        compiler = self.query_compiler
        if compiler._is_plain_match() and compiler._pk_is_integer():
            if compiler._nothing_to_match(compiler.get_config(self.backend)):
                return 0
            count = compiler.match_rows(compiler.get_config(self.backend)).count()
            count -= self.start
            if self.stop is not None:
                count = min(count, self.stop - self.start)
            return max(count, 0)
        return super()._do_count()

    def facet(self, field_name):
        compiler = self.query_compiler
        if not (compiler._is_plain_match() and compiler._pk_is_integer()):
            return super().facet(field_name)
        if compiler._get_filterable_field(field_name) is None:
            return super().facet(field_name)  # modelsearch's error
        queryset = compiler.matching_queryset(compiler.get_config(self.backend))
        rows = queryset.values(field_name).annotate(count=Count("pk")).order_by("-count")
        return {row[field_name]: row["count"] for row in rows}


class AnalysedSQLiteIndex(SQLiteIndex):
    """modelsearch's index entries, then our analysed text of the same objects."""

    def add_items(self, model, objs):
        objs = list(objs)
        super().add_items(model, objs)
        sqlite_text.index_objects(self.write_connection, model, objs)


class FastSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = FastSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = FastSQLiteAutocompleteQueryCompiler
    results_class = FastSQLiteSearchResults
    index_class = AnalysedSQLiteIndex
