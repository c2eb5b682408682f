import csv
import io

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import ArticlePageFactory, UserFactory
from wagtail_helpcenter.models import SearchTermDay

pytestmark = pytest.mark.django_db


@pytest.fixture
def searchable(help_center, category):
    ArticlePageFactory(parent=category, title="Download an invoice")
    return help_center


def search(client, help_center, **params):
    response = client.get(help_center.url + "search/", params, **params.pop("headers", {}))
    assert response.status_code == 200
    return response


def terms():
    return {row.query: (row.searches, row.zero_results) for row in SearchTermDay.objects.all()}


def test_searches_are_counted_per_normalised_term(client, searchable):
    search(client, searchable, q="Invoice")
    search(client, searchable, q="  invoice ", format="json", complete="1")
    search(client, searchable, q="xylophone")
    assert terms() == {"invoice": (2, 0), "xylophone": (1, 1)}
    row = SearchTermDay.objects.get(query="invoice")
    assert row.date == timezone.localdate()
    assert row.help_center_id == searchable.pk


def test_not_counted_page_two_empty_suggestions_bots_or_when_off(client, searchable):
    search(client, searchable, q="invoice", page="2")
    search(client, searchable, q="   ")
    client.get(searchable.url + "search/suggest/", {"q": "invoice"})
    client.get(searchable.url + "search/", {"q": "invoice"}, HTTP_USER_AGENT="Googlebot/2.1")
    with override_settings(WAGTAIL_HELPCENTER={"RECORD_SEARCH_TERMS": False}):
        search(client, searchable, q="invoice")
    assert terms() == {}


@pytest.fixture
def recorded(searchable):
    today = timezone.localdate()
    SearchTermDay.objects.create(help_center=searchable, date=today, query="invoice", searches=9)
    SearchTermDay.objects.create(
        help_center=searchable, date=today, query="xylophone", searches=3, zero_results=3
    )
    return searchable


@pytest.fixture
def editor(db):
    return UserFactory(username="reporter", is_superuser=True, is_staff=True)


def test_report_lists_terms_and_filters_zero_results(client, recorded, editor):
    client.force_login(editor)
    url = reverse("wagtail_helpcenter_search_terms")
    response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "invoice" in content and "xylophone" in content
    zero = client.get(url, {"zero_results_only": "true"}).content.decode()
    assert "xylophone" in zero
    assert ">invoice<" not in zero.replace(" ", "")


def test_report_exports_csv(client, recorded, editor):
    client.force_login(editor)
    response = client.get(reverse("wagtail_helpcenter_search_terms"), {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == [
        "Date",
        "Search term",
        "Searches",
        "Found nothing",
        "Visitors",
        "Searches with a click",
        "Click-through rate %",
        "Average clicked position",
        "Help center",
    ]
    assert [row[1:4] for row in rows[1:]] == [["invoice", "9", "0"], ["xylophone", "3", "3"]]


def test_report_and_menu_item_need_page_editing_rights(client, recorded, customer):
    customer.is_staff = True
    customer.save()
    client.force_login(customer)
    response = client.get(reverse("wagtail_helpcenter_search_terms"))
    assert response.status_code in (302, 403)
