from django.db import models
from django.utils.translation import gettext_lazy as _


class CacheGeneration(models.Model):
    """A token that changes whenever what is shown below a part of the page tree
    changes (``caching.generations``). A cached page's key holds the tokens of its
    path's every prefix, so changing one token drops the cached copies of that part of
    the tree, and only those. Kept in the database, not the cache: every worker sees a
    change on its next request whatever cache backend the site uses."""

    # A page's tree path (``Page.path``), or "" for the whole site.
    path = models.CharField(_("tree path"), max_length=255, unique=True)
    token = models.CharField(_("token"), max_length=32)

    class Meta:
        verbose_name = _("cache generation")
        verbose_name_plural = _("cache generations")

    def __str__(self):
        return f"{self.path or '/'}: {self.token}"
