"""Zendesk's translations.json imported as translations of the imported pages, known to
wagtail-localize as manual translations."""

import json

import pytest
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

from tests.test_import_zendesk import imported as imported_page
from tests.test_import_zendesk import (
    run_failing_import,
    run_import,
    write_export,
)
from wagtail_helpcenter.importers import zendesk
from wagtail_helpcenter.models import ArticlePage
from wagtail_helpcenter.translation.status import (
    MISSING,
    OUTDATED,
    TRANSLATED,
    translation_statuses,
)

pytestmark = pytest.mark.django_db


def translation(id, source_id, locale, title, body="<p>Tekst.</p>", source_type="Article", **extra):
    return {
        "id": id,
        "source_id": source_id,
        "source_type": source_type,
        "locale": locale,
        "title": title,
        "body": body,
        "outdated": False,
        "draft": False,
        "updated_at": "2025-07-01T10:00:00Z",
        **extra,
    }


def standard_translations():
    return [
        translation(1000, 1, "nl", "Facturering", "Alles over betalen", source_type="Category"),
        translation(1001, 10, "nl", "Facturen", "", source_type="Section"),
        translation(
            1002, 100, "nl", "Een factuur downloaden",
            "<h2>Voordat je begint</h2><p>Open <strong>Instellingen</strong>.</p>",
        ),
        translation(1003, 100, "en-us", "Download an invoice"),  # the source itself
        translation(1004, 101, "fa", "پرداخت با کارت", "<p>متن</p>"),
    ]  # fmt: skip


@pytest.fixture
def locales(db):
    return {code: Locale.objects.create(language_code=code) for code in ("nl", "fa")}


def export_with(tmp_path, translations):
    directory = write_export(tmp_path / "export")
    (directory / "translations.json").write_text(json.dumps({"translations": translations}))
    return directory


def test_translations_become_translations_of_the_imported_pages(
    tmp_path, help_center, locales, client
):
    output = run_import(export_with(tmp_path, standard_translations()), help_center)
    assert "Translations: 4 created, 0 updated, 0 unchanged" in output
    source = imported_page("article", 100)
    dutch = source.get_translation(locales["nl"]).specific
    assert dutch.live and dutch.alias_of_id is None
    assert dutch.title == "Een factuur downloaden"
    assert [block.block_type for block in dutch.body] == ["heading", "paragraph"]
    assert dutch.summary == "Open Instellingen."
    assert dutch.get_parent().title == "Facturen"
    assert dutch.get_parent().get_parent().title == "Facturering"
    assert dutch.get_parent().get_parent().specific.description == "Alles over betalen"
    # wagtail-localize knows it, as a manual translation it will not overwrite.
    assert (
        Translation.objects.get(
            source__object_id=source.translation_key, target_locale=locales["nl"]
        ).enabled
        is False
    )
    # Visitors read it under /nl/.
    response = client.get(dutch.url)
    assert response.status_code == 200
    assert "Voordat je begint" in response.content.decode()
    persian = imported_page("article", 101).get_translation(locales["fa"])
    assert persian.title == "پرداخت با کارت"


def test_status_report_after_the_import(tmp_path, help_center, locales):
    translations = standard_translations()
    translations.append(translation(1005, 102, "nl", "Btw-nummers", outdated=True))
    run_import(export_with(tmp_path, translations), help_center)
    statuses = {
        (row.source.title, row.locale.language_code): row.status
        for row in translation_statuses(help_center)
    }
    assert statuses[("Download an invoice", "nl")] == TRANSLATED
    assert statuses[("Billing", "nl")] == TRANSLATED
    assert statuses[("VAT numbers", "nl")] == OUTDATED  # Zendesk said so
    assert statuses[("Pay by card", "nl")] == MISSING
    assert statuses[("Pay by card", "fa")] == TRANSLATED
    assert statuses[("Billing", "fa")] == MISSING  # only an untranslated copy, for the tree


def test_draft_translation_is_not_published(tmp_path, help_center, locales):
    run_import(
        export_with(tmp_path, [translation(1000, 1, "nl", "Facturering", source_type="Category"),
                               translation(1001, 10, "nl", "Facturen", source_type="Section"),
                               translation(1002, 100, "nl", "Concept", draft=True)]),
        help_center,
    )  # fmt: skip
    assert imported_page("article", 100).get_translation(locales["nl"]).live is False


