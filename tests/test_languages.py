"""What a visitor of a multilingual help center gets: locale-prefixed URLs, a language
switcher that offers only real translations, hreflang, lang/dir (right to left for
Persian), and the source-language page instead of a 404 when a page is not translated.

Translations are made with Wagtail's own ``copy_for_translation`` here: serving needs
nothing from wagtail-localize (tests/test_translation.py covers that workflow)."""

import io

import pytest
from wagtail.models import Page

from tests.factories import ArticlePageFactory
from tests.utils import soup

pytestmark = pytest.mark.django_db


def translate(page, locale, **fields):
    """A published translation of ``page`` (and untranslated copies of its parents)."""
    translation = page.copy_for_translation(locale, copy_parents=True).specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return Page.objects.get(pk=translation.pk).specific


@pytest.fixture
def site(help_center, category, article, dutch):
    """English help center; in Dutch: the help center, Billing and the invoice article.
    "Change your plan" exists in English only."""
    home_nl = translate(help_center.get_parent(), dutch)
    assert home_nl.url_path.startswith("/")
    translate(help_center, dutch, title="Acme Hulp")
    translate(category, dutch, title="Facturering")
    invoice_nl = translate(article, dutch, title="Een factuur downloaden")
    plans = ArticlePageFactory(parent=category, title="Change your plan", slug="plans")
    return {"invoice_nl": invoice_nl, "plans": plans}


def switcher(document):
    return [
        (item.get("hreflang") or item["lang"], item.get_text(strip=True), item.name)
        for item in document.select(".hc-languages li > *")
    ]


def test_switcher_offers_only_languages_the_page_exists_in(client, site, article, persian):
    document = soup(client.get(article.url))
    assert switcher(document) == [("en", "English", "span"), ("nl", "Nederlands", "a")]
    assert document.select_one('.hc-languages a[hreflang="nl"]')["href"] == (
        "/nl/help/billing/invoices/"
    )
    assert document.select_one('.hc-languages [aria-current="true"]').text == "English"
    # In Dutch, Dutch is the current one.
    dutch_document = soup(client.get("/nl/help/billing/invoices/"))
    assert switcher(dutch_document) == [("en", "English", "a"), ("nl", "Nederlands", "span")]
    # No translation: no switcher at all.
    assert switcher(soup(client.get(site["plans"].url))) == []


def test_switcher_leaves_out_drafts_and_internal_translations(
    client, site, article, internal_article, dutch
):
    site["invoice_nl"].unpublish()
    assert switcher(soup(client.get(article.url))) == []
    internal_nl = translate(internal_article, dutch)
    assert internal_nl.get_parent().specific.audience == "internal"
    client.logout()
    document = soup(client.get("/nl/help/"))
    assert "Support playbook" not in document.text


def test_hreflang_alternates(client, site, article):
    document = soup(client.get(article.url))
    alternates = {
        link["hreflang"]: link["href"]
        for link in document.select('link[rel="alternate"][hreflang]')
    }
    assert alternates == {
        "en": "http://localhost/help/billing/invoices/",
        "nl": "http://localhost/nl/help/billing/invoices/",
        "x-default": "http://localhost/help/billing/invoices/",
    }


def test_lang_and_dir_for_a_right_to_left_language(client, help_center, persian):
    translate(help_center.get_parent(), persian)
    translate(help_center, persian, title="مرکز راهنما")
    document = soup(client.get("/fa/help/"))
    assert document.html["lang"] == "fa"
    assert document.html["dir"] == "rtl"
    content = document.select_one(".hc-content")
    assert (content["lang"], content["dir"]) == ("fa", "rtl")
    assert document.select_one("h1").text.strip() == "مرکز راهنما"
    english = soup(client.get(help_center.url))
    assert (english.html["lang"], english.html["dir"]) == ("en", "ltr")


