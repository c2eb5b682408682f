from django.apps import AppConfig
from django.db.models.signals import post_migrate


def build_text_index(sender, using="default", **kwargs):
    """What wagtail_helpcenter's own post_migrate does on a site (that app is not
    installed here: modelsearch's test project has no Wagtail)."""
    from wagtail_helpcenter.search.backends.database import ensure_text_index

    ensure_text_index(using)


class ModelsearchSuiteConfig(AppConfig):
    name = "tests.modelsearch_suite"
    label = "helpcenter_modelsearch_suite"

    def ready(self):
        post_migrate.connect(build_text_index, sender=self)
