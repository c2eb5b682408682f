"""Facet counts by category: how many results sit in each top-level category.

A result's category facet is the page directly below its help center that holds it (a
top-level category). Elasticsearch/OpenSearch aggregate the ``helpcenter_section``
filter field indexed on articles and FAQ answers (in the same request as the hits, see
``engines.search_together``). On SQLite the fast database backend counts them exactly with
one GROUP BY over the matching pages' paths, which also gives the totals. Other database
backends have no category facet (an empty list).
"""

from dataclasses import dataclass

from django.db.models.functions import Substr
from wagtail.models import Page

from ..ids import is_whole_number
from ..models.sections import section_id  # noqa: F401 - indexed by the models, named here


def section_counts(searches, help_center, backend, probes=None):
    """``{kind: {top-level path: count}}`` for ``searches`` (kind -> results), one
    GROUP BY per kind inside SQLite; the counts add up to each kind's total. None when
    the backend cannot group (PostgreSQL/MySQL database backends, the index-less
    fallback): those count with ``results.count()`` and have no category facet.
    ``probes`` (kind -> queryset) optionally gives a cheaper queryset letting the same
    objects through, to check each match against (see ``count_by``)."""
    probes = probes or {}
    prefix_length = (help_center.depth + 1) * Page.steplen
    counts = {}
    for kind, results in searches.items():
        compiler = results.query_compiler
        if (
            not hasattr(compiler, "count_by")  # our SQLite compiler (sqlite_fast)
            or not compiler._is_plain_match()
        ):
            return None
        path = "path" if kind == "article" else "page__path"
        counts[kind] = compiler.count_by(
            compiler.get_config(backend), Substr(path, 1, prefix_length), probes.get(kind)
        )
    return counts


class SectionLabels:
    """Titles of the pages that name a search's category facet and its hits' categories:
    light rows ``(pk, path, title, live, is_category)``. The facet offers the live
    categories directly below the help center."""

    def __init__(self, rows, help_center):
        # Only live pages are named: an unpublished category's title is not public.
        self.title_by_path = {path: title for _pk, path, title, live, _cat in rows if live}
        depth = help_center.depth + 1
        # Below this help center only: a result in its source language ("not translated
        # yet") sits in a category of another help center, which filtering this one by
        # would not find.
        self.categories = [
            Section(pk, path, title)
            for pk, path, title, live, is_category in rows
            if live
            and is_category
            and len(path) == depth * Page.steplen
            and path.startswith(help_center.path)
        ]

    def title_of(self, path):
        return self.title_by_path.get(path, "")


@dataclass(frozen=True)
class Section:
    pk: int
    path: str
    title: str


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
            category_id = int(value) if is_whole_number(str(value)) else None
            if category_id in by_id:
                totals[category_id] = totals.get(category_id, 0) + count
    return _facet_list(totals, by_id)


def facet_from_sections(counts, categories):
    """The category facet from ``section_counts``."""
    by_path = {category.path: category for category in categories}
    totals = {}
    for counted in counts.values():
        for path, count in counted.items():
            if path in by_path:
                category_id = by_path[path].pk
                totals[category_id] = totals.get(category_id, 0) + count
    return _facet_list(totals, {category.pk: category for category in categories})
