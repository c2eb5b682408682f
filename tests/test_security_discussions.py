"""Regression tests for the outside security review of the discussions: follow-up emails
about pages that became internal (item 2), old links naming such pages (3), login names
published (6), pickles in emailed links and the example site's secret key (9),
unlimited confirmation emails (10) and ids past the database's integer range (14).

Real database, real django-comments-xtd, real views through the test client, emails
from ``django.core.mail.outbox``. Names added by the fixes are imported inside the tests
that need them, so each test fails on its own on the code before the fixes."""

import base64
import binascii
import contextlib
import os
import re
import secrets
import subprocess
import sys
import zlib
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django_comments_xtd import signed
from django_comments_xtd.conf import settings as xtd_settings
from django_comments_xtd.models import XtdComment
from wagtail.models import BaseViewRestriction, PageViewRestriction

from tests.factories import UserFactory
from tests.utils import soup
from wagtail_helpcenter.discussions import actions
from wagtail_helpcenter.discussions.models import ReplyTemplate

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
POST_URL = "/discussions/post/"
NO_FIRST_POST_HOLD = {"DISCUSSION_HOLD_FIRST_POST": False}
CONFIRM_LINK = re.compile(r"http://testserver(/discussions/confirm/\S+/)")
MUTE_LINK = re.compile(r"https?://[^/\s]+(/comments/mute/\S+/)")
BIG_IDS = ["9" * 30, str(2**63), str(2**31)]  # 2**31: past PostgreSQL's 32-bit AutoField


@pytest.fixture
def lenient_client():
    """A client that returns a server error as a 500 response instead of raising it."""
    return Client(raise_request_exception=False)


@pytest.fixture
def customer_follower(db):
    return UserFactory(username="cara", email="cara@example.com", first_name="Cara")


@pytest.fixture
def staff_follower(db):
    return UserFactory(
        username="sam", email="sam@example.com", first_name="Sam",
        groups=[Group.objects.get(name="Editors")],
    )  # fmt: skip


def form_fields(client, page, reply_to=0):
    """The comment form's fields as the page renders them (with its security hash)."""
    document = soup(client.get(page.url))
    form = next(
        form
        for form in document.select("form.hc-comment-form")
        if form.select_one('input[name="reply_to"]')["value"] == str(reply_to)
    )
    return {
        field["name"]: field.get("value", "")
        for field in form.select("input")
        if field.get("name") and field.get("type") != "checkbox"
    }


def post(client, page, text="How do I pay by card?", ip="127.0.0.1", **fields):
    data = {
        **form_fields(client, page),
        "name": "Ana",
        "email": "ana@example.com",
        "comment": text,
        "honeypot": "",
        **fields,
    }
    return client.post(POST_URL, data, REMOTE_ADDR=ip)


def follow(page, *, user=None, name="Ana", email="ana@example.com"):
    """A public comment whose poster ticked "Email me when someone replies"."""
    comment = actions.create_comment(page, f"Question from {name}", user=user, name=name,
                                     email=email)  # fmt: skip
    XtdComment.objects.filter(pk=comment.pk).update(followup=True)
    return comment


def make_internal(page, title="Refund escalation (internal)", slug="refund-escalation"):
    """An editor moves the article to the internal audience, under a new title and URL."""
    page.title, page.slug, page.audience = title, slug, "internal"
    page.save_revision().publish()
    page.refresh_from_db()
    assert PageViewRestriction.objects.filter(page=page).exists()
    return page


def action(client, page, **data):
    return client.post(reverse("wagtail_helpcenter_discussion_action", args=[page.pk]), data)


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def html_of(response):
    return response.content.decode()


def parsed(response):
    """The page of any response (a refusal is a 4xx page that explains itself)."""
    return BeautifulSoup(response.content, "html.parser")


def confirmation_link():
    return CONFIRM_LINK.search(mail.outbox[-1].body).group(1)


# 2. Follow-up emails only to followers who may still see the page --------------------


