"""Zendesk import throughput on SQLite: a synthetic export imported into a fresh
database, then imported again (every record unchanged: nothing may be duplicated).

    python -m benchmarks.imports --articles 10000 --out benchmarks/results/import.md

The export has several categories and (nested) sections, article bodies with headings,
lists, tables of steps and links to other articles, labels, a few drafts and internal
articles, and Dutch translations of a few articles. ``--profile FILE`` writes
pyinstrument's text profile of the first import to FILE. Times are measured, never
asserted.
"""

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.words import FILLER, VERBS

CATEGORIES = ["Billing", "Account", "Shipping", "Integrations", "Security"]
SUBJECTS = ["invoice", "refund", "password", "login", "parcel", "webhook", "token", "plan"]
SECTIONS_PER_CATEGORY = 4  # and one nested section under the first of them
TRANSLATED_EVERY = 50  # one article in 50 has a Dutch translation


def _sentence(rng, subject):
    words = rng.sample(FILLER, 10) + [subject]
    rng.shuffle(words)
    return " ".join(words).capitalize() + "."


def _body(rng, n, subject, article_ids):
    other = rng.choice(article_ids)
    return (
        f"<p>{_sentence(rng, subject)} {_sentence(rng, subject)}</p>"
        "<h2>Before you start</h2>"
        f"<ul><li>{_sentence(rng, subject)}</li><li>Owner access</li><li>A paid plan</li></ul>"
        "<h2>Steps</h2>"
        f"<ol><li>Open <strong>Settings</strong>.</li><li>Choose the {subject} tab.</li>"
        f"<li>Save.</li></ol><p>{_sentence(rng, subject)} See "
        f'<a href="https://acme.zendesk.com/hc/en-us/articles/{other}">the related article</a>'
        f" or <a href='https://example.com/docs/{subject}'>the reference</a>.</p>"
        f"<h3>If it fails</h3><p>{_sentence(rng, subject)} ({n})</p>"
    )


def zendesk_export(directory, count, seed=1, translations=True):
    """Write a synthetic Zendesk export of ``count`` articles into ``directory``."""
    rng = random.Random(seed)
    categories = [
        {
            "id": 1 + i,
            "name": name,
            "description": f"All about {name.lower()}",
            "position": i,
            "updated_at": "2025-01-01T00:00:00Z",
        }
        for i, name in enumerate(CATEGORIES)
    ]
    sections = []
    for category in categories:
        for j in range(SECTIONS_PER_CATEGORY):
            sections.append(
                {
                    "id": 100 + len(sections),
                    "name": f"{category['name']} {j + 1}",
                    "category_id": category["id"],
                    "position": j,
                    "updated_at": "2025-01-01T00:00:00Z",
                }
            )
        sections.append(
            {
                "id": 100 + len(sections),
                "name": f"{category['name']} advanced",
                "category_id": category["id"],
                "parent_section_id": sections[-SECTIONS_PER_CATEGORY]["id"],
                "position": 0,
                "updated_at": "2025-01-01T00:00:00Z",
            }
        )
    article_ids = [10_000 + n for n in range(count)]
    articles = []
    for n, article_id in enumerate(article_ids):
        subject, verb = rng.choice(SUBJECTS), rng.choice(VERBS)
        articles.append(
            {
                "id": article_id,
                "title": f"How to {verb} your {subject} ({n})",
                "section_id": sections[n % len(sections)]["id"],
                "body": _body(rng, n, subject, article_ids),
                "locale": "en-us",
                "label_names": [subject, verb],
                "draft": n % 97 == 0,
                "promoted": n % 200 == 0,
                "position": n,
                "user_segment_id": 555 if n % 31 == 0 else None,
                "created_at": "2024-01-01T00:00:00Z",
                "updated_at": "2025-01-01T00:00:00Z",
            }
        )
    records = {"categories": categories, "sections": sections, "articles": articles}
    if translations:
        records["translations"] = [
            {
                "id": 900_000 + n,
                "source_id": article["id"],
                "source_type": "Article",
                "locale": "nl",
                "title": f"Vertaling {n}",
                "body": "<h2>Stappen</h2><p>Open de instellingen.</p><ul><li>Een</li></ul>",
                "draft": False,
                "outdated": n % 2 == 0,
                "updated_at": "2025-02-01T00:00:00Z",
            }
            for n, article in enumerate(articles)
            if n % TRANSLATED_EVERY == 1
        ]
    directory.mkdir(parents=True, exist_ok=True)
    for name, items in records.items():
        (directory / f"{name}.json").write_text(json.dumps({name: items}))
    return directory


