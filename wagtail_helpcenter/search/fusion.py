"""Lexical and semantic rankings fused into one, by reciprocal rank fusion.

Each list gives a hit ``1 / (RRF_K + rank)``; a hit found by both adds the two. Ranks,
not scores, are fused: bm25 and cosine similarity are not on one scale, and bm25's is not
even comparable between two queries. ``RRF_K`` was chosen on the relevance benchmark
(benchmarks/results/relevance.md).
"""

RRF_K = 20
# A lexical hit whose meaning is far from the question's (its best passage scores below
# the semantic threshold) counts for this share of its lexical rank: a page that only
# shares a common word ("get", "do") with a question comes after the pages that answer it.
OFF_TOPIC_WEIGHT = 0.5


def hit_id(hit):
    # An FAQ answer is its own result: two answers of one page are two hits.
    return hit.item_id if hit.kind == "faq" else hit.page.pk


def fuse(lexical, semantic, k=RRF_K, off_topic=frozenset()):
    """``(ranked, added)``: the hits of both lists, best first, with the semantic hit's
    passage and score kept on a hit both found; ``added`` the hits only semantic search
    found (they add to the totals). ``off_topic``: keys ``(kind, id)`` of lexical hits
    whose meaning is far from the question's (weighed by ``OFF_TOPIC_WEIGHT``)."""
    scores, by_key, order = {}, {}, []
    for rank, hit in enumerate(lexical):
        key = (hit.kind, hit_id(hit))
        by_key[key] = hit
        order.append(key)
        weight = OFF_TOPIC_WEIGHT if key in off_topic else 1.0
        scores[key] = weight / (k + rank + 1)
    added = []
    for rank, hit in enumerate(semantic):
        key = (hit.kind, hit_id(hit))
        if key in by_key:
            known = by_key[key]
            known.passage, known.semantic_score = hit.passage, hit.semantic_score
            known.other_language = known.other_language or hit.other_language
        else:
            by_key[key] = hit
            order.append(key)
            added.append(hit)
            scores[key] = 0.0
        scores[key] += 1 / (k + rank + 1)
    position = {key: index for index, key in enumerate(order)}
    order.sort(key=lambda key: (-scores[key], position[key]))
    return [by_key[key] for key in order], added
