"""What the help center answered and what it did not: the deflection funnel, contact
requests, and the queue of content gaps.

Counters hold numbers per day and never a visitor: a visitor is told apart only by a keyed
hash kept in the cache for a day (see ``visitors``). A contact request holds what the
visitor typed, because support must answer it; it is deleted after
``CONTACT_RETENTION_DAYS``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

CONTACT_SUBJECT_MAX_LENGTH = 200
CONTACT_MESSAGE_MAX_LENGTH = 5000


class FunnelDay(models.Model):
    """One help center's funnel on one day, in one language: from a visit to a search, a
    click, the contact form and a request sent, or a suggestion that answered instead."""

    help_center = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="+", verbose_name=_("help center")
    )
    locale = models.ForeignKey(
        Locale, on_delete=models.CASCADE, related_name="+", verbose_name=_("language")
    )
    date = models.DateField(_("date"), db_index=True)
    # Different visitors who opened any page of the help center that day.
    visits = models.PositiveIntegerField(_("visits"), default=0)
    searches = models.PositiveIntegerField(_("searches"), default=0)
    # Searches after which the visitor opened a result (each search counts once).
    searches_with_click = models.PositiveIntegerField(_("searches with a click"), default=0)
    contact_opened = models.PositiveIntegerField(_("contact form opened"), default=0)
    contact_sent = models.PositiveIntegerField(_("contact requests sent"), default=0)
    # Contact forms in which the visitor opened a suggested article ...
    suggestion_opened = models.PositiveIntegerField(_("suggestion opened"), default=0)
    # ... and of those, the ones sent all the same: the rest were deflected.
    suggestion_then_sent = models.PositiveIntegerField(_("suggestion opened, then sent"), default=0)

    class Meta:
        verbose_name = _("help center funnel")
        verbose_name_plural = _("help center funnel")
        constraints = [
            models.UniqueConstraint(
                fields=["help_center", "locale", "date"],
                name="wagtail_helpcenter_unique_funnel_day",
            )
        ]

    def __str__(self):
        return f"{self.date} {self.help_center_id}/{self.locale_id}"

    @property
    def deflected(self):
        return max(self.suggestion_opened - self.suggestion_then_sent, 0)


class ContactRequest(models.Model):
    """A visitor's question to support, sent from the help center's contact form."""

    help_center = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="+", verbose_name=_("help center")
    )
    locale = models.ForeignKey(
        Locale, on_delete=models.CASCADE, related_name="+", verbose_name=_("language")
    )
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("email"))
    subject = models.CharField(_("subject"), max_length=CONTACT_SUBJECT_MAX_LENGTH)
    message = models.TextField(_("message"), max_length=CONTACT_MESSAGE_MAX_LENGTH)
    category = models.ForeignKey(
        Page, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("category"),
    )  # fmt: skip
    # The article the visitor read before opening the form ("Still need help?").
    source_page = models.ForeignKey(
        Page, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("sent after reading"),
    )  # fmt: skip
    # How many articles the help center's search found for the subject.
    matching_articles = models.PositiveIntegerField(_("matching articles"), default=0)
    # Keyed hashes for the rate limits (per network, per mailbox): never the address.
    network_key = models.CharField(max_length=64, editable=False, db_index=True)
    mailbox_key = models.CharField(max_length=64, editable=False, db_index=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject


class ContentGap(models.Model):
    """Something the help center failed to answer, and what editors did about it."""

    class Kind(models.TextChoices):
        ZERO_RESULTS = "zero_results", _("Search found nothing")
        NO_CLICKS = "no_clicks", _("Search nobody clicked")
        UNHELPFUL = "unhelpful", _("Article voted not helpful")
        CONTACT = "contact", _("Contact request nothing matched")
        UNANSWERED = "unanswered", _("Question without a staff answer")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        DISMISSED = "dismissed", _("Dismissed")

    help_center = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="+", verbose_name=_("help center")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # What identifies the gap within its kind: the normalised query or subject, or the
    # id of the article or the comment.
    key = models.CharField(max_length=200, editable=False)
    title = models.CharField(_("question"), max_length=255)
    # The article voted down, the question's page, or the category the visitor chose.
    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("page"),
    )  # fmt: skip
    occurrences = models.PositiveIntegerField(_("how often"), default=1)
    first_seen = models.DateTimeField(_("since"), db_index=True)
    last_seen = models.DateTimeField(_("last seen"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    dismiss_reason = models.CharField(_("reason for dismissing"), max_length=255, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("resolved by"),
    )  # fmt: skip
    draft = models.ForeignKey(
        Page, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("article written for it"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("content gap")
        verbose_name_plural = _("content gaps")
        ordering = ["-occurrences", "-last_seen"]
        constraints = [
            models.UniqueConstraint(
                fields=["help_center", "kind", "key"],
                name="wagtail_helpcenter_unique_content_gap",
            )
        ]

    def __str__(self):
        return self.title
