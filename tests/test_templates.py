import pytest
import wagtail_factories
from django.conf import settings
from django.test import override_settings
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from tests.factories import (
    ArticlePageFactory,
    CategoryPageFactory,
    FAQPageFactory,
    add_faq_items,
)
from tests.utils import link_texts, soup
from wagtail_helpcenter.models import ArticleRelatedLink

pytestmark = pytest.mark.django_db

VIDEO_URL = "https://www.youtube.com/watch?v=helpcenter"


def every_block_body(image):
    return [
        {
            "type": "paragraph",
            "value": '<p>Intro with <a href="https://example.com">a link</a>.</p>',
        },
        {"type": "heading", "value": {"text": "Before you start", "level": "h2", "anchor": ""}},
        {"type": "callout", "value": {"kind": "warning", "title": "", "text": "<p>Careful.</p>"}},
        {
            "type": "steps",
            "value": [
                {"title": "Open settings", "text": "<p>Top right.</p>"},
                {"title": "Click save", "text": ""},
            ],
        },
        {"type": "heading", "value": {"text": "Use the API", "level": "h3", "anchor": "api"}},
        {"type": "code", "value": {"language": "python", "code": "print('<script>x</script>')"}},
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "decorative": False, "alt_text": "The settings menu"},
                "caption": "Where to click",
            },
        },
        {"type": "video", "value": {"video": VIDEO_URL, "title": "Setup video", "caption": ""}},
        {
            "type": "table",
            "value": {
                "table": {
                    "data": [["Plan", "Price"], ["Starter", "€9"], ["Team", None]],
                    "first_row_is_table_header": True,
                    "first_col_is_header": True,
                },
                "caption": "Plans",
            },
        },
    ]


@pytest.fixture
def rich_article(category):
    image = wagtail_factories.ImageFactory(title="Settings screenshot")
    # Wagtail caches embeds in its Embed table; an entry there is what a fetched embed
    # becomes, so the page renders the video without reaching YouTube.
    Embed.objects.create(
        url=VIDEO_URL,
        hash=get_embed_hash(VIDEO_URL),
        type="video",
        html='<iframe title="Setup video" src="https://www.youtube-nocookie.com/embed/x"></iframe>',
    )
    return ArticlePageFactory(
        parent=category,
        title="Set up <b>billing</b>",
        summary="Everything you need to invoice.",
        body=every_block_body(image),
    )


