"""Content generations: tokens that change when what a part of the page tree shows
changes, so cached copies made before the change are never read again.

A cached page's key holds the token of every prefix of its tree path (its help
center's, its category's, its own) and the site's token, read in one query. What
changes the content a whole help center shows (a publish, a move, a privacy change)
changes the help center's token, in every language; what changes one page alone (a
comment) changes that page's; what changes every page (a site, a locale) the site's.

Tokens are rows in the database, changed in the transaction that makes the change: they
are committed with it, or rolled back with it. A request that reads the new token reads
the new content; one that read the old token stores its copy under the old key, which
nobody reads again.
"""

from uuid import uuid4

from wagtail.models import Page

from ..models.caching import CacheGeneration
from ..models.pages import HelpCenterPage

SITE = ""  # the path whose token every key holds
STEP = Page.steplen


def path_prefixes(path):
    return [path[:end] for end in range(STEP, len(path) + 1, STEP)]


def tokens_for(path):
    """The tokens a page at ``path`` is cached under, in one query."""
    prefixes = [SITE, *path_prefixes(path)]
    stored = dict(CacheGeneration.objects.filter(path__in=prefixes).values_list("path", "token"))
    return ":".join(stored.get(prefix, "0") for prefix in prefixes)


def renew(paths):
    """New tokens for ``paths`` (in sorted order: two changes lock rows in one order)."""
    for path in sorted(set(paths)):
        CacheGeneration.objects.update_or_create(path=path, defaults={"token": uuid4().hex})


def help_center_paths(page):
    """The tree paths of the help center holding ``page`` and of its translations (a
    page shown untranslated in another language is shown inside that language's help
    center), or the page's own path when it is in none."""
    help_center = (
        HelpCenterPage.objects.filter(path__in=path_prefixes(page.path))
        .order_by("-depth")
        .values("translation_key")
        .first()
    )
    if help_center is None:
        return [page.path]
    return list(
        HelpCenterPage.objects.filter(translation_key=help_center["translation_key"])
        .values_list("path", flat=True)
    )  # fmt: skip


def renew_help_center(page):
    renew(help_center_paths(page))


def renew_page(page):
    renew([page.path])


def renew_site():
    renew([SITE])
