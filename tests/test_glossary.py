"""The glossary (``wagtail_helpcenter.glossary``): terms marked where an article first
uses them, the A-Z page per help center and language, its JSON-LD, the terms a search
finds, the snippet's admin and the page cache, through Wagtail's real views."""

import io
import json
import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page

from tests.factories import (
    ArticlePageFactory,
    CategoryPageFactory,
    FAQPageFactory,
    HelpCenterPageFactory,
    UserFactory,
    add_faq_items,
)
from tests.test_queries import MAX_CATEGORY_QUERIES
from tests.utils import soup, without_page_cache
from wagtail_helpcenter.caching.pages import HIT_HEADER
from wagtail_helpcenter.glossary import (
    Glossary,
    first_letter,
    grouped_by_letter,
    mark_terms,
    term_forms,
    terms_for,
)
from wagtail_helpcenter.models import ArticlePage, GlossaryTerm

pytestmark = pytest.mark.django_db

# The glossary page, whatever its number of terms: Wagtail's routing and restriction
# check, the site, the terms, and whether a child page called "glossary" is served
# instead (HelpCenterPage.child_page_wins).
GLOSSARY_PAGE_QUERIES = 13
HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'


def add_term(help_center, term, definition="What it means.", other_forms="", locale=None):
    return GlossaryTerm.objects.create(
        help_center=help_center,
        locale=locale or help_center.locale,
        term=term,
        other_forms=other_forms,
        definition=definition,
    )


def article_with(category, *blocks, **fields):
    body = [{"type": kind, "value": value} for kind, value in blocks]
    article = ArticlePageFactory(parent=category, body=body, **fields)
    article.save_revision().publish()
    return Page.objects.get(pk=article.pk).specific


def paragraph(html):
    return ("paragraph", html)


def marked(document):
    """The words of each marked term, in order."""
    return [link.get_text() for link in document.select("dfn.hc-term__name a")]


def page_json_ld(document, kind):
    for script in document.select('script[type="application/ld+json"]'):
        data = json.loads(script.string)
        if data.get("@type") == kind:
            return data
    return None


def glossary_page_url(help_center):
    return help_center.url + "glossary/"


