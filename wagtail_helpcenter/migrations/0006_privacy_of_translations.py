# Privacy follows the content into every language (see translation_privacy.py): a
# translation or alias of an internal or restricted page made before this release could
# be public. Give every such copy its source's audience and view restrictions (the
# source: the page in the site's default language, else the oldest that is not an
# alias). Nothing is made public here.

from django.conf import settings
from django.db import migrations
from django.db.models import Q


def _groups_with_source(Page, page_ids):
    """``{source: [copies]}`` for the groups of ``page_ids`` whose source is among them."""
    found = {}
    for page in Page.objects.filter(pk__in=page_ids):
        same_key = Page.objects.filter(translation_key=page.translation_key)
        group = list(
            Page.objects.filter(Q(pk__in=same_key.values("pk")) | Q(alias_of__in=same_key))
            .select_related("locale")
        )
        originals = [member for member in group if not member.alias_of_id] or group
        default = [m for m in originals if m.locale.language_code == settings.LANGUAGE_CODE]
        source = min(default or originals, key=lambda member: member.pk)
        if source.pk == page.pk:
            found[page] = [member for member in group if member.pk != page.pk]
    return found


def restrict_copies_of_restricted_pages(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Restriction = apps.get_model("wagtailcore", "PageViewRestriction")
    for model_name in ("ArticlePage", "CategoryPage"):
        model = apps.get_model("wagtail_helpcenter", model_name)
        internal = model.objects.filter(audience="internal").values_list("pk", flat=True)
        for _source, copies in _groups_with_source(Page, internal).items():
            model.objects.filter(pk__in=[copy.pk for copy in copies]).update(audience="internal")
    restricted = Restriction.objects.filter(page__content_type__app_label="wagtail_helpcenter")
    sources = _groups_with_source(Page, restricted.values_list("page_id", flat=True))
    for source, copies in sources.items():
        for restriction in Restriction.objects.filter(page=source).prefetch_related("groups"):
            group_ids = {group.pk for group in restriction.groups.all()}
            for copy in copies:
                has_it = any(
                    existing.restriction_type == restriction.restriction_type
                    and existing.password == restriction.password
                    and {group.pk for group in existing.groups.all()} == group_ids
                    for existing in Restriction.objects.filter(page=copy)
                )
                if not has_it:
                    added = Restriction.objects.create(
                        page=copy,
                        restriction_type=restriction.restriction_type,
                        password=restriction.password,
                    )
                    added.groups.set(group_ids)


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_helpcenter", "0005_translatable_faq_items"),
    ]

    operations = [
        migrations.RunPython(restrict_copies_of_restricted_pages, migrations.RunPython.noop),
    ]
