"""The name a visitor may read for a user of the site: their full name, else a
configured fallback (``PUBLIC_NAME_FALLBACK``, by default the site's name). A login
name is never published: it is often an email address."""

from django.utils.translation import gettext as _
from wagtail.models import Site

from .conf import get_config


def fallback_name(request=None):
    configured = get_config()["PUBLIC_NAME_FALLBACK"]
    if configured:
        return str(configured)
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    return (site.site_name if site else "") or _("Support team")


def full_name(user):
    """The user's full name, empty when they have none (or for no user)."""
    return (user.get_full_name() or "").strip() if user is not None else ""


def public_name(user, request=None):
    """What to publish as ``user``'s name (empty for no user)."""
    if user is None:
        return ""
    return full_name(user) or fallback_name(request)
