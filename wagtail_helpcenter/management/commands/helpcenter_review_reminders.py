"""Email each article owner the articles due for review (run it from cron, e.g. weekly)."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail_helpcenter.models import ArticlePage
from wagtail_helpcenter.review import overdue

MAX_DAYS_AHEAD = 365


def edit_url(base_url, article):
    return base_url + reverse("wagtailadmin_pages:edit", args=[article.pk])


class Command(BaseCommand):
    help = "Email article owners about their live help center articles that are due for review."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days-ahead",
            type=int,
            default=0,
            help="Also remind about articles that fall due within this many days (default 0).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say who would be emailed; send nothing."
        )

    def handle(self, *args, days_ahead, dry_run, **options):
        if not 0 <= days_ahead <= MAX_DAYS_AHEAD:
            raise CommandError(f"--days-ahead must be between 0 and {MAX_DAYS_AHEAD}.")
        base_url = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
        if not base_url:
            raise CommandError(
                "Set WAGTAILADMIN_BASE_URL (e.g. https://www.example.com): the emails link "
                "to the articles in the Wagtail admin."
            )
        on_date = timezone.localdate() + timedelta(days=days_ahead)
        articles = overdue(ArticlePage.objects.live().select_related("content_owner"), on_date)
        by_owner, ownerless = {}, []
        for article in articles:
            owner = article.content_owner
            if owner is None or not owner.is_active or not owner.email:
                ownerless.append(article)
            else:
                by_owner.setdefault(owner, []).append(article)

        for owner, owned in by_owner.items():
            items = [(article, edit_url(base_url, article)) for article in owned]
            if dry_run:
                self.stdout.write(f"Would email {owner.email}: {len(owned)} article(s)")
                continue
            context = {"owner": owner, "items": items, "on_date": on_date}
            send_mail(
                subject=_("%(count)s help center article(s) to review") % {"count": len(owned)},
                message=render_to_string("wagtail_helpcenter/emails/review_reminder.txt", context),
                from_email=None,
                recipient_list=[owner.email],
            )
            self.stdout.write(f"Emailed {owner.email}: {len(owned)} article(s)")
        for article in ownerless:
            self.stderr.write(
                f"No owner to remind (none, inactive or without email): "
                f"{article.title} ({edit_url(base_url, article)})"
            )
        self.stdout.write(
            f"{sum(len(owned) for owned in by_owner.values())} article(s) for "
            f"{len(by_owner)} owner(s); {len(ownerless)} without an owner to remind."
        )
