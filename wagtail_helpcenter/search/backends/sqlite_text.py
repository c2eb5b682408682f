"""The analysed-text FTS5 table of ``wagtail_helpcenter.search.backends.database`` on
SQLite: what it holds, how it is written and kept in step, and the FTS5 queries on it.

modelsearch keeps its own FTS5 table (``<index entry table>_fts``: autocomplete, body,
title, unicode61, filled by triggers on the index entries). It is left exactly as
modelsearch makes it, so autocomplete matches the words as written and modelsearch's own
SQLite backend keeps working on the same database. Beside it, ``TEXT_TABLE`` holds each
index entry's title and body analysed in Python (``wagtail_helpcenter.search.analysis``:
stems of the entry's language, CJK bigrams), with the entry's id as rowid:

* ``write_entries`` writes it when our backend indexes objects (``add_items``);
* triggers drop an entry's row when the entry is deleted, or when its title or body is
  changed by anyone else (modelsearch's own backend, say): a changed entry is then not
  found by our backend until it is indexed again, never found by stale words;
* ``ensure_text_index`` runs after ``migrate``: it creates the table and its triggers,
  gives back modelsearch's table its own tokenizer where an earlier version of this app
  had replaced it with a porter-stemmed one, and builds the analysed text of every entry
  that has none yet. ``update_index`` rebuilds both tables.
"""

from django.db import connections, router, transaction
from django.db.models.sql.datastructures import BaseTable
from django.utils.encoding import force_str
from modelsearch.backends.database.sqlite.query import AndNot
from modelsearch.backends.database.sqlite.sqlite import IndexEntry, SQLiteFTSIndexEntry
from modelsearch.backends.database.sqlite.utils import fts5_available
from modelsearch.query import And, MatchAll, Or, Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from .. import analysis

TEXT_TABLE = "wagtail_helpcenter_search_text"
# The analysis already lower-cased the words and dropped their diacritics.
TEXT_TOKENIZER = "unicode61 remove_diacritics 2"
MODELSEARCH_FTS_COLUMNS = "autocomplete, body, title"  # as modelsearch's migration makes it
CHUNK = 500


def text_entries():
    """``SQLiteFTSIndexEntry`` rows read from ``TEXT_TABLE`` instead: same rowid, same
    relation to the index entry, our title and body. Only the table's name in the FROM
    clause changes (it keeps modelsearch's table name as its alias), so every lookup
    through ``index_entry`` works unchanged."""
    queryset = SQLiteFTSIndexEntry.objects.all()
    query = queryset.query
    alias = query.get_initial_alias()
    query.table_map[TEXT_TABLE] = query.table_map.pop(query.alias_map[alias].table_name)
    query.alias_map[alias] = BaseTable(TEXT_TABLE, alias)
    return queryset


def _tables(db):
    return {
        name
        for (name,) in db.cursor()
        .execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        .fetchall()
    }


def create_text_table(db):
    """Create ``TEXT_TABLE`` and its triggers if missing; True if it created any."""
    existing = _tables(db)
    wanted = {TEXT_TABLE, f"{TEXT_TABLE}_delete", f"{TEXT_TABLE}_update"}
    if wanted <= existing:
        return False
    entry_table = IndexEntry._meta.db_table
    with db.cursor() as cursor:
        cursor.execute(
            f'CREATE VIRTUAL TABLE IF NOT EXISTS "{TEXT_TABLE}" USING fts5('
            f"title, body, tokenize='{TEXT_TOKENIZER}')"
        )
        cursor.execute(
            f'CREATE TRIGGER IF NOT EXISTS "{TEXT_TABLE}_delete" AFTER DELETE ON "{entry_table}"'
            f' BEGIN DELETE FROM "{TEXT_TABLE}" WHERE rowid = OLD.id; END'
        )
        cursor.execute(
            f'CREATE TRIGGER IF NOT EXISTS "{TEXT_TABLE}_update" AFTER UPDATE OF title, body'
            f' ON "{entry_table}" BEGIN DELETE FROM "{TEXT_TABLE}" WHERE rowid = OLD.id; END'
        )
    return True


def restore_modelsearch_table(db):
    """Give modelsearch's FTS5 table back its own definition (unicode61, no stemming)
    where ``ensure_stemming`` of an earlier version gave it the porter tokenizer, and
    fill it again from the index entries. True if it changed the table."""
    fts_table = SQLiteFTSIndexEntry._meta.db_table
    entry_table = IndexEntry._meta.db_table
    with db.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE type='table' AND name=%s", [fts_table])
        row = cursor.fetchone()
        if row is None or "porter" not in (row[0] or ""):
            return False
        cursor.execute(f'DROP TABLE "{fts_table}"')
        cursor.execute(f'CREATE VIRTUAL TABLE "{fts_table}" USING fts5({MODELSEARCH_FTS_COLUMNS})')
        cursor.execute(
            f'INSERT INTO "{fts_table}"(rowid, title, body, autocomplete) '  # noqa: S608 - table names from model meta
            f'SELECT id, title, body, autocomplete FROM "{entry_table}"'
        )
    return True


