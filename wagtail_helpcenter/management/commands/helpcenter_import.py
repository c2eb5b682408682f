from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Page

from wagtail_helpcenter.importers.zendesk import ExportError, ZendeskExport, ZendeskImporter
from wagtail_helpcenter.importers.zendesk_redirects import old_links_are_routed
from wagtail_helpcenter.models import CategoryPage

KINDS = {
    "category": "Categories",
    "section": "Sections",
    "article": "Articles",
    "translation": "Translations",
}


class DryRunRollback(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Import a help center exported from another product. "
        "Re-running the same import updates the pages it made instead of adding new ones."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", choices=["zendesk"], help="Where the export comes from.")
        parser.add_argument(
            "directory",
            help="Folder with categories.json, sections.json, articles.json "
            "(and optionally translations.json and attachments/).",
        )
        parser.add_argument(
            "--parent",
            type=int,
            required=True,
            help="Id of the help center (or category) page to import into.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the export and report what would happen; change nothing.",
        )
        parser.add_argument(
            "--strict",
            action="store_true",
            help="Refuse articles with unsafe HTML instead of importing them cleaned.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Update every page, also records whose updated_at did not change.",
        )
        parser.add_argument(
            "--download-images",
            action="store_true",
            help="Download images that are not in the export's attachments/ folder.",
        )

    def handle(self, *args, source, directory, parent, dry_run, strict, force, **options):
        parent_page = self.parent_page(parent)
        try:
            export = ZendeskExport.read(directory)
        except ExportError as error:
            raise CommandError(f"Nothing was imported. {error}") from None

        importer = ZendeskImporter(
            export,
            parent_page,
            download_images=options["download_images"],
            dry_run=dry_run,
            strict=strict,
            force=force,
        )
        if dry_run:
            try:
                with transaction.atomic():
                    report = importer.run()
                    raise DryRunRollback
            except DryRunRollback:
                pass
        else:
            report = importer.run()
        self.print_report(report, dry_run)
        if report.errors:
            raise CommandError(
                f"{len(report.errors)} record(s) could not be imported; see the list above. "
                "The other records were imported; fix these and run the import again."
                if not dry_run
                else f"{len(report.errors)} record(s) would not be imported; see the list above."
            )

    def parent_page(self, parent_id):
        page = Page.objects.filter(pk=parent_id).first()
        if page is None:
            raise CommandError(f"There is no page with id {parent_id}.")
        page = page.specific
        if not CategoryPage.can_create_at(page):
            raise CommandError(
                f"“{page.title}” (page {parent_id}) is a {page.specific_class._meta.verbose_name}; "
                "import into a help center or category page."
            )
        return page

    def print_report(self, report, dry_run):
        for kind, heading in KINDS.items():
            self.stdout.write(
                f"{heading}: {report.created[kind]} created, "
                f"{report.updated[kind]} updated, {report.unchanged[kind]} unchanged"
            )
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(f"Warning: {warning}"))
        if not old_links_are_routed():
            self.stdout.write(
                self.style.WARNING(
                    "Note: old Zendesk links (/hc/...) will not redirect to the imported "
                    'pages until the site\'s URLconf includes path("hc/", '
                    'include("wagtail_helpcenter.zendesk_urls")); see '
                    "docs/how-to/import-from-zendesk.md#keep-the-old-zendesk-links-working."
                )
            )
        for error in report.errors:
            self.stderr.write(self.style.ERROR(f"Error: {error}"))
        if not report.errors:
            self.stdout.write(
                self.style.SUCCESS(
                    "Dry run: nothing was changed." if dry_run else "Import finished."
                )
            )
