"""The records of a Zendesk Help Center export: reading its JSON files and checking
each record, with errors that name the file and the record (shared by the import of
pages and of translations)."""

import hashlib
import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_datetime

from ..cleaning import without_control_characters
from ..ids import is_whole_number
from ..models import ImportedPage

logger = logging.getLogger(__name__)

TAG_MAX_LENGTH = 100
TITLE_MAX_LENGTH = 255
# A record's id and updated_at are kept in ImportedPage: an id must fit its column.
ID_MAX_LENGTH = ImportedPage._meta.get_field("external_id").max_length
SOURCE_VERSION_MAX_LENGTH = ImportedPage._meta.get_field("source_updated_at").max_length
# Zendesk has no dates outside these; the range keeps every date convertible to UTC on
# every database (year 1 at +14:00 is before the first UTC datetime Python has).
EARLIEST_DATE = datetime(1970, 1, 1, tzinfo=UTC)
LATEST_DATE = datetime(9999, 1, 1, tzinfo=UTC)


class ExportError(Exception):
    """The export cannot be read at all; the message names the file."""


class RecordError(Exception):
    """One record cannot be imported; the message says why."""


def failure_reason(record, error):
    """What the report says about ``error``, raised while checking or writing ``record``.

    A RecordError carries its reason. Anything else is a limit nobody foresaw or a bug:
    the report names it, the log keeps the traceback, and the import goes on with the next
    record, so one record can never stop the run."""
    if isinstance(error, RecordError):
        return str(error)
    if isinstance(error, ValidationError):
        return f"Wagtail refused it: {' '.join(error.messages)}"
    logger.error("Zendesk import: %s failed", record.label, exc_info=error)
    return f"it could not be imported ({type(error).__name__}: {str(error)[:200]})"


def shown(value):
    """``value`` for a message: its repr, cut short (an export's values can be huge)."""
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


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
    except RecursionError:
        raise ExportError(f"{path}: nested too deeply to be read") from None
    except ValueError as error:  # a number of more than 4,300 digits
        raise ExportError(f"{path}: cannot be read ({str(error)[:100]})") from None


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
        value = str(value)
    if isinstance(value, str) and is_whole_number(value.strip()):
        value = value.strip()
        return value if len(value) <= ID_MAX_LENGTH else None
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
        raise RecordError(f"“{key}” must be true or false, not {shown(value)}")
    return value


def position_value(data):
    value = data.get("position", 0)
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int):
        raise RecordError(f"“position” must be a whole number, not {shown(value)}")
    return value


def timestamp_value(data, key):
    value = data.get(key)
    if value is None:
        return None
    try:
        parsed = parse_datetime(value) if isinstance(value, str) else None
    except ValueError:  # well formed but no date, such as February 30
        parsed = None
    if parsed is None:
        raise RecordError(f"“{key}” must be an ISO 8601 date and time, not {shown(value)}")
    if not EARLIEST_DATE <= parsed.replace(tzinfo=parsed.tzinfo or UTC) < LATEST_DATE:
        raise RecordError(
            f"“{key}” must be a date from {EARLIEST_DATE.year} to {LATEST_DATE.year - 1}, "
            f"not {shown(value)}"
        )
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
        raise RecordError(f"“{key}” must be a {what} id, not {shown(value)}")
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
                self.fail(record, f"“id” must be a Zendesk id, not {shown(data.get('id'))}")
            elif record_id in seen:
                self.fail(record, "the same id appears twice in this file")
            else:
                seen.add(record_id)
                yield record

    def checked(self, records, check):
        """The records ``check(record)`` accepts; the others are reported and left out."""
        for record in records:
            try:
                check(record)
            except Exception as error:  # one record never stops the import
                self.fail(record, failure_reason(record, error))
                continue
            yield record

    def categories(self):
        records = self.records(self.export.categories, "categories.json", "category")
        return {record.id: record for record in self.checked(records, self._check_category)}

    def _check_category(self, record):
        record.name = text_value(record.data, "name", required=True)
        record.description = text_value(record.data, "description")
        record.position = position_value(record.data)

    def sections(self, categories):
        def check(record):
            self._check_category(record)
            record.category_id = reference_value(record.data, "category_id", categories, "category")
            parent = record.data.get("parent_section_id")
            record.parent_id = None if parent is None else parse_id(parent)
            if parent is not None and record.parent_id is None:
                raise RecordError(f"“parent_section_id” must be a section id, not {shown(parent)}")

        records = self.records(self.export.sections, "sections.json", "section")
        candidates = {record.id: record for record in self.checked(records, check)}
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
        def check(record):
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

        records = self.records(self.export.articles, "articles.json", "article")
        return {record.id: record for record in self.checked(records, check)}


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
    if not isinstance(updated_at, str):
        return ""
    if len(updated_at) > SOURCE_VERSION_MAX_LENGTH:
        # Only ever compared for equality: a digest of it fits the column.
        digest = hashlib.sha1(updated_at.encode(), usedforsecurity=False).hexdigest()
        return digest[:SOURCE_VERSION_MAX_LENGTH]
    return updated_at


def save_as_zendesk_says(page, draft):
    """A new revision of ``page``: published, or for a Zendesk draft kept unpublished
    (and taken offline if it was live). True when it was published.

    Publishing validates the page (Wagtail's ``full_clean`` of a live page), so the
    revision is validated here only when nothing else will: a draft, or a page that an
    editor scheduled to go live later (published then without validation)."""
    revision = page.save_revision(clean=draft or page.go_live_at is not None)
    if draft:
        if page.live:
            page.unpublish()
        return False
    revision.publish()
    return True
