"""Backend-agnostic help center search: what a visitor may find, ranked and merged.

Articles and FAQ answers are searched as two document kinds through Wagtail's search
API (so the same code runs on the database backend and on Elasticsearch/OpenSearch),
each restricted to live pages of this help center, in the visitor's language, that the
visitor may view. The two ranked lists are merged by score.
"""

import logging
from dataclasses import dataclass, field
from html import escape

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils.safestring import mark_safe
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from modelsearch.query import Boost, Fuzzy, Or, Phrase, PlainText
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from ..body_text import readable_text, text_of_html
from ..conf import get_config
from ..ids import is_whole_number
from ..importers.html import plain_text
from ..listing import few_pages
from ..models import ArticlePage, CategoryPage, FAQItem, FAQPage
from ..semantic import retrieval as semantic_retrieval
from ..semantic.embedders import EmbeddingError
from ..visibility import visible_pages
from .backends.database import is_sqlite_backend
from .engines import search_together
from .facets import SectionLabels, facet_from_buckets, facet_from_sections, section_counts
from .fusion import fuse, hit_id
from .params import SearchParams
from .quick_answers import quick_answer
from .ranking import COVERAGE_WINDOW, by_title_coverage
from .spelling import MIN_WORD_LENGTH, did_you_mean, vocabulary
from .synonyms import expand
from .text import query_terms

logger = logging.getLogger(__name__)

MAX_PAGE = 50
SNIPPET_LENGTH = 220
SNIPPET_WORDS = SNIPPET_LENGTH // 4  # more words than a snippet can hold
FALLBACK_BACKEND = "modelsearch.backends.database.fallback"
# Lexical hits of each kind fused with the semantic ones (each is loaded: the cost of
# hybrid search grows with it); ranks beyond it keep their lexical order.
HYBRID_WINDOW = 20
RETRIEVAL_MODES = ("lexical", "semantic", "hybrid")


@dataclass
class Hit:
    kind: str  # "article" or "faq"
    title: str
    url: str
    summary: str
    category: str
    locale: str
    highlight: str
    score: float = 0.0
    page: Page = None
    passage: object = None  # the best passage, when semantic search found it
    other_language: bool = False  # in the source language: no translation yet
    lexical_rank: int | None = None
    semantic_score: float | None = None
    item_id: int | None = None  # the FAQ answer's id


@dataclass
class SearchOutcome:
    query: str
    terms: list
    hits: list = field(default_factory=list)
    total: int = 0
    page: int = 1
    num_pages: int = 1
    counts: dict = field(default_factory=dict)  # kind -> count
    categories: list = field(default_factory=list)  # category facet
    degraded: bool = False  # answered by the database because the engine failed
    picks: list = field(default_factory=list)  # editors' picks, page 1 only
    suggestion: str | None = None  # "did you mean", when nothing was found
    corrected_query: str | None = None  # "showing results for", misspelt words corrected
    answer: object = None  # a QuickAnswer, when a passage answers with high confidence

    def facets(self):
        return {
            "category": self.categories,
            "kind": [{"value": kind, "count": count} for kind, count in self.counts.items()],
        }


def _uses_elasticsearch_dsl(backend):
    """Elasticsearch or OpenSearch (any version), as opposed to a database backend."""
    return isinstance(backend, ElasticsearchBaseSearchBackend)


def build_query(terms, backend):
    """OR over the meaningful words, so a question finds answers that hold most of its
    words; on Elasticsearch/OpenSearch also typo tolerance and a boost for the exact
    phrase."""
    text = " ".join(terms)
    if _uses_elasticsearch_dsl(backend):
        if len(terms) == 1:  # a phrase of one word adds nothing but engine time
            return Fuzzy(text, operator="or")
        return Or([Fuzzy(text, operator="or"), Boost(Phrase(text), 3)])
    return PlainText(text, operator="or")


