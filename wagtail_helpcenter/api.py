"""The read API's data: public, live help center content as plain dictionaries.

Everything here is what an anonymous visitor may read, whoever asks (the API is meant
for other sites and tools): internal pages, drafts and unpublished revisions never
appear. The views (views/api.py) add pagination, caching headers, CORS and a rate limit.
"""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .body_text import readable_text
from .importers.html import text_lines
from .listing import InvalidParameter, holding_visible_content
from .models import ArticlePage, CategoryPage, FAQItem, FAQPage
from .richtext import render_rich_text
from .visibility import _CACHE_ATTRIBUTE as VISIBILITY_ATTRIBUTE
from .visibility import PageVisibility, public_pages


def html_to_text(html):
    """Readable text of rich text HTML: one line per paragraph, inline tags dropped."""
    return "\n".join(text_lines(html))


def as_anonymous(request):
    """From here on, ``request`` sees pages as an anonymous visitor would (links to
    internal pages in rich text become plain text, as for any visitor)."""
    setattr(request, VISIBILITY_ATTRIBUTE, PageVisibility(None))


def categories(help_center):
    """Public categories holding something public (see listing.holding_visible_content)."""
    found = public_pages(CategoryPage.objects.descendant_of(help_center))
    return holding_visible_content(None, found).order_by("path")


def articles(help_center, category_id=None):
    scope = help_center
    if category_id is not None:
        scope = categories(help_center).filter(pk=category_id).first()
        if scope is None:
            raise InvalidParameter(_("There is no such category in this help center."))
    return (
        public_pages(ArticlePage.objects.descendant_of(scope))
        .select_related("locale")
        .prefetch_related("tags")
        .order_by("-last_published_at", "path")
    )


def faq_items(help_center):
    pages = public_pages(FAQPage.objects.descendant_of(help_center)).values("pk")
    return (
        FAQItem.objects.filter(page__in=pages)
        .select_related("page")
        .order_by("page__path", "sort_order")
    )


def category_data(request, category, parents):
    return {
        "id": category.pk,
        "title": category.title,
        "description": category.description,
        "url": category.get_full_url(request),
        "parent": parents.get(category.path[: -category.steplen]),
    }


def article_summary(request, article, parents):
    return {
        "id": article.pk,
        "title": article.title,
        "summary": article.summary,
        "url": article.get_full_url(request),
        "category": parents.get(article.path[: -article.steplen]),
        "locale": article.locale.language_code,
        "tags": [tag.name for tag in article.tags.all()],
        "first_published": article.first_published_at,
        "last_published": article.last_published_at,
    }


def article_detail(request, article, parents):
    data = article_summary(request, article, parents)
    texts = [
        html_to_text(text)
        for child in article.body
        for text in readable_text(child.block, child.value)
    ]
    data["body_html"] = render_to_string(
        "wagtail_helpcenter/api/article_body.html", {"page": article}, request=request
    )
    data["body_text"] = "\n\n".join(text for text in texts if text)
    return data


def faq_item_data(request, item):
    return {
        "id": item.pk,
        "question": item.question,
        "answer_html": str(render_rich_text(item.answer, request)),
        "url": f"{item.page.get_full_url(request)}#{item.anchor}",
        "page": item.page_id,
    }


def page_ids_by_path(pages):
    return {page.path: page.pk for page in pages}
