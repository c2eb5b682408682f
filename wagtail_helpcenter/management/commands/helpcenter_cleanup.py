"""Delete what the help center keeps only for a while: contact requests older than
CONTACT_RETENTION_DAYS. Run it daily from cron."""

from django.core.management.base import BaseCommand

from wagtail_helpcenter.conf import get_config
from wagtail_helpcenter.contact import expired_requests, purge_expired


class Command(BaseCommand):
    help = "Delete contact requests older than CONTACT_RETENTION_DAYS (run it daily)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say how many would be deleted; delete nothing."
        )

    def handle(self, *args, dry_run, **options):
        days = get_config()["CONTACT_RETENTION_DAYS"]
        if dry_run:
            count = expired_requests().count()
            self.stdout.write(f"{count} contact requests older than {days} days would be deleted.")
            return
        count = purge_expired()
        self.stdout.write(f"{count} contact requests older than {days} days deleted.")
