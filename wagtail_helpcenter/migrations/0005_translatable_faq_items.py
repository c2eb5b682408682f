# FAQ items become translatable (wagtail-localize translates questions and answers with
# their page): existing items take their page's locale and a translation key of their own.

import uuid

import django.db.models.deletion
from django.db import migrations, models


def give_items_locale_and_key(apps, schema_editor):
    FAQItem = apps.get_model("wagtail_helpcenter", "FAQItem")
    for item in FAQItem.objects.select_related("page").only("pk", "page__locale_id").iterator():
        FAQItem.objects.filter(pk=item.pk).update(
            locale_id=item.page.locale_id, translation_key=uuid.uuid4()
        )


class Migration(migrations.Migration):

    dependencies = [
        ('wagtail_helpcenter', '0004_feedback'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.AddField(
            model_name='faqitem',
            name='locale',
            field=models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale'),
        ),
        migrations.AddField(
            model_name='faqitem',
            name='translation_key',
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(give_items_locale_and_key, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='faqitem',
            name='locale',
            field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale'),
        ),
        migrations.AlterField(
            model_name='faqitem',
            name='translation_key',
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name='faqitem',
            unique_together={('translation_key', 'locale')},
        ),
    ]