class TestMarkTerms:
    """``mark_terms`` on HTML as the rich text tag renders it."""

    def terms(self, help_center, *specs):
        return [add_term(help_center, *spec) for spec in specs]

    def test_first_use_only_case_insensitive_and_whole_words(self, help_center):
        terms = self.terms(help_center, ("invoice", "A bill.", "invoices"))
        html = mark_terms(
            "<p>Invoices: reinvoice none. Your invoice is here; another invoice.</p>",
            terms,
            glossary_url="/help/glossary/",
        )
        assert html.count("<dfn") == 1
        assert '<a class="hc-term__link" href="/help/glossary/#invoice"' in html
        assert ">Invoices</a>" in html  # the article's own words and case
        assert "reinvoice none" in html

    def test_longest_term_wins_when_terms_overlap(self, help_center):
        terms = self.terms(
            help_center, ("sign-on", "Signing on."), ("single sign-on", "One login.", "SSO")
        )
        html = mark_terms("<p>Use single sign-on, then sign-on again.</p>", terms)
        document = soup_of(html)
        assert marked(document) == ["single sign-on", "sign-on"]

    def test_text_inside_links_headings_and_code_is_left_alone(self, help_center):
        terms = self.terms(help_center, ("invoice", "A bill."))
        source = (
            '<h2>Your invoice</h2><p><a href="/x">the invoice</a> <code>invoice</code></p>'
            "<pre>invoice</pre><p>An invoice at last.</p>"
        )
        html = mark_terms(source, terms)
        assert html.count("<dfn") == 1
        assert html.startswith('<h2>Your invoice</h2><p><a href="/x">the invoice</a> ')
        assert "<code>invoice</code>" in html and "<pre>invoice</pre>" in html
        assert html.endswith(
            "invoice</a></dfn>" + definition_span("invoice", "A bill.") + " at last.</p>"
        )

    def test_attribute_text_is_never_touched(self, help_center):
        terms = self.terms(help_center, ("invoice", "A bill."))
        source = '<p><img alt="invoice" src="/invoice.png"><span title="invoice">x</span></p>'
        assert mark_terms(source, terms) == source

    def test_hostile_term_and_definition_render_inert(self, help_center):
        terms = self.terms(help_center, ("<b>bold</b>", HOSTILE), ("alert", HOSTILE))
        html = mark_terms("<p>&lt;b&gt;bold&lt;/b&gt; and alert(1)</p>", terms)
        document = soup_of(html)
        assert not document.select("script, img, b")
        assert marked(document) == ["<b>bold</b>", "alert"]
        assert document.select_one(".hc-term__definition").get_text() == HOSTILE

    def test_chinese_terms_are_found_inside_words(self, help_center, chinese):
        terms = [add_term(help_center, "发票", "付款的证明。", locale=chinese)]
        html = mark_terms("<p>下载您的发票和收据。</p>", terms)
        assert marked(soup_of(html)) == ["发票"]

    def test_a_latin_term_between_unspaced_letters_is_found(self, help_center, chinese):
        terms = [add_term(help_center, "SSO", "单点登录。", locale=chinese)]
        html = mark_terms("<p>请使用SSO登录你的账户。</p>", terms)
        assert marked(soup_of(html)) == ["SSO"]
        assert html.startswith("<p>请使用<span") and html.endswith("登录你的账户。</p>")
        for text in ("ログインはSSOで", "ใช้SSOเข้าสู่ระบบ"):  # kana, Thai
            assert marked(soup_of(mark_terms(f"<p>{text}</p>", terms))) == ["SSO"]
        # Letters and digits of spaced scripts still make another word.
        for text in ("请使用PSSO登录", "请使用SSO2登录", "Войти через SSOл", "한SSO"):
            assert marked(soup_of(mark_terms(f"<p>{text}</p>", terms))) == [], text

    def test_any_case_as_case_folding_compares_words(self, help_center):
        """The term "Straße" is found as written, in capitals and spelt with "ss" (its case
        folding), each in the text's own words; "Straßen" is another word."""
        terms = self.terms(help_center, ("Straße", "Wo Sie wohnen."))
        for text, words in [
            ("Geben Sie die Straße ein.", "Straße"),
            ("DIE STRASSE EINGEBEN", "STRASSE"),
            ("die strasse", "strasse"),
            ("DIE STRAẞE", "STRAẞE"),
        ]:
            html = mark_terms(f"<p>{text}</p>", terms)
            assert marked(soup_of(html)) == [words], text
            before, after = text.split(words)
            assert html.startswith(f"<p>{before}<span") and html.endswith(f"{after}</p>")
        assert marked(soup_of(mark_terms("<p>Die Straßen.</p>", terms))) == []

    def test_unbalanced_html_is_kept(self, help_center):
        terms = self.terms(help_center, ("invoice", "A bill."))
        assert mark_terms("<p><a href='/x'>invoice", terms) == "<p><a href='/x'>invoice"

    def test_forms_and_letters(self, help_center, chinese):
        term = add_term(help_center, "API key", other_forms="api keys, , API KEY, token")
        assert term_forms(term) == ["API key", "api keys", "token"]
        assert [first_letter(word) for word in ("Éclair", "2FA", "Бюджет", "发票")] == [
            "E", "#", "Б", "发"
        ]  # fmt: skip
        groups = grouped_by_letter(
            [term, add_term(help_center, "éclair"), add_term(help_center, "3DS")]
        )
        assert [letter for letter, _terms in groups] == ["#", "A", "E"]

    def test_one_regex_per_set_of_terms(self, help_center):
        terms = self.terms(help_center, ("invoice", "A bill."), ("refund", "Money back."))
        assert Glossary(terms).pattern is Glossary(list(reversed(terms))).pattern


def soup_of(html):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


def definition_span(slug, definition):
    return (
        f'<span class="hc-term__definition" id="hc-definition-{slug}" role="tooltip" '
        f"hidden>{definition}</span></span>"
    )