def test_follow_up_goes_only_to_followers_who_may_still_see_the_page(
    client, article, moderator, customer_follower, staff_follower
):
    follow(article, name="Ana", email="ana@example.com")  # anonymous
    follow(article, user=customer_follower)
    follow(article, user=staff_follower)
    make_internal(article)
    mail.outbox.clear()
    client.force_login(moderator)
    response = action(client, article, do="reply", text="Internal note: refund in the back office")
    assert response.status_code == 302
    assert recipients() == ["sam@example.com"]
    assert "Refund escalation (internal)" in mail.outbox[0].subject


def test_approving_a_held_comment_emails_no_follower_who_lost_access(client, article, moderator):
    follow(article, email="ana@example.com")
    client.force_login(moderator)
    queue = reverse("wagtail_helpcenter_moderation")
    first = actions.create_comment(article, "First", name="Bo", email="b@x.io", public=False)
    mail.outbox.clear()
    client.post(queue, {"action": "approve", "comments": [first.pk]})
    assert recipients() == ["ana@example.com"]  # still public: she is told
    # Any view restriction counts, a password too (an email carries no password session).
    PageViewRestriction.objects.create(
        page=article, restriction_type=BaseViewRestriction.PASSWORD, password="s3cret"
    )
    second = actions.create_comment(article, "Second", name="Bo", email="b@x.io", public=False)
    mail.outbox.clear()
    client.post(queue, {"action": "approve", "comments": [second.pk]})
    second.refresh_from_db()
    assert second.is_public
    assert recipients() == []


def test_no_follow_up_about_a_page_that_is_no_longer_live(
    client, article, moderator, staff_follower
):
    follow(article, user=staff_follower)
    article.unpublish()
    mail.outbox.clear()
    client.force_login(moderator)
    action(client, article, do="reply", text="Replying on an unpublished page")
    assert recipients() == []


@override_settings(WAGTAIL_HELPCENTER={**NO_FIRST_POST_HOLD, "INTERNAL_GROUPS": ["Editors"]})
def test_moderators_hear_of_comments_only_on_pages_they_may_see(
    client, article, moderator, staff_follower
):
    """Moderators who are not in INTERNAL_GROUPS get no email quoting an internal page."""
    comment = actions.create_comment(article, "Internal", user=staff_follower)
    flag = f"/discussions/flag/{comment.pk}/"
    client.force_login(staff_follower)
    assert client.post(flag, {"reason": "spam"}).status_code == 302
    assert recipients() == ["mod@example.com"]  # public: the moderator is told
    make_internal(article)
    mail.outbox.clear()
    client.force_login(UserFactory(username="ed", groups=[Group.objects.get(name="Editors")]))
    assert client.post(flag, {"reason": "abuse"}).status_code == 302
    assert recipients() == []


# 3. Old links name and link only pages the visitor may see now ------------------------


def test_confirmation_link_opened_after_the_page_became_internal_names_no_page(client, article):
    post(client, article, text="Is there a student discount?")
    link = confirmation_link()
    internal = make_internal(article)
    response = client.get(link)
    html = html_of(response)
    assert response.status_code in (400, 403, 404)
    assert "Refund escalation" not in html and internal.url not in html
    assert "Is there a student discount?" in parsed(response).select_one("#hc-your-text").text
    assert not XtdComment.objects.exists()


@override_settings(WAGTAIL_HELPCENTER=NO_FIRST_POST_HOLD)
def test_used_confirmation_link_does_not_redirect_to_a_page_now_internal(client, article):
    post(client, article, text="Question")
    link = confirmation_link()
    first = client.get(link)
    assert first.status_code == 302 and XtdComment.objects.get().is_public
    internal = make_internal(article)
    again = client.get(link)
    assert internal.url not in again.get("Location", "")
    assert "Refund escalation" not in html_of(again) and internal.url not in html_of(again)
    assert XtdComment.objects.count() == 1


