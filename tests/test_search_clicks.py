"""Which search result visitors open: the token of a counted search, the positions on the
results, the click endpoint (once per token, only real rows, nothing revealed), and the
search terms report's click columns."""

import csv
import io
import re
import time
from datetime import timedelta
from html import unescape

import pytest
from django.contrib.auth.models import Group
from django.core import signing
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from wagtail.models import PageViewRestriction

from tests.factories import (
    ArticlePageFactory,
    FAQPageFactory,
    HelpCenterPageFactory,
    UserFactory,
    add_faq_items,
)
from wagtail_helpcenter.models import FunnelDay, SearchTermDay
from wagtail_helpcenter.search import clicks

pytestmark = pytest.mark.django_db


def today():
    # Read at use, not at import: a run that crosses midnight must not compare against yesterday.
    return timezone.localdate()


class TwoHoursAgo(signing.TimestampSigner):
    """Django's signer, dating its signature just over the token's life ago."""

    def timestamp(self):
        return signing.b62_encode(int(time.time()) - clicks.MAX_AGE_SECONDS - 60)


@pytest.fixture
def site(help_center, category, internal_article):
    articles = [
        ArticlePageFactory(parent=category, title=f"Invoice topic {n}", slug=f"invoice-{n}")
        for n in range(12)
    ]
    faq = add_faq_items(
        FAQPageFactory(parent=category, title="Billing FAQ", slug="faq"),
        ("Where is my invoice?", "<p>Under Billing.</p>"),
    )
    return {"help_center": help_center, "articles": articles, "faq": faq}


def search_page(client, help_center, **params):
    response = client.get(help_center.url + "search/", params)
    assert response.status_code == 200
    return response


def token_of(response):
    found = re.search(r'data-hc-click-token="([^"]+)"', response.content.decode())
    return unescape(found.group(1)) if found else None


def positions_of(response):
    """``[(position, page id)]`` of the result links."""
    html = response.content.decode()
    return [
        (int(position), int(page))
        for position, page in re.findall(r'data-hc-position="(\d+)" data-hc-page="(\d+)"', html)
    ]


def click(client, help_center, token, position, page, **extra):
    return client.get(
        help_center.url + "search/click/",
        {"token": token, "position": position, "page": page},
        **extra,
    )


def row(query="invoice"):
    return SearchTermDay.objects.get(query=query, date=today())


def clicked_funnel():
    return sum(FunnelDay.objects.values_list("searches_with_click", flat=True))


class TestToken:
    def test_counted_search_gets_a_token_and_positions(self, client, site):
        response = search_page(client, site["help_center"], q="Invoice")
        token = token_of(response)
        assert token
        payload = signing.loads(token, salt=clicks.SALT)
        assert payload["h"] == site["help_center"].pk
        assert payload["t"] == "invoice"
        assert payload["d"] == today().isoformat()
        positions = positions_of(response)
        assert [position for position, _page in positions] == list(range(1, 11))
        assert "js/search-clicks.js" in response.content.decode()
        assert "private" in response["Cache-Control"]

    def test_page_two_carries_the_token_and_continues_the_positions(self, client, site):
        first = search_page(client, site["help_center"], q="invoice")
        token = token_of(first)
        assert urlencode({"click": token}) in unescape(first.content.decode())
        second = search_page(client, site["help_center"], q="invoice", page="2", click=token)
        assert token_of(second) == token
        assert [position for position, _ in positions_of(second)] == list(
            range(11, 11 + len(positions_of(second)))
        )
        assert positions_of(second)
        # Page two is no new search.
        assert row().searches == 1

    def test_page_two_without_or_with_a_foreign_token_gets_none(self, client, site):
        other = clicks.issue_token(site["help_center"], "refund")
        for params in ({}, {"click": other}, {"click": "forged"}):
            response = search_page(client, site["help_center"], q="invoice", page="2", **params)
            assert token_of(response) is None
            assert positions_of(response) == []

    def test_no_token_when_not_counted(self, client, site, admin_user):
        help_center = site["help_center"]
        # Nothing found, robots, counting off, editors: no token.
        assert token_of(search_page(client, help_center, q="xylophone")) is None
        bot = client.get(help_center.url + "search/", {"q": "invoice"}, HTTP_USER_AGENT="bingbot")
        assert token_of(bot) is None
        with override_settings(WAGTAIL_HELPCENTER={"RECORD_SEARCH_TERMS": False}):
            assert token_of(search_page(client, help_center, q="invoice")) is None
        editor = Client()
        editor.force_login(admin_user)
        assert token_of(search_page(editor, help_center, q="invoice")) is None

    def test_json_has_the_token_and_positions_only_when_counted(self, client, site):
        url = site["help_center"].url + "search/"
        typing = client.get(url, {"q": "invoice", "format": "json"}).json()
        assert typing["click_token"] is None
        assert "position" not in typing["results"][0]
        done = client.get(url, {"q": "invoice", "format": "json", "complete": "1"}).json()
        assert done["click_token"]
        assert [result["position"] for result in done["results"]] == list(range(1, 11))
        assert all(isinstance(result["page_id"], int) for result in done["results"])