def test_untranslated_article_shows_the_source_with_a_notice(client, site):
    response = client.get("/nl/help/billing/plans/")
    assert response.status_code == 200
    document = soup(response)
    assert document.select_one("h1").text.strip() == "Change your plan"
    notice = document.select_one(".hc-notice")
    assert "nog niet beschikbaar in het Nederlands" in notice.text  # in Dutch
    assert document.html["lang"] == "nl"  # the page's own words are Dutch
    assert document.select_one(".hc-content")["lang"] == "en"  # the article is English
    canonical = document.select_one('link[rel="canonical"]')["href"]
    assert canonical == "http://localhost/help/billing/plans/"
    # The navigation stays Dutch: home link, search box and breadcrumbs.
    assert document.select_one(".hc-header__home").text.strip() == "Acme Hulp"
    assert document.select_one(".hc-header form")["action"] == "/nl/help/search/"
    crumbs = [link.text.strip() for link in document.select(".hc-breadcrumbs a")]
    assert crumbs[-2:] == ["Acme Hulp", "Facturering"]
    # Related articles come from the article's own (English) category.
    related = [link.text.strip() for link in document.select(".hc-related a")]
    assert "Download an invoice" in related


def test_a_draft_translation_falls_back_too(client, site):
    site["invoice_nl"].unpublish()
    document = soup(client.get("/nl/help/billing/invoices/"))
    assert document.select_one("h1").text.strip() == "Download an invoice"
    assert document.select_one(".hc-notice")


def test_translated_article_has_no_notice(client, site):
    document = soup(client.get("/nl/help/billing/invoices/"))
    assert document.select_one("h1").text.strip() == "Een factuur downloaden"
    assert document.select_one(".hc-notice") is None
    assert document.select_one(".hc-content")["lang"] == "nl"


def test_fallback_keeps_internal_pages_private(client, site, internal_article):
    """The English internal article through a Dutch URL: Wagtail's privacy still applies."""
    response = client.get("/nl/help/playbook/refund-escalation/")
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_page_that_exists_in_no_language_is_a_404(client, site):
    assert client.get("/nl/help/billing/no-such-article/").status_code == 404
    assert client.get("/nl/help/no-such-category/plans/").status_code == 404


def test_a_synchronised_untranslated_copy_says_so(client, help_center, category, article, dutch):
    """wagtail-localize's "synchronise from" keeps aliases of untranslated pages in the
    tree: their content is the original's, in the original's language."""
    translate(help_center.get_parent(), dutch)
    translate(help_center, dutch, title="Acme Hulp")
    category_nl = category.copy_for_translation(dutch, alias=True)
    article.copy_for_translation(dutch, alias=True)
    assert category_nl.alias_of_id == category.pk
    document = soup(client.get("/nl/help/billing/invoices/"))
    assert document.select_one("h1").text.strip() == "Download an invoice"
    assert document.select_one(".hc-content")["lang"] == "en"
    assert "niet beschikbaar in het Nederlands" in document.select_one(".hc-notice").text
    # Search engines are sent to the original, and the copy is not in the sitemap.
    canonical = document.select_one('link[rel="canonical"]')["href"]
    assert canonical == "http://localhost/help/billing/invoices/"
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/help/billing/invoices/" in sitemap
    assert "/nl/help/billing/invoices/" not in sitemap


def test_search_in_the_visitors_language(client, site, search_index):
    from django.core.management import call_command

    call_command("update_index", stdout=io.StringIO())
    english = client.get("/help/search/", {"q": "invoice", "format": "json"}).json()
    dutch = client.get("/nl/help/search/", {"q": "factuur", "format": "json"}).json()
    assert {result["locale"] for result in english["results"]} == {"en"}
    assert [result["title"] for result in dutch["results"]] == ["Een factuur downloaden"]
    assert dutch["results"][0]["url"] == "/nl/help/billing/invoices/"


