import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

MAX_TERM_LENGTH = 60
_TERM = re.compile(r"^[\w][\w '\-]*$", re.UNICODE)


def split_terms(text):
    """The comma-separated terms of a synonym set, lowercased and single-spaced."""
    return [" ".join(term.split()).lower() for term in (text or "").split(",") if term.strip()]


class SynonymSet(models.Model):
    """Words visitors use for the same thing ("refund, money back, reimbursement"):
    a search for one finds articles that use another."""

    terms = models.TextField(
        _("terms"),
        help_text=_(
            "Words or short phrases that mean the same, separated by commas, "
            "e.g. “refund, money back, reimbursement”."
        ),
    )

    panels = [FieldPanel("terms")]

    class Meta:
        verbose_name = _("search synonyms")
        verbose_name_plural = _("search synonyms")

    def __str__(self):
        return ", ".join(self.term_list)

    @property
    def term_list(self):
        return split_terms(self.terms)

    def clean(self):
        terms = split_terms(self.terms)
        if len(set(terms)) < 2:
            raise ValidationError({"terms": _("Give at least two different terms.")})
        for term in terms:
            if len(term) > MAX_TERM_LENGTH or not _TERM.match(term):
                raise ValidationError(
                    {
                        "terms": _(
                            "“%(term)s” cannot be used: use letters, digits, spaces, "
                            "hyphens and apostrophes, at most %(max)s characters."
                        )
                        % {"term": term[:MAX_TERM_LENGTH], "max": MAX_TERM_LENGTH}
                    }
                )
        self.terms = ", ".join(dict.fromkeys(terms))
