"""Passages: the parts of the help center a question is answered from.

An article is split at its headings (the sections of "On this page"), each FAQ answer is
one passage. Semantic search embeds them and quick answers quote them. A passage only
records what a page says; who may read it is decided at search time from the page
itself (live, privacy, audience), exactly as for lexical search, so a passage never
outlives the visibility of its page.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page


class Passage(models.Model):
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    faq_item = models.ForeignKey(
        "wagtail_helpcenter.FAQItem",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    locale = models.ForeignKey(Locale, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(default=0)
    # The #fragment the passage starts at: a heading's anchor, an FAQ answer's anchor,
    # or empty for the start of the article.
    anchor = models.CharField(max_length=100, blank=True)
    heading = models.CharField(max_length=255, blank=True)
    text = models.TextField()
    # sha256 of what is embedded (title, heading, text): an unchanged passage keeps its vector.
    digest = models.CharField(max_length=64)
    # The embedder that made ``vector`` (its name and model); another one re-embeds.
    embedded_by = models.CharField(max_length=200, blank=True)
    vector = models.BinaryField(null=True, blank=True)  # float32, little-endian
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("passage")
        verbose_name_plural = _("passages")
        ordering = ["page_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "position"], name="wagtail_helpcenter_passage_position"
            )
        ]
        indexes = [models.Index(fields=["embedded_by"], name="wagtail_helpcenter_passage_emb")]

    def __str__(self):
        return f"{self.page_id}#{self.anchor}" if self.anchor else str(self.page_id)

    @property
    def title(self):
        """The question for an FAQ answer, else the page's title."""
        return self.faq_item.question if self.faq_item_id else self.page.title


class QuickAnswerVote(models.Model):
    """ "Did this answer your question?" under a quick answer: counted like article votes
    (one per visitor cookie, rate-limited per network), per passage shown."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    anchor = models.CharField(max_length=100, blank=True)
    voter = models.CharField(max_length=64, editable=False)
    helpful = models.BooleanField(_("helpful"))
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("quick answer vote")
        verbose_name_plural = _("quick answer votes")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "anchor", "voter"], name="wagtail_helpcenter_one_answer_vote"
            )
        ]

    def __str__(self):
        return f"{self.page_id}#{self.anchor}: {'yes' if self.helpful else 'no'}"
