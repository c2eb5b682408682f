# Search terms count the different visitors who searched them (told apart in the cache,
# never stored), so one visitor cannot push a phrase up the dashboard's lists. Rows from
# before are taken as searched by that many visitors: nothing better is known of them.

from django.db import migrations, models
from django.db.models import F


def count_past_searches_as_visitors(apps, schema_editor):
    SearchTermDay = apps.get_model("wagtail_helpcenter", "SearchTermDay")
    SearchTermDay.objects.update(visitors=F("searches"))


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_helpcenter", "0006_privacy_of_translations"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchtermday",
            name="visitors",
            field=models.PositiveIntegerField(default=0, verbose_name="visitors"),
        ),
        migrations.RunPython(count_past_searches_as_visitors, migrations.RunPython.noop),
    ]
