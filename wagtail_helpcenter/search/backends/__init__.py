"""Search backends to name in ``WAGTAILSEARCH_BACKENDS``; see docs/reference/search.md."""