class TestArticlePages:
    def test_first_use_in_the_whole_article_across_blocks(self, client, help_center, category):
        add_term(help_center, "invoice", "A bill for what you bought.")
        add_term(help_center, "two-factor authentication", "A code as well as a password.", "2FA")
        article = article_with(
            category,
            ("heading", {"text": "Invoice basics", "level": "h2", "anchor": ""}),
            paragraph("<p>Download an invoice. Each invoice is a PDF.</p>"),
            ("callout", {"kind": "tip", "title": "", "text": "<p>Turn on 2FA first.</p>"}),
            ("code", {"language": "bash", "code": "invoice --download"}),
            (
                "steps",
                [{"title": "Open", "text": "<p>Use two-factor authentication, invoice.</p>"}],
            ),
        )
        with without_page_cache():
            document = soup(client.get(article.url))
        assert marked(document) == ["invoice", "2FA"]
        link = document.select_one("dfn.hc-term__name a")
        assert link["href"] == "/help/glossary/#invoice"
        description = document.select_one("#" + link["aria-describedby"])
        assert description.get_text() == "A bill for what you bought."
        assert document.select_one("h2.hc-heading").get_text() == "Invoice basics"
        assert document.select_one("pre code").get_text() == "invoice --download"

    def test_json_ld_lists_the_terms_used(self, client, help_center, category):
        add_term(help_center, "invoice", 'A bill </script><script>alert("x")</script>')
        add_term(help_center, "refund", "Money back.")
        article = article_with(category, paragraph("<p>Your invoice.</p>"))
        with without_page_cache():
            response = client.get(article.url)
        assert "<script>alert" not in response.content.decode()
        data = page_json_ld(soup(response), "DefinedTermSet")
        assert data["url"] == "http://localhost/help/glossary/"
        assert data["hasDefinedTerm"] == [
            {
                "@type": "DefinedTerm",
                "name": "invoice",
                "description": 'A bill </script><script>alert("x")</script>',
                "url": "http://localhost/help/glossary/#invoice",
            }
        ]

    def test_an_article_can_opt_out(self, client, help_center, category):
        add_term(help_center, "invoice")
        article = article_with(
            category, paragraph("<p>Your invoice.</p>"), mark_glossary_terms=False
        )
        with without_page_cache():
            document = soup(client.get(article.url))
        assert marked(document) == []
        assert page_json_ld(document, "DefinedTermSet") is None

    def test_terms_of_another_help_center_or_language_are_not_marked(
        self, client, site_home, help_center, category, dutch
    ):
        other = HelpCenterPageFactory(parent=site_home, title="Other", slug="other")
        add_term(other, "invoice")
        add_term(help_center, "invoice", locale=dutch)
        article = article_with(category, paragraph("<p>Your invoice.</p>"))
        with without_page_cache():
            assert marked(soup(client.get(article.url))) == []

    def test_faq_answers_are_marked_and_the_intro_is_not(self, client, help_center, category):
        add_term(help_center, "invoice", "A bill.")
        faq = FAQPageFactory(parent=category, title="Billing questions", intro="<p>invoice</p>")
        add_faq_items(faq, ("Where is it?", "<p>Your invoice is in Settings.</p>"))
        with without_page_cache():
            document = soup(client.get(faq.url))
        assert marked(document) == ["invoice"]
        assert document.select_one(".hc-lead").get_text(strip=True) == "invoice"

    def test_two_hundred_terms_cost_no_query_per_block(
        self, client, help_center, category, django_assert_max_num_queries
    ):
        blocks = [paragraph(f"<p>Step {n}: check the invoice and term{n}.</p>") for n in range(30)]
        article = article_with(category, *blocks)
        with without_page_cache():
            client.get(article.url)  # warm Wagtail's and the site's caches
            with django_assert_max_num_queries(40) as without_terms:
                client.get(article.url)
            for n in range(200):
                add_term(help_center, f"term{n}", f"Definition {n}.")
            with django_assert_max_num_queries(len(without_terms) + 1):
                document = soup(client.get(article.url))
        assert len(marked(document)) == 30


