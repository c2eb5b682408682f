"""Visitors' URLs. Include them once in the site's URLconf, e.g.
``path("discussions/", include("wagtail_helpcenter.discussions.urls"))``, next to
``path("comments/", include("wagtail_helpcenter.discussions.comment_urls"))``."""

from django.urls import path

from . import views

app_name = "wagtail_helpcenter_discussions"

urlpatterns = [
    path("post/", views.post_comment, name="post"),
    path("confirm/<str:key>/", views.confirm, name="confirm"),
    path("flag/<int:comment_id>/", views.flag, name="flag"),
    path("delete/<int:comment_id>/", views.delete_own, name="delete"),
]
