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

from contextlib import contextmanager
from contextvars import ContextVar
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


# Inside ``batched()``: the paths to renew when the batch is flushed.
_batch = ContextVar("wagtail_helpcenter_cache_renewals", default=None)


def renew(paths, *, at_once=False):
    """New tokens for ``paths`` (in sorted order: two changes lock rows in one order);
    inside ``batched()`` when the batch is flushed, unless ``at_once`` (what hides a
    page: it must never wait for the batch)."""
    batch = _batch.get()
    if batch is not None and not at_once:
        batch.update(paths)
        return
    _renew_now(paths)


def _renew_now(paths):
    for path in sorted(set(paths)):
        CacheGeneration.objects.update_or_create(path=path, defaults={"token": uuid4().hex})


@contextmanager
def batched():
    """Renewals gathered and made once, by ``flush_batch()`` and at the end: for an
    import, which publishes thousands of pages of one help center (its pages show up
    in the cache as its search entries do, batch by batch)."""
    if _batch.get() is not None:  # nested: the outer block renews
        yield
        return
    token = _batch.set(set())
    try:
        yield
    finally:
        paths = _batch.get()
        _batch.reset(token)
        _renew_now(paths)


def flush_batch():
    batch = _batch.get()
    if batch:
        paths = set(batch)
        batch.clear()
        _renew_now(paths)


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


def renew_help_center(page, *, at_once=False):
    batch = _batch.get()
    if not at_once and batch and any(page.path.startswith(path) for path in batch):
        return  # its help center is renewed with the batch already
    renew(help_center_paths(page), at_once=at_once)


def renew_page(page):
    renew([page.path])


def renew_site():
    renew([SITE])
