"""Which help center pages are translated, outdated or missing in each language.

The source is the help center in the site's default language. For every page in it and
every other locale:

- **missing**: no live translation (none at all, only a draft, or only the untranslated
  copy that wagtail-localize's "synchronise from" keeps in the tree, an alias);
- **outdated**: a live translation exists, but the source was published after it (the
  source changed since the translation was last synced), or wagtail-localize still has
  strings of the source waiting for a translation in that language;
- **translated**: otherwise.

Timestamps decide for manual translations as well as for wagtail-localize's, so both
are reported the same way. A fixed number of queries, whatever the number of pages.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from ..models import ArticlePage, CategoryPage, FAQPage, HelpCenterPage

TRANSLATED, OUTDATED, MISSING = "translated", "outdated", "missing"
STATUS_LABELS = {
    TRANSLATED: _("Translated"),
    OUTDATED: _("Outdated"),
    MISSING: _("Missing"),
}
HELP_CENTER_MODELS = (HelpCenterPage, CategoryPage, ArticlePage, FAQPage)


@dataclass
class TranslationStatus:
    source: Page
    locale: Locale
    status: str
    translation: Page | None = None  # the live translation, or a draft / copy in progress
    translation_source_id: int | None = None  # wagtail-localize's TranslationSource
    managed: bool = False  # wagtail-localize fills it from the source's strings
    note: str = ""

    @property
    def title(self):
        return self.source.title

    @property
    def language(self):
        return self.locale.get_display_name()

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def page_type(self):
        return self.source.specific_class._meta.verbose_name


def source_pages(help_center):
    """The help center and its pages of help center types, in tree order."""
    return list(
        Page.objects.descendant_of(help_center, inclusive=True)
        .type(*HELP_CENTER_MODELS)
        .filter(alias_of__isnull=True, locale_id=help_center.locale_id)
        .select_related("content_type")
        .order_by("path")
    )


def _waiting_for_strings(translation_source_ids, locale):
    """Ids of wagtail-localize sources with strings not yet translated into ``locale``."""
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale=locale,
        has_error=False,
    )
    return set(
        StringSegment.objects.filter(source_id__in=translation_source_ids)
        .exclude(Exists(translated))
        .values_list("source_id", flat=True)
        .distinct()
    )


def translation_statuses(help_center, locales=None):
    """``[TranslationStatus]`` for every page of ``help_center`` (in its own language)
    and every other locale (or those given), page by page."""
    sources = source_pages(help_center)
    if locales is None:
        locales = list(Locale.objects.exclude(pk=help_center.locale_id).order_by("language_code"))
    if not sources or not locales:
        return []
    keys = [page.translation_key for page in sources]
    copies = {}
    for copy in Page.objects.filter(
        translation_key__in=keys, locale__in=locales
    ).defer_streamfields():
        copies[(copy.translation_key, copy.locale_id)] = copy
    managed = {
        (translation.source.object_id, translation.target_locale_id): translation
        for translation in Translation.objects.filter(
            source__object_id__in=keys,
            source__locale_id=help_center.locale_id,
            target_locale__in=locales,
        ).select_related("source")
    }
    waiting = {
        locale.pk: _waiting_for_strings(
            [
                translation.source_id
                for translation in managed.values()
                if translation.target_locale_id == locale.pk and translation.enabled
            ],
            locale,
        )
        for locale in locales
    }
    return [
        _status(source, locale, copies, managed, waiting)
        for source in sources
        for locale in locales
    ]


def _status(source, locale, copies, managed, waiting):
    copy = copies.get((source.translation_key, locale.pk))
    translation = managed.get((source.translation_key, locale.pk))
    row = TranslationStatus(source, locale, MISSING, copy)
    if translation is not None:
        row.translation_source_id, row.managed = translation.source_id, translation.enabled
    if copy is None:
        return row
    if copy.alias_of_id:
        row.note = _("untranslated copy")
        return row
    if not copy.live:
        row.note = _("draft")
        return row
    source_changed = (
        source.last_published_at is not None
        and copy.last_published_at is not None
        and source.last_published_at > copy.last_published_at
    )
    strings_waiting = row.managed and row.translation_source_id in waiting[locale.pk]
    if source_changed:
        row.status, row.note = OUTDATED, _("the source changed after it")
    elif strings_waiting:
        row.status, row.note = OUTDATED, _("strings waiting for a translation")
    else:
        row.status = TRANSLATED
    return row


def counts_by_locale(statuses):
    """``{locale: {status: count}}`` in the statuses' locale order."""
    counts = {}
    for row in statuses:
        per_locale = counts.setdefault(row.locale, {TRANSLATED: 0, OUTDATED: 0, MISSING: 0})
        per_locale[row.status] += 1
    return counts