class TestClick:
    def test_a_click_counts_once_on_the_searchs_row(self, client, site):
        help_center = site["help_center"]
        response = search_page(client, help_center, q="invoice")
        token = token_of(response)
        position, page = positions_of(response)[2]
        answer = click(client, help_center, token, position, page)
        assert answer.status_code == 204
        assert "no-cache" in answer["Cache-Control"]
        assert (row().clicks, row().clicked_positions) == (1, 3)
        assert clicked_funnel() == 1
        # The same token again (a second result opened, a replay): counted once.
        assert click(client, help_center, token, 1, positions_of(response)[0][1]).status_code == 204
        assert (row().clicks, row().clicked_positions) == (1, 3)
        assert clicked_funnel() == 1
        # A new search is a new token.
        again = search_page(client, help_center, q="invoice")
        click(client, help_center, token_of(again), 1, positions_of(again)[0][1])
        assert (row().searches, row().clicks, row().clicked_positions) == (2, 2, 4)

    def test_a_click_on_page_two(self, client, site):
        help_center = site["help_center"]
        token = token_of(search_page(client, help_center, q="invoice"))
        second = search_page(client, help_center, q="invoice", page="2", click=token)
        position, page = positions_of(second)[0]
        assert click(client, help_center, token, position, page).status_code == 204
        assert (row().clicks, row().clicked_positions) == (1, 11)

    def test_an_faq_result_counts_with_its_page(self, client, site):
        help_center = site["help_center"]
        response = search_page(client, help_center, q="where is my invoice")
        faq_results = [
            (pos, page) for pos, page in positions_of(response) if page == site["faq"].pk
        ]
        assert faq_results
        assert click(client, help_center, token_of(response), *faq_results[0]).status_code == 204
        assert row("where is my invoice").clicks == 1

    def test_lands_on_the_day_the_search_was_counted(self, client, site):
        help_center = site["help_center"]
        token = token_of(search_page(client, help_center, q="invoice"))
        SearchTermDay.objects.filter(query="invoice").update(date=today() - timedelta(days=1))
        SearchTermDay.objects.create(help_center=help_center, date=today(), query="invoice")
        # A token made before midnight counts on yesterday's row, not on today's.
        yesterday_token = signing.dumps(
            {**signing.loads(token, salt=clicks.SALT), "d": (today() - timedelta(1)).isoformat()},
            salt=clicks.SALT,
        )
        click(client, help_center, yesterday_token, 1, site["articles"][0].pk)
        assert SearchTermDay.objects.get(date=today() - timedelta(days=1)).clicks == 1
        assert row().clicks == 0

    def test_no_row_no_click(self, client, site):
        """A token for a search that was never counted (its row is gone) counts nothing."""
        token = clicks.issue_token(site["help_center"], "never searched")
        response = click(client, site["help_center"], token, 1, site["articles"][0].pk)
        assert response.status_code == 204
        assert not SearchTermDay.objects.exists()
        assert clicked_funnel() == 0

    def test_bots_and_editors_are_not_counted(self, client, site, admin_user):
        help_center = site["help_center"]
        token = token_of(search_page(client, help_center, q="invoice"))
        page = site["articles"][0].pk
        response = click(client, help_center, token, 1, page, HTTP_USER_AGENT="Googlebot/2.1")
        assert response.status_code == 204
        editor = Client()
        editor.force_login(admin_user)
        assert click(editor, help_center, token, 1, page).status_code == 204
        assert row().clicks == 0
        # They did not use the token up either.
        assert click(client, help_center, token, 1, page).status_code == 204
        assert row().clicks == 1


