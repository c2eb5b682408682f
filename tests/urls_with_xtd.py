"""The test URLconf plus all of django-comments-xtd's URLs, as a site that included
them anyway would have (see test_discussions)."""

from django.urls import include, path

from tests.urls import urlpatterns as test_urlpatterns

urlpatterns = [path("xtd/", include("django_comments_xtd.urls")), *test_urlpatterns]
