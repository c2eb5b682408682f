"""The read API: public pages only, pagination, caching headers, CORS, rate limit."""

from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    ArticlePageFactory,
    CategoryPageFactory,
    FAQPageFactory,
    add_faq_items,
    figure_block,
)

pytestmark = pytest.mark.django_db

ORIGIN = "https://shop.example.com"


def paragraph(html):
    return [{"type": "paragraph", "value": html}]


@pytest.fixture
def content(help_center, category, internal_category, internal_article):
    account = CategoryPageFactory(parent=help_center, title="Account", slug="account")
    link = f'<a linktype="page" id="{internal_article.pk}">the playbook</a>'
    invoice = ArticlePageFactory(
        parent=category,
        title="Download an invoice",
        slug="download-invoice",
        summary="Get a PDF.",
        body=paragraph(f"<p>Open <b>Billing</b>, then see {link}.</p>"),
    )
    invoice.tags.add("pdf")
    invoice.save_revision().publish()
    password = ArticlePageFactory(parent=account, title="Reset your password")
    draft = ArticlePageFactory(parent=category, title="Draft", live=False)
    faq = add_faq_items(
        FAQPageFactory(parent=category, title="Billing FAQ", slug="billing-faq"),
        ("When am I charged?", f"<p>On renewal; see {link}.</p>"),
    )
    return {
        "invoice": invoice,
        "password": password,
        "draft": draft,
        "faq": faq,
        "account": account,
        "internal": internal_article,
    }


def get(client, help_center, path, **params):
    return client.get(f"{help_center.url}api/{path}", params)


class TestContent:
    def test_categories(self, client, help_center, category, content):
        data = get(client, help_center, "categories/").json()
        assert [item["title"] for item in data["results"]] == ["Billing", "Account"]
        assert data["count"] == 2  # never the internal category
        assert data["results"][0]["url"] == "http://localhost/help/billing/"
        assert data["results"][0]["parent"] is None

    def test_articles_are_public_live_ones(self, client, staff_user, help_center, content):
        client.force_login(staff_user)  # the API is public: staff see what visitors see
        data = get(client, help_center, "articles/").json()
        titles = {item["title"] for item in data["results"]}
        assert titles == {"Download an invoice", "Reset your password"}
        invoice = next(item for item in data["results"] if item["title"] == "Download an invoice")
        assert invoice["tags"] == ["pdf"]
        assert invoice["category"] is not None

    def test_articles_of_a_category(self, client, help_center, content):
        account = content["account"]
        data = get(client, help_center, "articles/", category=account.pk).json()
        assert [item["title"] for item in data["results"]] == ["Reset your password"]

    def test_article_body_as_html_and_text(self, client, help_center, content):
        invoice = content["invoice"]
        data = get(client, help_center, f"articles/{invoice.pk}/").json()
        assert "<b>Billing</b>" in data["body_html"]
        assert data["body_text"] == "Open Billing, then see the playbook."
        # A link to an internal page is plain text, as for any visitor.
        assert content["internal"].url not in data["body_html"]
        assert "the playbook" in data["body_html"]

    def test_article_with_an_image(self, client, help_center, category):
        import wagtail_factories

        image = wagtail_factories.ImageFactory()
        figure = figure_block(image, caption="Where to click")
        article = ArticlePageFactory(
            parent=category, body=[figure, *paragraph("<p>Then save.</p>")]
        )
        data = get(client, help_center, f"articles/{article.pk}/").json()
        assert data["body_text"] == "Where to click\n\nThen save."
        assert 'alt="The menu"' in data["body_html"]

    def test_internal_and_draft_articles_are_404(self, client, staff_user, help_center, content):
        client.force_login(staff_user)
        for page in (content["internal"], content["draft"]):
            response = get(client, help_center, f"articles/{page.pk}/")
            assert response.status_code == 404
            assert response.json()["error"]

    def test_faq_items(self, client, help_center, content):
        data = get(client, help_center, "faq/").json()
        [item] = data["results"]
        assert item["question"] == "When am I charged?"
        assert item["url"].startswith("http://localhost/help/billing/billing-faq/#")
        assert content["internal"].url not in item["answer_html"]