def test_bad_records_are_named_and_the_rest_is_imported(tmp_path, help_center, locales):
    locales["fa"].delete()
    translations = [
        *standard_translations(),
        translation(2000, 100, "xx", "Onbekend"),
        translation(2001, 999, "nl", "Geen bron"),
        translation(2002, 100, "nl", "Raar", source_type="Forum"),
        translation(2003, 101, "nl", "   "),
        translation(2004, "abc", "nl", "Fout id"),
    ]
    message, output = run_failing_import(export_with(tmp_path, translations), help_center)
    assert "translations.json: translation 1004" in output
    assert "the site has no “fa” locale yet; add it under Settings → Locales" in output
    assert "translation 2000" in output
    assert "locale “xx” is not one of the site's languages (en, nl, fa, lv, zh-hans)" in output
    assert "translation 2001 (“Geen bron”): its article 999 was not imported" in output
    assert "“source_type” must be one of Category, Section, Article, not 'Forum'" in output
    assert "translation 2003" in output and "“title” is empty" in output
    assert "translation 2004" in output and "“source_id” must be a Zendesk id" in output
    assert "6 record(s) could not be imported" in message
    # The good ones are in.
    dutch = imported_page("article", 100).get_translation(Locale.objects.get(language_code="nl"))
    assert dutch.title == "Een factuur downloaden"


def test_broken_translations_file_stops_before_any_write(tmp_path, help_center, locales):
    directory = write_export(tmp_path / "export")
    (directory / "translations.json").write_text('{"translations": [{"id": 1,')
    message, _output = run_failing_import(directory, help_center)
    assert "translations.json: not valid JSON (line 1" in message
    assert not ArticlePage.objects.exists()


def test_reimport_updates_and_keeps_editors_changes(tmp_path, help_center, locales):
    directory = export_with(tmp_path, standard_translations())
    run_import(directory, help_center)
    dutch = imported_page("article", 100).get_translation(locales["nl"]).specific
    # An editor improves the translation in Wagtail.
    dutch.summary = "Handmatig verbeterd."
    dutch.save_revision().publish()
    output = run_import(directory, help_center)
    assert "Translations: 0 created, 0 updated, 4 unchanged" in output
    dutch.refresh_from_db()
    assert dutch.summary == "Handmatig verbeterd."
    # Zendesk changed the translation: importing it again is the editor asking for it.
    changed = standard_translations()
    changed[2] = {
        **changed[2],
        "title": "Facturen downloaden",
        "updated_at": "2025-08-01T10:00:00Z",
    }
    output = run_import(export_with(tmp_path, changed), help_center)
    assert "Translations: 0 created, 1 updated, 3 unchanged" in output
    assert Page.objects.get(pk=dutch.pk).title == "Facturen downloaden"


def test_a_synchronised_copy_becomes_the_translation(tmp_path, help_center, locales):
    run_import(write_export(tmp_path / "first"), help_center)
    source = imported_page("article", 100)
    # wagtail-localize's "synchronise from English" had made untranslated copies.
    for page in (
        Page.objects.descendant_of(help_center.get_parent(), inclusive=True)
        .filter(locale__language_code="en", depth__lte=source.depth)
        .order_by("depth")
    ):
        if page.get_translation_or_none(locales["nl"]) is None and page.depth > 1:
            page.copy_for_translation(locales["nl"], alias=True, copy_parents=True)
    copy_pk = source.get_translation(locales["nl"]).pk
    run_import(export_with(tmp_path, standard_translations()), help_center)
    translated = source.get_translation(locales["nl"])
    assert translated.pk == copy_pk
    assert translated.alias_of_id is None
    assert translated.title == "Een factuur downloaden"


def test_without_wagtail_localize_translations_are_reported_and_skipped(
    tmp_path, help_center, locales, monkeypatch
):
    # Removing an installed app in the middle of a run reloads the URLconf, which
    # django-ninja (a Wagtail dependency) refuses: the "is it installed" check is replaced.
    monkeypatch.setattr(zendesk, "can_import_translations", lambda: False)
    output = run_import(export_with(tmp_path, standard_translations()), help_center)
    assert "translations.json: all records: translations are imported with wagtail-localize" in (
        output
    )
    assert not Page.objects.filter(locale=locales["nl"]).exists()


def test_chinese_locales_by_script(tmp_path, help_center, locales, chinese):
    """Zendesk's "zh-cn" is the site's Simplified Chinese; its "zh-tw" (Traditional) is
    not, though Wagtail's lookup would fall back to it from any "zh-..."."""
    translations = [
        translation(1005, 100, "zh-cn", "下载发票", "<p>打开设置。</p>"),
        translation(1006, 101, "zh-tw", "用信用卡付款", "<p>打開設定。</p>"),
    ]
    message, output = run_failing_import(export_with(tmp_path, translations), help_center)
    assert "translation 1006" in output
    assert "locale “zh-tw” is not one of the site's languages" in output
    assert "1 record(s) could not be imported" in message
    simplified = imported_page("article", 100).get_translation(chinese)
    assert simplified.title == "下载发票"
    assert imported_page("article", 101).get_translation_or_none(chinese) is None
