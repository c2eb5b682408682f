"""A multilingual help center on Wagtail's own i18n (``WAGTAIL_I18N_ENABLED``).

Translations of a page share its ``translation_key`` (wagtail-localize creates them, but
nothing here needs it). This module answers what a visitor's page needs to know:

- which languages the page really exists in (live, and visible to this visitor), for the
  language switcher and the ``hreflang`` alternates;
- the language its content is written in (``lang``/``dir``), which is not the visitor's
  language when the page is not translated;
- where to send a visitor who asks for a page in a language it is not translated into:
  the source-language page, with a notice, instead of a 404 (see ``route_to_translation``).
"""

from django.conf import settings
from django.http import Http404
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

from .models.routing import TRANSLATIONS
from .visibility import get_visibility

_FALLBACK_ATTRIBUTE = "_wagtail_helpcenter_routing_fallback"
_TRANSLATIONS_ATTRIBUTE = "_wagtail_helpcenter_translations"  # per page, per request


def is_multilingual():
    return getattr(settings, "WAGTAIL_I18N_ENABLED", False)


def visitor_language():
    """The content language this request asks for (``/nl/...`` → ``nl``)."""
    try:
        return get_supported_content_language_variant(get_language() or settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


def _content_language_order():
    codes = [code for code, _name in getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", [])]
    return {code: position for position, code in enumerate(codes)}


def page_translations(request, page):
    """The live translations of ``page`` that ``request`` may view, the page itself
    included, in the site's language order, as ``[(locale, page)]``. One query; empty
    when the site is not multilingual."""
    if not is_multilingual():
        return []
    cache = request.__dict__.setdefault(_TRANSLATIONS_ATTRIBUTE, {}) if request else {}
    if page.pk not in cache:
        routed = page.__dict__.get(TRANSLATIONS)  # read with the page when routing
        if routed is not None:
            visibility = get_visibility(request)
            translations = [
                translation
                for translation in routed
                if translation.live and visibility.can_view(translation)
            ]
        else:
            translations = visible_translations(
                request,
                Page.objects.filter(translation_key=page.translation_key).only(
                    "pk", "path", "url_path", "locale"
                ),
            )
        order = _content_language_order()
        translations.sort(key=lambda item: order.get(item.locale.language_code, len(order)))
        cache[page.pk] = [(translation.locale, translation) for translation in translations]
    return cache[page.pk]


def visible_translations(request, queryset):
    """The live pages of ``queryset`` the request may view, with their locale."""
    return list(get_visibility(request).filter(queryset.live().select_related("locale")))


def language_name(code):
    """A language's own name ("Nederlands", "فارسی", "latviešu", "简体中文"), as it is
    written inside a sentence."""
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return dict(getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", [])).get(code, code)


def is_bidi(code):
    try:
        return get_language_info(code)["bidi"]
    except KeyError:
        return False


def alias_original(page):
    """The page an alias copies its content from (wagtail-localize's synchronised,
    untranslated copies are aliases), or None. Cached on the page."""
    if not page.alias_of_id:
        return None
    if not hasattr(page, "_helpcenter_alias_original"):
        page._helpcenter_alias_original = (
            Page.objects.filter(pk=page.alias_of_id).select_related("locale").first()
        )
    return page._helpcenter_alias_original


def content_locale(page, translations=()):
    """The locale ``page`` is written in: its own, or for an alias of a page in another
    language (a synchronised, untranslated copy) the original's."""
    original = alias_original(page)
    if original is not None:
        return original.locale
    for locale, translation in translations:
        if translation.pk == page.pk:
            return locale
    return page.locale


def language_context(request, page):
    """Template context for the language switcher, ``lang``/``dir`` and the notice shown
    when the page is not in the visitor's language."""
    if not is_multilingual():
        return {}
    translations = page_translations(request, page)
    written_in = content_locale(page, translations)
    wanted = visitor_language()
    switcher = [
        {
            "code": locale.language_code,
            # A name in a list starts with a capital ("Latviešu"), as menus write it.
            "name": capfirst(language_name(locale.language_code)),
            "url": translation.get_url(request),
            "current": translation.pk == page.pk and locale.language_code == wanted,
        }
        for locale, translation in translations
    ]
    return {
        "helpcenter_languages": switcher if len(switcher) > 1 else [],
        "content_language": written_in.language_code,
        "content_bidi": is_bidi(written_in.language_code),
        "untranslated_language": (
            language_name(wanted) if written_in.language_code != wanted else None
        ),
    }


def in_visitor_language(request, pages):
    """``pages`` (None allowed), each replaced by its live translation in the visitor's
    language when there is one the request may view (one query, plus one per page type
    found)."""
    keys = [page.translation_key for page in pages if page is not None]
    translations = {
        page.translation_key: page
        for page in visible_translations(
            request,
            Page.objects.filter(
                translation_key__in=keys, locale__language_code=visitor_language()
            ).specific(),
        )
    }
    return [
        translations.get(page.translation_key, page) if page is not None else None for page in pages
    ]


def route_to_translation(page, request, path_components):
    """Route ``path_components`` below ``page`` through its translations, source language
    first, when the page in the visitor's language has no such child (not translated,
    or only as a draft). The page found is served in its own language, with a notice
    (see ``language_context``); Wagtail still checks its view restrictions."""
    if getattr(request, _FALLBACK_ATTRIBUTE, False):
        raise Http404  # already falling back: look in one other language tree, not all
    default_code = settings.LANGUAGE_CODE
    others = sorted(
        page.get_translations().select_related("locale"),
        key=lambda other: other.locale.language_code != default_code,
    )
    setattr(request, _FALLBACK_ATTRIBUTE, True)
    try:
        for other in others:
            try:
                return other.specific.route(request, path_components)
            except Http404:
                continue
    finally:
        setattr(request, _FALLBACK_ATTRIBUTE, False)
    raise Http404
