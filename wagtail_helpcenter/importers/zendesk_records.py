"""The records of a Zendesk Help Center export: reading its JSON files and checking
each record, with errors that name the file and the record (shared by the import of
pages and of translations)."""

import json
from dataclasses import dataclass, field

from django.utils.dateparse import parse_datetime

from ..cleaning import without_control_characters
from ..ids import is_whole_number

TAG_MAX_LENGTH = 100
TITLE_MAX_LENGTH = 255


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


def _zero_counts():
    return {"category": 0, "section": 0, "article": 0, "translation": 0}


@dataclass
class ImportReport:
    created: dict = field(default_factory=_zero_counts)
    updated: dict = field(default_factory=_zero_counts)
    unchanged: dict = field(default_factory=_zero_counts)
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


# Checking records ------------------------------------------------------------------


def parse_id(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and value >= 0:
        return str(value)
    if isinstance(value, str) and is_whole_number(value.strip()):
        return value.strip()
    return None


def text_value(data, key, required=False, default=""):
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


def boolean_value(data, key):
    value = data.get(key, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise RecordError(f"“{key}” must be true or false, not {value!r}")
    return value


def position_value(data):
    value = data.get("position", 0)
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int):
        raise RecordError(f"“position” must be a whole number, not {value!r}")
    return value


def timestamp_value(data, key):
    value = data.get(key)
    if value is None:
        return None
    parsed = parse_datetime(value) if isinstance(value, str) else None
    if parsed is None:
        raise RecordError(f"“{key}” must be an ISO 8601 date and time, not {value!r}")
    return parsed


def labels_value(data):
    value = data.get("label_names", [])
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(label, str) for label in value):
        raise RecordError("“label_names” must be a list of text labels")
    return [label.strip()[:TAG_MAX_LENGTH] for label in value if label.strip()]


def reference_value(data, key, known, what, required=True):
    value = data.get(key)
    if value is None and not required:
        return None
    reference = parse_id(value)
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
        """The records of a file, each with control characters taken out of its text (the
        one place every record passes), checked for an id of its own."""
        seen = set()
        for index, data in enumerate(raw_records):
            if not isinstance(data, dict):
                self.report.errors.append(
                    Problem(file_name, f"{kind} #{index + 1}", "must be an object")
                )
                continue
            clean_strings(data)
            record_id = parse_id(data.get("id"))
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
                record.name = text_value(record.data, "name", required=True)
                record.description = text_value(record.data, "description")
                record.position = position_value(record.data)
            except RecordError as error:
                self.fail(record, str(error))
                continue
            checked[record.id] = record
        return checked

    def sections(self, categories):
        candidates = {}
        for record in self.records(self.export.sections, "sections.json", "section"):
            try:
                record.name = text_value(record.data, "name", required=True)
                record.description = text_value(record.data, "description")
                record.position = position_value(record.data)
                record.category_id = reference_value(
                    record.data, "category_id", categories, "category"
                )
                parent = record.data.get("parent_section_id")
                record.parent_id = None if parent is None else parse_id(parent)
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
                record.title = text_value(record.data, "title", required=True).strip()
                record.body = text_value(record.data, "body")
                record.section_id = reference_value(record.data, "section_id", sections, "section")
                record.labels = labels_value(record.data)
                record.draft = boolean_value(record.data, "draft")
                record.promoted = boolean_value(record.data, "promoted")
                record.position = position_value(record.data)
                record.internal = record.data.get("user_segment_id") is not None
                record.created_at = timestamp_value(record.data, "created_at")
                record.updated_at = timestamp_value(record.data, "updated_at")
                record.locale = text_value(record.data, "locale")
            except RecordError as error:
                self.fail(record, str(error))
                continue
            checked[record.id] = record
        return checked


def clean_strings(data):
    """Every string in ``data`` (a decoded JSON object) without control characters, in
    place: titles, bodies, labels, names and descriptions all come from here, and a NUL
    or a lone surrogate breaks PostgreSQL, nh3 and the XML feeds. A loop, not recursion:
    JSON can nest deeper than Python recurses."""
    containers = [data]
    while containers:
        container = containers.pop()
        items = container.items() if isinstance(container, dict) else enumerate(container)
        for key, value in list(items):
            if isinstance(value, str):
                container[key] = without_control_characters(value)
            elif isinstance(value, dict | list):
                containers.append(value)


def source_version(record):
    """Zendesk's updated_at as given: a re-import skips records whose value is unchanged."""
    updated_at = record.data.get("updated_at")
    return updated_at if isinstance(updated_at, str) else ""


def save_as_zendesk_says(page, draft):
    """A new revision of ``page``: published, or for a Zendesk draft kept unpublished
    (and taken offline if it was live). True when it was published."""
    revision = page.save_revision()
    if draft:
        if page.live:
            page.unpublish()
        return False
    revision.publish()
    return True