def test_unsubscribe_link_after_the_page_became_internal_names_no_page(client, article, moderator):
    follow(article, email="ana@example.com")
    client.force_login(moderator)
    action(client, article, do="reply", text="An answer")
    mute = MUTE_LINK.search(mail.outbox[-1].body).group(1)
    client.logout()
    internal = make_internal(article)
    response = client.get(mute)
    assert response.status_code == 200
    assert "Refund escalation" not in html_of(response) and internal.url not in html_of(response)
    assert not XtdComment.objects.filter(followup=True).exists()


def test_deleting_ones_comment_on_a_page_now_internal_does_not_redirect_there(
    client, article, customer_follower
):
    comment = follow(article, user=customer_follower)
    internal = make_internal(article)
    client.force_login(customer_follower)
    response = client.post(f"/discussions/delete/{comment.pk}/")
    assert response.status_code == 302
    assert internal.url not in response["Location"]


# 9. No pickle behind a URL; nothing personal readable in a link -----------------------


class RunsCode:
    """A pickle that, when loaded, makes a folder: proof that loading ran code."""

    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (os.mkdir, (self.path,))


@pytest.mark.parametrize("url", ["/discussions/confirm/{key}/", "/comments/mute/{key}/"])
def test_a_forged_pickle_key_is_refused_and_never_loaded(client, article, tmp_path, url):
    marker = tmp_path / "code-ran"
    # Signed exactly as django-comments-xtd signs its links, with the site's known key.
    key = signed.dumps(RunsCode(str(marker)), extra_key=xtd_settings.COMMENTS_XTD_SALT).decode()
    response = client.get(url.format(key=key))
    assert not marker.exists(), "the link's pickle was loaded"
    assert response.status_code == 400
    assert "older" in parsed(response).select_one(".hc-message").text


def decodings(url):
    """Every form a part of ``url`` decodes to: as is, URL-unquoted, base64 (with or
    without padding) and zlib-inflated, each part split at the signers' separators."""
    path = unquote(urlsplit(url).path)
    found = [path.encode()]
    for part in re.split(r"[/.:]", path):
        if not part:
            continue
        try:
            raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        except (binascii.Error, ValueError):
            continue
        found.append(raw)
        with contextlib.suppress(zlib.error):
            found.append(zlib.decompress(raw))
    return found


def test_emailed_links_show_no_email_address_or_ip(client, article, moderator):
    with override_settings(WAGTAIL_HELPCENTER=NO_FIRST_POST_HOLD):
        post(client, article, text="Question", followup="on", ip="203.0.113.7")
        confirm_url = confirmation_link()
        client.get(confirm_url)
        question = XtdComment.objects.get()
        assert question.is_public and question.followup
        client.force_login(moderator)
        action(client, article, do="reply", text="An answer", reply_to=question.pk)
    notice = next(m for m in mail.outbox if m.to == ["ana@example.com"] and "An answer" in m.body)
    mute_url = MUTE_LINK.search(notice.body).group(1)
    for url in (confirm_url, mute_url):
        for blob in decodings(url):
            assert b"ana@example.com" not in blob, url
            assert b"203.0.113.7" not in blob, url
    client.logout()
    assert client.get(mute_url).status_code == 200  # the opaque link still works
    question.refresh_from_db()
    assert not question.followup


def test_expired_confirmation_is_refused_with_its_text_and_purged(client, article):
    from wagtail_helpcenter.discussions.models import PendingComment

    post(client, article, text="Late question")
    link = confirmation_link()
    assert PendingComment.objects.count() == 1
    PendingComment.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get(link)
    assert response.status_code == 400
    document = parsed(response)
    assert "expired" in document.select_one(".hc-message").text
    assert document.select_one("#hc-your-text").text == "Late question"
    assert not PendingComment.objects.exists()
    assert not XtdComment.objects.exists()


