"""Privacy follows the content into every language.

A help center page and its translations (and aliases: wagtail-localize's untranslated
copies, Wagtail's same-language aliases) show the same content, so they share one
privacy. Wagtail copies a page's view restrictions when a translation or alias is
*created*, and never again: an article made internal afterwards stayed public in Dutch.
Here every later change of a restriction on one page of such a group (added, edited,
its groups changed, removed; by the audience field or by Wagtail's privacy dialog) is
applied to the others, and the ``audience`` field is kept the same across the group.

A restriction is compared by what it does (type, password, groups), so a group of pages
converges on one set however the change was made, and copying a restriction that a page
already has does nothing.
"""

from contextvars import ContextVar

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

from .audience import INTERNAL

# Set while this module writes, so its own writes are not mirrored again.
_mirroring = ContextVar("wagtail_helpcenter_mirroring_privacy", default=False)
_HELP_CENTER_APP = "wagtail_helpcenter"


def is_help_center_page(page):
    return page is not None and page.content_type.app_label == _HELP_CENTER_APP


def content_group(page):
    """The other pages showing ``page``'s content: its translations, the page it is an
    alias of, and the aliases of all of these."""
    keys = {page.translation_key}
    if page.alias_of_id:
        original = Page.objects.filter(pk=page.alias_of_id).values_list("translation_key")
        keys.update(key for (key,) in original)
    ids = set(Page.objects.filter(translation_key__in=keys).values_list("pk", flat=True))
    ids.add(page.pk)
    return Page.objects.filter(Q(pk__in=ids) | Q(alias_of_id__in=ids)).exclude(pk=page.pk)


def signature(restriction, group_ids=None):
    """What a restriction does, comparable across pages."""
    if group_ids is None:
        group_ids = restriction.groups.values_list("pk", flat=True) if restriction.pk else []
    return (restriction.restriction_type, restriction.password, frozenset(group_ids))


def _restrictions_by_signature(page_ids):
    found = {}
    queryset = PageViewRestriction.objects.filter(page_id__in=page_ids).prefetch_related("groups")
    for restriction in queryset:
        key = signature(restriction, [group.pk for group in restriction.groups.all()])
        found.setdefault(restriction.page_id, {}).setdefault(key, []).append(restriction)
    return found


def apply_to_group(page, removed=None, added=None):
    """On every other page of ``page``'s group: remove the restrictions doing what
    ``removed`` did, then make sure one does what ``added`` does (signatures)."""
    if _mirroring.get() or not is_help_center_page(page) or removed == added:
        return
    members = list(content_group(page).values_list("pk", flat=True))
    if not members:
        return
    token = _mirroring.set(True)
    try:
        existing = _restrictions_by_signature(members)
        for member_id in members:
            restrictions = existing.get(member_id, {})
            if removed is not None:
                for restriction in restrictions.pop(removed, []):
                    restriction.delete()
            if added is not None and added not in restrictions:
                restriction_type, password, group_ids = added
                copy = PageViewRestriction.objects.create(
                    page_id=member_id, restriction_type=restriction_type, password=password
                )
                copy.groups.set(group_ids)
    finally:
        _mirroring.reset(token)


def sync_audience_across_group(page, changed):
    """Keep the ``audience`` field the same on every page of the group: a change made on
    ``page`` is applied to the others; a page saved without a change (a translation
    created, synced or re-imported) takes the group's audience when any page of the
    group is internal, so a copy never makes internal content public."""
    model = type(page)
    members = model.objects.filter(pk__in=content_group(page).values("pk"))
    if changed:
        members.exclude(audience=page.audience).update(audience=page.audience)
        return page.audience
    if page.audience != INTERNAL and members.filter(audience=INTERNAL).exists():
        model.objects.filter(pk=page.pk).update(audience=INTERNAL)
        page.audience = INTERNAL
    return page.audience
