"""Pages render in a bounded number of SQL queries, whatever their size."""

import pytest
import wagtail_factories
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticlePageFactory, CategoryPageFactory
from tests.utils import soup, without_page_cache
from wagtail_helpcenter.listing import ARTICLE_COUNT_CAP
from wagtail_helpcenter.models import ArticleRelatedLink

pytestmark = pytest.mark.django_db

# Every page starts with Wagtail's routing from the site's root page: the Site, the
# visitor's Locale (the site is multilingual, as tests/settings.py sets it up), the help
# center by its slug and its specific page (4). Then ours: the rest of the URL with the
# page's translations for the language switcher (1, HelpCenterPageBase.route), and every
# view restriction with its groups (1), which serves both Wagtail's check of the page and
# the listings (visibility); the help center and the breadcrumbs are the pages routing
# loaded. The home page has neither of our routing query nor the translations in it:
# its translations (1), then its child categories with their capped article counts and
# its FAQ pages (1), and its promoted and recent articles (1).
MAX_HOME_QUERIES = 8
# Routing (5), restrictions (1), subcategories and FAQ pages (1), the articles' count and
# the page of them (2).
MAX_CATEGORY_QUERIES = 9
# Routing (5), restrictions (1), tags (1), the editor's picks (1) and the automatic related
# articles (1), the discussion's thread and its comments (2; the community rules are kept
# in the cache, see test_discussions_admin for a page with 200 comments), the body's
# images (1). A view is counted once per visitor and day (page_views.first_time_today):
# the warm-up request of count_queries counted it.
MAX_ARTICLE_QUERIES = 12
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


def home_queries(client, url):
    with without_page_cache():
        client.get(url)
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
    return context.captured_queries


def test_home_with_hundreds_of_articles_reads_only_what_it_shows(
    client, help_center, internal_article
):
    categories = [CategoryPageFactory(parent=help_center) for _ in range(3)]
    for category in categories:
        add_articles(category, 2)
    ArticlePageFactory(parent=categories[0], promoted=True)
    small = len(home_queries(client, help_center.url))
    for category in categories:
        add_articles(category, 100)
    ArticlePageFactory(parent=categories[2], promoted=True)
    queries = home_queries(client, help_center.url)
    assert len(queries) == small <= MAX_HOME_QUERIES

    articles = [
        q["sql"] for q in queries if '"wagtail_helpcenter_articlepage"."promoted"' in q["sql"]
    ]
    (listing,) = [sql for sql in articles if "LIMIT" in sql]
    assert listing.count("LIMIT") == 2  # the promoted ones and the recent ones
    (counts,) = [q["sql"] for q in queries if "helpcenter_capped_count" in q["sql"]]
    assert f"LIMIT {ARTICLE_COUNT_CAP}" in counts
    if connection.vendor != "sqlite":
        return
    # The recent articles are read from the index on last_published_at and the promoted
    # ones from the promoted articles' own index, never by scanning every page; the
    # categories count from their path's range.
    for sql in (listing, counts):
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            steps = [row[-1] for row in cursor.fetchall()]
        scans = [step for step in steps if step.startswith("SCAN") and "INDEX" not in step]
        scans = [step for step in scans if "helpcenter_capped_count" not in step]
        assert not scans, steps
        if sql is listing:
            assert any("helpcenter_page_published_idx" in step for step in steps), steps
            assert any("helpcenter_promoted_idx" in step for step in steps), steps
        else:
            assert any("(path>? AND path<?)" in step for step in steps), steps


def test_home_counts_articles_up_to_a_cap(client, help_center, monkeypatch):
    from wagtail_helpcenter import listing

    monkeypatch.setattr(listing, "ARTICLE_COUNT_CAP", 4)
    many = CategoryPageFactory(parent=help_center, title="Many")
    add_articles(many, 5)
    few = CategoryPageFactory(parent=help_center, title="Few")
    add_articles(few, 3)
    with without_page_cache():
        document = soup(client.get(help_center.url))
    counts = [
        card.select_one(".hc-meta").get_text(strip=True) for card in document.select(".hc-card")
    ]
    assert counts == ["3+ articles", "3 articles"]
