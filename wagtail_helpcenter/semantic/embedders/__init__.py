"""The configured embedder, by dotted path, as wagtail-localize names machine translators."""

from functools import cache

from django.utils.module_loading import import_string

from ...conf import get_config
from .base import BaseEmbedder, EmbeddingError

__all__ = ["BaseEmbedder", "EmbeddingError", "get_embedder"]


@cache  # keyed by the setting's value: a changed setting builds a new embedder
def _build(class_path, options_items):
    return import_string(class_path)(dict(options_items))


def get_embedder():
    """The embedder named in ``WAGTAIL_HELPCENTER["EMBEDDER"]`` (one per process), or
    None when semantic search is off."""
    config = get_config()["EMBEDDER"]
    if not config:
        return None
    options = config.get("OPTIONS") or {}
    return _build(config["CLASS"], tuple(sorted(options.items(), key=lambda item: item[0])))
