"""Import a Zendesk Help Center export (the JSON its API returns) as help center pages.

The export folder holds ``categories.json``, ``sections.json``, ``articles.json`` and,
optionally, ``translations.json`` and an ``attachments/`` folder of images. Zendesk
categories and sections become CategoryPages, articles become ArticlePages.

Reading is all or nothing per file (a missing file or broken JSON stops the import
before anything is written). Records are checked one by one: a bad record is reported
with its file and id and skipped with whatever depends on it, and each record is written
in its own transaction, so nothing half-imported is ever left behind. Every record's
page is remembered in ``ImportedPage``, so running the same import again updates pages
instead of adding new ones. The search and reference indexes are updated in bulk between
records (``deferred.py``), not on each of the three saves a new page takes.
"""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify

from ..blocks import anchor_for
from ..models import ArticlePage, CategoryPage, ImportedPage
from .deferred import deferred_indexing
from .html import UnreadableHTML, html_to_blocks, plain_text
from .images import ImageNotFound, ImageResolver
from .zendesk_records import (
    TITLE_MAX_LENGTH,
    ExportError,
    ImportReport,
    Problem,
    RecordChecker,
    RecordError,
    failure_reason,
    read_records,
    save_as_zendesk_says,
    source_version,
)
from .zendesk_translations import (
    TRANSLATIONS_FILE,
    TranslationImporter,
    can_import_translations,
)

SOURCE = "zendesk"
SUMMARY_MAX_LENGTH = 300
# Saved pages wait this long (in objects) for their search and reference index entries.
INDEX_EVERY = 1000

__all__ = ["ExportError", "ZendeskExport", "ZendeskImporter", "import_zendesk"]


@dataclass
class ZendeskExport:
    directory: Path
    categories: list
    sections: list
    articles: list
    translations: list | None  # None: the export has no translations.json

    @classmethod
    def read(cls, directory):
        directory = Path(directory)
        if not directory.is_dir():
            raise ExportError(f"{directory}: no such folder")
        has_translations = (directory / TRANSLATIONS_FILE).exists()
        return cls(
            directory=directory,
            categories=read_records(directory, "categories.json", "categories"),
            sections=read_records(directory, "sections.json", "sections"),
            articles=read_records(directory, "articles.json", "articles"),
            translations=(
                read_records(directory, TRANSLATIONS_FILE, "translations")
                if has_translations
                else None
            ),
        )


# Writing pages ---------------------------------------------------------------------


def _by_position(records):
    return sorted(records, key=lambda record: (record.position, int(record.id)))


