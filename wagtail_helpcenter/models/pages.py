from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404, HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageViewRestriction, TranslatableMixin
from wagtail.search import index

from ..blocks import ArticleBodyBlock, anchor_for, duplicate_anchors, table_of_contents
from ..body_text import strings_in
from ..conf import get_config
from ..exceptions import InvalidParameter
from ..forms import HelpCenterChildPageForm
from ..icons import ICON_CHOICES
from ..panels import ReviewStatusPanel, StyleGuidePanel, WritingChecksPanel
from ..visitors import is_editor, is_preview
from .handlers import handler
from .mixins import AudienceMixin, HelpCenterContextMixin
from .routing import mark_routed, pages_on_the_way, routed_view_restrictions
from .sections import section_id
from .translatable import synchronised


class HelpCenterPageBase(HelpCenterContextMixin, Page):
    """Serves a clear 400 page when a visitor sends a parameter we cannot use, and the
    source-language page when a child is not translated (see ``languages``)."""

    def get_sitemap_urls(self, request=None):
        # An alias (e.g. an untranslated copy kept by wagtail-localize) shows another
        # page's content: that page is in the sitemap, the copy is not.
        return [] if self.alias_of_id else super().get_sitemap_urls(request)

    def get_view_restrictions(self):
        """Wagtail checks an alias against its source page alone (and the alias's own
        ancestors), not the sections above the source nor the restrictions mirrored onto
        the alias: an alias of an internal article placed in a public category was served
        to anyone. An alias here also has those, as the help center's lists see it.

        A page routed for a request (no alias on its way) is checked against the
        restrictions its request reads anyway for its listings (``routing``)."""
        routed = routed_view_restrictions(self)
        if routed is not None:
            return routed
        restrictions = super().get_view_restrictions()
        if not self.alias_of_id:
            return restrictions
        source = Page.objects.get(pk=self.alias_of_id)
        return restrictions | PageViewRestriction.objects.filter(
            Q(page__in=source.get_ancestors()) | Q(page=self)
        )

    def route(self, request, path_components):
        if path_components:
            found = pages_on_the_way(self, path_components, routed_page_types())
            if found:
                try:
                    return found[-1].route(request, [])
                except Http404:
                    pass  # not live: Wagtail's walk and the translation fallback decide
        try:
            return mark_routed(super().route(request, path_components), request)
        except Http404:
            if not path_components:
                raise
            response = handler("route_to_translation")(self, request, path_components)
            if response is None:  # not a multilingual site
                raise
            return response

    def serve(self, request, *args, **kwargs):
        try:
            response = super().serve(request, *args, **kwargs)
        except InvalidParameter as error:
            response = bad_request(request, self, str(error))
        return handler("served")(request, self, response)

    class Meta:
        abstract = True


def routed_page_types():
    """The page types below a help center whose ``route`` is Wagtail's walk (with the
    translation fallback): ``pages_on_the_way`` may resolve a URL through them."""
    return (CategoryPage, ArticlePage, FAQPage)


class CountedViewsMixin:
    """Counts a view each time the page is served to a visitor (see ``page_views``)."""

    counts_views = True

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        handler("count_view")(request, self, response)
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["measure_reading"] = handler("measures_reading")(request)
        return context


def discussion_context(request, page):
    """The discussion under ``page`` when the discussions sub-app is installed."""
    from django.apps import apps

    if not apps.is_installed("wagtail_helpcenter.discussions"):
        return {}
    return {"discussion": handler("discussion_context")(request, page)}


def bad_request(request, page, message, heading=None):
    response = TemplateResponse(
        request,
        "wagtail_helpcenter/bad_request.html",
        {
            "page": page,
            "message": message,
            "heading": heading,
            "helpcenter_base_template": get_config()["BASE_TEMPLATE"],
            "help_center": page.get_help_center(),
        },
    )
    response.status_code = HttpResponseBadRequest.status_code
    return response


