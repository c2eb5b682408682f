"""Behaviour shared by the help center page types."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from ..audience import INTERNAL, PUBLIC
from ..conf import get_config
from .handlers import handler
from .routing import routed_ancestors


class AudienceMixin(models.Model):
    """A public or internal (staff-only) page; see ``wagtail_helpcenter.audience``."""

    AUDIENCE_CHOICES = [
        (PUBLIC, _("Public: everyone")),
        (INTERNAL, _("Internal: staff only")),
    ]

    audience = models.CharField(
        _("audience"),
        max_length=20,
        choices=AUDIENCE_CHOICES,
        default=PUBLIC,
        help_text=_(
            "Internal pages, and everything below them, are only shown to staff. "
            "This sets the page's privacy; other privacy settings are kept."
        ),
    )

    class Meta:
        abstract = True


class HelpCenterContextMixin:
    """Template context every help center page shares: base template, breadcrumbs and
    the help center the page belongs to (for the search box and the home link)."""

    def get_help_center(self):
        from .pages import HelpCenterPage

        if isinstance(self, HelpCenterPage):
            return self
        routed = routed_ancestors(self)  # the pages routing loaded on the way here
        if routed is not None:
            return next((page for page in routed if isinstance(page, HelpCenterPage)), None)
        return HelpCenterPage.objects.ancestor_of(self).order_by("-depth").first()

    def get_breadcrumbs(self, request):
        """Live ancestors from the site's root page down to this page's parent (an
        unpublished category is not named, though Wagtail still serves what is below)."""
        routed = routed_ancestors(self)
        if routed is not None:
            ancestors = [page for page in reversed(routed) if page.live]
        else:
            ancestors = list(
                Page.objects.ancestor_of(self).filter(depth__gt=1).live().order_by("depth")
            )
        site = Site.find_for_request(request) if request else None
        root_ids = [page.pk for page in ancestors]
        if site is not None and site.root_page_id in root_ids:
            # Pages above the site's root are not part of this site's navigation.
            return ancestors[root_ids.index(site.root_page_id) :]
        return ancestors

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["helpcenter_base_template"] = get_config()["BASE_TEMPLATE"]
        context["help_center"] = self.get_help_center()
        context["breadcrumbs"] = self.get_breadcrumbs(request)
        context.update(handler("language_context")(request, self))
        if context.get("untranslated_language"):
            # A page shown in its source language: keep the visitor's navigation (home,
            # search box, breadcrumbs) in their language where it is translated.
            crumbs = handler("in_visitor_language")(
                request, [context["help_center"], *context["breadcrumbs"]]
            )
            context["page_help_center"] = context["help_center"]  # the page's own tree
            context["help_center"], context["breadcrumbs"] = crumbs[0], crumbs[1:]
        return context