class TestGlossaryPage:
    def test_terms_by_letter_with_anchors_and_json_ld(
        self, client, help_center, category, django_assert_max_num_queries
    ):
        add_term(help_center, "refund", "Money back.")
        add_term(help_center, "API key", "A secret for scripts.")
        add_term(help_center, "agent", HOSTILE)
        with django_assert_max_num_queries(GLOSSARY_PAGE_QUERIES):
            document = soup(client.get(glossary_page_url(help_center)))
        letters = document.select(".hc-glossary__letters a")
        assert [a.get_text() for a in letters] == ["A", "R"]
        assert [document.select_one(a["href"]).h2.get_text() for a in letters] == ["A", "R"]
        assert [dt.get_text() for dt in document.select("dt")] == ["agent", "API key", "refund"]
        assert document.select_one("dt#api-key + dd").get_text() == "A secret for scripts."
        assert not document.select(".hc-content script, .hc-content img")
        assert document.title.get_text().startswith("Glossary")
        data = page_json_ld(document, "DefinedTermSet")
        assert [term["name"] for term in data["hasDefinedTerm"]] == ["agent", "API key", "refund"]
        assert data["hasDefinedTerm"][1]["url"] == "http://localhost/help/glossary/#api-key"

    def test_each_language_shows_its_own_terms(self, client, help_center, category, dutch):
        source = add_term(help_center, "invoice", "A bill.")
        translated = source.copy_for_translation(dutch)
        translated.term, translated.definition = "factuur", "Een rekening."
        translated.save()
        help_center_nl = help_center.copy_for_translation(dutch, copy_parents=True)
        help_center_nl.save_revision().publish()
        help_center_nl = Page.objects.get(pk=help_center_nl.pk).specific
        english = soup(client.get(glossary_page_url(help_center)))
        dutch_page = soup(client.get(glossary_page_url(help_center_nl)))
        assert [dt.get_text() for dt in english.select("dt")] == ["invoice"]
        assert [dt.get_text() for dt in dutch_page.select("dt")] == ["factuur"]
        assert dutch_page.select_one("dt").get("id") == "invoice"  # one anchor for all

    def test_no_terms_no_page_and_no_link(self, client, help_center, category):
        assert client.get(glossary_page_url(help_center)).status_code == 404
        with without_page_cache():
            assert not soup(client.get(help_center.url)).select(".hc-glossary-link")
            add_term(help_center, "invoice")
            link = soup(client.get(help_center.url)).select_one(".hc-glossary-link a")
        assert link["href"] == "/help/glossary/"

    def test_internal_pages_are_never_named(self, client, help_center, category, internal_article):
        add_term(help_center, "escalation", "Handing a case on.")
        internal_article.body = [{"type": "paragraph", "value": "<p>An escalation.</p>"}]
        internal_article.save_revision().publish()
        content = client.get(glossary_page_url(help_center)).content.decode()
        assert "escalation" in content
        assert internal_article.title not in content
        assert internal_article.url not in content

    @pytest.mark.parametrize("factory", [CategoryPageFactory, FAQPageFactory])
    def test_a_child_page_called_glossary_is_served_instead(
        self, client, help_center, factory, django_assert_max_num_queries
    ):
        """A site may have had a page at <help center>/glossary/ before the glossary
        came: that page is still served there, whether or not there are terms."""
        child = factory(parent=help_center, title="Words we use", slug="glossary")
        if factory is CategoryPageFactory:
            ArticlePageFactory(parent=child)  # an empty category is not served
        with without_page_cache():
            response = client.get(glossary_page_url(help_center))
            assert response.status_code == 200
            assert soup(response).h1.get_text(strip=True) == "Words we use"
            add_term(help_center, "invoice")
            with django_assert_max_num_queries(MAX_CATEGORY_QUERIES + 2):  # + the terms
                document = soup(client.get(child.url))
        assert child.url == glossary_page_url(help_center)
        assert document.h1.get_text(strip=True) == "Words we use"
        assert not document.select(".hc-glossary__letters")

    def test_a_draft_child_page_called_glossary_leaves_the_glossary(self, client, help_center):
        child = CategoryPageFactory(parent=help_center, title="Words we use", slug="glossary")
        child.unpublish()
        add_term(help_center, "invoice")
        document = soup(client.get(glossary_page_url(help_center)))
        assert [dt.get_text() for dt in document.select("dt")] == ["invoice"]

    def test_another_help_centers_terms_are_not_listed(self, client, site_home, help_center):
        other = HelpCenterPageFactory(parent=site_home, title="Other", slug="other")
        add_term(help_center, "invoice")
        add_term(other, "warehouse")
        document = soup(client.get(glossary_page_url(help_center)))
        assert [dt.get_text() for dt in document.select("dt")] == ["invoice"]


