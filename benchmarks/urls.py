"""The test site's URLs plus the benchmark's minimal reference view."""

from django.http import HttpResponse, JsonResponse
from django.template import Context, Template
from django.urls import path
from wagtail.models import Page

from tests.urls import urlpatterns as site_urlpatterns

REFERENCE_URL = "/reference-search/"


def reference_search(request):
    """Only ``Page.objects.live().search(q)``, the first ten, as JSON: plain Wagtail
    search behind the same middleware as the help center's."""
    pages = Page.objects.live().search(request.GET.get("q", ""), backend="stock")[:10]
    return JsonResponse({"results": [{"id": page.pk, "title": page.title} for page in pages]})


def reference_page(request, page_id):
    """The same page's title and body rendered by Wagtail with a bare template: the cost
    of the content itself, for benchmarks/pages.py."""
    page = Page.objects.get(pk=page_id).specific
    template = Template(
        "{% load wagtailcore_tags %}<!DOCTYPE html><html lang=en><title>{{ page.title }}</title>"
        "<h1>{{ page.title }}</h1>{% if page.body %}{% include_block page.body %}{% endif %}"
        "{% if page.intro %}{{ page.intro|richtext }}{% endif %}"
        "{% for item in page.faq_items.all %}<h2>{{ item.question }}</h2>"
        "{{ item.answer|richtext }}{% endfor %}</html>"
    )
    return HttpResponse(template.render(Context({"page": page, "request": request})))


urlpatterns = [
    path(REFERENCE_URL.strip("/") + "/", reference_search),
    path("reference-page/<int:page_id>/", reference_page),
    *site_urlpatterns,
]
