"""The contact form and its suggestion beacon, fuzzed: random query parameters, form
bodies and tokens never produce a server error, a refusal is a clear 4xx, and nothing
is stored or emailed unless the request was sent (303)."""

import pytest
from django.core import mail
from hypothesis import given
from hypothesis import strategies as st

from tests.abuse.test_fuzz_public_urls import ALLOWED, FUZZ, HEADERS, TEXT, headers_for
from wagtail_helpcenter import contact
from wagtail_helpcenter.models import ContactRequest, FunnelDay

pytestmark = pytest.mark.django_db

FIELDS = ["name", "email", "subject", "message", "category", "website", "token", "from"]
LONG_TEXT = st.one_of(TEXT, st.text(min_size=190, max_size=400), st.just("x" * 5001))
BODIES = st.dictionaries(st.sampled_from(FIELDS), LONG_TEXT, max_size=8)
GOOD = {
    "name": "Ana",
    "email": "ana@example.com",
    "subject": "Refund",
    "message": "Charged twice.",
}


@pytest.fixture
def form_center(public_site):
    help_center = public_site["help_center"]
    help_center.contact_url = ""
    help_center.save()
    return help_center


@FUZZ
@given(
    params=st.dictionaries(st.sampled_from(["from", "sent", "q", "token"]), TEXT, max_size=3),
    headers=HEADERS,
)
def test_opening_the_form_never_fails(client, form_center, params, headers):
    response = client.get(form_center.url + "contact/", params, headers=headers_for(headers))
    assert response.status_code in ALLOWED, (params, response.status_code)


@FUZZ
@given(body=BODIES, valid_token=st.booleans(), fill=st.booleans())
def test_posts_never_fail_and_refusals_store_nothing(client, form_center, body, valid_token, fill):
    before = ContactRequest.objects.count()
    mail.outbox.clear()
    data = {**(GOOD if fill else {}), **body}
    if valid_token:
        data["token"] = contact.new_token(form_center)
    response = client.post(form_center.url + "contact/", data)
    assert response.status_code in ALLOWED, (data, response.status_code)
    if response.status_code == 303:
        assert ContactRequest.objects.count() == before + 1
    else:
        assert ContactRequest.objects.count() == before
        assert not mail.outbox


@FUZZ
@given(body=st.dictionaries(st.sampled_from(["token", "page", "url"]), LONG_TEXT, max_size=3))
def test_beacons_never_fail_and_forged_ones_count_nothing(client, form_center, body):
    response = client.post(form_center.url + "contact/suggestion/", body)
    assert response.status_code in ALLOWED
    assert response.status_code == 400  # no random text is a token this site signed
    assert not FunnelDay.objects.filter(suggestion_opened__gt=0).exists()
