"""'Was this helpful?' votes and page view counting, through the real views."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.test import Client, RequestFactory, override_settings

from tests.factories import ArticlePageFactory, FAQPageFactory, add_faq_items
from tests.utils import run_on_sqlite_file, soup
from wagtail_helpcenter.models import FAQItem, FAQPage, PageViewDay, Vote
from wagtail_helpcenter.models.feedback import COMMENT_MAX_LENGTH
from wagtail_helpcenter.page_views import should_count

pytestmark = pytest.mark.django_db

BOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def vote(client, help_center, json=False, **data):
    headers = {"Accept": "application/json"} if json else {}
    return client.post(help_center.url + "feedback/", data, headers=headers)


@pytest.fixture
def faq(category):
    page = add_faq_items(
        FAQPageFactory(parent=category, title="Billing FAQ", slug="billing-faq"),
        ("When am I charged?", "<p>On the day your plan renews.</p>"),
        ("Can I pay by bank transfer?", "<p>Yes.</p>"),
    )
    return FAQPage.objects.get(pk=page.pk)  # its answers as saved, with their ids


class TestVoting:
    def test_first_vote_without_javascript(self, client, help_center, article):
        response = vote(client, help_center, page=article.pk, helpful="yes")
        assert response.status_code == 303
        assert response["Location"] == f"{article.url}?voted=yes#hc-feedback"
        assert "helpcenter_voter" in response.cookies
        saved = Vote.objects.get()
        assert (saved.page_id, saved.faq_item, saved.helpful) == (article.pk, None, True)
        assert len(saved.voter) == 64  # a keyed hash, not the cookie's token

        thanks = soup(client.get(article.url, {"voted": "yes"}))
        assert thanks.select_one(".hc-feedback--done").get_text() == "Thank you for your feedback."
        assert not thanks.select("form.hc-feedback")

    def test_the_article_offers_the_form(self, client, help_center, article):
        form = soup(client.get(article.url)).select_one("form.hc-feedback")
        assert form["action"] == help_center.url + "feedback/"
        assert form.select_one("input[name=page]")["value"] == str(article.pk)
        assert [button["value"] for button in form.select("button[name=helpful]")] == [
            "yes",
            "no",
        ]
        assert len(form.select("input[name=reason]")) == len(Vote.Reason.choices)

    def test_a_visitor_changes_their_vote(self, client, help_center, article):
        vote(client, help_center, page=article.pk, helpful="yes")
        vote(
            client,
            help_center,
            page=article.pk,
            helpful="no",
            reason="outdated",
            comment="  The screenshots show the old menu.  ",
        )
        saved = Vote.objects.get()
        assert (saved.helpful, saved.reason, saved.comment) == (
            False,
            "outdated",
            "The screenshots show the old menu.",
        )
        vote(client, help_center, page=article.pk, helpful="yes", reason="unclear", comment="x")
        saved.refresh_from_db()
        assert (saved.helpful, saved.reason, saved.comment) == (True, "", "")

    def test_a_repeated_vote_counts_once(self, client, help_center, article):
        for _ in range(3):
            vote(client, help_center, page=article.pk, helpful="no")
        assert Vote.objects.count() == 1

    def test_each_visitor_has_one_vote(self, help_center, article):
        for number, helpful in enumerate(("yes", "no", "yes")):
            vote(
                Client(REMOTE_ADDR=f"192.0.2.{number}"),
                help_center,
                page=article.pk,
                helpful=helpful,
            )
        assert sorted(Vote.objects.values_list("helpful", flat=True)) == [False, True, True]

    def test_a_forged_voter_cookie_is_a_new_cookie(self, client, help_center, article):
        """From the network that voted on the page today it is refused (a new cookie is
        not a new voter, security review item 13); from another, a new vote."""
        vote(client, help_center, page=article.pk, helpful="yes")
        client.cookies["helpcenter_voter"] = "forged-token"
        response = vote(client, help_center, page=article.pk, helpful="no")
        assert response.status_code == 429
        assert list(Vote.objects.values_list("helpful", flat=True)) == [True]
        client.cookies["helpcenter_voter"] = "forged-again"
        client.defaults["REMOTE_ADDR"] = "192.0.2.7"
        vote(client, help_center, page=article.pk, helpful="no")
        assert Vote.objects.count() == 2

    def test_faq_answers_are_voted_one_by_one(self, client, help_center, faq):
        first, second = faq.faq_items.all()
        response = vote(client, help_center, page=faq.pk, item=second.pk, helpful="no")
        assert response["Location"] == f"{faq.url}?voted=no&answer={second.pk}#{second.anchor}"
        vote(client, help_center, page=faq.pk, item=first.pk, helpful="yes")
        assert {(v.faq_item_id, v.helpful) for v in Vote.objects.all()} == {
            (first.pk, True),
            (second.pk, False),
        }
        page = soup(client.get(faq.url, {"voted": "no", "answer": second.pk}))
        assert page.select_one(f"#{second.anchor} .hc-feedback--done")
        assert page.select_one(f"#{first.anchor} form.hc-feedback")
        for answer in ("abc", "²", "-1", "9" * 40):  # a bad value thanks no one
            page = soup(client.get(faq.url, {"voted": "no", "answer": answer}))
            assert len(page.select("form.hc-feedback")) == 2

    def test_with_javascript_the_answer_is_json(self, client, help_center, article):
        response = vote(client, help_center, json=True, page=article.pk, helpful="yes")
        assert response.status_code == 200
        assert response.json() == {"helpful": True, "message": "Thank you for your feedback."}
        error = vote(client, help_center, json=True, page=article.pk, helpful="maybe")
        assert error.status_code == 400
        assert "helpful" in error.json()["error"]

    def test_robots_are_not_counted(self, client, help_center, article):
        response = client.post(
            help_center.url + "feedback/",
            {"page": article.pk, "helpful": "yes"},
            headers={"User-Agent": BOT},
        )
        assert response.status_code == 400
        honeypot = vote(client, help_center, page=article.pk, helpful="yes", website="spam")
        assert honeypot.status_code == 400
        assert not Vote.objects.exists()

    @override_settings(WAGTAIL_HELPCENTER={"VOTES_PER_ADDRESS": 2})
    def test_votes_are_rate_limited_per_address(self, help_center, article):
        client = Client()  # one visitor, one cookie, changing their vote
        statuses = [
            vote(client, help_center, page=article.pk, helpful=helpful).status_code
            for helpful in ("yes", "no", "yes")
        ]
        assert statuses == [303, 303, 429]
        assert list(Vote.objects.values_list("helpful", flat=True)) == [False]


class TestBadVotes:
    @pytest.fixture
    def targets(self, help_center, article, internal_article, faq, site_home):
        from tests.factories import HelpCenterPageFactory

        other = HelpCenterPageFactory(parent=site_home, title="Other", slug="other")
        return {
            "article": article,
            "internal": internal_article,
            "faq": faq,
            "draft": ArticlePageFactory(parent=article.get_parent(), live=False),
            "other_help_center": ArticlePageFactory(parent=other),
            "other_item": FAQItem.objects.get(
                page=add_faq_items(FAQPageFactory(parent=other), ("Q?", "<p>A.</p>"))
            ),
        }

    @pytest.mark.parametrize(
        "case",
        [
            "missing page",
            "text page",
            "superscript page",
            "huge page",
            "unknown page",
            "internal page",
            "draft page",
            "page of another help center",
            "category page",
            "faq without item",
            "item of another page",
            "article with item",
            "bad helpful",
            "bad reason",
            "oversized comment",
        ],
    )
    def test_is_refused_with_a_message_and_nothing_stored(
        self, client, help_center, category, targets, case
    ):
        article, faq = targets["article"], targets["faq"]
        data = {
            "missing page": {"helpful": "yes"},
            "text page": {"page": "abc", "helpful": "yes"},
            "superscript page": {"page": "²", "helpful": "yes"},
            "huge page": {"page": "9" * 30, "helpful": "yes"},
            "unknown page": {"page": 999999, "helpful": "yes"},
            "internal page": {"page": targets["internal"].pk, "helpful": "yes"},
            "draft page": {"page": targets["draft"].pk, "helpful": "yes"},
            "page of another help center": {
                "page": targets["other_help_center"].pk,
                "helpful": "yes",
            },
            "category page": {"page": category.pk, "helpful": "yes"},
            "faq without item": {"page": faq.pk, "helpful": "yes"},
            "item of another page": {
                "page": faq.pk,
                "item": targets["other_item"].pk,
                "helpful": "yes",
            },
            "article with item": {
                "page": article.pk,
                "item": faq.faq_items.first().pk,
                "helpful": "yes",
            },
            "bad helpful": {"page": article.pk, "helpful": "maybe"},
            "bad reason": {"page": article.pk, "helpful": "no", "reason": "boring"},
            "oversized comment": {
                "page": article.pk,
                "helpful": "no",
                "comment": "x" * (COMMENT_MAX_LENGTH + 1),
            },
        }[case]
        response = vote(client, help_center, **data)
        assert response.status_code == 400
        assert soup_of_error(response)
        assert not Vote.objects.exists()

    def test_get_is_not_allowed(self, client, help_center):
        assert client.get(help_center.url + "feedback/").status_code == 405

    def test_comment_is_stored_as_text(self, client, help_center, targets):
        comment = "<script>alert(1)</script> & </textarea>"
        vote(client, help_center, page=targets["article"].pk, helpful="no", comment=comment)
        assert Vote.objects.get().comment == comment


def soup_of_error(response):
    from bs4 import BeautifulSoup

    document = BeautifulSoup(response.content, "html.parser")
    assert document.select_one("h1").get_text() == "We could not record your feedback"
    message = document.select_one(".hc-error")
    return message is not None and message.get_text(strip=True)


class TestPageViews:
    def views(self, page):
        return sum(PageViewDay.objects.filter(page=page).values_list("views", flat=True))

    def test_each_visitor_counts_once_a_day(self, client, article, faq):
        for _ in range(3):
            assert client.get(article.url).status_code == 200
        client.get(article.url, REMOTE_ADDR="192.0.2.8")
        client.get(faq.url)
        assert self.views(article) == 2
        assert self.views(faq) == 1
        assert PageViewDay.objects.get(page=article).date == datetime.date.today()

    def test_robots_editors_and_non_pages_are_not_counted(
        self, client, article, staff_user, admin_user
    ):
        client.get(article.url, headers={"User-Agent": BOT})
        client.get(article.url, {"voted": "yes"})
        client.head(article.url)
        client.get(article.url + "missing/")
        client.force_login(admin_user)
        client.get(article.url)
        assert self.views(article) == 0

    def test_previews_are_not_counted(self):
        request = RequestFactory().get("/")
        request.user = AnonymousUser()
        page = TemplateResponse(request, "wagtail_helpcenter/base.html", {})
        assert should_count(request, page)
        assert not should_count(request, HttpResponse())  # a feed or a file is not a page
        request.is_preview = True
        assert not should_count(request, page)

    @override_settings(WAGTAIL_HELPCENTER={"COUNT_PAGE_VIEWS": False})
    def test_counting_can_be_turned_off(self, client, article):
        client.get(article.url)
        assert self.views(article) == 0


def test_concurrent_counts_lose_nothing(tmp_path):
    """Processes that count the same page on the same day at the same moment, on a real
    SQLite file (the test database lives in memory, where processes cannot share it)."""
    output = run_on_sqlite_file(
        "tests.count_concurrently", tmp_path / "counts.sqlite3", "--processes", 6, "--counts", 40
    )
    assert output == ["rows=1", "views=240"]
