"""Hunspell dictionaries (wagtail_helpcenter.hunspell): the affix rules on small files
written here, one feature each, then Debian's own dictionaries, fetched for the tests
(tools/dictionaries.py), as the spelling check reads them."""

import logging

import pytest
from django.test import override_settings

from wagtail_helpcenter import hunspell, spelling


def dictionary(tmp_path, aff, dic, encoding="utf-8"):
    (tmp_path / "xx.aff").write_bytes(aff.encode(encoding))
    (tmp_path / "xx.dic").write_bytes(dic.encode(encoding))
    return hunspell.Dictionary.read(tmp_path / "xx.dic")


AFFIXES = """SET UTF-8
NEEDAFFIX !
FORBIDDENWORD ?
ICONV 1
ICONV ’ '

SFX S Y 2
SFX S 0 s [^sy]
SFX S y ies [^aeiou]y

SFX D Y 1
SFX D 0 ed/S .

PFX U Y 1
PFX U 0 un .

PFX R N 1
PFX R 0 re .
"""
WORDS = """6
invoice/SDUR
city/S
lock/UD
bound/!S
badword/?S
Latvia
it's
"""


class TestAffixes:
    @pytest.fixture
    def words(self, tmp_path):
        return dictionary(tmp_path, AFFIXES, WORDS)

    def test_stems_and_suffixes_with_their_conditions(self, words):
        assert all(word in words for word in ["invoice", "invoices", "city", "cities"])
        assert "citys" not in words  # the condition [^sy] keeps "s" off a final y
        assert "lockes" not in words and "invoicex" not in words

    def test_two_suffixes_through_a_continuation_class(self, words):
        assert "locked" in words
        assert "lockeds" in words  # "ed" allows "s" after it (D's continuation S)
        assert "locks" not in words  # lock has no S of its own
        assert "cityed" not in words  # city has no D

    def test_prefixes_and_the_cross_product(self, words):
        assert "unlock" in words and "reinvoice" in words
        assert "unlocked" in words  # U and D both cross
        assert "reinvoiced" not in words  # R does not cross
        assert "uncity" not in words

    def test_flags_that_keep_a_stem_from_standing_alone(self, words):
        assert "bound" not in words and "bounds" in words  # NEEDAFFIX
        assert "badword" not in words and "badwords" not in words  # FORBIDDENWORD

    def test_names_input_conversion_and_case(self, words):
        assert "latvia" in words  # a sentence's first word is looked up in lower case
        assert "it’s" in words  # ICONV: the typographic apostrophe

    def test_long_and_numeric_flags_and_aliases(self, tmp_path):
        long_flags = dictionary(
            tmp_path, "FLAG long\nSFX Aa Y 1\nSFX Aa 0 en .\n", "1\nhuis/AaBb\n"
        )
        assert "huisen" in long_flags and "huis" in long_flags
        numeric = dictionary(tmp_path, "FLAG num\nSFX 12 Y 1\nSFX 12 0 i .\n", "1\nparol/7,12\n")
        assert "paroli" in numeric
        aliased = dictionary(
            tmp_path, "AF 2\nAF S\nAF SD\nSFX S Y 1\nSFX S 0 s .\nSFX D Y 1\nSFX D 0 ed .\n",
            "2\nlock/2\npath/1\n",
        )  # fmt: skip
        assert all(word in aliased for word in ["locks", "locked", "paths"])
        assert "pathed" not in aliased

    def test_a_slash_inside_a_word(self, tmp_path):
        words = dictionary(tmp_path, "", "1\nand\\/or\n")
        assert "and/or" in words

    def test_the_files_own_encoding(self, tmp_path):
        words = dictionary(
            tmp_path, "SET ISO8859-1\nSFX S Y 1\nSFX S 0 s .\n", "1\ncafé/S\n", "iso8859-1"
        )
        assert "cafés" in words

    def test_a_prefix_allowed_by_the_suffix_and_a_circumfix(self, tmp_path):
        # Latvian's debitive: jā- with -a, allowed by the suffix's continuation, never
        # one half alone.
        words = dictionary(
            tmp_path,
            "SET UTF-8\nCIRCUMFIX X\nPFX P Y 1\nPFX P 0 jā/X .\nSFX Q Y 1\nSFX Q t a/PX t\n",
            "1\nrakt/Q\n",
        )
        assert "jāraka" in words
        assert "raka" not in words and "jārakt" not in words

    def test_affixed_forms_that_do_not_stand_alone(self, tmp_path):
        words = dictionary(
            tmp_path,
            "ONLYINCOMPOUND C\nNEEDAFFIX N\nSFX L Y 1\nSFX L 0 s/C .\n"
            "SFX M Y 1\nSFX M 0 er/NS .\nSFX S Y 1\nSFX S 0 s .\n",
            "1\nbetaling/LM\n",
        )
        assert "betaling" in words
        assert "betalings" not in words  # only in compounds
        assert "betalinger" not in words and "betalingers" in words  # needs one more

    def test_a_forbidden_word_stays_forbidden_whatever_makes_it(self, tmp_path):
        words = dictionary(
            tmp_path, "FORBIDDENWORD ?\nSFX S Y 1\nSFX S 0 s .\n", "2\nlock/S\nlocks/?\n"
        )
        assert "lock" in words and "locks" not in words

    def test_conditions_take_their_characters_literally(self, tmp_path):
        words = dictionary(tmp_path, "SFX S Y 1\nSFX S 0 s [a-c]\n", "3\na/S\nb/S\nx-/S\n")
        assert "as" in words and "x-s" in words
        assert "bs" not in words  # "-" is no range in Hunspell's classes

    def test_a_byte_order_mark_and_one_pass_of_input_conversion(self, tmp_path):
        (tmp_path / "xx.aff").write_bytes(
            hunspell.BOM
            + "SET UTF-8\nICONV 2\nICONV a b\nICONV b c\nSFX S Y 1\nSFX S 0 ās .\n".encode()
        )
        (tmp_path / "xx.dic").write_bytes(hunspell.BOM + b"2\nkok/S\nb\n")
        words = hunspell.Dictionary.read(tmp_path / "xx.dic")
        assert "kokās" in words
        assert "a" in words  # a becomes b, and b is not made c in the same pass

    def test_odd_alias_numbers(self, tmp_path):
        words = dictionary(
            tmp_path, "SET UTF-8\nAF 1\nAF S\nSFX S Y 1\nSFX S 0 s .\n", "2\nfoo/²\nbar/7\n"
        )
        assert "foo/²" not in words and "bar" in words and "bars" not in words


