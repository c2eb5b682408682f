"""Text analysis for the database search backends: the words a text is indexed under,
and the words a query looks for, the same on SQLite and on PostgreSQL.

``analyse(text, language)`` turns a text into space-separated index words:

* words are runs of letters and digits of any script (Unicode categories L* and N*, as
  SQLite's ``unicode61`` tokenizer reads them), NFKC-normalised and lower-cased; English
  stop words ("the", "of") are dropped (``STOP_WORDS``);
* each word is reduced to its stem by the Snowball stemmer of its language
  (``snowballstemmer``: English, Dutch, Persian and two dozen more; see ``STEMMERS``),
  or by ``latvian_stem`` for Latvian, then its diacritics are dropped ("café" is
  "cafe"), as ``unicode61 remove_diacritics 2`` does;
* Chinese, Japanese and Korean have no spaces between words: each run of such
  characters is indexed as its overlapping pairs ("如何申请退货" is 如何 何申 申请 请退
  退货), so any word of two characters or more is found as the phrase of its own pairs
  (``query_phrases("退货")`` is 退货, ``知识库`` is the phrase 知识 识库). A run of one
  character is indexed as itself.

The language of an indexed object is its locale's (``object_language``: an FAQ item's
own locale, or its page's); objects without a locale are in ``settings.LANGUAGE_CODE``.
A query is analysed in the language of the locale its queryset is restricted to
(``queryset_languages``), or, when the queryset is not restricted to one, in every
content language of the site, any of the stems matching.
"""

import re
import threading
import unicodedata
from functools import lru_cache

import snowballstemmer
from django.conf import settings

# ISO 639-1 code -> Snowball algorithm (snowballstemmer.algorithms()).
STEMMERS = {
    "ar": "arabic",
    "ca": "catalan",
    "cs": "czech",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "eo": "esperanto",
    "es": "spanish",
    "et": "estonian",
    "eu": "basque",
    "fa": "persian",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "hi": "hindi",
    "hu": "hungarian",
    "hy": "armenian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "nb": "norwegian",
    "ne": "nepali",
    "nl": "dutch",
    "nn": "norwegian",
    "no": "norwegian",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}

# Words too common to search for, per language: English only, PostgreSQL's ``english``
# list (Snowball's), so that PostgreSQL ranks as it did with that configuration. Other
# languages keep every word.
STOP_WORDS = {
    "en": frozenset(
        """i me my myself we our ours ourselves you your yours yourself yourselves he him
        his himself she her hers herself it its itself they them their theirs themselves
        what which who whom this that these those am is are was were be been being have has
        had having do does did doing a an the and but if or because as until while of at by
        for with about against between into through during before after above below to from
        up down in out on off over under again further then once here there when where why
        how all any both each few more most other some such no nor not only own same so than
        too very s t can will just don should now""".split()
    )
}

# Han (with its extensions and compatibility ideographs), Hiragana, Katakana (and its
# half-width forms, which NFKC turns into full-width ones), Hangul syllables.
_CJK = (
    "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
    "\U00020000-\U0003134f"
)
_CJK_RUN = re.compile(f"[{_CJK}]+")
_CJK_SPLIT = re.compile(f"([{_CJK}]+)")
# Letters and digits of any script (``\w`` without the underscore).
_WORD = re.compile(r"[^\W_]+")

_local = threading.local()  # Snowball stemmers keep state: one per thread


def language_key(language):
    """``"zh-hans"`` → ``"zh"``, ``"en-us"`` → ``"en"``: what picks a stemmer."""
    return (language or "").lower().replace("_", "-").split("-")[0]


def _stemmer(key):
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    if key not in stemmers:
        if key == "lv":
            stemmers[key] = latvian_stem
        elif key in STEMMERS:
            stemmers[key] = snowballstemmer.stemmer(STEMMERS[key]).stemWord
        else:
            stemmers[key] = None
    return stemmers[key]


def fold_diacritics(word):
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    )


@lru_cache(maxsize=100_000)
def stem(word, key):
    """The index word for ``word`` (lower-case, no CJK) in the language ``key``."""
    stemmer = _stemmer(key)
    if stemmer is not None:
        word = stemmer(word) or word
    return fold_diacritics(word)


def is_cjk(text):
    """True when ``text`` is Chinese, Japanese or Korean characters only."""
    return _CJK_RUN.fullmatch(text) is not None


