from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

USERNAME = "admin"
PASSWORD = "changeme"  # noqa: S105 - the example site's local demo account


class Command(BaseCommand):
    help = "Create (or reset) the example site's admin account and print how to sign in."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="Port the demo is served on.")

    def handle(self, *args, port, **options):
        user, _created = get_user_model().objects.get_or_create(
            username=USERNAME, defaults={"email": "admin@example.com"}
        )
        user.is_staff = user.is_superuser = True
        user.set_password(PASSWORD)
        user.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin: http://127.0.0.1:{port}/admin/  username: {USERNAME}  password: {PASSWORD}"
            )
        )
