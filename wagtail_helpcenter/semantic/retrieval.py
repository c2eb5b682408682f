"""What semantic search finds for a question: the best passages of pages the visitor may
read, one per article or FAQ answer, best first.

The nearest passages are looked up among every vector of the help center's language (and
of its source language, for pages not translated yet); only then are their pages checked
against exactly the candidates lexical search uses (live, below the help center or the
category searched, privacy, audience), so what a visitor may not read never comes back.
"""

from collections import OrderedDict
from dataclasses import dataclass
from threading import Lock

from wagtail.models import Locale, Page

from ..conf import get_config
from ..models import Passage
from .embedders import get_embedder
from .store import store_for, unit

# Passages looked at per question: enough for a page of results after grouping by page.
NEAREST_PASSAGES = 60
# Pages and FAQ answers kept per question (of those the visitor may read): what fusion
# can still rank high.
MAX_MATCHES = 20
QUERY_CACHE_SIZE = 2048


@dataclass
class SemanticMatch:
    kind: str  # "article" or "faq"
    obj: object  # the ArticlePage or the FAQItem
    score: float  # cosine similarity of the best passage, -1..1
    passage: Passage
    other_language: bool = False  # found in the source language: not translated yet


class _QueryVectors:
    """The vectors of recent questions, per embedder: most searches repeat a few
    questions, and embedding one costs more than the search itself."""

    def __init__(self, size):
        self.size = size
        self.vectors = OrderedDict()
        self.lock = Lock()

    def get(self, embedder, text):
        key = (embedder.identity, text)
        with self.lock:
            if key in self.vectors:
                self.vectors.move_to_end(key)
                return self.vectors[key]
        vector = embedder.embed_queries([text])[0]
        with self.lock:
            self.vectors[key] = vector
            while len(self.vectors) > self.size:
                self.vectors.popitem(last=False)
        return vector


query_vectors = _QueryVectors(QUERY_CACHE_SIZE)

# Questions that ask nothing in particular, in the languages of our users: their mean is
# what every question shares, taken off each question before comparing (see
# store.VectorStore).
GENERIC_QUESTIONS = [
    "hello", "I have a question", "how does this work?", "can you help me please",
    "what should I do?", "tell me more", "where can I find it?", "is it possible?",
    "ik heb een vraag", "hoe werkt dit?", "یک سوال دارم", "چطور کار می‌کند؟",
    "man ir jautājums", "kā tas darbojas?", "我有一个问题", "这个怎么用？",
]  # fmt: skip
_query_means = {}


def query_mean(embedder):
    if embedder.identity not in _query_means:
        vectors = embedder.embed_queries(GENERIC_QUESTIONS)
        _query_means[embedder.identity] = vectors.mean(axis=0)
    return _query_means[embedder.identity]


def question_vector(embedder, question):
    """The question's vector, centred like the passages' (see store.VectorStore)."""
    return unit(query_vectors.get(embedder, question) - query_mean(embedder))


def is_enabled():
    return get_embedder() is not None


def source_help_center(help_center):
    """The help center that ``help_center`` translates (in the default language), or
    None: its pages are searched too when not translated."""
    default = Locale.get_default()
    if help_center.locale_id == default.pk:
        return None
    return help_center.get_translation_or_none(default)


def similarities(search, question, hits):
    """``{(kind, page or FAQ answer id): best passage score}`` of lexical ``hits``, so that
    fusion can tell a hit that shares a word with the question from one that shares its
    meaning."""
    embedder = get_embedder()
    locales = [search.locale_id]
    pages = [hit.page.pk for hit in hits if hit.kind == "article"]
    items = [hit.item_id for hit in hits if hit.kind == "faq"]
    return store_for(embedder).best_scores(
        question_vector(embedder, question), locales, pages, items
    )


