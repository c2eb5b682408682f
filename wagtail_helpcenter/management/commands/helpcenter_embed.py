"""(Re)build the passages of the help center and their vectors for semantic search.

Run it once after switching semantic search on, after changing the embedder or its
model, and whenever passages may have missed their background task (a task worker that
was down). It is resumable: each batch of vectors is saved as it is made, and an
unchanged passage that already has a vector from the configured embedder is skipped.
"""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from wagtail_helpcenter.models import Passage
from wagtail_helpcenter.semantic import passages
from wagtail_helpcenter.semantic.embedders import EmbeddingError, get_embedder


class Command(BaseCommand):
    help = "Split help center pages into passages and embed them for semantic search."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count the passages that would be written and embedded; change nothing.",
        )
        parser.add_argument(
            "--batch-size", type=int, default=passages.EMBED_BATCH, help="Passages per batch."
        )

    def handle(self, *args, dry_run, batch_size, verbosity=1, **options):
        embedder = get_embedder()
        if embedder is None:
            raise CommandError(
                'Semantic search is off: set WAGTAIL_HELPCENTER["EMBEDDER"] (see '
                "docs/how-to/semantic-search.md)."
            )
        if not 1 <= batch_size <= 1000:
            raise CommandError("--batch-size must be between 1 and 1000.")
        pages = list(passages.pages_with_passages().specific())
        if dry_run:
            wanted, changed, stale = passages.plan(pages)
            unembedded = passages.texts_to_embed(embedder).count()
            self.stdout.write(
                f"{len(pages)} pages, {wanted} passages: {changed} new or changed, "
                f"{stale} to delete; {max(unembedded - stale, 0) + changed} to embed "
                f"with {embedder.identity}."
            )
            return
        removed = passages.remove_stale([page.pk for page in pages])
        changed = sum(passages.sync_page(page) for page in pages)
        total = passages.texts_to_embed(embedder).count()
        if verbosity >= 1:
            self.stdout.write(
                f"{len(pages)} pages: {changed} passages written, {removed} removed; "
                f"{total} to embed with {embedder.identity}."
            )
        started = time.monotonic()

        def progress(done):
            if verbosity < 1:
                return
            elapsed = time.monotonic() - started
            rate = done / elapsed if elapsed else 0
            bar = "#" * int(30 * done / total) if total else ""
            self.stdout.write(f"\r[{bar:<30}] {done}/{total} passages, {rate:.1f}/s", ending="")
            if not self.stdout.isatty():
                self.stdout.write("")
            sys.stdout.flush()

        try:
            done = passages.embed_missing(embedder, batch_size=batch_size, progress=progress)
        except EmbeddingError as error:
            kept = Passage.objects.filter(embedded_by=embedder.identity).count()
            raise CommandError(
                f"The embedder failed: {error}. {kept} passages have vectors; run the "
                "command again to go on from there."
            ) from error
        elapsed = time.monotonic() - started
        if total and verbosity >= 1:
            self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"Embedded {done} passages in {elapsed:.1f} s"
                + (f" ({done / elapsed:.1f}/s)." if elapsed and done else ".")
            )
        )
