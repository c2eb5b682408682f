"""Spelling of an article's prose in its language, from pyspellchecker's word lists
(``pip install wagtail-helpcenter[spelling]``): English, Dutch, Latvian, Persian and the
other languages it ships. Chinese has none (and no spaces between words).

The lists are built from film subtitles and news, so they lack many forms a help article
uses. Where a Hunspell dictionary of the language is installed (Debian's hunspell-lv,
myspell-fa, hunspell-nl: ``SPELLING_DICTIONARY_DIRS``), a word it knows with its affixes
is known. Software words, British spellings and compounds are recognised here, and,
without a dictionary, Latvian and Persian inflections, so that what is flagged is worth
an editor's look; ``python -m benchmarks.spelling`` measures the false alarms against
the typos caught.
"""

import logging
import re
from collections import Counter
from functools import lru_cache

from . import hunspell
from .conf import get_config
from .search.analysis import language_key

logger = logging.getLogger(__name__)

MAX_REPORTED = 20  # enough to act on, short enough to read
_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+|(?<=[。！？])")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
# Addresses are not words: e-mail addresses, domains and file names (acme.example,
# invoice.pdf), paths (acme.example/help, Settings/Billing). Looked for in each
# whitespace-separated token, with fixed-length patterns: linear in the text's length.
_ADDRESS_MARK = re.compile(r"@|\w/\w|\w\.[^\W\d_]{2}", re.UNICODE)
_SENTENCE_PUNCTUATION = ".!?؟"
# Longer runs of letters are not words (keys, hashes, pasted data); the compound checks
# cost the square of a word's length. Dutch compounds run to about 35 letters.
MAX_WORD_LETTERS = 40
# A word in another script than the language's (a product name in Latin letters in a
# Persian text) is not for the language's word list to judge.
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_SCRIPTS = {
    "fa": re.compile(r"[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]"),
    "ar": re.compile(r"[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]"),
    "ru": re.compile(r"[\u0400-\u04ff]"),
}
# A name at the start of its sentences: capitalised wherever it stands, and used twice.
NAME_USES = 2

# Words of software help that the word lists lack, in every language: they are
# loanwords in Dutch, Latvian and Persian texts too.
SOFTWARE_WORDS = frozenset(
    "app apps admin admins signup signups signin inbox inboxes passphrase passphrases "
    "workaround workarounds wifi smartphone smartphones checkbox checkboxes dropdown "
    "dropdowns url urls pdf pdfs popup popups autofill autocomplete chatbot webhook "
    "webhooks timestamp timestamps screenshot screenshots tracking "
    # Persian: download, upload, link, site, application, click, online.
    "دانلود آپلود لینک سایت اپلیکیشن کلیک آنلاین".split()
)
# British spellings, accepted where the American one is known (the English list is
# American): colour, organise, organisation, analyse, centre.
_BRITISH = [("isation", "ization"), ("ise", "ize"), ("yse", "yze"), ("our", "or"), ("tre", "ter")]
# Persian words carry their person and plural as suffixes, the present tense, the
# imperative and the negation as prefixes; the word list mostly holds the bare forms.
# ("می‌کنید": the zero-width non-joiner makes "می" a word of its own.)
_PERSIAN_PREFIXES = ("نمی", "می", "ن", "ب")
_PERSIAN_SUFFIXES = (
    "های", "ها", "اند", "ان", "ید", "ند", "یم", "ای", "ات", "ی", "م", "ت", "ش", "د",
)  # fmt: skip
_PERSIAN_PLURALS = ("های", "ها", "ان")
# Latvian inflects nouns, adjectives and verbs by their ending, and the word list holds
# only some forms of each word: a word is known when its stem is, with another ending
# (iestatījumus: iestatījumu; reģistrējieties: reģistrēties).
_LATVIAN_ENDINGS = (
    "", "s", "š", "is", "us", "a", "e", "i", "u", "as", "es", "ai", "ei", "ām", "ēm", "ā",
    "ē", "ī", "ū", "os", "ās", "ēs", "iem", "ie", "am", "at", "t", "ties", "iet", "ieties",
    "jiet", "jieties", "ēt", "āt", "īt", "ēties", "āties", "īties",
)  # fmt: skip
_LATVIAN_STEM_LETTERS = 4
# A first part of a Latvian compound drops its ending (kredīt|karte: kredīts).
_LATVIAN_HEAD_ENDINGS = ("", "s", "a", "e", "i", "u", "is", "us")
# Shorter parts make compounds of typos (wacht|oord, maks|jums): measured, 4 and 5 letters
# keep most typos caught (benchmarks/results/spelling.md).
COMPOUND_PART_LETTERS = 4
_LATVIAN_COMPOUND_TAIL_LETTERS = 5


