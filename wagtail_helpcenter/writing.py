"""Plain-language advice on an article, for its editor and the article report: words
the dictionary does not know, very long sentences, technical terms without a glossary
entry, instructions left from a template, reading time and readability.

Advice only: nothing here stops a page from being saved or published.

Spelling is checked by ``spelling``, in the page's language; Chinese gets the sentence
checks only.
"""

import math
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

from .blocks import CodeBlock
from .body_text import text_of_html
from .conf import get_config
from .search.analysis import language_key
from .spelling import MAX_REPORTED, misspelt_words, sentences, words

_CODE = re.compile(r"<code\b[^>]*>.*?</code>", re.IGNORECASE | re.DOTALL)
# Latin letters and digits around it end an abbreviation; Chinese characters do not
# ("请使用SSO登录" has SSO in it).
_ACRONYM = re.compile(r"(?<![A-Za-z0-9])\d?[A-Z][A-Z0-9]{1,6}s?(?![A-Za-z0-9])")
_INSTRUCTION = re.compile(r"\[[^\[\]]{3,200}\]")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Capitals that are not terms: Roman numerals and a few everyday abbreviations.
_NOT_TERMS = {"OK", "ID", "IT", "EU", "UK", "US", "USA", "PC", "TV", "FAQ"} | {
    "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII",
}  # fmt: skip
_NOT_PROSE = (CodeBlock, ImageBlock, EmbedBlock, blocks.ChoiceBlock)
_NOT_PROSE_FIELDS = {"anchor"}  # a heading's #link
LONG_WORD_LETTERS = 6  # LIX counts words longer than six letters as long


@dataclass
class Readability:
    score: float
    label: str


@dataclass
class WritingReport:
    """What the checks found in one article."""

    language: str
    reading_minutes: int
    readability: Readability | None
    misspelt: list = field(default_factory=list)  # (word, suggestion or "")
    long_sentences: list = field(default_factory=list)  # (number of words, opening)
    undefined_terms: list = field(default_factory=list)
    instructions_left: list = field(default_factory=list)
    spelling_available: bool = True

    @property
    def advice_count(self):
        return (
            len(self.misspelt)
            + len(self.long_sentences)
            + len(self.undefined_terms)
            + len(self.instructions_left)
        )


def is_chinese(language_code):
    return language_key(language_code) == "zh"


def page_language(page):
    return page.locale.language_code if page.locale_id else "en"


def _list_item(item):
    """A ListBlock item's value, stored as ``{"type": "item", "value": ...}`` or bare."""
    if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
        return item["value"]
    return item


def _raw_texts(block, raw):
    """The prose in a block's raw (stored) data, walked with its definition: nothing is
    loaded from the database (an image block would cost a query per article), choices
    (a heading's level) and code are left out."""
    if raw is None or isinstance(block, _NOT_PROSE):
        return []
    if isinstance(block, blocks.StreamBlock):
        return [
            text
            for item in raw
            if item.get("type") in block.child_blocks
            for text in _raw_texts(block.child_blocks[item["type"]], item.get("value"))
        ]
    if isinstance(block, blocks.StructBlock):
        return [
            text
            for name, child in block.child_blocks.items()
            if isinstance(raw, dict) and name not in _NOT_PROSE_FIELDS
            for text in _raw_texts(child, raw.get(name))
        ]
    if isinstance(block, blocks.ListBlock):
        return [text for item in raw for text in _raw_texts(block.child_block, _list_item(item))]
    if isinstance(block, TableBlock):
        return [cell for row in (raw or {}).get("data") or [] for cell in row or [] if cell]
    if isinstance(block, blocks.RichTextBlock):
        return [text_of_html(_CODE.sub(" ", raw))] if isinstance(raw, str) else []
    return [raw] if isinstance(raw, str) else []


def article_texts(page):
    """The summary and the body's prose as plain text, without code (a code block, or
    code inside a paragraph): code is not prose."""
    texts = [page.summary] if getattr(page, "summary", "") else []
    body = page.body
    texts += _raw_texts(body.stream_block, list(body.raw_data))
    return [" ".join(text.split()) for text in texts if text and text.strip()]


def sentence_length(sentence, chinese):
    """Words, or for Chinese the characters halved (about two per word)."""
    if chinese:
        return math.ceil(len(_HAN.findall(sentence)) / 2) + len(words(_HAN.sub(" ", sentence)))
    return len(words(sentence))


