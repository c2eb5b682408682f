"""Privacy follows the content into every language.

A help center page and its translations (and aliases: wagtail-localize's untranslated
copies, Wagtail's same-language aliases, and their translations) show the same content,
so they share its privacy. Wagtail copies a page's view restrictions when a translation
or alias is *created*, and never again: an article made internal afterwards stayed
public in Dutch.

The rule: **the source's privacy holds for every copy, and a copy may be stricter but
never looser.** The source is the group's page in the site's default language (else its
oldest page that is not an alias).

- A change on the source (its audience, or a restriction added, edited or removed in
  Wagtail's privacy dialog) is applied to every copy.
- A copy saved, created, synced by wagtail-localize (from an old snapshot, say) or
  re-imported gets back whatever it lacks of the source's privacy, including the
  restrictions the source has from its parents: a copy is never opened by its own save,
  and never opens the source. A restriction added on a copy stays on that copy.
- Moving a page gives its copies the restrictions of its new place.

A restriction is compared by what it does (type, password, groups).
"""

from contextvars import ContextVar

from django.conf import settings
from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

from .audience import INTERNAL

# Set while this module writes, so its own writes are not mirrored again.
_mirroring = ContextVar("wagtail_helpcenter_mirroring_privacy", default=False)
_HELP_CENTER_APP = "wagtail_helpcenter"


def is_help_center_page(page):
    return page is not None and page.content_type.app_label == _HELP_CENTER_APP


def group_of(page):
    """Every page showing ``page``'s content, itself included: its translations, the page
    it is an alias of, the aliases of all of these and their translations."""
    keys = {page.translation_key}
    if page.alias_of_id:
        keys.update(
            Page.objects.filter(pk=page.alias_of_id).values_list("translation_key", flat=True)
        )
    same_key = Page.objects.filter(translation_key__in=keys)
    aliases = Page.objects.filter(alias_of__in=same_key)
    keys.update(aliases.values_list("translation_key", flat=True))
    return Page.objects.filter(
        Q(translation_key__in=keys) | Q(alias_of__translation_key__in=keys)
    ).select_related("locale")


def source_of(group):
    """The page whose privacy ``group`` (a list of pages) follows."""
    originals = [page for page in group if not page.alias_of_id] or list(group)
    default = [page for page in originals if page.locale.language_code == settings.LANGUAGE_CODE]
    return min(default or originals, key=lambda page: page.pk)


def signature(restriction, group_ids=None):
    """What a restriction does, comparable across pages."""
    if group_ids is None:
        group_ids = restriction.groups.values_list("pk", flat=True) if restriction.pk else []
    return (restriction.restriction_type, restriction.password, frozenset(group_ids))


def _with_signatures(restrictions):
    """``(restriction, signature)`` for each of ``restrictions`` (a queryset), their
    groups loaded in one query."""
    for restriction in restrictions.prefetch_related("groups"):
        yield restriction, signature(restriction, [group.pk for group in restriction.groups.all()])


def _signatures(restrictions):
    return {key for _restriction, key in _with_signatures(restrictions)}


def _add(page_id, wanted):
    restriction_type, password, group_ids = wanted
    copy = PageViewRestriction.objects.create(
        page_id=page_id, restriction_type=restriction_type, password=password
    )
    copy.groups.set(group_ids)


class _Writing:
    """Writes made here are not mirrored again by the signal handlers."""

    def __enter__(self):
        self.token = _mirroring.set(True)

    def __exit__(self, *exc_info):
        _mirroring.reset(self.token)


def no_looser_than_source(page, group=None):
    """Give ``page`` what it lacks of its source's privacy (audience, and restrictions
    the source has directly or from its parents). True when it made ``page`` internal."""
    group = list(group if group is not None else group_of(page))
    source = source_of(group)
    if source.pk == page.pk:
        return False
    # Wagtail's own rules (Page's method): what rows the copy lacks, not what the help
    # center's pages add when serving an alias (HelpCenterPageBase.get_view_restrictions).
    missing = _signatures(Page.get_view_restrictions(source)) - _signatures(
        Page.get_view_restrictions(page)
    )
    with _Writing():
        for wanted in missing:
            _add(page.pk, wanted)
    specific = source.specific_class
    if not hasattr(specific, "audience"):
        return False
    if not specific.objects.filter(pk=source.pk, audience=INTERNAL).exists():
        return False
    return bool(
        specific.objects.filter(pk=page.pk).exclude(audience=INTERNAL).update(audience=INTERNAL)
    )


def restriction_changed(page, removed=None, added=None):
    """A restriction of ``page`` changed from ``removed`` to ``added`` (signatures, None
    for none): on the source, the change goes to every copy; on a copy, the copy gets
    back what it lacks of the source's."""
    if _mirroring.get() or not is_help_center_page(page) or removed == added:
        return
    group = list(group_of(page))
    if len(group) < 2:
        return
    if source_of(group).pk != page.pk:
        no_looser_than_source(page, group)
        return
    copies = [member.pk for member in group if member.pk != page.pk]
    existing = {}
    for restriction, key in _with_signatures(
        PageViewRestriction.objects.filter(page_id__in=copies)
    ):
        existing.setdefault(restriction.page_id, {}).setdefault(key, []).append(restriction)
    with _Writing():
        for copy_id in copies:
            restrictions = existing.get(copy_id, {})
            if removed is not None:
                for restriction in restrictions.pop(removed, []):
                    restriction.delete()
            if added is not None and added not in restrictions:
                _add(copy_id, added)


def page_saved(page, audience_changed):
    """After a help center page is saved: a source's changed audience goes to every copy;
    a copy gets back what it lacks of the source's privacy."""
    group = list(group_of(page))
    if len(group) < 2:
        return
    if source_of(group).pk == page.pk:
        if audience_changed:
            copies = [member.pk for member in group if member.pk != page.pk]
            type(page).objects.filter(pk__in=copies).exclude(audience=page.audience).update(
                audience=page.audience
            )
        return
    if no_looser_than_source(page, group):
        page.audience = INTERNAL  # as just stored, for the audience restriction that follows


def subtree_moved(page):
    """``page`` moved (with what is below it): the copies of each of them get the
    restrictions of the new place."""
    for moved in Page.objects.descendant_of(page, inclusive=True).select_related("content_type"):
        if is_help_center_page(moved):
            group = list(group_of(moved))
            if len(group) > 1 and source_of(group).pk == moved.pk:
                for copy in group:
                    if copy.pk != moved.pk:
                        no_looser_than_source(copy, group)
