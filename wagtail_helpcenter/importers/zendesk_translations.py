"""Zendesk's ``translations.json``: translations of the categories, sections and articles
that the same import brought in, imported as translations of their pages.

Each record names its source (``source_type`` Category, Section or Article, and
``source_id``) and its ``locale``. The translated page is the source page's translation
in that locale (made with Wagtail's ``copy_for_translation``, so it shares the source's
translation key; parents without a translation become untranslated copies, as
wagtail-localize makes them), filled with the translated title and body and published
unless the record is a draft.

wagtail-localize is told about it as a *manual* translation (a disabled ``Translation``):
editors keep editing it in Wagtail's editor, and wagtail-localize never overwrites it
from the source strings unless an editor restarts the translation. Zendesk's
``outdated`` flag is kept: the translation counts as published before its source, which
is what "outdated" means in the translation status report.
"""

from datetime import timedelta

from django.apps import apps
from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from .html import plain_text
from .zendesk_records import (
    TITLE_MAX_LENGTH,
    RecordChecker,
    RecordError,
    boolean_value,
    parse_id,
    save_as_zendesk_says,
    shown,
    text_value,
    timestamp_value,
)

TRANSLATIONS_FILE = "translations.json"
SOURCE_TYPES = {"Category": "category", "Section": "section", "Article": "article"}


def can_import_translations():
    return apps.is_installed("wagtail_localize")


# Zendesk's Chinese locales by script: Wagtail's lookup falls back from any "zh-..." to
# the site's one Chinese, which would file Traditional Chinese text as Simplified.
CHINESE_SCRIPTS = {
    "zh-cn": "hans", "zh-sg": "hans", "zh-hans": "hans",
    "zh-tw": "hant", "zh-hk": "hant", "zh-mo": "hant", "zh-hant": "hant",
}  # fmt: skip


def _chinese_script(code):
    return CHINESE_SCRIPTS.get(code) or CHINESE_SCRIPTS.get(code[:7])


def content_language(code):
    """The site's content language for a Zendesk locale ("en-us" -> "en", "zh-cn" ->
    "zh-hans"); never a Chinese of the other script ("zh-tw" is not "zh-hans")."""
    wanted = code.strip().lower()
    try:
        found = get_supported_content_language_variant(wanted)
    except LookupError:
        found = None
    scripts = (_chinese_script(wanted), _chinese_script(found or ""))
    if found is None or (None not in scripts and scripts[0] != scripts[1]):
        configured = ", ".join(code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES)
        raise RecordError(
            f"locale “{code}” is not one of the site's languages ({configured}); "
            "add it to WAGTAIL_CONTENT_LANGUAGES to import it"
        )
    return found


class TranslationImporter:
    """Imports the translation records for a ZendeskImporter that has imported the
    pages (its ``pages`` maps (kind, Zendesk id) to the page made for it)."""

    def __init__(self, importer):
        self.importer = importer
        self.report = importer.report
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}

    def run(self, raw_records):
        checker = RecordChecker(self.importer.export, self.report)
        records = checker.records(raw_records, TRANSLATIONS_FILE, "translation")
        checked = list(checker.checked(records, self._check))
        # Parents before children: in the order their source pages were imported.
        import_order = {key: position for position, key in enumerate(self.importer.pages)}
        for record in sorted(checked, key=lambda record: import_order[record.source_key]):
            self._import(record)

    def _check(self, record):
        source_type = record.data.get("source_type")
        if not isinstance(source_type, str) or source_type not in SOURCE_TYPES:
            raise RecordError(
                f"“source_type” must be one of {', '.join(SOURCE_TYPES)}, not {shown(source_type)}"
            )
        kind = SOURCE_TYPES[source_type]
        source_id = parse_id(record.data.get("source_id"))
        if source_id is None:
            raise RecordError(
                f"“source_id” must be a Zendesk id, not {shown(record.data.get('source_id'))}"
            )
        record.source_kind, record.source_key = kind, (kind, source_id)
        record.source_page = self.importer.pages.get(record.source_key)
        if record.source_page is None:
            raise RecordError(f"its {kind} {source_id} was not imported")
        language = content_language(text_value(record.data, "locale", required=True))
        record.locale = self.locales.get(language)
        if record.locale is None:
            raise RecordError(
                f"the site has no “{language}” locale yet; add it under Settings → Locales "
                "and import again"
            )
        record.title = text_value(record.data, "title", required=True).strip()
        record.body = text_value(record.data, "body")
        record.draft = boolean_value(record.data, "draft")
        record.outdated = boolean_value(record.data, "outdated")
        record.updated_at = timestamp_value(record.data, "updated_at")

    def _import(self, record):
        if record.locale.pk == record.source_page.locale_id:
            return  # Zendesk lists the source language among an article's translations
        self.importer.write_record(record, lambda mapping: self._write(record, mapping))

    def _write(self, record, mapping):
        source = record.source_page
        existing = source.get_translation_or_none(record.locale)
        if existing is not None and existing.alias_of_id is None:
            if self.importer.is_unchanged(record, mapping):
                return existing, "unchanged"
            page = existing.specific.get_latest_revision_as_object()
            outcome = "updated"
        elif existing is not None:  # an untranslated copy becomes the translation
            page = existing.specific
            page.alias_of = None
            outcome = "created"
        else:
            page = source.copy_for_translation(record.locale, copy_parents=True).specific
            outcome = "created"
        page.title = record.title[:TITLE_MAX_LENGTH]
        if record.source_kind == "article":
            page.body = self.importer.article_body(record)
            page.summary = self.importer.summary_of(page.body.raw_data)
        else:
            page.description = plain_text(record.body)
        if save_as_zendesk_says(page, record.draft):
            self._keep_dates(page, record)
        register_manual_translation(source, record.locale)
        return page, outcome

    def _keep_dates(self, page, record):
        # Articles keep Zendesk's dates (their sources do too), so the status report
        # compares what Zendesk compared; categories and sections are dated by the import.
        published_at = record.updated_at if record.source_kind == "article" else None
        source_published_at = (
            type(record.source_page)
            .objects.filter(pk=record.source_page.pk)
            .values_list("last_published_at", flat=True)
            .first()
        )
        if record.outdated and source_published_at is not None:
            # Zendesk says the source changed after this translation.
            published_at = min(
                published_at or source_published_at, source_published_at - timedelta(seconds=1)
            )
        if published_at is not None:
            type(page).objects.filter(pk=page.pk).update(last_published_at=published_at)


def register_manual_translation(source_page, locale):
    """Tell wagtail-localize that ``source_page`` has a manual translation into
    ``locale``: listed as a translation, never overwritten from the source strings."""
    from wagtail_localize.models import Translation, TranslationSource

    translation_source, _created = TranslationSource.get_or_create_from_instance(source_page)
    Translation.objects.update_or_create(
        source=translation_source, target_locale=locale, defaults={"enabled": False}
    )
