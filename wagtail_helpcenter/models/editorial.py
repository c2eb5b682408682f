"""What editors write with: a site's own article templates and its style guide."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import TranslatableMixin

from ..blocks import ArticleBodyBlock

STYLE_GUIDE_FEATURES = ["h3", "h4", "bold", "italic", "link", "ol", "ul"]
MAX_ACCEPTED_WORD_LENGTH = 60


def split_words(text):
    """The words of an "accepted words" field: one per line or comma, lowercased."""
    return [
        word.strip().lower()
        for line in (text or "").splitlines()
        for word in line.split(",")
        if word.strip()
    ]


class HelpCenterScopedQuerySet(models.QuerySet):
    def for_help_center(self, help_center):
        """Rows for this help center (in any of its languages: a translation may point
        at the source help center or at its own) and those for every help center."""
        return self.filter(
            models.Q(help_center=None)
            | models.Q(help_center__translation_key=help_center.translation_key)
        ).order_by(models.F("help_center").asc(nulls_last=True), "pk")


class StyleGuide(TranslatableMixin, models.Model):
    """How a help center's articles are written, shown beside the article editor and
    linked from every template. One per help center and language; one without a help
    center applies to every help center that has none of its own."""

    help_center = models.ForeignKey(
        "wagtail_helpcenter.HelpCenterPage",
        verbose_name=_("help center"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Leave blank for a guide every help center without its own uses."),
    )
    title = models.CharField(_("title"), max_length=200, default=_("Style guide"))
    body = RichTextField(_("guide"), features=STYLE_GUIDE_FEATURES)
    accepted_words = models.TextField(
        _("words the spelling check accepts"),
        blank=True,
        help_text=_(
            "Product names and other words that are spelt right but are not in the "
            "dictionary, one per line or separated by commas."
        ),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("help_center"),
        FieldPanel("body"),
        FieldPanel("accepted_words"),
    ]

    objects = HelpCenterScopedQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("style guide")
        verbose_name_plural = _("style guides")

    def __str__(self):
        return self.title

    @property
    def accepted_word_list(self):
        return split_words(self.accepted_words)

    def clean(self):
        super().clean()
        for word in self.accepted_word_list:
            if len(word) > MAX_ACCEPTED_WORD_LENGTH:
                raise ValidationError(
                    {
                        "accepted_words": _(
                            "“%(word)s…” is longer than %(max)s characters: give one word "
                            "per line or separate words with commas."
                        )
                        % {"word": word[:20], "max": MAX_ACCEPTED_WORD_LENGTH}
                    }
                )
        others = StyleGuide.objects.filter(help_center=self.help_center, locale_id=self.locale_id)
        if self.pk:
            others = others.exclude(pk=self.pk)
        if self.locale_id and others.exists():
            raise ValidationError(
                {
                    "help_center": _(
                        "This help center already has a style guide in this language: "
                        "edit that one instead."
                    )
                }
            )


class ArticleTemplate(TranslatableMixin, models.Model):
    """A site's own starting point for new articles: a body skeleton and a summary
    hint, offered beside the built-in templates when an editor adds an article."""

    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(
        _("description"),
        max_length=250,
        blank=True,
        help_text=_("When to use it, shown when editors choose a template."),
    )
    help_center = models.ForeignKey(
        "wagtail_helpcenter.HelpCenterPage",
        verbose_name=_("help center"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Leave blank to offer it in every help center."),
    )
    summary_hint = models.TextField(
        _("summary hint"),
        max_length=400,
        blank=True,
        help_text=_(
            "The summary a new article starts with. Put instructions in square brackets, "
            "e.g. “[What will the reader be able to do?]”: the editor's checks point out "
            "any left in."
        ),
    )
    body = StreamField(
        ArticleBodyBlock(),
        blank=True,
        verbose_name=_("body skeleton"),
        help_text=_("The sections a new article starts with; instructions in square brackets."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("help_center"),
        FieldPanel("summary_hint"),
        FieldPanel("body"),
    ]

    objects = HelpCenterScopedQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("article template")
        verbose_name_plural = _("article templates")

    def __str__(self):
        return self.name