class TestFinding:
    def test_language_then_country_then_any(self, tmp_path):
        for name in ["lv_LV", "nl_BE", "nl_NL", "fa", "en_AU", "en_US"]:
            (tmp_path / f"{name}.dic").write_text("0\n")
            (tmp_path / f"{name}.aff").write_text("")
        assert hunspell.find("lv", [tmp_path]).name == "lv_LV.dic"
        assert hunspell.find("nl", [tmp_path]).name == "nl_NL.dic"
        assert hunspell.find("fa", [tmp_path / "missing", tmp_path]).name == "fa.dic"
        assert hunspell.find("en", [tmp_path]).name == "en_US.dic"
        assert hunspell.find("de", [tmp_path]) is None

    def test_a_dic_without_its_aff_is_no_dictionary(self, tmp_path):
        (tmp_path / "lv.dic").write_text("1\nvārds\n")
        assert hunspell.find("lv", [tmp_path]) is None

    @pytest.mark.parametrize(
        "aff, reason",
        [("SFX S Y 1\nSFX S 0 s []\n", "bad affix condition"), ("SET X-NONE-9\n", "x-none-9")],
    )
    def test_a_broken_dictionary_falls_back_to_the_word_list(self, tmp_path, caplog, aff, reason):
        (tmp_path / "en.aff").write_text(aff)
        (tmp_path / "en.dic").write_text("1\nzyxtra/S\n")
        dirs = override_settings(WAGTAIL_HELPCENTER={"SPELLING_DICTIONARY_DIRS": [str(tmp_path)]})
        with dirs, caplog.at_level(logging.WARNING, logger="wagtail_helpcenter.spelling"):
            found = spelling.misspelt_words(["Teh zyxtra works."], "en")
        assert [word for word, _ in found] == ["teh", "zyxtra"]
        assert "could not be read" in caplog.text and reason in caplog.text