class TestRefusals:
    @pytest.fixture
    def searched(self, client, site):
        response = search_page(client, site["help_center"], q="invoice")
        return token_of(response), positions_of(response)[0][1]

    def assert_nothing_counted(self):
        assert row().clicks == 0
        assert row().clicked_positions == 0
        assert clicked_funnel() == 0

    def test_forged_tampered_and_expired_tokens(self, client, site, searched):
        help_center = site["help_center"]
        token, page = searched
        payload = signing.loads(token, salt=clicks.SALT)
        forged = [
            "",
            "garbage",
            token[:-3] + "abc",
            signing.dumps(payload, salt="another-salt"),
            signing.dumps({**payload, "d": "not a date"}, salt=clicks.SALT),
            signing.dumps(["a", "list"], salt=clicks.SALT),
        ]
        for bad in forged:
            response = click(client, help_center, bad, 1, page)
            assert response.status_code == 400, bad
            assert response.json()["error"] == "The search token is not valid."
        with override_settings(SECRET_KEY="another-secret-key-" + "x" * 40):
            other_site_token = clicks.issue_token(help_center, "invoice")
        assert click(client, help_center, other_site_token, 1, page).status_code == 400
        expired = TwoHoursAgo(salt=clicks.SALT).sign_object(payload, compress=True)
        response = click(client, help_center, expired, 1, page)
        assert response.status_code == 400
        assert response.json()["error"] == "This search is too old to be counted."
        self.assert_nothing_counted()

    def test_another_help_centers_token(self, client, site, searched, site_home):
        other = HelpCenterPageFactory(parent=site_home, title="Other", slug="other")
        token, page = searched
        assert click(client, other, token, 1, page).status_code == 400
        foreign = clicks.issue_token(other, "invoice")
        assert click(client, site["help_center"], foreign, 1, page).status_code == 400
        self.assert_nothing_counted()

    def test_positions(self, client, site, searched):
        token, page = searched
        for position in ("0", "501", "-1", "1.5", "", "²", "1e2", "9" * 30, " "):
            response = click(client, site["help_center"], token, position, page)
            assert response.status_code == 400, position
            assert "The position must be a whole number from 1 to 500." in response.json()["error"]
        self.assert_nothing_counted()
        assert click(client, site["help_center"], token, "500", page).status_code == 204

    def test_pages_that_are_not_results_are_refused_alike(
        self, client, site, searched, internal_article, site_home
    ):
        token, _page = searched
        other = HelpCenterPageFactory(parent=site_home, title="Other", slug="other")
        draft = ArticlePageFactory(parent=site["articles"][0].get_parent(), title="Draft")
        draft.unpublish()
        pages = [
            internal_article.pk,  # internal: same answer as a page that does not exist
            999999,
            draft.pk,
            other.pk,  # another help center
            site["help_center"].pk,  # not an article
            site["articles"][0].get_parent().pk,  # a category
            "abc",
            "9" * 40,
            "",
        ]
        answers = set()
        for page in pages:
            response = click(client, site["help_center"], token, 1, page)
            assert response.status_code == 400, page
            answers.add(response.content)
        assert answers == {b'{"error": "The opened page is not a result of this help center."}'}
        self.assert_nothing_counted()

    def test_internal_page_counts_only_for_who_may_see_it(self, client, site, internal_article):
        """A signed-in customer of a group the internal section admits (no editor, so
        counted) may report it; anonymous visitors and other customers are refused."""
        help_center = site["help_center"]
        token = token_of(search_page(client, help_center, q="invoice"))
        outsider = Client()
        outsider.force_login(UserFactory(username="outsider"))
        for visitor in (client, outsider):
            assert click(visitor, help_center, token, 1, internal_article.pk).status_code == 400
        self.assert_nothing_counted()
        support = Group.objects.create(name="Support")
        restriction = PageViewRestriction.objects.get(page=internal_article.get_parent())
        restriction.groups.add(support)
        member = Client()
        member.force_login(UserFactory(username="agent", groups=[support]))
        assert click(member, help_center, token, 4, internal_article.pk).status_code == 204
        assert (row().clicks, row().clicked_positions) == (1, 4)

    def test_only_get(self, client, site, searched):
        token, page = searched
        url = site["help_center"].url + "search/click/"
        response = client.post(url, {"token": token, "position": 1, "page": page})
        assert response.status_code == 405
        self.assert_nothing_counted()

    def test_rate_limited_per_address(self, client, site, searched):
        token, page = searched
        with override_settings(WAGTAIL_HELPCENTER={"BEACONS_PER_ADDRESS": 2}):
            codes = [click(client, site["help_center"], "x", 1, page).status_code for _ in range(2)]
            assert codes == [400, 400]
            limited = click(client, site["help_center"], token, 1, page)
            assert limited.status_code == 429
            other = click(client, site["help_center"], token, 1, page, REMOTE_ADDR="192.0.2.99")
            assert other.status_code == 204
        assert row().clicks == 1


