"""The browser reports (search/click/ and read/), fuzzed with hypothesis: random
parameters, methods and headers never produce a server error, a refusal is a clear 4xx,
and nothing is counted on a refusal."""

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from tests.abuse.test_fuzz_public_urls import ALLOWED, FUZZ, HEADERS, TEXT, headers_for
from wagtail_helpcenter.models import FunnelDay, PageViewDay, SearchTermDay
from wagtail_helpcenter.search import clicks

pytestmark = pytest.mark.django_db

NUMBERS = st.one_of(TEXT, st.integers(min_value=-(2**70), max_value=2**70).map(str))


def counters():
    return (
        list(SearchTermDay.objects.values_list("clicks", "clicked_positions")),
        list(PageViewDay.objects.values_list("short_reads", "medium_reads", "long_reads")),
        list(FunnelDay.objects.values_list("searches_with_click", flat=True)),
    )


@pytest.fixture
def counted_search(public_site):
    help_center = public_site["help_center"]
    SearchTermDay.objects.create(
        help_center=help_center, date=timezone.localdate(), query="invoice", searches=1
    )
    return clicks.issue_token(help_center, "invoice")


@FUZZ
@given(
    params=st.dictionaries(st.sampled_from(["token", "position", "page", "bucket"]), NUMBERS),
    use_token=st.booleans(),
    page_kind=st.sampled_from(["fuzzed", "article", "faq", "internal", "help_center"]),
    headers=HEADERS,
)
def test_click_reports_never_fail(
    client, public_site, counted_search, params, use_token, page_kind, headers
):
    if use_token:
        params["token"] = counted_search
    if page_kind != "fuzzed":
        params["page"] = str(public_site[page_kind].pk)
    before = counters()
    url = f"{public_site['help_center'].url}search/click/"
    response = client.get(url, params, headers=headers_for(headers))
    assert response.status_code in ALLOWED | {204}, (params, response.status_code)
    if response.status_code >= 400:
        assert counters() == before
    if page_kind in ("internal", "help_center"):
        assert response.status_code == 400


@FUZZ
@given(
    params=st.dictionaries(st.sampled_from(["page", "bucket", "token"]), NUMBERS),
    bucket=st.sampled_from([None, "short", "medium", "long"]),
    page_kind=st.sampled_from(["fuzzed", "article", "faq", "internal"]),
    headers=HEADERS,
)
def test_read_reports_never_fail(client, public_site, params, bucket, page_kind, headers):
    if bucket:
        params["bucket"] = bucket
    if page_kind != "fuzzed":
        params["page"] = str(public_site[page_kind].pk)
    before = counters()
    response = client.get(
        f"{public_site['help_center'].url}read/", params, headers=headers_for(headers)
    )
    assert response.status_code in ALLOWED | {204}, (params, response.status_code)
    if response.status_code >= 400:
        assert counters() == before
    if page_kind == "internal":
        assert response.status_code == 400
        assert not PageViewDay.objects.filter(page=public_site["internal"]).exists()


@FUZZ
@given(
    method=st.sampled_from(["post", "put", "delete", "patch"]),
    body=st.dictionaries(st.sampled_from(["token", "position", "page", "bucket"]), TEXT),
    route=st.sampled_from(["search/click/", "read/"]),
)
def test_other_methods_are_refused(client, public_site, method, body, route):
    before = counters()
    response = getattr(client, method)(f"{public_site['help_center'].url}{route}", body)
    assert response.status_code == 405
    assert counters() == before
