"""The test site's URLs plus the benchmark's minimal reference view."""

from django.http import JsonResponse
from django.urls import path
from wagtail.models import Page

from tests.urls import urlpatterns as site_urlpatterns

REFERENCE_URL = "/reference-search/"


def reference_search(request):
    """Only ``Page.objects.live().search(q)``, the first ten, as JSON: plain Wagtail
    search behind the same middleware as the help center's."""
    pages = Page.objects.live().search(request.GET.get("q", ""), backend="stock")[:10]
    return JsonResponse({"results": [{"id": page.pk, "title": page.title} for page in pages]})


urlpatterns = [path(REFERENCE_URL.strip("/") + "/", reference_search), *site_urlpatterns]
