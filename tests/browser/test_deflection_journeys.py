"""Deflection in a real Chromium: a visitor who gives up on an article and writes in
(suggestions as they type the subject, the thank-you page, the acknowledgement email),
and one whom a suggestion answers (counted as deflected, nothing sent)."""

import re

import pytest
from django.core import mail

from tests.browser.test_beacons import wait_for
from tests.factories import ArticlePageFactory
from wagtail_helpcenter.models import ContactRequest, FunnelDay, PageViewDay

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def invoices(help_center, category):
    # No contact link of its own: "Still need help?" opens the built-in form.
    help_center.contact_url = ""
    help_center.save_revision().publish()
    return ArticlePageFactory(
        parent=category, title="Download an invoice", slug="download-invoice",
        summary="Invoices are under Billing, as PDF.",
    )  # fmt: skip


def open_contact_form(page, live_server, article):
    page.goto(f"{live_server.url}{article.url}")
    page.get_by_role("link", name="Contact support").click()
    page.wait_for_url(re.compile(r"/contact/\?from=\d+$"))


def test_a_visitor_who_gives_up_writes_in(page_in, live_server, help_center, invoices):
    page = page_in()
    open_contact_form(page, live_server, invoices)
    page.get_by_label("Your name").fill("Ana Souza")
    page.get_by_label("Your email").fill("ana@example.com")
    page.get_by_label("Subject").press_sequentially("invoice vat number", delay=20)
    suggestions = page.locator("#hc-contact-suggestions a")
    suggestions.first.wait_for()
    assert suggestions.first.inner_text().startswith("Download an invoice")
    page.get_by_label("How can we help?").fill("Our VAT number changed in March.")
    page.screenshot(path="screenshots/contact-form.png", full_page=True)
    page.get_by_role("button", name="Send request").click()
    page.get_by_role("heading", name="Thank you, your request was sent").wait_for()
    page.screenshot(path="screenshots/contact-sent.png", full_page=True)

    request = ContactRequest.objects.get()
    assert (request.subject, request.source_page_id) == ("invoice vat number", invoices.pk)
    acknowledgement = next(email for email in mail.outbox if email.to == ["ana@example.com"])
    assert "within 24 hours" in acknowledgement.body
    funnel = FunnelDay.objects.get()
    assert (funnel.contact_opened, funnel.contact_sent, funnel.suggestion_opened) == (1, 1, 0)
    assert PageViewDay.objects.get(page=invoices).contacts == 1


def test_a_suggestion_that_answers_is_a_deflection(page_in, live_server, help_center, invoices):
    page = page_in()
    open_contact_form(page, live_server, invoices)
    page.get_by_label("Subject").press_sequentially("download invoice", delay=20)
    suggestion = page.locator("#hc-contact-suggestions a").first
    suggestion.wait_for()
    with page.context.expect_page() as opened:
        suggestion.click()
    opened.value.wait_for_load_state()
    assert wait_for(lambda: FunnelDay.objects.filter(suggestion_opened=1).exists())
    funnel = FunnelDay.objects.get()
    assert (funnel.contact_sent, funnel.suggestion_then_sent) == (0, 0)
    assert not ContactRequest.objects.exists()
