"""Old Zendesk Help Center addresses, for a site that imported its Zendesk help center.
Include it at the site's root, outside ``i18n_patterns``, under Zendesk's own prefix::

    path("hc/", include("wagtail_helpcenter.zendesk_urls")),

(docs/how-to/import-from-zendesk.md#keep-the-old-zendesk-links-working)."""

from django.urls import path, re_path

from .views.zendesk_redirects import zendesk_home, zendesk_record

app_name = "wagtail_helpcenter_zendesk"

RECORD = r"(?P<kind>articles|sections|categories)/(?P<reference>[^/]+)/?"

urlpatterns = [
    path("", zendesk_home, name="home"),
    re_path(rf"^{RECORD}$", zendesk_record, name="record"),
    re_path(rf"^(?P<zendesk_locale>[^/]+)/{RECORD}$", zendesk_record, name="localized_record"),
    re_path(r"^(?P<zendesk_locale>[^/]+)/?$", zendesk_home, name="localized_home"),
]
