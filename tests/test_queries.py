"""Pages render in a bounded number of SQL queries, whatever their size."""

import pytest
import wagtail_factories
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticlePageFactory, CategoryPageFactory
from tests.utils import without_page_cache
from wagtail_helpcenter.models import ArticleRelatedLink

pytestmark = pytest.mark.django_db

# The test site is multilingual (as tests/settings.py sets it up): every page costs
# Wagtail one query for the visitor's locale (routing from the localized site root) and
# us one for the page's translations (language switcher and hreflang).
MAX_CATEGORY_QUERIES = 18
# 18, plus the UPDATE that counts the view and the query for automatic related articles,
# and the discussion (its state, its comments, the community rules; see test_discussions_admin
# for a page with 200 comments).
MAX_ARTICLE_QUERIES = 23
MAX_HOME_QUERIES = 15
# A signed-in request also loads its session, its user and the user's groups.
SIGNED_IN_EXTRA = 3


def count_queries(client, url, user=None):
    """The queries of rendering ``url`` (not of a copy from the page cache)."""
    if user:
        client.force_login(user)
    with without_page_cache():
        client.get(url)  # warm per-process caches (site root paths, renditions)
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def add_articles(category, count):
    for _ in range(count):
        ArticlePageFactory(parent=category)


@pytest.mark.parametrize("as_staff", [False, True])
def test_category_with_200_articles(
    client, help_center, category, internal_article, staff_user, as_staff
):
    user = staff_user if as_staff else None
    for _ in range(3):
        add_articles(CategoryPageFactory(parent=category), 2)
    add_articles(category, 20)
    small = count_queries(client, category.url, user)
    add_articles(category, 180)
    large = count_queries(client, category.url, user)
    assert large == small
    assert large <= MAX_CATEGORY_QUERIES + (SIGNED_IN_EXTRA if as_staff else 0)


def test_home_with_many_categories_and_articles(client, help_center, internal_article):
    category = CategoryPageFactory(parent=help_center)
    add_articles(category, 5)
    small = count_queries(client, help_center.url)
    for _ in range(10):
        add_articles(CategoryPageFactory(parent=help_center), 5)
    large = count_queries(client, help_center.url)
    assert large == small
    assert large <= MAX_HOME_QUERIES


def article_with(category, others, images, tags):
    body = [
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "decorative": False, "alt_text": "Screenshot"},
                "caption": "",
            },
        }
        for image in images
    ]
    article = ArticlePageFactory(parent=category, body=body)
    for other in others:
        article.related_links.add(ArticleRelatedLink(article=other))
    article.tags.add(*tags)
    article.save_revision().publish()
    return article


@override_settings(WAGTAIL_HELPCENTER={"RELATED_ARTICLES": 20})  # both fill up automatically
def test_article_page_in_a_category_of_200(client, category, internal_article):
    add_articles(category, 200)
    others = list(category.get_children().specific()[:10])
    images = [wagtail_factories.ImageFactory() for _ in range(5)]
    small = article_with(category, others[:1], images[:1], ["a"])
    large = article_with(
        category, [*others, internal_article], images, ["a", "b", "c", "d", "e", "f"]
    )
    small_count = count_queries(client, small.url)
    large_count = count_queries(client, large.url)
    assert large_count == small_count
    assert large_count <= MAX_ARTICLE_QUERIES


def test_rich_text_page_links_cost_one_query_whatever_their_number(
    client, category, internal_article
):
    targets = [ArticlePageFactory(parent=category) for _ in range(8)]
    links = "".join(f'<a linktype="page" id="{page.pk}">{page.title}</a> ' for page in targets)
    links += f'<a linktype="page" id="{internal_article.pk}">internal</a>'
    article = ArticlePageFactory(
        parent=category, body=[{"type": "paragraph", "value": f"<p>{links}</p>"}] * 9
    )
    with without_page_cache():
        client.get(article.url)
        with CaptureQueriesContext(connection) as context:
            client.get(article.url)
    linked = [
        query["sql"]
        for query in context.captured_queries
        if 'FROM "wagtailcore_page" WHERE "wagtailcore_page"."id" IN' in query["sql"]
    ]
    # The links of every block are looked up in one query, and the same pages serve
    # Wagtail's rewriting of each block (its own handler looked them up again per block).
    assert len(linked) == 1