@pytest.mark.search
class TestSearch:
    def search(self, client, help_center, query):
        return soup(client.get(help_center.url + "search/", {"q": query}))

    def test_a_search_finds_the_term(self, client, search_index, help_center, article):
        add_term(help_center, "two-factor authentication", "A code as well.", "2FA")
        add_term(help_center, "refund", "Money back.")
        document = self.search(client, help_center, "what is 2fa")
        terms = document.select(".hc-glossary-matches dt a")
        assert [a.get_text() for a in terms] == ["two-factor authentication"]
        assert terms[0]["href"] == "/help/glossary/#two-factor-authentication"
        prefix = self.search(client, help_center, "refu")
        assert [a.get_text() for a in prefix.select(".hc-glossary-matches dt a")] == ["refund"]

    def test_only_the_help_centers_and_languages_terms(
        self, client, search_index, site_home, help_center, article, dutch
    ):
        other = HelpCenterPageFactory(parent=site_home, title="Other", slug="other")
        add_term(other, "refund")
        add_term(help_center, "refund", locale=dutch)
        assert not self.search(client, help_center, "refund").select(".hc-glossary-matches")

    def test_hostile_terms_are_inert_on_the_search_page(
        self, client, search_index, help_center, article
    ):
        add_term(help_center, "alert", HOSTILE)
        document = self.search(client, help_center, "alert")
        assert document.select_one(".hc-glossary-matches dd").get_text() == HOSTILE
        assert not document.select(".hc-glossary-matches script, .hc-glossary-matches img")


class TestAdmin:
    @pytest.fixture
    def editor(self, client):
        user = UserFactory(is_staff=True, groups=[Group.objects.get(name="Editors")])
        client.force_login(user)
        return user

    def form(self, help_center, **fields):
        return {
            "help_center": help_center.pk,
            "term": "Invoice",
            "other_forms": "invoices",
            "definition": "A bill.",
            "slug": "",
            **fields,
        }

    def test_an_editor_adds_a_term(self, client, editor, help_center, dutch):
        url = reverse("wagtailsnippets_wagtail_helpcenter_glossaryterm:add")
        response = client.post(url, self.form(help_center, other_forms="invoices, , bills"))
        assert response.status_code == 302
        term = GlossaryTerm.objects.get()
        assert (term.slug, term.other_forms, term.locale) == (
            "invoice", "invoices, bills", help_center.locale
        )  # fmt: skip
        listing = client.get(
            reverse("wagtailsnippets_wagtail_helpcenter_glossaryterm:list"),
            {"q": "bill", "help_center": help_center.pk},
        )
        assert "Invoice" in listing.content.decode()
        in_dutch = client.get(
            reverse("wagtailsnippets_wagtail_helpcenter_glossaryterm:list"), {"locale": "nl"}
        )
        assert in_dutch.status_code == 200
        assert not soup(in_dutch).select("tbody tr")

    def test_a_duplicate_term_is_refused_with_everything_kept(self, client, editor, help_center):
        add_term(help_center, "invoice")
        url = reverse("wagtailsnippets_wagtail_helpcenter_glossaryterm:add")
        response = client.post(url, self.form(help_center, definition="Kept words " + HOSTILE))
        assert response.status_code == 200
        content = response.content.decode()
        assert "already has the term “Invoice” in this language" in content
        document = soup(response)
        assert document.select_one("textarea[name=definition]").get_text().strip() == (
            "Kept words " + HOSTILE
        )
        assert document.select_one("input[name=other_forms]")["value"] == "invoices"
        assert "<script>alert(1)" not in content
        assert GlossaryTerm.objects.count() == 1

    def test_a_missing_definition_and_a_too_long_one_are_refused(self, client, editor, help_center):
        url = reverse("wagtailsnippets_wagtail_helpcenter_glossaryterm:add")
        missing = client.post(url, self.form(help_center, definition=""))
        assert missing.status_code == 200 and "This field is required" in missing.content.decode()
        long = client.post(url, self.form(help_center, definition="x" * 501))
        assert long.status_code == 200
        assert "at most 500 characters" in long.content.decode()
        assert soup(long).select_one("input[name=term]")["value"] == "Invoice"
        assert not GlossaryTerm.objects.exists()

    def test_other_forms_too_long_once_spaced_are_refused_with_everything_kept(
        self, client, editor, help_center
    ):
        """254 characters as typed ("ab,ab,...") are 338 stored as "ab, ab, ...": more
        than the column holds (PostgreSQL refused it with a server error)."""
        typed = ",".join(["ab"] * 85)
        url = reverse("wagtailsnippets_wagtail_helpcenter_glossaryterm:add")
        response = client.post(url, self.form(help_center, other_forms=typed))
        assert response.status_code == 200
        assert "Keep the other forms to 255 characters" in response.content.decode()
        document = soup(response)
        assert document.select_one("input[name=other_forms]")["value"] == typed
        assert document.select_one("input[name=term]")["value"] == "Invoice"
        assert not GlossaryTerm.objects.exists()
        fits = ",".join(["ab"] * 64)  # 254 characters once spaced
        response = client.post(url, self.form(help_center, other_forms=fits))
        assert response.status_code == 302
        assert len(GlossaryTerm.objects.get().other_forms) == 254

    def test_a_user_without_permission_cannot_add(self, client, help_center):
        client.force_login(
            UserFactory(is_staff=True, groups=[Group.objects.get(name="Moderators")])
        )
        url = reverse("wagtailsnippets_wagtail_helpcenter_glossaryterm:add")
        client.post(url, self.form(help_center))
        assert not GlossaryTerm.objects.exists()

    def test_the_listing_reads_terms_and_help_centers_in_fixed_queries(
        self, client, editor, help_center
    ):
        """wagtail-localize's "Translate" button asks its own tables once per row; the
        terms and their help centers cost the same for 3 rows as for 20."""
        url = reverse("wagtailsnippets_wagtail_helpcenter_glossaryterm:list")
        for n in range(3):
            add_term(help_center, f"term {n}")
        client.get(url)
        with CaptureQueriesContext(connection) as few:
            client.get(url)
        for n in range(3, 30):
            add_term(help_center, f"term {n}")
        with CaptureQueriesContext(connection) as many:
            document = soup(client.get(url))
        assert len(document.select("tbody tr")) == 20  # a page of the listing
        assert len(ours(many)) == len(ours(few))


