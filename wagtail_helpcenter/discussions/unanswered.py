"""Discussion questions still waiting for staff: the root comments of conversations on
live help center pages with no public reply from staff (who carries the staff badge,
see roles.staff_user_ids), in an open discussion and without an accepted answer.

The queries ignore page privacy: what is listed must be filtered for whoever reads it
(``visible_to``); internal pages' questions are for moderators who may see them and
never for anything public."""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, F, OuterRef, Q
from django.db.models.functions import Cast
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from wagtail.models import Page

from ..conf import get_config
from ..models import HelpCenterPage
from .models import Thread
from .posting import DISCUSSED_MODELS
from .roles import moderator_group_names


def response_hours():
    return get_config()["DISCUSSION_RESPONSE_HOURS"]


def _staff_users():
    """The users whose replies carry the staff badge (as roles.staff_user_ids)."""
    return get_user_model().objects.filter(
        Q(is_staff=True) | Q(groups__name__in=moderator_group_names())
    )


def _as_text(field):
    # django-comments keeps the commented object's key as text (object_pk): compare
    # page ids as text rather than casting visitor-facing text to a number.
    return Cast(field, output_field=CharField())


def unanswered_questions(now=None, older_than_hours=None):
    """Questions without a staff answer posted at least ``older_than_hours`` ago (the
    ``DISCUSSION_RESPONSE_HOURS`` target by default; 0 for all of them), oldest first.

    A question is a public, non-removed root comment on a live article or FAQ page,
    not posted by staff (a staff post opens a conversation, it asks nothing). It is
    answered by a public reply from a staff user in its conversation, by an accepted
    answer in its conversation, or when the page's discussion is closed. One query."""
    now = now or timezone.now()
    hours = response_hours() if older_than_hours is None else older_than_hours
    staff = _staff_users().values("pk")
    staff_reply = XtdComment.objects.filter(
        thread_id=OuterRef("pk"), is_public=True, is_removed=False, user__in=staff
    ).exclude(pk=OuterRef("pk"))
    accepted = Thread.objects.filter(
        accepted_comment__thread_id=OuterRef("pk"),
        accepted_comment__is_public=True,
        accepted_comment__is_removed=False,
    )
    closed = Thread.objects.annotate(page_text=_as_text("page_id")).filter(
        page_text=OuterRef("object_pk"), closed_at__isnull=False
    )
    live_pages = Page.objects.live().annotate(pk_text=_as_text("pk")).values("pk_text")
    content_types = ContentType.objects.get_for_models(
        *DISCUSSED_MODELS, for_concrete_models=False
    ).values()
    return (
        XtdComment.objects.filter(
            thread_id=F("pk"),
            is_public=True,
            is_removed=False,
            content_type__in=list(content_types),
            object_pk__in=live_pages,
            submit_date__lte=now - timedelta(hours=hours),
        )
        .exclude(user__in=staff)
        .exclude(Exists(staff_reply))
        .exclude(Exists(accepted))
        .exclude(Exists(closed))
        .select_related("user")
        .order_by("submit_date", "pk")
    )


@dataclass
class Question:
    """A question with its page, its age and whether it is past the response target."""

    comment: object
    page: object
    age: timedelta
    overdue: bool
    help_center: object = None

    @property
    def submit_date(self):
        return self.comment.submit_date


def questions(now=None, older_than_hours=None, limit=None):
    """``unanswered_questions`` as :class:`Question` rows, in two queries (the
    comments, their pages)."""
    now = now or timezone.now()
    target = timedelta(hours=response_hours())
    comments = unanswered_questions(now, older_than_hours)
    comments = list(comments[:limit] if limit else comments)
    pages = Page.objects.in_bulk({int(comment.object_pk) for comment in comments})
    rows = []
    for comment in comments:
        page = pages.get(int(comment.object_pk))
        if page is None:  # deleted between the two queries
            continue
        age = now - comment.submit_date
        rows.append(Question(comment, page, age, age >= target))
    return rows


def visible_to(rows, visibility):
    """The rows whose page ``visibility`` (visibility.PageVisibility) may view."""
    return [row for row in rows if visibility.can_view(row.page)]


def with_help_centers(rows):
    """Set each row's ``help_center``: the nearest HelpCenterPage above its page (one
    query). Rows outside any help center are dropped."""
    help_centers = sorted(HelpCenterPage.objects.all(), key=lambda page: -page.depth)
    kept = []
    for row in rows:
        row.help_center = next(
            (hc for hc in help_centers if row.page.path.startswith(hc.path)), None
        )
        if row.help_center is not None:
            kept.append(row)
    return kept


def unanswered_for_gaps(now=None):
    """For the content gap queue (``ContentGap.Kind.UNANSWERED``): every question past
    the response target, oldest first, as :class:`Question` rows with

    - ``help_center``: the HelpCenterPage the question's page is in;
    - ``comment``: the question (an XtdComment; ``comment.pk`` is the gap's key and
      ``comment.comment`` its title; ``comment.submit_date`` when it was asked);
    - ``page``: the page it was asked on (a plain ``wagtail.models.Page``);
    - ``age`` and ``overdue`` (always True here).

    Questions on internal pages are included (the queue is for editors): filter the
    rows with ``visible_to`` before showing them to anyone who may not see them.
    A fixed number of queries (three), however many questions."""
    return with_help_centers(questions(now))
