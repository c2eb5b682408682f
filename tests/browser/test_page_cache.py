"""Cached pages in a real Chromium: the second visitor gets the first one's copy from the
page cache, and the forms on it are theirs (their CSRF token): a vote with JavaScript,
and one without it."""

import pytest

from wagtail_helpcenter.caching.pages import HIT_HEADER
from wagtail_helpcenter.models import Vote

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_article(page, live_server, article):
    response = page.goto(f"{live_server.url}{article.url}")
    return response.headers.get(HIT_HEADER.lower())


def test_a_vote_from_a_cached_page(page_in, live_server, help_center, article):
    assert open_article(page_in(), live_server, article) == "miss"
    reader = page_in()
    assert open_article(reader, live_server, article) == "hit"
    reader.get_by_role("button", name="Yes").click()
    reader.get_by_text("Thank you for your feedback.").wait_for()
    assert Vote.objects.get().helpful is True


def test_a_vote_without_javascript_from_a_cached_page(
    browser, page_in, live_server, help_center, article
):
    assert open_article(page_in(), live_server, article) == "miss"
    context = browser.new_context(java_script_enabled=False)
    try:
        reader = context.new_page()
        assert open_article(reader, live_server, article) == "hit"
        reader.get_by_role("button", name="No").click()
        reader.get_by_text("Thank you for your feedback.").wait_for()
        assert Vote.objects.get().helpful is False
    finally:
        context.close()