def test_expired_confirmations_are_purged_when_someone_posts(client, article):
    from wagtail_helpcenter.discussions.models import PendingComment

    post(client, article, text="Old one", email="old@example.com")
    PendingComment.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    post(client, article, text="New one", email="new@example.com")
    assert list(PendingComment.objects.values_list("comment", flat=True)) == ["New one"]


def manage_py(*args, **env):
    """The example site's manage.py with its production settings, in a fresh process."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "HELPCENTER"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT / "example_project",
        env={**clean, "PYTHONPATH": str(ROOT),
             "DJANGO_SETTINGS_MODULE": "demo_site.settings.production", **env},
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_production_settings_pass_check_deploy_without_warnings():
    result = manage_py(
        "check", "--deploy", "--fail-level", "WARNING",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50), DJANGO_ALLOWED_HOSTS="help.example.com",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = manage_py("check", DJANGO_ALLOWED_HOSTS="help.example.com")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


# 10. A bounded number of confirmation emails -------------------------------------------


@override_settings(WAGTAIL_HELPCENTER={"DISCUSSION_UNCONFIRMED_PER_ADDRESS": 3})
def test_unconfirmed_comments_per_network_address_are_limited(client, article):
    responses = []
    for number in range(15):
        cache.clear()  # the limit must not live in one process's memory or cache
        responses.append(
            post(client, article, text=f"Spam {number}", email=f"victim{number}@example.com")
        )
    assert len(mail.outbox) == 3
    refused = responses[-1]
    assert refused.status_code == 429
    document = parsed(refused)
    assert "Your comment could not be posted" in document.text
    assert document.select_one("#hc-your-text").text == "Spam 14"
    assert not XtdComment.objects.exists()
    from wagtail_helpcenter.discussions.models import PendingComment

    assert PendingComment.objects.count() == 3  # nothing stored on refusal


@override_settings(WAGTAIL_HELPCENTER={"DISCUSSION_UNCONFIRMED_PER_EMAIL": 2})
def test_unconfirmed_comments_per_recipient_are_limited(client, article):
    addresses = ["victim@example.com", "Victim@Example.COM", "victim+x@example.com"]
    responses = [
        post(client, article, text=f"Hi {n}", email=email, ip=f"198.51.100.{n}")
        for n, email in enumerate(addresses)
    ]
    assert [r.status_code for r in responses] == [200, 200, 429]
    assert len(mail.outbox) == 2


def test_the_default_limits_stop_a_mail_flood_from_one_address(client, article):
    for number in range(15):
        post(client, article, text=f"Spam {number}", email=f"victim{number}@example.com")
    assert 0 < len(mail.outbox) <= 5


# 6. No login names published ------------------------------------------------------------


FALLBACK = {**NO_FIRST_POST_HOLD, "PUBLIC_NAME_FALLBACK": "Acme support"}


@override_settings(WAGTAIL_HELPCENTER=FALLBACK)
def test_a_user_without_a_full_name_posts_under_the_public_name(client, article):
    jane = UserFactory(username="jane.doe@corp.example", email="jane@corp.example")
    client.force_login(jane)
    assert post(client, article, text="Staff tip").status_code == 302
    comment = XtdComment.objects.get()
    assert comment.user_name == "Acme support"
    html = client.get(article.url).content.decode()
    assert "jane.doe@corp.example" not in html
    assert "Acme support" in soup(client.get(article.url)).select_one(f"#c{comment.pk}").text


@override_settings(WAGTAIL_HELPCENTER=FALLBACK)
def test_comments_stored_with_a_login_name_show_the_public_name(client, article, moderator):
    jane = UserFactory(username="jane.doe@corp.example", email="jane@corp.example")
    follow(article, name="Ana", email="ana@example.com")
    old = actions.create_comment(article, "Old staff reply", user=jane)
    XtdComment.objects.filter(pk=old.pk).update(user_name="jane.doe@corp.example")  # as stored
    html = client.get(article.url).content.decode()
    assert "jane.doe@corp.example" not in html
    author = soup(client.get(article.url)).select_one(f"#c{old.pk} .hc-comment__author").text
    assert author == "Acme support"
    # The follow-up email about a new reply by that account names no login name either.
    mail.outbox.clear()
    client.force_login(jane)
    post(client, article, text="New staff reply")
    body = next(m.body for m in mail.outbox if m.to == ["ana@example.com"])
    assert "jane.doe@corp.example" not in body
    assert "Acme support replied" in body


@override_settings(WAGTAIL_HELPCENTER=FALLBACK)
def test_reply_template_fills_the_moderator_with_the_public_name(client, article):
    nameless = UserFactory(
        username="m.smith@corp.example", groups=[Group.objects.get(name="Moderators")]
    )
    question = actions.create_comment(article, "Help?", name="Ana", email="ana@example.com")
    template = ReplyTemplate.objects.create(title="Hi", text="Hi {user_name}, {moderator_name}.")
    client.force_login(nameless)
    url = reverse("wagtail_helpcenter_discussion", args=[article.pk])
    page = soup(client.get(url, {"template": template.pk, "reply_to": question.pk}))
    assert page.select_one('textarea[name="text"]').text.strip() == "Hi Ana, Acme support."


# 14. Ids past the database's integer range are a 404 or a message, never a 500 ---------


@pytest.mark.parametrize("big", BIG_IDS)
def test_big_ids_in_permalinks(lenient_client, article, big):
    content_type = ContentType.objects.get_for_model(article)
    assert lenient_client.get(f"/comments/cr/{content_type.pk}/{big}/").status_code == 404
    assert lenient_client.get(f"/comments/cr/{big}/{article.pk}/").status_code == 404


@pytest.mark.parametrize("big", BIG_IDS)
def test_big_object_pk_in_the_comment_form(lenient_client, article, big):
    response = post(lenient_client, article, object_pk=big)
    assert response.status_code == 400
    assert "page" in parsed(response).select_one(".hc-message").text
    assert not XtdComment.objects.exists() and not mail.outbox


@pytest.mark.parametrize("big", BIG_IDS)
@pytest.mark.parametrize("signed_in", [True, False])
@override_settings(WAGTAIL_HELPCENTER=NO_FIRST_POST_HOLD)
def test_big_reply_to_in_the_comment_form(lenient_client, article, customer_follower, big,
                                          signed_in):  # fmt: skip
    if signed_in:
        lenient_client.force_login(customer_follower)
    response = post(lenient_client, article, text="A reply", reply_to=big)
    assert response.status_code in (400, 403)
    assert "not on this page" in parsed(response).select_one(".hc-message").text
    assert not XtdComment.objects.exists() and not mail.outbox


@pytest.mark.parametrize("big", BIG_IDS)
def test_big_comment_ids_in_flag_and_delete(lenient_client, article, customer_follower, big):
    assert lenient_client.post(f"/discussions/flag/{big}/", {"reason": "spam"}).status_code == 404
    lenient_client.force_login(customer_follower)
    assert lenient_client.post(f"/discussions/delete/{big}/").status_code == 404


@pytest.mark.parametrize("big", BIG_IDS)
def test_big_ids_in_the_moderation_admin(lenient_client, article, moderator, big):
    lenient_client.force_login(moderator)
    base = "/admin/helpcenter/discussions/"
    assert lenient_client.get(f"{base}{big}/").status_code == 404
    assert lenient_client.post(f"{base}{big}/action/", {"do": "reopen"}).status_code == 404
    queue = lenient_client.post(base, {"action": "approve", "comments": [big]})
    assert queue.status_code == 302
    page = lenient_client.get(f"{base}{article.pk}/", {"template": big, "reply_to": big})
    assert page.status_code == 200
    assert action(lenient_client, article, do="accept", comment=big).status_code == 404
    reply = action(lenient_client, article, do="reply", text="Hi", reply_to=big)
    assert reply.status_code in (302, 404)
    assert not XtdComment.objects.exists()
