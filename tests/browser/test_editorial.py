"""An editor writes an article from a template in Chromium: chooses the template, sees
the style guide beside the editor, saves a draft and reads the writing checks."""

import re

import pytest
from django.contrib.auth.models import Group

from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_journeys import sign_in
from tests.factories import UserFactory
from wagtail_helpcenter.models import ArticlePage, StyleGuide

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_writes_an_article_from_a_template(page_in, live_server, help_center, category):
    StyleGuide.objects.create(
        title="Acme style guide",
        body="<p>Write for a customer in a hurry: short sentences, one idea each.</p>",
    )
    editor = UserFactory(
        username="editor", is_staff=True, is_superuser=True,
        groups=[Group.objects.get(name="Editors")],
    )  # fmt: skip
    editor.set_password("password")
    editor.save()
    page = page_in()
    sign_in(page, live_server, "editor")
    page.goto(f"{live_server.url}/admin/pages/add/wagtail_helpcenter/articlepage/{category.pk}/")
    page.get_by_text("Read the Acme style guide first").wait_for()
    page.screenshot(path=str(SCREENSHOTS / "admin-choose-template.png"), full_page=True)
    page.get_by_role("link", name=re.compile("^Troubleshooting")).click()

    # Wagtail's editor, with the template's sections in the body.
    page.locator("#id_title").fill("The invoice download fails")
    body = page.locator("[data-contentpath=body]")
    body.locator("input[type=text]").first.wait_for()
    values = body.locator("input[type=text]").evaluate_all("inputs => inputs.map(i => i.value)")
    assert [value for value in values if value in ("Symptom", "Cause", "Fix")] == [
        "Symptom", "Cause", "Fix",
    ]  # fmt: skip
    page.get_by_text("Before you write: Acme style guide").click()
    page.get_by_text("short sentences, one idea each").wait_for()
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("Page 'The invoice download fails' created.").wait_for()

    checks = page.locator("#helpcenter-writing-checks")
    assert "Template instructions left in" in checks.inner_text()
    assert "[Why it happens, in plain words.]" in checks.inner_text()
    page.screenshot(path=str(SCREENSHOTS / "admin-writing-checks.png"), full_page=True)
    article = ArticlePage.objects.get(title="The invoice download fails")
    assert not article.live
    assert [block.block_type for block in article.body][:2] == ["heading", "paragraph"]