def write_entries(db, rows):
    """Store ``[(entry id, title, body, language)]`` in ``TEXT_TABLE``, analysed."""
    rows = list(rows)
    with db.cursor() as cursor:
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            placeholders = ", ".join("%s" for _ in chunk)
            cursor.execute(
                f'DELETE FROM "{TEXT_TABLE}" WHERE rowid IN ({placeholders})',  # noqa: S608
                [entry_id for entry_id, *_rest in chunk],
            )
        cursor.executemany(
            f'INSERT INTO "{TEXT_TABLE}"(rowid, title, body) VALUES (%s, %s, %s)',  # noqa: S608
            [
                (
                    entry_id,
                    analysis.analyse(title, language),
                    analysis.analyse(body, language),
                )
                for entry_id, title, body, language in rows
            ],
        )


def index_objects(db, model, objs):
    """Write the analysed text of these just-indexed objects of ``model`` (their index
    entries were written by modelsearch's ``add_items``, raw)."""
    objs = list(objs)
    if not objs or not model.get_search_fields():
        return
    languages = analysis.object_languages(model, objs)
    by_id = {force_str(obj.pk): obj.pk for obj in objs}
    entries = IndexEntry._default_manager.using(db.alias).filter(
        content_type_id=get_content_type_pk(model), object_id__in=list(by_id)
    )
    write_entries(
        db,
        (
            (entry_id, title, body, languages.get(by_id[object_id], analysis.default_language()))
            for entry_id, object_id, title, body in entries.values_list(
                "id", "object_id", "title", "body"
            )
        ),
    )


def rebuild_missing(db):
    """Analyse every index entry that has no row in ``TEXT_TABLE``, each in its object's
    language (the objects' locales are read, a few queries per model). Returns how many."""
    entry_table = IndexEntry._meta.db_table
    with db.cursor() as cursor:
        cursor.execute(
            f'SELECT id, content_type_id, object_id, title, body FROM "{entry_table}"'  # noqa: S608
            f' WHERE id NOT IN (SELECT rowid FROM "{TEXT_TABLE}")'
        )
        missing = cursor.fetchall()
    if not missing:
        return 0
    content_type_model = IndexEntry._meta.get_field("content_type").related_model
    by_type = {}
    for row in missing:
        by_type.setdefault(row[1], []).append(row)
    rows = []
    for content_type_id, entries in by_type.items():
        content_type = content_type_model.objects.db_manager(db.alias).get_for_id(content_type_id)
        model = content_type.model_class()
        languages = {}
        if model is not None:
            objs = model._default_manager.using(db.alias).filter(
                pk__in=[object_id for _id, _ct, object_id, _t, _b in entries]
            )
            languages = {
                force_str(pk): language
                for pk, language in analysis.object_languages(model, list(objs)).items()
            }
        default = analysis.default_language()
        rows.extend(
            (entry_id, title, body, languages.get(object_id, default))
            for entry_id, _ct, object_id, title, body in entries
        )
    write_entries(db, rows)
    return len(rows)


def ensure_text_index(using=None, build=True):
    """After ``migrate`` on SQLite: restore modelsearch's table, create ours, and (when
    ``build``) analyse the entries not analysed yet. Nothing to do elsewhere. Returns True
    if it changed anything."""
    using = using or router.db_for_write(IndexEntry)
    db = connections[using]
    if db.vendor != "sqlite" or not fts5_available():
        return False
    if SQLiteFTSIndexEntry._meta.db_table not in _tables(db):
        return False  # modelsearch's migrations have not run on this database
    with transaction.atomic(using=using):
        restored = restore_modelsearch_table(db)
        created = create_text_table(db)
        built = rebuild_missing(db) if build else 0
    return bool(restored or created or built)


# FTS5 queries on the analysed text ------------------------------------------------------


def _term(term, languages):
    """A word (or a phrase's text) as FTS5 phrases, one per analysis of it: ``None``
    when it holds no letter or digit. A single CJK character is a prefix (it is indexed
    as the first character of pairs)."""
    alternatives = []
    for phrase in analysis.query_phrases(term, languages):
        if len(phrase) == 1 and len(phrase[0]) == 1 and analysis.is_cjk(phrase[0]):
            alternatives.append(f'"{phrase[0]}"*')
        else:
            alternatives.append('"' + " ".join(phrase) + '"')
    if not alternatives:
        return None
    return alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")"


def _join(parts, operator):
    parts = [part for part in parts if part is not None]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else "(" + f" {operator} ".join(parts) + ")"


def match_expression(query, languages):
    """A normalised modelsearch query (``normalize()``, no ``Not`` at the top) as an
    FTS5 expression on the analysed words; ``None`` when nothing in it can match.
    Words and phrases never carry FTS5 syntax: the analysis keeps letters and digits."""
    if isinstance(query, PlainText):
        operator = "AND" if query.operator.upper() == "AND" else "OR"
        words = analysis.pairs_as_words(query.query_string).split()
        return _join([_term(term, languages) for term in words], operator)
    if isinstance(query, Phrase):
        return _term(query.query_string, languages)
    if isinstance(query, AndNot):
        if isinstance(query.subquery_a, MatchAll):
            raise NotImplementedError("OR with a NOT is not supported by the SQLite backend.")
        wanted = match_expression(query.subquery_a, languages)
        unwanted = match_expression(query.subquery_b, languages)
        if wanted is None or unwanted is None:
            return wanted
        return f"({wanted} NOT {unwanted})"
    if isinstance(query, And | Or):
        return _join(
            [match_expression(subquery, languages) for subquery in query.subqueries],
            "AND" if isinstance(query, And) else "OR",
        )
    raise NotImplementedError(
        f"`{query.__class__.__name__}` is not supported by the SQLite search backend."
    )