class QueryCounter:
    """Counts the SQL queries run inside it (``connection.execute_wrapper``)."""

    count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def timed_import(directory, parent, profile=None):
    """``(report, wall-clock seconds, CPU seconds, queries)`` of one import."""
    from django.db import connection

    from wagtail_helpcenter.importers.zendesk import import_zendesk

    profiler = None
    if profile:
        from pyinstrument import Profiler

        profiler = Profiler()
        profiler.start()
    queries = QueryCounter()
    start, cpu_start = time.perf_counter(), time.process_time()
    with connection.execute_wrapper(queries):
        report = import_zendesk(directory, parent)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    if profiler:
        profiler.stop()
        profile.write_text(profiler.output_text(unicode=True, color=False, show_all=False))
        profiler.last_session.save(profile.with_suffix(".pyisession"))
    assert not report.errors, report.errors[:5]
    return report, seconds, cpu_seconds, queries.count


def counts():
    from wagtail.models import Page, ReferenceIndex, Revision

    from wagtail_helpcenter.models import ArticlePage, ImportedPage

    return {
        "pages": Page.objects.count(),
        "articles": ArticlePage.objects.count(),
        "imported": ImportedPage.objects.count(),
        "revisions": Revision.objects.count(),
        "references": ReferenceIndex.objects.count(),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--profile", type=Path, help="pyinstrument profile of the first import")
    parser.add_argument(
        "--database", type=Path, help="SQLite file to use (a fresh one in a temporary folder)"
    )
    args = parser.parse_args(argv)

    scratch = Path(tempfile.mkdtemp())
    database = args.database or scratch / "import.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{database.resolve()}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from wagtail.models import Locale, Site
    from wagtail.search.backends import get_search_backend

    from wagtail_helpcenter.models import ArticlePage, HelpCenterPage

    call_command("migrate", verbosity=0)
    Locale.objects.get_or_create(language_code="nl")
    root = Site.objects.get(is_default_site=True).root_page
    help_center = root.add_child(instance=HelpCenterPage(title="Imported help", slug="help"))
    export = zendesk_export(scratch / "export", args.articles)

    first = timed_import(export, help_center, args.profile)
    after_first = counts()
    second = timed_import(export, help_center)
    after_second = counts()
    assert after_second == after_first, (after_first, after_second)
    assert second[0].unchanged["article"] == first[0].created["article"], second[0].unchanged
    last = ArticlePage.objects.live().order_by("-pk").first()
    hits = get_search_backend().search(last.title, ArticlePage.objects.live())
    searchable = last.pk in {page.pk for page in hits[:20]}

    translations = first[0].created["translation"]
    lines = [
        "# Zendesk import",
        "",
        f"`python -m benchmarks.imports --articles {args.articles}` on SQLite, one process "
        f"(`benchmarks/imports.py`): {len(CATEGORIES)} categories, "
        f"{len(CATEGORIES) * (SECTIONS_PER_CATEGORY + 1)} sections, {args.articles:,} "
        f"articles, {translations} Dutch translations. Seconds are wall-clock (CPU) "
        "seconds of the import alone, queries are SQL queries per article.",
        "",
        "| run | seconds (CPU) | articles/s | queries/article | created | updated | unchanged |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, (report, seconds, cpu_seconds, queries) in (
        ("first import", first),
        ("re-import, same export", second),
    ):
        lines.append(
            f"| {name} | {seconds:.1f} ({cpu_seconds:.1f}) | {args.articles / seconds:.0f} | "
            f"{queries / args.articles:.1f} | {sum(report.created.values())} | "
            f"{sum(report.updated.values())} | {sum(report.unchanged.values())} |"
        )
    lines += [
        "",
        f"After the first import: {after_first['pages']:,} pages, "
        f"{after_first['revisions']:,} revisions, {after_first['references']:,} reference "
        f"index entries; the re-import left every count unchanged (no duplicates). "
        f"An imported article is found by search: {'yes' if searchable else 'NO'}.",
    ]
    text = "\n".join(lines) + "\n"
    if args.out:
        args.out.write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
