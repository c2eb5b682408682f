"""Email each assignee their open content requests that are due (run it from cron, e.g.
every weekday morning)."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from wagtail.admin.utils import get_admin_base_url

from wagtail_helpcenter.content_requests import send_reminders

MAX_DAYS_AHEAD = 365


class Command(BaseCommand):
    help = (
        "Email each assignee one list of their open content requests due by today "
        "(or within --days-ahead days), overdue ones marked."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days-ahead",
            type=int,
            default=0,
            help="Also remind about requests due within this many days (default 0).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say who would be emailed; send nothing."
        )

    def handle(self, *args, days_ahead, dry_run, **options):
        if not 0 <= days_ahead <= MAX_DAYS_AHEAD:
            raise CommandError(f"--days-ahead must be between 0 and {MAX_DAYS_AHEAD}.")
        base_url = (get_admin_base_url() or "").rstrip("/")
        if not base_url:
            raise CommandError(
                "Set WAGTAILADMIN_BASE_URL (e.g. https://www.example.com): the emails link "
                "to the requests in the Wagtail admin."
            )
        today = timezone.localdate()
        on_date = today + timedelta(days=days_ahead)
        emailed, skipped = send_reminders(on_date, base_url, dry_run=dry_run, today=today)
        verb = "Would email" if dry_run else "Emailed"
        for assignee, requests in emailed:
            self.stdout.write(f"{verb} {assignee.email}: {len(requests)} request(s)")
        for assignee, requests in skipped:
            self.stderr.write(
                f"Cannot remind {assignee.get_username()} (inactive or without email): "
                f"{len(requests)} request(s)"
            )
        total = sum(len(requests) for _assignee, requests in emailed + skipped)
        self.stdout.write(
            f"{total} request(s) due by {on_date.isoformat()}; {len(emailed)} assignee(s) "
            f"{'to email' if dry_run else 'emailed'}, {len(skipped)} who cannot be emailed."
        )
