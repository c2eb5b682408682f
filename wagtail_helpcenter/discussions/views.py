"""Visitors' actions: post a comment (signed in: at once; anonymous: confirmed by an
emailed link, django-comments-xtd's flow), confirm it, flag a comment, delete one's own.

Every refusal is a page that says why and, for a comment, gives the text back, so
nothing typed is lost."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.shortcuts import get_current_site
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_comments_xtd.conf import settings
from django_comments_xtd.models import XtdComment
from wagtail.models import Page

from ..conf import get_config
from ..ids import parse_id
from ..visibility import get_visibility, mark_private_when_restricted
from ..visitors import anonymous_key, client_ip, over_rate_limit
from . import pending
from .authors import poster_name
from .forms import HelpCenterCommentForm, ReportForm
from .links import is_pickle_link, muted_comment_id
from .models import Report
from .notifications import notify_moderators_of_report, send_confirmation
from .posting import (
    Refused,
    check_all,
    decide,
    discussed_model,
    discussed_page,
    page_of,
    store,
)

REPORTS_PER_ADDRESS = 20  # in ten minutes


def visible_page(request, page):
    """``page`` if this visitor may open it now, else None. A message page or redirect
    reached from an old link (confirmation, unsubscribe) must not name or link a page
    that was unpublished or made internal since."""
    if not isinstance(page, Page) or not page.live:
        return None
    return page if get_visibility(request).can_view(page) else None


def message_page(request, heading, message, page=None, text="", status=200):
    """A page of the help center with a message, and the visitor's text to copy; with a
    link back to ``page`` when this visitor may see it."""
    page = visible_page(request, page)
    response = TemplateResponse(
        request,
        "wagtail_helpcenter/discussions/message.html",
        {
            "heading": heading,
            "message": message,
            "page": page,
            "text": text,
            "helpcenter_base_template": get_config()["BASE_TEMPLATE"],
        },
        status=status,
    )
    # It names the page: private when the page is one only some may see.
    return mark_private_when_restricted(request, page, response) if page else response


def refusal(request, message, page=None, text="", status=400):
    return message_page(request, _("Your comment could not be posted"), message, page, text, status)


def _form_data(request):
    data = request.POST.copy()
    user = request.user
    if user.is_authenticated:
        data["name"] = poster_name(user, request)
        data["email"] = user.email or data.get("email", "")
    return data


def _errors(form):
    """Every error of the form, each with its field's label."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts.append(f"{label}: {' '.join(errors)}" if label else " ".join(errors))
    return " ".join(parts)


@require_POST
def post_comment(request):
    text = request.POST.get("comment", "")
    try:
        page = discussed_page(
            discussed_model(request.POST.get("content_type", "")),
            request.POST.get("object_pk", ""),
            request,
        )
    except Refused as error:
        return refusal(request, str(error), text=text)
    form = HelpCenterCommentForm(page, data=_form_data(request), user=request.user)
    if form.security_errors():
        return refusal(
            request,
            _("The form expired or was changed. Reload the page and post again."),
            page,
            text,
        )
    if not form.is_valid():
        return refusal(request, _errors(form), page, text)
    comment = form.get_comment_object(site_id=get_current_site(request).pk)
    comment.ip_address = client_ip(request)
    comment.user = request.user if request.user.is_authenticated else None
    try:
        if request.user.is_authenticated or not settings.COMMENTS_XTD_CONFIRM_EMAIL:
            stored = store(comment, page, request)
            return _after_store(request, stored, page)
        # Anonymous: check now (a refusal is shown at once), store on confirmation.
        pending.check_limits(comment)
        check_all(comment, page, request)
        decide(comment, request)
    except pending.TooManyWaiting as error:
        return refusal(request, str(error), page, text, status=429)
    except Refused as error:
        return refusal(request, str(error), page, text, status=403)
    send_confirmation(comment, pending.hold(comment), request)
    return message_page(
        request,
        _("Check your email"),
        _("We sent a link to %(email)s. Your comment appears once you open it.")
        % {"email": comment.user_email},
        page,
    )


def _after_store(request, stored, page):
    if stored.is_public:
        messages.success(request, _("Your comment was posted."))
        return redirect(f"{page.url}#c{stored.pk}")
    return message_page(
        request,
        _("Thank you"),
        _("Your comment waits for a moderator and appears once it is approved."),
        page,
    )


def broken_link(request, message, text=""):
    return message_page(request, _("This link does not work"), message, text=text, status=400)


