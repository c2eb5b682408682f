"""Every public URL, fuzzed with hypothesis: random query parameters, headers and form
bodies never produce a server error, and a refusal is a clear 4xx."""

import pytest
from django.core import mail
from django_comments_xtd.models import XtdComment
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from wagtail_helpcenter.models import Vote

pytestmark = pytest.mark.django_db

FUZZ = hypothesis_settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60)
NAMES = st.sampled_from(
    ["q", "page", "category", "kind", "format", "comments", "comments_page", "answer",
     "voted", "id", "next", "locale", "status", "lang"]
)  # fmt: skip
PARAMS = st.dictionaries(NAMES, TEXT, max_size=4)
HEADERS = st.fixed_dictionaries(
    {},
    optional={
        "Accept-Language": TEXT,
        "Origin": TEXT,
        "If-None-Match": TEXT,
        "If-Modified-Since": TEXT,
        "Accept": st.sampled_from(["application/json", "text/html", "*/*", "x/y"]),
    },
)
ALLOWED = {200, 301, 302, 303, 304, 400, 403, 404, 405, 429}


def public_urls(site):
    help_center = site["help_center"].url
    return [
        help_center,
        site["article"].url,
        site["faq"].url,
        site["internal"].url,
        f"{help_center}search/",
        f"{help_center}search/suggest/",
        f"{help_center}feed/",
        f"{help_center}feed/atom/",
        f"{help_center}api/categories/",
        f"{help_center}api/articles/",
        f"{help_center}api/articles/{site['article'].pk}/",
        f"{help_center}api/faq/",
        "/sitemap.xml",
        "/nl" + site["article"].url,
    ]


def headers_for(client_headers):
    # Header values the HTTP layer could never carry are not an attack on the app.
    return {name: value for name, value in client_headers.items() if value.isprintable()}


@FUZZ
@given(url_index=st.integers(min_value=0, max_value=13), params=PARAMS, headers=HEADERS)
def test_get_never_fails(client, public_site, url_index, params, headers):
    url = public_urls(public_site)[url_index]
    response = client.get(url, params, headers=headers_for(headers))
    assert response.status_code in ALLOWED, (url, params, response.status_code)


@FUZZ
@given(
    body=st.dictionaries(
        st.sampled_from(["page", "item", "helpful", "reason", "comment", "website"]),
        TEXT,
        max_size=6,
    )
)
def test_feedback_posts_never_fail(client, public_site, body):
    before = Vote.objects.count()
    response = client.post(f"{public_site['help_center'].url}feedback/", body)
    assert response.status_code in ALLOWED
    if response.status_code >= 400:
        assert Vote.objects.count() == before


@FUZZ
@given(
    body=st.dictionaries(
        st.sampled_from(
            ["content_type", "object_pk", "timestamp", "security_hash", "name", "email",
             "comment", "reply_to", "honeypot", "followup", "url"]
        ),
        TEXT,
        max_size=11,
    )
)  # fmt: skip
def test_comment_posts_never_fail_and_store_nothing_when_refused(client, public_site, body):
    response = client.post("/discussions/post/", body)
    assert response.status_code in ALLOWED
    assert not XtdComment.objects.exists()  # forged forms never get past the security hash
    assert not mail.outbox


@FUZZ
@given(key=TEXT.filter(lambda key: "/" not in key and key.strip()))
def test_confirmation_and_unsubscribe_links_never_fail(client, public_site, key):
    for url in (f"/discussions/confirm/{key}/", f"/comments/mute/{key}/"):
        response = client.get(url)
        assert response.status_code in ALLOWED, (url, response.status_code)
