from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..icons import icon_svg_body
from ..richtext import render_rich_text

register = template.Library()


@register.simple_tag
def helpcenter_icon(name, css_class="hc-icon"):
    """A decorative inline SVG icon (hidden from screen readers)."""
    body = icon_svg_body(name)
    if not body:
        return ""
    return format_html(
        '<svg class="{}" viewBox="0 0 24 24" width="24" height="24" fill="none" '
        'stroke="currentColor" stroke-width="1.8" stroke-linecap="round" '
        'stroke-linejoin="round" aria-hidden="true" focusable="false">{}</svg>',
        css_class,
        mark_safe(body),  # noqa: S308 - markup from our own ICONS table, never user input
    )


@register.simple_tag(takes_context=True)
def helpcenter_search_url(context, help_center):
    """The search page URL of a help center, relative to the current site."""
    if help_center is None:
        return ""
    url = help_center.get_url(request=context.get("request"))
    if not url:
        return ""
    return url + help_center.reverse_subpage("search").lstrip("/")


@register.simple_tag(takes_context=True)
def helpcenter_contact_url(context, help_center, page=None):
    """Where "Still need help?" leads from ``page``: the help center's contact link, or
    its built-in contact form (``CONTACT_FORM``); "" for nowhere."""
    from ..contact import contact_link

    return contact_link(context.get("request"), help_center, page)


@register.simple_tag(takes_context=True)
def helpcenter_page_query(context, number, click=None):
    """The current query string with ``page`` set to ``number`` (keeps q, filters), and
    the search's click token when given (see ``search.clicks``)."""
    request = context["request"]
    query = request.GET.copy()
    query["page"] = number
    if click:
        query["click"] = click
    else:
        query.pop("click", None)
    return "?" + query.urlencode()


@register.simple_tag(takes_context=True)
def helpcenter_richtext(context, value, glossary=True):
    """Like Wagtail's ``|richtext``, but links to pages this visitor may not open (internal
    or unpublished) are shown as plain text; on a page that marks glossary terms, their
    first use is marked (``glossary=False`` leaves this text alone)."""
    html = render_rich_text(value, context.get("request"))
    marker = context.get("glossary_marker")
    if glossary and marker is not None:
        return mark_safe(marker.mark(html))  # noqa: S308 - text re-escaped by the marker
    return html


@register.simple_tag(takes_context=True)
def helpcenter_glossary_data(context):
    """JSON-LD of the glossary terms the page marked (after its body is rendered): a
    DefinedTermSet holding them. Nothing on a restricted page, as for its other data."""
    from .. import glossary, seo

    marker = context.get("glossary_marker")
    page = context.get("page")
    request = context.get("request")
    if marker is None or not marker.used_terms or seo.is_restricted(request, page):
        return ""
    help_center = context.get("page_help_center", context.get("help_center"))
    url = glossary.glossary_full_url(request, help_center)
    data = glossary.defined_term_set(help_center, marker.used_terms, url, seo.page_language())
    return seo.json_ld(data)


@register.inclusion_tag("wagtail_helpcenter/includes/meta.html", takes_context=True)
def helpcenter_meta(context):
    """Canonical URL, Open Graph, hreflang, robots and JSON-LD for the page (see seo.py)."""
    from .. import seo
    from ..models import ArticlePage, FAQPage

    request = context.get("request")
    page = context.get("page")
    if page is None or not getattr(page, "pk", None):
        return {}
    restricted = seo.is_restricted(request, page)
    language = seo.page_language()
    structured = []
    if not restricted:
        trail = [*context.get("breadcrumbs", []), page]
        structured.append(seo.json_ld(seo.breadcrumb_list(request, trail)))
        if isinstance(page, ArticlePage):
            help_center = context.get("help_center")
            publisher = seo.site_name(request) or (help_center or page).title
            structured.append(seo.json_ld(seo.article_data(request, page, language, publisher)))
        elif isinstance(page, FAQPage) and context.get("faq_items"):
            structured.append(seo.json_ld(seo.faq_data(context["faq_items"])))
    description = getattr(page, "search_description", "") or getattr(page, "summary", "")
    return {
        "page": page,
        "restricted": restricted,
        "canonical": seo.canonical_url(request, page),
        "description": description,
        "og_type": "article" if isinstance(page, ArticlePage) else "website",
        "site_name": seo.site_name(request),
        "language": language,
        "alternates": [] if restricted else seo.alternates(request, page),
        "structured_data": structured,
        "feed_url": None if restricted else feed_url(context.get("help_center"), page),
        "feed_title": feed_title(context.get("help_center"), page),
    }


def feed_title(help_center, page):
    from ..models import CategoryPage

    if help_center is None:
        return ""
    if isinstance(page, CategoryPage):
        return f"{page.title} · {help_center.title}"
    return help_center.title


def feed_url(help_center, page):
    """The Atom feed of the help center, or of the category being shown."""
    from ..models import CategoryPage

    if help_center is None:
        return None
    url = help_center.url + "feed/atom/"
    return f"{url}?category={page.pk}" if isinstance(page, CategoryPage) else url
