# Wagtail's "Moderators" group moderates discussions: the comments permission, and the
# bans, reply templates and community rules.

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [
    ("django_comments", "can_moderate"),
    *[
        ("wagtail_helpcenter_discussions", f"{action}_{model}")
        for model in ("ban", "replytemplate", "communityrules")
        for action in ("add", "change", "delete", "view")
    ],
]


def give_moderators_permissions(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Moderators").first()
    if group is None:
        return
    for app_label, codename in CODENAMES:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            group.permissions.add(permission)


class Migration(migrations.Migration):

    dependencies = [
        ("wagtail_helpcenter_discussions", "0001_initial"),
        ("django_comments", "0004_add_object_pk_is_removed_index"),
        ("wagtailcore", "0002_initial_data"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(give_moderators_permissions, migrations.RunPython.noop)]
