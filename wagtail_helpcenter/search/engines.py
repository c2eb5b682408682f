"""Elasticsearch/OpenSearch settings that make help center search find word forms.

Wagtail's Elasticsearch-family backends index text with the ``standard`` analyzer, which
does not stem: "tracking" does not find "track". Sites pass these settings through
Wagtail's own ``INDEX_SETTINGS`` option, which is merged into the index settings:

    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.opensearch2",
            "URLS": ["http://127.0.0.1:9200"],
            "INDEX_SETTINGS": helpcenter_index_settings(language="english"),
        },
    }

then run ``manage.py update_index`` so the indices are built with them.
"""

# Elasticsearch/OpenSearch language analyzers with a stemmer of the same name.
STEMMER_LANGUAGES = {
    "arabic", "armenian", "basque", "bengali", "brazilian", "bulgarian", "catalan", "czech",
    "danish", "dutch", "english", "estonian", "finnish", "french", "galician", "german",
    "greek", "hindi", "hungarian", "indonesian", "irish", "italian", "latvian", "lithuanian",
    "norwegian", "persian", "portuguese", "romanian", "russian", "sorani", "spanish",
    "swedish", "turkish",
}  # fmt: skip


def helpcenter_index_settings(language="english", replicas=None):
    """``INDEX_SETTINGS`` whose default analyzer lowercases, folds accents and stems in
    ``language``; both the indexed text and the visitor's words go through it.

    Chinese, Japanese and Korean text, written without spaces between words, is indexed
    as overlapping pairs of characters (the ``cjk`` analyzer's ``cjk_bigram``), so "退货"
    finds "如何申请退货" and a single character shared by chance matches nothing: a page
    in a language without its own ``LANGUAGE_ANALYZERS`` entry is still found by its
    words. Other scripts are not changed by it."""
    if language not in STEMMER_LANGUAGES:
        raise ValueError(
            f"No stemmer for {language!r}; use one of: {', '.join(sorted(STEMMER_LANGUAGES))}"
        )
    # Same shape as modelsearch's own settings ("settings" -> "analysis"), so Wagtail's
    # deep merge adds these analyzers to its ngram ones instead of replacing them.
    settings = {
        "analysis": {
            "filter": {
                "helpcenter_stemmer": {"type": "stemmer", "language": language},
            },
            "analyzer": {
                "default": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": [
                        "cjk_width",  # full-width Latin and half-width katakana folded
                        "lowercase",
                        "asciifolding",
                        "cjk_bigram",
                        "helpcenter_stemmer",
                    ],
                },
            },
        }
    }
    if replicas is not None:
        settings["index"] = {"number_of_replicas": replicas}
    return {"settings": settings}


# One request for every document kind ------------------------------------------------
#
# Wagtail's search results object asks the engine separately for the hits, the count and
# each facet, and the search page has two document kinds (articles, FAQ answers). It sends
# them all as one multi-search request instead of six, built and read with modelsearch's
# own helpers (its query body and its loading of hits from the database).

FACET_BUCKETS = 50


def _search_body(results, size, facet_field):
    compiler = results.query_compiler
    field = compiler._get_filterable_field(facet_field)
    return {
        **results._get_es_body(),
        "track_total_hits": True,
        "aggregations": {
            facet_field: {
                "terms": {
                    "field": compiler.mapping.get_field_column_name(field),
                    "size": FACET_BUCKETS,
                }
            }
        },
        "_source": False,
        results.fields_param_name: ["pk"],
        "from": 0,
        "size": size,
    }


def search_together(searches, size, facet_field):
    """``{kind: (objects with ._score, total, {facet value: count})}`` for ``searches``
    (kind -> search results), the first ``size`` hits of each, in one engine request.
    A kind whose queryset is empty costs nothing."""
    asked = {
        kind: results
        for kind, results in searches.items()
        if not results.query_compiler.queryset.query.is_empty()
    }
    found = {kind: ([], 0, {}) for kind in searches}
    if not asked:
        return found
    lines = []
    for results in asked.values():
        index = results.backend.get_index_for_model(results.query_compiler.queryset.model)
        lines += [{"index": index.name}, _search_body(results, size, facet_field)]
    backend = next(iter(asked.values())).backend
    if backend.use_new_elasticsearch_api:
        response = backend.es.msearch(searches=lines)
    else:
        response = backend.es.msearch(body=lines)
    for (kind, results), answer in zip(asked.items(), response["responses"], strict=True):
        if "error" in answer:
            raise SearchEngineError(answer["error"])
        results._score_field = "_score"
        objects = list(results._get_results_from_hits(answer["hits"]["hits"]))
        total = answer["hits"]["total"]
        total = total["value"] if isinstance(total, dict) else total
        buckets = {
            bucket["key"]: bucket["doc_count"]
            for bucket in answer["aggregations"][facet_field]["buckets"]
        }
        found[kind] = (objects, total, buckets)
    return found


class SearchEngineError(Exception):
    """One search of a multi-search request failed (the request itself succeeded)."""