class TestCsrf:
    def test_needs_no_csrf_token_or_cookie(self, site):
        """The reason the endpoint is a GET: Django's CSRF middleware guards Wagtail's
        serve view, so a POST to a page route without a token is refused (403)."""
        strict = Client(enforce_csrf_checks=True)
        help_center = site["help_center"]
        response = strict.get(help_center.url + "search/", {"q": "invoice"})
        assert "csrftoken" not in response.cookies
        token = token_of(response)
        page = positions_of(response)[0][1]
        assert click(strict, help_center, token, 1, page).status_code == 204
        assert row().clicks == 1
        post = strict.post(help_center.url + "search/click/", {"token": token})
        assert post.status_code == 403


class TestReport:
    @pytest.fixture
    def rows(self, help_center):
        make = SearchTermDay.objects.create
        make(help_center=help_center, date=today(), query="invoice", searches=8, visitors=5,
             clicks=4, clicked_positions=10)  # fmt: skip
        make(help_center=help_center, date=today(), query="refund", searches=3, clicks=0)
        make(help_center=help_center, date=today(), query="xylophone", searches=2, zero_results=2)
        make(help_center=help_center, date=today(), query="mixed", searches=3, zero_results=1)

    def export(self, client, **params):
        response = client.get(
            reverse("wagtail_helpcenter_search_terms"), {"export": "csv", **params}
        )
        assert response.status_code == 200
        content = b"".join(response.streaming_content).decode("utf-8-sig")
        return {row["Search term"]: row for row in csv.DictReader(io.StringIO(content))}

    def test_columns_in_the_export(self, admin_client, rows):
        exported = self.export(admin_client)
        invoice = exported["invoice"]
        assert invoice["Searches with a click"] == "4"
        assert invoice["Click-through rate %"] == "50"
        assert invoice["Average clicked position"] == "2.5"
        assert exported["refund"]["Click-through rate %"] == "0"
        assert exported["refund"]["Average clicked position"] == ""

    def test_columns_on_the_page(self, admin_client, rows):
        html = admin_client.get(reverse("wagtail_helpcenter_search_terms")).content.decode()
        for heading in (
            "Searches with a click",
            "Click-through rate %",
            "Average clicked position",
        ):
            assert heading in html
        assert "2.5" in html

    def test_filter_searches_nobody_clicked(self, admin_client, rows):
        exported = self.export(admin_client, not_clicked="true")
        # Searches that found something and were never clicked; not those that found nothing.
        assert set(exported) == {"refund", "mixed"}
        html = admin_client.get(
            reverse("wagtail_helpcenter_search_terms"), {"not_clicked": "true"}
        ).content.decode()
        assert "Only searches nobody clicked" in html

    def test_xlsx_export(self, admin_client, rows):
        response = admin_client.get(reverse("wagtail_helpcenter_search_terms"), {"export": "xlsx"})
        assert response.status_code == 200
        from openpyxl import load_workbook

        content = b"".join(response.streaming_content)
        sheet = load_workbook(io.BytesIO(content)).active
        values = [[cell.value for cell in line] for line in sheet.iter_rows()]
        headings = values[0]
        invoice = next(line for line in values if "invoice" in line)
        record = dict(zip(headings, invoice, strict=True))
        assert record["Searches with a click"] == 4
        assert float(record["Average clicked position"]) == 2.5