class TestArticlePage:
    def test_every_block_renders(self, client, rich_article):
        document = soup(client.get(rich_article.url))
        body = document.select_one("div.hc-body")  # the article body, not <body class="hc-body">
        assert body.select_one(".hc-text a[href='https://example.com']")
        assert body.select_one("h2#before-you-start").get_text() == "Before you start"
        assert body.select_one("h3#api").get_text() == "Use the API"
        callout = body.select_one("aside.hc-callout--warning")
        assert callout.select_one(".hc-callout__title").get_text() == "Warning"
        assert [step.get_text(strip=True) for step in body.select(".hc-steps__title")] == [
            "Open settings",
            "Click save",
        ]
        assert body.select_one("pre code.language-python").get_text() == (
            "print('<script>x</script>')"
        )
        assert not body.select("script")
        image = body.select_one("figure.hc-figure img")
        assert image["alt"] == "The settings menu"
        assert body.select_one("figure.hc-figure figcaption").get_text() == "Where to click"
        assert body.select_one(".hc-video iframe")["title"] == "Setup video"
        assert body.select_one(f".hc-video a[href='{VIDEO_URL}']")
        table = body.select_one("figure.hc-table table")
        assert table.select_one("caption").get_text() == "Plans"
        assert [th.get_text() for th in table.select("thead th[scope=col]")] == ["Plan", "Price"]
        assert [th.get_text() for th in table.select("tbody th[scope=row]")] == ["Starter", "Team"]
        assert [td.get_text() for td in table.select("tbody td")] == ["€9", ""]

    def test_title_is_escaped_and_toc_links_to_headings(self, client, rich_article):
        document = soup(client.get(rich_article.url))
        assert document.select_one("h1").get_text() == "Set up <b>billing</b>"
        toc = [link["href"] for link in document.select(".hc-toc a")]
        assert toc == ["#before-you-start", "#api"]
        for href in toc:
            assert document.select_one(href)

    def test_breadcrumbs_from_site_root_to_current_page(self, client, rich_article):
        document = soup(client.get(rich_article.url))
        crumbs = document.select_one("nav.hc-breadcrumbs")
        assert link_texts(crumbs) == ["Welcome to your new Wagtail site!", "Acme Help", "Billing"]
        assert crumbs.select_one("[aria-current=page]").get_text() == "Set up <b>billing</b>"

    def test_meta_description_from_summary_and_search_box(self, client, rich_article):
        document = soup(client.get(rich_article.url))
        assert document.select_one("meta[name=description]")["content"] == (
            "Everything you need to invoice."
        )
        form = document.select_one("form[role=search]")
        assert form["action"] == "/help/search/"
        assert form.select_one("input[name=q]")

    def test_video_without_embed_falls_back_to_a_link(self, client, category):
        # No embed finder configured: Wagtail cannot build the player, the link remains.
        article = ArticlePageFactory(
            parent=category,
            body=[{"type": "video", "value": {"video": VIDEO_URL, "title": "Tour", "caption": ""}}],
        )
        with override_settings(WAGTAILEMBEDS_FINDERS=[]):
            document = soup(client.get(article.url))
        video = document.select_one(".hc-video")
        assert not video.select("iframe")
        assert video.select_one("a")["href"] == VIDEO_URL

    def test_related_tags_and_contact(self, client, article, category):
        other = ArticlePageFactory(parent=category, title="Change your card")
        article.related_links.add(ArticleRelatedLink(article=other))
        article.tags.add("pdf", "invoices")
        article.save_revision().publish()
        document = soup(client.get(article.url))
        assert link_texts(document, ".hc-related a") == ["Change your card"]
        assert sorted(tag.get_text() for tag in document.select(".hc-tag")) == ["invoices", "pdf"]
        assert document.select_one(".hc-contact a")["href"] == "/contact/"

    def test_unpublished_related_article_is_not_listed(self, client, article, category):
        draft = ArticlePageFactory(parent=category, title="Draft answer", live=False)
        article.related_links.add(ArticleRelatedLink(article=draft))
        article.save_revision().publish()
        assert "Draft answer" not in client.get(article.url).content.decode()