def ours(queries):
    """Queries reading the terms or pages, leaving out wagtail-localize's per-row buttons
    (they read its own tables and the locales)."""
    tables = {
        "wagtail_helpcenter_glossaryterm",
        "wagtail_helpcenter_helpcenterpage",
        "wagtailcore_page",
    }
    return [
        query["sql"]
        for query in queries.captured_queries
        if re.search(r' FROM "(\w+)"', query["sql"]).group(1) in tables
    ]


class TestPageCache:
    def visitor(self):
        return Client(REMOTE_ADDR="192.0.2.7", HTTP_USER_AGENT="Mozilla/5.0 (X11)")

    def test_a_new_changed_or_deleted_term_is_seen_on_cached_pages(self, help_center, category):
        article = article_with(category, paragraph("<p>Your invoice.</p>"))
        reader = self.visitor()
        reader.get(article.url)
        assert reader.get(article.url)[HIT_HEADER] == "hit"
        term = add_term(help_center, "invoice", "A bill.")
        response = reader.get(article.url)
        assert response[HIT_HEADER] == "miss"
        assert marked(soup(response)) == ["invoice"]
        assert reader.get(article.url)[HIT_HEADER] == "hit"
        term.definition = "A bill, in PDF."
        term.save()
        assert "A bill, in PDF." in reader.get(article.url).content.decode()
        home = soup(reader.get(help_center.url))
        assert home.select(".hc-glossary-link")
        term.delete()
        assert marked(soup(reader.get(article.url))) == []
        assert not soup(reader.get(help_center.url)).select(".hc-glossary-link")

    def test_a_term_moved_to_another_help_center_leaves_the_old_one(
        self, client, site_home, help_center, category
    ):
        other = HelpCenterPageFactory(parent=site_home, title="Other", slug="other")
        other_article = article_with(
            CategoryPageFactory(parent=other, slug="shop"), paragraph("<p>An invoice.</p>")
        )
        article = article_with(category, paragraph("<p>Your invoice.</p>"))
        term = add_term(help_center, "invoice", "A bill.")
        reader = self.visitor()
        for page in (article, other_article):
            reader.get(page.url)
            assert reader.get(page.url)[HIT_HEADER] == "hit"
        client.force_login(UserFactory(is_superuser=True, is_staff=True))
        response = client.post(
            reverse("wagtailsnippets_wagtail_helpcenter_glossaryterm:edit", args=[term.pk]),
            {"help_center": other.pk, "term": "invoice", "other_forms": "",
             "definition": "A bill.", "slug": "invoice"},
        )  # fmt: skip
        assert response.status_code == 302
        assert GlossaryTerm.objects.get().help_center_id == other.pk
        assert marked(soup(reader.get(article.url))) == []
        assert terms_for(help_center, help_center.locale) == []
        assert reader.get(glossary_page_url(help_center)).status_code == 404
        assert marked(soup(reader.get(other_article.url))) == ["invoice"]

    def test_terms_are_read_once_and_read_anew_after_a_change(
        self, rf, help_center, dutch, django_assert_num_queries
    ):
        term = add_term(help_center, "invoice")
        request = rf.get("/")
        with django_assert_num_queries(1):
            first = terms_for(help_center, help_center.locale, request)
            again = terms_for(help_center, help_center.locale_id, request)
        assert first is again and [term.term for term in first] == ["invoice"]
        with django_assert_num_queries(0):  # the next request, from the cache
            assert terms_for(help_center, help_center.locale, rf.get("/")) == first
        translation = term.copy_for_translation(dutch)
        translation.term = "factuur"
        translation.save()
        term.term = "bill"
        term.save()
        assert [t.term for t in terms_for(help_center, help_center.locale)] == ["bill"]
        assert [t.term for t in terms_for(help_center, dutch)] == ["factuur"]
        translation.delete()
        assert terms_for(help_center, dutch) == []

    def test_with_the_terms_cache_off_each_request_reads_them(
        self, rf, settings, help_center, django_assert_num_queries
    ):
        settings.WAGTAIL_HELPCENTER = {**settings.WAGTAIL_HELPCENTER, "GLOSSARY_CACHE_SECONDS": 0}
        add_term(help_center, "invoice")
        terms_for(help_center, help_center.locale)
        with django_assert_num_queries(1):
            terms_for(help_center, help_center.locale)


