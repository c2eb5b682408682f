"""Backend-agnostic help center search: what a visitor may find, ranked and merged.

Articles and FAQ answers are searched as two document kinds through Wagtail's search
API (so the same code runs on the database backend and on Elasticsearch/OpenSearch),
each restricted to live pages of this help center, in the visitor's language, that the
visitor may view. The two ranked lists are merged by score.
"""

import logging
import re
from dataclasses import dataclass, field
from html import escape, unescape

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils.safestring import mark_safe
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from modelsearch.query import Boost, Fuzzy, Or, Phrase, PlainText
from wagtail import blocks
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from ..conf import get_config
from ..ids import is_whole_number
from ..importers.html import plain_text
from ..listing import few_pages
from ..models import ArticlePage, CategoryPage, FAQItem, FAQPage
from ..visibility import visible_pages
from .backends.database import is_sqlite_backend
from .engines import search_together
from .facets import SectionLabels, facet_from_buckets, facet_from_sections, section_counts
from .params import SearchParams
from .synonyms import expand
from .text import query_terms

logger = logging.getLogger(__name__)

MAX_PAGE = 50
SNIPPET_LENGTH = 220
SNIPPET_WORDS = SNIPPET_LENGTH // 4  # more words than a snippet can hold
FALLBACK_BACKEND = "modelsearch.backends.database.fallback"


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


class HelpCenterSearch:
    def __init__(self, request, help_center, params, backend=None):
        self.request = request
        self.help_center = help_center
        self.params = params
        self.backend = backend or get_search_backend()
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

    def article_candidates(self, scope, model=ArticlePage):
        """The articles a search may find. With ``model=Page``: the same pages on the
        pages table alone (the search index already knows their type), which is cheaper
        to check each match against when counting."""
        return visible_pages(
            self.request,
            model.objects.descendant_of(scope)
            .filter(locale_id=self.locale_id)
            .select_related("locale"),
        )

    def faq_candidates(self, scope):
        faq_pages = visible_pages(
            self.request, few_pages(FAQPage).descendant_of(scope).filter(locale_id=self.locale_id)
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
        outcome, outcome.degraded = with_fallback(
            self.backend, lambda backend: self._run(outcome, backend), "search"
        )
        return outcome

    def _run(self, outcome, backend):
        scope = self.scope()
        if scope is None:  # a category this visitor may not see, or not in this help center
            outcome.counts = {"article": 0, "faq": 0}
            return outcome
        searches = self.searches(scope, backend, outcome.terms)
        size = self.page_size()
        if _uses_elasticsearch_dsl(backend):
            # Hits, counts and facets of both kinds in one request. The page shown is never
            # past the one asked for, so this many hits of each kind cover it.
            fetch = min(self.params.page, MAX_PAGE) * size
            fetched = search_together(searches, fetch, "helpcenter_section")
            outcome.counts = {kind: total for kind, (_objects, total, _buckets) in fetched.items()}
            found = {kind: objects for kind, (objects, _total, _buckets) in fetched.items()}
            buckets = [kind_buckets for _objects, _total, kind_buckets in fetched.values()]
            counts = None
            # The engine returns the top-level pages' ids as keyword strings.
            section_ids = {
                int(key) for kind_buckets in buckets for key in kind_buckets
                if is_whole_number(str(key))
            }  # fmt: skip
            section_paths = ()
        else:
            probes = {"article": self.article_candidates(scope, model=Page)}
            counts = section_counts(searches, self.help_center, backend, probes)
            if counts is None:
                outcome.counts = {kind: results.count() for kind, results in searches.items()}
            else:
                outcome.counts = {kind: sum(counted.values()) for kind, counted in counts.items()}
            found, buckets, section_ids = None, None, ()
            section_paths = {path for counted in (counts or {}).values() for path in counted}
        kinds = [self.params.kind] if self.params.kind else list(searches)
        outcome.total = sum(outcome.counts[kind] for kind in kinds)
        outcome.num_pages = max(1, min(MAX_PAGE, -(-outcome.total // size)))
        outcome.page = min(self.params.page, outcome.num_pages)
        wanted = outcome.page * size
        hits = []
        for kind in kinds:
            objects = (
                found[kind]
                if found is not None
                else searches[kind].annotate_score("_score")[:wanted]
            )
            hits += [self.hit(kind, obj) for obj in objects[:wanted]]
        hits.sort(key=_better_first_key(backend))
        outcome.hits = hits[(outcome.page - 1) * size : wanted]
        labels = self.labels(outcome.hits, section_ids, section_paths)
        if buckets is not None:
            outcome.categories = facet_from_buckets(buckets, labels.categories)
        elif counts is not None:
            outcome.categories = facet_from_sections(counts, labels.categories)
        for hit in outcome.hits:
            hit.category = labels.title_of(parent_path(hit.page))
            hit.highlight = highlight(self.text_of(hit, outcome.terms), outcome.terms)
        return outcome

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
        paths = {parent_path(hit.page) for hit in hits} | set(section_paths)
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


def readable_text(block, value):
    """The text a visitor reads in a block, as Wagtail indexes it, without choice labels
    such as a heading's level or a callout's kind."""
    if isinstance(block, blocks.ChoiceBlock | ImageBlock) or value is None:
        # An image's value is the image itself, not its fields: its caption (a sibling
        # field of the figure) is the text a visitor reads.
        return []
    if isinstance(block, blocks.RichTextBlock):
        # Its stored HTML: the snippet strips the tags (faster than Wagtail's indexing text).
        return [value.source] if value else []
    if isinstance(block, blocks.StructBlock):
        return [
            text
            for name, child in block.child_blocks.items()
            for text in readable_text(child, value.get(name))
        ]
    if isinstance(block, blocks.ListBlock):
        return [text for item in value for text in readable_text(block.child_block, item)]
    return block.get_searchable_content(value)


_TAG = re.compile(r"<[^>]*>")


def text_of_html(html):
    """Text of trusted, already-sanitised HTML (rich text from the index): fast, for snippets."""
    return unescape(_TAG.sub(" ", html or ""))


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
