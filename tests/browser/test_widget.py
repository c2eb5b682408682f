"""The help widget end to end in a real headless Chromium (Debian's package, driven by
Playwright, which never downloads a browser of its own): it opens, searches the help
center on another origin as the visitor types, shows answers and closes, with CORS
allowing only the configured origins.

Run with ``make test-browser`` (part of ``make test``): HELPCENTER_CHROMIUM is the browser.
"""

import pytest
from django.test import override_settings

from tests.factories import ArticlePageFactory

# The browser talks to a live server thread: real transactions (see conftest.py).
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def articles(help_center, category, internal_category):
    ArticlePageFactory(
        parent=category, title="Download an invoice", summary="Get a PDF of any invoice."
    )
    ArticlePageFactory(parent=category, title="Request a refund", summary="Money back.")
    ArticlePageFactory(parent=internal_category, title="Invoice disputes (staff)")


def open_widget(browser, live_server, help_center):
    # The host page on "localhost", the help center on "127.0.0.1": two origins.
    port = live_server.url.rsplit(":", 1)[1]
    help_center_url = f"http://127.0.0.1:{port}{help_center.url}"
    page = browser.new_page()
    page.goto(f"http://localhost:{port}/widget-page/?helpcenter={help_center_url}")
    page.get_by_role("button", name="Help").click()
    return page


def test_widget_finds_answers_across_origins(browser, live_server, help_center, articles):
    port = live_server.url.rsplit(":", 1)[1]
    with override_settings(WAGTAIL_HELPCENTER={"API_ORIGINS": [f"http://localhost:{port}"]}):
        page = open_widget(browser, live_server, help_center)
        search_box = page.get_by_role("searchbox", name="Describe your question")
        assert search_box.evaluate("element => element === element.getRootNode().activeElement")
        search_box.press_sequentially("invoice", delay=30)
        first = page.get_by_role("link", name="Download an invoice")
        first.wait_for()
        results = page.locator("[data-helpcenter-widget] li a").all_inner_texts()
        assert results == ["Download an invoice"]  # never the internal article
        assert first.get_attribute("href").startswith(f"http://127.0.0.1:{port}/help/billing/")
        # The host page's CSS does not reach inside the widget.
        color = first.evaluate("element => getComputedStyle(element).color")
        assert color != "rgb(255, 0, 0)"
        assert page.get_by_role("link", name="Still need help? Contact us").is_visible()

        page.keyboard.press("Escape")
        assert page.get_by_role("dialog").is_hidden()
        toggle = page.get_by_role("button", name="Help")
        assert toggle.get_attribute("aria-expanded") == "false"
        assert toggle.evaluate("element => element === element.getRootNode().activeElement")


def test_an_origin_not_allowed_gets_no_answers(browser, live_server, help_center, articles):
    with override_settings(WAGTAIL_HELPCENTER={"API_ORIGINS": []}):
        page = open_widget(browser, live_server, help_center)
        page.get_by_role("searchbox", name="Describe your question").fill("invoice")
        page.get_by_text("Search is not available right now.").wait_for()
        assert page.locator("[data-helpcenter-widget] li").count() == 0
