"""Where an old Zendesk Help Center address leads once the help center was imported.

Zendesk's addresses are ``/hc/<locale>/articles/<id>-<slug>`` (and ``sections``,
``categories``), ``/hc/<locale>`` and ``/hc/``; the locale may be left out. The import
remembered the page of every record (``ImportedPage``), so an address leads to that page,
or to its translation in the address's language when it has one. Only to a live page the
visitor may see: for anything else the answer is None, the same as for an id nobody
imported, so an old address tells nobody that an internal article exists.
"""

from django.urls import NoReverseMatch, reverse
from wagtail.models import Page

from ..ids import parse_id
from ..models import HelpCenterPage, ImportedPage
from ..visibility import get_visibility
from .zendesk import SOURCE
from .zendesk_records import RecordError
from .zendesk_translations import content_language

# The part of a Zendesk address that names a record type, and the type the import kept.
RECORD_TYPES = {"articles": "article", "sections": "section", "categories": "category"}


def old_links_are_routed():
    """Whether the site's URLconf includes ``wagtail_helpcenter.zendesk_urls``: without
    it the old addresses answer 404 whatever the import remembered."""
    try:
        reverse("wagtail_helpcenter_zendesk:home")
    except NoReverseMatch:
        return False
    return True


def zendesk_id(reference):
    """The record id in an address's last part ("360001234567-How-to-reset" or just the
    id), or None when it is no id (not digits, or longer than any database id)."""
    number, _dash, _slug = reference.partition("-")
    value = parse_id(number)
    return str(value) if value is not None else None


def language_of(zendesk_locale):
    """The site's content language for a Zendesk locale ("en-us" -> "en"); None when the
    site has no such language."""
    try:
        return content_language(zendesk_locale)
    except RecordError:
        return None


def _shown_page(request, page, language):
    """``page`` in ``language`` (its translation, not an untranslated copy), else
    ``page`` itself; None when neither is live and visible to ``request``."""
    candidates = []
    if language is not None and page.locale.language_code != language:
        translation = (
            Page.objects.filter(
                translation_key=page.translation_key,
                locale__language_code=language,
                alias_of__isnull=True,
            )
            .select_related("locale")
            .first()
        )
        if translation is not None:
            candidates.append(translation)
    candidates.append(page)
    visibility = get_visibility(request)
    shown = (candidate for candidate in candidates if candidate.live)
    return next((candidate for candidate in shown if visibility.can_view(candidate)), None)


def _language_or_missing(zendesk_locale):
    """``(language, known)``: no locale in the address is known (the imported page's
    own); a locale the site does not have is not."""
    if zendesk_locale is None:
        return None, True
    language = language_of(zendesk_locale)
    return language, language is not None


def imported_page_for(request, kind, reference, zendesk_locale=None):
    """The page an old address of a Zendesk record leads to (``kind`` "articles",
    "sections" or "categories"), or None."""
    record_type = RECORD_TYPES.get(kind)
    external_id = zendesk_id(reference)
    language, known = _language_or_missing(zendesk_locale)
    if record_type is None or external_id is None or not known:
        return None
    mapping = (
        ImportedPage.objects.filter(source=SOURCE, record_type=record_type, external_id=external_id)
        .select_related("page__locale")
        .first()
    )
    if mapping is None:
        return None
    return _shown_page(request, mapping.page, language)


def _path_prefixes(path):
    return [path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)]


def imported_help_center_for(request, zendesk_locale=None):
    """The home of the help center the Zendesk records were imported into (``/hc/``),
    in the address's language when it is translated, or None."""
    language, known = _language_or_missing(zendesk_locale)
    if not known:
        return None
    first_path = (
        ImportedPage.objects.filter(source=SOURCE)
        .order_by("pk")
        .values_list("page__path", flat=True)
        .first()
    )
    if first_path is None:
        return None
    help_center = (
        HelpCenterPage.objects.filter(path__in=_path_prefixes(first_path))
        .select_related("locale")
        .order_by("-depth")
        .first()
    )
    if help_center is None:
        return None
    return _shown_page(request, help_center, language)
