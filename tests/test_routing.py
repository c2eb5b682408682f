"""The one-query routing (``models/routing.py``) serves exactly what Wagtail's walk
served, with the same privacy: each case here goes through the new route, or through
Wagtail's walk where the new route leaves it (not found, not live, aliases,
translations), and is checked against what a visitor must get."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import BaseViewRestriction, Page, PageViewRestriction

from tests.factories import ArticlePageFactory, CategoryPageFactory, UserFactory
from tests.test_languages import translate
from tests.utils import soup, without_page_cache
from wagtail_helpcenter.models import ArticlePage
from wagtail_helpcenter.models.routing import pages_on_the_way

pytestmark = pytest.mark.django_db


def sign_in_redirect(response):
    return response.status_code == 302 and "login" in response["Location"]


@pytest.fixture
def staff(db):
    return UserFactory(username="agent", groups=[Group.objects.get(name="Editors")])


def test_one_query_finds_the_pages_on_the_way(help_center, category, article):
    pages_on_the_way(help_center, ["billing"], _types())  # content types, cached per process
    with CaptureQueriesContext(connection) as queries:
        found = pages_on_the_way(help_center, ["billing", "invoices"], _types())
    assert len(queries.captured_queries) == 1
    assert [type(page) for page in found] == [type(category), ArticlePage]
    assert [page.pk for page in found] == [category.pk, article.pk]
    assert found[1].get_parent().pk == category.pk  # cached: no query
    assert pages_on_the_way(help_center, ["billing", "nothing"], _types()) is None


def _types():
    from wagtail_helpcenter.models.pages import routed_page_types

    return routed_page_types()


def test_a_draft_category_is_not_found_though_wagtail_serves_the_live_article_below(
    client, category
):
    section = CategoryPageFactory(parent=category, title="Secret plans", slug="secret-plans")
    article = ArticlePageFactory(parent=section, title="Cancel", slug="cancel")
    Page.objects.get(pk=section.pk).specific.unpublish()
    assert client.get("/help/billing/secret-plans/").status_code == 404
    response = client.get("/help/billing/secret-plans/cancel/")
    assert response.status_code == 200  # as Wagtail's walk, which looks at the last page
    assert "Secret plans" not in response.content.decode()
    assert article.live


def test_a_draft_article_is_not_found(client, category):
    ArticlePageFactory(parent=category, slug="draft", live=False)
    assert client.get("/help/billing/draft/").status_code == 404
    assert client.get("/help/billing/draft/more/").status_code == 404
    assert client.get("/help/nothing/").status_code == 404


def test_an_internal_article_in_a_public_category_asks_visitors_to_sign_in(client, category, staff):
    ArticlePageFactory(parent=category, slug="escalation", audience="internal")
    assert sign_in_redirect(client.get("/help/billing/escalation/"))
    client.force_login(staff)
    assert client.get("/help/billing/escalation/").status_code == 200


def test_an_article_in_an_internal_category_asks_visitors_to_sign_in(
    client, internal_article, staff
):
    assert sign_in_redirect(client.get(internal_article.url))
    client.force_login(UserFactory(username="customer"))  # signed in, not staff
    assert sign_in_redirect(client.get(internal_article.url))
    client.force_login(staff)
    assert client.get(internal_article.url).status_code == 200


def test_a_password_section_asks_for_the_password(client, help_center):
    partners = CategoryPageFactory(parent=help_center, title="Partners", slug="partners")
    article = ArticlePageFactory(parent=partners, title="Partner pricing", slug="pricing")
    restriction = PageViewRestriction.objects.create(
        page=partners, restriction_type=BaseViewRestriction.PASSWORD, password="letmein"
    )
    response = client.get(article.url)
    assert response.status_code == 200 and "Partner pricing" not in response.content.decode()
    assert 'name="password"' in response.content.decode()
    session = client.session
    session[restriction.passed_view_restrictions_session_key] = [restriction.pk]
    session.save()
    assert "Partner pricing" in client.get(article.url).content.decode()


def test_an_alias_of_an_internal_article_in_a_public_category(client, category, internal_article):
    public = CategoryPageFactory(parent=category.get_parent(), title="Public", slug="public")
    alias = Page.objects.get(pk=internal_article.pk).create_alias(
        parent=Page.objects.get(pk=public.pk), update_slug="copied"
    )
    assert alias.url_path.endswith("/public/copied/")
    assert sign_in_redirect(client.get("/help/public/copied/"))


def test_an_untranslated_article_is_served_through_the_fallback(
    client, help_center, category, dutch
):
    translate(help_center.get_parent(), dutch)
    translate(help_center, dutch, title="Acme Hulp")
    translate(category, dutch, title="Facturering")
    ArticlePageFactory(parent=category, title="Change your plan", slug="plans")
    ArticlePageFactory(parent=category, slug="escalation", audience="internal")

    response = client.get("/nl/help/billing/plans/")
    assert soup(response).select_one("h1").get_text(strip=True) == "Change your plan"
    # Through the fallback, an internal article still asks visitors to sign in.
    assert sign_in_redirect(client.get("/nl/help/billing/escalation/"))
    assert client.get("/nl/help/billing/nothing/").status_code == 404


def test_an_internal_translation_asks_visitors_to_sign_in(client, help_center, category, dutch):
    translate(help_center.get_parent(), dutch)
    translate(help_center, dutch)
    translate(category, dutch)
    article = ArticlePageFactory(parent=category, slug="escalation", audience="internal")
    translate(article, dutch, title="Escalatie")
    assert sign_in_redirect(client.get("/nl/help/billing/escalation/"))


def test_the_help_center_routes_come_first(client, help_center, category):
    assert client.get("/help/search/").status_code == 200
    assert client.get("/help/feed/").status_code == 200


def test_a_restriction_made_during_the_request_is_seen_next_request(client, category, article):
    with without_page_cache():
        assert client.get(article.url).status_code == 200
        PageViewRestriction.objects.create(page=category, restriction_type="login")
        assert sign_in_redirect(client.get(article.url))