@lru_cache(maxsize=8)
def spell_checker(language):
    """pyspellchecker's checker for a language, loaded once per process; None when it
    is not installed or has no word list for the language."""
    try:
        from spellchecker import SpellChecker
    except ImportError:
        return None
    try:
        return SpellChecker(language=language, distance=1)
    except ValueError:  # no word list for this language
        return None


def dictionary(language):
    """The Hunspell dictionary of a language in ``SPELLING_DICTIONARY_DIRS``, or None."""
    return _read_dictionary(language, tuple(get_config()["SPELLING_DICTIONARY_DIRS"]))


@lru_cache(maxsize=8)
def _read_dictionary(language, directories):
    # Whatever is wrong with the files or the directories, the editor's page still
    # opens: the check then uses the word list only.
    try:
        path = hunspell.find(language, directories)
        return hunspell.Dictionary.read(path) if path is not None else None
    except Exception:
        logger.warning(
            "Spelling: the %s dictionary in %s could not be read; using the word list only",
            language, directories, exc_info=True,
        )  # fmt: skip
        return None


class Lexicon:
    """What a language's word list and its dictionary (if any) know: ``word in lexicon``."""

    def __init__(self, checker, dictionary):
        self.checker = checker
        self.dictionary = dictionary

    def __contains__(self, word):
        return word in self.checker or (self.dictionary is not None and word in self.dictionary)


def sentences(text):
    return [sentence.strip() for sentence in _SENTENCE_END.split(text) if sentence.strip()]


def words(text):
    return _WORD.findall(text)


def _without_addresses(text):
    tokens = []
    for token in text.split():
        if _ADDRESS_MARK.search(token):
            # Keep the full stop of "open acme.example." for the sentence's end.
            token = token[-1] if token[-1] in _SENTENCE_PUNCTUATION else ""
        tokens.append(token)
    return " ".join(tokens)


def _words_to_check(text, language):
    """``(word, capitalised)`` for the words of ``text`` to look up: not addresses, not
    words in another script, and not names (Acme, iOS: capitals inside a sentence),
    except that a sentence's first word is looked up (in lower case)."""
    script = _SCRIPTS.get(language, _LATIN)
    for sentence in sentences(_without_addresses(text)):
        for position, word in enumerate(words(sentence)):
            if not 3 <= len(word) <= MAX_WORD_LETTERS or not script.match(word):
                continue
            if word.islower():
                yield word, False
            elif position == 0 and word[1:].islower():
                yield word, True
            elif not any(letter.isupper() for letter in word):
                yield word, False  # scripts without case (Persian)


def spellable_words(text, language):
    """The words of ``text`` that the check looks up, as written."""
    return [word for word, _capitalised in _words_to_check(text, language)]


def misspelt_words(texts, language_code, accepted=()):
    """``[(word, suggestion)]`` for words the language's word list does not know, once
    each in order; None when the language has no word list. Names, words with digits,
    addresses and accepted words are left out."""
    language = language_key(language_code)
    checker = spell_checker(language)
    if checker is None:
        return None
    accepted = {word.lower() for word in accepted}
    candidates = {}
    capitalised, lower = Counter(), set()
    for text in texts:
        for word, is_capitalised in _words_to_check(text, language):
            lowered = word.lower().replace("’", "'")
            if lowered in accepted:
                continue
            candidates.setdefault(lowered, None)
            if is_capitalised:
                capitalised[lowered] += 1
            else:
                lower.add(lowered)
    unknown = checker.unknown(candidates)
    # The dictionary is read (once per process, a second or so) only when it may help.
    lexicon = Lexicon(checker, dictionary(language) if unknown else None)
    found = []
    for word in candidates:
        if word not in unknown or _is_name(word, capitalised, lower):
            continue
        if not is_known_form(lexicon, word, language):
            found.append((word, checker.correction(word) or ""))
            if len(found) == MAX_REPORTED:
                break
    return found


