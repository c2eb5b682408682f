"""Content requests (``ContentRequest``): starting the draft, the status that follows the
page through Wagtail's moderation workflow, and the emails to assignees."""

from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.localization import get_available_admin_languages
from wagtail.models import Page
from wagtail.signals import (
    page_published,
    task_submitted,
    workflow_cancelled,
    workflow_rejected,
)
from wagtail.users.models import UserProfile

from .gaps import unique_slug
from .models import ArticlePage, CategoryPage, ContentRequest
from .visibility import load_restrictions, visibility_for_user

Status = ContentRequest.Status
REASON_MAX_LENGTH = 2000


def open_requests(queryset=None):
    queryset = ContentRequest.objects.all() if queryset is None else queryset
    return queryset.exclude(status__in=ContentRequest.CLOSED)


def assigned_to(user):
    """The open requests ``user`` is to write, soonest due first (no date last)."""
    return (
        open_requests()
        .filter(assignee=user)
        .select_related("help_center", "page")
        .order_by(F("due_date").asc(nulls_last=True), "pk")
    )


def due_by(day):
    """Open, assigned requests due on ``day`` or earlier, soonest first."""
    return (
        open_requests()
        .filter(due_date__lte=day)
        .exclude(assignee=None)
        .select_related("assignee", "help_center", "page")
        .order_by("due_date", "pk")
    )


def categories_of(help_center):
    return CategoryPage.objects.descendant_of(help_center).order_by("path")


def may_start_draft_in(category, user):
    """Whether ``user`` may add the request's article to ``category``."""
    return (
        ArticlePage.can_create_at(category)
        and category.permissions_for_user(user).can_add_subpage()
    )


def draft_categories(categories, user, visibility):
    """Of the ``categories`` (a queryset), those "Start the draft" offers and accepts:
    ones ``user`` may see (an internal category is not named to who may not) and may
    add an article to."""
    return [
        category for category in visibility.filter(categories) if may_start_draft_in(category, user)
    ]


# Starting the draft


def start_draft(content_request, category, user):
    """A draft article in ``category`` titled as the request, linked to it; the request
    is then in progress (and the gap it came from, if any, gets the draft too)."""
    article = ArticlePage(
        title=content_request.title, slug=unique_slug(category, content_request.title),
        live=False, owner=user,
    )  # fmt: skip
    category.add_child(instance=article)
    article.save_revision(user=user, log_action=True)
    content_request.page = article
    content_request.status = Status.IN_PROGRESS
    content_request.save(update_fields=["page", "status", "updated_at"])
    gap = content_request.gap
    if gap is not None and gap.draft_id is None:
        gap.draft = article
        gap.save(update_fields=["draft"])
    return article


# The status follows the page


def _move(page_id, from_statuses, to_status):
    ContentRequest.objects.filter(page_id=page_id, status__in=from_statuses).update(
        status=to_status, updated_at=timezone.now()
    )


def page_was_published(sender, instance, **kwargs):
    _move(instance.pk, [Status.REQUESTED, Status.IN_PROGRESS, Status.IN_REVIEW], Status.PUBLISHED)


def _workflow_page_id(state):
    """The page a workflow state is about, or None for a snippet's workflow."""
    if state.base_content_type_id != ContentType.objects.get_for_model(Page).pk:
        return None
    return int(state.object_id)


def page_task_was_submitted(sender, instance, **kwargs):
    """A task of the page's workflow started: in review. Wagtail sends this on the first
    submission (before ``workflow_submitted``, which we therefore do not handle too) and
    also when the writer resubmits after changes were requested (``WorkflowState.resume``
    sends no ``workflow_submitted``)."""
    page_id = _workflow_page_id(instance.workflow_state)
    if page_id is not None:
        _move(page_id, [Status.REQUESTED, Status.IN_PROGRESS], Status.IN_REVIEW)


def page_was_sent_back(sender, instance, **kwargs):
    """Changes requested, or the workflow cancelled: back to writing."""
    page_id = _workflow_page_id(instance)
    if page_id is not None:
        _move(page_id, [Status.IN_REVIEW], Status.IN_PROGRESS)


def connect():
    """Called from ``AppConfig.ready()``."""
    page_published.connect(page_was_published, dispatch_uid="helpcenter_content_requests")
    task_submitted.connect(page_task_was_submitted, dispatch_uid="helpcenter_content_requests")
    for signal in (workflow_rejected, workflow_cancelled):
        signal.connect(page_was_sent_back, dispatch_uid="helpcenter_content_requests")


# From the content gap queue


def may_see_gap(user, gap):
    """Whether ``user`` may read the gap: its help center and its page (an article voted
    down, a question's page) are not in a section hidden from them."""
    visibility = visibility_for_user(user)
    return visibility.can_view(gap.help_center) and (
        gap.page is None or visibility.can_view(gap.page)
    )


