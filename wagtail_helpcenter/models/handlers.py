"""What the page models hand to the layers above them, by name.

Imports run one way (docs/concepts/architecture.md): views and services import the
models, never the other way round, not even inside a function. A Wagtail page is also
where a request arrives, though: ``HelpCenterPage``'s routes (``RoutablePageMixin``),
``serve`` and ``get_context`` need views and services. They name what they need here;
``handler(name)`` resolves its dotted path when it is called, so importing the models
imports nothing above them.
"""

from django.utils.module_loading import import_string

HANDLERS = {
    # HelpCenterPage's routes (the route's name -> its view).
    "search": "wagtail_helpcenter.views.search.search",
    "search_suggest": "wagtail_helpcenter.views.search.suggestions",
    "search_click": "wagtail_helpcenter.views.beacons.search_click",
    "read": "wagtail_helpcenter.views.beacons.read",
    "feed": "wagtail_helpcenter.feeds.ArticlesFeed",
    "atom_feed": "wagtail_helpcenter.feeds.AtomArticlesFeed",
    "api_categories": "wagtail_helpcenter.views.api.categories",
    "api_articles": "wagtail_helpcenter.views.api.articles",
    "api_article": "wagtail_helpcenter.views.api.article",
    "api_faq": "wagtail_helpcenter.views.api.faq",
    "feedback": "wagtail_helpcenter.views.feedback.vote",
    "answer_feedback": "wagtail_helpcenter.views.feedback.answer_vote",
    "contact": "wagtail_helpcenter.views.contact.contact_form",
    "contact_suggestion": "wagtail_helpcenter.views.contact.suggestion_opened",
    "glossary": "wagtail_helpcenter.views.glossary.glossary_page",
    # serve and route of every page type (views/pages.py).
    "served": "wagtail_helpcenter.views.pages.served",
    "count_view": "wagtail_helpcenter.views.pages.count_view",
    "route_to_translation": "wagtail_helpcenter.views.pages.route_to_translation",
    # get_context and get_sitemap_urls: the services they read.
    "language_context": "wagtail_helpcenter.languages.language_context",
    "in_visitor_language": "wagtail_helpcenter.languages.in_visitor_language",
    "measures_reading": "wagtail_helpcenter.page_views.measures_reading",
    "categories_with_counts": "wagtail_helpcenter.listing.categories_with_counts",
    "sections": "wagtail_helpcenter.listing.sections",
    "newest_and_promoted": "wagtail_helpcenter.listing.newest_and_promoted",
    "children_of": "wagtail_helpcenter.listing.children_of",
    "below": "wagtail_helpcenter.listing.below",
    "paginate": "wagtail_helpcenter.listing.paginate",
    "holds_visible_content": "wagtail_helpcenter.listing.holds_visible_content",
    "related_articles": "wagtail_helpcenter.related.related_articles",
    "feedback_context": "wagtail_helpcenter.feedback.feedback_context",
    "discussion_context": "wagtail_helpcenter.discussions.threads.discussion_context",
    "prefetch_linked_pages": "wagtail_helpcenter.richtext.prefetch_linked_pages",
    "glossary_marker": "wagtail_helpcenter.glossary.page_marker",
    "glossary_url_if_any": "wagtail_helpcenter.glossary.glossary_url_if_any",
}


def handler(name):
    """The view or service function (or feed class) named ``name`` in HANDLERS."""
    return import_string(HANDLERS[name])