def _cjk_grams(run):
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def tokens(text, language):
    """The index words of ``text`` in ``language``, in order."""
    key = language_key(language)
    stop_words = STOP_WORDS.get(key, ())
    out = []
    for word in _WORD.findall(unicodedata.normalize("NFKC", text or "").lower()):
        if word in stop_words:
            continue
        if _CJK_RUN.search(word) is None:
            out.append(stem(word, key))
            continue
        for part in _CJK_SPLIT.split(word):
            if not part:
                continue
            if is_cjk(part):
                out.extend(_cjk_grams(part))
            else:
                out.append(stem(part, key))
    return out


def analyse(text, language):
    """``text`` as the space-separated words it is indexed under (see the module)."""
    return " ".join(tokens(text, language))


def pairs_as_words(query_string):
    """A visitor's query with each run of three or more CJK characters written as its
    pairs, space-separated: a question typed without spaces ("怎么申请退货") is then
    searched pair by pair like words, with the query's operator (OR for the help
    center's searches), as Elasticsearch's ``cjk_bigram`` does, instead of as one phrase
    that only a page holding the whole question would match."""

    def spaced(match):
        run = match.group(0)
        return " ".join(_cjk_grams(run)) if len(run) > 2 else run

    return _CJK_RUN.sub(spaced, query_string)


def query_phrases(term, languages):
    """The ways ``term`` (a word, or a phrase's text) may be indexed, one per language
    that analyses it differently: a list of token tuples, each to be matched as a
    phrase (adjacent words). Empty when the term holds no letter or digit."""
    phrases = []
    for language in languages:
        phrase = tuple(tokens(term, language))
        if phrase and phrase not in phrases:
            phrases.append(phrase)
    return phrases


# Latvian ------------------------------------------------------------------------------
#
# Snowball has no Latvian stemmer. This is the light suffix stemmer of Kārlis Kreslins
# ("A stemming algorithm for Latvian", 1996) as Lucene's LatvianStemmer implements it,
# written again here: the longest matching ending among the noun and adjective endings
# below is removed when the word keeps enough vowels and at least three letters, and the
# consonant changes some endings bring (palatalisation: "brāļu" from "brālis") are
# undone. "paroli", "parole", "paroles" all become "parol". Verbs are not conjugated
# back to their infinitive: a light stemmer trades recall for never merging unrelated
# words.

# (ending, vowels the word must have more than, undo palatalisation), longest first.
_LV_ENDINGS = (
    ("ajiem", 3, False),
    ("ajai", 3, False),
    ("ajam", 2, False),
    ("ajām", 2, False),
    ("ajos", 2, False),
    ("ajās", 2, False),
    ("iem", 2, True),
    ("ajā", 2, False),
    ("ais", 2, False),
    ("ai", 2, False),
    ("ei", 2, False),
    ("ām", 1, False),
    ("am", 1, False),
    ("ēm", 1, False),
    ("īm", 1, False),
    ("im", 1, False),
    ("um", 1, False),
    ("us", 1, True),
    ("as", 1, False),
    ("ās", 1, False),
    ("es", 1, False),
    ("os", 1, True),
    ("ij", 1, False),
    ("īs", 1, False),
    ("ēs", 1, False),
    ("is", 1, False),
    ("ie", 1, False),
    ("u", 1, True),
    ("a", 1, True),
    ("i", 1, True),
    ("e", 1, False),
    ("ā", 1, False),
    ("ē", 1, False),
    ("ī", 1, False),
    ("ū", 1, False),
    ("o", 1, False),
    ("s", 0, False),
    ("š", 0, False),
)
_LV_VOWELS = frozenset("aāeēiīouū")
# Palatalised consonant pairs and their plain forms.
_LV_PAIRS = {"šņ": "sn", "žņ": "zn", "šļ": "sl", "žļ": "zl", "ļņ": "ln", "ļļ": "ll"}
_LV_SINGLE = {"č": "c", "ļ": "l", "ņ": "n"}


def _lv_unpalatalize(stem_, removed):
    if removed.startswith("u"):  # genitive plural: kš → kst, ņņ → nn
        if stem_.endswith("kš"):
            return stem_[:-1] + "st"
        if stem_.endswith("ņņ"):
            return stem_[:-2] + "nn"
    if stem_[-2:] in ("pj", "bj", "mj", "vj"):  # labial consonant + j
        return stem_[:-1]
    if stem_[-2:] in _LV_PAIRS:
        return stem_[:-2] + _LV_PAIRS[stem_[-2:]]
    if stem_[-1:] in _LV_SINGLE:
        return stem_[:-1] + _LV_SINGLE[stem_[-1]]
    return stem_


def latvian_stem(word):
    """The stem of a lower-case Latvian word (see above)."""
    vowels = sum(1 for ch in word if ch in _LV_VOWELS)
    for ending, min_vowels, palatalizes in _LV_ENDINGS:
        if vowels > min_vowels and len(word) >= len(ending) + 3 and word.endswith(ending):
            stem_ = word[: -len(ending)]
            return _lv_unpalatalize(stem_, ending) if palatalizes else stem_
    return word


