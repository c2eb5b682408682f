"""Vote on one article from several processes at once, on a real SQLite file; print
every response status and the votes stored.

    DATABASE_URL=sqlite:////tmp/votes.sqlite3 python -m tests.vote_concurrently

Used by tests/test_security_review.py: concurrent writes must never answer 500
("database is locked").
"""

import argparse
import multiprocessing
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")


def vote(barrier, number, votes, statuses):
    import django

    django.setup()
    from django.test import Client

    from wagtail_helpcenter.models import ArticlePage

    article = ArticlePage.objects.get(slug="invoices")
    barrier.wait()  # start together
    for count in range(votes):
        # A new visitor each time (their own address, no cookie): every vote is a write.
        client = Client(REMOTE_ADDR=f"192.0.{number}.{count + 1}")
        response = client.post(
            "/help/feedback/", {"page": article.pk, "helpful": "yes"}, HTTP_USER_AGENT="Firefox"
        )
        statuses.put(response.status_code)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--processes", type=int, default=12)
    parser.add_argument("--votes", type=int, default=5)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections
    from wagtail.models import Site

    from tests.factories import ArticlePageFactory, CategoryPageFactory, HelpCenterPageFactory

    call_command("migrate", verbosity=0)
    home = Site.objects.get(is_default_site=True).root_page
    help_center = HelpCenterPageFactory(parent=home, title="Help", slug="help")
    category = CategoryPageFactory(parent=help_center, title="Billing", slug="billing")
    ArticlePageFactory(parent=category, title="Download an invoice", slug="invoices")
    connections.close_all()

    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(args.processes)
    statuses = context.Queue()
    workers = [
        context.Process(target=vote, args=(barrier, number, args.votes, statuses))
        for number in range(1, args.processes + 1)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    answered = sorted(statuses.get() for _ in range(statuses.qsize()))

    from wagtail_helpcenter.models import Vote

    print("statuses=" + ",".join(str(status) for status in sorted(set(answered))))
    print(f"answered={len(answered)} votes={Vote.objects.count()}")


if __name__ == "__main__":
    main()