def _is_name(word, capitalised, lower):
    return word not in lower and capitalised[word] >= NAME_USES


def is_known_form(lexicon, word, language):
    """A known word after all: in the dictionary, a software word, or a form of known
    words that neither holds (a British spelling, a compound, an inflection)."""
    if word in SOFTWARE_WORDS:
        return True
    if lexicon.dictionary is not None:
        if word in lexicon.dictionary:
            return True
        # The dictionary knows the language's inflections: guessing them lets typos by.
        known_form = _KNOWN_FORMS_WITH_DICTIONARY.get(language)
    else:
        known_form = _KNOWN_FORMS.get(language)
    return known_form is not None and known_form(lexicon, word)


def _british_known(lexicon, word):
    return any(
        british in word and word.replace(british, american) in lexicon
        for british, american in _BRITISH
    )


def _is_word(lexicon, part):
    return part in lexicon or part in SOFTWARE_WORDS


def _dutch_known(lexicon, word, parts_left=3):
    """Dutch writes compounds as one word (aanmeldpagina, tweestapsverificatie): known
    when its last part is a word and what comes before is a word, a verb's stem
    (aanmeld-en) or itself a compound, with or without the linking "s"."""
    for split in range(COMPOUND_PART_LETTERS, len(word) - COMPOUND_PART_LETTERS + 1):
        head, tail = word[:split], word[split:]
        if not _is_word(lexicon, tail):
            continue
        heads = [head, head[:-1]] if head.endswith("s") else [head]
        for first in heads:
            if len(first) < COMPOUND_PART_LETTERS:
                continue
            if _is_word(lexicon, first) or f"{first}en" in lexicon:
                return True
            if parts_left > 2 and _dutch_known(lexicon, first, parts_left - 1):
                return True
    return False


def _latvian_inflected(lexicon, word):
    for ending in _LATVIAN_ENDINGS:
        stem = word[: len(word) - len(ending)] if ending else word
        if not word.endswith(ending) or len(stem) < _LATVIAN_STEM_LETTERS:
            continue
        if any(stem + other in lexicon for other in _LATVIAN_ENDINGS if other != ending):
            return True
    return False


def _latvian_known(lexicon, word):
    """An inflected form of a known word, or a compound of known words whose first part
    dropped its ending (kredītkarte, kredītkartei)."""
    if _latvian_inflected(lexicon, word):
        return True
    for split in range(_LATVIAN_STEM_LETTERS, len(word) - _LATVIAN_COMPOUND_TAIL_LETTERS + 1):
        head, tail = word[:split], word[split:]
        if any(head + ending in lexicon for ending in _LATVIAN_HEAD_ENDINGS) and (
            _is_word(lexicon, tail) or _latvian_inflected(lexicon, tail)
        ):
            return True
    return False


def _persian_known(lexicon, word):
    stems = [word] + [word[len(p) :] for p in _PERSIAN_PREFIXES if word.startswith(p)]
    for stem in stems:
        if stem != word and stem in lexicon:
            return True
        for suffix in _PERSIAN_SUFFIXES:
            bare = stem[: -len(suffix)]
            if stem.endswith(suffix) and len(bare) > 1 and bare in lexicon:
                return True
    return False


def _persian_plural_known(lexicon, word):
    """Persian's dictionary lists its forms, but not every plural of a loanword
    (فاکتورهای): the plural suffixes only, as one-letter ones would let typos by."""
    return any(
        word.endswith(suffix) and len(word) > len(suffix) + 1 and word[: -len(suffix)] in lexicon
        for suffix in _PERSIAN_PLURALS
    )


_KNOWN_FORMS = {
    "en": _british_known,
    "nl": _dutch_known,
    "lv": _latvian_known,
    "fa": _persian_known,
}
# Hunspell's compounding rules are not read (hunspell.py): compounds are still found here.
_KNOWN_FORMS_WITH_DICTIONARY = {
    "en": _british_known,
    "nl": _dutch_known,
    "fa": _persian_plural_known,
}
