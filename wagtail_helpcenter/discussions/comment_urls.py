"""The few django-comments-xtd URLs the discussions need, under the names it reverses:
the unsubscribe ("mute") link of follow-up emails and the comment permalink redirect,
both served by this app.

Include these instead of ``django_comments_xtd.urls``, whose other views (its JSON API
above all) would list and post comments without the help center's privacy and
moderation: ``path("comments/", include("wagtail_helpcenter.discussions.comment_urls"))``.
"""

from django.urls import path, re_path

from . import views

urlpatterns = [
    # The name django-comments-xtd's follow-up emails link to; the help center's view.
    re_path(r"^mute/(?P<key>[^/]+)/$", views.mute, name="comments-xtd-mute"),
    # Comment permalinks: to the page, for visitors who may see it.
    path(
        "cr/<int:content_type_id>/<str:object_pk>/", views.permalink, name="comments-url-redirect"
    ),
]
