"""Wagtail's OpenSearch 2 backend, with the editors' synonyms in the index analyzer.

Name it as ``"BACKEND": "wagtail_helpcenter.search.backends.opensearch2"`` in
``WAGTAILSEARCH_BACKENDS``; everything else is configured as for Wagtail's backend.
"""

from modelsearch.backends.opensearch2 import OpenSearch2Index, OpenSearch2SearchBackend

from .engine_synonyms import SynonymIndexMixin


class HelpCenterOpenSearch2Index(SynonymIndexMixin, OpenSearch2Index):
    pass


class HelpCenterOpenSearch2SearchBackend(OpenSearch2SearchBackend):
    index_class = HelpCenterOpenSearch2Index


SearchBackend = HelpCenterOpenSearch2SearchBackend
