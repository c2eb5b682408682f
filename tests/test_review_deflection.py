"""Review of the deflection features (contact form, beacons, funnel, gap queue): what a
hostile visitor or a non-staff user can do, and the defects found."""

import pytest
from django.core import mail
from django.test import Client, override_settings

from wagtail_helpcenter.models import ContactRequest, ContentGap, PageViewDay

pytestmark = pytest.mark.django_db
FORM_ON = {"CONTACT_FORM": True, "CONTACT_EMAIL": ["support@example.com"]}


@pytest.fixture
def form_center(help_center):
    help_center.contact_url = ""
    help_center.save()
    return help_center


def _page(response):
    from bs4 import BeautifulSoup

    return BeautifulSoup(response.content, "html.parser")


@override_settings(WAGTAIL_HELPCENTER=FORM_ON)
def test_probe_categories(client, form_center, article, internal_article):
    response = client.get(form_center.url + "contact/")
    options = [o.get_text() for o in _page(response).select("select[name=category] option")]
    assert "Support playbook" not in options


@override_settings(WAGTAIL_HELPCENTER=FORM_ON)
@pytest.mark.parametrize("value", ["1\x00", "\x00", "9" * 40, "١", "-1", " 1 ", "1e3"])
def test_probe_post_hostile(client, form_center, article, value):
    token = _page(client.get(form_center.url + "contact/")).select_one("input[name=token]")["value"]
    for field in ["name", "email", "subject", "message", "category", "from", "token", "website"]:
        data = {
            "name": "A",
            "email": "a@example.com",
            "subject": "Refund",
            "message": "x",
            "token": token,
            field: value,
        }
        response = client.post(form_center.url + "contact/", data)
        assert response.status_code in (303, 400, 429), (field, response.status_code)
    for field in ["name", "email", "subject", "message", "category", "from", "token"]:
        data = {
            "name": "A",
            "email": "a@example.com",
            "subject": "Refund",
            "message": "x",
            "token": token,
        }
        data[field] = [value, "x"]
        response = client.post(form_center.url + "contact/", data)
        assert response.status_code in (303, 400, 429), (field, response.status_code)


@override_settings(WAGTAIL_HELPCENTER=FORM_ON)
@pytest.mark.parametrize("path", ["search/click/", "read/", "contact/suggestion/", "contact/"])
@pytest.mark.parametrize("value", ["1\x00", "9" * 400, "١", "%", "\ud800"])
def test_probe_beacons_hostile(client, form_center, article, path, value):
    for method in ("get", "post", "put", "delete", "head", "options"):
        for params in (
            {
                "page": value,
                "token": value,
                "position": value,
                "bucket": value,
                "from": value,
                "sent": value,
            },
        ):
            try:
                response = getattr(client, method)(form_center.url + path, params)
            except UnicodeEncodeError:
                continue
            assert response.status_code < 500, (method, path, response.status_code)


def _token(client, help_center, **params):
    response = client.get(help_center.url + "contact/", params)
    return _page(response).select_one("input[name=token]")["value"], response


def _send(client, help_center, **fields):
    token, _response = _token(client, help_center)
    data = {
        "name": "Ana",
        "email": "ana@example.com",
        "subject": "Zorblax quantum widget",
        "message": "Help",
        "token": token,
        **fields,
    }
    return client.post(help_center.url + "contact/", data)


@override_settings(WAGTAIL_HELPCENTER=FORM_ON)
def test_probe_from_internal_vs_missing(client, form_center, article, internal_article):
    import re

    _t, a = _token(client, form_center, **{"from": internal_article.pk})
    _t, b = _token(client, form_center, **{"from": 999999})

    def norm(r):
        return re.sub(r'value="[^"]*"', "", r.content.decode())

    assert a.status_code == b.status_code
    assert norm(a).replace(str(internal_article.pk), "X") == norm(b).replace("999999", "X")
    response = _send(client, form_center, **{"from": internal_article.pk})
    assert response.status_code == 303
    assert ContactRequest.objects.get().source_page is None
    assert not PageViewDay.objects.filter(page=internal_article, contacts__gt=0).exists()
    assert internal_article.title not in mail.outbox[0].body


def test_probe_admin_non_staff(client, customer, help_center):
    from django.contrib.auth.models import Permission
    from django.urls import reverse
    from django.utils import timezone

    gap = ContentGap.objects.create(
        help_center=help_center,
        kind="contact",
        key="k",
        title="k",
        first_seen=timezone.now(),
        last_seen=timezone.now(),
    )
    client.force_login(customer)
    urls = [
        reverse("wagtail_helpcenter_gaps"),
        reverse("wagtail_helpcenter_contact_requests"),
        reverse("wagtail_helpcenter_unanswered"),
    ]
    for url in urls:
        assert client.get(url).status_code in (302, 403), url
    for action in ("done", "dismiss", "reopen", "write", "pick"):
        url = reverse("wagtail_helpcenter_gap_action", args=[gap.pk, action])
        assert client.post(url, {"reason": "x"}).status_code in (302, 403)
    customer.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for url in urls:
        assert client.get(url).status_code in (302, 403), url
    for action in ("done", "dismiss", "reopen", "write", "pick"):
        url = reverse("wagtail_helpcenter_gap_action", args=[gap.pk, action])
        assert client.post(url, {"reason": "x"}).status_code in (302, 403)
    gap.refresh_from_db()
    assert gap.status == "open"


