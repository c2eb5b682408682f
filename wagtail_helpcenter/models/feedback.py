from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

COMMENT_MAX_LENGTH = 1000


class PageViewDay(models.Model):
    """How often a help center page was viewed on one day. One row per page and day:
    no visitor is identified, and no cookie is needed to count."""

    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    date = models.DateField(_("date"), db_index=True)
    views = models.PositiveIntegerField(_("views"), default=0)
    # How long visitors stayed on the page (a beacon sent when they leave, once per
    # visitor and day): under 10 seconds, 10 to 60 seconds, longer.
    short_reads = models.PositiveIntegerField(_("left within 10 s"), default=0)
    medium_reads = models.PositiveIntegerField(_("stayed 10-60 s"), default=0)
    long_reads = models.PositiveIntegerField(_("stayed over a minute"), default=0)
    # Contact requests sent by visitors who came to the form from this page.
    contacts = models.PositiveIntegerField(_("contacted support after reading"), default=0)

    class Meta:
        verbose_name = _("page views")
        verbose_name_plural = _("page views")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "date"], name="wagtail_helpcenter_unique_page_view_day"
            )
        ]

    def __str__(self):
        return f"{self.date} {self.page_id}: {self.views}"


class Vote(models.Model):
    """A visitor's answer to "Was this helpful?" on an article or one FAQ answer.

    ``voter`` is a keyed hash of a random token kept in the visitor's browser (a signed
    cookie): it lets a visitor change their vote, and identifies no one.
    """

    class Reason(models.TextChoices):
        OUTDATED = "outdated", _("It is out of date")
        UNCLEAR = "unclear", _("It is hard to understand")
        NOT_SOLVED = "not_solved", _("It did not solve my problem")
        OTHER = "other", _("Something else")

    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    faq_item = models.ForeignKey(
        "wagtail_helpcenter.FAQItem",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="votes",
        verbose_name=_("FAQ answer"),
    )
    voter = models.CharField(_("voter"), max_length=64, editable=False)
    helpful = models.BooleanField(_("helpful"))
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices, blank=True)
    comment = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH, blank=True)
    # The page's live revision when the vote was cast or last changed: whether a rewrite
    # helped is read from the votes on the revision that is live now.
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("revision voted on"),
    )
    created_at = models.DateTimeField(_("first voted"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "voter"],
                condition=models.Q(faq_item__isnull=True),
                name="wagtail_helpcenter_one_vote_per_article",
            ),
            models.UniqueConstraint(
                fields=["faq_item", "voter"],
                condition=models.Q(faq_item__isnull=False),
                name="wagtail_helpcenter_one_vote_per_answer",
            ),
        ]

    def __str__(self):
        return f"{self.page_id}/{self.faq_item_id or ''}: {'yes' if self.helpful else 'no'}"

    @property
    def question(self):
        """The FAQ question voted on ("" for an article)."""
        return self.faq_item.question if self.faq_item_id else ""
