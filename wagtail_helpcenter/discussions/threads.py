"""The discussion shown under a page, in a fixed number of queries: the thread state,
the public comments (with their authors), who of them is staff, and the rules."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.shortcuts import get_current_site
from django.core.paginator import Paginator
from django.db import transaction
from django_comments_xtd.models import XtdComment, max_thread_level_for_content_type

from ..caching.pages import page_cache
from ..conf import get_config
from ..listing import page_number
from .authors import author_name
from .forms import HelpCenterCommentForm
from .models import CommunityRules, Thread
from .roles import staff_user_ids

NEWEST, OLDEST = "newest", "oldest"
RULES_CACHE_KEY = "wagtail_helpcenter:community_rules"


@dataclass
class Conversation:
    """A top-level comment and its replies, in reading order."""

    comments: list = field(default_factory=list)
    accepted: bool = False

    @property
    def root(self):
        return self.comments[0]


def page_comments(page, content_type, request):
    return XtdComment.objects.filter(
        content_type=content_type,
        object_pk=str(page.pk),
        site_id=get_current_site(request).pk,
        is_public=True,
        is_removed=False,
    ).select_related("user")


def conversations(comments, accepted_id, order):
    by_thread = {}
    for comment in sorted(comments, key=lambda c: (c.thread_id, c.order)):
        by_thread.setdefault(comment.thread_id, Conversation()).comments.append(comment)
    threads = [thread for thread in by_thread.values() if thread.root.pk == thread.root.thread_id]
    threads.sort(key=lambda thread: thread.root.submit_date, reverse=order == NEWEST)
    for thread in threads:
        thread.accepted = any(comment.pk == accepted_id for comment in thread.comments)
    threads.sort(key=lambda thread: not thread.accepted)  # the accepted answer first
    return threads


def community_rules():
    """The rules linked above every comment form (the first CommunityRules), kept in the
    page cache's CACHES alias for RULES_CACHE_SECONDS: they rarely change, and every
    page with a discussion shows them."""
    seconds = get_config()["RULES_CACHE_SECONDS"]
    if not seconds:
        return CommunityRules.objects.first()
    kept = page_cache().get(RULES_CACHE_KEY)
    if kept is None:
        kept = (CommunityRules.objects.first(),)  # a tuple: "no rules" is kept too
        page_cache().set(RULES_CACHE_KEY, kept, seconds)
    return kept[0]


def forget_community_rules(sender=None, raw=False, **kwargs):
    """post_save / post_delete of CommunityRules: the next page reads them anew (now,
    and once the change is committed, in case a page read the old ones meanwhile)."""
    if raw:
        return
    page_cache().delete(RULES_CACHE_KEY)
    transaction.on_commit(lambda: page_cache().delete(RULES_CACHE_KEY))


def discussion_context(request, page):
    order = OLDEST if request.GET.get("comments") == OLDEST else NEWEST
    content_type = ContentType.objects.get_for_model(page, for_concrete_model=False)
    thread = Thread.objects.filter(page=page).first()
    comments = list(page_comments(page, content_type, request))
    staff = staff_user_ids({comment.user_id for comment in comments if comment.user_id})
    accepted_id = thread.accepted_comment_id if thread else None
    for comment in comments:
        comment.is_staff_reply = comment.user_id in staff
        comment.author_name = author_name(comment, request)
        comment.is_accepted = comment.pk == accepted_id
    paginator = Paginator(
        conversations(comments, accepted_id, order), get_config()["DISCUSSION_THREADS_PER_PAGE"]
    )
    number = min(page_number(request, "comments_page"), paginator.num_pages)
    return {
        "page": page,
        "request": request,
        "thread": thread,
        "closed": bool(thread and thread.is_closed),
        "conversations": paginator.page(number),
        "comment_count": len(comments),
        "order": order,
        "max_level": max_thread_level_for_content_type(content_type),
        "form": None
        if thread and thread.is_closed
        else HelpCenterCommentForm(page, user=getattr(request, "user", None)),
        "rules": community_rules(),
    }
