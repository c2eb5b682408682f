"""Put the editors' synonym sets into an Elasticsearch/OpenSearch index's analyzer.

Used by the backends in this package when they create an index (``update_index``, or a
reset), so "reimbursement" and "refund" become the same word inside the engine. The
help center also expands queries with the same sets, so a change works at once; the
analyzer catches up on the next ``update_index``.
"""

import copy

SYNONYM_FILTER = "helpcenter_synonyms"
NORMALISING_FILTERS = ("cjk_width", "lowercase", "asciifolding")


def settings_with_synonyms(settings, synonym_lines):
    """A copy of index ``settings`` whose default analyzer also applies ``synonym_lines``
    (Solr format: "refund, money back, reimbursement")."""
    settings = copy.deepcopy(settings)
    if not synonym_lines:
        return settings
    analysis = settings.setdefault("settings", {}).setdefault("analysis", {})
    analysis.setdefault("filter", {})[SYNONYM_FILTER] = {
        "type": "synonym",
        "synonyms": list(synonym_lines),
        "lenient": True,
    }
    analyzers = analysis.setdefault("analyzer", {})
    default = analyzers.setdefault(
        "default", {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]}
    )
    filters = [name for name in default.get("filter", []) if name != SYNONYM_FILTER]
    # After width folding, lowercasing and accent folding, before bigrams and stemming.
    position = next(
        (index for index, name in enumerate(filters) if name not in NORMALISING_FILTERS),
        len(filters),
    )
    filters.insert(position, SYNONYM_FILTER)
    default["filter"] = filters
    return settings


def synonym_lines():
    from ...models import SynonymSet

    try:
        return [", ".join(synonyms.term_list) for synonyms in SynonymSet.objects.all()]
    except Exception:  # the table may not exist yet (before migrate)
        return []


class SynonymIndexMixin:
    def put(self):
        settings = settings_with_synonyms(self.backend.settings, synonym_lines())
        original = self.backend.settings
        self.backend.settings = settings
        try:
            super().put()
        finally:
            self.backend.settings = original
