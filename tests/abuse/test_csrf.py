"""Every form that changes something refuses a post without the CSRF token: visitors'
(votes, comments, reports, deleting a comment) and moderators' and editors' (queue,
discussion actions, mark as reviewed)."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django_comments_xtd.models import XtdComment

from tests.factories import UserFactory
from wagtail_helpcenter.discussions.actions import create_comment
from wagtail_helpcenter.models import Vote

pytestmark = pytest.mark.django_db


@pytest.fixture
def strict_client():
    return Client(enforce_csrf_checks=True)


def test_visitor_forms_need_the_token(strict_client, public_site):
    article = public_site["article"]
    member = UserFactory(username="member", email="m@example.com")
    comment = create_comment(article, "mine", user=member)
    strict_client.force_login(member)
    posts = [
        (f"{public_site['help_center'].url}feedback/", {"page": article.pk, "helpful": "yes"}),
        ("/discussions/post/", {"comment": "hi"}),
        (f"/discussions/flag/{comment.pk}/", {"reason": "spam"}),
        (f"/discussions/delete/{comment.pk}/", {}),
    ]
    for url, data in posts:
        assert strict_client.post(url, data).status_code == 403, url
    assert not Vote.objects.exists()
    comment.refresh_from_db()
    assert not comment.is_removed
    assert XtdComment.objects.count() == 1


def test_moderator_and_editor_forms_need_the_token(strict_client, public_site):
    article = public_site["article"]
    held = create_comment(article, "held", name="Ana", email="a@example.com", public=False)
    moderator = UserFactory(
        username="mod", is_staff=True, groups=[Group.objects.get(name="Moderators")]
    )
    strict_client.force_login(moderator)
    posts = [
        (reverse("wagtail_helpcenter_moderation"), {"action": "approve", "comments": [held.pk]}),
        (
            reverse("wagtail_helpcenter_discussion_action", args=[article.pk]),
            {"do": "close", "summary": "Done"},
        ),
        (reverse("wagtail_helpcenter_mark_reviewed", args=[article.pk]), {}),
    ]
    for url, data in posts:
        assert strict_client.post(url, data).status_code == 403, url
    held.refresh_from_db()
    assert not held.is_public
