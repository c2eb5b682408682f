"""Votes kept with the revision they were cast on, and the article report's "Helpful %
since last change", through the real feedback view and the real admin report."""

import csv
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Revision

from tests.factories import ArticlePageFactory
from tests.utils import soup
from wagtail_helpcenter.models import ArticlePage, Vote

pytestmark = pytest.mark.django_db

REPORT = "wagtail_helpcenter_article_performance"


class Visitor:
    """A browser of its own on a network of its own: each may vote once per page a day."""

    count = 0

    def __init__(self):
        Visitor.count += 1
        self.client = Client(REMOTE_ADDR=f"10.{Visitor.count % 250}.{Visitor.count // 250}.1")

    def vote(self, help_center, page, helpful, **data):
        response = self.client.post(
            help_center.url + "feedback/",
            {"page": page.pk, "helpful": helpful, **data},
        )
        assert response.status_code == 303, response.content
        return Vote.objects.filter(page=page).order_by("-updated_at", "-pk").first()  # this one


def published(page):
    """A page as an editor publishes it: with a live revision (factories make none)."""
    page.save_revision().publish()
    return ArticlePage.objects.get(pk=page.pk)


@pytest.fixture
def article(article):
    return published(article)


def republish_with_a_change(page, title):
    page = ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    page.title = title
    page.save_revision().publish()
    return ArticlePage.objects.get(pk=page.pk)


def export(client, **params):
    response = client.get(reverse(REPORT), {"export": "csv", **params})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return {row["Article"]: row for row in csv.DictReader(io.StringIO(content))}


@pytest.fixture
def rewritten(help_center, article):
    """One vote yes and two no on the first version, then a rewrite, then three yes and
    one no on the new version."""
    before = [Visitor().vote(help_center, article, helpful) for helpful in ("yes", "no", "no")]
    first_revision = ArticlePage.objects.get(pk=article.pk).live_revision_id
    page = republish_with_a_change(article, "Download an invoice (rewritten)")
    after = [Visitor().vote(help_center, page, helpful) for helpful in ("yes", "yes", "yes", "no")]
    return {"page": page, "first_revision": first_revision, "before": before, "after": after}


class TestVotesKeepTheirRevision:
    def test_a_vote_is_kept_with_the_live_revision(self, help_center, article):
        assert article.live_revision_id is not None
        vote = Visitor().vote(help_center, article, "yes")
        assert vote.revision_id == article.live_revision_id

    def test_old_votes_keep_their_revision(self, rewritten):
        page = rewritten["page"]
        assert page.live_revision_id != rewritten["first_revision"]
        assert {vote.pk for vote in rewritten["before"]} == set(
            Vote.objects.filter(revision_id=rewritten["first_revision"]).values_list(
                "pk", flat=True
            )
        )
        assert Vote.objects.filter(revision_id=page.live_revision_id).count() == 4

    def test_a_changed_vote_moves_to_the_live_revision(self, help_center, article):
        visitor = Visitor()
        first = visitor.vote(help_center, article, "no", reason="unclear")
        page = republish_with_a_change(article, "Clearer now")
        changed = visitor.vote(help_center, page, "yes")
        assert changed.pk == first.pk
        assert (changed.helpful, changed.revision_id) == (True, page.live_revision_id)

    def test_a_deleted_revision_leaves_the_vote(self, help_center, article):
        vote = Visitor().vote(help_center, article, "yes")
        ArticlePage.objects.filter(pk=article.pk).update(live_revision=None)
        Revision.objects.filter(pk=vote.revision_id).delete()
        vote.refresh_from_db()
        assert vote.revision_id is None and vote.helpful

    def test_voting_takes_as_many_queries_as_before(
        self, help_center, article, django_assert_max_num_queries
    ):
        # As many as before votes kept their revision: the page's live revision id is read
        # with the page, and stored in the same INSERT or UPDATE. (+1: the test's own read.)
        Visitor().vote(help_center, article, "yes")  # the site's root paths are cached
        visitor = Visitor()
        with django_assert_max_num_queries(13 + 1):
            visitor.vote(help_center, article, "yes")
        with django_assert_max_num_queries(11 + 1):
            assert visitor.vote(help_center, article, "no").revision_id == article.live_revision_id


