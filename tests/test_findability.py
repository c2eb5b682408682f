"""What search engines and feed readers get: JSON-LD, meta tags, the sitemap, feeds."""

import json
import xml.etree.ElementTree as ET

import pytest
from wagtail.models import Locale

from tests.factories import ArticlePageFactory, FAQPageFactory, UserFactory, add_faq_items
from tests.utils import soup

pytestmark = pytest.mark.django_db

TRICKY_ANSWER = (
    '<p>Type "yes" &amp; press Enter.</p><p>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;'
    " Привет, 你好, مرحبا</p>"
)


def structured_data(document):
    return {
        data["@type"]: data
        for data in (
            json.loads(script.string)
            for script in document.select('script[type="application/ld+json"]')
        )
    }


@pytest.fixture
def owned_article(category):
    owner = UserFactory(username="olivia", first_name="Olivia", last_name="Owner")
    article = ArticlePageFactory(
        parent=category,
        title="Download an invoice",
        slug="download-invoice",
        summary="Get a PDF of any invoice.",
        content_owner=owner,
    )
    article.save_revision().publish()  # sets the publication dates
    article.refresh_from_db()
    return article


class TestStructuredData:
    def test_article(self, client, help_center, category, owned_article):
        document = soup(client.get(owned_article.url))
        data = structured_data(document)
        article = data["Article"]
        assert article["headline"] == "Download an invoice"
        assert article["description"] == "Get a PDF of any invoice."
        assert article["author"] == {"@type": "Person", "name": "Olivia Owner"}
        assert article["publisher"]["name"] == "Acme Help"  # the site has no name: the help center
        assert article["mainEntityOfPage"] == "http://localhost/help/billing/download-invoice/"
        assert article["datePublished"].startswith(str(owned_article.first_published_at.date()))
        assert "dateModified" in article
        crumbs = data["BreadcrumbList"]["itemListElement"]
        assert [crumb["position"] for crumb in crumbs] == list(range(1, len(crumbs) + 1))
        assert [crumb["name"] for crumb in crumbs][-3:] == [
            "Acme Help",
            "Billing",
            "Download an invoice",
        ]
        assert crumbs[-1]["item"] == article["mainEntityOfPage"]

    def test_faq_page_is_valid_and_escaped(self, client, category):
        faq = add_faq_items(
            FAQPageFactory(parent=category, title="Billing FAQ", slug="billing-faq"),
            ("When am I charged?", "<p>On the day your plan renews.</p>"),
            ('What does "</script>" mean?', TRICKY_ANSWER),
        )
        response = client.get(faq.url)
        html = response.content.decode()
        assert "<script>alert(1)" not in html
        data = structured_data(soup(response))["FAQPage"]
        assert [question["name"] for question in data["mainEntity"]] == [
            "When am I charged?",
            'What does "</script>" mean?',
        ]
        answer = data["mainEntity"][1]["acceptedAnswer"]
        assert answer["@type"] == "Answer"
        assert answer["text"] == (
            'Type "yes" & press Enter. </script><script>alert(1)</script> Привет, 你好, مرحبا'
        )
        assert "\\u003c/script\\u003e" in html  # escaped inside the JSON-LD

    def test_help_center_and_category_have_breadcrumbs_only(
        self, client, help_center, category, article
    ):
        for page in (help_center, category):
            data = structured_data(soup(client.get(page.url)))
            assert set(data) == {"BreadcrumbList"}

    def test_internal_pages_are_noindex_without_structured_data(
        self, client, staff_user, internal_article
    ):
        client.force_login(staff_user)
        document = soup(client.get(internal_article.url))
        assert document.select_one('meta[name="robots"]')["content"] == "noindex, nofollow"
        assert not document.select('script[type="application/ld+json"]')
        assert not document.select('link[type="application/atom+xml"]')


