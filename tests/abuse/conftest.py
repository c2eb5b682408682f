import pytest

from tests.factories import ArticlePageFactory, FAQPageFactory, add_faq_items


@pytest.fixture
def public_site(help_center, category, internal_article):
    """A help center with an article, a FAQ page and an internal article."""
    article = ArticlePageFactory(
        parent=category, title="Download an invoice", slug="invoices", summary="PDF invoices."
    )
    faq = add_faq_items(
        FAQPageFactory(parent=category, title="Billing FAQ", slug="faq"),
        ("When am I charged?", "<p>On renewal.</p>"),
    )
    return {
        "help_center": help_center,
        "article": article,
        "faq": faq,
        "internal": internal_article,
    }
