"""Page render times and SQL query counts per page type, against plain Wagtail rendering
of the same content, and import and indexing throughput, on SQLite (the import in
detail: ``benchmarks/imports.py``).

    python -m benchmarks.pages --repeat 50 --out benchmarks/results/pages.md

The reference for a page is a view that loads the same page with Wagtail
(``Page.objects.get(...).specific``) and renders its title and body with a bare template
(``{% include_block %}``): what any Wagtail site pays for that content. Figures are
medians of repeated requests (and the ratio to the reference); times are measured,
never asserted.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def measure(client, url, repeat, **params):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, params)  # warm caches
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url, params)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url, params)
    return statistics.median(times), len(queries.captured_queries)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--import-size", type=int, default=200)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)

    scratch = Path(tempfile.mkdtemp())
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch}/pages.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django
    from django.conf import settings
    from django.test.utils import override_settings

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from wagtail.models import Page

    from benchmarks.imports import zendesk_export
    from wagtail_helpcenter.demo.builder import build_demo
    from wagtail_helpcenter.importers.zendesk import import_zendesk
    from wagtail_helpcenter.models import ArticlePage, CategoryPage, FAQPage

    call_command("migrate", verbosity=0)
    with override_settings(ROOT_URLCONF="benchmarks.urls"):
        home = Page.objects.get(depth=2)
        help_center = build_demo(home)
        article = ArticlePage.objects.get(title="Download an invoice", locale=help_center.locale)
        pages = {
            "help center home": help_center,
            "category": CategoryPage.objects.get(title="Billing and invoices"),
            "article": article,
            "FAQ page": FAQPage.objects.get(title="Billing FAQ"),
        }
        client = Client()
        rows = []
        uncached = override_settings(
            WAGTAIL_HELPCENTER={**settings.WAGTAIL_HELPCENTER, "PAGE_CACHE_SECONDS": 0}
        )
        before_routing = override_settings(
            MIDDLEWARE=[*settings.MIDDLEWARE,
                        "wagtail_helpcenter.caching.middleware.PageCacheMiddleware"]
        )  # fmt: skip
        for name, page in pages.items():
            with uncached:
                ours, our_queries = measure(client, page.url, args.repeat)
            cached, cached_queries = measure(client, page.url, args.repeat)
            with before_routing:  # a new client: a client keeps the middleware it started with
                early, early_queries = measure(Client(), page.url, args.repeat)
            reference, reference_queries = measure(
                client, f"/reference-page/{page.pk}/", args.repeat
            )
            rows.append(
                (name, ours, our_queries, cached, cached_queries, early, early_queries,
                 reference, reference_queries)
            )  # fmt: skip
        search_url = f"{help_center.url}search/"
        with override_settings(
            WAGTAIL_HELPCENTER={**settings.WAGTAIL_HELPCENTER, "SEARCH_CACHE_SECONDS": 0}
        ):
            search_uncached = measure(client, search_url, args.repeat, q="download invoice")
        search_cached = measure(client, search_url, args.repeat, q="download invoice")

        start = time.perf_counter()
        export = zendesk_export(scratch / "export", args.import_size, translations=False)
        report = import_zendesk(export, help_center)
        import_seconds = time.perf_counter() - start
        assert not report.errors, report.errors
        start = time.perf_counter()
        call_command("update_index", verbosity=0)
        index_seconds = time.perf_counter() - start
        indexed = Page.objects.count()

    lines = [
        "# Page rendering, import and indexing",
        "",
        f"`python -m benchmarks.pages --repeat {args.repeat}` on SQLite, demo content. "
        "Milliseconds, medians; the reference renders the same page's title and body with a "
        "bare Wagtail template (`benchmarks/urls.py`).",
        "",
        "Rendered: the page cache off (what a signed-in visitor or the first visitor after a "
        "change waits for); cached: an anonymous visitor's copy from the page cache "
        "(Django's local-memory cache here), returned by the `on_serve_page` hook after "
        "Wagtail's routing; before routing: the same copy with `PageCacheMiddleware`.",
        "",
        "| page | rendered ms | queries | cached ms | queries | before routing ms | queries | "
        "reference ms | queries | rendered / ref. | cached / ref. | before routing / ref. |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for (name, ours, our_queries, cached, cached_queries, early, early_queries, reference,
         reference_queries) in rows:  # fmt: skip
        lines.append(
            f"| {name} | {ours:.1f} | {our_queries} | {cached:.1f} | {cached_queries} | "
            f"{early:.1f} | {early_queries} | {reference:.1f} | {reference_queries} | "
            f"{ours / reference:.1f}x | {cached / reference:.2f}x | {early / reference:.2f}x |"
        )
    lines += [
        "",
        f'Search "download invoice" (JSON-less page, lexical): {search_uncached[0]:.1f} ms and '
        f"{search_uncached[1]} queries each time without the search cache, "
        f"{search_cached[0]:.1f} ms and {search_cached[1]} queries repeated with it.",
        "",
        f"Zendesk import: {args.import_size} articles in {import_seconds:.1f} s "
        f"({args.import_size / import_seconds:.0f} articles/s; 10,000 articles and the "
        "re-import: `benchmarks/results/import.md`).",
        f"`update_index`: {indexed} pages in {index_seconds:.1f} s "
        f"({indexed / index_seconds:.0f} pages/s).",
    ]
    text = "\n".join(lines) + "\n"
    if args.out:
        args.out.write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
