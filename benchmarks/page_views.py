"""What counting a page view costs an article page, on SQLite.

    python -m benchmarks.page_views --repeat 200

Serves the same article with COUNT_PAGE_VIEWS on and off, alternating, and reports the
median and p95 (milliseconds) of each. Times are measured, never asserted.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args(argv)

    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/views.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client, override_settings

    from benchmarks.corpus import build
    from wagtail_helpcenter.models import ArticlePage, PageViewDay

    call_command("migrate", verbosity=0)
    help_center = build(200)
    article = ArticlePage.objects.descendant_of(help_center).first()
    client = Client()
    samples = {True: [], False: []}
    for _ in range(args.repeat):
        for counting in (True, False):
            with override_settings(WAGTAIL_HELPCENTER={"COUNT_PAGE_VIEWS": counting}):
                start = time.perf_counter()
                response = client.get(article.url)
                samples[counting].append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200
    counted = PageViewDay.objects.get(page=article).views
    print("| page views counted | median ms | p95 ms |\n|---|---|---|")
    for counting, times in samples.items():
        times.sort()
        p95 = times[round(0.95 * (len(times) - 1))]
        print(f"| {'yes' if counting else 'no'} | {statistics.median(times):.2f} | {p95:.2f} |")
    print(f"\n{counted} views counted for {args.repeat} counted requests.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