def _matching_ids(backend, query, candidates):
    """The ids of ``candidates`` that ``query`` matches: on SQLite one query on the index
    (no ranking, nothing loaded), elsewhere an unranked search."""
    results = backend.search(query, candidates, order_by_relevance=False)
    compiler = results.query_compiler
    if hasattr(compiler, "match_rows") and compiler._is_plain_match():
        rows = compiler.match_rows(compiler.get_config(backend))
        return set(rows.values_list("object_pk", flat=True))
    return {obj.pk for obj in results}


def _better_first_key(backend):
    # SQLite's bm25() is lower for better matches; every other engine scores higher.
    if is_sqlite_backend(backend):
        return lambda hit: hit.score if hit.score is not None else 0.0
    return lambda hit: -(hit.score or 0.0)


def with_fallback(backend, run, what):
    """``(run(backend), False)``, or ``(run(fallback_backend()), True)`` when an
    Elasticsearch/OpenSearch engine fails: a visitor gets an answer, never a 500."""
    try:
        return run(backend), False
    except Exception as error:  # the engine's client raises many kinds of errors
        if not _uses_elasticsearch_dsl(backend):
            raise  # a database error is not an engine outage: let it surface
        logger.warning(
            "Help center search engine failed during %s (%s: %s); answering from the database.",
            what,
            type(error).__name__,
            error,
        )
        return run(fallback_backend()), True


def fallback_backend():
    """The backend used when the configured engine fails: a database-type backend from
    WAGTAILSEARCH_BACKENDS if there is one (its index is kept up to date alongside the
    engine's), otherwise Wagtail's index-less database fallback."""
    for alias, config in getattr(settings, "WAGTAILSEARCH_BACKENDS", {}).items():
        if ".database" in config.get("BACKEND", ""):
            return get_search_backend(alias)
    return get_search_backend(FALLBACK_BACKEND)


def parent_path(page):
    return page.path[: -Page.steplen]


@dataclass
class LexicalRanking:
    hits: list
    counts: dict  # kind -> number of matches
    buckets: list | None  # Elasticsearch/OpenSearch facet buckets, one dict per kind
    section_counts: dict | None  # SQLite: kind -> {top-level path: count}

    @property
    def section_ids(self):
        # The engine returns the top-level pages' ids as keyword strings.
        return {
            int(key) for kind_buckets in self.buckets or () for key in kind_buckets
            if is_whole_number(str(key))
        }  # fmt: skip

    @property
    def section_paths(self):
        return {path for counted in (self.section_counts or {}).values() for path in counted}


