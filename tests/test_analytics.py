"""The dashboard, the reports, 'mark as reviewed' and review reminders, on known data."""

import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from tests.factories import ArticlePageFactory, UserFactory
from wagtail_helpcenter.models import ArticlePage, PageViewDay, SearchTermDay, Vote
from wagtail_helpcenter.review import MARK_REVIEWED_ACTION

pytestmark = pytest.mark.django_db


def today():
    # Read at use, not at import: a run that crosses midnight must not compare against yesterday.
    return timezone.localdate()


def add_votes(page, *votes):
    for n, (helpful, reason, comment) in enumerate(votes):
        Vote.objects.create(
            page=page,
            voter=f"{page.pk}-{n}",
            helpful=helpful,
            reason=reason,
            comment=comment,
        )


@pytest.fixture
def owner(db):
    return UserFactory(username="olivia", email="olivia@example.com", first_name="Olivia")


@pytest.fixture
def known(help_center, category, internal_article, owner):
    """Three articles with known views, votes and review dates, and search gaps."""
    popular = ArticlePageFactory(parent=category, title="Popular", content_owner=owner)
    quiet = ArticlePageFactory(parent=category, title="Quiet")
    stale = ArticlePageFactory(
        parent=category,
        title="Stale",
        content_owner=owner,
        last_reviewed=today() - timedelta(days=400),
    )
    for page, days_ago, views in [
        (popular, 0, 5),
        (popular, 1, 3),
        (quiet, 0, 1),
        (stale, 40, 10),  # before the 30-day period
    ]:
        PageViewDay.objects.create(page=page, date=today() - timedelta(days=days_ago), views=views)
    add_votes(
        popular,
        (True, "", ""),
        (True, "", ""),
        (False, "outdated", "The <b>old</b> menu is shown"),
        (False, "outdated", ""),
        (False, "unclear", "Which plan?"),
    )
    add_votes(quiet, (True, "", ""))
    SearchTermDay.objects.create(
        help_center=help_center, date=today(), query="xylophone", searches=4, zero_results=4,
        visitors=4,
    )  # fmt: skip
    SearchTermDay.objects.create(help_center=help_center, date=today(), query="invoice", searches=9)
    return {"popular": popular, "quiet": quiet, "stale": stale}


def export_rows(client, url_name, **params):
    response = client.get(reverse(url_name), {"export": "csv", **params})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(content)))


class TestDashboard:
    def test_numbers_on_known_data(self, admin_client, known):
        response = admin_client.get(reverse("wagtail_helpcenter_dashboard"))
        assert response.status_code == 200
        context = response.context
        assert context["total_views"] == 9
        assert (context["total_helpful"], context["total_unhelpful"]) == (3, 3)
        assert context["helpful_percent"] == 50
        assert [a.title for a in context["top_articles"]] == ["Popular", "Quiet"]
        [least] = context["least_helpful"]
        assert least.title == "Popular"
        assert least.helpful_percent == 40
        assert least.reasons == [("It is out of date", 2), ("It is hard to understand", 1)]
        assert sorted(least.comments) == ["The <b>old</b> menu is shown", "Which plan?"]
        assert context["search_gaps"] == [("xylophone", 4)]
        assert [a.title for a in context["due_for_review"]] == ["Stale"]
        assert context["views_table"][-1] == (today(), 6)

    def test_charts_and_escaping(self, admin_client, known):
        html = admin_client.get(reverse("wagtail_helpcenter_dashboard")).content.decode()
        assert html.count('role="img"') == 4  # views, votes, visits, contact requests
        assert "The &lt;b&gt;old&lt;/b&gt; menu is shown" in html
        assert "<b>old</b>" not in html

    def test_period(self, admin_client, known):
        week = admin_client.get(reverse("wagtail_helpcenter_dashboard"), {"days": "365"})
        assert week.context["total_views"] == 19
        bad = admin_client.get(reverse("wagtail_helpcenter_dashboard"), {"days": "12"})
        assert bad.status_code == 400
        assert "The period must be one of 7, 30, 90, 365 days." in bad.content.decode()

    def test_language_filter(self, admin_client, known):
        from wagtail.models import Locale

        Locale.objects.create(language_code="nl")
        english = admin_client.get(reverse("wagtail_helpcenter_dashboard"), {"locale": "en"})
        assert english.context["total_views"] == 9
        assert [item.language_code for item in english.context["locales"]] == ["en", "nl"]
        dutch = admin_client.get(reverse("wagtail_helpcenter_dashboard"), {"locale": "nl"})
        assert dutch.context["total_views"] == 0
        unknown = admin_client.get(reverse("wagtail_helpcenter_dashboard"), {"locale": "xx"})
        assert unknown.status_code == 400
        assert "There is no language “xx”." in unknown.content.decode()

    def test_queries_do_not_grow_with_articles(self, admin_client, known, category):
        def queries():
            with CaptureQueriesContext(connection) as context:
                admin_client.get(reverse("wagtail_helpcenter_dashboard"))
            return len(context.captured_queries)

        admin_client.get(reverse("wagtail_helpcenter_dashboard"))
        before = queries()
        for n in range(8):
            page = ArticlePageFactory(parent=category, title=f"More {n}")
            PageViewDay.objects.create(page=page, date=today(), views=n + 1)
            add_votes(page, (False, "other", f"Comment {n}"))
        assert queries() == before

    def test_only_for_editors(self, client, customer, known):
        client.force_login(customer)
        response = client.get(reverse("wagtail_helpcenter_dashboard"))
        assert response.status_code in (302, 403)


