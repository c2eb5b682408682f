"""The app's own translations (wagtail_helpcenter/locale): every visitor language has a
catalog that translates the same texts as the Dutch one, keeps their placeholders and
markup, has its language's plural forms, and a compiled .mo that matches the .po."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation import to_locale

import wagtail_helpcenter

LOCALE_DIR = Path(wagtail_helpcenter.__file__).resolve().parent / "locale"
VISITOR_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# gettext's plural rules, as Django's own catalogs for these languages have them.
PLURAL_FORMS = {
    "nl": "nplurals=2; plural=(n != 1);",
    "fa": "nplurals=2; plural=(n > 1);",
    "lv": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);",
    "zh_Hans": "nplurals=1; plural=0;",
}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}|<[^>]+>")

pytestmark = pytest.mark.any_database  # the .po and .mo files


def catalog(code):
    return polib.pofile(str(LOCALE_DIR / to_locale(code) / "LC_MESSAGES" / "django.po"))


def key(entry):
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def translated_keys(po):
    return {key(entry) for entry in po.translated_entries()}


def test_every_visitor_language_of_the_test_site_has_a_catalog():
    assert {to_locale(code) for code in VISITOR_LANGUAGES} == set(PLURAL_FORMS)
    assert {path.name for path in LOCALE_DIR.iterdir() if path.is_dir()} == set(PLURAL_FORMS)


@pytest.mark.parametrize("code", VISITOR_LANGUAGES)
def test_the_same_texts_are_translated_as_in_dutch(code):
    po = catalog(code)
    # Fuzzy guesses (msgmerge's, for admin texts) are not translations: gettext skips them.
    assert translated_keys(po) == translated_keys(catalog("nl"))


@pytest.mark.parametrize("code", VISITOR_LANGUAGES)
def test_placeholders_and_markup_are_kept(code):
    for entry in catalog(code).translated_entries():
        if entry.msgid_plural:
            wanted = sorted(PLACEHOLDER.findall(entry.msgid_plural))
            forms = list(entry.msgstr_plural.values())
        else:
            wanted = sorted(PLACEHOLDER.findall(entry.msgid))
            forms = [entry.msgstr]
        for form in forms:
            assert sorted(PLACEHOLDER.findall(form)) == wanted, (entry.msgid, form)


@pytest.mark.parametrize("code", VISITOR_LANGUAGES)
def test_plural_forms_of_the_language(code):
    po = catalog(code)
    plural_forms = PLURAL_FORMS[to_locale(code)]
    assert po.metadata["Plural-Forms"] == plural_forms
    count = int(re.search(r"nplurals=(\d+)", plural_forms).group(1))
    plurals = [entry for entry in po.translated_entries() if entry.msgid_plural]
    assert plurals
    for entry in plurals:
        assert sorted(entry.msgstr_plural) == list(range(count)), entry.msgid
        assert all(entry.msgstr_plural.values()), entry.msgid


@pytest.mark.parametrize("code", VISITOR_LANGUAGES)
def test_the_compiled_catalog_matches_the_po_file(code):
    po = catalog(code)
    mo = polib.mofile(str(Path(po.fpath).with_suffix(".mo")))
    compiled = {key(entry): (entry.msgstr, entry.msgstr_plural) for entry in mo if entry.msgid}
    written = {key(entry): (entry.msgstr, entry.msgstr_plural) for entry in po.translated_entries()}
    assert compiled == written


@pytest.mark.parametrize(
    ("code", "forms"),
    [
        # Latvian: 1 and 21 (not 11) singular, 0 the genitive plural, the rest plural.
        ("lv", {1: "1 raksts", 21: "21 raksts", 2: "2 raksti", 11: "11 raksti", 0: "0 rakstu"}),
        ("zh-hans", {1: "1 篇文章", 2: "2 篇文章", 0: "0 篇文章"}),
        ("nl", {1: "1 artikel", 2: "2 artikelen", 0: "0 artikelen"}),
    ],
)
def test_django_picks_the_languages_plural_form(code, forms):
    from django.utils import translation

    with translation.override(code):
        found = {
            count: translation.ngettext("%(counter)s article", "%(counter)s articles", count)
            % {"counter": count}
            for count in forms
        }
    assert found == forms
