"""What search engines and link previews read in a help center page's <head>: canonical
URL, Open Graph tags, hreflang alternates, robots rules and schema.org JSON-LD
(BreadcrumbList everywhere, Article on articles, FAQPage on FAQ pages).

Restricted pages (internal content, or any Wagtail view restriction) are ``noindex`` and
carry no structured data; they are never in a sitemap or a feed either (see feeds.py and
Wagtail's sitemap, which lists public pages only).
"""

import json

from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Site

from .conf import get_config
from .importers.html import plain_text
from .languages import alias_original, page_translations
from .names import full_name
from .visibility import get_visibility

# Characters that could end the <script> element or start markup, as JSON escapes: the
# JSON value is unchanged and the HTML parser never sees "</script>" inside it.
_SCRIPT_SAFE = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}
HEADLINE_LENGTH = 110  # schema.org Article headline: search engines cut longer ones


def page_language():
    """The language being served: Wagtail activates the page's locale for each request."""
    return get_language() or settings.LANGUAGE_CODE


def json_ld(data):
    """``<script type="application/ld+json">`` holding ``data``, safe for any content."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped above


def is_restricted(request, page):
    """True if any view restriction applies to ``page`` (from the restrictions the request
    has already loaded, see visibility.py)."""
    return get_visibility(request).is_restricted(page)


def breadcrumb_list(request, trail):
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.title,
                "item": crumb.get_full_url(request),
            }
            for position, crumb in enumerate(trail, start=1)
        ],
    }


def site_name(request):
    site = Site.find_for_request(request) if request else None
    return site.site_name if site else ""


def article_data(request, page, language, publisher_name):
    """Article data; the author is the article's owner by their full name, else the
    publisher (the site, or the help center when the site has no name) or the configured
    PUBLIC_NAME_FALLBACK: never a login name, which is often an email address."""
    author_name = full_name(page.content_owner)
    publisher = {"@type": "Organization", "name": publisher_name}
    fallback = get_config()["PUBLIC_NAME_FALLBACK"]
    author = {"@type": "Organization", "name": str(fallback)} if fallback else publisher
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title[:HEADLINE_LENGTH],
        "description": page.summary,
        "mainEntityOfPage": page.get_full_url(request),
        "inLanguage": language,
        "publisher": publisher,
        "author": {"@type": "Person", "name": author_name} if author_name else author,
    }
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.isoformat()
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    return data


def faq_data(items):
    """FAQPage for the questions and answers shown on the page (plain-text answers)."""
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": item.question,
                "acceptedAnswer": {
                    "@type": "Answer",
                    "text": plain_text(item.answer),
                },
            }
            for item in items
        ],
    }


def canonical_url(request, page):
    """The page's URL; for an alias (an untranslated copy), the URL of the page whose
    content it shows, so search engines see one page, not copies."""
    original = alias_original(page)
    return (original or page).get_full_url(request)


def alternates(request, page):
    """``[(hreflang, url)]``: the page's live translations, itself included, and
    ``x-default`` for the one in the site's default language; empty when it has no
    translation (see languages.page_translations)."""
    translations = page_translations(request, page)
    if len(translations) < 2:
        return []
    links = [
        (locale.language_code, translation.get_full_url(request))
        for locale, translation in translations
    ]
    default = dict(links).get(settings.LANGUAGE_CODE)
    return links + [("x-default", default)] if default else links