def semantic_matches(search, scope, question, kinds=("article", "faq")):
    """``[SemanticMatch]`` for ``question`` below ``scope``, best first, at most one per
    article and per FAQ answer. Raises EmbeddingError when the question cannot be embedded."""
    embedder = get_embedder()
    config = get_config()
    vector = question_vector(embedder, question)
    locales = [search.locale_id]
    source = source_help_center(search.help_center)
    if source is not None:
        locales.append(source.locale_id)
    nearest = store_for(embedder).nearest(
        vector, locales, NEAREST_PASSAGES, config["SEMANTIC_MIN_SCORE"]
    )
    if not nearest:
        return []
    best_article, best_answer = {}, {}
    for near in nearest:  # best first: the first passage of a page is its best
        if near.faq_item_id:
            best_answer.setdefault(near.faq_item_id, near)
        else:
            best_article.setdefault(near.page_id, near)
    matches = []
    if "article" in kinds and best_article:
        matches += _articles(search, scope, best_article, source)
    if "faq" in kinds and best_answer:
        matches += _answers(search, scope, best_answer, source)
    # The margin and the limit apply to what the visitor may read only: a page they may
    # not see, however close to the question, must not push the others out (nor tell,
    # by their absence, that it exists).
    matches.sort(key=lambda match: -match.score)
    if matches:
        floor = matches[0].score - config["SEMANTIC_MARGIN"]
        matches = [match for match in matches if match.score >= floor][:MAX_MATCHES]
    passages = Passage.objects.in_bulk([match.passage for match in matches])
    # A passage deleted since the vectors were loaded (the page published again by another
    # worker, whose new generation this one has not seen yet) is no match.
    matches = [match for match in matches if match.passage in passages]
    for match in matches:
        match.passage = passages[match.passage]
    return matches


def _source_scope(search, scope, source):
    """The page in the source language that ``scope`` translates, or None."""
    if source is None:
        return None
    if scope.pk == search.help_center.pk:
        return source
    # Below the source help center only: a category moved to another help center keeps
    # its translation key, and that help center's pages are no results of this one.
    return (
        Page.objects.descendant_of(source)
        .filter(translation_key=scope.translation_key, locale_id=source.locale_id)
        .first()
    )


def _untranslated(pages, locale_id):
    """Of ``pages`` (in the source language), those with no live translation in
    ``locale_id``: a translated page is found in the visitor's language instead."""
    translated = set(
        Page.objects.filter(
            translation_key__in=[page.translation_key for page in pages],
            locale_id=locale_id,
            live=True,
        ).values_list("translation_key", flat=True)
    )
    return [page for page in pages if page.translation_key not in translated]


def _articles(search, scope, best, source):
    source_id = source.locale_id if source is not None else None
    # Up to NEAREST_PASSAGES pages are checked: their bodies are not needed (a hit only
    # semantic search found shows its passage).
    found = list(search.article_candidates(scope).filter(pk__in=list(best)).defer("body"))
    matches = [SemanticMatch("article", page, best[page.pk].score, best[page.pk].passage_id)
               for page in found]  # fmt: skip
    others = [page_id for page_id, near in best.items() if near.locale_id == source_id]
    source_scope = _source_scope(search, scope, source) if others else None
    if source_scope is not None:
        pages = (
            search.article_candidates(source_scope, locale_id=source_id)
            .filter(pk__in=others)
            .defer("body")
        )
        for page in _untranslated(list(pages), search.locale_id):
            near = best[page.pk]
            matches.append(SemanticMatch("article", page, near.score, near.passage_id, True))
    return matches


def _answers(search, scope, best, source):
    source_id = source.locale_id if source is not None else None
    items = list(search.faq_candidates(scope).filter(pk__in=list(best)))
    matches = [SemanticMatch("faq", item, best[item.pk].score, best[item.pk].passage_id)
               for item in items]  # fmt: skip
    others = [item_id for item_id, near in best.items() if near.locale_id == source_id]
    source_scope = _source_scope(search, scope, source) if others else None
    if source_scope is not None:
        items = list(search.faq_candidates(source_scope, locale_id=source_id).filter(pk__in=others))
        pages = {item.page_id: item.page for item in items}
        kept = {page.pk for page in _untranslated(list(pages.values()), search.locale_id)}
        for item in items:
            if item.page_id in kept:
                near = best[item.pk]
                matches.append(SemanticMatch("faq", item, near.score, near.passage_id, True))
    return matches
