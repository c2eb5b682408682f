from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class ImportedPage(models.Model):
    """Which page a record of an outside help center became, so a re-import updates it."""

    source = models.CharField(_("source"), max_length=40)
    record_type = models.CharField(_("record type"), max_length=40)
    external_id = models.CharField(_("external id"), max_length=100)
    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    source_updated_at = models.CharField(
        _("updated at the source"),
        max_length=40,
        blank=True,
        help_text=_("The source's own timestamp, to skip records that did not change."),
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        verbose_name = _("imported page")
        verbose_name_plural = _("imported pages")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "record_type", "external_id"],
                name="wagtail_helpcenter_unique_import_record",
            )
        ]

    def __str__(self):
        return f"{self.source} {self.record_type} {self.external_id} → {self.page_id}"
