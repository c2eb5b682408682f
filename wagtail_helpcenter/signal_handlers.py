from .audience import sync_audience_restriction as _sync
from .models.mixins import AudienceMixin


def sync_audience_restriction(sender, instance, raw=False, update_fields=None, **kwargs):
    """post_save: a page saved with an ``audience`` gets the matching view restriction."""
    if raw or not isinstance(instance, AudienceMixin):
        return
    if update_fields is not None and "audience" not in update_fields:
        return
    _sync(instance)


def ensure_search_stemming(sender, using="default", **kwargs):
    """post_migrate: give SQLite's search index word forms when our backend is in use."""
    from django.conf import settings

    from .search.backends.database import ensure_stemming, uses_this_backend

    if uses_this_backend(getattr(settings, "WAGTAILSEARCH_BACKENDS", None)):
        ensure_stemming(using)
