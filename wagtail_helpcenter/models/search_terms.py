from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class SearchTermDay(models.Model):
    """How often a query was searched in a help center on one day, and how often it found
    nothing. One row per help center, day and query: no visitor is identified."""

    help_center = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="+", verbose_name=_("help center")
    )
    date = models.DateField(_("date"), db_index=True)
    query = models.CharField(_("search term"), max_length=200)
    searches = models.PositiveIntegerField(_("searches"), default=0)
    zero_results = models.PositiveIntegerField(_("searches with no result"), default=0)
    # Searches after which the visitor opened a result (each search counts once, and
    # only a search that was counted), and the sum of the first opened result's positions.
    clicks = models.PositiveIntegerField(_("searches with a click"), default=0)
    clicked_positions = models.PositiveIntegerField(_("sum of clicked positions"), default=0)
    # Different visitors who searched it that day (told apart in the cache, never here).
    visitors = models.PositiveIntegerField(_("visitors"), default=0)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        constraints = [
            models.UniqueConstraint(
                fields=["help_center", "date", "query"],
                name="wagtail_helpcenter_unique_search_term_day",
            )
        ]
        ordering = ["-date", "-searches", "query"]

    def __str__(self):
        return f"{self.date} {self.query}: {self.searches}"
