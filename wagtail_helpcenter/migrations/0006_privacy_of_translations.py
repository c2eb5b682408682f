# Privacy follows the content into every language (see translation_privacy.py): a
# translation or alias of an internal or restricted page made before this release could
# be public. Give every such copy its page's audience and view restrictions. Nothing is
# made public here.

from django.db import migrations
from django.db.models import Q


def restrict_copies_of_restricted_pages(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Restriction = apps.get_model("wagtailcore", "PageViewRestriction")
    for model_name in ("ArticlePage", "CategoryPage"):
        model = apps.get_model("wagtail_helpcenter", model_name)
        keys = model.objects.filter(audience="internal").values("translation_key")
        internal = model.objects.filter(translation_key__in=keys)
        model.objects.filter(Q(pk__in=internal.values("pk")) | Q(alias_of__in=internal)).update(
            audience="internal"
        )
    restrictions = Restriction.objects.filter(
        page__content_type__app_label="wagtail_helpcenter"
    ).select_related("page")
    for restriction in restrictions.prefetch_related("groups"):
        page = restriction.page
        group_ids = {group.pk for group in restriction.groups.all()}
        same_content = Page.objects.filter(translation_key=page.translation_key)
        members = Page.objects.filter(
            Q(pk__in=same_content.values("pk")) | Q(alias_of__in=same_content)
        ).exclude(pk=page.pk)
        for member in members:
            has_it = any(
                existing.restriction_type == restriction.restriction_type
                and existing.password == restriction.password
                and {group.pk for group in existing.groups.all()} == group_ids
                for existing in Restriction.objects.filter(page=member)
            )
            if not has_it:
                copy = Restriction.objects.create(
                    page=member,
                    restriction_type=restriction.restriction_type,
                    password=restriction.password,
                )
                copy.groups.set(group_ids)


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_helpcenter", "0005_translatable_faq_items"),
    ]

    operations = [
        migrations.RunPython(restrict_copies_of_restricted_pages, migrations.RunPython.noop),
    ]
