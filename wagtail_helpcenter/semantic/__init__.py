"""Semantic search: passages of the help center as vectors, compared with a question's.

``embedders`` turn text into vectors (a local model or an embeddings endpoint, chosen by
``WAGTAIL_HELPCENTER["EMBEDDER"]``); ``passages`` keeps the passages of each page in step;
``store`` holds the vectors in memory and finds the nearest ones; ``retrieval`` is what
help center search asks.
"""