def confirm(request, key):
    """The link emailed to an anonymous poster: their comment, kept until now
    (discussions.pending), goes through every check again and is stored."""
    if is_pickle_link(key):  # django-comments-xtd's signed pickle: never loaded
        return broken_link(
            request,
            _(
                "This confirmation link is from an older version of the site and no longer "
                "works. Please post your comment again."
            ),
        )
    waiting = pending.find(key)
    if waiting is None:
        return broken_link(
            request,
            _(
                "This confirmation link is not valid or was already used. Copy the whole "
                "link from the email."
            ),
        )
    comment = pending.as_comment(waiting)
    if waiting.is_expired:
        waiting.delete()
        return broken_link(
            request,
            _("This confirmation link has expired. Please post your comment again."),
            comment.comment,
        )
    page = None
    try:
        page = page_of(comment, request)
        comment.content_object = page
        # A refusal rolls the claim back: the link may work later (the posting rate).
        with transaction.atomic():
            if not pending.claim(waiting):  # another request confirmed it just now
                return message_page(request, _("Thank you"), _("Your comment is confirmed."), page)
            stored = store(comment, page, request)
    except Refused as error:
        return refusal(request, str(error), page, comment.comment, status=403)
    return _after_store(request, stored, page)


def reporter_key(request):
    """One report per comment per person: the account, else the address (hashed)."""
    user = request.user
    value = f"user:{user.pk}" if user.is_authenticated else client_ip(request)
    return anonymous_key("discussion-report", value)


def comment_pk(raw):
    """A comment id from a URL; 404 for anything that is not one (a number past the
    database's range included)."""
    pk = parse_id(raw, XtdComment)
    if pk is None:
        raise Http404
    return pk


@require_POST
def flag(request, comment_id):
    comment = get_object_or_404(
        XtdComment, pk=comment_pk(comment_id), is_public=True, is_removed=False
    )
    try:
        page = page_of(comment, request)
    except Refused:
        raise Http404 from None
    form = ReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what is wrong with the comment."))
        return redirect(f"{page.url}#c{comment.pk}")
    if over_rate_limit(request, "discussion-report", REPORTS_PER_ADDRESS, 600):
        messages.error(request, _("Too many reports: try again later."))
        return redirect(f"{page.url}#c{comment.pk}")
    try:
        with transaction.atomic():
            report = Report.objects.create(
                comment=comment,
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"],
                reporter=reporter_key(request),
            )
    except IntegrityError:
        messages.info(request, _("You have already reported this comment."))
    else:
        notify_moderators_of_report(report)
        messages.success(request, _("Thank you: a moderator will look at it."))
    return redirect(f"{page.url}#c{comment.pk}")


@login_required
@require_POST
def delete_own(request, comment_id):
    comment = get_object_or_404(
        XtdComment, pk=comment_pk(comment_id), user=request.user, is_removed=False
    )
    comment.is_removed = True
    comment.save(update_fields=["is_removed"])
    messages.success(request, _("Your comment was deleted."))
    page = visible_page(request, comment.content_object)
    return redirect(page.url if page is not None else "/")


def mute(request, key):
    """The unsubscribe link of follow-up emails (discussions.links): no more emails about
    this page's discussion to that address."""
    if is_pickle_link(key):  # django-comments-xtd's signed pickle: never loaded
        return broken_link(
            request,
            _(
                "This link is from an older email and no longer works. The next email "
                "about this discussion has a new one."
            ),
        )
    comment_id = muted_comment_id(key)
    follower = XtdComment.objects.filter(pk=comment_id).first() if comment_id else None
    if follower is None:
        return broken_link(
            request, _("This link is not valid. Copy the whole link from the email.")
        )
    muted = XtdComment.objects.filter(
        content_type=follower.content_type,
        object_pk=follower.object_pk,
        user_email__iexact=follower.user_email,
        followup=True,
    ).update(followup=False)
    heading = _("No more emails")
    page = follower.content_object
    if not muted:
        return message_page(request, heading, _("You were not following this discussion."), page)
    return message_page(
        request, heading, _("You will not get emails about this discussion any more."), page
    )


def permalink(request, content_type_id, object_pk):
    """Where a comment's permalink (``comment.get_absolute_url()``, used in
    django-comments-xtd's emails) leads: its page, if this visitor may see it."""
    pk = parse_id(content_type_id, ContentType)
    content_type = None if pk is None else ContentType.objects.filter(pk=pk).first()
    if content_type is None:
        raise Http404
    try:
        page = discussed_page(content_type.model_class(), object_pk, request)
    except Refused:
        raise Http404 from None
    return redirect(page.url)