def reading_minutes(texts, language_code):
    """Minutes a reader needs for ``texts``, at least one."""
    per_minute = get_config()["READING_WORDS_PER_MINUTE"]
    chinese = is_chinese(language_code)
    count = sum(sentence_length(text, chinese) for text in texts)
    return max(1, math.ceil(count / per_minute))


READABILITY_BANDS = [  # LIX: below 30 very easy (children's books) ... above 60 very hard
    (30, "very easy"),
    (40, "easy"),
    (50, "medium"),
    (60, "hard"),
]
CHINESE_BANDS = [(15, "very easy"), (25, "easy"), (35, "medium"), (50, "hard")]


def _label(key):
    return {
        "very easy": _("Very easy"),
        "easy": _("Easy"),
        "medium": _("Medium"),
        "hard": _("Hard"),
        "very hard": _("Very hard"),
    }[key]


def _band(score, bands):
    return next((label for limit, label in bands if score < limit), "very hard")


def readability(texts, language_code):
    """LIX (words per sentence plus the percentage of long words), a readability index
    made for many languages; for Chinese, characters per sentence. None for no text."""
    all_sentences = [sentence for text in texts for sentence in sentences(text)]
    if not all_sentences:
        return None
    if is_chinese(language_code):
        characters = sum(len(_HAN.findall(sentence)) for sentence in all_sentences)
        if not characters:
            return None
        score = round(characters / len(all_sentences), 1)
        return Readability(score, _label(_band(score, CHINESE_BANDS)))
    all_words = [word for sentence in all_sentences for word in words(sentence)]
    if not all_words:
        return None
    long_words = sum(1 for word in all_words if len(word) > LONG_WORD_LETTERS)
    score = round(len(all_words) / len(all_sentences) + 100 * long_words / len(all_words), 1)
    return Readability(score, _label(_band(score, READABILITY_BANDS)))


def long_sentences(texts, language_code):
    """``[(length, opening words)]`` of sentences over ``LONG_SENTENCE_WORDS``."""
    limit = get_config()["LONG_SENTENCE_WORDS"]
    chinese = is_chinese(language_code)
    found = []
    for text in texts:
        for sentence in sentences(text):
            length = sentence_length(sentence, chinese)
            if length > limit:
                opening = sentence[:30] if chinese else " ".join(sentence.split()[:8])
                found.append((length, opening + "…"))
    return found[:MAX_REPORTED]


def undefined_terms(texts, defined):
    """Abbreviations such as "SSO" or "2FA" that the glossary (``defined``, lowercased
    term forms) does not explain and the text does not spell out "(SSO)"."""
    defined = {term.lower() for term in defined}
    # Spelt out once ("single sign-on (SSO)") is explained for the whole article.
    spelt_out = {
        match.lower() for text in texts for match in re.findall(r"\(([A-Z0-9]{2,7})s?\)", text)
    }
    found = {}
    for text in texts:
        for term in _ACRONYM.findall(text):
            singular = term[:-1] if term.endswith("s") else term
            if singular in _NOT_TERMS or sum(c.isupper() for c in singular) < 2:
                continue
            if singular.lower() in defined or singular.lower() in spelt_out:
                continue
            found.setdefault(singular, None)
    return list(found)[:MAX_REPORTED]


def instructions_left(texts):
    """Template instructions "[like this]" still in the text."""
    return [match for text in texts for match in _INSTRUCTION.findall(text)][:MAX_REPORTED]


def check_article(page, defined_terms=(), accepted_words=()):
    """Every check on ``page`` (an article, saved or not): a WritingReport."""
    language = page_language(page)
    texts = article_texts(page)
    # A glossary term is spelt as the glossary spells it, word by word.
    glossary_words = {word.lower() for term in defined_terms for word in words(term)}
    # The title is spelt too: it is what readers see first.
    titled = [page.title, *texts] if page.title else texts
    misspelt = misspelt_words(titled, language, set(accepted_words) | glossary_words)
    return WritingReport(
        language=language,
        reading_minutes=reading_minutes(texts, language),
        readability=readability(texts, language),
        misspelt=misspelt or [],
        spelling_available=misspelt is not None and not is_chinese(language),
        long_sentences=long_sentences(texts, language),
        undefined_terms=undefined_terms(texts, defined_terms),
        instructions_left=instructions_left(texts),
    )


def reading_stats(page):
    """(reading minutes, Readability or None) for the article report."""
    language = page_language(page)
    texts = article_texts(page)
    return reading_minutes(texts, language), readability(texts, language)
