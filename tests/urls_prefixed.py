"""Every language under its own prefix (/en/help/, /nl/help/), as the example site serves
them; the default tests.urls keeps English unprefixed."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("discussions/", include("wagtail_helpcenter.discussions.urls")),
    path("comments/", include("wagtail_helpcenter.discussions.comment_urls")),
    path("hc/", include("wagtail_helpcenter.zendesk_urls")),  # old Zendesk links
] + i18n_patterns(path("", include(wagtail_urls)))