class TestReports:
    def test_article_performance(self, admin_client, known):
        rows = {row["Article"]: row for row in export_rows(
            admin_client, "wagtail_helpcenter_article_performance"
        )}  # fmt: skip
        assert (rows["Popular"]["Views"], rows["Popular"]["Helpful"]) == ("8", "2")
        assert rows["Popular"]["Not helpful"] == "3"
        assert rows["Popular"]["Helpful %"] == "40"
        assert rows["Stale"]["Helpful %"] == ""
        assert rows["Popular"]["Owner"] == str(known["popular"].content_owner)
        assert rows["Stale"]["Views"] == "0"
        year = {row["Article"]: row for row in export_rows(
            admin_client, "wagtail_helpcenter_article_performance", days="365"
        )}  # fmt: skip
        assert year["Stale"]["Views"] == "10"

    def test_feedback_inbox(self, admin_client, known):
        rows = export_rows(admin_client, "wagtail_helpcenter_feedback", helpful="false")
        assert len(rows) == 3
        assert {row["Comment"] for row in rows} == {
            "The <b>old</b> menu is shown",
            "",
            "Which plan?",
        }
        page = admin_client.get(reverse("wagtail_helpcenter_feedback"))
        assert "The &lt;b&gt;old&lt;/b&gt; menu is shown" in page.content.decode()

    def test_stale_content(self, admin_client, known):
        rows = export_rows(admin_client, "wagtail_helpcenter_stale_content")
        assert [row["Article"] for row in rows] == ["Stale"]
        html = admin_client.get(reverse("wagtail_helpcenter_stale_content")).content.decode()
        assert reverse("wagtail_helpcenter_mark_reviewed", args=[known["stale"].pk]) in html


class TestMarkReviewed:
    def test_one_click(self, admin_client, admin_user, known):
        stale = known["stale"]
        stale.save_revision()  # a draft: publishing it later must keep the review date
        url = reverse("wagtail_helpcenter_mark_reviewed", args=[stale.pk])
        next_url = reverse("wagtail_helpcenter_stale_content")
        response = admin_client.post(url, {"next": next_url})
        assert response.status_code == 302
        assert response["Location"] == next_url
        stale = ArticlePage.objects.get(pk=stale.pk)
        assert stale.last_reviewed == today()
        assert not stale.is_review_overdue
        assert stale.latest_revision.as_object().last_reviewed == today()
        assert PageLogEntry.objects.filter(
            page=stale, action=MARK_REVIEWED_ACTION, user=admin_user
        ).exists()

    def test_confirmation_from_a_link_and_safe_redirects(self, admin_client, known):
        url = reverse("wagtail_helpcenter_mark_reviewed", args=[known["stale"].pk])
        confirm = admin_client.get(url)
        assert confirm.status_code == 200
        assert "Mark as reviewed" in confirm.content.decode()
        assert ArticlePage.objects.get(pk=known["stale"].pk).last_reviewed != today()
        response = admin_client.post(url, {"next": "https://evil.example.com/"})
        assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[known["stale"].pk])

    def test_needs_edit_permission(self, client, customer, known):
        client.force_login(customer)
        url = reverse("wagtail_helpcenter_mark_reviewed", args=[known["stale"].pk])
        assert client.post(url).status_code in (302, 403)
        assert ArticlePage.objects.get(pk=known["stale"].pk).last_reviewed != today()

    def test_explorer_marks_overdue_articles(self, admin_client, category, known):
        html = admin_client.get(reverse("wagtailadmin_explore", args=[category.pk])).content
        html = html.decode()
        assert html.count("Review due: mark as reviewed") == 1
        assert reverse("wagtail_helpcenter_mark_reviewed", args=[known["stale"].pk]) in html


class TestReviewReminders:
    def test_emails_each_owner_their_articles(self, known, owner, capsys):
        call_command("helpcenter_review_reminders")
        [message] = mail.outbox
        assert message.to == ["olivia@example.com"]
        assert "Stale" in message.body
        assert f"http://testserver/admin/pages/{known['stale'].pk}/edit/" in message.body
        assert "Popular" not in message.body

    def test_days_ahead_and_ownerless_articles(self, known, capsys):
        ArticlePage.objects.filter(pk=known["quiet"].pk).update(
            last_reviewed=today() - timedelta(days=175)
        )
        call_command("helpcenter_review_reminders", "--days-ahead", "10", "--dry-run")
        assert not mail.outbox
        captured = capsys.readouterr()
        assert "Would email olivia@example.com: 1 article(s)" in captured.out
        assert "Quiet" in captured.err  # due within 10 days, and nobody owns it

    def test_bad_arguments(self, known):
        with pytest.raises(CommandError, match="--days-ahead"):
            call_command("helpcenter_review_reminders", "--days-ahead", "-1")
        with override_settings(WAGTAILADMIN_BASE_URL=""), pytest.raises(CommandError):
            call_command("helpcenter_review_reminders")


def test_admin_home_panel(admin_client, known):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Help center, last 30 days" in html
    assert "9 article views" in html
    assert "50% helpful, of 6 votes" in html
    assert "1 search term found nothing" in html
    assert reverse("wagtail_helpcenter_dashboard") in html