class TestReport:
    def test_export_has_overall_and_since_change(self, admin_client, rewritten):
        row = export(admin_client)["Download an invoice (rewritten)"]
        assert (row["Helpful"], row["Not helpful"], row["Helpful %"]) == ("4", "3", "57")
        assert row["Helpful % since last change"] == "75"
        assert row["Votes since last change"] == "4"

    def test_page_shows_both_figures(self, admin_client, rewritten):
        page = soup(admin_client.get(reverse(REPORT)))
        headings = [th.get_text(" ", strip=True) for th in page.select("table thead th")]
        assert "Helpful % since last change" in headings
        column = headings.index("Helpful % since last change")
        row = next(tr for tr in page.select("table tbody tr") if "(rewritten)" in tr.get_text())
        cells = [td.get_text(" ", strip=True) for td in row.select("td")]
        assert cells[column] == "75 (4 votes)"
        assert cells[headings.index("Helpful %")] == "57"

    def test_no_votes_since_the_change(self, admin_client, help_center, article):
        Visitor().vote(help_center, article, "yes")
        republish_with_a_change(article, "Nobody voted yet")
        row = export(admin_client)["Nobody voted yet"]
        assert row["Helpful %"] == "100"
        assert (row["Helpful % since last change"], row["Votes since last change"]) == ("", "0")
        html = admin_client.get(reverse(REPORT)).content.decode()
        assert "Nobody voted yet" in html and "(0 votes)" not in html

    def test_one_vote_is_singular(self, admin_client, help_center, article):
        Visitor().vote(help_center, article, "no")
        assert "0 (1 vote)" in admin_client.get(reverse(REPORT)).content.decode()

    def test_faq_answers_and_other_articles_do_not_count(
        self, admin_client, help_center, article, category
    ):
        other = published(ArticlePageFactory(parent=category, title="Other article"))
        Visitor().vote(help_center, other, "no")
        # A vote on an earlier revision of *another* page never matches.
        Vote.objects.filter(page=other).update(revision_id=article.live_revision_id)
        rows = export(admin_client)
        assert rows["Other article"]["Votes since last change"] == "0"
        assert rows[article.title]["Votes since last change"] == "0"

    def test_the_period_does_not_change_the_since_change_figures(self, admin_client, rewritten):
        Vote.objects.filter(pk__in=[vote.pk for vote in rewritten["after"]]).update(
            updated_at="2020-01-01T00:00:00Z"
        )
        row = export(admin_client, days="7")["Download an invoice (rewritten)"]
        assert row["Helpful %"] == "33"  # only the three older votes are in the last 7 days
        assert (row["Helpful % since last change"], row["Votes since last change"]) == ("75", "4")

    def test_hostile_title_stays_inert(self, admin_client, help_center, category):
        page = ArticlePageFactory(
            parent=category, title='<script>alert(1)</script>"><img onerror=x>'
        )
        Visitor().vote(help_center, published(page), "yes")
        html = admin_client.get(reverse(REPORT)).content.decode()
        assert "<script>alert(1)" not in html and "<img onerror" not in html
        assert "100 (1 vote)" in html

    def test_queries_do_not_grow_with_articles(
        self, admin_client, help_center, category, rewritten
    ):
        url = reverse(REPORT)

        def queries(**params):
            with CaptureQueriesContext(connection) as context:
                assert admin_client.get(url, params).status_code == 200
            return len(context.captured_queries)

        admin_client.get(url)
        before, before_export = queries(), queries(export="csv")
        for n in range(5):
            page = published(ArticlePageFactory(parent=category, title=f"Article {n}"))
            Visitor().vote(help_center, page, "yes")
            republish_with_a_change(page, f"Article {n} rewritten")
            Visitor().vote(help_center, page, "no")
        assert queries() == before
        assert queries(export="csv") == before_export

    def test_only_for_editors(self, client, customer, rewritten):
        client.force_login(customer)
        response = client.get(reverse(REPORT), {"export": "csv"})
        assert response.status_code in (302, 403)


def test_demo_has_a_rewritten_article(admin_client, site_home):
    call_command("helpcenter_demo", stdout=io.StringIO())
    row = export(admin_client, days="365")["Download an invoice"]
    assert 0 < int(row["Votes since last change"]) < int(row["Helpful"]) + int(row["Not helpful"])
    assert row["Helpful % since last change"] == "100"
    assert Vote.objects.filter(revision=None).count() == 0
