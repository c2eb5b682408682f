from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls


def robots_txt(request):
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    return HttpResponse(
        f"User-agent: *\nDisallow: /admin/\nSitemap: {sitemap_url}\n", content_type="text/plain"
    )


urlpatterns = [
    path("robots.txt", robots_txt),
    # A page of the "host site" with the help widget, as a shop's checkout would have it.
    path("widget-demo/", TemplateView.as_view(template_name="demo_site/widget_demo.html")),
    path("sitemap.xml", sitemap),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("discussions/", include("wagtail_helpcenter.discussions.urls")),
    path("comments/", include("wagtail_helpcenter.discussions.comment_urls")),
    path("documents/", include(wagtaildocs_urls)),
    # Old Zendesk Help Center links, after an import (docs/how-to/import-from-zendesk.md).
    path("hc/", include("wagtail_helpcenter.zendesk_urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Pages under their language: /en/, /nl/, /fa/ (LocaleMiddleware sends / to the visitor's).
urlpatterns += i18n_patterns(path("", include(wagtail_urls)))