class TestMetaTags:
    def test_article(self, client, owned_article):
        document = soup(client.get(owned_article.url))
        url = "http://localhost/help/billing/download-invoice/"
        assert document.select_one('link[rel="canonical"]')["href"] == url
        assert document.select_one('meta[name="description"]')["content"] == (
            "Get a PDF of any invoice."
        )
        assert document.select_one('meta[property="og:type"]')["content"] == "article"
        assert document.select_one('meta[property="og:url"]')["content"] == url
        assert document.select_one('meta[property="og:title"]')["content"] == (
            "Download an invoice"
        )
        assert not document.select('meta[name="robots"]')
        assert not document.select('link[rel="alternate"][hreflang]')

    def test_feed_links(self, client, help_center, category, article):
        home = soup(client.get(help_center.url))
        feed = home.select_one('link[type="application/atom+xml"]')
        assert (feed["href"], feed["title"]) == ("/help/feed/atom/", "Acme Help")
        listing = soup(client.get(category.url))
        assert listing.select_one('link[type="application/atom+xml"]')["href"] == (
            f"/help/feed/atom/?category={category.pk}"
        )

    def test_hreflang_alternates_when_translated(self, client, owned_article):
        dutch = Locale.objects.create(language_code="nl")
        translation = owned_article.copy_for_translation(dutch, copy_parents=True)
        translation.save_revision().publish()
        document = soup(client.get(owned_article.url))
        alternates = {
            link["hreflang"]: link["href"]
            for link in document.select('link[rel="alternate"][hreflang]')
        }
        assert set(alternates) == {"en", "nl", "x-default"}
        assert (
            alternates["en"]
            == alternates["x-default"]
            == ("http://localhost/help/billing/download-invoice/")
        )
        assert alternates["nl"] == "http://localhost/nl/help/billing/download-invoice/"


class TestSitemap:
    def test_public_live_pages_only(self, client, owned_article, internal_article, category):
        draft = ArticlePageFactory(parent=category, slug="draft-article", live=False)
        response = client.get("/sitemap.xml")
        assert response.status_code == 200
        namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
        root = ET.fromstring(response.content)
        entries = {
            url.findtext("s:loc", namespaces=namespace): url.findtext(
                "s:lastmod", namespaces=namespace
            )
            for url in root.findall("s:url", namespace)
        }
        assert "http://localhost/help/billing/download-invoice/" in entries
        assert entries["http://localhost/help/billing/download-invoice/"]
        assert not [url for url in entries if "playbook" in url]  # the internal category
        assert not [url for url in entries if draft.slug in url]
        assert internal_article.slug not in response.content.decode()


class TestFeeds:
    def titles(self, response):
        assert response.status_code == 200
        return [item.findtext("title") for item in ET.fromstring(response.content).iter("item")]

    def test_rss_lists_new_and_updated_public_articles(
        self, client, staff_user, help_center, category, owned_article, internal_article
    ):
        ArticlePageFactory(parent=category, title="Draft", live=False)
        newer = ArticlePageFactory(parent=category, title="Change your plan")
        newer.save_revision().publish()
        client.force_login(staff_user)  # feeds are public: staff see what readers see
        titles = self.titles(client.get(help_center.url + "feed/"))
        assert titles[0] == "Change your plan"
        assert "Download an invoice" in titles
        assert internal_article.title not in titles
        assert "Draft" not in titles

    def test_atom_and_category_feeds(self, client, help_center, category, owned_article):
        from tests.factories import CategoryPageFactory

        other = CategoryPageFactory(parent=help_center, title="Account")
        ArticlePageFactory(parent=other, title="Reset your password")
        response = client.get(help_center.url + "feed/atom/", {"category": category.pk})
        assert response["Content-Type"].startswith("application/atom+xml")
        atom = "{http://www.w3.org/2005/Atom}"
        root = ET.fromstring(response.content)
        assert root.findtext(f"{atom}title") == "Billing · Acme Help"
        entries = [entry.findtext(f"{atom}title") for entry in root.iter(f"{atom}entry")]
        assert entries == ["Download an invoice"]

    @pytest.mark.parametrize("value", ["abc", "²", "-1", "9" * 40, "999999", "internal"])
    def test_bad_category_is_400(self, client, help_center, internal_category, value):
        if value == "internal":
            value = str(internal_category.pk)
        response = client.get(help_center.url + "feed/", {"category": value})
        assert response.status_code == 400
        assert soup_error(response)


def soup_error(response):
    from bs4 import BeautifulSoup

    return BeautifulSoup(response.content, "html.parser").select_one(".hc-error").get_text()
