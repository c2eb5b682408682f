"""The PostgreSQL half of ``wagtail_helpcenter.search.backends.database``: modelsearch's
PostgreSQL backend, with the title and body analysed in Python
(``wagtail_helpcenter.search.analysis``: stems of the object's language, CJK bigrams)
and indexed with PostgreSQL's ``simple`` configuration, which only lower-cases what the
analysis wrote. Queries on the index (``PlainText``, ``Phrase``) are analysed the same
way, in the language of the queryset's locale. Everything else is modelsearch's:
autocomplete (``simple``, words as written), fuzzy search (trigrams on the raw text),
searches on named ``fields`` (model columns, ``SEARCH_CONFIG``), ranking, facets."""

import re

from django.contrib.postgres.search import SearchQuery
from django.db.models.sql.subqueries import InsertQuery
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    ObjectIndexer,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.query import Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from .. import analysis

TEXT_CONFIG = "simple"


class AnalysedObjectIndexer(ObjectIndexer):
    """Title and body as analysed words of the object's language; autocomplete as is."""

    def __init__(self, obj, backend, language):
        super().__init__(obj, backend)
        self.language = language
        self.config = TEXT_CONFIG  # as_vector's configuration for title and body

    def as_vector(self, texts, for_autocomplete=False):
        if for_autocomplete:
            return super().as_vector(texts, for_autocomplete=True)
        return super().as_vector(
            [(analysis.analyse(text, self.language), weight) for text, weight in texts]
        )


class AnalysedPostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        """modelsearch's ``add_items`` with our indexer (the same single INSERT)."""
        if not model.get_search_fields():
            return
        objs = list(objs)
        if not objs:
            return
        languages = analysis.object_languages(model, objs)
        indexers = [AnalysedObjectIndexer(obj, self.backend, languages[obj.pk]) for obj in objs]
        content_type_pk = get_content_type_pk(model)
        compiler = InsertQuery(IndexEntry).get_compiler(connection=self.write_connection)
        rows_sql = []
        params = []
        for indexer in indexers:
            params.extend((content_type_pk, indexer.id))
            vectors_sql = []
            for name in ("title", "autocomplete", "body"):
                value = compiler.prepare_value(
                    IndexEntry._meta.get_field(name), getattr(indexer, name)
                )
                sql, value_params = value.as_sql(compiler, self.write_connection)
                vectors_sql.append(sql)
                params.extend(value_params)
            params.extend((indexer.title_text, indexer.body_text))
            rows_sql.append(f"(%s, %s, {', '.join(vectors_sql)}, 1.0, %s, %s)")
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {IndexEntry._meta.db_table} (content_type_id, object_id,"  # noqa: S608 - table name from model meta
                " title, autocomplete, body, title_norm, title_text, body_text)"
                f" (VALUES {', '.join(rows_sql)})"
                " ON CONFLICT (content_type_id, object_id)"
                " DO UPDATE SET title = EXCLUDED.title, title_norm = 1.0,"
                " autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body,"
                " title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text",
                params,
            )
        self._refresh_title_norms()


def _tsquery_term(term, languages):
    """A word (or a phrase's text) as a raw tsquery, one alternative per analysis: its
    words in a row (``<->``); a single CJK character as a prefix. None when empty."""
    alternatives = []
    for phrase in analysis.query_phrases(term, languages):
        if len(phrase) == 1 and len(phrase[0]) == 1 and analysis.is_cjk(phrase[0]):
            alternatives.append(f"'{phrase[0]}':*")
        else:
            alternatives.append(" <-> ".join(f"'{word}'" for word in phrase))
    if not alternatives:
        return None
    if len(alternatives) == 1:
        return alternatives[0]
    return "(" + " | ".join(f"({alternative})" for alternative in alternatives) + ")"


class AnalysedPostgresSearchQueryCompiler(PostgresSearchQueryCompiler):
    def build_tsquery_content(self, query, config=None, invert=False):
        if self.fields is not None or not isinstance(query, PlainText | Phrase):
            return super().build_tsquery_content(query, config=config, invert=invert)
        if getattr(self, "_languages", None) is None:
            self._languages = analysis.queryset_languages(self.queryset)
        if isinstance(query, PlainText):
            words = analysis.pairs_as_words(query.query_string)
            terms = [term for term in re.split(r"[\s\-]+", words) if term]
            operator = " & " if query.operator == "and" else " | "
        else:
            terms, operator = [query.query_string], ""
        parts = [_tsquery_term(term, self._languages) for term in terms]
        expression = operator.join(f"({part})" for part in parts if part is not None)
        if invert and expression:
            # The whole query negated: Not(PlainText("a b")) is everything without both
            # words, as on SQLite (modelsearch negates each word and keeps the AND).
            expression = f"!({expression})"
        # An empty tsquery matches nothing, and drops out of an & or | around it.
        return SearchQuery(expression, search_type="raw", config=TEXT_CONFIG)


class AnalysedPostgresSearchBackend(PostgresSearchBackend):
    """With ``SEARCH_CONFIG`` set, a site has chosen PostgreSQL's own analysis (one
    configuration, its stop words and stemmer, for every object): then this is exactly
    modelsearch's backend. Without it, titles and bodies are analysed here."""

    query_compiler_class = AnalysedPostgresSearchQueryCompiler
    index_class = AnalysedPostgresIndex

    def __init__(self, params):
        super().__init__(params)
        if self.config:
            self.query_compiler_class = PostgresSearchQueryCompiler
            self.index_class = PostgresIndex
