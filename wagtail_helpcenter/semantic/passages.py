"""Splitting pages into passages and keeping their vectors in step with what is published.

A passage is what a quick answer quotes and what semantic search compares a question
with: an article's introduction (its summary and the blocks before the first heading),
then one passage per heading, up to the next one; each FAQ answer is one passage. A
long section is cut into pieces of about ``MAX_PASSAGE_WORDS`` words under the same
heading, so each fits the model's window.

Only the live version of a page has passages. Who may read one is decided when searching,
from its page (live, privacy, audience): these functions never decide visibility.
"""

import hashlib
import logging
from dataclasses import dataclass

import numpy as np
from django.db import transaction

from ..body_text import readable_text, text_of_html
from ..importers.html import plain_text
from ..models import ArticlePage, FAQPage, Passage
from .embedders import EmbeddingError, get_embedder
from .store import bump_generation

logger = logging.getLogger(__name__)

MAX_PASSAGE_WORDS = 180
EMBED_BATCH = 16


@dataclass
class PassageText:
    anchor: str
    heading: str
    text: str
    faq_item_id: int | None = None


def _pieces(words):
    for start in range(0, len(words), MAX_PASSAGE_WORDS):
        yield " ".join(words[start : start + MAX_PASSAGE_WORDS])


def article_passages(article):
    """``[PassageText]`` of an article, in reading order."""
    sections = [["", "", [article.summary or ""]]]
    for child in article.body:
        if child.block_type == "heading":
            sections.append([child.value.anchor_id, child.value["text"], []])
            continue
        sections[-1][2] += [text_of_html(text) for text in readable_text(child.block, child.value)]
    passages = []
    for anchor, heading, texts in sections:
        words = " ".join(texts).split()
        if not words and not heading:
            continue
        for piece in _pieces(words) if words else [""]:
            passages.append(PassageText(anchor, heading, piece))
    return passages


def faq_passages(faq_page):
    return [
        PassageText(item.anchor, "", plain_text(item.answer), faq_item_id=item.pk)
        for item in faq_page.faq_items.all()
    ]


def embedded_text(title, passage):
    """What the model reads for a passage: where it is, then what it says."""
    return "\n".join(part for part in (title, passage.heading, passage.text) if part)


def wanted_passages(page):
    """The passages ``page`` should have now: none unless it is a live article or FAQ
    page."""
    page = page.specific
    if not page.live:
        return []
    if isinstance(page, ArticlePage):
        return [(page.title, passage) for passage in article_passages(page)]
    if isinstance(page, FAQPage):
        questions = {item.pk: item.question for item in page.faq_items.all()}
        return [(questions[passage.faq_item_id], passage) for passage in faq_passages(page)]
    return []


def digest_of(text):
    return hashlib.sha256(text.encode()).hexdigest()


def sync_page(page):
    """Make ``page``'s passages match what it says now; a changed passage loses its
    vector (``embed_missing`` makes a new one). Returns the number of passages changed."""
    wanted = wanted_passages(page)
    existing = {passage.position: passage for passage in Passage.objects.filter(page=page)}
    changed = 0
    with transaction.atomic():
        for position, (title, passage) in enumerate(wanted):
            text = embedded_text(title, passage)
            digest = digest_of(text)
            row = existing.pop(position, None)
            fields = {
                "faq_item_id": passage.faq_item_id,
                "locale_id": page.locale_id,
                "anchor": passage.anchor[:100],
                "heading": passage.heading[:255],
                "text": passage.text,
            }
            if row is None:
                Passage.objects.create(page_id=page.pk, position=position, digest=digest, **fields)
                changed += 1
            elif row.digest != digest or any(getattr(row, k) != v for k, v in fields.items()):
                if row.digest != digest:
                    fields.update(digest=digest, vector=None, embedded_by="")
                Passage.objects.filter(pk=row.pk).update(**fields)
                changed += 1
        if existing:
            Passage.objects.filter(pk__in=[row.pk for row in existing.values()]).delete()
            changed += len(existing)
    if changed:
        bump_generation()
    return changed


def texts_to_embed(embedder):
    """Passages without a vector from ``embedder``, as a queryset."""
    return Passage.objects.exclude(embedded_by=embedder.identity).select_related("page", "faq_item")


def embed_missing(embedder=None, batch_size=EMBED_BATCH, progress=None, page_ids=None):
    """Embed every passage that has no vector from ``embedder`` (the configured one by
    default), in batches, each saved as soon as it is made: an interrupted run resumes
    where it stopped. Returns the number embedded. ``progress(done)`` is called after
    each batch. A failing or misbehaving embedder raises EmbeddingError and leaves the
    passages already saved alone."""
    embedder = embedder or get_embedder()
    if embedder is None:
        return 0
    queryset = texts_to_embed(embedder).order_by("pk")
    if page_ids is not None:
        queryset = queryset.filter(page_id__in=page_ids)
    done, last_pk = 0, 0
    while True:
        batch = list(queryset.filter(pk__gt=last_pk)[:batch_size])
        if not batch:
            break
        last_pk = batch[-1].pk
        texts = [embedded_text(passage.title, passage) for passage in batch]
        vectors = embedder.embed_passages(texts)
        for passage, vector in zip(batch, vectors, strict=True):
            # Only if the passage still says what was embedded (an editor may have
            # published again meanwhile).
            Passage.objects.filter(pk=passage.pk, digest=passage.digest).update(
                vector=np.asarray(vector, dtype="<f4").tobytes(), embedded_by=embedder.identity
            )
        done += len(batch)
        bump_generation()
        if progress:
            progress(done)
    return done


def refresh_page(page):
    """Sync one page's passages and embed the new ones; embedding errors are logged,
    never raised: a page is published whether or not its vectors could be made."""
    sync_page(page)
    try:
        embed_missing(page_ids=[page.pk])
    except EmbeddingError as error:
        logger.warning(
            "Could not embed the passages of page %s (%s); semantic search will miss them "
            "until `manage.py helpcenter_embed` runs.",
            page.pk,
            error,
        )


def pages_with_passages():
    """Every page that should have passages: the live articles and FAQ pages."""
    from wagtail.models import Page

    return Page.objects.live().type(ArticlePage, FAQPage).order_by("pk")


def plan(pages):
    """``(passages wanted, passages whose text changed or are new, stale passages)``
    for ``pages``, computed without writing anything (``helpcenter_embed --dry-run``)."""
    wanted = changed = 0
    keep = set()
    digests, existing = {}, {}
    for pk, page_id, position, digest in Passage.objects.values_list(
        "pk", "page_id", "position", "digest"
    ):
        digests[pk] = digest
        existing[(page_id, position)] = pk
    for page in pages:
        for position, (title, passage) in enumerate(wanted_passages(page)):
            wanted += 1
            pk = existing.get((page.pk, position))
            keep.add(pk)
            if pk is None or digests[pk] != digest_of(embedded_text(title, passage)):
                changed += 1
    stale = len(set(existing.values()) - keep)
    return wanted, changed, stale


def remove_stale(live_page_ids):
    """Delete the passages of pages that are no longer live articles or FAQ pages."""
    deleted, _by_model = Passage.objects.exclude(page_id__in=live_page_ids).delete()
    return deleted
