"""Facet counts by category: how many results sit in each top-level category.

A result's category facet is the page directly below its help center that holds it (a
top-level category). Elasticsearch/OpenSearch aggregate the ``helpcenter_section``
filter field indexed on articles and FAQ answers (in the same request as the hits, see
``engines.one_request``). On SQLite the fast database backend counts them exactly with
one GROUP BY over the matching pages' paths. Other database backends have no category
facet (an empty list).
"""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Substr
from wagtail.models import Page

from ..models import ArticlePage, FAQItem
from .backends.database import FastSQLiteSearchQueryCompiler


def section_id(path):
    """Id of the page directly below the nearest help center above ``path`` (None if the
    page is not inside a help center). Used when indexing; two small queries."""
    from ..models import HelpCenterPage

    ancestors = [path[: depth * Page.steplen] for depth in range(1, len(path) // Page.steplen)]
    depth = (
        HelpCenterPage.objects.filter(path__in=ancestors)
        .order_by("-depth")
        .values_list("depth", flat=True)
        .first()
    )
    if depth is None:
        return None
    return (
        Page.objects.filter(path=path[: (depth + 1) * Page.steplen])
        .values_list("pk", flat=True)
        .first()
    )


def _database_counts(results, model, help_center, backend):
    """``{top-level path: count}`` in one GROUP BY inside SQLite, or None when the
    backend cannot say (PostgreSQL/MySQL database backends, the index-less fallback)."""
    compiler = results.query_compiler
    if not isinstance(compiler, FastSQLiteSearchQueryCompiler) or not compiler._is_plain_match():
        return None
    prefix_length = (help_center.depth + 1) * Page.steplen
    path = "path" if model is ArticlePage else "page__path"
    # Driven by the matches, like the count: each one reads its object's path by key.
    object_path = Subquery(model.objects.filter(pk=OuterRef("object_pk")).values(path)[:1])
    rows = (
        compiler.match_rows(compiler.get_config(backend))
        .annotate(section=Substr(object_path, 1, prefix_length))
        .values("section")
        .annotate(count=Count("object_pk"))
        .order_by()
    )
    return {row["section"]: row["count"] for row in rows}


def _facet_list(totals, by_id):
    return [
        {"value": category_id, "label": by_id[category_id].title, "count": count}
        for category_id, count in sorted(totals.items(), key=lambda item: (-item[1], item[0]))
    ]


def facet_from_buckets(bucket_sets, categories):
    """The category facet from Elasticsearch/OpenSearch terms aggregations (one per kind)."""
    by_id = {category.pk: category for category in categories}
    totals = {}
    for buckets in bucket_sets:
        for value, count in buckets.items():
            # The engine returns the ids as keyword strings.
            category_id = int(value) if str(value).isdigit() else None
            if category_id in by_id:
                totals[category_id] = totals.get(category_id, 0) + count
    return _facet_list(totals, by_id)


def category_facet(searches, help_center, categories, backend):
    """The category facet on the database backend (``searches``: kind -> results)."""
    by_path = {category.path: category for category in categories}
    by_id = {category.pk: category for category in categories}
    totals = {}
    for kind, results in searches.items():
        model = ArticlePage if kind == "article" else FAQItem
        counted = _database_counts(results, model, help_center, backend)
        if counted is None:
            return []
        for path, count in counted.items():
            if path in by_path:
                category_id = by_path[path].pk
                totals[category_id] = totals.get(category_id, 0) + count
    return _facet_list(totals, by_id)
