"""Demo content requests: one the demo editor is writing, one overdue, one waiting for
a writer (the last from a content gap, when the demo's activity made one)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from ..models import ContentGap, ContentRequest

EDITOR_USERNAME = "acme-editor"


def demo_editor():
    """The demo's writer, in Wagtail's Editors group, without a password (the example
    site's ``demo_admin`` gives them one, to try the admin as an editor)."""
    editor, created = get_user_model().objects.get_or_create(
        username=EDITOR_USERNAME,
        defaults={"first_name": "Erin", "last_name": "Editor", "is_staff": True,
                  "email": "editor@example.com"},
    )  # fmt: skip
    if created:
        editor.set_unusable_password()
        editor.save()
    group = Group.objects.filter(name="Editors").first()
    if group is not None:
        editor.groups.add(group)
    return editor


def add_content_requests(help_center):
    editor = demo_editor()
    today = timezone.localdate()
    Status = ContentRequest.Status
    ContentRequest.objects.create(
        title="Pay an invoice by bank transfer",
        reason="Support answers this by email about ten times a week.",
        help_center=help_center, assignee=editor, due_date=today + timedelta(days=5),
        status=Status.IN_PROGRESS,
    )  # fmt: skip
    overdue = ContentRequest.objects.create(
        title="Move my account to another email address",
        reason="Asked in the discussions; nothing in the help center says how.",
        help_center=help_center, assignee=editor, due_date=today,
    )  # fmt: skip
    # Due dates are checked when typed in the admin; the demo dates one back.
    ContentRequest.objects.filter(pk=overdue.pk).update(due_date=today - timedelta(days=3))
    gap = ContentGap.objects.filter(help_center=help_center).order_by("-occurrences").first()
    ContentRequest.objects.create(
        title=gap.title if gap else "Close my account",
        reason="From the content gap queue: visitors asked and found nothing.",
        help_center=help_center, gap=gap,
    )  # fmt: skip
    return 3
