"""Discussions under articles: posting (signed in, and anonymous with the emailed
confirmation link), every built-in moderator, the hook and its order rule, closed
threads, bans, replies, flags, deleting one's own comment, and bad input."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from wagtail import hooks

from tests.factories import ArticlePageFactory, UserFactory
from tests.utils import soup
from wagtail_helpcenter.discussions import moderation, signals
from wagtail_helpcenter.discussions.models import Ban, Review, Thread

pytestmark = pytest.mark.django_db


def page_of(response):
    """The parsed page of a refusal (a 400 or 403 page that explains itself)."""
    from bs4 import BeautifulSoup

    return BeautifulSoup(response.content, "html.parser")


POST_URL = "/discussions/post/"
NO_FIRST_POST_HOLD = {"DISCUSSION_HOLD_FIRST_POST": False}


def form_fields(client, page, reply_to=0):
    """The comment form's fields as the page renders them (with its security hash)."""
    document = soup(client.get(page.url))
    forms = document.select("form.hc-comment-form")
    form = next(
        form
        for form in forms
        if form.select_one('input[name="reply_to"]')["value"] == str(reply_to)
    )
    return {
        field["name"]: field.get("value", "")
        for field in form.select("input")
        if field.get("name") and field.get("type") != "checkbox"
    }


def post(client, page, text="How do I pay by card?", reply_to=0, **fields):
    data = {
        **form_fields(client, page, reply_to),
        "name": "Ana",
        "email": "ana@example.com",
        "comment": text,
        "honeypot": "",
        **fields,
    }
    return client.post(POST_URL, data)


@pytest.fixture
def member(db):
    return UserFactory(username="member", email="member@example.com", first_name="Mia")


@pytest.fixture
def moderator_user(db):
    return UserFactory(
        username="mod", email="mod@example.com", groups=[Group.objects.get(name="Moderators")]
    )


def comments_on(page):
    return XtdComment.objects.filter(object_pk=str(page.pk))


# Posting ------------------------------------------------------------------------------


@override_settings(WAGTAIL_HELPCENTER=NO_FIRST_POST_HOLD)
def test_signed_in_visitor_posts_at_once(client, article, member):
    client.force_login(member)
    response = post(client, article)
    assert response.status_code == 302
    comment = comments_on(article).get()
    assert response["Location"] == f"{article.url}#c{comment.pk}"
    assert comment.is_public and comment.user == member and comment.user_name == "Mia"
    assert comment.helpcenter_review.status == Review.APPROVED
    document = soup(client.get(article.url))
    assert "How do I pay by card?" in document.select_one(f"#c{comment.pk}").text


def test_anonymous_visitor_confirms_by_email(client, article, moderator_user):
    response = post(client, article, text="Is there a student discount?")
    assert response.status_code == 200
    assert "Check your email" in response.content.decode()
    assert not comments_on(article).exists()  # nothing public before the link is opened
    confirmation = mail.outbox[-1]
    assert confirmation.to == ["ana@example.com"]
    link = re.search(r"http://testserver(/discussions/confirm/\S+/)", confirmation.body).group(1)
    response = client.get(link)
    comment = comments_on(article).get()
    # A new poster's first comment waits for a moderator, who gets an email.
    assert not comment.is_public
    assert comment.helpcenter_review.status == Review.HELD
    assert "waits for a moderator" in response.content.decode()
    assert mail.outbox[-1].to == ["mod@example.com"]
    assert "first comment of a new poster" in mail.outbox[-1].body
    # Opening the link again stores nothing twice.
    client.get(link)
    assert comments_on(article).count() == 1


def test_a_broken_confirmation_link_is_explained(client, article):
    response = client.get("/discussions/confirm/not-a-real-key/")
    assert response.status_code == 400
    assert "This confirmation link is not valid" in response.content.decode()


