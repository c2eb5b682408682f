"""The deflection funnel (visits and searches counted, the dashboard's funnel) and the
queue of content gaps with its actions, through the real admin views."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Locale

from tests.factories import ArticlePageFactory, CategoryPageFactory, UserFactory
from tests.utils import soup
from wagtail_helpcenter import gaps
from wagtail_helpcenter.models import (
    ArticlePage,
    ContentGap,
    FunnelDay,
    SearchTermDay,
    Vote,
)

pytestmark = pytest.mark.django_db


def today():
    # Read at use, not at import: a run that crosses midnight must not compare against yesterday.
    return timezone.localdate()


def funnel_row(help_center):
    return FunnelDay.objects.filter(help_center=help_center, date=today()).first()


class TestCountingTheFunnel:
    def test_a_visit_counts_once_a_day_whatever_the_pages(self, client, help_center, article):
        for url in [help_center.url, article.url, article.get_parent().url, help_center.url]:
            assert client.get(url).status_code == 200
        row = funnel_row(help_center)
        assert (row.visits, row.locale) == (1, help_center.locale)
        other = Client(REMOTE_ADDR="10.1.1.1")
        other.get(article.url)
        assert funnel_row(help_center).visits == 2

    def test_robots_editors_and_failures_are_not_visits(self, client, admin_client, help_center):
        client.get(help_center.url, HTTP_USER_AGENT="Googlebot/2.1")
        admin_client.get(help_center.url)
        client.get(help_center.url + "no-such-page/")
        client.get(help_center.url + "feed/")
        assert funnel_row(help_center) is None

    def test_an_internal_page_refused_is_not_a_visit(self, client, help_center, internal_article):
        assert client.get(internal_article.url).status_code in (302, 403, 404)
        assert funnel_row(help_center) is None

    @pytest.mark.search
    def test_a_completed_search_counts_in_the_funnel(self, client, search_index, help_center):
        ArticlePageFactory(parent=CategoryPageFactory(parent=help_center), title="Refunds")
        client.get(help_center.url + "search/", {"q": "refunds"})
        client.get(help_center.url + "search/", {"q": "refu", "format": "json"})  # typing
        row = funnel_row(help_center)
        assert (row.visits, row.searches) == (1, 1)

    def test_each_translation_counts_in_its_own_language(self, client, help_center, dutch):
        dutch_center = help_center.copy_for_translation(dutch, copy_parents=True)
        dutch_center.save_revision().publish()
        client.get(dutch_center.url)
        client.get(help_center.url)
        rows = FunnelDay.objects.order_by("locale__language_code")
        assert [(row.locale.language_code, row.visits) for row in rows] == [("en", 1), ("nl", 1)]


def add_funnel(help_center, day, **counts):
    FunnelDay.objects.create(help_center=help_center, locale=help_center.locale, date=day, **counts)


class TestDashboardFunnel:
    def test_numbers_score_and_chart(self, admin_client, help_center):
        add_funnel(help_center, today(), visits=120, searches=50, searches_with_click=30,
                   contact_opened=10, contact_sent=4, suggestion_opened=5,
                   suggestion_then_sent=1)  # fmt: skip
        add_funnel(help_center, today() - timedelta(days=40), visits=999, contact_sent=1)
        page = soup(admin_client.get(reverse("wagtail_helpcenter_dashboard")))
        funnel = page.select_one("#hc-funnel")
        rows = [
            [cell.get_text(" ", strip=True) for cell in row.select("td")][:3]
            for row in funnel.select("table.hc-funnel tbody tr")
        ]
        assert rows == [
            ["Help center visits", "120", "100%"],
            ["Searches", "50", "42%"],
            ["Searches with a click", "30", "25%"],
            ["Contact form opened", "10", "8%"],
            ["Contact requests sent", "4", "3%"],
            ["Deflected: a suggestion opened, no request sent", "4", "3%"],
        ]
        assert "30.0 visits for each contact request" in funnel.get_text(" ", strip=True)
        titles = [svg.title.get_text() for svg in funnel.select("svg")]
        assert titles == [
            "Help center visits per day",
            "Deflected and sent contact requests per day",
        ]

    def test_language_filter(self, admin_client, help_center, dutch):
        add_funnel(help_center, today(), visits=10, contact_sent=1)
        dutch_center = help_center.copy_for_translation(dutch, copy_parents=True)
        add_funnel(dutch_center, today(), visits=7)
        url = reverse("wagtail_helpcenter_dashboard")
        text = soup(admin_client.get(url, {"locale": "nl"})).select_one("#hc-funnel")
        assert "Help center visits 7" in text.get_text(" ", strip=True)
        assert "No contact request was sent" in text.get_text(" ", strip=True)

    def test_funnel_costs_one_query_whatever_the_days(self, admin_client, help_center):
        url = reverse("wagtail_helpcenter_dashboard")

        def queries():
            with CaptureQueriesContext(connection) as context:
                assert admin_client.get(url, {"days": 365}).status_code == 200
            return len(context.captured_queries)

        before = queries()
        for n in range(30):
            add_funnel(help_center, today() - timedelta(days=n), visits=n)
        assert queries() == before


@pytest.fixture
def misses(help_center, category, article):
    """A search that found nothing, one nobody clicked, an article voted down twice."""
    for day, query, searches, zero, clicks in [
        (today(), "cancel my plan", 5, 5, 0),
        (today() - timedelta(days=3), "cancel my plan", 2, 2, 0),
        (today(), "invoice pdf", 6, 0, 0),
        (today(), "download invoice", 9, 0, 4),  # clicked: not a gap
        (today(), "rare phrase", 1, 1, 0),  # one visitor only: not yet a gap
    ]:
        SearchTermDay.objects.create(
            help_center=help_center, date=day, query=query, searches=searches,
            zero_results=zero, clicks=clicks, visitors=1 if query == "rare phrase" else 3,
        )  # fmt: skip
    for n, reason in enumerate(["outdated", "outdated", "unclear"]):
        Vote.objects.create(page=article, voter=f"v{n}", helpful=False, reason=reason)
    Vote.objects.create(page=article, voter="happy", helpful=True)
    return help_center


def queue(client, **params):
    response = client.get(reverse("wagtail_helpcenter_gaps"), params)
    return response, BeautifulSoup(response.content, "html.parser")


class TestGapQueue:
    def test_every_kind_of_miss_is_a_row_with_how_often_and_since(self, admin_client, misses):
        response, page = queue(admin_client)
        assert response.status_code == 200
        rows = {
            row.select("td")[0].get_text(" ", strip=True).split(" ")[0]: row
            for row in page.select("#hc-gap-queue tbody tr")
        }
        gaps_by_kind = {(gap.kind, gap.title): gap for gap in ContentGap.objects.all()}
        assert set(gaps_by_kind) == {
            ("zero_results", "cancel my plan"),
            ("no_clicks", "invoice pdf"),
            ("unhelpful", "Download an invoice"),
        }
        cancel = gaps_by_kind[("zero_results", "cancel my plan")]
        assert cancel.occurrences == 7
        assert cancel.first_seen.date() == today() - timedelta(days=3)
        assert gaps_by_kind[("unhelpful", "Download an invoice")].occurrences == 3
        text = page.select_one("#hc-gap-queue").get_text(" ", strip=True)
        assert "It is out of date (2)" in text and "It is hard to understand (1)" in text
        assert len(rows) == 3

    def test_refreshing_again_adds_nothing_and_updates_counts(self, misses):
        assert gaps.refresh_gaps() == (3, 0)
        assert gaps.refresh_gaps() == (0, 0)
        SearchTermDay.objects.filter(query="cancel my plan", date=today()).update(zero_results=8)
        assert gaps.refresh_gaps() == (0, 1)
        assert ContentGap.objects.get(title="cancel my plan").occurrences == 10

    def test_write_an_article_makes_a_draft_in_the_chosen_category(
        self, admin_client, misses, category
    ):
        queue(admin_client)
        gap = ContentGap.objects.get(title="cancel my plan")
        url = reverse("wagtail_helpcenter_gap_action", args=[gap.pk, "write"])
        response = admin_client.post(url, {"category": category.pk})
        draft = ArticlePage.objects.get(title="cancel my plan")
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[draft.pk])
        assert not draft.live and draft.get_parent().pk == category.pk
        assert draft.latest_revision is not None
        gap.refresh_from_db()
        assert gap.draft_id == draft.pk and gap.status == "open"
        # A second draft for the same question gets its own slug.
        admin_client.post(url, {"category": category.pk})
        assert ArticlePage.objects.filter(title="cancel my plan").count() == 2

    def test_write_needs_a_category_of_that_help_center_and_permission(
        self, admin_client, client, misses, site_home
    ):
        queue(admin_client)
        gap = ContentGap.objects.get(title="cancel my plan")
        url = reverse("wagtail_helpcenter_gap_action", args=[gap.pk, "write"])
        elsewhere = CategoryPageFactory(
            parent=CategoryPageFactory(parent=site_home, slug="other-hc"), slug="elsewhere"
        )
        for bad in [elsewhere.pk, "abc", "99999999999999999999999", ""]:
            response = admin_client.post(url, {"category": bad})
            assert response.status_code == 302, bad
        assert not ArticlePage.objects.filter(title="cancel my plan").exists()
        client.force_login(UserFactory(username="customer"))
        assert client.post(url, {"category": misses.get_children().first().pk}).status_code in (
            302,
            403,
        )
        assert not ArticlePage.objects.filter(title="cancel my plan").exists()

    def test_the_likely_category_comes_first(self, admin_client, misses, category, article):
        queue(admin_client)
        other = CategoryPageFactory(parent=misses, title="Accounts", slug="accounts")
        gap = ContentGap.objects.get(kind="unhelpful")
        from wagtail_helpcenter.views.gaps import categories_for

        assert [c.pk for c in categories_for(gap)] == [category.pk, other.pk]

    def test_dismiss_needs_a_reason_and_done_and_reopen(self, admin_client, misses):
        queue(admin_client)
        gap = ContentGap.objects.get(title="invoice pdf")

        def act(action, **data):
            return admin_client.post(
                reverse("wagtail_helpcenter_gap_action", args=[gap.pk, action]), data
            )

        act("dismiss", reason="   ")
        gap.refresh_from_db()
        assert gap.status == "open"
        act("dismiss", reason="Visitors mean the shop's invoices, not ours")
        gap.refresh_from_db()
        assert (gap.status, gap.dismiss_reason) == (
            "dismissed",
            "Visitors mean the shop's invoices, not ours",
        )
        assert gap.resolved_at is not None
        # A dismissed gap stays dismissed when it happens again.
        SearchTermDay.objects.filter(query="invoice pdf").update(searches=20)
        gaps.refresh_gaps()
        gap.refresh_from_db()
        assert gap.status == "dismissed"
        _response, page = queue(admin_client)
        assert "invoice pdf" not in page.select_one("#hc-gap-queue").get_text()
        _response, page = queue(admin_client, status="dismissed")
        assert "invoice pdf" in page.select_one("#hc-gap-queue").get_text()
        act("reopen")
        act("done")
        gap.refresh_from_db()
        assert gap.status == "done"
        assert act("explode").status_code == 404

    def test_a_done_gap_that_happens_again_comes_back(self, misses):
        gaps.refresh_gaps()
        gap = ContentGap.objects.get(title="cancel my plan")
        gap.status, gap.resolved_at = "done", timezone.now() - timedelta(days=2)
        gap.save()
        gaps.refresh_gaps()  # the newest occurrence (today) is after it was marked done
        gap.refresh_from_db()
        assert gap.status == "open" and gap.resolved_at is None

    def test_synonyms_and_picks_start_from_the_question(self, admin_client, misses):
        _response, page = queue(admin_client)
        gap = ContentGap.objects.get(title="cancel my plan")
        link = page.select_one(f"#hc-gap-{gap.pk} a[href*='synonymset']")["href"]
        form = soup(admin_client.get(link))
        assert form.select_one("textarea[name=terms]").get_text().strip() == "cancel my plan,"
        response = admin_client.post(
            reverse("wagtail_helpcenter_gap_action", args=[gap.pk, "pick"])
        )
        query = Query.objects.get(query_string="cancel my plan")
        assert response["Location"] == reverse("wagtailsearchpromotions:edit", args=[query.pk])

    def test_queue_size_per_week(self, misses):
        gaps.refresh_gaps()
        old = ContentGap.objects.get(title="invoice pdf")
        old.first_seen = timezone.now() - timedelta(weeks=3, days=1)
        old.resolved_at = timezone.now() - timedelta(weeks=1, days=1)
        old.status = "done"
        old.save()
        weekly = [count for _day, count in gaps.open_per_week(weeks=5)]
        # weeks ending 4, 3, 2, 1 and 0 weeks ago: "invoice pdf" was open 3 and 2 weeks
        # ago; the others were first seen this week.
        assert weekly == [0, 1, 1, 0, 2]

    def test_only_for_editors_and_bad_input(self, client, admin_client, misses):
        client.force_login(UserFactory(username="customer"))
        assert client.get(reverse("wagtail_helpcenter_gaps")).status_code in (302, 403)
        response, _page = queue(admin_client, status="nonsense")
        assert response.status_code == 400
        response, _page = queue(admin_client, p="999")
        assert response.status_code == 200
        missing = reverse("wagtail_helpcenter_gap_action", args=[99999999999, "done"])
        assert admin_client.post(missing).status_code == 404
        assert admin_client.get(missing).status_code == 405

    def test_queue_queries_do_not_grow_with_rows(self, admin_client, misses, category):
        def queries():
            with CaptureQueriesContext(connection) as context:
                assert queue(admin_client)[0].status_code == 200
            return len(context.captured_queries)

        queries()
        before = queries()
        for n in range(10):
            SearchTermDay.objects.create(
                help_center=misses, date=today(), query=f"missing {n}", searches=3,
                zero_results=3, visitors=3,
            )  # fmt: skip
        queries()  # adds the new gaps
        assert queries() == before

    def test_hostile_questions_are_inert(self, admin_client, help_center):
        SearchTermDay.objects.create(
            help_center=help_center, date=today(), query="<script>alert(1)</script>",
            searches=3, zero_results=3, visitors=3,
        )  # fmt: skip
        response, page = queue(admin_client)
        assert b"<script>alert(1)" not in response.content
        assert "<script>alert(1)</script>" in page.select_one("#hc-gap-queue").get_text()


def test_record_gap_counts_up(help_center):
    gaps.record_gap(help_center, ContentGap.Kind.CONTACT, gaps.gap_key("Where  is X?"), "x?")
    gaps.record_gap(help_center, ContentGap.Kind.CONTACT, gaps.gap_key("where is x?"), "x?")
    gap = ContentGap.objects.get()
    assert (gap.key, gap.occurrences) == ("where is x?", 2)
    assert Locale.objects.count() >= 1


def test_an_unanswered_question_joins_the_queue_and_leaves_when_answered(
    admin_client, article, admin_user
):
    from django_comments_xtd.models import XtdComment

    from wagtail_helpcenter.discussions import actions

    question = actions.create_comment(
        article, "Can I pay by bank transfer?", user=None, name="Ana",
        email="ana@example.com", parent=None, public=True,
    )  # fmt: skip
    XtdComment.objects.filter(pk=question.pk).update(
        submit_date=timezone.now() - timedelta(hours=30)
    )
    _response, page = queue(admin_client)
    gap = ContentGap.objects.get(kind="unanswered")
    assert (gap.key, gap.title, gap.page_id) == (str(question.pk), question.comment, article.pk)
    row = page.select_one(f"#hc-gap-{gap.pk}").get_text(" ", strip=True)
    assert "Can I pay by bank transfer?" in row and "Question without a staff answer" in row
    actions.reply_as_staff(article, question, admin_user, "Yes: see Billing.")
    gaps.refresh_gaps()
    gap.refresh_from_db()
    assert gap.status == "done"


def test_an_editors_pick_for_a_question_longer_once_lowercased(admin_client, help_center):
    """ "İ" lowercases to two characters: a 200-character subject can need 400, more
    than the 255 Wagtail stores for a query (PostgreSQL refuses it)."""
    title = "İ" * 200
    gap = ContentGap.objects.create(
        help_center=help_center, kind="contact", key="i", title=title,
        first_seen=timezone.now(), last_seen=timezone.now(),
    )  # fmt: skip
    response = admin_client.post(reverse("wagtail_helpcenter_gap_action", args=[gap.pk, "pick"]))
    query = Query.objects.get()
    assert len(query.query_string) <= 255
    assert response["Location"] == reverse("wagtailsearchpromotions:edit", args=[query.pk])
