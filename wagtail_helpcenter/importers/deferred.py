"""Search and reference index updates of an import, done in bulk between records
instead of on every save.

Wagtail updates both indexes on every ``post_save``: modelsearch re-indexes the object
(and, on the database backends, recomputes every entry's title norm, a query over the
whole index), and the reference index re-reads the object's references. An imported
article is saved three times (``add_child``, ``save_revision``, ``publish``), so most of
an import went into indexing each page three times.

Inside ``deferred_indexing()`` the saves made in this context (thread or task) only note
which object was saved; ``flush()`` then indexes each of them once, as it is in the
database by then, with the search backends' bulk add and Wagtail's own reference index
update; the page cache's content generations (``caching.generations``) are renewed with
them, once per help center. Leaving the block flushes whatever is left, also when the
block ends with an exception. Objects deleted meanwhile, or saved in a transaction that
was rolled back, are skipped (the database has no row for them). Deletes are not
deferred: their index entries go at once, as always. Saves in other threads are indexed
as usual.

If the process dies inside the block (killed, out of memory), what was saved since the
last flush is not indexed: ``manage.py update_index`` and
``manage.py rebuild_references_index`` bring both indexes up to date.
"""

import logging
import threading
from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from modelsearch import signal_handlers as search_signal_handlers
from modelsearch.backends import get_search_backends_with_name
from modelsearch.index import get_indexed_models
from wagtail.models import Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.tasks import update_reference_index_task

from ..caching import generations

logger = logging.getLogger(__name__)

CHUNK_SIZE = 500

_pending = ContextVar("wagtail_helpcenter_deferred_indexing", default=None)
_install_lock = threading.Lock()
_installed = False


class Pending:
    """The objects saved since the last flush, as ``{model: {pk: None}}`` (in order)."""

    def __init__(self):
        self.search = defaultdict(dict)
        self.references = defaultdict(dict)

    def __len__(self):
        return sum(map(len, self.search.values())) + sum(map(len, self.references.values()))

    def flush(self, when_over=0):
        """Index what was saved, when more than ``when_over`` objects wait. Call it
        between records, outside their transactions."""
        if len(self) <= when_over:
            return
        search, self.search = self.search, defaultdict(dict)
        references, self.references = self.references, defaultdict(dict)
        _update_search_index(search)
        _update_reference_index(references)
        generations.flush_batch()

    def forget(self):
        """Index nothing of what was saved (a dry run, rolled back)."""
        self.search.clear()
        self.references.clear()


@contextmanager
def deferred_indexing():
    """Index the objects saved inside the block in bulk (see the module's docstring).
    Yields the ``Pending`` objects, whose ``flush()`` indexes them before the end."""
    _install()
    if _pending.get() is not None:  # nested: the outer block flushes
        yield _pending.get()
        return
    pending = Pending()
    token = _pending.set(pending)
    try:
        with disable_reference_index_auto_update(), generations.batched():
            yield pending
    finally:
        _pending.reset(token)
        pending.flush()


def _install():
    """Put our receiver in place of modelsearch's ``post_save`` one, once: it calls
    modelsearch's, except inside ``deferred_indexing()``."""
    global _installed
    with _install_lock:
        if _installed:
            return
        for model in get_indexed_models():
            # Connected only for models with search_auto_update (modelsearch's rule).
            if post_save.disconnect(search_signal_handlers.post_save_signal_handler, sender=model):
                post_save.connect(_search_index_on_save, sender=model)
        post_save.connect(_remember_references, dispatch_uid="helpcenter_deferred_references")
        post_delete.connect(_remove_references, dispatch_uid="helpcenter_deferred_references")
        _installed = True


def _search_index_on_save(sender, instance, raw=False, **kwargs):
    pending = _pending.get()
    if pending is None:
        search_signal_handlers.post_save_signal_handler(instance, raw=raw, **kwargs)
    elif not raw:
        pending.search[type(instance)][instance.pk] = None


def _remember_references(sender, instance, raw=False, **kwargs):
    """What Wagtail's ``update_reference_index_on_save`` would do, remembered for later
    (Wagtail's receiver is switched off by ``disable_reference_index_auto_update``)."""
    pending = _pending.get()
    if pending is not None and not raw and sender in ReferenceIndex.tracked_models:
        pending.references[sender][instance.pk] = None


def _remove_references(sender, instance, **kwargs):
    """A delete inside the block: Wagtail's ``remove_reference_index_on_delete``, at once
    (its receiver is switched off with the saves')."""
    if _pending.get() is not None and sender in ReferenceIndex.tracked_models:
        with transaction.atomic():
            ReferenceIndex.remove_for_object(instance)
            ReferenceIndex.remove_references_to(instance)


def _chunks(items, size=CHUNK_SIZE):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _indexed_models(saved):
    """``{model: [pk, ...]}`` of the saved objects by the model they are indexed as (a
    page by its specific type, as ``Page.get_indexed_instance`` gives it)."""
    by_model = defaultdict(dict)
    for model, pks in saved.items():
        if not issubclass(model, Page):
            by_model[model].update(pks)
            continue
        for chunk in _chunks(pks):
            rows = Page.objects.filter(pk__in=chunk).values_list("pk", "content_type_id")
            for pk, content_type_id in rows:
                specific = ContentType.objects.get_for_id(content_type_id).model_class()
                if specific is not None:
                    by_model[specific][pk] = None
    return by_model


def _update_search_index(saved):
    """modelsearch's ``insert_or_update_object`` for each saved object, a chunk at a time."""
    for model, pks in _indexed_models(saved).items():
        if model not in get_indexed_models():
            continue
        for chunk in _chunks(pks):
            objects = list(model.get_indexed_objects().filter(pk__in=chunk))
            if not objects:
                continue
            for name, backend in get_search_backends_with_name(with_auto_update=True):
                try:
                    backend.add_bulk(model, objects)
                except Exception:
                    logger.exception(
                        "Exception raised while adding %d %s objects into the '%s' search backend",
                        len(objects),
                        model.__name__,
                        name,
                    )
                    if not backend.catch_indexing_errors:  # as modelsearch does
                        raise


def _update_reference_index(saved):
    """Wagtail's ``update_reference_index_task`` for each saved object that still exists."""
    for model, pks in saved.items():
        for chunk in _chunks(pks):
            existing = model._default_manager.filter(pk__in=chunk).values_list("pk", flat=True)
            for pk in existing:
                update_reference_index_task.call(
                    model._meta.app_label, model._meta.model_name, str(pk)
                )
