"""The browser reports in a real Chromium: opening a search result counts its click and
position, leaving an article counts one read in its bucket, and the widget on another
origin reports the result opened."""

import time

import pytest
from django.test import override_settings
from django.utils import timezone

from tests.factories import ArticlePageFactory
from wagtail_helpcenter.models import FunnelDay, PageViewDay, SearchTermDay

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def articles(help_center, category):
    return [
        ArticlePageFactory(parent=category, title=f"Invoice help {n}", slug=f"invoice-{n}")
        for n in range(3)
    ]


def wait_for(condition, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def clicked():
    row = SearchTermDay.objects.filter(query="invoice", date=timezone.localdate()).first()
    return (row.clicks, row.clicked_positions) if row else None


def test_opening_a_result_counts_its_position(page_in, live_server, help_center, articles):
    page = page_in()
    page.goto(f"{live_server.url}{help_center.url}search/?q=invoice")
    page.locator("[data-hc-position='2']").click()
    page.wait_for_load_state()
    assert wait_for(lambda: clicked() == (1, 2))
    assert FunnelDay.objects.get().searches_with_click == 1


def test_leaving_an_article_counts_one_read(page_in, live_server, help_center, articles):
    page = page_in()
    page.goto(f"{live_server.url}{articles[0].url}")
    page.goto(f"{live_server.url}{help_center.url}")  # pagehide: a short read
    assert wait_for(lambda: PageViewDay.objects.filter(page=articles[0], short_reads=1).exists())
    row = PageViewDay.objects.get(page=articles[0])
    assert (row.medium_reads, row.long_reads) == (0, 0)


def test_the_widget_reports_the_result_opened(browser, live_server, help_center, articles):
    port = live_server.url.rsplit(":", 1)[1]
    with override_settings(WAGTAIL_HELPCENTER={"API_ORIGINS": [f"http://localhost:{port}"]}):
        page = browser.new_page()
        help_center_url = f"http://127.0.0.1:{port}{help_center.url}"
        page.goto(f"http://localhost:{port}/widget-page/?helpcenter={help_center_url}")
        page.get_by_role("button", name="Help").click()
        search_box = page.get_by_role("searchbox", name="Describe your question")
        search_box.fill("invoice")
        search_box.press("Enter")
        assert wait_for(lambda: SearchTermDay.objects.filter(query="invoice").exists())
        link = page.locator("[data-helpcenter-widget] li a").first
        link.wait_for()
        link.click()
        assert wait_for(lambda: clicked() == (1, 1))
        page.close()
