"""'Mark as reviewed': one click from the stale content report, the dashboard or the page
explorer (which links here for a confirmation, as links cannot post)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from ..ids import parse_id
from ..models import ArticlePage
from ..review import mark_reviewed


def mark_reviewed_view(request, page_id):
    article = get_object_or_404(ArticlePage, pk=parse_id(page_id, ArticlePage))
    if not article.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    if request.method == "POST":
        mark_reviewed(article, request.user)
        messages.success(
            request, _("“%(title)s” marked as reviewed today.") % {"title": article.title}
        )
        return redirect(next_url or "wagtailadmin_pages:edit", *([] if next_url else [article.pk]))
    return TemplateResponse(
        request,
        "wagtail_helpcenter/admin/mark_reviewed_confirm.html",
        {
            "article": article,
            "url": request.path,
            "next": next_url,
            "page_title": _("Mark as reviewed"),
            "header_icon": "time",
        },
    )