class HelpCenterPage(RoutablePageMixin, HelpCenterPageBase):
    """The home of one help center. A site can have several, e.g. one per product."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A line under the title, e.g. “How can we help?”"),
    )
    contact_url = models.CharField(
        _("contact link"),
        max_length=500,
        blank=True,
        help_text=_(
            "Where visitors go when the help center did not answer them, "
            "e.g. /contact/ or https://example.com/support/."
        ),
    )
    contact_text = models.CharField(
        _("contact link text"), max_length=100, blank=True, default=_("Contact support")
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("contact_url"), FieldPanel("contact_text")],
            heading=_("Still need help?"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    # One contact address for every language, unless a translator overrides it.
    override_translatable_fields = synchronised("contact_url")

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["wagtail_helpcenter.CategoryPage", "wagtail_helpcenter.FAQPage"]
    template = "wagtail_helpcenter/pages/help_center_page.html"

    class Meta:
        verbose_name = _("help center")
        verbose_name_plural = _("help centers")

    # Routes added after help centers had pages: a live child page with the same slug
    # (a category or FAQ page called "glossary") was there first and is served instead.
    # The older routes (search/, feed/, api/, ...) always answered before any child, so
    # no page was ever served at their addresses; they skip the child lookup's query.
    ROUTES_BELOW_CHILD_PAGES = frozenset({"glossary"})
    # The first parts of its routes' addresses: new child pages may not take them.
    RESERVED_CHILD_SLUGS = frozenset(
        {"search", "feed", "api", "feedback", "contact", "read", "glossary"}
    )

    def route(self, request, path_components):
        if path_components and self.child_page_wins(path_components[0]):
            # Wagtail's walk (HelpCenterPageBase), skipping RoutablePageMixin's routes.
            return super(RoutablePageMixin, self).route(request, path_components)
        # RoutablePageMixin answers its own routes without the base class's route.
        return mark_routed(super().route(request, path_components), request)

    def child_page_wins(self, slug):
        return (
            slug in self.ROUTES_BELOW_CHILD_PAGES
            and self.get_children().filter(slug=slug, live=True).exists()
        )

    def serve(self, request, *args, **kwargs):
        # RoutablePageMixin answers its routes (search, feeds, API) without the base
        # class's serve: mark those private here too.
        response = super().serve(request, *args, **kwargs)
        return handler("served")(request, self, response)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        config = get_config()
        categories, faq_pages = handler("sections")(request, self)
        promoted, recent = handler("newest_and_promoted")(
            request, self, config["HOME_PROMOTED_COUNT"], config["HOME_RECENT_COUNT"]
        )
        context.update(
            categories=categories,
            faq_pages=faq_pages,
            promoted_articles=promoted,
            recent_articles=recent,
            glossary_url=handler("glossary_url_if_any")(request, self),
        )
        return context

    @path("search/", name="search")
    def search_route(self, request):
        return handler("search")(request, self)

    @path("feed/", name="feed")
    def feed_route(self, request):
        return self.serve_feed(request, handler("feed"))

    @path("feed/atom/", name="atom_feed")
    def atom_feed_route(self, request):
        return self.serve_feed(request, handler("atom_feed"))

    def serve_feed(self, request, feed_class):
        try:
            return feed_class()(request, self)
        except InvalidParameter as error:
            return bad_request(request, self, str(error))

    @path("api/categories/", name="api_categories")
    def api_categories_route(self, request):
        return handler("api_categories")(request, self)

    @path("api/articles/", name="api_articles")
    def api_articles_route(self, request):
        return handler("api_articles")(request, self)

    @path("api/articles/<int:article_id>/", name="api_article")
    def api_article_route(self, request, article_id):
        return handler("api_article")(request, self, article_id)

    @path("api/faq/", name="api_faq")
    def api_faq_route(self, request):
        return handler("api_faq")(request, self)

    @path("feedback/", name="feedback")
    def feedback_route(self, request):
        return handler("feedback")(request, self)

    @path("feedback/answer/", name="answer_feedback")
    def answer_feedback_route(self, request):
        return handler("answer_feedback")(request, self)

    @path("contact/", name="contact")
    def contact_route(self, request):
        return handler("contact")(request, self)

    @path("contact/suggestion/", name="contact_suggestion")
    def contact_suggestion_route(self, request):
        return handler("contact_suggestion")(request, self)

    @path("search/suggest/", name="search_suggest")
    def suggest_route(self, request):
        return handler("search_suggest")(request, self)

    @path("search/click/", name="search_click")
    def search_click_route(self, request):
        return handler("search_click")(request, self)

    @path("read/", name="read")
    def read_route(self, request):
        return handler("read")(request, self)

    @path("glossary/", name="glossary")
    def glossary_route(self, request):
        return handler("glossary")(request, self)


class CategoryPage(AudienceMixin, HelpCenterPageBase):
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("One or two sentences shown on the help center home and in listings."),
    )
    icon = models.CharField(
        _("icon"), max_length=40, choices=ICON_CHOICES, blank=True, default="book"
    )

    content_panels = Page.content_panels + [FieldPanel("description"), FieldPanel("icon")]
    settings_panels = [FieldPanel("audience")] + Page.settings_panels
    search_fields = Page.search_fields + [
        index.SearchField("description"),
        index.FilterField("audience"),
    ]

    parent_page_types = ["wagtail_helpcenter.HelpCenterPage", "wagtail_helpcenter.CategoryPage"]
    base_form_class = HelpCenterChildPageForm
    subpage_types = [
        "wagtail_helpcenter.CategoryPage",
        "wagtail_helpcenter.ArticlePage",
        "wagtail_helpcenter.FAQPage",
    ]
    template = "wagtail_helpcenter/pages/category_page.html"

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def get_sitemap_urls(self, request=None):
        if not handler("holds_visible_content")(None, self):
            return []
        return super().get_sitemap_urls(request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        subcategories, faq_pages = handler("sections")(request, self)
        articles = handler("children_of")(request, self, ArticlePage)
        try:
            page_of_articles = handler("paginate")(
                request, articles, get_config()["CATEGORY_PAGE_SIZE"]
            )
        except InvalidParameter:  # its 400 page would name the category
            self.not_found_unless_it_holds(request, subcategories or faq_pages or articles.exists())
            raise
        self.not_found_unless_it_holds(
            request, subcategories or faq_pages or page_of_articles.paginator.count
        )
        context.update(subcategories=subcategories, faq_pages=faq_pages, articles=page_of_articles)
        return context

    def not_found_unless_it_holds(self, request, visible_content):
        """Nothing below it this visitor may read (subcategories are listed only when
        they hold something): not found, as for an empty draft, so a category of
        internal articles names nothing. Editors still open it, and so does a preview."""
        if not visible_content and not (is_preview(request) or is_editor(request)):
            raise Http404


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "wagtail_helpcenter.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(CountedViewsMixin, AudienceMixin, HelpCenterPageBase):
    summary = models.TextField(
        _("summary"),
        max_length=400,
        blank=True,
        help_text=_(
            "One or two sentences; shown in listings, search results and to search engines."
        ),
    )
    body = StreamField(ArticleBodyBlock(), blank=True, verbose_name=_("body"))
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True, verbose_name=_("tags"))
    promoted = models.BooleanField(
        _("promoted"),
        default=False,
        help_text=_("Promoted articles are featured on the help center home."),
    )
    content_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who keeps this article accurate. Gets the review reminders."),
    )
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("When someone last checked that this article is still right."),
    )
    review_interval_days = models.PositiveIntegerField(
        _("review every (days)"),
        null=True,
        blank=True,
        help_text=_("Leave blank for the help center's default."),
    )
    mark_glossary_terms = models.BooleanField(
        _("mark glossary terms in this article"),
        default=True,
        help_text=_(
            "The first use of each glossary term links to its definition. Turn off for "
            "an article where that would get in the way, e.g. a legal text."
        ),
    )

    content_panels = (
        [StyleGuidePanel(), WritingChecksPanel()]
        + Page.content_panels
        + [FieldPanel("summary"), FieldPanel("body")]
    )
    related_panels = [
        FieldPanel("tags"),
        InlinePanel(
            "related_links",
            label=_("Related articles"),
            help_text=_("Shown at the end of the article, in this order."),
        ),
    ]
    review_panels = [
        ReviewStatusPanel(),
        FieldPanel("content_owner"),
        FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("review_interval_days")]),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("promoted")]
    settings_panels = [FieldPanel("audience"), FieldPanel("mark_glossary_terms")] + (
        Page.settings_panels
    )
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(related_panels, heading=_("Related")),
            ObjectList(review_panels, heading=_("Review")),
            ObjectList(promote_panels, heading=_("Promote")),
            ObjectList(settings_panels, heading=_("Settings"), classname="settings"),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("audience"),
        index.FilterField("promoted"),
        index.FilterField("helpcenter_section"),
    ]

    parent_page_types = ["wagtail_helpcenter.CategoryPage"]
    subpage_types = []
    template = "wagtail_helpcenter/pages/article_page.html"

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            # The help center home's promoted articles: read from the few promoted rows.
            models.Index(
                fields=["promoted"], condition=Q(promoted=True), name="helpcenter_promoted_idx"
            ),
        ]

    def clean(self):
        super().clean()
        duplicates = duplicate_anchors(self.body)
        if duplicates:
            raise ValidationError(
                {
                    "body": _(
                        "Two headings share the anchor “%(anchor)s”, so links to the second "
                        "would land on the first. Reword one or give it its own anchor."
                    )
                    % {"anchor": duplicates[0]}
                }
            )

    @property
    def helpcenter_section(self):
        """The top-level category holding this article, for search facets."""
        return section_id(self.path)

    @property
    def table_of_contents(self):
        return table_of_contents(self.body)

    @property
    def review_interval(self):
        return timedelta(days=self.review_interval_days or get_config()["REVIEW_INTERVAL_DAYS"])

    @property
    def review_due_date(self):
        """When this article should next be reviewed; None until it is first published."""
        if self.last_reviewed:
            return self.last_reviewed + self.review_interval
        if self.first_published_at:
            return timezone.localdate(self.first_published_at) + self.review_interval
        return None

    @property
    def is_review_overdue(self):
        due = self.review_due_date
        return due is not None and due < timezone.localdate()

    def get_related_articles(self, request, help_center=None, tags=None):
        """The editor's picks this request may view, then automatic ones (``related``)."""
        return handler("related_articles")(request, self, help_center, tags)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["article_tags"] = list(self.tags.all())
        context["related_articles"] = self.get_related_articles(
            request,
            context.get("page_help_center", context["help_center"]),
            context["article_tags"],
        )
        context.update(handler("feedback_context")(request))
        context.update(discussion_context(request, self))
        handler("prefetch_linked_pages")(request, strings_in(list(self.body.raw_data)))
        context["glossary_marker"] = handler("glossary_marker")(
            request, self, context.get("page_help_center", context["help_center"])
        )
        return context


