"""Import a Zendesk Help Center export (the JSON its API returns) as help center pages.

The export folder holds ``categories.json``, ``sections.json``, ``articles.json`` and,
optionally, ``translations.json`` and an ``attachments/`` folder of images. Zendesk
categories and sections become CategoryPages, articles become ArticlePages.

Reading is all or nothing per file (a missing file or broken JSON stops the import
before anything is written). Records are checked one by one: a bad record is reported
with its file and id and skipped with whatever depends on it, and each record is written
in its own transaction, so nothing half-imported is ever left behind. Every record's
page is remembered in ``ImportedPage``, so running the same import again updates pages
instead of adding new ones.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.dateparse import parse_datetime
from django.utils.html import escape

from ..blocks import anchor_for
from ..listing import is_whole_number
from ..models import ArticlePage, CategoryPage, ImportedPage
from .html import html_to_blocks, plain_text
from .images import ImageNotFound, ImageResolver

SOURCE = "zendesk"
TRANSLATIONS_FILE = "translations.json"
TITLE_MAX_LENGTH = 255
SUMMARY_MAX_LENGTH = 300
TAG_MAX_LENGTH = 100


class ExportError(Exception):
    """The export cannot be read at all; the message names the file."""


class RecordError(Exception):
    """One record cannot be imported; the message says why."""


@dataclass
class Problem:
    file: str
    record: str
    message: str

    def __str__(self):
        return f"{self.file}: {self.record}: {self.message}"


@dataclass
class ImportReport:
    created: dict = field(default_factory=lambda: {"category": 0, "section": 0, "article": 0})
    updated: dict = field(default_factory=lambda: {"category": 0, "section": 0, "article": 0})
    unchanged: dict = field(default_factory=lambda: {"category": 0, "section": 0, "article": 0})
    warnings: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    def count(self, outcome, kind):
        getattr(self, outcome)[kind] += 1


@dataclass
class Record:
    kind: str  # category, section or article
    file: str
    id: str
    data: dict

    @property
    def label(self):
        name = self.data.get("title") or self.data.get("name")
        return f"{self.kind} {self.id}" + (f" (“{str(name)[:60]}”)" if name else "")


# Reading the export ----------------------------------------------------------------


def read_json(path):
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ExportError(f"{path}: file not found") from None
    except UnicodeDecodeError as error:
        raise ExportError(f"{path}: not UTF-8 text ({error.reason})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ExportError(
            f"{path}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None


def read_records(directory, file_name, key):
    data = read_json(directory / file_name)
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise ExportError(f"{directory / file_name}: expected an object with a list under “{key}”")
    return data[key]


@dataclass
class ZendeskExport:
    directory: Path
    categories: list
    sections: list
    articles: list
    has_translations: bool

    @classmethod
    def read(cls, directory):
        directory = Path(directory)
        if not directory.is_dir():
            raise ExportError(f"{directory}: no such folder")
        return cls(
            directory=directory,
            categories=read_records(directory, "categories.json", "categories"),
            sections=read_records(directory, "sections.json", "sections"),
            articles=read_records(directory, "articles.json", "articles"),
            has_translations=(directory / TRANSLATIONS_FILE).exists(),
        )


# Checking records ------------------------------------------------------------------


def _record_id(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and value >= 0:
        return str(value)
    if isinstance(value, str) and is_whole_number(value.strip()):
        return value.strip()
    return None


def _text(data, key, required=False, default=""):
    value = data.get(key)
    if value is None:
        if required:
            raise RecordError(f"“{key}” is missing")
        return default
    if not isinstance(value, str):
        raise RecordError(f"“{key}” must be text, not {type(value).__name__}")
    if required and not value.strip():
        raise RecordError(f"“{key}” is empty")
    return value


def _boolean(data, key):
    value = data.get(key, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise RecordError(f"“{key}” must be true or false, not {value!r}")
    return value


def _position(data):
    value = data.get("position", 0)
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int):
        raise RecordError(f"“position” must be a whole number, not {value!r}")
    return value


def _timestamp(data, key):
    value = data.get(key)
    if value is None:
        return None
    parsed = parse_datetime(value) if isinstance(value, str) else None
    if parsed is None:
        raise RecordError(f"“{key}” must be an ISO 8601 date and time, not {value!r}")
    return parsed


def _labels(data):
    value = data.get("label_names", [])
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(label, str) for label in value):
        raise RecordError("“label_names” must be a list of text labels")
    return [label.strip()[:TAG_MAX_LENGTH] for label in value if label.strip()]


def _reference(data, key, known, what, required=True):
    value = data.get(key)
    if value is None and not required:
        return None
    reference = _record_id(value)
    if reference is None:
        raise RecordError(f"“{key}” must be a {what} id, not {value!r}")
    if reference not in known:
        raise RecordError(f"{key} {reference} is not a {what} that can be imported")
    return reference


class RecordChecker:
    """Turns raw records into checked ones, reporting the rest as errors."""

    def __init__(self, export, report):
        self.export = export
        self.report = report

    def fail(self, record, message):
        self.report.errors.append(Problem(record.file, record.label, message))

    def records(self, raw_records, file_name, kind):
        seen = set()
        for index, data in enumerate(raw_records):
            if not isinstance(data, dict):
                self.report.errors.append(
                    Problem(file_name, f"{kind} #{index + 1}", "must be an object")
                )
                continue
            record_id = _record_id(data.get("id"))
            record = Record(kind, file_name, record_id or f"#{index + 1}", data)
            if record_id is None:
                self.fail(record, f"“id” must be a Zendesk id, not {data.get('id')!r}")
            elif record_id in seen:
                self.fail(record, "the same id appears twice in this file")
            else:
                seen.add(record_id)
                yield record

    def categories(self):
        checked = {}
        for record in self.records(self.export.categories, "categories.json", "category"):
            try:
                record.name = _text(record.data, "name", required=True)
                record.description = _text(record.data, "description")
                record.position = _position(record.data)
            except RecordError as error:
                self.fail(record, str(error))
                continue
            checked[record.id] = record
        return checked

    def sections(self, categories):
        candidates = {}
        for record in self.records(self.export.sections, "sections.json", "section"):
            try:
                record.name = _text(record.data, "name", required=True)
                record.description = _text(record.data, "description")
                record.position = _position(record.data)
                record.category_id = _reference(record.data, "category_id", categories, "category")
                parent = record.data.get("parent_section_id")
                record.parent_id = None if parent is None else _record_id(parent)
                if parent is not None and record.parent_id is None:
                    raise RecordError(f"“parent_section_id” must be a section id, not {parent!r}")
            except RecordError as error:
                self.fail(record, str(error))
                continue
            candidates[record.id] = record
        return self._sections_parents_first(candidates)

    def _sections_parents_first(self, candidates):
        """Sections ordered so that a parent comes before its children; a section whose
        parent is missing or that sits in a cycle is reported and left out."""
        ordered, placed = {}, set()
        remaining = dict(candidates)
        while remaining:
            ready = [
                record
                for record in remaining.values()
                if record.parent_id is None or record.parent_id in placed
            ]
            if not ready:
                break
            for record in ready:
                ordered[record.id] = record
                placed.add(record.id)
                del remaining[record.id]
        for record in remaining.values():
            if record.parent_id not in candidates:
                self.fail(
                    record,
                    f"parent_section_id {record.parent_id} is not a section that can be imported",
                )
            else:
                self.fail(record, "its parent sections form a loop")
        return ordered

    def articles(self, sections):
        checked = {}
        for record in self.records(self.export.articles, "articles.json", "article"):
            try:
                record.title = _text(record.data, "title", required=True).strip()
                record.body = _text(record.data, "body")
                record.section_id = _reference(record.data, "section_id", sections, "section")
                record.labels = _labels(record.data)
                record.draft = _boolean(record.data, "draft")
                record.promoted = _boolean(record.data, "promoted")
                record.position = _position(record.data)
                record.internal = record.data.get("user_segment_id") is not None
                record.created_at = _timestamp(record.data, "created_at")
                record.updated_at = _timestamp(record.data, "updated_at")
                record.locale = _text(record.data, "locale")
            except RecordError as error:
                self.fail(record, str(error))
                continue
            checked[record.id] = record
        return checked


# Writing pages ---------------------------------------------------------------------


def _by_position(records):
    return sorted(records, key=lambda record: (record.position, int(record.id)))


def _source_version(record):
    updated_at = record.data.get("updated_at")
    return updated_at if isinstance(updated_at, str) else ""


class ZendeskImporter:
    def __init__(
        self, export, parent, *, download_images=False, strict=False, force=False, dry_run=False
    ):
        self.export = export
        self.parent = parent
        self.strict = strict
        self.force = force
        self.report = ImportReport()
        # A dry run checks images can be found but stores no file it would have to forget.
        self.images = ImageResolver(export.directory, download=download_images, save=not dry_run)
        self.pages = {}  # (kind, zendesk id) -> page

    def run(self):
        checker = RecordChecker(self.export, self.report)
        categories = checker.categories()
        sections = checker.sections(categories)
        articles = checker.articles(sections)
        if self.export.has_translations:
            self.report.warnings.append(
                Problem(
                    TRANSLATIONS_FILE,
                    "all records",
                    "translations are imported by the translation feature "
                    "(wagtail-localize), which is not set up; they were skipped",
                )
            )
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
        return self.report

    def _sections_in_tree_order(self, sections):
        children = {}
        for record in sections.values():
            children.setdefault(record.parent_id, []).append(record)
        ordered = []

        def walk(parent_id):
            for record in _by_position(children.get(parent_id, [])):
                ordered.append(record)
                walk(record.id)

        walk(None)
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
        mapping = ImportedPage.objects.filter(
            source=SOURCE, record_type=record.kind, external_id=record.id
        ).first()
        try:
            with transaction.atomic():
                page, outcome = write(record, parent, mapping)
                ImportedPage.objects.update_or_create(
                    source=SOURCE,
                    record_type=record.kind,
                    external_id=record.id,
                    defaults={"page": page, "source_updated_at": _source_version(record)},
                )
        except RecordError as error:
            self.report.errors.append(Problem(record.file, record.label, str(error)))
            return
        self.pages[(record.kind, record.id)] = page
        self.report.count(outcome, record.kind)

    def _unchanged(self, record, mapping):
        return (
            not self.force
            and mapping.source_updated_at
            and mapping.source_updated_at == _source_version(record)
        )

    # Categories and sections ---------------------------------------------------

    def _write_category(self, record, parent, mapping):
        fields = {
            "title": record.name[:TITLE_MAX_LENGTH],
            "description": plain_text(record.description),
        }
        existing = self._existing(mapping, parent, CategoryPage)
        if existing is None:
            page = CategoryPage(**fields)
            parent.add_child(instance=page)
            page.save_revision().publish()
            return page, "created"
        if not existing.moved_by_import and self._unchanged(record, mapping):
            return existing, "unchanged"
        page = existing.get_latest_revision_as_object()
        for name, value in fields.items():
            setattr(page, name, value)
        page.save_revision().publish()
        return page, "updated"

    def _existing(self, mapping, parent, model):
        """The page an earlier import made for this record, moved under ``parent`` if
        Zendesk moved the record; None when there is none (or it was deleted)."""
        if mapping is None:
            return None
        page = model.objects.filter(pk=mapping.page_id).first()
        if page is None:
            return None
        page.moved_by_import = page.get_parent().pk != parent.pk
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
            and self._unchanged(record, mapping)
        ):
            return existing, "unchanged"
        body = self._article_body(record)
        if len(record.title) > TITLE_MAX_LENGTH:
            self._warn(record, f"the title was cut to {TITLE_MAX_LENGTH} characters")
        fields = {
            "title": record.title[:TITLE_MAX_LENGTH],
            "summary": self._summary(body),
            "body": body,
            "promoted": record.promoted,
            "audience": "internal" if record.internal else "public",
            "last_reviewed": record.updated_at.date() if record.updated_at else None,
        }
        if existing is None:
            page = ArticlePage(live=not record.draft, **fields)
            parent.add_child(instance=page)
            outcome = "created"
        else:
            page = existing.get_latest_revision_as_object()
            for name, value in fields.items():
                setattr(page, name, value)
            outcome = "updated"
        page.tags.set(record.labels)
        revision = page.save_revision()
        if record.draft:
            if page.live:
                page.unpublish()
        else:
            revision.publish()
            self._keep_zendesk_dates(page, record)
        return page, outcome

    def _article_body(self, record):
        converted = html_to_blocks(record.body)
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

    def _summary(self, blocks):
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
