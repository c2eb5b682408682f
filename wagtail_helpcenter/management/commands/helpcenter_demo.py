from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Page, Site

from wagtail_helpcenter.demo import content
from wagtail_helpcenter.demo.builder import build_demo
from wagtail_helpcenter.models import ArticlePage, HelpCenterPage


class Command(BaseCommand):
    help = (
        "Build a demo help center (6 categories, one internal, 25 articles, 2 FAQ pages) "
        "to try the package or to see its templates with realistic content."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--parent",
            type=int,
            help="Id of the page to build it under. Default: the default site's root page.",
        )
        parser.add_argument(
            "--site-root",
            action="store_true",
            help="Build it at the top of the page tree and make it the default site's root "
            "(a dedicated help site, e.g. help.example.com). Used by the example project.",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete a demo help center built earlier (same place, same slug) and rebuild.",
        )

    def handle(self, *args, parent=None, site_root=False, reset=False, **options):
        if parent is not None and site_root:
            raise CommandError("Use either --parent or --site-root, not both.")
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None and parent is None:
            raise CommandError("There is no default site. Create one or pass --parent PAGE_ID.")

        with transaction.atomic():
            parent_page = self.parent_page(parent, site_root, site)
            existing = (
                HelpCenterPage.objects.child_of(parent_page)
                .filter(slug=content.HELP_CENTER["slug"])
                .first()
            )
            if existing and not reset:
                self.stdout.write(
                    f"A demo help center already exists: “{existing.title}” (page {existing.pk}); "
                    "nothing changed. Use --reset to rebuild it."
                )
                return
            if existing:
                if site_root and site.root_page_id == existing.pk:
                    site.root_page = (
                        parent_page  # the tree root cannot serve, but is a valid target
                    )
                    site.save()
                for translation in existing.get_translations():
                    translation.delete()  # and the untranslated copies of its pages
                existing.delete()

            help_center = build_demo(parent_page)
            if site_root:
                site.root_page = help_center
                site.save()

        articles = ArticlePage.objects.descendant_of(help_center).count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Built “{help_center.title}” (page {help_center.pk}) with {articles} articles."
            )
        )
        for code, count in getattr(help_center, "demo_translations", {}).items():
            self.stdout.write(f"Translated {count} pages into {code}.")

    def parent_page(self, parent, site_root, site):
        if site_root:
            return Page.get_first_root_node()
        if parent is None:
            return site.root_page
        page = Page.objects.filter(pk=parent).first()
        if page is None:
            raise CommandError(f"There is no page with id {parent}.")
        if not HelpCenterPage.can_create_at(page.specific):
            raise CommandError(
                f"A help center cannot be created under “{page.title}” (page {parent})."
            )
        return page