def glossary_terms_listed(client, help_center):
    return [
        dfn.get_text() for dfn in soup(client.get(glossary_page_url(help_center))).select("dt dfn")
    ]


def test_the_demo_has_a_glossary_in_english_dutch_and_chinese(client, site_home):
    from django.core.management import call_command

    from wagtail_helpcenter.models import HelpCenterPage

    call_command("helpcenter_demo", stdout=io.StringIO())
    pages = {
        code: HelpCenterPage.objects.get(locale__language_code=code)
        for code in ("en", "nl", "zh-hans")
    }
    assert len(glossary_terms_listed(client, pages["en"])) == 8
    assert glossary_terms_listed(client, pages["nl"]) == ["factuur", "terugbetaling"]
    assert glossary_terms_listed(client, pages["zh-hans"]) == ["发票"]
    article = ArticlePage.objects.get(
        locale=pages["en"].locale, title="Turn on two-factor authentication"
    )
    with without_page_cache():
        terms = marked(soup(client.get(article.url)))
    assert terms == ["recovery code", "two-factor", "invoices"]


def test_wagtail_localize_translates_a_term(client, help_center, category, dutch):
    """Submitted for translation and translated as any snippet: the Dutch term keeps its
    help center and anchor, and the Dutch glossary and articles use it."""
    from wagtail_localize.models import Translation, TranslationSource

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    term = add_term(help_center, "invoice", "A bill.", "invoices")
    url = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["wagtail_helpcenter", "glossaryterm", term.pk],
    )
    assert client.post(url, {"locales": [dutch.pk]}).status_code == 302
    translation = Translation.objects.get(
        source=TranslationSource.objects.get_for_instance(term), target_locale=dutch
    )
    po = translation.export_po()
    words = {"invoice": "factuur", "invoices": "facturen", "A bill.": "Een rekening."}
    for entry in po:
        entry.msgstr = words.get(entry.msgid, entry.msgid)
    translation.import_po(po)
    translation.save_target(publish=True)
    dutch_term = GlossaryTerm.objects.get(locale=dutch)
    assert (dutch_term.term, dutch_term.other_forms, dutch_term.definition) == (
        "factuur", "facturen", "Een rekening."
    )  # fmt: skip
    assert (dutch_term.help_center_id, dutch_term.slug) == (help_center.pk, "invoice")
    assert [t.term for t in terms_for(help_center, dutch)] == ["factuur"]
