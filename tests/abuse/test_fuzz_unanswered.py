"""The moderators' list of unanswered questions, fuzzed: random query parameters and
headers never produce a server error, for a moderator or anyone else, and nobody but a
moderator sees a question."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from hypothesis import given
from hypothesis import strategies as st

from tests.abuse.test_fuzz_public_urls import ALLOWED, FUZZ, HEADERS, PARAMS, headers_for
from wagtail_helpcenter.discussions import actions

pytestmark = pytest.mark.django_db

QUESTION = "Secret question about refunds?"


@pytest.fixture
def asked(public_site):
    for page in (public_site["article"], public_site["internal"]):
        actions.create_comment(page, QUESTION, name="Ana", email="ana@example.com")
    XtdComment.objects.update(submit_date=timezone.now() - timedelta(days=2))


@FUZZ
@given(who=st.sampled_from(["moderator", "customer", "staff_user", None]), params=PARAMS,
       headers=HEADERS)  # fmt: skip
def test_unanswered_list_never_fails(client, asked, request, who, params, headers):
    if who:
        client.force_login(request.getfixturevalue(who))
    else:
        client.logout()
    response = client.get(reverse("wagtail_helpcenter_unanswered"), params,
                          headers=headers_for(headers))  # fmt: skip
    assert response.status_code in ALLOWED, (who, params, response.status_code)
    if who != "moderator":
        assert response.status_code != 200
        assert QUESTION not in response.content.decode(errors="replace")
