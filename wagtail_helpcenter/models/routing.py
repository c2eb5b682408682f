"""Serving a help center page in few queries, with Wagtail's own rules.

- ``pages_on_the_way`` finds the pages the rest of a URL names below a page in one
  query (Wagtail walks the tree with two queries a level: the child by its slug, then
  its specific page). It answers only when the walk is plain: every page found is one
  of the given types (whose ``route`` is Wagtail's walk), one page a slug; anything
  else is left to Wagtail's walk, which then decides exactly as before.
- ``routed_ancestors`` is the chain of parents that routing loaded (Wagtail and
  ``pages_on_the_way`` both set treebeard's ``_cached_parent_obj``), which the help
  center and the breadcrumbs read instead of querying the ancestors again.
- ``request_restrictions`` reads every view restriction once per request, in one query:
  what Wagtail's check of the page (``HelpCenterPageBase.get_view_restrictions``) and
  the listings (``visibility``) need. Nothing is kept between requests: a restriction
  changed is seen on the next request.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

_RESTRICTIONS_ATTRIBUTE = "_wagtail_helpcenter_restrictions"
# The attribute a routed page keeps its request's restrictions under.
ROUTED_RESTRICTIONS = "_helpcenter_request_restrictions"
# The attribute a page routed by pages_on_the_way keeps its translations under (every
# page sharing its translation_key, live or not, in path order, with their locale).
TRANSLATIONS = "_helpcenter_translations"
SITE_DEPTH = 2  # the depth of a site's root page (below the tree's root, never an alias)


def path_prefixes(path):
    """The tree paths of the page at ``path`` and of all its ancestors."""
    return [path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)]


def pages_on_the_way(page, path_components, models):
    """The specific pages ``path_components`` name below ``page``, each with its parent
    cached, in one query; None when Wagtail's own walk must decide (a page not found,
    a page of another type, two children with one slug).

    The same query reads the translations of the page found (every page sharing its
    ``translation_key``, with its locale), which the language switcher then filters
    (``languages.page_translations``): the last page is kept with them, under
    ``TRANSLATIONS``."""
    levels = Q()
    for offset, slug in enumerate(path_components, 1):
        levels |= Q(depth=page.depth + offset, slug=slug)
    last = Page.objects.filter(
        depth=page.depth + len(path_components),
        slug=path_components[-1],
        path__startswith=page.path,
    )
    by_content_type = {ContentType.objects.get_for_model(model).pk: model for model in models}
    rows = list(
        Page.objects.filter(
            Q(levels, path__startswith=page.path)
            | Q(translation_key__in=last.values("translation_key"))
        )
        .select_related("locale", *(model._meta.model_name for model in models))
        .order_by("path")
    )
    parent, found = page, []
    for slug in path_components:
        children = [
            row
            for row in rows
            if row.depth == parent.depth + 1
            and row.slug == slug
            and row.path.startswith(parent.path)
        ]
        if len(children) != 1:
            return None
        model = by_content_type.get(children[0].content_type_id)
        if model is None:
            return None
        child = getattr(children[0], model._meta.model_name)
        child._cached_parent_obj = parent  # as Wagtail's walk does
        found.append(child)
        parent = child
    setattr(
        parent,
        TRANSLATIONS,
        [row for row in rows if row.translation_key == parent.translation_key],
    )
    return found


def routed_ancestors(page):
    """The ancestors of ``page`` down to the site's level, nearest first, as routing
    loaded them (specific pages); None when the chain is not complete."""
    ancestors = []
    current = page
    while current.depth > SITE_DEPTH:
        parent = current.__dict__.get("_cached_parent_obj")
        if parent is None or type(parent) is not parent.specific_class:
            return None
        ancestors.append(parent)
        current = parent
    return ancestors


@dataclass(frozen=True)
class Restriction:
    """A page view restriction as the listings read it."""

    pk: int
    restriction_type: str
    page_id: int
    page_path: str
    group_ids: frozenset

    passed_view_restrictions_session_key = PageViewRestriction.passed_view_restrictions_session_key


def load_restrictions():
    """Every page view restriction with its page's path and its groups, in one query."""
    rows = PageViewRestriction.objects.order_by("pk").values_list(
        "pk", "restriction_type", "page_id", "page__path", "groups"
    )
    restrictions, groups = {}, {}
    for pk, restriction_type, page_id, page_path, group_id in rows:
        restrictions.setdefault(pk, (restriction_type, page_id, page_path))
        group_ids = groups.setdefault(pk, set())
        if group_id is not None:
            group_ids.add(group_id)
    return [
        Restriction(pk, restriction_type, page_id, page_path, frozenset(groups[pk]))
        for pk, (restriction_type, page_id, page_path) in restrictions.items()
    ]


class RequestRestrictions:
    """Every view restriction, read when first needed and then kept for the request."""

    def __init__(self):
        self._restrictions = None

    def all(self):
        if self._restrictions is None:
            self._restrictions = load_restrictions()
        return self._restrictions

    def forget(self):
        """Read them again when next needed (the page cache, after it read its tokens)."""
        self._restrictions = None


def request_restrictions(request):
    restrictions = request.__dict__.get(_RESTRICTIONS_ATTRIBUTE)
    if restrictions is None:
        restrictions = RequestRestrictions()
        setattr(request, _RESTRICTIONS_ATTRIBUTE, restrictions)
    return restrictions


def mark_routed(result, request):
    """Let the page ``result`` routes to read its request's restrictions."""
    if result is not None:
        setattr(result[0], ROUTED_RESTRICTIONS, request_restrictions(request))
    return result


def routed_view_restrictions(page):
    """The view restrictions of a routed page, from its request's restrictions (no
    query when none applies); None unless the page was routed, with every ancestor
    loaded, and neither it nor any ancestor is an alias. Wagtail's rule then is: the
    restrictions on the page and on its ancestors."""
    restrictions = page.__dict__.get(ROUTED_RESTRICTIONS)
    if restrictions is None or page.alias_of_id:
        return None
    ancestors = routed_ancestors(page)
    if ancestors is None or any(ancestor.alias_of_id for ancestor in ancestors):
        return None
    prefixes = set(path_prefixes(page.path))
    return PageViewRestriction.objects.filter(
        pk__in=[
            restriction.pk
            for restriction in restrictions.all()
            if restriction.page_path in prefixes
        ]
    )
