"""Wagtail's OpenSearch 2 backend, with the editors' synonyms in the index analyzer and,
optionally, an analyzer per content language.

Name it as ``"BACKEND": "wagtail_helpcenter.search.backends.opensearch2"`` in
``WAGTAILSEARCH_BACKENDS``; everything else is configured as for Wagtail's backend, plus
``"LANGUAGE_ANALYZERS": {"nl": "dutch", ...}`` (see engine_languages.py).
"""

from modelsearch.backends.opensearch2 import OpenSearch2Index, OpenSearch2SearchBackend

from .engine_languages import LanguageFieldsIndexMixin, language_aware_compiler
from .engine_synonyms import SynonymIndexMixin


class HelpCenterOpenSearch2Index(LanguageFieldsIndexMixin, SynonymIndexMixin, OpenSearch2Index):
    pass


class HelpCenterOpenSearch2SearchBackend(OpenSearch2SearchBackend):
    index_class = HelpCenterOpenSearch2Index

    def __init__(self, params):
        params = dict(params)
        self.language_analyzers = params.pop("LANGUAGE_ANALYZERS", {})
        super().__init__(params)
        self.query_compiler_class = language_aware_compiler(
            self.query_compiler_class, self.language_analyzers
        )


SearchBackend = HelpCenterOpenSearch2SearchBackend
