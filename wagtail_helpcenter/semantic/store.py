"""The passages' vectors in memory, one matrix per language, and the nearest ones to a
question.

Each worker process keeps the vectors as int8 with a scale per row (a quarter of the
memory of float32: about 390 bytes per passage with a 384-dimension model, ~20 MB for
50,000 passages; and turning int8 into float32 to score them is five times faster than
float16: 4 ms against 20 ms for 10,000 passages, measured), and
reloads them when the shared generation changes: every change to passages bumps it in
Django's cache, so a worker sees a publish on its next search. (The cache must be
shared between workers, see check W003; with a per-process cache other workers reload
only when their own copy of the generation expires.)
"""

import threading
import uuid
from dataclasses import dataclass

import numpy as np
from django.core.cache import cache

from ..models import Passage

GENERATION_KEY = "wagtail_helpcenter:passages:generation"
GENERATION_SECONDS = 24 * 3600
SCORE_CHUNK_ROWS = 8192  # int8 rows turned into float32 at a time while scoring


def bump_generation():
    cache.set(GENERATION_KEY, uuid.uuid4().hex, GENERATION_SECONDS)


def current_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        # Another worker may have set one meanwhile: keep theirs.
        if not cache.add(GENERATION_KEY, generation, GENERATION_SECONDS):
            generation = cache.get(GENERATION_KEY) or generation
    return generation


@dataclass
class Nearest:
    passage_id: int
    page_id: int
    faq_item_id: int | None
    locale_id: int
    score: float


def unit(vectors):
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.maximum(norms, 1e-6)


class LocaleVectors:
    """The passages of one language, centred on the mean of all passages (see
    ``VectorStore``)."""

    def __init__(self, rows, mean):
        self.passage_ids = np.array([row[0] for row in rows], dtype=np.int64)
        self.page_ids = np.array([row[1] for row in rows], dtype=np.int64)
        self.faq_item_ids = np.array([row[2] or 0 for row in rows], dtype=np.int64)
        centred = np.empty((len(rows), len(mean)), dtype=np.float32)
        for index, row in enumerate(rows):
            centred[index] = unit(np.frombuffer(row[3], dtype="<f4") - mean)
        # Each row in int8, scaled so its largest component is 127 (the error on a score
        # is under 0.01, far below the thresholds' steps).
        largest = np.maximum(np.abs(centred).max(axis=1), 1e-6)
        self.scales = (largest / 127).astype(np.float32)
        self.matrix = np.round(centred / self.scales[:, None]).astype(np.int8)

    def scores(self, vector, rows=None):
        """Similarity of ``vector`` with every passage (or the passages ``rows``)."""
        matrix = self.matrix if rows is None else self.matrix[rows]
        scales = self.scales if rows is None else self.scales[rows]
        out = np.empty(len(matrix), dtype=np.float32)
        for start in range(0, len(matrix), SCORE_CHUNK_ROWS):
            chunk = matrix[start : start + SCORE_CHUNK_ROWS].astype(np.float32)
            out[start : start + len(chunk)] = chunk @ vector
        return out * scales


class VectorStore:
    """The vectors of one embedder, loaded on first use and after every change.

    Models of the E5 family give every text a large shared component: any question is
    0.8 similar to any passage, and a few "hub" passages come close to every question.
    The passages are therefore centred on their mean and the question on the mean of
    generic questions (``retrieval.query_mean``) before comparing them, which separates
    what a passage says from what all passages share (measured in
    benchmarks/results/relevance.md). Scores are then about 0 for unrelated texts.
    """

    def __init__(self, identity):
        self.identity = identity
        self.generation = None
        self.by_locale = {}
        self.lock = threading.Lock()

    def _load(self):
        rows = Passage.objects.filter(embedded_by=self.identity).values_list(
            "pk", "page_id", "faq_item_id", "vector", "locale_id"
        )
        grouped = {}
        dimensions, total = None, None
        for passage_id, page_id, faq_item_id, vector, locale_id in rows.iterator(chunk_size=2000):
            vector = bytes(vector)
            size = len(vector) // 4
            if dimensions is None:
                dimensions, total = size, np.zeros(size, dtype=np.float64)
            if size != dimensions:  # left by another model of the same name: skip it
                continue
            total += np.frombuffer(vector, dtype="<f4")
            grouped.setdefault(locale_id, []).append((passage_id, page_id, faq_item_id, vector))
        count = sum(len(locale_rows) for locale_rows in grouped.values())
        mean = (total / count).astype(np.float32) if count else None
        self.by_locale = {
            locale_id: LocaleVectors(locale_rows, mean)
            for locale_id, locale_rows in grouped.items()
        }

    def refresh(self):
        generation = current_generation()
        if generation != self.generation:
            with self.lock:
                if generation != self.generation:
                    self._load()
                    self.generation = generation

    def nearest(self, vector, locale_ids, limit, min_score):
        """The ``limit`` best passages in ``locale_ids`` with a score of at least
        ``min_score``, best first."""
        self.refresh()
        found = []
        for locale_id in locale_ids:
            vectors = self.by_locale.get(locale_id)
            if vectors is None or not len(vectors.matrix):
                continue
            if vectors.matrix.shape[1] != len(vector):
                continue  # vectors of another size than the question's: not comparable
            scores = vectors.scores(vector)
            count = min(limit, len(scores))
            best = np.argpartition(-scores, count - 1)[:count]
            found += [
                Nearest(
                    int(vectors.passage_ids[i]),
                    int(vectors.page_ids[i]),
                    int(vectors.faq_item_ids[i]) or None,
                    locale_id,
                    float(scores[i]),
                )
                for i in best
                if scores[i] >= min_score
            ]
        found.sort(key=lambda near: -near.score)
        return found[:limit]

    def best_scores(self, vector, locale_ids, page_ids, faq_item_ids):
        """``{("article", page_id) or ("faq", faq_item_id): best passage score}`` for the
        given pages (their article passages) and FAQ answers."""
        self.refresh()
        pages = np.array(list(page_ids), dtype=np.int64)
        items = np.array(list(faq_item_ids), dtype=np.int64)
        best = {}
        for locale_id in locale_ids:
            vectors = self.by_locale.get(locale_id)
            if vectors is None or vectors.matrix.shape[1] != len(vector):
                continue
            rows = np.flatnonzero(
                (np.isin(vectors.page_ids, pages) & (vectors.faq_item_ids == 0))
                | np.isin(vectors.faq_item_ids, items[items > 0])
            )
            if not len(rows):
                continue
            scores = vectors.scores(vector, rows)
            for row, row_score in zip(rows, scores, strict=True):
                item_id = int(vectors.faq_item_ids[row])
                key = ("faq", item_id) if item_id else ("article", int(vectors.page_ids[row]))
                best[key] = max(best.get(key, -1.0), float(row_score))
        return best

    def memory_bytes(self):
        return sum(
            vectors.matrix.nbytes + vectors.scales.nbytes + vectors.passage_ids.nbytes * 3
            for vectors in self.by_locale.values()
        )


_stores = {}
_stores_lock = threading.Lock()


def store_for(embedder):
    with _stores_lock:
        if embedder.identity not in _stores:
            _stores[embedder.identity] = VectorStore(embedder.identity)
        return _stores[embedder.identity]
