"""Which pages one request may see.

Internal (staff-only) content relies on Wagtail's own page privacy
(``PageViewRestriction``). Wagtail enforces it when a page is served; this module
applies the same rules to everything that *lists* or *links to* pages (category
listings, the home page, related articles, search), so an internal page is never shown
to a visitor who could not open it.

The rules mirror ``BaseViewRestriction.accept_request`` but are evaluated for all
restrictions at once, in a fixed number of queries, and cached on the request.
"""

from django.db.models import Q
from django.utils.cache import patch_cache_control, patch_vary_headers
from wagtail.models import BaseViewRestriction

from .models.routing import load_restrictions, request_restrictions

_CACHE_ATTRIBUTE = "_wagtail_helpcenter_visibility"


class PageVisibility:
    def __init__(self, request=None, *, user=None, restrictions=None):
        """What ``request`` may see; or, with ``user`` (see :func:`visibility_for_user`),
        what that account may see away from any request. ``restrictions`` (from
        :func:`load_restrictions`) spares the query when deciding for many users."""
        if restrictions is None:
            # A request reads them once, for Wagtail's check of its page too (routing).
            restrictions = (
                request_restrictions(request).all() if request is not None else load_restrictions()
            )
        if user is None:
            user = getattr(request, "user", None)
        session = getattr(request, "session", None) or {}
        self._user_group_ids = None
        # Every restricted section, whoever asks: kept out of search engines and feeds.
        self.restricted_paths = sorted({restriction.page_path for restriction in restrictions})
        self.hidden_paths = sorted(
            {
                restriction.page_path
                for restriction in restrictions
                if not self._passes(restriction, user, session)
            }
        )

    def _group_ids(self, user):
        if self._user_group_ids is None:
            self._user_group_ids = set(user.groups.values_list("pk", flat=True))
        return self._user_group_ids

    def _passes(self, restriction, user, session):
        if restriction.restriction_type == BaseViewRestriction.PASSWORD:
            passed = session.get(restriction.passed_view_restrictions_session_key, [])
            return restriction.pk in passed
        authenticated = bool(user and user.is_authenticated)
        if restriction.restriction_type == BaseViewRestriction.LOGIN:
            return authenticated
        if restriction.restriction_type == BaseViewRestriction.GROUPS:
            if not authenticated:
                return False
            if user.is_superuser:
                return True
            return bool(restriction.group_ids & self._group_ids(user))
        return True

    def hidden_q(self, prefix=""):
        """A Q matching pages in a section this request may not view."""
        q = Q(pk__in=[])
        for path in self.hidden_paths:
            q |= Q(**{f"{prefix}path__startswith": path})
        return q

    def filter(self, queryset, prefix=""):
        """Remove from a page queryset what this request may not view."""
        if not self.hidden_paths:
            return queryset
        return queryset.exclude(self.hidden_q(prefix))

    def is_restricted(self, page):
        """True if any view restriction applies to ``page``, for anyone."""
        return any(page.path.startswith(path) for path in self.restricted_paths)

    def can_view(self, page):
        return not any(page.path.startswith(path) for path in self.hidden_paths)

    @property
    def sees_restricted_content(self):
        """True when this request may see a section an anonymous visitor may not: what
        it is shown may hold staff-only content."""
        return len(self.hidden_paths) < len(self.restricted_paths)


def mark_private_when_restricted(request, page, response):
    """``Cache-Control: private`` on a response that may hold content an anonymous
    visitor may not see (a restricted page, or any page shown to someone who sees
    restricted sections: its listings, links and search results may name them), so no
    shared cache keeps it for the next visitor."""
    visibility = get_visibility(request)
    if visibility.sees_restricted_content or visibility.is_restricted(page):
        patch_cache_control(response, private=True)
        patch_vary_headers(response, ["Cookie"])
    return response


def forget_visibility(request):
    """What ``request`` may see is worked out again when next asked, from restrictions
    read again: the page and search caches call it once they read their content
    generations, so that what they store was read after them."""
    if request is not None:
        request.__dict__.pop(_CACHE_ATTRIBUTE, None)
        request_restrictions(request).forget()


def get_visibility(request):
    """The PageVisibility of a request, computed once per request."""
    if request is None:
        return PageVisibility(None)
    visibility = getattr(request, _CACHE_ATTRIBUTE, None)
    if visibility is None:
        visibility = PageVisibility(request)
        setattr(request, _CACHE_ATTRIBUTE, visibility)
    return visibility


def visibility_for_user(user, restrictions=None):
    """What ``user`` (an account, or None for an anonymous visitor) may see when no
    request is at hand, e.g. for an email to them: no session, so no page password
    passed; an inactive account could not sign in, so it sees what anyone sees.
    Deciding for several users, load the ``restrictions`` once (load_restrictions)."""
    if user is None or not user.is_active:
        return PageVisibility(None, restrictions=restrictions)
    return PageVisibility(None, user=user, restrictions=restrictions)


def visible_pages(request, queryset):
    """Shorthand: the live pages of ``queryset`` that ``request`` may view."""
    return get_visibility(request).filter(queryset.live())


def public_pages(queryset):
    """The live pages of ``queryset`` that an anonymous visitor may view: what feeds and
    the read API list, whoever asks."""
    return PageVisibility(None).filter(queryset.live())
