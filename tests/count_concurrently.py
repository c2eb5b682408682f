"""Count one page view from several processes at once; print the rows and the total.

    DATABASE_URL=sqlite:////tmp/counts.sqlite3 python -m tests.count_concurrently

Used by tests/test_feedback.py: concurrent counts on a real database file must add up.
"""

import argparse
import multiprocessing
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")


def count(barrier, counts):
    import django

    django.setup()
    from django.utils import timezone

    from wagtail_helpcenter.counting import add_to_count
    from wagtail_helpcenter.models import PageViewDay

    barrier.wait()  # start together, so that several try to create the day's row
    for _ in range(counts):
        add_to_count(PageViewDay, {"page_id": 2, "date": timezone.localdate()}, {"views": 1})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--counts", type=int, default=25)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", verbosity=0)  # creates page 2, Wagtail's welcome page
    connections.close_all()

    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(args.processes)
    workers = [
        context.Process(target=count, args=(barrier, args.counts)) for _ in range(args.processes)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
        if worker.exitcode != 0:
            raise SystemExit(f"a counting process failed ({worker.exitcode})")

    from wagtail_helpcenter.models import PageViewDay

    rows = list(PageViewDay.objects.values_list("views", flat=True))
    print(f"rows={len(rows)} views={sum(rows)}")


if __name__ == "__main__":
    main()
