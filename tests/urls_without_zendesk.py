"""The test site without ``wagtail_helpcenter.zendesk_urls``: a site that imported from
Zendesk but has not routed the old addresses."""

from tests.urls import urlpatterns as with_zendesk

urlpatterns = [pattern for pattern in with_zendesk if str(pattern.pattern) != "hc/"]
