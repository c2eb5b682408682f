"""RSS and Atom feeds of new and updated articles, per help center and per category:
``<help center>/feed/`` (RSS) and ``<help center>/feed/atom/``, ``?category=<id>`` for one
category. Feeds are read by anonymous feed readers: they list public pages only, whoever
asks."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from .api import categories
from .cleaning import without_control_characters
from .listing import InvalidParameter, id_parameter
from .models import ArticlePage
from .visibility import public_pages

FEED_ITEMS = 20


def _cleaned(values):
    return {name: without_control_characters(value) for name, value in values.items()}


class XMLSafeFeedMixin:
    """XML 1.0 cannot hold most control characters, and Django's feed writer raises on
    them: one in a title made every feed answer 500. Text saved before it was cleaned
    on save (see signal_handlers.clean_text_fields) is cleaned here too."""

    def __init__(self, *args, **kwargs):
        args = [without_control_characters(value) for value in args]
        super().__init__(*args, **_cleaned(kwargs))

    def add_item(self, *args, **kwargs):
        args = [without_control_characters(value) for value in args]
        categories = kwargs.get("categories") or ()
        kwargs["categories"] = [without_control_characters(name) for name in categories]
        super().add_item(*args, **_cleaned(kwargs))


class SafeRssFeed(XMLSafeFeedMixin, Rss201rev2Feed):
    pass


class SafeAtomFeed(XMLSafeFeedMixin, Atom1Feed):
    pass


class ArticlesFeed(Feed):
    feed_type = SafeRssFeed

    def __call__(self, request, help_center):
        self.help_center = help_center
        self.section = self.category_from(request, help_center)
        return super().__call__(request)

    def category_from(self, request, help_center):
        category_id = id_parameter(request, "category")
        if category_id is None:
            return help_center
        category = categories(help_center).filter(pk=category_id).first()
        if category is None:
            raise InvalidParameter(_("There is no such category in this help center."))
        return category

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.section

    def title(self, section):
        if section.pk == self.help_center.pk:
            return section.title
        return f"{section.title} · {self.help_center.title}"

    def link(self, section):
        return section.get_full_url(self.request)

    def description(self, section):
        return _("New and updated articles in %(title)s") % {"title": section.title}

    def items(self, section):
        articles = ArticlePage.objects.descendant_of(section).filter(locale_id=section.locale_id)
        return public_pages(articles).order_by("-last_published_at", "path")[:FEED_ITEMS]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.summary

    def item_link(self, article):
        return article.get_full_url(self.request)

    def item_guid(self, article):
        return f"{self.item_link(article)}#{article.pk}"

    def item_pubdate(self, article):
        return article.first_published_at

    def item_updateddate(self, article):
        return article.last_published_at


class AtomArticlesFeed(ArticlesFeed):
    feed_type = SafeAtomFeed
    subtitle = ArticlesFeed.description
