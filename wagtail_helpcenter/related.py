"""Related articles at the end of an article: the editor's picks first, then automatic ones.

Automatic ones come from the search engine's "more like this" on Elasticsearch/OpenSearch,
and on the database backend from the article's own category and tags (articles sharing
the most tags first, then those in the same category). Either way, only live articles of
the same help center and language that the request may view.
"""

import logging
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Q, Value, When
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from .conf import get_config
from .models import ArticlePage
from .search.query import _uses_elasticsearch_dsl
from .visibility import get_visibility, visible_pages

logger = logging.getLogger(__name__)

# "More like this" candidates asked of the engine per article shown: some may be
# filtered out afterwards (internal, another help center).
ENGINE_OVERFETCH = 4


def editors_picks(request, article):
    """The picks this request may view. Picks are kept in sync across translations (they
    name the source-language articles): on a translation, each is shown in the
    article's language when it is translated, else as it is."""
    visibility = get_visibility(request)
    picks = [link.article for link in article.related_links.select_related("article")]
    translated = {}
    if any(pick.locale_id != article.locale_id for pick in picks):
        translated = {
            page.translation_key: page
            for page in ArticlePage.objects.live().filter(
                locale_id=article.locale_id,
                translation_key__in=[pick.translation_key for pick in picks],
            )
            if visibility.can_view(page)
        }
    shown = (translated.get(pick.translation_key, pick) for pick in picks)
    return [pick for pick in shown if pick.live and visibility.can_view(pick)]


def candidates(request, article, help_center):
    """Articles that may be suggested below ``article``."""
    queryset = ArticlePage.objects.descendant_of(help_center).filter(locale_id=article.locale_id)
    return visible_pages(request, queryset).exclude(pk=article.pk)


def by_category_and_tags(request, article, context, exclude, limit):
    tag_ids = [tag.pk for tag in context.tags if tag.pk]
    parent_path = article.path[: -ArticlePage.steplen]
    same_category = Q(path__startswith=parent_path, depth=article.depth)
    return list(
        candidates(request, article, context.help_center)
        .exclude(pk__in=exclude)
        .filter(same_category | Q(tags__in=tag_ids))
        .annotate(
            shared_tags=Count("tags", filter=Q(tags__in=tag_ids), distinct=True),
            in_category=Case(
                When(same_category, then=Value(1)), default=Value(0), output_field=IntegerField()
            ),
        )
        .order_by("-shared_tags", "-in_category", "-last_published_at", "path")[:limit]
    )


def more_like_this(request, article, context, exclude, limit, backend):
    """The engine's "more like this" for ``article``, filtered through the database."""
    index = backend.get_index_for_model(ArticlePage)
    mapping = index.mapping_class(ArticlePage)
    body = {
        "query": {
            "bool": {
                "must": {
                    "more_like_this": {
                        "like": [{"_index": index.name, "_id": mapping.get_document_id(article)}],
                        "min_term_freq": 1,
                        "min_doc_freq": 1,
                        "max_query_terms": 25,
                    }
                },
                "filter": {"match": {"_django_content_type": mapping.get_content_type()}},
            }
        },
        "size": (limit + len(exclude)) * ENGINE_OVERFETCH,
        "_source": False,
        "stored_fields": ["pk"],
    }
    if backend.use_new_elasticsearch_api:
        response = backend.es.search(index=index.name, **body)
    else:
        response = backend.es.search(index=index.name, body=body)
    ranked = [int(hit["fields"]["pk"][0]) for hit in response["hits"]["hits"]]
    allowed = candidates(request, article, context.help_center).exclude(pk__in=exclude)
    allowed = allowed.in_bulk(ranked)
    return [allowed[pk] for pk in ranked if pk in allowed][:limit]


def automatic(request, article, context, exclude, limit):
    backend = get_search_backend()
    if _uses_elasticsearch_dsl(backend) and article.pk:
        try:
            return more_like_this(request, article, context, exclude, limit, backend)
        except Exception as error:  # the engine's client raises many kinds of errors
            logger.warning(
                "Related articles: the search engine failed (%s: %s); using category and tags.",
                type(error).__name__,
                error,
            )
    return by_category_and_tags(request, article, context, exclude, limit)


@dataclass
class ArticleContext:
    """What the article page has already loaded: the related lookups reuse it."""

    help_center: Page
    tags: list


def related_articles(request, article, help_center=None, tags=None):
    """The editor's picks, then automatic ones up to RELATED_ARTICLES in all.

    ``tags``: the article's tags as shown (a preview shows them before they are saved).
    """
    limit = get_config()["RELATED_ARTICLES"]
    picks = editors_picks(request, article)
    if len(picks) >= limit:
        return picks
    context = ArticleContext(
        help_center=help_center or article.get_help_center(),
        tags=list(article.tags.all()) if tags is None else tags,
    )
    exclude = [article.pk, *(pick.pk for pick in picks)]
    return picks + automatic(request, article, context, exclude, limit - len(picks))
