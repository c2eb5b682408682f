"""Email every moderator the discussion questions past the response target (run it daily
from cron)."""

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext
from wagtail.admin.utils import get_admin_base_url
from wagtail.users.models import UserProfile

from wagtail_helpcenter.discussions.roles import moderators
from wagtail_helpcenter.discussions.unanswered import questions, response_hours, visible_to
from wagtail_helpcenter.visibility import load_restrictions, visibility_for_user


def language_of(user):
    """The moderator's Wagtail admin language, else the site's default."""
    try:
        return user.wagtail_userprofile.get_preferred_language()
    except UserProfile.DoesNotExist:
        return settings.LANGUAGE_CODE


def one_line(text):
    """A subject line: no line breaks, tabs or other control characters."""
    return " ".join("".join(char if char.isprintable() else " " for char in text).split())


class Command(BaseCommand):
    help = (
        "Email each moderator the discussion questions with no staff answer after "
        "DISCUSSION_RESPONSE_HOURS (nothing is sent when there are none)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say who would be emailed; send nothing."
        )

    def handle(self, *args, dry_run, **options):
        base_url = (get_admin_base_url() or "").rstrip("/")
        if not base_url:
            raise CommandError(
                "Set WAGTAILADMIN_BASE_URL (e.g. https://www.example.com): the emails link "
                "to the discussions in the Wagtail admin."
            )
        now = timezone.now()
        overdue = questions(now)
        if not overdue:
            self.stdout.write("No question is past the response target; nothing to send.")
            return
        restrictions = load_restrictions()
        list_url = base_url + reverse("wagtail_helpcenter_unanswered")
        emailed = skipped = 0
        for moderator in moderators().select_related("wagtail_userprofile"):
            # Like the other moderators' emails: only questions on pages they may see.
            mine = visible_to(overdue, visibility_for_user(moderator, restrictions))
            if not mine:
                skipped += 1
                continue
            if dry_run:
                self.stdout.write(f"Would email {moderator.email}: {len(mine)} question(s)")
                continue
            # One line per question: the list stays readable whatever was typed.
            items = [
                {
                    "title": one_line(row.page.title),
                    "text": one_line(row.comment.comment),
                    "author": one_line(row.comment.user_name),
                    "submit_date": row.submit_date,
                    "url": self.reply_url(base_url, row),
                }
                for row in mine
            ]
            with translation.override(language_of(moderator)):
                context = {
                    "moderator": moderator, "items": items, "now": now,
                    "hours": response_hours(), "list_url": list_url,
                }  # fmt: skip
                subject = ngettext(
                    "%(count)s discussion question waits for an answer",
                    "%(count)s discussion questions wait for an answer",
                    len(mine),
                ) % {"count": len(mine)}
                body = render_to_string(
                    "wagtail_helpcenter/discussions/emails/unanswered_digest.txt", context
                )
            send_mail(one_line(subject), body, None, [moderator.email])
            emailed += 1
            self.stdout.write(f"Emailed {moderator.email}: {len(mine)} question(s)")
        self.stdout.write(
            f"{len(overdue)} question(s) past the response target; "
            f"{emailed} moderator(s) emailed, {skipped} with none on pages they may see."
        )

    @staticmethod
    def reply_url(base_url, row):
        url = reverse("wagtail_helpcenter_discussion", args=[row.page.pk])
        return f"{base_url}{url}?reply_to={row.comment.pk}#reply"
