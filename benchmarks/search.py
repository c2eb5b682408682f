"""Search latency by engine and corpus size, against plain Wagtail search.

    python -m benchmarks.search --sizes 1000 10000 --engines database opensearch

Each size runs in its own process with a fresh SQLite file. For each engine it reports
the median and p95 (milliseconds) of:

* ``page``: the help center search page (HTML), through Django's test client;
* ``json``: the same search as JSON;
* ``suggest``: suggestions for a two-word prefix;
* ``reference``: a minimal view doing only ``Page.objects.live().search(q)[:10]`` with
  Wagtail's stock backend for that engine (``wagtail.search.backends.database`` /
  ``opensearch2``), through the same client and middleware (``benchmarks/urls.py``);
* ``floor``: the raw engine query alone (an FTS5 MATCH / an OpenSearch ``_search``);
* ``empty query``: the JSON search with an empty ``q`` (no search runs): what serving the
  route costs (Wagtail's routing and the request), the help center's own floor;

and indexing throughput (articles per second). ``--profile QUERY`` also profiles the JSON
search for QUERY on each engine with pyinstrument (``pip install pyinstrument``) and
prints the call tree on standard error. The report is Markdown on stdout and, with
``--out``, in a file. Times are measured, never asserted: see tests for correctness.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# A quarter of the articles match each topic word; "settings" is in nearly every article
# (the broad match that makes plain Wagtail's SQLite search slowest).
QUERIES = [
    "invoice",
    "refnd",  # a typo: nothing found on SQLite (the "did you mean" path), found on OpenSearch
    "reset password",
    "how do I track my parcel",
    "refund",
    "api token",
    "settings",
]
SUGGEST_PREFIX = "reset pas"


def timed(function, repeat):
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return statistics.median(samples), p95


def measure_size(size, engines, repeat, opensearch_url, profile_query=None):
    """Runs inside a child process: Django is set up here, on a fresh database."""
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client, override_settings
    from wagtail.search.backends import get_search_backend

    from benchmarks.corpus import build
    from benchmarks.urls import REFERENCE_URL
    from wagtail_helpcenter.search.engines import helpcenter_index_settings

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    help_center = build(size)
    build_seconds = time.perf_counter() - started
    client = Client()
    search_url = help_center.url + "search/"
    rows = []

    configs = {
        "database": {
            "ours": {"BACKEND": "wagtail_helpcenter.search.backends.database"},
            "stock": {"BACKEND": "wagtail.search.backends.database"},
        },
        "opensearch": {
            "ours": {
                "BACKEND": "wagtail.search.backends.opensearch2",
                "URLS": [opensearch_url],
                "INDEX": "bench",
                "INDEX_SETTINGS": helpcenter_index_settings(replicas=0),
            },
            "stock": {
                "BACKEND": "wagtail.search.backends.opensearch2",
                "URLS": [opensearch_url],
                "INDEX": "bench_stock",
                "INDEX_SETTINGS": {"settings": {"index": {"number_of_replicas": 0}}},
            },
        },
    }
    for engine in engines:
        backends = {"default": configs[engine]["ours"], "stock": configs[engine]["stock"]}
        with override_settings(WAGTAILSEARCH_BACKENDS=backends, ROOT_URLCONF="benchmarks.urls"):
            index_rate = None
            if engine == "database":
                started = time.perf_counter()
                call_command("update_index", backend_name="default", verbosity=0)
                index_rate = size / (time.perf_counter() - started)
            if engine == "opensearch":
                started = time.perf_counter()
                call_command("update_index", backend_name="default", verbosity=0)
                index_rate = size / (time.perf_counter() - started)
                call_command("update_index", backend_name="stock", verbosity=0)
                get_search_backend("default").refresh_indexes()
                get_search_backend("stock").refresh_indexes()
            floor = floor_query(engine, connection, get_search_backend("default"))
            # Plain Wagtail on SQLite grows faster than linearly: fewer runs there.
            reference_repeat = max(3, repeat // 10) if engine == "database" else repeat
            for query in QUERIES:
                results = {
                    "page": timed(lambda q=query: client.get(search_url, {"q": q}), repeat),
                    "json": timed(
                        lambda q=query: client.get(search_url, {"q": q, "format": "json"}), repeat
                    ),
                    "reference": timed(
                        lambda q=query: client.get(REFERENCE_URL, {"q": q}), reference_repeat
                    ),
                    "floor": timed(lambda q=query, run=floor: run(q), repeat),
                }
                rows.append({"engine": engine, "query": query, **results})
            empty = timed(lambda: client.get(search_url, {"q": "", "format": "json"}), repeat)
            rows.append({"engine": engine, "query": "empty query", "empty": empty})
            suggest = timed(
                lambda: client.get(search_url + "suggest/", {"q": SUGGEST_PREFIX}), repeat
            )
            rows.append(
                {"engine": engine, "query": f"suggest {SUGGEST_PREFIX!r}", "suggest": suggest}
            )
            if index_rate:
                rows.append({"engine": engine, "index_rate": index_rate})
            if profile_query:
                print_profile(
                    f"{engine}, {size:,} articles: {profile_query!r}",
                    lambda: client.get(search_url, {"q": profile_query, "format": "json"}),
                    repeat,
                )
    return {"size": size, "build_seconds": build_seconds, "rows": rows}


def print_profile(title, function, repeat):
    from pyinstrument import Profiler

    function()  # warm up
    profiler = Profiler(interval=0.0005)
    with profiler:
        for _ in range(repeat):
            function()
    print(f"\n# {title}, {repeat} requests\n", file=sys.stderr)
    print(
        profiler.output_text(unicode=True, show_all=bool(os.environ.get("PROFILE_ALL"))),
        file=sys.stderr,
    )


def floor_query(engine, connection, backend):
    if engine == "database":
        from wagtail_helpcenter.search import analysis
        from wagtail_helpcenter.search.backends.sqlite_text import TEXT_TABLE as table

        def run(query):  # on our analysed-text table, as the backend searches
            terms = " OR ".join(f'"{word}"' for word in analysis.tokens(query, "en")) or '""'
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT rowid, bm25({table}) AS s FROM {table} "  # noqa: S608 - fixed table
                    f"WHERE {table} MATCH %s ORDER BY s LIMIT 10",
                    [terms],
                )
                return cursor.fetchall()

        return run

    from wagtail.models import Page

    index_name = backend.get_index_for_model(Page).name

    def run(query):
        return backend.es.search(
            index=index_name,
            body={"query": {"multi_match": {"query": query, "fields": ["_all_text"]}}, "size": 10},
        )

    return run


def report(results):
    lines = ["# Search benchmark", ""]
    lines.append(
        "Median / p95 in milliseconds. `ratio` = our JSON search median ÷ the reference view's "
        "(`Page.objects.live().search(q)[:10]` on Wagtail's stock backend, as JSON)."
    )
    for result in results:
        lines += [
            "",
            f"## {result['size']:,} articles (built in {result['build_seconds']:.0f} s)",
            "",
        ]
        lines.append("| engine | query | page | json | reference | floor | ratio |")
        lines.append("|---|---|---|---|---|---|---|")
        for row in result["rows"]:
            if "index_rate" in row:
                lines.append(
                    f"| {row['engine']} | indexing | {row['index_rate']:.0f} articles/s | | | | |"
                )
            elif "suggest" in row:
                median, p95 = row["suggest"]
                lines.append(
                    f"| {row['engine']} | {row['query']} | {median:.1f} / {p95:.1f} | | | | |"
                )
            elif "empty" in row:
                median, p95 = row["empty"]
                lines.append(
                    f"| {row['engine']} | {row['query']} | | {median:.1f} / {p95:.1f} | | | |"
                )
            else:
                cells = [
                    f"{row[key][0]:.1f} / {row[key][1]:.1f}"
                    for key in ("page", "json", "reference", "floor")
                ]
                ratio = row["json"][0] / row["reference"][0]
                lines.append(
                    f"| {row['engine']} | {row['query']} | {' | '.join(cells)} | {ratio:.3f} |"
                )
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description="Help center search benchmark")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--engines", nargs="+", default=["database", "opensearch"],
                        choices=["database", "opensearch"])  # fmt: skip
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--profile", metavar="QUERY", help="profile the JSON search for QUERY")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        result = measure_size(
            args.sizes[0],
            args.engines,
            args.repeat,
            os.environ.get("HELPCENTER_OPENSEARCH_URL"),
            args.profile,
        )
        print(json.dumps(result))
        return 0

    results = []
    for size in args.sizes:
        command = [sys.executable, "-m", "benchmarks.search", "--child", "--sizes", str(size),
                   "--repeat", str(args.repeat), "--engines", *args.engines]  # fmt: skip
        if args.profile:
            command += ["--profile", args.profile]
        if "opensearch" in args.engines:
            command = [sys.executable, "-m", "tools.opensearch.node", "run", "--", *command]
        # The child's standard error (warnings, profiles) goes straight to ours.
        output = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
        if output.returncode != 0:
            return output.returncode
        results.append(json.loads(output.stdout.strip().splitlines()[-1]))
    text = report(results)
    print(text)
    if args.out:
        args.out.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
