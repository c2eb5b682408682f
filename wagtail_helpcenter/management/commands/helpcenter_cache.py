"""The page and search cache: say how it is set up, or drop every copy (after a deploy
that changes templates, which no signal tells)."""

from django.core.management.base import BaseCommand

from wagtail_helpcenter.caching.generations import renew_site
from wagtail_helpcenter.caching.pages import page_cache
from wagtail_helpcenter.conf import get_config


class Command(BaseCommand):
    help = "Show the page cache's settings, or drop every cached page and search (--clear)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--clear",
            action="store_true",
            help="Drop every cached page and search outcome (they are made anew on the next "
            "request). Nothing else in the cache is touched.",
        )

    def handle(self, *args, clear, **options):
        config = get_config()
        if clear:
            renew_site()
            self.stdout.write("Every cached help center page and search will be made anew.")
            return
        backend = type(page_cache()).__name__
        self.stdout.write(
            f"Pages: {config['PAGE_CACHE_SECONDS']} s, searches: "
            f"{config['SEARCH_CACHE_SECONDS']} s, in cache {config['PAGE_CACHE_ALIAS']!r} "
            f"({backend}); 0 s is off."
        )