def test_only_the_needed_xtd_urls_are_mounted(client, article):
    """xtd's JSON API would list comments of internal pages: it is not mounted."""
    assert (
        client.get(f"/comments/api/wagtail_helpcenter-articlepage/{article.pk}/").status_code == 404
    )
    assert client.get("/comments/post/").status_code == 404


@pytest.mark.urls("tests.urls_with_xtd")
def test_xtd_own_post_and_confirm_views_refuse_help_center_pages(client, article, member):
    """A site that mounts all of django-comments-xtd's URLs still gets no comment on a
    help center page past the help center's checks."""
    client.force_login(member)
    data = {**form_fields(client, article), "comment": "Sneaky", "name": "x", "email": "x@x.io"}
    response = client.post("/xtd/post/", data)
    assert response.status_code == 400
    client.logout()
    post(client, article, text="via xtd's confirm")  # anonymous: a confirmation email
    key = re.search(r"/discussions/confirm/(\S+)/", mail.outbox[-1].body).group(1)
    # The link carries only a token (the comment waits on the server): xtd's view, which
    # loads a signed pickle, finds no comment in it.
    assert client.get(f"/xtd/confirm/{key}/").status_code in (400, 404)
    assert not comments_on(article).exists()


def test_follow_up_emails_can_be_muted(client, article, moderator_user):
    with override_settings(WAGTAIL_HELPCENTER=NO_FIRST_POST_HOLD):
        post(client, article, text="Question", followup="on")
        link = re.search(r"http://testserver(/discussions/confirm/\S+/)", mail.outbox[-1].body)
        client.get(link.group(1))
        question = comments_on(article).get()
        assert question.followup and question.is_public
        client.force_login(moderator_user)
        post(client, article, text="An answer", reply_to=question.pk)
    notice = next(
        message
        for message in mail.outbox
        if message.to == ["ana@example.com"] and "An answer" in message.body
    )
    mute = re.search(r"(/comments/mute/\S+/)", notice.body).group(1)
    client.logout()
    assert client.get(mute).status_code == 200
    question.refresh_from_db()
    assert not question.followup


# Bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"comment": ""}, "This field is required"),
        ({"comment": "x" * 3001}, "at most 3000 characters"),
        ({"email": "not-an-email"}, "Enter a valid email address"),
        ({"security_hash": "0" * 40}, "The form expired or was changed"),
        ({"object_pk": "999999"}, "This page does not exist or does not take comments"),
        ({"content_type": "auth.user"}, "does not belong to a page of the help center"),
        ({"content_type": "abc"}, "does not belong to a page of the help center"),
        ({"object_pk": "²"}, "does not belong to a page of the help center"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_stores_nothing(client, article, fields, message):
    response = post(client, article, **fields)
    assert response.status_code in (400, 403)
    document = page_of(response)
    assert message in document.select_one(".hc-message").text
    assert not XtdComment.objects.exists()
    assert not mail.outbox


def test_refusal_gives_the_text_back(client, article):
    response = post(client, article, text="My long question", email="bad")
    assert page_of(response).select_one("#hc-your-text").text == "My long question"


@override_settings(WAGTAIL_HELPCENTER=NO_FIRST_POST_HOLD)
def test_reply_to_a_comment_of_another_page_is_refused(client, article, category, member):
    client.force_login(member)
    other = ArticlePageFactory(parent=category, title="Other")
    post(client, other, text="Elsewhere")
    elsewhere = comments_on(other).get()
    data = {**form_fields(client, article), "comment": "Reply", "reply_to": str(elsewhere.pk)}
    response = client.post(POST_URL, data)
    assert response.status_code == 403
    assert "not on this page" in page_of(response).select_one(".hc-message").text
    assert not comments_on(article).exists()


def test_internal_page_takes_no_comments_from_visitors(client, internal_article, staff_user):
    client.force_login(staff_user)
    fields = form_fields(client, internal_article)
    client.logout()
    response = client.post(POST_URL, {**fields, "name": "a", "email": "a@b.co", "comment": "hi"})
    assert response.status_code == 400
    assert "does not exist or does not take comments" in response.content.decode()
    assert not XtdComment.objects.exists()


def test_post_needs_the_csrf_token(article, member):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    fields = form_fields(client, article)
    fields.pop("csrfmiddlewaretoken", None)
    response = client.post(POST_URL, {**fields, "comment": "hi"})
    assert response.status_code == 403
    assert not XtdComment.objects.exists()


# Built-in moderators ------------------------------------------------------------------


@override_settings(WAGTAIL_HELPCENTER={**NO_FIRST_POST_HOLD, "DISCUSSION_MAX_LINKS": 1})
def test_too_many_links_are_held(client, article, member):
    client.force_login(member)
    post(client, article, text="See https://a.example and www.b.example")
    review = comments_on(article).get().helpcenter_review
    assert (review.status, review.reason) == (
        Review.HELD,
        "It contains 2 links (more than 1).",
    )


@override_settings(WAGTAIL_HELPCENTER={**NO_FIRST_POST_HOLD, "DISCUSSION_MAX_LINKS": None})
def test_link_moderator_can_be_switched_off(client, article, member):
    client.force_login(member)
    post(client, article, text="https://a.example https://b.example https://c.example")
    assert comments_on(article).get().is_public


@override_settings(WAGTAIL_HELPCENTER={**NO_FIRST_POST_HOLD, "DISCUSSION_BLOCKED_WORDS": ["cum"]})
def test_blocked_words_match_whole_words_only(client, article, member):
    client.force_login(member)
    assert post(client, article, text="Where is the document?").status_code == 302
    response = post(client, article, text="Magna CUM laude")
    assert response.status_code == 403
    assert "a word that is not allowed here: “CUM”" in response.content.decode()
    assert comments_on(article).count() == 1


@override_settings(WAGTAIL_HELPCENTER={**NO_FIRST_POST_HOLD, "DISCUSSION_POSTS_PER_USER": 2})
def test_posting_rate_per_user(client, article, member):
    client.force_login(member)
    assert post(client, article, text="one").status_code == 302
    assert post(client, article, text="two").status_code == 302
    response = post(client, article, text="three")
    assert response.status_code == 403
    assert "posted a lot in a short time" in response.content.decode()
    XtdComment.objects.update(submit_date=timezone.now() - timedelta(minutes=11))
    assert post(client, article, text="later").status_code == 302


@override_settings(
    WAGTAIL_HELPCENTER={
        **NO_FIRST_POST_HOLD,
        "DISCUSSION_POSTS_PER_USER": None,
        "DISCUSSION_POSTS_PER_ADDRESS": 1,
    }
)
def test_posting_rate_per_address(client, article, member):
    client.force_login(member)
    assert post(client, article, text="one").status_code == 302
    response = post(client, article, text="two")
    assert "Many comments came from your network" in response.content.decode()


def test_first_post_of_a_new_poster_is_held_later_ones_are_not(client, article, member):
    client.force_login(member)
    post(client, article, text="first")
    first = comments_on(article).get()
    assert first.helpcenter_review.status == Review.HELD
    first.is_public = True  # a moderator approved it
    first.save()
    post(client, article, text="second")
    assert comments_on(article).get(comment="second").is_public


@override_settings(WAGTAIL_HELPCENTER=NO_FIRST_POST_HOLD)
def test_honeypot_rejects_and_can_be_switched_off(client, article, member):
    client.force_login(member)
    response = post(client, article, text="buy now", honeypot="http://spam")
    assert response.status_code == 403
    assert "looks automated" in response.content.decode()
    with override_settings(WAGTAIL_HELPCENTER={**NO_FIRST_POST_HOLD, "DISCUSSION_HONEYPOT": False}):
        assert post(client, article, text="buy now", honeypot="x").status_code == 302


# The hook and its order rule --------------------------------------------------------------


@pytest.fixture
def hook_functions():
    registered = []

    def register(fn):
        hooks.register(moderation.HOOK_NAME, fn)
        registered.append(fn)

    yield register
    for fn in registered:
        hooks._hooks[moderation.HOOK_NAME].remove((fn, 0))


def test_hook_gets_the_comment_and_request_and_can_reject(client, article, member, hook_functions):
    seen = []

    def no_prices(comment, request):
        seen.append((comment.comment, comment.user, request.path))
        if "price" in comment.comment:
            return moderation.reject("Ask sales about prices.")
        return None

    hook_functions(no_prices)
    client.force_login(member)
    with override_settings(WAGTAIL_HELPCENTER=NO_FIRST_POST_HOLD):
        response = post(client, article, text="What is the price?")
    assert "Ask sales about prices." in response.content.decode()
    assert seen == [("What is the price?", member, POST_URL)]
    assert not comments_on(article).exists()


@pytest.mark.parametrize(
    "answers, expected",
    [
        ([moderation.approve(), moderation.approve()], moderation.APPROVE),
        ([None, None], moderation.APPROVE),
        ([moderation.approve(), moderation.hold("first")], moderation.HOLD),
        ([moderation.hold("first"), moderation.approve()], moderation.HOLD),
        ([moderation.hold("first"), moderation.reject("second")], moderation.HOLD),
        ([moderation.reject("first"), moderation.hold("second")], moderation.REJECT),
        ([None, moderation.reject("second")], moderation.REJECT),
    ],
)
def test_order_rule(rf, hook_functions, answers, expected, monkeypatch):
    monkeypatch.setattr(moderation, "BUILT_IN", [])
    calls = []
    for position, answer in enumerate(answers):

        def moderator(comment, request, answer=answer, position=position):
            calls.append(position)
            return answer

        hook_functions(moderator)
    decision = moderation.moderate(object(), rf.post("/"))
    assert decision.action == expected
    decisive = [
        position for position, answer in enumerate(answers) if answer and answer.is_decisive
    ]
    # Hooks after the first decisive answer are not asked.
    assert calls == list(range(decisive[0] + 1 if decisive else len(answers)))
    if decisive:
        assert decision.reason == answers[decisive[0]].reason


def test_signals(client, article, member, hook_functions):
    received = []
    names = {signals.comment_posted: "posted", signals.comment_held: "held",
             signals.comment_rejected: "rejected"}  # fmt: skip

    def receiver(sender, signal, **kwargs):
        received.append(names[signal])

    for signal in names:
        signal.connect(receiver, weak=False)
    client.force_login(member)
    post(client, article, text="first")  # held: first post
    hook_functions(lambda comment, request: moderation.reject("no"))
    with override_settings(WAGTAIL_HELPCENTER=NO_FIRST_POST_HOLD):
        post(client, article, text="second")
    for signal in names:
        signal.disconnect(receiver)
    assert received == ["posted", "held", "rejected"]


# Closed threads and bans ----------------------------------------------------------------


@override_settings(WAGTAIL_HELPCENTER=NO_FIRST_POST_HOLD)
def test_closed_thread_shows_its_summary_and_refuses_posts(client, article, member):
    client.force_login(member)
    fields = form_fields(client, article)
    Thread.objects.create(page=article, closed_at=timezone.now(), summary="Fixed in 2.1.")
    document = soup(client.get(article.url))
    assert "Fixed in 2.1." in document.select_one(".hc-discussion__summary").text
    assert not document.select("form.hc-comment-form")
    response = client.post(POST_URL, {**fields, "comment": "still broken"})
    assert response.status_code == 403
    assert "This discussion is closed" in response.content.decode()
    assert not comments_on(article).exists()


@override_settings(WAGTAIL_HELPCENTER=NO_FIRST_POST_HOLD)
def test_bans_refuse_posts_while_they_last(client, article, member):
    ban = Ban.objects.create(
        user=member, reason="Repeated insults.", until=timezone.now() + timedelta(days=1)
    )
    client.force_login(member)
    response = post(client, article)
    assert response.status_code == 403
    assert "You cannot post here until" in response.content.decode()
    assert "Repeated insults." in response.content.decode()
    Ban.objects.filter(pk=ban.pk).update(until=timezone.now() - timedelta(seconds=1))  # expired
    assert post(client, article).status_code == 302


def test_ban_by_email_for_good_and_lifted(client, article):
    ban = Ban.objects.create(email="ANA@example.com", reason="Spam.")
    response = post(client, article)  # anonymous, as ana@example.com
    assert "You cannot post here: Spam." in response.content.decode()
    assert not mail.outbox
    ban.lifted_at = timezone.now()
    ban.save()
    assert "Check your email" in post(client, article).content.decode()


# Replies, flags, deletion ----------------------------------------------------------------


@override_settings(WAGTAIL_HELPCENTER=NO_FIRST_POST_HOLD)
def test_replies_nest_and_staff_replies_carry_a_badge(client, article, member, moderator_user):
    client.force_login(member)
    post(client, article, text="Question")
    question = comments_on(article).get()
    client.force_login(moderator_user)
    post(client, article, text="Answer", reply_to=question.pk)
    answer = comments_on(article).get(comment="Answer")
    assert (answer.parent_id, answer.level) == (question.pk, 1)
    document = soup(client.get(article.url))
    assert document.select_one(f"#c{answer.pk} .hc-badge").text == "Staff"
    assert not document.select(f"#c{question.pk} > article .hc-badge")


@override_settings(WAGTAIL_HELPCENTER=NO_FIRST_POST_HOLD)
def test_flag_a_comment_once_with_a_reason(client, article, member, moderator_user):
    client.force_login(member)
    post(client, article, text="rude words")
    comment = comments_on(article).get()
    client.logout()
    url = f"/discussions/flag/{comment.pk}/"
    assert client.post(url, {"reason": "abuse", "details": "insults"}).status_code == 302
    assert "A visitor reported a comment." in mail.outbox[-1].body
    client.post(url, {"reason": "spam"})
    from wagtail_helpcenter.discussions.models import Report

    assert Report.objects.filter(comment=comment).count() == 1
    assert client.post(url, {"reason": "nonsense"}).status_code == 302
    assert Report.objects.count() == 1


@override_settings(WAGTAIL_HELPCENTER=NO_FIRST_POST_HOLD)
def test_delete_own_comment_only(client, article, member):
    client.force_login(member)
    post(client, article, text="mine")
    comment = comments_on(article).get()
    other = UserFactory(username="other")
    client.force_login(other)
    assert client.post(f"/discussions/delete/{comment.pk}/").status_code == 404
    client.force_login(member)
    assert client.post(f"/discussions/delete/{comment.pk}/").status_code == 302
    comment.refresh_from_db()
    assert comment.is_removed
    assert "mine" not in client.get(article.url).content.decode()


@override_settings(WAGTAIL_HELPCENTER=NO_FIRST_POST_HOLD)
def test_comments_are_rendered_escaped(client, article, member):
    client.force_login(member)
    post(client, article, text="<script>alert(1)</script> & <b>bold</b>")
    html = client.get(article.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html


def test_comments_of_internal_pages_stay_internal(client, internal_article, staff_user):
    from django.contrib.sites.models import Site

    comment = XtdComment(
        content_object=internal_article, site=Site.objects.get_current(), user_name="Staff",
        user_email="s@example.com", comment="internal note", submit_date=timezone.now(),
    )  # fmt: skip
    comment.save()
    client.force_login(staff_user)
    assert "internal note" in client.get(internal_article.url).content.decode()
    client.logout()
    assert client.post(f"/discussions/flag/{comment.pk}/", {"reason": "spam"}).status_code == 404
    permalink = comment.get_absolute_url()
    assert client.get(permalink).status_code == 404
    client.force_login(staff_user)
    assert client.get(permalink)["Location"] == internal_article.url
