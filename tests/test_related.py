"""Related articles below an article, on the database backend and on OpenSearch
(``make test`` runs this module on both, like test_search)."""

import pytest
from django.conf import settings
from django.test import override_settings

from tests.factories import ArticlePageFactory, CategoryPageFactory
from tests.utils import soup
from wagtail_helpcenter.models import ArticleRelatedLink
from wagtail_helpcenter.related import related_articles

pytestmark = [pytest.mark.search, pytest.mark.django_db, pytest.mark.usefixtures("search_index")]

ON_OPENSEARCH = settings.SEARCH_ENGINE == "opensearch"


def paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


def related_titles(client, article):
    document = soup(client.get(article.url))
    return [a.get_text(strip=True) for a in document.select(".hc-related a")]


@pytest.fixture
def library(help_center, category, internal_category, site_home):
    """Two articles about invoices in one category, one about passwords in another that
    shares a tag with the first, an internal one about invoices, and an invoice article
    in another help center."""
    from tests.factories import HelpCenterPageFactory

    account = CategoryPageFactory(parent=help_center, title="Account")
    text = "Download an invoice as a PDF from the billing settings, every invoice month."
    pages = {
        "invoice": ArticlePageFactory(
            parent=category, title="Download an invoice", body=paragraph(text)
        ),
        "invoice_copy": ArticlePageFactory(
            parent=category, title="Get a copy of an invoice", body=paragraph(text)
        ),
        "password": ArticlePageFactory(
            parent=account,
            title="Reset your password",
            body=paragraph("Forgot your password? Ask for a reset link by email."),
        ),
        "internal": ArticlePageFactory(
            parent=internal_category, title="Invoice disputes (staff)", body=paragraph(text)
        ),
        "other": ArticlePageFactory(
            parent=CategoryPageFactory(
                parent=HelpCenterPageFactory(parent=site_home, title="Other", slug="other")
            ),
            title="Invoices in the other product",
            body=paragraph(text),
        ),
    }
    for tagged in (pages["invoice"], pages["password"]):
        tagged.tags.add("billing-docs")
        tagged.save_revision().publish()
    if ON_OPENSEARCH:
        from wagtail.search.backends import get_search_backend

        get_search_backend().refresh_indexes()
    return pages


def test_editors_picks_come_first(client, library):
    invoice = library["invoice"]
    invoice.related_links.add(ArticleRelatedLink(article=library["password"]))
    invoice.save_revision().publish()
    titles = related_titles(client, invoice)
    assert titles[0] == "Reset your password"
    assert titles.count("Reset your password") == 1


def test_automatic_related_articles(client, library):
    titles = related_titles(client, library["invoice"])
    if ON_OPENSEARCH:
        # "More like this": the article with the same words first.
        assert titles[0] == "Get a copy of an invoice"
    else:
        # Category and tags: the article sharing a tag first.
        assert titles[0] == "Reset your password"
    assert "Get a copy of an invoice" in titles
    assert "Download an invoice" not in titles


def test_never_internal_or_from_another_help_center(client, staff_user, library):
    visitor_titles = related_titles(client, library["invoice"])
    assert visitor_titles
    assert "Invoice disputes (staff)" not in visitor_titles
    assert "Invoices in the other product" not in visitor_titles
    client.force_login(staff_user)
    assert "Invoices in the other product" not in related_titles(client, library["invoice"])


@override_settings(WAGTAIL_HELPCENTER={"RELATED_ARTICLES": 0})
def test_zero_turns_automatic_ones_off(client, rf, library):
    invoice = library["invoice"]
    assert related_articles(rf.get("/"), invoice) == []
    invoice.related_links.add(ArticleRelatedLink(article=library["password"]))
    invoice.save_revision().publish()
    assert related_titles(client, invoice) == ["Reset your password"]


@pytest.mark.skipif(not ON_OPENSEARCH, reason="the engine's failure")
def test_engine_failure_falls_back_to_category_and_tags(client, library, caplog, monkeypatch):
    from opensearchpy import OpenSearch
    from opensearchpy.exceptions import ConnectionError as EngineDown

    def down(*args, **kwargs):
        raise EngineDown("N/A", "engine down", None)

    monkeypatch.setattr(OpenSearch, "search", down)
    titles = related_titles(client, library["invoice"])
    assert titles[0] == "Reset your password"
    assert "search engine failed" in caplog.text
