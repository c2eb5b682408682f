"""Glossary terms: a word of the help center and what it means, shown as a definition
where an article first uses it and on the help center's A-Z glossary page
(``wagtail_helpcenter.glossary``)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin

from .translatable import synchronised

MAX_TERM_LENGTH = 100
MAX_DEFINITION_LENGTH = 500
MAX_SLUG_LENGTH = 120
MAX_OTHER_FORMS_LENGTH = 255


def split_forms(text):
    """The comma-separated forms of ``text``, single-spaced, without blanks."""
    return [" ".join(form.split()) for form in (text or "").split(",") if form.strip()]


class GlossaryTerm(TranslatableMixin, models.Model):
    """One term of one help center, in one language (wagtail-localize translates it).

    A translation keeps its source's help center (a page is synchronised, not
    translated): a help center's terms are those of any of its translations."""

    help_center = models.ForeignKey(
        "wagtail_helpcenter.HelpCenterPage",
        verbose_name=_("help center"),
        on_delete=models.CASCADE,
        related_name="glossary_terms",
    )
    term = models.CharField(_("term"), max_length=MAX_TERM_LENGTH)
    other_forms = models.CharField(
        _("other forms"),
        max_length=MAX_OTHER_FORMS_LENGTH,
        blank=True,
        help_text=_(
            "Plurals, abbreviations and synonyms that mean the same, separated by commas, "
            "e.g. “SSO, single sign-on”."
        ),
    )
    # Plain text: it is shown inside the article's text, where markup has no place.
    definition = models.TextField(
        _("definition"),
        max_length=MAX_DEFINITION_LENGTH,
        help_text=_("One or two plain sentences; shown where articles use the term."),
    )
    slug = models.SlugField(
        _("anchor"),
        max_length=MAX_SLUG_LENGTH,
        blank=True,
        allow_unicode=True,
        help_text=_("The #link to this term on the glossary page; made from the term when blank."),
    )

    panels = [
        FieldPanel("help_center"),
        FieldPanel("term"),
        FieldPanel("other_forms"),
        FieldPanel("definition"),
        FieldPanel("slug"),
    ]
    # The same #anchor in every language, so links to a term work in all of them.
    override_translatable_fields = synchronised("slug")

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = ["term"]

    def __str__(self):
        return self.term

    def save(self, *args, **kwargs):
        if not self.slug:  # saved without the admin form (an import, the demo)
            self.slug = self.unique_slug(slugify(self.term, allow_unicode=True))
        super().save(*args, **kwargs)

    @property
    def forms(self):
        """The term and its other forms, each once (any case)."""
        seen, forms = set(), []
        for form in [" ".join(self.term.split()), *split_forms(self.other_forms)]:
            if form and form.casefold() not in seen:
                seen.add(form.casefold())
                forms.append(form)
        return forms

    def same_glossary(self):
        """The other terms of this help center (any of its translations) and language."""
        others = GlossaryTerm.objects.filter(
            help_center__translation_key=self.help_center.translation_key,
            locale_id=self.locale_id,
        )
        return others.exclude(pk=self.pk) if self.pk else others

    def clean(self):
        super().clean()
        self.term = " ".join((self.term or "").split())
        self.other_forms = ", ".join(split_forms(self.other_forms))
        # The field's own length check ran on the text as typed: "a,b" is stored as
        # "a, b", which must fit the column too.
        if len(self.other_forms) > MAX_OTHER_FORMS_LENGTH:
            raise ValidationError(
                {
                    "other_forms": _(
                        "Keep the other forms to %(max)s characters, counting a comma and "
                        "a space between two forms (now %(length)s)."
                    )
                    % {"max": MAX_OTHER_FORMS_LENGTH, "length": len(self.other_forms)}
                }
            )
        self.definition = (self.definition or "").strip()
        if len(self.definition) > MAX_DEFINITION_LENGTH:
            raise ValidationError(
                {
                    "definition": _("Keep the definition to %(max)s characters.")
                    % {"max": MAX_DEFINITION_LENGTH}
                }
            )
        if not self.help_center_id or not self.locale_id or not self.term:
            return  # the form reports the missing field
        if self.same_glossary().filter(term__iexact=self.term).exists():
            raise ValidationError(
                {
                    "term": _(
                        "This help center already has the term “%(term)s” in this language. "
                        "Edit that term, or add this spelling to its other forms."
                    )
                    % {"term": self.term}
                }
            )
        self.slug = self.unique_slug(self.slug or slugify(self.term, allow_unicode=True))

    def unique_slug(self, base):
        base = (base or "term")[: MAX_SLUG_LENGTH - 4]
        used = set(self.same_glossary().values_list("slug", flat=True))
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        return slug
