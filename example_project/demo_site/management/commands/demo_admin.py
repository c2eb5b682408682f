from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from wagtail.models import Site

from wagtail_helpcenter.demo.requests import EDITOR_USERNAME

USERNAME = "admin"
PASSWORD = "changeme"  # noqa: S105 - the example site's local demo account


class Command(BaseCommand):
    help = (
        "Create (or reset) the example site's admin account, point the default site at the "
        "demo's address (for canonical URLs, the sitemap and feeds) and print how to sign in."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="Port the demo is served on.")

    def handle(self, *args, port, **options):
        user, _created = get_user_model().objects.get_or_create(
            username=USERNAME, defaults={"email": "admin@example.com"}
        )
        user.is_staff = user.is_superuser = True
        user.set_password(PASSWORD)
        user.save()
        Site.objects.filter(is_default_site=True).update(
            hostname="127.0.0.1", port=port, site_name="Acme"
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin: http://127.0.0.1:{port}/admin/  username: {USERNAME}  password: {PASSWORD}"
            )
        )
        # The demo's writer (Editors group), with content requests assigned to them.
        editor = get_user_model().objects.filter(username=EDITOR_USERNAME).first()
        if editor is not None:
            editor.set_password(PASSWORD)
            editor.save()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Editor: username: {EDITOR_USERNAME}  password: {PASSWORD} "
                    "(sees their content requests on the admin home)"
                )
            )