@override_settings(WAGTAIL_HELPCENTER=FORM_ON)
def test_one_visitor_counts_one_contact_per_article_and_day(client, form_center, article):
    """`contacts` is "the share of views after which the visitor contacted support": a
    view counts once per visitor and day, so must a contact, or one visitor sending a
    few requests from one article puts its contact rate over 100 %."""
    client.get(article.url)
    for n in range(3):
        response = _send(
            client,
            form_center,
            email=f"ana{n}@example.com",
            subject=f"Question {n}",
            **{"from": article.pk},
        )
        assert response.status_code == 303
    row = PageViewDay.objects.get(page=article)
    assert (row.views, row.contacts) == (1, 1)
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert _send(other, form_center, **{"from": article.pk}).status_code == 303
    assert PageViewDay.objects.get(page=article).contacts == 2


@override_settings(WAGTAIL_HELPCENTER=FORM_ON)
def test_one_visitor_cannot_push_a_contact_gap_up_the_queue(client, form_center, article):
    """A subject nothing matched is one occurrence per visitor and day: sending it again
    and again does not make it the queue's most frequent gap."""
    for n in range(4):
        response = _send(
            client, form_center, email=f"ana{n}@example.com", subject="Zorblax quantum widget"
        )
        assert response.status_code == 303
    assert ContentGap.objects.get(kind="contact").occurrences == 1
    other = Client(REMOTE_ADDR="2001:db8:1:2::5")
    assert _send(other, form_center, subject="zorblax  QUANTUM widget").status_code == 303
    assert ContentGap.objects.get(kind="contact").occurrences == 2
    same_64 = Client(REMOTE_ADDR="2001:db8:1:2::6")
    assert (
        _send(
            same_64, form_center, email="x@example.org", subject="Zorblax quantum widget"
        ).status_code
        == 303
    )
    assert ContentGap.objects.get(kind="contact").occurrences == 2


@pytest.mark.parametrize("value", ["\x00", "9" * 40, "١", "-1", "<script>", "İ" * 300])
def test_probe_admin_hostile(admin_client, help_center, category, value):
    from django.urls import reverse
    from django.utils import timezone

    gap = ContentGap.objects.create(
        help_center=help_center,
        kind="contact",
        key="k",
        title="İ" * 200,
        first_seen=timezone.now(),
        last_seen=timezone.now(),
    )
    for params in ({"status": value}, {"kind": value}, {"p": value}, {"status": [value, "open"]}):
        assert admin_client.get(reverse("wagtail_helpcenter_gaps"), params).status_code < 500
    for params in (
        {"created_at_after": value},
        {"help_center": value},
        {"locale": value},
        {"export": "csv", "help_center": value},
    ):
        response = admin_client.get(reverse("wagtail_helpcenter_contact_requests"), params)
        assert response.status_code < 500
    assert (
        admin_client.get(reverse("wagtail_helpcenter_unanswered"), {"x": value}).status_code < 500
    )
    for action in ("dismiss", "write", "pick", "done", "reopen", value[:5]):
        try:
            url = reverse("wagtail_helpcenter_gap_action", args=[gap.pk, action])
        except Exception:
            continue
        response = admin_client.post(url, {"reason": value, "category": value})
        assert response.status_code < 500, action


@override_settings(WAGTAIL_HELPCENTER=FORM_ON)
def test_probe_alias(client, site_home, form_center, article, internal_article):
    from wagtail.models import Page

    alias = form_center.create_alias(recursive=True, parent=site_home, update_slug="help2")
    alias = alias.specific
    internal_copy = Page.objects.get(alias_of=internal_article)
    article_copy = Page.objects.get(alias_of=article)
    answers = {}
    for name, page_id in [
        ("internal", internal_copy.pk),
        ("missing", 99999),
        ("internal-orig", internal_article.pk),
        ("ok", article_copy.pk),
    ]:
        r1 = client.get(alias.url + "read/", {"page": page_id, "bucket": "short"})
        answers[name] = (r1.status_code, r1.content)
    response = client.get(alias.url + "contact/")
    options = [o.get_text() for o in _page(response).select("select[name=category] option")]
    assert answers["internal"] == answers["missing"]
    assert "Support playbook" not in options
    assert client.get(internal_copy.url).status_code != 200


@override_settings(WAGTAIL_HELPCENTER=FORM_ON)
def test_the_form_and_its_token_are_never_cached(client, form_center):
    """The form carries the token of one opening: a shared cache must not hand it to the
    next visitors (their suggestions would count once for all of them, and once it is
    four hours old every request sent from the cached page is refused)."""
    from django.utils.cache import get_max_age

    for response in (
        client.get(form_center.url + "contact/"),
        client.post(form_center.url + "contact/", {"name": "Ana", "token": "x"}),
    ):
        assert "token" in response.content.decode()
        assert "no-store" in response["Cache-Control"], response.status_code
        assert get_max_age(response) == 0
