"""Repeated searches from the cache (``search.cache``): the same outcome for the same
search, never one made for someone who sees more, and every change seen on the next
search. On the database backend and OpenSearch (``-m search``)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories import ArticlePageFactory
from tests.test_search import build_corpus, paragraph, refresh, search_json, titles
from wagtail_helpcenter.models import SearchTermDay

pytestmark = [pytest.mark.django_db, pytest.mark.search]


@pytest.fixture(autouse=True)
def clean_index(search_index):
    """Every test starts from an empty engine index."""


@pytest.fixture
def corpus(help_center, category, internal_category):
    return build_corpus(help_center, category, internal_category)


def queries_of(client, help_center, **params):
    with CaptureQueriesContext(connection) as context:
        data = search_json(client, help_center, **params)
    return data, len(context.captured_queries)


def test_a_repeated_search_is_answered_from_the_cache(client, help_center, corpus):
    first, first_queries = queries_of(client, help_center, q="refund")
    again, again_queries = queries_of(client, help_center, q="  REFUND ")
    assert titles(again) == titles(first) == ["Request a refund"]
    assert again_queries < first_queries
    assert again["query"] == "REFUND"  # the visitor's own words


def test_each_search_is_still_counted(client, help_center, corpus):
    for _ in range(2):
        client.get(help_center.url + "search/", {"q": "refund"}, REMOTE_ADDR="192.0.2.1")
    client.get(help_center.url + "search/", {"q": "refund"}, REMOTE_ADDR="192.0.2.2")
    counted = SearchTermDay.objects.get(query="refund")
    assert (counted.searches, counted.visitors) == (3, 2)


def test_filters_and_pages_are_kept_apart(client, help_center, category, corpus):
    everything = titles(search_json(client, help_center, q="invoice"))
    in_billing = titles(search_json(client, help_center, q="invoice", category=category.pk))
    assert titles(search_json(client, help_center, q="invoice")) == everything
    assert titles(search_json(client, help_center, q="invoice", kind="faq")) == []
    assert in_billing == ["Download an invoice"]


def test_a_staff_outcome_never_reaches_a_visitor(client, help_center, corpus, staff_user):
    client.force_login(staff_user)
    assert "Refund escalation for invoices" in titles(search_json(client, help_center, q="refund"))
    client.logout()
    assert "Refund escalation for invoices" not in titles(
        search_json(client, help_center, q="refund")
    )


def test_a_new_article_is_found_on_the_next_search(client, help_center, category, corpus):
    assert titles(search_json(client, help_center, q="chargeback")) == []
    ArticlePageFactory(
        parent=category, title="Dispute a chargeback", body=paragraph("Card disputes.")
    ).save_revision().publish()
    refresh()
    assert titles(search_json(client, help_center, q="chargeback")) == ["Dispute a chargeback"]


def test_an_article_made_private_is_gone_on_the_next_search(client, help_center, corpus):
    assert "Track your parcel" in titles(search_json(client, help_center, q="parcel"))
    PageViewRestriction.objects.create(
        page=corpus["tracking"].get_parent(), restriction_type=PageViewRestriction.LOGIN
    )
    assert "Track your parcel" not in titles(search_json(client, help_center, q="parcel"))


def test_an_unpublished_article_is_gone_on_the_next_search(client, help_center, corpus):
    assert titles(search_json(client, help_center, q="parcel")) == ["Track your parcel"]
    corpus["tracking"].unpublish()
    refresh()
    assert titles(search_json(client, help_center, q="parcel")) == []


def kept_outcomes():
    return [key for key in cache._cache if "wagtail_helpcenter:search:" in key]


def test_off_when_the_setting_is_zero(client, help_center, corpus):
    with override_settings(WAGTAIL_HELPCENTER={"SEARCH_CACHE_SECONDS": 0}):
        search_json(client, help_center, q="refund")
    assert kept_outcomes() == []
    search_json(client, help_center, q="refund")
    assert len(kept_outcomes()) == 1