class ZendeskImporter:
    def __init__(
        self, export, parent, *, download_images=False, strict=False, force=False, dry_run=False
    ):
        self.export = export
        self.parent = parent
        self.strict = strict
        self.force = force
        self.dry_run = dry_run
        self.report = ImportReport()
        # A dry run checks images can be found but stores no file it would have to forget.
        self.images = ImageResolver(export.directory, download=download_images, save=not dry_run)
        self.pages = {}  # (kind, zendesk id) -> page
        self.deferred = None  # the saved pages waiting for the indexes, during run()
        self.mappings = None  # (kind, Zendesk id) -> ImportedPage, read when first needed

    def run(self):
        # The search and reference indexes are updated in bulk every INDEX_EVERY saved
        # objects and at the end, also when the run stops with an exception.
        with deferred_indexing() as self.deferred:
            self._run()
            if self.dry_run:  # rolled back by the caller: nothing to index
                self.deferred.forget()
        self.deferred = None
        return self.report

    def _run(self):
        checker = RecordChecker(self.export, self.report)
        categories = checker.categories()
        sections = checker.sections(categories)
        articles = checker.articles(sections)
        self._warn_about_locale(articles.values())

        for record in _by_position(categories.values()):
            self._import(record, self.parent, self._write_category)
        for record in self._sections_in_tree_order(sections):
            parent = (
                self.pages.get(("section", record.parent_id))
                if record.parent_id
                else self.pages.get(("category", record.category_id))
            )
            self._import(record, parent, self._write_category)
        for record in _by_position(articles.values()):
            self._import(
                record, self.pages.get(("section", record.section_id)), self._write_article
            )
        self._import_translations()

    def _import_translations(self):
        if self.export.translations is None:
            return
        if not can_import_translations():
            self.report.warnings.append(
                Problem(
                    TRANSLATIONS_FILE,
                    "all records",
                    "translations are imported with wagtail-localize, which is not installed "
                    "(see the translation how-to); they were skipped",
                )
            )
            return
        TranslationImporter(self).run(self.export.translations)

    def _sections_in_tree_order(self, sections):
        children = {}
        for record in sections.values():
            children.setdefault(record.parent_id, []).append(record)
        # Depth first with a stack: sections can nest deeper than Python recurses.
        ordered, stack = [], _by_position(children.get(None, []))[::-1]
        while stack:
            record = stack.pop()
            ordered.append(record)
            stack.extend(_by_position(children.get(record.id, []))[::-1])
        return ordered

    def _warn_about_locale(self, articles):
        language = self.parent.locale.language_code.split("-")[0].lower()
        others = sorted(
            {
                record.locale
                for record in articles
                if record.locale and record.locale.split("-")[0].lower() != language
            }
        )
        if others:
            self.report.warnings.append(
                Problem(
                    "articles.json",
                    "all records",
                    f"articles in {', '.join(others)} were imported into the help center's "
                    f"locale ({self.parent.locale.language_code})",
                )
            )

    def _import(self, record, parent, write):
        if parent is None:
            self.report.errors.append(
                Problem(record.file, record.label, "its category or section was not imported")
            )
            return
        page = self.write_record(record, lambda mapping: write(record, parent, mapping))
        if page is not None:
            self.pages[(record.kind, record.id)] = page

    def write_record(self, record, write):
        """``write(mapping)`` in its own transaction, remembering the page made for the
        record (``ImportedPage``). Returns the page, or None: whatever the record raised
        is reported with the reason and nothing of it is kept, and the import goes on."""
        images = self.images.remembered()
        key = (record.kind, record.id)
        mapping = self._mappings().get(key)
        try:
            with transaction.atomic():
                page, outcome = write(mapping)
                remembered = self._remember(record, mapping, page)
        except Exception as error:  # one record never stops the import
            self.images.forget_all_but(images)
            self.report.errors.append(
                Problem(record.file, record.label, failure_reason(record, error))
            )
            page = None
        else:
            self._mappings()[key] = remembered
            self.report.count(outcome, record.kind)
        if self.deferred is not None:
            self.deferred.flush(when_over=INDEX_EVERY)
        return page

    def _mappings(self):
        """Every ``ImportedPage`` of this source by (record type, Zendesk id), read in one
        query and kept up to date as records are written."""
        if self.mappings is None:
            self.mappings = {
                (mapping.record_type, mapping.external_id): mapping
                for mapping in ImportedPage.objects.filter(source=SOURCE)
            }
        return self.mappings

    def _remember(self, record, mapping, page):
        values = {"page": page, "source_updated_at": source_version(record)}
        if mapping is not None:
            # One UPDATE (imported_at is auto_now: set here as save() would).
            values["imported_at"] = timezone.now()
            if ImportedPage.objects.filter(pk=mapping.pk).update(**values):
                return ImportedPage(pk=mapping.pk, **self._mapping_key(record), **values)
        return ImportedPage.objects.create(**self._mapping_key(record), **values)

    def _mapping_key(self, record):
        return {"source": SOURCE, "record_type": record.kind, "external_id": record.id}

    def is_unchanged(self, record, mapping):
        return (
            not self.force
            and mapping is not None
            and mapping.source_updated_at
            and mapping.source_updated_at == source_version(record)
        )

    # Categories and sections ---------------------------------------------------

    def _write_category(self, record, parent, mapping):
        fields = {
            "title": record.name[:TITLE_MAX_LENGTH],
            "description": plain_text(record.description),
        }
        existing = self._existing(mapping, parent, CategoryPage)
        if existing is None:
            # Added as a draft, published at once: validated once, by publish.
            page = self._new_page(CategoryPage, record, {"live": False, **fields})
            parent.add_child(instance=page)
            save_as_zendesk_says(page, draft=False)
            return page, "created"
        if not existing.moved_by_import and self.is_unchanged(record, mapping):
            return existing, "unchanged"
        page = existing.get_latest_revision_as_object()
        for name, value in fields.items():
            setattr(page, name, value)
        save_as_zendesk_says(page, draft=False)
        return page, "updated"

    def _new_page(self, model, record, fields):
        page = model(**fields)
        allow_unicode = getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)
        if not slugify(page.title, allow_unicode=allow_unicode):
            # Wagtail makes the slug from the title, and finds none in "🎉" or "???".
            page.slug = f"{record.kind}-{record.id}"
        return page

    def _existing(self, mapping, parent, model):
        """The page an earlier import made for this record, moved under ``parent`` if
        Zendesk moved the record; None when there is none (or it was deleted)."""
        if mapping is None:
            return None
        page = model.objects.filter(pk=mapping.page_id).first()
        if page is None:
            return None
        # The tree's paths say where it is: no query for its parent.
        page.moved_by_import = page.depth != parent.depth + 1 or not page.path.startswith(
            parent.path
        )
        if page.moved_by_import:
            page.move(parent, pos="last-child")
            page = model.objects.get(pk=page.pk)
            page.moved_by_import = True
        return page

    # Articles ------------------------------------------------------------------

    def _write_article(self, record, parent, mapping):
        existing = self._existing(mapping, parent, ArticlePage)
        if (
            existing is not None
            and not existing.moved_by_import
            and self.is_unchanged(record, mapping)
        ):
            return existing, "unchanged"
        body = self.article_body(record)
        if len(record.title) > TITLE_MAX_LENGTH:
            self._warn(record, f"the title was cut to {TITLE_MAX_LENGTH} characters")
        fields = {
            "title": record.title[:TITLE_MAX_LENGTH],
            "summary": self.summary_of(body),
            "body": body,
            "promoted": record.promoted,
            "audience": "internal" if record.internal else "public",
            "last_reviewed": record.updated_at.date() if record.updated_at else None,
        }
        if existing is None:
            # Added as a draft, then published (or not) as Zendesk says: validated once.
            page = self._new_page(ArticlePage, record, {"live": False, **fields})
            parent.add_child(instance=page)
            outcome = "created"
        else:
            page = existing.get_latest_revision_as_object()
            for name, value in fields.items():
                setattr(page, name, value)
            outcome = "updated"
        page.tags.set(record.labels)
        if save_as_zendesk_says(page, record.draft):
            self._keep_zendesk_dates(page, record)
        return page, outcome

    def article_body(self, record):
        try:
            converted = html_to_blocks(record.body)
        except UnreadableHTML as error:
            raise RecordError(str(error)) from None
        if converted.removed:
            removed = ", ".join(converted.removed)
            if self.strict:
                raise RecordError(f"unsafe HTML ({removed}); not imported because of --strict")
            self._warn(record, f"removed unsafe HTML: {removed}")
        blocks = []
        for block in converted.blocks:
            if block["type"] == "image":
                block = self._image_block(record, block)
                if block is None:
                    continue
            blocks.append(block)
        self._unique_anchors(blocks)
        return blocks

    def _image_block(self, record, block):
        src, alt = block["value"]["src"], block["value"]["alt"]
        try:
            image = self.images.resolve(src, alt or record.title)
        except ImageNotFound as error:
            self._warn(record, f"image not imported: {error}")
            if src.startswith(("http://", "https://")):
                link_text = alt or "Image"
                return {
                    "type": "paragraph",
                    "value": f'<p><a href="{escape(src)}">{escape(link_text)}</a></p>',
                    "id": block["id"],
                }
            return None
        if image is None:  # dry run: found, not stored
            return None
        return {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "decorative": not alt, "alt_text": alt},
                "caption": "",
            },
            "id": block["id"],
        }

    def _unique_anchors(self, blocks):
        used = set()
        for block in blocks:
            if block["type"] != "heading":
                continue
            base = anchor_for(block["value"]["text"])
            anchor, n = base, 2
            while anchor in used:
                anchor, n = f"{base}-{n}", n + 1
            if anchor != base:
                block["value"]["anchor"] = anchor
            used.add(anchor)

    def summary_of(self, blocks):
        for block in blocks:
            if block["type"] == "paragraph":
                return plain_text(block["value"], limit=SUMMARY_MAX_LENGTH)
        return ""

    def _keep_zendesk_dates(self, page, record):
        dates = {}
        if record.created_at:
            dates["first_published_at"] = record.created_at
        if record.updated_at:
            dates["last_published_at"] = record.updated_at
        if dates:
            ArticlePage.objects.filter(pk=page.pk).update(**dates)

    def _warn(self, record, message):
        self.report.warnings.append(Problem(record.file, record.label, message))


def import_zendesk(directory, parent, **options):
    """Read and import an export; returns the ImportReport. Raises ExportError."""
    export = ZendeskExport.read(directory)
    return ZendeskImporter(export, parent, **options).run()