# Languages of objects and queries -------------------------------------------------------


def default_language():
    return settings.LANGUAGE_CODE


def content_languages():
    """Every language the site's content may be in, the default one first."""
    codes = [default_language()]
    for code, _name in getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", None) or getattr(
        settings, "LANGUAGES", []
    ):
        if code not in codes:
            codes.append(code)
    return codes


_locale_codes = {}  # Locale pk -> language code; emptied when a locale changes


def forget_locales(**kwargs):
    """Signal receiver: a locale was saved or deleted."""
    _locale_codes.clear()


def _locale_model(model):
    """The Locale model when ``model`` has a ``locale`` foreign key (Wagtail's
    ``TranslatableMixin``), else None. Found through the field, so that this module
    works where Wagtail's models are not installed (django-modelsearch's test suite)."""
    try:
        field = model._meta.get_field("locale")
    except Exception:  # FieldDoesNotExist, or a model without _meta  # noqa: BLE001
        return None
    return field.related_model if field.is_relation else None


def locale_languages(locale_model, pks):
    """``{pk: language_code}`` for these locales (one query for those not seen yet)."""
    missing = [pk for pk in pks if pk not in _locale_codes]
    if missing:
        _locale_codes.update(
            locale_model._default_manager.filter(pk__in=missing).values_list("pk", "language_code")
        )
    return {pk: _locale_codes[pk] for pk in pks if pk in _locale_codes}


def object_languages(model, objs):
    """``{obj.pk: language}`` for objects of ``model`` about to be indexed: the language
    of each one's locale (its own, else its page's), else the default language."""
    default = default_language()
    locale_model = _locale_model(model)
    if locale_model is not None:
        locale_ids = {obj.pk: obj.locale_id for obj in objs}
    else:
        page_model = _page_model(model)
        locale_model = _locale_model(page_model) if page_model is not None else None
        if locale_model is None:
            return {obj.pk: default for obj in objs}
        page_locales = dict(
            page_model._default_manager.filter(
                pk__in={obj.page_id for obj in objs if obj.page_id is not None}
            ).values_list("pk", "locale_id")
        )
        locale_ids = {obj.pk: page_locales.get(obj.page_id) for obj in objs}
    codes = locale_languages(locale_model, {pk for pk in locale_ids.values() if pk is not None})
    return {pk: codes.get(locale_id, default) for pk, locale_id in locale_ids.items()}


def _page_model(model):
    try:
        field = model._meta.get_field("page")
    except Exception:  # noqa: BLE001 - FieldDoesNotExist
        return None
    return field.related_model if field.many_to_one else None


def queryset_languages(queryset):
    """The languages to analyse a query on ``queryset`` in: those of the locales its
    filters pin it to (``filter(locale=...)``, also through a ``page__in`` subquery), or
    every content language when it is not pinned to any; the default language for a
    model without locales."""
    model = queryset.model
    locale_model = _locale_model(model)
    page_model = _page_model(model)
    if locale_model is None and page_model is not None:
        locale_model = _locale_model(page_model)
    if locale_model is None:
        return [default_language()]
    pinned = _pinned_locales(queryset.query.where, locale_model, depth=2)
    if pinned:
        codes = locale_languages(locale_model, pinned)
        if len(codes) == len(pinned):
            return sorted(set(codes.values()))
    return content_languages()


def _pinned_locales(where, locale_model, depth):
    """Locale pks an AND-ed ``where`` tree restricts rows to (an empty set: none)."""
    from django.db.models.expressions import Col
    from django.db.models.lookups import Exact, In
    from django.db.models.sql.query import Query
    from django.db.models.sql.where import AND, WhereNode

    if not isinstance(where, WhereNode) or where.negated or where.connector != AND:
        return set()
    for child in where.children:
        if isinstance(child, WhereNode):
            found = _pinned_locales(child, locale_model, depth)
        elif isinstance(child, Exact | In) and isinstance(child.lhs, Col):
            target = child.lhs.target
            found = set()
            if target.is_relation and target.related_model is locale_model:
                values = child.rhs if isinstance(child, In) else [child.rhs]
                if isinstance(values, list | tuple | set):
                    pks = {getattr(value, "pk", value) for value in values}
                    if all(isinstance(pk, int) for pk in pks):
                        found = pks
            elif isinstance(child, In) and isinstance(child.rhs, Query) and depth > 0:
                found = _pinned_locales(child.rhs.where, locale_model, depth - 1)
        else:
            found = set()
        if found:
            return found
    return set()