@pytest.mark.urls("tests.urls_prefixed")
def test_every_language_under_its_prefix(client, site, article):
    assert article.url == "/en/help/billing/invoices/"
    english = client.get("/en/help/billing/invoices/")
    dutch = client.get("/nl/help/billing/invoices/")
    assert english.status_code == dutch.status_code == 200
    assert soup(dutch).select_one("h1").text.strip() == "Een factuur downloaden"
    assert soup(english).html["lang"] == "en"
    assert soup(dutch).html["lang"] == "nl"


def test_editors_picks_are_shown_in_the_articles_language(client, site, article, category, dutch):
    from wagtail_helpcenter.models import ArticleRelatedLink

    billing_nl = category.get_translation(dutch)
    plans = site["plans"]
    article.related_links.add(ArticleRelatedLink(article=plans))
    other = ArticlePageFactory(parent=category, title="Refund a payment", slug="refunds")
    article.related_links.add(ArticleRelatedLink(article=other))
    article.save_revision().publish()
    translate(other, dutch, title="Een betaling terugstorten")
    # The Dutch article keeps the same picks (synchronised), as wagtail-localize syncs them.
    invoice_nl = site["invoice_nl"]
    invoice_nl.related_links.add(ArticleRelatedLink(article=plans))
    invoice_nl.related_links.add(ArticleRelatedLink(article=other))
    invoice_nl.save_revision().publish()
    assert billing_nl.live
    document = soup(client.get("/nl/help/billing/invoices/"))
    picks = [link.get_text(strip=True) for link in document.select(".hc-related a")]
    assert picks[:2] == ["Change your plan", "Een betaling terugstorten"]


VISITOR_TEXTS = {
    # language: (heading, search box, skip link, count for nothing found, empty text)
    "lv": (
        "Meklēt",
        "Aprakstiet savu jautājumu",
        "Pāriet uz saturu",
        "0 rezultātu vaicājumam „xylophone”",
        "Neviens raksts netika atrasts. Mēģiniet citus vārdus vai izvēlieties tēmu:",
    ),
    "zh-hans": (
        "搜索",
        "描述您的问题",
        "跳到内容",
        "找到 0 条与“xylophone”相关的结果",
        "没有找到匹配的文章。请尝试其他词语，或浏览主题：",
    ),
}


@pytest.mark.parametrize(("code", "fixture"), [("lv", "latvian"), ("zh-hans", "chinese")])
def test_latvian_and_chinese_visitors_read_the_search_page_in_their_language(
    client, help_center, category, request, code, fixture
):
    locale = request.getfixturevalue(fixture)
    translate(help_center.get_parent(), locale)
    translate(help_center, locale)
    document = soup(client.get(f"/{code}/help/search/", {"q": "xylophone"}))
    heading, search_box, skip_link, count, empty = VISITOR_TEXTS[code]
    assert (document.html["lang"], document.html["dir"]) == (code, "ltr")
    assert document.select_one("h1").get_text(strip=True) == heading
    assert document.select_one(".hc-skip-link").get_text(strip=True) == skip_link
    assert document.select_one('.hc-meta[role="status"]').get_text(strip=True) == count
    assert empty in document.select_one(".hc-empty").get_text(" ", strip=True)
    assert document.select_one("input[type=search]")["placeholder"] == search_box
    english = soup(client.get("/help/search/", {"q": "xylophone"}))
    assert english.select_one("h1").get_text(strip=True) == "Search"


def test_the_switcher_names_latvian_and_chinese_in_their_own_words(
    client, article, latvian, chinese
):
    translate(article, latvian, title="Lejupielādēt rēķinu")
    translate(article, chinese, title="下载发票")
    document = soup(client.get("/lv/help/billing/invoices/"))
    assert switcher(document) == [
        ("en", "English", "a"),
        ("lv", "Latviešu", "span"),  # Django's own table writes "latviešu"
        ("zh-hans", "简体中文", "a"),
    ]