class ArticleRelatedLink(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_links")
    article = models.ForeignKey(
        ArticlePage,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = _("related article")
        verbose_name_plural = _("related articles")


class FAQPage(CountedViewsMixin, HelpCenterPageBase):
    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("faq_items", label=_("Questions"), min_num=1),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.RelatedFields(
            "faq_items", [index.SearchField("question"), index.SearchField("answer")]
        ),
    ]

    parent_page_types = ["wagtail_helpcenter.HelpCenterPage", "wagtail_helpcenter.CategoryPage"]
    base_form_class = HelpCenterChildPageForm
    subpage_types = []
    template = "wagtail_helpcenter/pages/faq_page.html"

    class Meta:
        verbose_name = _("FAQ page")
        verbose_name_plural = _("FAQ pages")

    def clean(self):
        super().clean()
        assign_faq_anchors(self.faq_items.all())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["faq_items"] = list(self.faq_items.all())
        context.update(handler("feedback_context")(request))
        context.update(discussion_context(request, self))
        handler("prefetch_linked_pages")(
            request, [self.intro, *(item.answer for item in context["faq_items"])]
        )
        context["glossary_marker"] = handler("glossary_marker")(
            request, self, context.get("page_help_center", context["help_center"])
        )
        return context


def assign_faq_anchors(items):
    """Give every item a unique anchor, keeping the ones editors set."""
    used = set()
    for item in items:
        base = item.anchor or anchor_for(item.question, fallback="question")
        anchor, n = base, 2
        while anchor in used:
            anchor, n = f"{base}-{n}", n + 1
        item.anchor = anchor
        used.add(anchor)


class FAQItem(TranslatableMixin, index.Indexed, Orderable):
    """One question and its answer. Indexed on its own, so search finds and links the
    answer itself (``faq_page_url#anchor``), not only the page that holds it.
    Translatable, so wagtail-localize translates questions and answers with their page
    (an untranslatable child would be copied unchanged)."""

    page = ParentalKey(FAQPage, on_delete=models.CASCADE, related_name="faq_items")
    question = models.CharField(_("question"), max_length=255)
    answer = RichTextField(_("answer"), features=["bold", "italic", "link", "ol", "ul", "code"])
    anchor = models.SlugField(
        _("anchor"),
        max_length=80,
        blank=True,
        allow_unicode=True,
        help_text=_("The #link to this answer; made from the question when blank."),
    )

    panels = [FieldPanel("question"), FieldPanel("answer"), FieldPanel("anchor")]
    # The same #anchor in every language, so links to an answer work in all of them.
    override_translatable_fields = synchronised("anchor")
    search_fields = [
        # Named "title" so the database backend ranks question matches like page titles.
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("answer"),
        index.FilterField("page"),
        index.FilterField("helpcenter_section"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.question

    @property
    def title(self):
        return self.question

    @property
    def helpcenter_section(self):
        """The top-level category holding this answer's page, for search facets."""
        return section_id(self.page.path)