def test_a_dictionary_is_read_only_when_the_word_list_leaves_words_unknown(tmp_path, caplog):
    # A broken dictionary says, by its warning, whether it was read.
    (tmp_path / "en.aff").write_text("SET X-NONE-9\n")
    (tmp_path / "en.dic").write_text("0\n")
    dirs = override_settings(WAGTAIL_HELPCENTER={"SPELLING_DICTIONARY_DIRS": [str(tmp_path)]})
    with dirs, caplog.at_level(logging.WARNING, logger="wagtail_helpcenter.spelling"):
        assert spelling.misspelt_words(["The invoice is ready."], "en") == []
        assert "could not be read" not in caplog.text
        assert spelling.misspelt_words(["Teh invoice."], "en")
        assert "could not be read" in caplog.text


@pytest.mark.parametrize(
    "language, known, unknown",
    [
        # Latvian nouns in their cases, imperatives, a compound in the dative, a negation,
        # the debitive and the superlative (prefixes the suffix allows).
        ("lv", ["iestatījumus", "reģistrējieties", "kredītkartei", "nelejupielādēt", "rēķinā",
                "jānoklikšķina", "jāpārlādē", "vislabākais"],
         ["maksjums", "pasūtjums", "rēķnu", "izvēleties"]),
        # Persian: the dictionary lists its forms.
        ("fa", ["دوباره", "پیگیری", "بنویسید", "باشد", "نشده"], ["حسابب", "امیت"]),
        # Dutch: a form only for compounds, and a forbidden word affixes would make.
        ("nl", ["facturen", "werkdagen", "betaalde"],
         ["rekning", "contorleer", "instellings", "aantel"]),
        ("en", ["invoices", "unsubscribed", "canceling"], ["teh", "invoise"]),
    ],
)  # fmt: skip
def test_debians_dictionaries(debian_dictionaries, language, known, unknown):
    words = hunspell.Dictionary.read(hunspell.find(language, [debian_dictionaries]))
    assert [word for word in known if word not in words] == []
    assert [word for word in unknown if word in words] == []


@pytest.mark.parametrize(
    "language, text, unknown",
    [
        # Forms the word lists lack and the dictionaries hold; typos in them.
        ("lv", "Atveriet iestatījumus un ieslēdziet divpakāpju autentifikāciju.", []),
        ("lv", "Maksjums un pasūtjums.", ["maksjums", "pasūtjums"]),
        # A plural the Persian dictionary lacks (همکار is in it).
        ("fa", "همکاران خود را دوباره دعوت کنید.", []),
        ("fa", "رمز عبور حساب خود را حسابب.", ["حسابب"]),
        ("nl", "Zet tweestapsverificatie aan. Contorleer je colleega's.",
         ["contorleer", "colleega's"]),
    ],
)  # fmt: skip
def test_the_spelling_check_with_debians_dictionaries(
    debian_dictionaries, settings, language, text, unknown
):
    settings.WAGTAIL_HELPCENTER = {
        **settings.WAGTAIL_HELPCENTER,
        "SPELLING_DICTIONARY_DIRS": [str(debian_dictionaries)],
    }
    assert [word for word, _ in spelling.misspelt_words([text], language)] == unknown
    # Without them the word lists flag what the dictionaries know.
    settings.WAGTAIL_HELPCENTER = {**settings.WAGTAIL_HELPCENTER, "SPELLING_DICTIONARY_DIRS": []}
    if language in ("lv", "fa") and not unknown:
        assert spelling.misspelt_words([text], language)
