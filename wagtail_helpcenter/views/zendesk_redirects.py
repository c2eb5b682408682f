"""Old Zendesk Help Center addresses answered with a permanent redirect to the pages the
import made of them (see ``importers/zendesk_redirects.py`` and ``zendesk_urls.py``)."""

from django.http import Http404, HttpResponsePermanentRedirect
from django.utils.translation import gettext as _

from ..importers.zendesk_redirects import imported_help_center_for, imported_page_for
from ..visibility import mark_private_when_restricted


def _redirect(request, page):
    if page is None:
        # The same answer for an id nobody imported, a draft and an internal article.
        raise Http404(_("No help center page has this old Zendesk address."))
    target = page.get_url(request)
    if target is None:  # the page is on no site
        raise Http404(_("No help center page has this old Zendesk address."))
    # Zendesk links carry campaign parameters (?utm_source=...): they stay on the link.
    if request.GET:
        target = f"{target}?{request.GET.urlencode()}"
    return mark_private_when_restricted(request, page, HttpResponsePermanentRedirect(target))


def zendesk_record(request, kind, reference, zendesk_locale=None):
    """``/hc/[<locale>/]articles|sections|categories/<id>[-<slug>]``"""
    return _redirect(request, imported_page_for(request, kind, reference, zendesk_locale))


def zendesk_home(request, zendesk_locale=None):
    """``/hc/`` and ``/hc/<locale>``: the home of the imported help center."""
    return _redirect(request, imported_help_center_for(request, zendesk_locale))
