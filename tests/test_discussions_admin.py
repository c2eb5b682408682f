"""Moderators in the Wagtail admin: the queue and its bulk actions, one page's
discussion (close/reopen, accepted answer, replies from templates, promote to FAQ),
bans, permissions, and a page with 200 comments in a bounded number of queries."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from tests.factories import FAQPageFactory, add_faq_items
from tests.utils import soup
from wagtail_helpcenter.discussions import actions, signals
from wagtail_helpcenter.discussions.models import Ban, ReplyTemplate, Report, Review, Thread
from wagtail_helpcenter.models import FAQPage

pytestmark = pytest.mark.django_db


def comment(page, text, *, public=True, parent=None, name="Ana", user=None):
    return actions.create_comment(
        page, text, user=user, name=name, email=f"{name.lower()}@example.com",
        parent=parent, public=public,
    )  # fmt: skip


def action(client, page, **data):
    return client.post(reverse("wagtail_helpcenter_discussion_action", args=[page.pk]), data)


def test_only_moderators_see_the_queue(client, article, customer, staff_user, moderator):
    url = reverse("wagtail_helpcenter_moderation")
    client.force_login(customer)
    assert client.get(url).status_code in (302, 403)
    client.force_login(staff_user)  # an editor, not a moderator: sent back to the dashboard
    response = client.get(url)
    assert (response.status_code, response.get("Location")) in ((403, None), (302, "/admin/"))
    client.force_login(moderator)
    assert client.get(url).status_code == 200


def test_queue_shows_ages_and_marks_questions_past_the_response_target(client, article, moderator):
    late = comment(article, "Where is my invoice?", public=False)
    XtdComment.objects.filter(pk=late.pk).update(submit_date=timezone.now() - timedelta(hours=30))
    recent = comment(article, "How do I export?", public=False)
    reply = comment(article, "Same here", public=False, parent=late, name="Bo")
    XtdComment.objects.filter(pk=reply.pk).update(submit_date=timezone.now() - timedelta(hours=30))
    client.force_login(moderator)
    document = soup(client.get(reverse("wagtail_helpcenter_moderation")))
    cells = {
        row["data-comment"]: row.select("td")[-1].get_text(" ", strip=True).replace("\xa0", " ")
        for row in document.select("tr[data-comment]")
    }
    assert cells[str(late.pk)] == "1 day, 6 hours ago Overdue"
    assert cells[str(recent.pk)] == "0 minutes ago"
    # A reply is not a question: old, but not overdue.
    assert cells[str(reply.pk)] == "1 day, 6 hours ago"


def test_queue_lists_held_and_flagged_comments_with_bulk_actions(client, article, moderator):
    held = comment(article, "held one", public=False)
    held_too = comment(article, "held two", public=False)
    flagged = comment(article, "flagged one")
    comment(article, "fine")
    Report.objects.create(comment=flagged, reason=Report.ABUSE, reporter="x")
    client.force_login(moderator)
    document = soup(client.get(reverse("wagtail_helpcenter_moderation")))
    rows = {row["data-comment"] for row in document.select("tr[data-comment]")}
    assert rows == {str(held.pk), str(held_too.pk), str(flagged.pk)}
    # The menu shows how many wait.
    assert 'data-helpcenter-queue-count=\\"3\\"' in str(document) or "Discussions (3)" in str(
        document
    )
    response = client.post(
        reverse("wagtail_helpcenter_moderation"),
        {"action": "approve", "comments": [held.pk, held_too.pk]},
    )
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.is_public and held.helpcenter_review.status == Review.APPROVED
    client.post(
        reverse("wagtail_helpcenter_moderation"), {"action": "spam", "comments": [flagged.pk]}
    )
    flagged.refresh_from_db()
    assert flagged.is_removed and not flagged.is_public
    assert Review.objects.get(comment=flagged).status == Review.SPAM
    assert Report.objects.get(comment=flagged).resolved_at is not None
    document = soup(client.get(reverse("wagtail_helpcenter_moderation")))
    assert not document.select("tr[data-comment]")


def test_bulk_action_without_a_choice_is_explained(client, article, moderator):
    client.force_login(moderator)
    response = client.post(
        reverse("wagtail_helpcenter_moderation"), {"action": "explode"}, follow=True
    )
    assert "Choose an action and at least one comment." in response.content.decode()


def test_close_with_summary_and_reopen(client, article, moderator):
    closed, reopened = [], []
    signals.thread_closed.connect(lambda sender, **kw: closed.append(kw["page"]), weak=False)
    signals.thread_reopened.connect(lambda sender, **kw: reopened.append(kw["page"]), weak=False)
    client.force_login(moderator)
    response = action(client, article, do="close", summary="")
    assert Thread.objects.filter(page=article, closed_at__isnull=False).count() == 0
    action(client, article, do="close", summary="Solved: update to 2.1.")
    thread = Thread.objects.get(page=article)
    assert thread.is_closed and thread.closed_by == moderator
    page = soup(client.get(article.url))
    assert "Solved: update to 2.1." in page.select_one(".hc-discussion__summary").text
    assert not page.select("form.hc-comment-form")
    action(client, article, do="reopen")
    assert not Thread.objects.get(page=article).is_closed
    assert soup(client.get(article.url)).select("form.hc-comment-form")
    assert [p.pk for p in closed] == [article.pk] and [p.pk for p in reopened] == [article.pk]
    signals.thread_closed.receivers.clear()
    signals.thread_reopened.receivers.clear()
    assert response.status_code == 302


def test_accepted_answer_shows_first_with_a_badge(client, article, moderator):
    first = comment(article, "Old question")
    second = comment(article, "Newer question")
    answer = comment(article, "The answer", parent=first, name="Mo")
    client.force_login(moderator)
    action(client, article, do="accept", comment=str(answer.pk))
    client.logout()
    document = soup(client.get(article.url))
    conversations = document.select(".hc-conversation")
    assert "hc-conversation--accepted" in conversations[0]["class"]
    assert f"c{first.pk}" == conversations[0].select_one(".hc-comment")["id"]
    assert "Accepted answer" in document.select_one(f"#c{answer.pk}").text
    assert second.pk  # newest first otherwise


def test_reply_from_a_template_fills_placeholders(client, article, moderator, settings):
    settings.WAGTAIL_HELPCENTER = {"DISCUSSION_COMPANY_NAME": "Acme"}
    question = comment(article, "Why did my price go up?", name="Ana")
    template = ReplyTemplate.objects.create(
        title="Price change",
        text="Hi {user_name}, {company_name} changed prices on {date}. {moderator_name}",
    )
    client.force_login(moderator)
    url = reverse("wagtail_helpcenter_discussion", args=[article.pk])
    # The free field {date} is asked for; without it, nothing is filled in.
    page = soup(client.get(url, {"template": template.pk, "reply_to": question.pk}))
    assert "Fill in: date." in page.select_one('[role="alert"]').text
    assert page.select_one('input[name="field_date"]')
    page = soup(
        client.get(url, {"template": template.pk, "reply_to": question.pk, "field_date": "1 May"})
    )
    text = page.select_one('textarea[name="text"]').text.strip()
    assert text == "Hi Ana, Acme changed prices on 1 May. Mo"
    response = action(client, article, do="reply", reply_to=str(question.pk), text=text)
    assert response.status_code == 302
    reply = XtdComment.objects.get(comment=text)
    assert (reply.parent_id, reply.user, reply.is_public) == (question.pk, moderator, True)
    assert Review.objects.get(comment=reply).staff_reply
    assert "Staff" in soup(client.get(article.url)).select_one(f"#c{reply.pk} .hc-badge").text


def test_a_quarrel_ends_with_a_reply_that_closes_the_thread(client, article, moderator):
    comment(article, "You are wrong!", name="Bo")
    template = ReplyTemplate.objects.create(
        title="Quarrel", text="Let's keep it friendly. Summary: {summary}", close_thread=True
    )
    client.force_login(moderator)
    url = reverse("wagtail_helpcenter_discussion", args=[article.pk])
    page = soup(client.get(url, {"template": template.pk, "field_summary": "use plan B"}))
    assert page.select_one('input[name="close"]').has_attr("checked")
    action(
        client, article, do="reply", text="Let's keep it friendly. Summary: use plan B", close="on"
    )
    thread = Thread.objects.get(page=article)
    assert thread.is_closed and thread.summary == "Let's keep it friendly. Summary: use plan B"


@pytest.mark.parametrize(
    "text, message", [("Hello {", "has no pair"), ("Hello {0}", "is not a placeholder name")]
)
def test_broken_templates_are_refused_with_a_message(client, moderator, text, message):
    template = ReplyTemplate(title="x", text=text)
    with pytest.raises(actions.TemplateError, match=message):
        actions.fill_template(template, comment=None, moderator=moderator, free_values={})
    client.force_login(moderator)
    response = client.post(
        reverse("wagtailsnippets_wagtail_helpcenter_discussions_replytemplate:add"),
        {"title": "Broken", "text": text},
    )
    assert message in response.content.decode()
    assert not ReplyTemplate.objects.exists()


def test_reply_to_a_comment_of_another_page_is_refused(client, article, category, moderator):
    from tests.factories import ArticlePageFactory

    other = ArticlePageFactory(parent=category, title="Other")
    elsewhere = comment(other, "elsewhere")
    client.force_login(moderator)
    response = action(client, article, do="reply", reply_to=str(elsewhere.pk), text="hi")
    assert response.status_code == 404
    assert not XtdComment.objects.filter(comment="hi").exists()


def test_promote_a_thread_to_the_faq_as_a_draft(client, article, category, moderator):
    faq = add_faq_items(
        FAQPageFactory(parent=category, title="Billing FAQ"), ("Old?", "<p>Yes.</p>")
    )
    question = comment(article, "Can I pay by bank transfer?")
    answer = comment(
        article, "Yes, on yearly plans.\n\nAsk support for the details.", parent=question
    )
    client.force_login(moderator)
    url = reverse("wagtail_helpcenter_discussion", args=[article.pk])
    assert not soup(client.get(url)).select('select[name="faq_page"]')  # no accepted answer yet
    action(client, article, do="accept", comment=str(answer.pk))
    response = action(client, article, do="promote", faq_page=str(faq.pk))
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[faq.pk])
    live = FAQPage.objects.get(pk=faq.pk)
    assert [item.question for item in live.faq_items.all()] == ["Old?"]  # nothing published
    draft = live.get_latest_revision_as_object()
    new_item = list(draft.faq_items.all())[-1]
    assert new_item.question == "Can I pay by bank transfer?"
    assert new_item.answer == "<p>Yes, on yearly plans.</p><p>Ask support for the details.</p>"
    assert new_item.anchor
    assert live.has_unpublished_changes


def test_ban_from_the_admin_with_expiry(client, article, moderator, customer):
    banned = []
    signals.user_banned.connect(lambda sender, ban, **kw: banned.append(ban), weak=False)
    client.force_login(moderator)
    response = client.post(
        reverse("helpcenter_bans:add"),
        {"user": customer.pk, "email": "", "reason": "Insults", "until": ""},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    ban = Ban.objects.get()
    assert ban.is_active and ban.until is None
    assert banned == [ban]
    signals.user_banned.receivers.clear()
    response = client.post(reverse("helpcenter_bans:add"), {"user": "", "email": "", "reason": "x"})
    assert "Ban a user, an email address, or both." in response.content.decode()
    listing = client.get(reverse("helpcenter_bans:index"))
    assert "Insults" in listing.content.decode()


def test_held_comment_emails_moderators(client, article, moderator):
    from wagtail_helpcenter.discussions.notifications import notify_moderators_of_held

    held = comment(article, "please check", public=False)
    assert notify_moderators_of_held(held, "links") == 1
    assert mail.outbox[-1].to == ["mod@example.com"]
    assert "/admin/helpcenter/discussions/" in mail.outbox[-1].body


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_article_with_200_comments_in_bounded_queries(client, article, category, moderator):
    from tests.factories import ArticlePageFactory

    small = ArticlePageFactory(parent=category, title="Small")
    root = comment(small, "one")
    comment(small, "two", parent=root, user=moderator)
    roots = [
        comment(article, f"question {n}", user=moderator if n % 3 == 0 else None)
        for n in range(100)
    ]
    for n, parent in enumerate(roots):
        comment(article, f"answer {n}", parent=parent)
    Thread.objects.create(page=article, accepted_comment=XtdComment.objects.filter(level=1).first())
    client.get(article.url)
    client.get(small.url)
    large_count = count_queries(client, article.url)
    small_count = count_queries(client, small.url)
    assert large_count <= small_count + 1  # the Thread row the small page does not have
    assert large_count <= 26


def test_conversations_newest_or_oldest_first_and_paginated(client, article, settings):
    settings.WAGTAIL_HELPCENTER = {"DISCUSSION_THREADS_PER_PAGE": 2}
    first, second, third = (comment(article, text) for text in ("first", "second", "third"))
    XtdComment.objects.filter(pk=first.pk).update(submit_date=timezone.now() - timedelta(hours=2))
    XtdComment.objects.filter(pk=second.pk).update(submit_date=timezone.now() - timedelta(hours=1))

    def roots(**params):
        document = soup(client.get(article.url, params))
        return [
            item.select_one(".hc-comment")["id"] for item in document.select(".hc-conversation")
        ]

    assert roots() == [f"c{third.pk}", f"c{second.pk}"]
    assert roots(comments_page="2") == [f"c{first.pk}"]
    assert roots(comments="oldest") == [f"c{first.pk}", f"c{second.pk}"]
    assert roots(comments_page="99") == [f"c{first.pk}"]  # past the end: the last page
    response = client.get(article.url, {"comments_page": "x"})
    assert response.status_code == 400
    assert "page number must be a whole number" in response.content.decode()


def test_followers_get_an_email_with_an_unsubscribe_link(client, article, moderator):
    follower = comment(article, "How do I export?", name="Ana")
    XtdComment.objects.filter(pk=follower.pk).update(followup=True)
    client.force_login(moderator)
    action(client, article, do="reply", reply_to=str(follower.pk), text="Settings, Export.")
    notice = next(message for message in mail.outbox if message.to == ["ana@example.com"])
    assert "Settings, Export." in notice.body
    assert "/comments/mute/" in notice.body
    assert f"{article.url}#c" in notice.body
