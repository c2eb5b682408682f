from django.conf.urls.i18n import i18n_patterns
from django.shortcuts import render
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap


def widget_page(request):
    """A host site's page with the help widget (browser tests): the help center may live
    on another origin, given as ?helpcenter=<absolute url>."""
    helpcenter_url = request.GET.get("helpcenter", "/help/")
    origin = helpcenter_url.split("/help/")[0]
    return render(
        request,
        "host/widget_page.html",
        {"helpcenter_url": helpcenter_url, "helpcenter_origin": origin},
    )


urlpatterns = [
    path("widget-page/", widget_page),
    path("admin/", include(wagtailadmin_urls)),
    path("discussions/", include("wagtail_helpcenter.discussions.urls")),
    path("comments/", include("wagtail_helpcenter.discussions.comment_urls")),
    path("sitemap.xml", sitemap),
    path("hc/", include("wagtail_helpcenter.zendesk_urls")),  # old Zendesk links
] + i18n_patterns(
    # English (the default language) at /help/, Dutch at /nl/help/; tests.urls_prefixed
    # serves every language with its prefix (/en/help/), as the example site does.
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
