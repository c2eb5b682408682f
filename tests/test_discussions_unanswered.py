"""Unanswered discussion questions: what counts as a question and as an answer, the
moderators' list with ages and the "Overdue" mark, and the daily digest email."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from wagtail.users.models import UserProfile

from tests.factories import ArticlePageFactory, UserFactory
from tests.utils import soup
from wagtail_helpcenter.discussions import actions
from wagtail_helpcenter.discussions.unanswered import (
    questions,
    unanswered_for_gaps,
    unanswered_questions,
)

pytestmark = pytest.mark.django_db

DIGEST = "helpcenter_unanswered_digest"


def ask(page, text="How do I reset my password?", *, hours_ago=30, user=None, name="Ana",
        parent=None, public=True):  # fmt: skip
    """A comment posted ``hours_ago`` (five minutes more, so ages read as whole hours)."""
    comment = actions.create_comment(
        page, text, user=user, name=name, email=f"{name.lower()}@example.com",
        parent=parent, public=public,
    )  # fmt: skip
    when = timezone.now() - timedelta(hours=hours_ago, minutes=5)
    XtdComment.objects.filter(pk=comment.pk).update(submit_date=when)
    comment.refresh_from_db()
    return comment


def due():
    return list(unanswered_questions())


def test_a_staff_reply_answers_a_question_and_a_customer_reply_does_not(
    article, moderator, customer
):
    question = ask(article)
    assert due() == [question]
    ask(article, "Same problem here", parent=question, name="Bo", hours_ago=1)
    ask(article, "Me too", parent=question, user=customer, hours_ago=1)
    assert due() == [question]
    actions.reply_as_staff(article, question, moderator, "Use “Forgot password”.")
    assert due() == []


def test_an_is_staff_user_answers_but_a_held_staff_reply_does_not(article):
    question = ask(article)
    admin = UserFactory(username="admin", is_staff=True)
    ask(article, "Pending", parent=question, user=admin, public=False, hours_ago=1)
    assert due() == [question]
    ask(article, "Here is how", parent=question, user=admin, hours_ago=1)
    assert due() == []


def test_a_staff_reply_in_another_conversation_does_not_answer(article, moderator):
    first, second = ask(article, "First?"), ask(article, "Second?")
    actions.reply_as_staff(article, first, moderator, "Answer to the first")
    assert due() == [second]


def test_held_removed_and_staff_comments_are_not_questions(article, moderator):
    ask(article, "Held", public=False)
    removed = ask(article, "Removed")
    actions.reject(removed, moderator)
    actions.reply_as_staff(article, None, moderator, "An announcement from us")
    XtdComment.objects.update(submit_date=timezone.now() - timedelta(days=3))
    assert due() == []


def test_only_questions_older_than_the_target(article, settings):
    old, recent = ask(article, "Old", hours_ago=25), ask(article, "New", hours_ago=3)
    assert due() == [old]
    assert list(unanswered_questions(older_than_hours=0)) == [old, recent]
    settings.WAGTAIL_HELPCENTER = {"DISCUSSION_RESPONSE_HOURS": 2}
    assert due() == [old, recent]
    later = timezone.now() - timedelta(hours=30)
    assert list(unanswered_questions(now=later, older_than_hours=0)) == []


def test_closed_discussion_and_accepted_answer_count_as_answered(article, moderator):
    question, other = ask(article, "Question?"), ask(article, "Other question?")
    actions.close_thread(article, moderator, "Fixed in version 2.")
    assert due() == []
    actions.reopen_thread(article, moderator)
    assert due() == [question, other]
    answer = ask(article, "Customers' answer", parent=question, name="Bo", hours_ago=2)
    actions.accept_answer(answer, moderator)
    assert due() == [other]  # the accepted answer is in the first conversation only
    actions.reject(answer, moderator)
    assert due() == [question, other]  # a removed answer answers nothing


def test_unpublished_pages_are_left_out(article):
    ask(article)
    article.unpublish()
    assert due() == []


def test_ages_and_the_overdue_mark(article):
    ask(article, "Old", hours_ago=30)
    ask(article, "New", hours_ago=3)
    rows = questions(older_than_hours=0)
    assert [(row.comment.comment, row.overdue) for row in rows] == [("Old", True), ("New", False)]
    assert rows[0].page.pk == article.pk
    assert timedelta(hours=30) < rows[0].age < timedelta(hours=31)


def test_unanswered_for_gaps_names_help_center_comment_and_page(
    article, internal_article, help_center, moderator
):
    public_question = ask(article, "Where is my invoice?")
    internal_question = ask(internal_article, "Which form do we use?", hours_ago=26)
    ask(article, "Too recent", hours_ago=1)
    rows = unanswered_for_gaps()
    assert [(row.help_center.pk, row.comment, row.page.pk) for row in rows] == [
        (help_center.pk, public_question, article.pk),
        (help_center.pk, internal_question, internal_article.pk),
    ]
    assert all(row.overdue for row in rows)


# The moderators' list -------------------------------------------------------------------


def test_moderators_see_ages_and_overdue_questions_marked(client, article, moderator):
    old = ask(article, "Where is my invoice?", hours_ago=30)
    recent = ask(article, "Can I pay by card?", hours_ago=3)
    client.force_login(moderator)
    document = soup(client.get(reverse("wagtail_helpcenter_unanswered")))
    rows = document.select("tr[data-question]")
    assert [row["data-question"] for row in rows] == [str(old.pk), str(recent.pk)]  # oldest first
    old_row, recent_row = rows
    assert "1 day, 6 hours" in old_row.get_text(" ", strip=True).replace("\xa0", " ")
    assert "3 hours" in recent_row.get_text(" ", strip=True).replace("\xa0", " ")
    # Marked with a visible label, not only a colour.
    assert old_row.select_one(".w-status").get_text(strip=True) == "Overdue"
    assert recent_row.select_one(".w-status") is None
    discussion = reverse("wagtail_helpcenter_discussion", args=[article.pk])
    links = {link["href"] for link in old_row.select("a")}
    assert f"{discussion}?reply_to={old.pk}#reply" in links
    assert f"{discussion}#c{old.pk}" in links
    assert article.title in old_row.get_text()
    # The reply link opens the reply form for that question.
    reply_page = soup(client.get(f"{discussion}?reply_to={old.pk}"))
    assert reply_page.select_one("input[name=reply_to]")["value"] == str(old.pk)


def test_answered_questions_leave_the_list(client, article, moderator):
    question = ask(article)
    client.force_login(moderator)
    url = reverse("wagtail_helpcenter_unanswered")
    assert soup(client.get(url)).select("tr[data-question]")
    actions.reply_as_staff(article, question, moderator, "Done")
    document = soup(client.get(url))
    assert not document.select("tr[data-question]")
    assert "Every question has an answer from staff." in document.get_text()


def test_only_moderators_see_the_list_and_its_menu_item(client, article, customer, staff_user):
    ask(article)
    url = reverse("wagtail_helpcenter_unanswered")
    client.force_login(customer)
    assert client.get(url).status_code in (302, 403)
    client.force_login(staff_user)  # an editor, not a moderator
    response = client.get(url)
    assert (response.status_code, response.get("Location")) in ((403, None), (302, "/admin/"))
    assert url not in client.get(reverse("wagtailadmin_home")).content.decode()
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_menu_item_and_queue_link_for_moderators(client, moderator):
    client.force_login(moderator)
    url = reverse("wagtail_helpcenter_unanswered")
    assert url in client.get(reverse("wagtailadmin_home")).content.decode()
    queue = soup(client.get(reverse("wagtail_helpcenter_moderation")))
    assert queue.select_one(f'a[href="{url}"]')


def test_the_list_takes_as_many_queries_for_many_questions(client, article, category, moderator):
    url = reverse("wagtail_helpcenter_unanswered")
    client.force_login(moderator)
    ask(article, "The only one")
    client.get(url)  # caches warmed: content types, the admin's own
    with CaptureQueriesContext(connection) as one:
        assert len(soup(client.get(url)).select("tr[data-question]")) == 1
    for n in range(30):
        page = ArticlePageFactory(parent=category, title=f"Article {n}", slug=f"a{n}")
        ask(page, f"Question {n}", name=f"Visitor{n}")
    with CaptureQueriesContext(connection) as many:
        assert len(soup(client.get(url)).select("tr[data-question]")) == 31
    assert len(many.captured_queries) == len(one.captured_queries)


@pytest.fixture
def support_moderator(db, settings):
    """A moderator in a group that may not see internal pages (not in INTERNAL_GROUPS)."""
    settings.WAGTAIL_HELPCENTER = {"DISCUSSION_MODERATOR_GROUPS": ["Moderators", "Support"]}
    group = Group.objects.create(name="Support")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    return UserFactory(username="support", email="support@example.com", groups=[group])


def test_internal_questions_only_for_moderators_who_may_see_them(
    client, article, internal_article, moderator, support_moderator
):
    internal = ask(internal_article, "Which refund form?")
    public = ask(article, "Public question")
    url = reverse("wagtail_helpcenter_unanswered")
    client.force_login(moderator)
    shown = {row["data-question"] for row in soup(client.get(url)).select("tr[data-question]")}
    assert shown == {str(internal.pk), str(public.pk)}
    client.force_login(support_moderator)
    page = client.get(url).content.decode()
    assert str(public.pk) in page and "Which refund form?" not in page
    assert internal_article.title not in page


# The digest ------------------------------------------------------------------------


def run(*args):
    out = StringIO()
    call_command(DIGEST, *args, stdout=out)
    return out.getvalue()


def test_digest_emails_each_moderator_the_overdue_questions(article, moderator):
    other = UserFactory(username="mod2", email="mod2@example.com", groups=moderator.groups.all())
    question = ask(article, "Where is my invoice?\nIt is not in my account.", hours_ago=48)
    ask(article, "Too recent", hours_ago=2)
    output = run()
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([moderator.email, other.email])
    message = next(message for message in mail.outbox if message.to == [moderator.email])
    assert message.subject == "1 discussion question waits for an answer"
    # The question on one line of the list.
    assert "Where is my invoice? It is not in my account." in message.body
    assert "Too recent" not in message.body
    assert article.title in message.body
    assert "2 days ago" in message.body.replace("\xa0", " ")
    reply = reverse("wagtail_helpcenter_discussion", args=[article.pk])
    assert f"http://testserver{reply}?reply_to={question.pk}#reply" in message.body
    assert "http://testserver" + reverse("wagtail_helpcenter_unanswered") in message.body
    assert "<" not in message.body.replace("<ana@example.com>", "")  # plain text
    assert f"Emailed {moderator.email}: 1 question(s)" in output


def test_digest_dry_run_sends_nothing(article, moderator):
    ask(article)
    output = run("--dry-run")
    assert mail.outbox == []
    assert f"Would email {moderator.email}: 1 question(s)" in output


def test_digest_sends_nothing_when_nothing_is_due(article, moderator):
    question = ask(article)
    ask(article, "Too recent", hours_ago=1)
    actions.reply_as_staff(article, question, moderator, "Answered")
    mail.outbox.clear()  # the reply's own emails to followers
    output = run()
    assert mail.outbox == []
    assert "nothing to send" in output


def test_digest_subject_and_list_lines_have_no_control_characters(article, moderator):
    article.title = "Line\nbreak\ttitle"
    article.save_revision().publish()
    ask(article, "Subject\r\ninjection?")
    run()
    (message,) = mail.outbox
    assert message.subject.isprintable()
    assert "Subject" not in message.subject
    assert "- Line break title: Subject injection?" in message.body


def test_digest_leaves_internal_questions_to_moderators_who_may_see_them(
    article, internal_article, moderator, support_moderator
):
    ask(internal_article, "Which refund form?")
    run()
    assert [message.to for message in mail.outbox] == [[moderator.email]]
    mail.outbox.clear()
    ask(article, "Public question")
    run()
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert "Which refund form?" in bodies[moderator.email]
    assert "Which refund form?" not in bodies[support_moderator.email]
    assert internal_article.title not in bodies[support_moderator.email]


def test_digest_in_the_moderators_admin_language(article, moderator):
    UserProfile.objects.create(user=moderator, preferred_language="nl")
    ask(article)
    run()
    (message,) = mail.outbox
    assert "Reageren:" in message.body  # "Reply" in Dutch


def test_digest_needs_the_admin_base_url(article, moderator, settings):
    settings.WAGTAILADMIN_BASE_URL = ""
    ask(article)
    with pytest.raises(CommandError, match="WAGTAILADMIN_BASE_URL"):
        run()
    assert mail.outbox == []


def test_digest_queries_do_not_grow_with_questions(
    article, category, moderator, django_assert_max_num_queries
):
    pages = [article] + [
        ArticlePageFactory(parent=category, title=f"Article {n}", slug=f"a{n}") for n in range(4)
    ]
    for n in range(40):
        ask(pages[n % len(pages)], f"Question {n}", name=f"Visitor{n}")
    with django_assert_max_num_queries(8):
        run()
    (message,) = mail.outbox
    assert "Question 0" in message.body and "Question 39" in message.body
    assert message.subject == "40 discussion questions wait for an answer"
