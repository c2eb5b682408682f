"""Each visitor's language analysed by its own analyzer inside Elasticsearch/OpenSearch.

Wagtail's backends keep one index per model and one analyzer for all text. With
``LANGUAGE_ANALYZERS`` in the backend's settings, e.g. ``{"nl": "dutch", "fa":
"persian", "lv": "latvian", "zh-hans": "cjk"}`` (any of the engine's built-in analyzers),
the catch-all text fields get a sub-field per language analysed with that language's
stemmer and stop words (``_all_text.nl``), and a search made in that language queries
the sub-field instead. Other languages keep the index's default analyzer.

The keys are the site's content language codes as ``visitor_language()`` gives them
(Wagtail's ``WAGTAIL_CONTENT_LANGUAGES`` codes: ``"zh-hans"``, not ``"zh"`` or
``"zh_Hans"``); ``"cjk"`` (pairs of characters) is the built-in analyzer for Chinese and
Japanese, whose words are not separated by spaces.
"""

from ...languages import visitor_language

CATCH_ALL_PREFIX = "_all_text"


def with_language_fields(mapping, language_analyzers):
    """A copy of a model's mapping whose catch-all text fields have a sub-field per
    language."""
    if not language_analyzers:
        return mapping
    properties = dict(mapping["properties"])
    for name, field in properties.items():
        if name.startswith(CATCH_ALL_PREFIX):
            properties[name] = {
                **field,
                "fields": {
                    code: {"type": "text", "analyzer": analyzer}
                    for code, analyzer in language_analyzers.items()
                },
            }
    return {**mapping, "properties": properties}


class LanguageFieldsIndexMixin:
    def add_model(self, model):
        mapping = self.mapping_class(model).get_mapping()
        self.es.indices.put_mapping(
            index=self.name,
            body=with_language_fields(mapping, self.backend.language_analyzers),
        )


class LanguageAwareQueryCompilerMixin:
    """Searches the active language's sub-field of the catch-all fields."""

    language_analyzers = {}  # set per backend, see language_aware_compiler()

    def _remap_fields(self, fields):
        remapped = super()._remap_fields(fields)
        code = visitor_language()
        if fields or code not in self.language_analyzers:
            return remapped
        for field in remapped:
            if field.field_name.startswith(CATCH_ALL_PREFIX):
                field.field_name = f"{field.field_name}.{code}"
        return remapped


def language_aware_compiler(compiler_class, language_analyzers):
    return type(
        compiler_class.__name__,
        (LanguageAwareQueryCompilerMixin, compiler_class),
        {"language_analyzers": dict(language_analyzers)},
    )
