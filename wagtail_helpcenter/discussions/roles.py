"""Who moderates, and whose replies carry the staff badge."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from ..conf import get_config


def moderator_group_names():
    return get_config()["DISCUSSION_MODERATOR_GROUPS"]


def may_moderate(user):
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser or user.has_perm("django_comments.can_moderate"):
        return True
    return user.groups.filter(name__in=moderator_group_names()).exists()


def moderators():
    """Active users who moderate: members of the moderator groups, else superusers."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    members = users.filter(groups__name__in=moderator_group_names()).distinct()
    return members if members.exists() else users.filter(is_superuser=True)


def is_staff_poster(user):
    if user is None or not user.is_authenticated:
        return False
    return user.pk in staff_user_ids({user.pk})


def staff_user_ids(user_ids):
    """Which of ``user_ids`` post as staff, in one query."""
    if not user_ids:
        return set()
    return set(
        get_user_model()
        .objects.filter(pk__in=user_ids)
        .filter(Q(is_staff=True) | Q(groups__name__in=moderator_group_names()))
        .values_list("pk", flat=True)
    )
