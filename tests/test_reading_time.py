"""How long visitors read: the script on articles and FAQ pages, the read/ endpoint
(validated, once per visitor, page and day, nothing revealed) and the article
performance report's reading columns."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from tests.factories import (
    ArticlePageFactory,
    FAQPageFactory,
    HelpCenterPageFactory,
    UserFactory,
    add_faq_items,
)
from wagtail_helpcenter.models import PageViewDay

pytestmark = pytest.mark.django_db


def today():
    # Read at use, not at import: a run that crosses midnight must not compare against yesterday.
    return timezone.localdate()


def read(client, help_center, page, bucket="long", **extra):
    return client.get(help_center.url + "read/", {"page": page, "bucket": bucket}, **extra)


def reads(page):
    row = PageViewDay.objects.filter(page=page, date=today()).first()
    return (row.short_reads, row.medium_reads, row.long_reads) if row else (0, 0, 0)


@pytest.fixture
def faq(category):
    return add_faq_items(
        FAQPageFactory(parent=category, title="Billing FAQ", slug="faq"),
        ("When am I charged?", "<p>On renewal.</p>"),
    )


class TestScript:
    def test_on_articles_and_faq_pages_for_visitors(self, client, help_center, article, faq):
        for page in (article, faq):
            html = client.get(page.url).content.decode()
            assert "js/reading.js" in html
            assert f'data-hc-read-url="{help_center.url}read/"' in html
            assert f'data-hc-page="{page.pk}"' in html

    def test_not_for_editors_robots_or_when_counting_is_off(self, client, admin_user, article):
        assert (
            "js/reading.js"
            not in client.get(article.url, HTTP_USER_AGENT="bingbot").content.decode()
        )
        with override_settings(WAGTAIL_HELPCENTER={"COUNT_PAGE_VIEWS": False}):
            assert "js/reading.js" not in client.get(article.url).content.decode()
        client.force_login(admin_user)
        assert "js/reading.js" not in client.get(article.url).content.decode()


class TestCounting:
    def test_each_bucket_lands_in_its_column(self, help_center, article, faq):
        for number, bucket in enumerate(("short", "medium", "long", "long")):
            visitor = Client(REMOTE_ADDR=f"192.0.2.{number + 1}")
            assert read(visitor, help_center, article.pk, bucket).status_code == 204
        assert reads(article) == (1, 1, 2)
        assert read(Client(), help_center, faq.pk, "short").status_code == 204
        assert reads(faq) == (1, 0, 0)
        # On the page's own row of today, beside its views.
        assert PageViewDay.objects.get(page=article).date == today()

    def test_once_per_visitor_page_and_day(self, client, help_center, article, faq):
        for bucket in ("short", "long", "medium"):
            assert read(client, help_center, article.pk, bucket).status_code == 204
        assert reads(article) == (1, 0, 0)
        # Another page is another count; another network another visitor.
        read(client, help_center, faq.pk, "medium")
        assert reads(faq) == (0, 1, 0)
        read(client, help_center, article.pk, "long", REMOTE_ADDR="198.51.100.7")
        assert reads(article) == (1, 0, 1)

    def test_robots_previews_and_editors_are_not_counted(
        self, client, admin_user, help_center, article
    ):
        assert (
            read(client, help_center, article.pk, HTTP_USER_AGENT="Googlebot/2.1").status_code
            == 204
        )
        editor = Client()
        editor.force_login(admin_user)
        assert read(editor, help_center, article.pk).status_code == 204
        with override_settings(WAGTAIL_HELPCENTER={"COUNT_PAGE_VIEWS": False}):
            assert read(client, help_center, article.pk).status_code == 204
        assert not PageViewDay.objects.exists()
        # None of them used up the visitor's count.
        read(client, help_center, article.pk)
        assert reads(article) == (0, 0, 1)

    def test_an_untranslated_page_read_from_the_dutch_help_center(
        self, client, help_center, article, dutch
    ):
        help_center.get_parent().copy_for_translation(dutch).save_revision().publish()
        dutch_help = help_center.copy_for_translation(dutch, copy_parents=True)
        dutch_help.save_revision().publish()
        dutch_help = Page.objects.get(pk=dutch_help.pk).specific
        assert read(client, dutch_help, article.pk).status_code == 204
        assert reads(article) == (0, 0, 1)


class TestRefusals:
    def test_bad_buckets(self, client, help_center, article):
        for bucket in ("", "LONG", "forever", "short ", "1", "x" * 500):
            response = read(client, help_center, article.pk, bucket)
            assert response.status_code == 400, bucket
            assert "“short”, “medium” or “long”" in response.json()["error"]
        assert not PageViewDay.objects.exists()

    def test_pages_that_cannot_be_read_here_are_refused_alike(
        self, client, help_center, category, article, internal_article, site_home
    ):
        other = HelpCenterPageFactory(parent=site_home, title="Other", slug="other")
        draft = ArticlePageFactory(parent=category, title="Draft")
        draft.unpublish()
        pages = [internal_article.pk, 999999, draft.pk, help_center.pk, category.pk,
                 "abc", "", "-1", "9" * 40]  # fmt: skip
        answers = set()
        for page in pages:
            response = read(client, help_center, page)
            assert response.status_code == 400, page
            answers.add(response.content)
        # An article of this help center read through another help center's endpoint.
        response = read(client, other, article.pk)
        assert response.status_code == 400
        answers.add(response.content)
        assert answers == {b'{"error": "There is no such article in this help center."}'}
        assert not PageViewDay.objects.exists()

    def test_internal_pages_in_every_language(self, client, help_center, internal_article, dutch):
        help_center.get_parent().copy_for_translation(dutch).save_revision().publish()
        dutch_help = help_center.copy_for_translation(dutch, copy_parents=True)
        dutch_help.save_revision().publish()
        dutch_internal = internal_article.copy_for_translation(dutch, copy_parents=True)
        dutch_internal.save_revision().publish()
        dutch_help = Page.objects.get(pk=dutch_help.pk).specific
        outsider = Client()
        outsider.force_login(UserFactory(username="outsider"))
        for visitor in (client, outsider):
            for center, page in ((help_center, internal_article), (dutch_help, dutch_internal),
                                 (dutch_help, internal_article)):  # fmt: skip
                assert read(visitor, center, page.pk).status_code == 400
        assert not PageViewDay.objects.exists()
        # Who the internal section admits (and is no editor) is counted.
        support = Group.objects.create(name="Support")
        PageViewRestriction.objects.get(page=internal_article.get_parent()).groups.add(support)
        member = Client()
        member.force_login(UserFactory(username="agent", groups=[support]))
        assert read(member, help_center, internal_article.pk).status_code == 204
        assert reads(internal_article) == (0, 0, 1)

    def test_only_get_and_rate_limited(self, client, help_center, article):
        assert client.post(help_center.url + "read/", {"page": article.pk}).status_code == 405
        with override_settings(WAGTAIL_HELPCENTER={"BEACONS_PER_ADDRESS": 1}):
            assert read(client, help_center, "nope").status_code == 400
            assert read(client, help_center, article.pk).status_code == 429
        assert not PageViewDay.objects.exists()


class TestReport:
    @pytest.fixture
    def known(self, category):
        quick = ArticlePageFactory(parent=category, title="Quick exits")
        few = ArticlePageFactory(parent=category, title="Few reads")
        calm = ArticlePageFactory(parent=category, title="Calm")
        make = PageViewDay.objects.create
        # 12 reads, 7 short (58 %): flagged. Contacts 3 of 20 views.
        make(page=quick, date=today(), views=12, short_reads=4, medium_reads=2, contacts=2)
        make(page=quick, date=today() - timedelta(days=3), views=8, short_reads=3, long_reads=3,
             contacts=1)  # fmt: skip
        make(page=quick, date=today() - timedelta(days=60), short_reads=50)  # outside 30 days
        # 4 reads, all short: too few to flag.
        make(page=few, date=today(), views=4, short_reads=4)
        # 10 reads, 5 short: exactly half is not "more than half".
        make(page=calm, date=today(), views=10, short_reads=5, long_reads=5)
        return {"quick": quick, "few": few, "calm": calm}

    def export(self, client, **params):
        response = client.get(
            reverse("wagtail_helpcenter_article_performance"), {"export": "csv", **params}
        )
        content = b"".join(response.streaming_content).decode("utf-8-sig")
        return {row["Article"]: row for row in csv.DictReader(io.StringIO(content))}

    def test_export(self, admin_client, known, article):
        rows = self.export(admin_client)
        quick = rows["Quick exits"]
        assert (quick["Reads"], quick["Left within 10 s %"]) == ("12", "58")
        assert quick["Many quick exits"] == "Yes"
        assert quick["Contacted support after reading %"] == "15"
        assert rows["Few reads"]["Left within 10 s %"] == "100"
        assert rows["Few reads"]["Many quick exits"] == "No"
        assert rows["Calm"]["Many quick exits"] == "No"
        assert rows["Calm"]["Contacted support after reading %"] == "0"
        untouched = rows[article.title]
        assert (
            untouched["Left within 10 s %"] == untouched["Contacted support after reading %"] == ""
        )

    def test_thresholds_are_settings(self, admin_client, known):
        with override_settings(
            WAGTAIL_HELPCENTER={"QUICK_EXIT_MIN_READS": 3, "QUICK_EXIT_SHARE": 40}
        ):
            rows = self.export(admin_client)
        assert {title for title, row in rows.items() if row["Many quick exits"] == "Yes"} == {
            "Quick exits",
            "Few reads",
            "Calm",
        }

    def test_flag_on_the_page(self, admin_client, known):
        html = admin_client.get(reverse("wagtail_helpcenter_article_performance")).content.decode()
        assert html.count("Many quick exits") == 1
        assert "Left within 10 s %" in html and "Contacted support %" in html

    def test_queries_do_not_grow_with_articles(self, admin_client, known, category):
        url = reverse("wagtail_helpcenter_article_performance")

        def queries():
            with CaptureQueriesContext(connection) as context:
                assert admin_client.get(url).status_code == 200
            return len(context.captured_queries)

        admin_client.get(url)
        before = queries()
        for n in range(6):
            page = ArticlePageFactory(parent=category, title=f"More {n}")
            PageViewDay.objects.create(
                page=page, date=today(), views=n + 1, short_reads=n, contacts=1
            )
        assert queries() == before
