"""The moderators' admin: the queue of held and flagged comments (with bulk actions),
the questions waiting for a staff answer, one page's discussion (approve, reject,
accept an answer, reply with a template, close or reopen, promote to the FAQ), and the
ban list (a model viewset)."""

from datetime import timedelta
from functools import partial

from django import forms
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_comments_xtd.models import XtdComment
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page

from ..forms import IdModelChoiceField
from ..ids import parse_id
from ..models import FAQPage, HelpCenterPage
from ..visibility import get_visibility
from . import actions
from .models import Ban, ReplyTemplate, Report, Review, Thread
from .posting import DISCUSSED_MODELS
from .roles import may_moderate
from .unanswered import questions, response_hours, visible_to

QUEUE_LIMIT = 200


def moderators_only(view):
    def wrapped(request, *args, **kwargs):
        if not may_moderate(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return wrapped


def needs_attention():
    """Held comments, and public ones with unresolved reports."""
    return (
        XtdComment.objects.filter(is_removed=False)
        .annotate(
            open_reports=Count(
                "helpcenter_reports",
                filter=Q(helpcenter_reports__resolved_at__isnull=True),
                distinct=True,
            )
        )
        .filter(Q(helpcenter_review__status=Review.HELD) | Q(open_reports__gt=0))
    )


def queue_count():
    return needs_attention().count()


BULK_ACTIONS = {
    "approve": (actions.approve, gettext_lazy("Approve")),
    "reject": (actions.reject, gettext_lazy("Reject")),
    "spam": (partial(actions.reject, spam=True), gettext_lazy("Mark as spam")),
}


@moderators_only
def queue(request):
    if request.method == "POST":
        return _bulk(request, reverse("wagtail_helpcenter_moderation"))
    comments = list(
        needs_attention()
        .select_related("helpcenter_review", "user", "content_type")
        .order_by("submit_date")[:QUEUE_LIMIT]
    )
    reports = {}
    for report in Report.objects.filter(comment__in=comments, resolved_at__isnull=True).order_by(
        "created_at"
    ):
        reports.setdefault(report.comment_id, []).append(report)
    # object_pk is text in django-comments (any model's key): read as a page id.
    page_ids = {comment.pk: parse_id(comment.object_pk, Page) for comment in comments}
    pages = Page.objects.in_bulk(set(page_ids.values()) - {None})
    # A held question waits unanswered too: past the response target, it is late.
    late_before = timezone.now() - timedelta(hours=response_hours())
    for comment in comments:
        comment.reports = reports.get(comment.pk, [])
        comment.page = pages.get(page_ids[comment.pk])
        comment.is_late_question = (
            comment.parent_id == comment.pk and comment.submit_date <= late_before
        )
    return TemplateResponse(
        request,
        "wagtail_helpcenter/discussions/admin/queue.html",
        {"comments": comments, "bulk_actions": BULK_ACTIONS, "response_hours": response_hours()},
    )


@moderators_only
def unanswered(request):
    """Every question without a staff answer, oldest first (the most overdue on top),
    with its age; those past the response target are marked. Pages the moderator may
    not view are left out, as in the moderators' emails."""
    rows = questions(older_than_hours=0, limit=QUEUE_LIMIT)
    truncated = len(rows) >= QUEUE_LIMIT
    rows = visible_to(rows, get_visibility(request))
    return TemplateResponse(
        request,
        "wagtail_helpcenter/discussions/admin/unanswered.html",
        {
            "questions": rows,
            "overdue_count": sum(row.overdue for row in rows),
            "hours": response_hours(),
            "limit": QUEUE_LIMIT,
            "truncated": truncated,
            "now": timezone.now(),
        },
    )


def _bulk(request, back_url):
    action = BULK_ACTIONS.get(request.POST.get("action", ""))
    ids = {parse_id(value, XtdComment) for value in request.POST.getlist("comments")} - {None}
    if action is None or not ids:
        messages.error(request, _("Choose an action and at least one comment."))
        return redirect(back_url)
    perform, label = action
    comments = list(XtdComment.objects.filter(pk__in=ids))
    for comment in comments:
        perform(comment, request.user)
    messages.success(
        request,
        _("Done (%(action)s) for %(count)s comment(s).")
        % {"action": label, "count": len(comments)},
    )
    return redirect(back_url)


class ReplyForm(forms.Form):
    reply_to = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(
        label=gettext_lazy("Reply"), widget=forms.Textarea(attrs={"rows": 6}), max_length=3000
    )
    close = forms.BooleanField(
        label=gettext_lazy("Close the discussion, with this reply as its summary"), required=False
    )


class CloseForm(forms.Form):
    summary = forms.CharField(
        label=gettext_lazy("Summary"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Shown on top of the closed discussion."),
    )


class PromoteForm(forms.Form):
    faq_page = IdModelChoiceField(label=gettext_lazy("FAQ page"), queryset=FAQPage.objects.none())

    def __init__(self, page, *args, **kwargs):
        super().__init__(*args, **kwargs)
        help_center = HelpCenterPage.objects.ancestor_of(page).order_by("-depth").first()
        faq_pages = FAQPage.objects.filter(locale_id=page.locale_id)
        if help_center is not None:
            faq_pages = faq_pages.descendant_of(help_center)
        self.fields["faq_page"].queryset = faq_pages.order_by("path")


def discussion_page(page_id):
    """The article or FAQ page whose discussion is moderated; 404 / refused otherwise."""
    pk = parse_id(page_id, Page)
    if pk is None:
        raise Http404
    page = get_object_or_404(Page, pk=pk).specific
    if not isinstance(page, DISCUSSED_MODELS):
        raise PermissionDenied
    return page


def _template_reply(request, page, comments):
    """The reply form, prefilled from ?template=&reply_to= (placeholders filled)."""
    template_id = parse_id(request.GET.get("template", ""), ReplyTemplate)
    template = ReplyTemplate.objects.filter(pk=template_id).first() if template_id else None
    parent = comments.get(parse_id(request.GET.get("reply_to", ""), XtdComment))
    initial = {"reply_to": parent.pk if parent else None}
    try:
        free = actions.free_fields(template) if template else []
    except actions.TemplateError:
        free = []
    free_values = {name: request.GET.get(f"field_{name}", "") for name in free}
    error = None
    if template is not None:
        initial["close"] = template.close_thread
        try:
            initial["text"] = actions.fill_template(
                template, comment=parent, moderator=request.user, free_values=free_values
            )
        except actions.TemplateError as problem:
            error = str(problem)
    return template, free, free_values, error, ReplyForm(initial=initial)


@moderators_only
def discussion(request, page_id):
    page = discussion_page(page_id)
    content_type = ContentType.objects.get_for_model(page, for_concrete_model=False)
    comments = {
        comment.pk: comment
        for comment in XtdComment.objects.filter(
            content_type=content_type, object_pk=str(page.pk), is_removed=False
        )
        .select_related("helpcenter_review", "user")
        .order_by("thread_id", "order")
    }
    thread = Thread.objects.filter(page=page).first()
    template, free, free_values, template_error, reply_form = _template_reply(
        request, page, comments
    )
    accepted = (
        comments.get(thread.accepted_comment_id) if thread and thread.accepted_comment_id else None
    )
    return TemplateResponse(
        request,
        "wagtail_helpcenter/discussions/admin/discussion.html",
        {
            "page": page,
            "comments": list(comments.values()),
            "thread": thread,
            "accepted": accepted,
            "reply_form": reply_form,
            "close_form": CloseForm(initial={"summary": thread.summary if thread else ""}),
            "promote_form": PromoteForm(page) if accepted else None,
            "templates": ReplyTemplate.objects.all(),
            "chosen_template": template,
            "free_fields": [(name, free_values.get(name, "")) for name in free],
            "template_error": template_error,
            "bulk_actions": BULK_ACTIONS,
        },
    )


@moderators_only
@require_POST
def discussion_action(request, page_id):
    page = discussion_page(page_id)
    back = reverse("wagtail_helpcenter_discussion", args=[page.pk])
    action = request.POST.get("do", "")
    if action == "bulk":
        return _bulk(request, back)
    if action == "close":
        form = CloseForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Write a summary to close the discussion."))
            return redirect(back)
        actions.close_thread(page, request.user, form.cleaned_data["summary"])
        messages.success(request, _("The discussion is closed."))
    elif action == "reopen":
        actions.reopen_thread(page, request.user)
        messages.success(request, _("The discussion is open again."))
    elif action == "accept":
        comment = _comment_of(page, request.POST.get("comment", ""))
        actions.accept_answer(comment, request.user)
        messages.success(request, _("Marked as the accepted answer."))
    elif action == "reply":
        return _reply(request, page, back)
    elif action == "promote":
        return _promote(request, page, back)
    else:
        messages.error(request, _("Unknown action."))
    return redirect(back)


def _comment_of(page, raw_id):
    """A comment of this page, from a form value; 404 for anything else."""
    pk = parse_id(raw_id, XtdComment)
    if pk is None:
        raise Http404
    return get_object_or_404(XtdComment, pk=pk, object_pk=str(page.pk), is_removed=False)


def _reply(request, page, back):
    form = ReplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The reply is empty or too long; nothing was posted."))
        return redirect(back)
    parent = None
    if form.cleaned_data["reply_to"]:
        parent = _comment_of(page, str(form.cleaned_data["reply_to"]))
    comment = actions.reply_as_staff(page, parent, request.user, form.cleaned_data["text"])
    if form.cleaned_data["close"]:
        actions.close_thread(page, request.user, form.cleaned_data["text"])
        messages.success(request, _("Your reply is posted and the discussion is closed."))
    else:
        messages.success(request, _("Your reply is posted."))
    return redirect(f"{back}#c{comment.pk}")


def _promote(request, page, back):
    thread = Thread.objects.filter(page=page).select_related("accepted_comment").first()
    answer = thread.accepted_comment if thread else None
    if answer is None:
        messages.error(request, _("Mark an accepted answer first."))
        return redirect(back)
    form = PromoteForm(page, request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a FAQ page of this help center."))
        return redirect(back)
    question = XtdComment.objects.get(pk=answer.thread_id)
    faq_page = form.cleaned_data["faq_page"]
    actions.promote_to_faq(question, answer, faq_page, request.user)
    messages.success(
        request,
        _("A draft of “%(title)s” now has this question. Review and publish it.")
        % {"title": faq_page.title},
    )
    return redirect(reverse("wagtailadmin_pages:edit", args=[faq_page.pk]))


class BanViewSet(ModelViewSet):
    model = Ban
    icon = "cross"
    menu_label = gettext_lazy("Bans")
    add_to_admin_menu = False
    form_fields = ["user", "email", "reason", "until"]
    list_display = ["__str__", "reason", "created_at"]
    name = "helpcenter_bans"
