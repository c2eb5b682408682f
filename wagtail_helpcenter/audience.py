"""Keep an internal page's Wagtail view restriction in step with its ``audience`` field.

An editor marks an article or category "internal"; we add a view restriction for the
groups in ``INTERNAL_GROUPS`` (or "logged-in users" when that list is empty). Marking it
"public" again removes that restriction, and only that one: a password or other
restriction an editor set by hand through Wagtail's privacy dialog is left alone.
"""

import logging

from django.contrib.auth.models import Group
from wagtail.models import BaseViewRestriction, PageViewRestriction

from .conf import get_config

logger = logging.getLogger(__name__)

PUBLIC = "public"
INTERNAL = "internal"


def _internal_group_names():
    return set(get_config()["INTERNAL_GROUPS"])


def is_managed_restriction(restriction):
    """Whether this restriction is the one the audience field would create."""
    names = _internal_group_names()
    if not names:
        return restriction.restriction_type == BaseViewRestriction.LOGIN
    return restriction.restriction_type == BaseViewRestriction.GROUPS and names == {
        group.name for group in restriction.groups.all()
    }


def create_internal_restriction(page):
    names = _internal_group_names()
    if not names:
        return PageViewRestriction.objects.create(
            page=page, restriction_type=BaseViewRestriction.LOGIN
        )
    groups = list(Group.objects.filter(name__in=names))
    missing = names - {group.name for group in groups}
    if missing:
        # Fails closed: the page is then visible to the groups that exist and to superusers.
        logger.warning(
            "INTERNAL_GROUPS names groups that do not exist: %s. Internal page %r is "
            "restricted to the others and to superusers.",
            ", ".join(sorted(missing)),
            page.title,
        )
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=BaseViewRestriction.GROUPS
    )
    restriction.groups.set(groups)
    return restriction


def sync_audience_restriction(page):
    restrictions = list(PageViewRestriction.objects.filter(page=page).prefetch_related("groups"))
    if page.audience == INTERNAL:
        # Another restriction (a password) does not make it internal: add the group one.
        if not any(is_managed_restriction(restriction) for restriction in restrictions):
            create_internal_restriction(page)
        return
    for restriction in restrictions:
        if is_managed_restriction(restriction):
            restriction.delete()
