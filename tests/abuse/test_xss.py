"""Markup in every field a visitor or an editor fills in is shown as text (or cleaned):
comments, feedback comments, page titles and summaries, FAQ questions, imported HTML,
search queries. Each payload must come back inert: no script element, no event handler
attribute and no javascript: link of the attacker's."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils.html import escape

from tests.factories import ArticlePageFactory, FAQPageFactory, UserFactory, add_faq_items
from wagtail_helpcenter.discussions.actions import create_comment
from wagtail_helpcenter.importers.html import html_to_blocks
from wagtail_helpcenter.models import Vote

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "</textarea><script>alert(1)</script>",
    "{{ request.user }} {% now 'Y' %}",
]


def assert_inert(html):
    document = BeautifulSoup(html, "html.parser")
    for script in document.find_all("script"):
        text = script.string or ""
        if script.get("type") == "application/ld+json":
            assert "<" not in text, script  # data, with markup escaped as \u003c
        else:
            assert "alert" not in text, script
    for element in document.find_all(True):
        for name, value in element.attrs.items():
            if name.startswith("on"):
                raise AssertionError(f"event handler {name}={value!r} on <{element.name}>")
            if name in ("href", "src") and str(value).strip().lower().startswith("javascript:"):
                raise AssertionError(f"javascript: link on <{element.name}>")
    assert "request.user }}" not in html or "{{ request.user }}" in html  # never evaluated


@pytest.mark.parametrize("payload", PAYLOADS)
def test_editor_fields_render_inert(client, category, payload):
    article = ArticlePageFactory(parent=category, title=f"Title {payload}", summary=payload)
    # Rich text typed in Wagtail's editor is stored with the text escaped (pasted markup
    # goes through its converter, which keeps only the features it allows).
    answer = f"<p>{escape(payload)}</p>"
    faq = add_faq_items(FAQPageFactory(parent=category, title=payload), (payload, answer))
    for page in (article, faq, category):
        response = client.get(page.url)
        assert response.status_code == 200
        assert_inert(response.content.decode())


@pytest.mark.parametrize("payload", PAYLOADS)
def test_visitor_fields_render_inert(client, help_center, category, payload):
    article = ArticlePageFactory(parent=category, title="Invoices")
    create_comment(article, payload, name=payload, email="a@example.com")
    assert_inert(client.get(article.url).content.decode())
    search = client.get(f"{help_center.url}search/", {"q": payload})
    assert_inert(search.content.decode())
    Vote.objects.create(page=article, voter="x", helpful=False, reason="other", comment=payload)
    client.force_login(UserFactory(username="boss", is_superuser=True, is_staff=True))
    report = client.get(reverse("wagtail_helpcenter_feedback"))
    assert report.status_code == 200
    assert_inert(report.content.decode())


@pytest.mark.parametrize("payload", PAYLOADS)
def test_imported_html_is_cleaned(client, category, payload):
    converted = html_to_blocks(f"<p>Intro</p>{payload}<p>End</p>")
    article = ArticlePageFactory(parent=category, title="Imported", body=converted.blocks)
    assert_inert(client.get(article.url).content.decode())