def initial_from_gap(gap):
    """What a request for ``gap`` starts with, for the create form."""
    reason = _(
        "Content gap “%(question)s” (%(kind)s): %(count)s time(s) since %(since)s, "
        "last on %(last)s."
    ) % {
        "question": gap.title,
        "kind": gap.get_kind_display(),
        "count": gap.occurrences,
        "since": gap.first_seen.date().isoformat(),
        "last": gap.last_seen.date().isoformat(),
    }
    title_length = ContentRequest._meta.get_field("title").max_length
    return {
        "title": " ".join(gap.title.split())[:title_length],
        "reason": reason[:REASON_MAX_LENGTH],
        "help_center": gap.help_center_id,
        "gap": gap.pk,
    }


# Emails


def admin_language_of(user):
    """The language ``user`` chose for the Wagtail admin, else the site's default (not
    the language of whoever is at the keyboard when the email goes)."""
    profile = UserProfile.objects.filter(user=user).first()
    language = profile.preferred_language if profile else ""
    if language in dict(get_available_admin_languages()):
        return language
    return settings.LANGUAGE_CODE


def request_admin_url(base_url, content_request):
    url_name = "wagtailsnippets_wagtail_helpcenter_contentrequest:edit"
    return base_url.rstrip("/") + reverse(url_name, args=[content_request.pk])


def may_be_emailed(user):
    return user is not None and user.is_active and bool(user.email)


def one_line(text):
    """A subject line: no line breaks or other control characters."""
    return " ".join("".join(char if char.isprintable() else " " for char in text).split())


def assigned_subject(content_request):
    return _("Content request for you: %(title)s") % {"title": content_request.title}


def reminder_subject(count):
    return ngettext(
        "%(count)s content request is due", "%(count)s content requests are due", count
    ) % {"count": count}


def send_to(user, make_subject, template, context):
    """A plain text and HTML email to ``user``, in their admin language (the subject
    too: ``make_subject`` is called in it)."""
    with translation.override(admin_language_of(user)):
        context = {**context, "user": user}
        subject = one_line(str(make_subject()))
        text = render_to_string(f"wagtail_helpcenter/emails/{template}.txt", context)
        html = render_to_string(f"wagtail_helpcenter/emails/{template}.html", context)
    email = EmailMultiAlternatives(subject, text, None, [user.email])
    email.attach_alternative(html, "text/html")
    email.send()


def visible_page(user, content_request, restrictions=None):
    """The request's page if ``user`` may see it (an email never names a page in a
    section hidden from its reader), else None."""
    page = content_request.page
    if page is not None and visibility_for_user(user, restrictions).can_view(page):
        return page
    return None


def notify_assignee(content_request, base_url):
    assignee = content_request.assignee
    context = {
        "request": content_request,
        "page": visible_page(assignee, content_request),
        "url": request_admin_url(base_url, content_request),
    }
    send_to(
        assignee,
        partial(assigned_subject, content_request),
        "content_request_assigned",
        context,
    )


def assignment_saved(content_request, previous_assignee_id, by_user, base_url):
    """After a request is saved: email a new assignee once the transaction commits. Not
    when nothing changed, nor to someone who assigned themselves, nor to an account
    that is inactive or has no email address."""
    assignee = content_request.assignee
    if (
        assignee is None
        or assignee.pk == previous_assignee_id
        or assignee.pk == getattr(by_user, "pk", None)
        or not may_be_emailed(assignee)
    ):
        return False
    transaction.on_commit(lambda: notify_assignee(content_request, base_url))
    return True


def send_reminders(on_date, base_url, dry_run=False, today=None):
    """One email per assignee listing their open requests due by ``on_date``, overdue
    ones marked. Returns ``(emailed, skipped)``: lists of ``(assignee, requests)``."""
    today = today or timezone.localdate()
    by_assignee = {}
    for content_request in due_by(on_date):
        by_assignee.setdefault(content_request.assignee, []).append(content_request)
    restrictions = load_restrictions()
    emailed, skipped = [], []
    for assignee, requests in by_assignee.items():
        if not may_be_emailed(assignee):
            skipped.append((assignee, requests))
            continue
        emailed.append((assignee, requests))
        if dry_run:
            continue
        items = [
            {
                "request": content_request,
                "overdue": content_request.is_overdue_on(today),
                "page": visible_page(assignee, content_request, restrictions),
                "url": request_admin_url(base_url, content_request),
            }
            for content_request in requests
        ]
        send_to(
            assignee,
            partial(reminder_subject, len(requests)),
            "content_request_reminder",
            {"items": items, "on_date": on_date},
        )
    return emailed, skipped