class TestListings:
    def test_home_lists_categories_with_counts_promoted_and_recent(self, client, help_center):
        billing = CategoryPageFactory(parent=help_center, title="Billing")
        sub = CategoryPageFactory(parent=billing, title="Taxes")
        ArticlePageFactory(parent=billing, title="Pay by card", promoted=True)
        ArticlePageFactory(parent=sub, title="VAT numbers")
        CategoryPageFactory(parent=help_center, title="Empty topic")
        FAQPageFactory(parent=help_center, title="General FAQ")
        document = soup(client.get(help_center.url))
        cards = {
            card.select_one(".hc-card__title").get_text(strip=True): card.select_one(
                ".hc-meta"
            ).get_text(strip=True)
            for card in document.select(".hc-card")
        }
        # A category with nothing to read is not listed (security review, item 5).
        assert cards == {"Billing": "2 articles"}
        assert link_texts(document, "[aria-labelledby=hc-promoted-heading] a") == ["Pay by card"]
        assert set(link_texts(document, "[aria-labelledby=hc-recent-heading] a")) == {
            "Pay by card",
            "VAT numbers",
        }
        assert "General FAQ" in link_texts(document, "[aria-labelledby=hc-faq-heading] a")
        assert document.select_one("h1").get_text() == "Acme Help"

    def test_category_lists_subcategories_articles_and_faq(self, client, category):
        refunds = CategoryPageFactory(parent=category, title="Refunds")
        ArticlePageFactory(parent=refunds, title="Ask for a refund")
        CategoryPageFactory(parent=category, title="Nothing here yet")
        ArticlePageFactory(parent=category, title="Pay by card", summary="Cards we take.")
        FAQPageFactory(parent=category, title="Billing FAQ")
        document = soup(client.get(category.url))
        assert link_texts(document, ".hc-card a") == ["Refunds"]
        assert link_texts(document, "[aria-labelledby=hc-articles-heading] a") == ["Pay by card"]
        assert document.select_one(".hc-article-list__summary").get_text() == "Cards we take."
        assert "Billing FAQ" in link_texts(document, "[aria-labelledby=hc-faq-heading] a")

    def test_empty_category_is_not_found_by_visitors_and_says_so_to_editors(
        self, client, category, staff_user
    ):
        assert client.get(category.url).status_code == 404
        client.force_login(staff_user)
        document = soup(client.get(category.url))
        assert "no articles in this category yet" in document.select_one(".hc-empty").get_text()

    @override_settings(WAGTAIL_HELPCENTER={"CATEGORY_PAGE_SIZE": 2})
    def test_category_pagination_keeps_order_and_clamps(self, client, category):
        for n in range(5):
            ArticlePageFactory(parent=category, title=f"Article {n}")
        first = soup(client.get(category.url))
        assert link_texts(first, ".hc-article-list a") == ["Article 0", "Article 1"]
        assert first.select_one("a[rel=next]")["href"] == "?page=2"
        third = soup(client.get(category.url, {"page": 3}))
        assert link_texts(third, ".hc-article-list a") == ["Article 4"]
        assert link_texts(soup(client.get(category.url, {"page": 999})), ".hc-article-list a") == [
            "Article 4"
        ]

    @pytest.mark.parametrize("value", ["abc", "-1", "0", "1.5", "9" * 50, "1e3", "%00", "²", "٣"])
    def test_bad_page_number_is_a_400_with_a_message(self, client, category, article, value):
        response = client.get(category.url, {"page": value})
        assert response.status_code == 400
        assert "page number must be a whole number" in response.content.decode()

    def test_faq_page_lists_questions_with_anchors(self, client, category):
        faq_page = add_faq_items(
            FAQPageFactory(parent=category, title="Billing FAQ"),
            ("When am I charged?", "<p>On renewal.</p>"),
            ("Can I pay by <transfer>?", "<p>Yes.</p>"),
        )
        document = soup(client.get(faq_page.url))
        assert [link["href"] for link in document.select(".hc-toc a")] == [
            "#when-am-i-charged",
            "#can-i-pay-by-transfer",
        ]
        item = document.select_one("section#when-am-i-charged")
        assert item.select_one("h2").get_text(strip=True).startswith("When am I charged?")
        assert item.select_one(".hc-faq__answer").get_text(strip=True) == "On renewal."
        assert "Can I pay by <transfer>?" in document.select_one("#can-i-pay-by-transfer").text


class TestOverrides:
    @override_settings(WAGTAIL_HELPCENTER={"BASE_TEMPLATE": "host/base.html"})
    def test_base_template_from_setting(self, client, article):
        document = soup(client.get(article.url))
        assert document.select_one("#host-header")
        assert document.select_one("#host-main h1").get_text() == "Download an invoice"
        assert document.title.get_text().endswith("| Host site")
        assert document.select_one("link[href$='wagtail_helpcenter/css/helpcenter.css']")

    def test_one_include_can_be_overridden(self, client, article):
        templates = [dict(settings.TEMPLATES[0], DIRS=[settings.BASE_DIR / "template_overrides"])]
        with override_settings(TEMPLATES=templates):
            document = soup(client.get(article.url))
        assert document.select_one("#overridden-contact").get_text() == "Call us: Acme Help"
        assert document.select_one("h1").get_text() == "Download an invoice"

    def test_default_layout_is_a_complete_accessible_document(self, client, article):
        document = soup(client.get(article.url))
        assert document.html["lang"] == "en"
        assert document.html["dir"] == "ltr"
        assert document.select_one("a.hc-skip-link")["href"] == "#main-content"
        assert document.select_one("main#main-content")