class HelpCenterSearch:
    def __init__(self, request, help_center, params, backend=None, retrieval="hybrid"):
        if retrieval not in RETRIEVAL_MODES:
            raise ValueError(f"retrieval must be one of {RETRIEVAL_MODES}, not {retrieval!r}")
        self.request = request
        self.help_center = help_center
        self.params = params
        self.backend = backend or get_search_backend()
        # "hybrid" is words and meaning fused when an embedder is configured, words only
        # otherwise; "lexical" and "semantic" are one of them alone (for benchmarks).
        self.retrieval = retrieval
        self._faq_candidates = {}
        # The help center's own language: every page below it shares it, also when the
        # visitor's language has no help center and routing fell back to this one.
        self.locale_id = help_center.locale_id

    @classmethod
    def finds_anything(cls, request, help_center, query):
        """True when searching ``query`` (no filters) finds at least one result the
        request may see: one best article or answer is looked for, nothing counted."""
        terms = query_terms(query)
        if not terms:
            return False
        search = cls(request, help_center, SearchParams(query=query))

        def run(backend):
            return any(
                len(results[:1]) > 0
                for results in search.searches(search.scope(), backend, terms).values()
                if not results.query_compiler.queryset.query.is_empty()
            )

        found, _degraded = with_fallback(search.backend, run, "a suggestion's check")
        return found

    # Candidate documents ---------------------------------------------------------

    def scope(self):
        """The page under which results may come from: the help center or a category."""
        if self.params.category_id:
            category = CategoryPage.objects.descendant_of(self.help_center).filter(
                pk=self.params.category_id
            )
            return visible_pages(self.request, category).first()
        return self.help_center

    def article_candidates(self, scope, model=ArticlePage, locale_id=None):
        """The articles a search may find (in ``locale_id``, by default the help
        center's). With ``model=Page``: the same pages on the pages table alone (the
        search index already knows their type), which is cheaper to check each match
        against when counting."""
        return visible_pages(
            self.request,
            model.objects.descendant_of(scope)
            .filter(locale_id=locale_id or self.locale_id)
            .select_related("locale"),
        )

    def faq_candidates(self, scope, locale_id=None):
        # Lexical and semantic search both ask: the FAQ pages are listed once.
        key = (scope.pk, locale_id or self.locale_id)
        cached = self._faq_candidates.get(key)
        if cached is None:
            cached = self._faq_candidates[key] = self._list_faq_candidates(scope, locale_id)
        return cached.all()

    def _list_faq_candidates(self, scope, locale_id):
        faq_pages = visible_pages(
            self.request,
            few_pages(FAQPage).descendant_of(scope).filter(locale_id=locale_id or self.locale_id),
        )
        page_ids = list(faq_pages.order_by().values_list("pk", flat=True))
        if not page_ids:
            return FAQItem.objects.none()
        # The answer's page gives its URL and category: load it with the answer.
        return FAQItem.objects.filter(page__in=page_ids).select_related("page__locale")

    # Running ---------------------------------------------------------------------

    def run(self):
        outcome = SearchOutcome(query=self.params.query, terms=query_terms(self.params.query))
        if not outcome.terms:
            return outcome
        outcome, engine_failed = with_fallback(
            self.backend, lambda backend: self._run(outcome, backend), "search"
        )
        outcome.degraded = outcome.degraded or engine_failed
        return outcome

    def _run(self, outcome, backend):
        scope = self.scope()
        if scope is None:  # a category this visitor may not see, or not in this help center
            outcome.counts = {"article": 0, "faq": 0}
            return outcome
        kinds = [self.params.kind] if self.params.kind else ["article", "faq"]
        size = self.page_size()
        asked_page = min(self.params.page, MAX_PAGE)
        semantic = self._semantic(outcome, scope, kinds)
        if self.retrieval == "semantic" and semantic is not None:
            ranked = [self.semantic_hit(match) for match in semantic]
            outcome.counts = dict.fromkeys(("article", "faq"), 0)
            for hit in ranked:
                outcome.counts[hit.kind] += 1
            lexical = LexicalRanking(hits=[], counts={}, buckets=None, section_counts=None)
            added = ranked
        else:
            if not _uses_elasticsearch_dsl(backend):
                outcome.terms = self._with_corrections(outcome, backend)
            # Enough hits for the page asked, and the whole window reordered by how many
            # of the question's words their titles hold (see ranking).
            window = max(asked_page * size, COVERAGE_WINDOW)
            if semantic:
                window = max(window, HYBRID_WINDOW)
            lexical = self._lexical(scope, backend, outcome.terms, kinds, window)
            outcome.counts = dict(lexical.counts)
            ranked, added = lexical.hits, []
            if semantic:
                ranked, added = fuse(
                    lexical.hits,
                    [self.semantic_hit(match) for match in semantic],
                    off_topic=self._off_topic(lexical.hits),
                )
                # A page semantic search brought that words also match, past the lexical
                # window, is already in the lexical counts.
                added = self._not_matching_words(scope, backend, outcome.terms, lexical, added)
                for hit in added:
                    outcome.counts[hit.kind] = outcome.counts.get(hit.kind, 0) + 1
        outcome.total = sum(outcome.counts.get(kind, 0) for kind in kinds)
        if outcome.total == 0:
            # A correction that finds nothing is no help.
            outcome.corrected_query = None
        outcome.num_pages = max(1, min(MAX_PAGE, -(-outcome.total // size)))
        outcome.page = min(self.params.page, outcome.num_pages)
        outcome.hits = ranked[(outcome.page - 1) * size : outcome.page * size]
        labels = self.labels(outcome.hits + added, lexical.section_ids, lexical.section_paths)
        self._facets(outcome, lexical, labels, added)
        for hit in outcome.hits:
            hit.category = labels.title_of(parent_path(hit.page))
            # A hit only semantic search found may share no word with the question: its
            # snippet is the passage that matched.
            only_semantic = hit.passage is not None and hit.lexical_rank is None
            text = hit.passage.text if only_semantic else self.text_of(hit, outcome.terms)
            hit.highlight = highlight(text, outcome.terms)
        if semantic and outcome.page == 1:
            outcome.answer = quick_answer(self.request, semantic[0])
        return outcome

    def _semantic(self, outcome, scope, kinds):
        """The semantic matches for this search, or None when semantic search is off,
        not asked for, or failing (then the search is answered by words only and marked
        degraded)."""
        if self.retrieval == "lexical" or not semantic_retrieval.is_enabled():
            return None
        try:
            return semantic_retrieval.semantic_matches(self, scope, self.params.query, kinds)
        except EmbeddingError as error:
            logger.warning("Semantic search failed (%s); answering by words only.", error)
            outcome.degraded = True
            return None

    def _not_matching_words(self, scope, backend, terms, lexical, added):
        """Of ``added`` (hits only semantic search ranked), those that lexical search
        does not match at all. Nothing to ask when every lexical match was fetched."""
        fetched = len(lexical.hits)
        if not added or fetched >= sum(lexical.counts.values()):
            return added
        query = build_query(expand(terms), backend)
        pages = [hit.page.pk for hit in added if hit.kind == "article"]
        items = [hit.item_id for hit in added if hit.kind == "faq"]
        matching = set()
        if pages:
            candidates = self.article_candidates(scope).filter(pk__in=pages)
            matching |= {("article", pk) for pk in _matching_ids(backend, query, candidates)}
        if items:
            candidates = self.faq_candidates(scope).filter(pk__in=items)
            matching |= {("faq", pk) for pk in _matching_ids(backend, query, candidates)}
        return [hit for hit in added if (hit.kind, hit_id(hit)) not in matching]

    def _off_topic(self, hits):
        """Keys of the lexical ``hits`` whose best passage is far from the question's
        meaning (hits without vectors yet are not judged)."""
        scores = semantic_retrieval.similarities(self, self.params.query, hits)
        floor = get_config()["SEMANTIC_MIN_SCORE"]
        return frozenset(key for key, score in scores.items() if score < floor)

    def _with_corrections(self, outcome, backend):
        """The terms, with each one that is no word of the help center and finds nothing
        searched also as its closest word (typo tolerance on database backends, whose
        search has no fuzzy matching); ``outcome.corrected_query`` says what was searched."""
        if self.params.exact:
            return outcome.terms
        words = vocabulary(self.request, self.help_center, self.locale_id)
        known = set(words)
        terms, corrected, changed = list(outcome.terms), [], False
        for term in outcome.terms:
            replacement = term
            if term not in known and len(term) >= MIN_WORD_LENGTH and not term.isdigit():
                guess = did_you_mean([term], words)
                # Only a word that finds something the visitor may see: the vocabulary is
                # cached for a while, so it may hold a word of a page that was unpublished
                # or moved into an internal section since.
                if (
                    guess
                    and not self.finds_anything(self.request, self.help_center, term)
                    and self.finds_anything(self.request, self.help_center, guess)
                ):
                    replacement, changed = guess, True
                    terms.append(guess)
            corrected.append(replacement)
        if changed:
            outcome.corrected_query = " ".join(corrected)
        return terms

    def _lexical(self, scope, backend, terms, kinds, window):
        """The best ``window`` lexical hits of each kind asked for, merged best first,
        with the counts (and the facet's raw counts) of every match."""
        searches = self.searches(scope, backend, terms)
        if _uses_elasticsearch_dsl(backend):
            # Hits, counts and facets of both kinds in one request.
            fetched = search_together(searches, window, "helpcenter_section")
            counts = {kind: total for kind, (_objects, total, _buckets) in fetched.items()}
            found = {kind: objects for kind, (objects, _total, _buckets) in fetched.items()}
            buckets = [kind_buckets for _objects, _total, kind_buckets in fetched.values()]
            section_by_kind = None
        else:
            probes = {"article": self.article_candidates(scope, model=Page)}
            section_by_kind = section_counts(searches, self.help_center, backend, probes)
            if section_by_kind is None:
                counts = {kind: results.count() for kind, results in searches.items()}
            else:
                counts = {kind: sum(counted.values()) for kind, counted in section_by_kind.items()}
            found, buckets = None, None
        hits = []
        for kind in kinds:
            objects = (
                found[kind]
                if found is not None
                else searches[kind].annotate_score("_score")[:window]
            )
            hits += [self.hit(kind, obj) for obj in objects[:window]]
        hits.sort(key=_better_first_key(backend))
        hits = by_title_coverage(hits, terms)
        for rank, hit in enumerate(hits):
            hit.lexical_rank = rank
        return LexicalRanking(hits, counts, buckets, section_by_kind)

    def _facets(self, outcome, lexical, labels, added):
        if lexical.buckets is not None:
            outcome.categories = facet_from_buckets(lexical.buckets, labels.categories)
        elif lexical.section_counts is not None:
            outcome.categories = facet_from_sections(lexical.section_counts, labels.categories)
        elif not added:
            return
        # What semantic search added is counted in its category too, so the facet adds up
        # to what is listed.
        prefix = (self.help_center.depth + 1) * Page.steplen
        by_path = {category.path: category for category in labels.categories}
        facet = {entry["value"]: entry for entry in outcome.categories}
        for hit in added:
            category = by_path.get(hit.page.path[:prefix])
            if category is None:
                continue
            entry = facet.setdefault(
                category.pk, {"value": category.pk, "label": category.title, "count": 0}
            )
            entry["count"] += 1
        outcome.categories = sorted(facet.values(), key=lambda e: (-e["count"], e["value"]))

    def searches(self, scope, backend, terms):
        """``{kind: search results}`` for ``terms`` (expanded with synonyms) below
        ``scope``, articles and FAQ answers, not run yet."""
        query = build_query(expand(terms), backend)
        return {
            "article": backend.search(query, self.article_candidates(scope)),
            "faq": backend.search(query, self.faq_candidates(scope)),
        }

    def labels(self, hits, section_ids=(), section_paths=()):
        """The pages that name the category facet (top-level sections counted, by page
        id from an engine or by path from SQLite) and each hit's category (the page
        holding it), read in one query."""
        prefix = (self.help_center.depth + 1) * Page.steplen
        paths = {parent_path(hit.page) for hit in hits} | set(section_paths)
        paths |= {hit.page.path[:prefix] for hit in hits if len(hit.page.path) > prefix}
        if not (paths or section_ids):
            return SectionLabels([], self.help_center)
        rows = (
            Page.objects.filter(Q(pk__in=section_ids) | Q(path__in=paths))
            .annotate(is_category=Exists(CategoryPage.objects.filter(pk=OuterRef("pk"))))
            .values_list("pk", "path", "title", "live", "is_category")
        )
        return SectionLabels(list(rows), self.help_center)

    def page_size(self):
        return get_config()["SEARCH_PAGE_SIZE"]

    def hit(self, kind, obj):
        if kind == "faq":
            page = obj.page
            return Hit(
                kind="faq",
                item_id=obj.pk,
                title=obj.question,
                url=f"{page.get_url(self.request)}#{obj.anchor}",
                summary=plain_text(obj.answer, limit=SNIPPET_LENGTH),
                category="",
                locale=page.locale.language_code,
                highlight="",
                score=getattr(obj, "_score", None),
                page=page,
            )
        return Hit(
            kind="article",
            title=obj.title,
            url=obj.get_url(self.request),
            summary=obj.summary,
            category="",
            locale=obj.locale.language_code,
            highlight="",
            score=getattr(obj, "_score", None),
            page=obj,
        )

    def semantic_hit(self, match):
        hit = self.hit(match.kind, match.obj)
        hit.score, hit.passage, hit.other_language = (
            match.score,
            match.passage,
            match.other_language,
        )
        hit.semantic_score = match.score
        return hit

    def text_of(self, hit, terms):
        """The hit's text from its start to a little past the first matched term: the
        blocks after that are not read (a snippet shows only that far)."""
        if hit.kind == "faq":
            return hit.summary
        parts, words_after_match = [hit.summary], None
        summary_words = hit.summary.split()
        matches = matcher(terms)
        if (index := first_match(summary_words, matches)) is not None:
            words_after_match = len(summary_words) - index
        for child in hit.page.body:
            if words_after_match is not None and words_after_match > SNIPPET_WORDS:
                break
            for text in readable_text(child.block, child.value):
                part = text_of_html(text)
                parts.append(part)
                words = part.split()
                if words_after_match is not None:
                    words_after_match += len(words)
                elif (index := first_match(words, matches)) is not None:
                    words_after_match = len(words) - index
        return " ".join(parts)


def matcher(terms):
    """A function telling whether a word matches one of ``terms``, built once per
    search. Words match a term when they share its start (at least four letters, or the whole
    term when shorter), so "invoices" marks for "invoice" as the engines' stemming finds it."""
    stems = tuple(
        term[: max(4, len(term) - 2)] if len(term) > 4 else term for term in terms if term
    )

    def matches(word):
        if not stems:
            return False
        # Most words hold no punctuation to strip.
        bare = word if word.isalnum() else "".join(ch for ch in word if ch.isalnum())
        return bare.lower().startswith(stems)

    return matches


def first_match(words, matches):
    """Index of the first of ``words`` that ``matches`` (a ``matcher``), or None."""
    return next((index for index, word in enumerate(words) if matches(word)), None)


def highlight(text, terms, length=SNIPPET_LENGTH):
    """A snippet of ``text`` around the first matched term, with matches in <mark>."""
    words = text.split()
    if not words:
        return ""
    matches = matcher(terms)
    first = first_match(words, matches) or 0
    start = max(0, first - 8)
    chosen, size = [], 0
    for word in words[start:]:
        if size + len(word) > length:
            break
        chosen.append(word)
        size += len(word) + 1
    parts = [f"<mark>{escape(word)}</mark>" if matches(word) else escape(word) for word in chosen]
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + len(chosen) < len(words) else ""
    return mark_safe(prefix + " ".join(parts) + suffix)  # noqa: S308 - every word escaped above


MIN_SUGGEST_LENGTH = 2
MAX_SUGGESTIONS = 8


def suggest(request, help_center, prefix):
    """Titles of articles and FAQ questions that start like what the visitor is typing."""
    if len(prefix.strip()) < MIN_SUGGEST_LENGTH:
        return []
    terms = query_terms(prefix)
    if not terms:
        return []
    text = " ".join(terms)
    search = HelpCenterSearch(request, help_center, SearchParams(query=prefix))

    def run(backend):
        scope = search.scope()
        articles = backend.autocomplete(text, search.article_candidates(scope))[:MAX_SUGGESTIONS]
        questions = backend.autocomplete(text, search.faq_candidates(scope))[:MAX_SUGGESTIONS]
        found = [search.hit("article", page) for page in articles]
        found += [search.hit("faq", item) for item in questions]
        return found[:MAX_SUGGESTIONS]

    hits, _degraded = with_fallback(search.backend, run, "suggestions")
    return [{"title": hit.title, "url": hit.url, "kind": hit.kind} for hit in hits]
