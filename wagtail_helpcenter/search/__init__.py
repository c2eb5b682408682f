"""Help center search. ``HelpCenterSearch(request, help_center, params).run()`` searches;
``suggest(request, help_center, prefix)`` completes. See docs/reference/search.md."""
