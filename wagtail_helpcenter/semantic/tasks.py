"""Background work for semantic search, on the django-tasks that Wagtail already uses:
the immediate backend runs it right after the publishing transaction commits, a real
task backend (django-tasks' database backend, ...) in a worker, so that an editor's
publish never waits for a model."""

from django_tasks import task
from wagtail.models import Page

from ..models import Passage
from .passages import refresh_page
from .store import bump_generation


@task()
def refresh_passages(page_id):
    """Bring one page's passages and vectors up to date with what is live."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        if Passage.objects.filter(page_id=page_id).delete()[0]:
            bump_generation()
        return
    refresh_page(page)