class TestPaginationAndBadInput:
    def test_pages(self, client, help_center, category):
        for n in range(45):
            ArticlePageFactory(parent=category, title=f"Article {n}")
        first = get(client, help_center, "articles/").json()
        last = get(client, help_center, "articles/", page=3).json()
        beyond = get(client, help_center, "articles/", page=99).json()
        assert (first["count"], first["num_pages"], len(first["results"])) == (45, 3, 20)
        assert len(last["results"]) == 5
        assert beyond["page"] == 3

    @pytest.mark.parametrize(
        ("path", "params"),
        [
            ("articles/", {"page": "abc"}),
            ("articles/", {"page": "²"}),
            ("articles/", {"page": "-1"}),
            ("articles/", {"category": "x"}),
            ("articles/", {"category": "9" * 30}),
            ("articles/", {"category": "999999"}),
            ("faq/", {"page": "0"}),
        ],
    )
    def test_bad_parameters_are_400(self, client, help_center, content, path, params):
        response = get(client, help_center, path, **params)
        assert response.status_code == 400
        assert response.json()["error"]

    def test_internal_category_is_400(self, client, help_center, internal_category, content):
        response = get(client, help_center, "articles/", category=internal_category.pk)
        assert response.status_code == 400

    def test_only_get(self, client, help_center, content):
        assert client.post(f"{help_center.url}api/articles/").status_code == 405

    def test_queries_do_not_grow_with_articles(self, client, help_center, category):
        def queries():
            with CaptureQueriesContext(connection) as context:
                assert get(client, help_center, "articles/").status_code == 200
            return len(context.captured_queries)

        ArticlePageFactory(parent=category)
        get(client, help_center, "articles/")
        few = queries()
        for n in range(15):
            page = ArticlePageFactory(parent=category, title=f"More {n}")
            page.tags.add(f"tag-{n}")
            page.save_revision().publish()
        assert queries() == few


class TestHttp:
    def test_etag_and_last_modified(self, client, help_center, content):
        invoice = content["invoice"]
        response = get(client, help_center, f"articles/{invoice.pk}/")
        assert response["Last-Modified"]
        assert response["Cache-Control"] == "public, max-age=60"
        again = client.get(
            f"{help_center.url}api/articles/{invoice.pk}/",
            headers={"If-None-Match": response["ETag"]},
        )
        assert again.status_code == 304
        invoice.title = "Download any invoice"
        invoice.save_revision().publish()
        changed = client.get(
            f"{help_center.url}api/articles/{invoice.pk}/",
            headers={"If-None-Match": response["ETag"]},
        )
        assert changed.status_code == 200

    @override_settings(WAGTAIL_HELPCENTER={"API_ORIGINS": [ORIGIN]})
    def test_cors_only_for_configured_origins(self, client, help_center, content):
        allowed = client.get(f"{help_center.url}api/faq/", headers={"Origin": ORIGIN})
        assert allowed["Access-Control-Allow-Origin"] == ORIGIN
        assert "Origin" in [part.strip() for part in allowed["Vary"].split(",")]
        other = client.get(f"{help_center.url}api/faq/", headers={"Origin": "https://evil.example"})
        assert "Access-Control-Allow-Origin" not in other
        search = client.get(
            f"{help_center.url}search/",
            {"q": "invoice", "format": "json"},
            headers={"Origin": ORIGIN},
        )
        assert search["Access-Control-Allow-Origin"] == ORIGIN
        suggest = client.get(
            f"{help_center.url}search/suggest/", {"q": "inv"}, headers={"Origin": ORIGIN}
        )
        assert suggest["Access-Control-Allow-Origin"] == ORIGIN

    @override_settings(WAGTAIL_HELPCENTER={"API_REQUESTS_PER_MINUTE": 3})
    def test_rate_limit(self, client, help_center, content):
        statuses = [get(client, help_center, "faq/").status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        assert get(client, help_center, "faq/")["Retry-After"] == "60"


def test_widget_script_is_small_and_self_contained():
    from django.contrib.staticfiles import finders

    path = finders.find("wagtail_helpcenter/js/helpcenter-widget.js")
    source = Path(path).read_text(encoding="utf-8")
    assert len(source.encode()) < 15_000  # the budget is 15 kB minified; this is unminified
    assert "attachShadow" in source
    assert "http" not in source.replace("https://help.example.com", "").replace(
        "https://www.example.com", ""
    )  # no CDN or other outside resource
