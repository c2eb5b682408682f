"""The database backend's text analysis (wagtail_helpcenter.search.analysis), on SQLite
and on PostgreSQL: word forms per content language, Chinese found by its words,
autocomplete untouched by stemming, modelsearch's ordering without relevance, and
modelsearch's own SQLite backend still working on the same database.

Not marked ``search``: OpenSearch has analyzers of its own (engine_languages)."""

import pytest
from django.conf import settings
from django.db import connection
from modelsearch.backends.database.sqlite.utils import fts5_available
from wagtail.search.backends import get_search_backend

from tests.factories import ArticlePageFactory, FAQPageFactory, add_faq_items
from wagtail_helpcenter.models import ArticlePage, FAQItem
from wagtail_helpcenter.search import analysis

pytestmark = pytest.mark.django_db

ON_SQLITE = connection.vendor == "sqlite"
ON_DATABASE_BACKEND = settings.SEARCH_ENGINE == "database"
needs_database_backend = pytest.mark.skipif(
    not ON_DATABASE_BACKEND, reason="the database backend's own analysis"
)


def paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


def translated(page, locale, **fields):
    """``page``'s copy in ``locale`` (its parents copied too), with ``fields``, live."""
    copy = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    return copy.specific_class.objects.get(pk=copy.pk)


def search_json(client, help_center, language, q):
    prefix = "" if language == "en" else f"/{language}"
    response = client.get(f"{prefix}{help_center.url}search/", {"q": q, "format": "json"})
    assert response.status_code == 200, response.content
    return [result["title"] for result in response.json()["results"]]


def search_titles(query, queryset, **kwargs):
    return [page.title for page in get_search_backend().search(query, queryset, **kwargs)]


# The analysis itself ---------------------------------------------------------------------


def test_chinese_is_indexed_as_character_pairs():
    assert analysis.analyse("如何申请退货", "zh-hans") == "如何 何申 申请 请退 退货"
    # A word of two characters or more is the phrase of its own pairs.
    assert analysis.query_phrases("知识库", ["zh-hans"]) == [("知识", "识库")]
    # Latin words inside Chinese text stay words.
    assert analysis.analyse("iPhone手机", "zh-hans") == "iphone 手机"


def test_japanese_is_indexed_as_character_pairs():
    assert analysis.analyse("パスワード", "ja") == "パス スワ ワー ード"


@pytest.mark.parametrize(
    ("language", "words", "stem"),
    [
        ("en", ["invoices", "invoice"], "invoic"),
        ("en", ["tracking", "track"], "track"),
        ("nl", ["facturen", "factuur"], "factuur"),
        ("nl", ["bestellingen", "bestelling"], "bestel"),
        ("lv", ["parole", "paroli", "paroles", "parolēm"], "parol"),
        ("lv", ["rēķins", "rēķini", "rēķinu"], "rekin"),  # diacritics dropped after stemming
    ],
)
def test_word_forms_share_a_stem(language, words, stem):
    assert {analysis.analyse(word, language) for word in words} == {stem}


def test_latvian_stemmer_undoes_palatalisation():
    assert analysis.latvian_stem("brāļu") == "brāl"  # genitive plural of "brālis"
    assert analysis.latvian_stem("kāja") == "kāj"
    assert analysis.latvian_stem("un") == "un"  # too short to lose anything


def test_a_language_without_stemmer_keeps_words_as_written():
    assert analysis.analyse("Invoices Tracking", "xx") == "invoices tracking"


# Through the backend, in each content language -------------------------------------------


@needs_database_backend
def test_chinese_words_find_chinese_pages(client, help_center, category, chinese):
    translated(help_center, chinese)
    refund = ArticlePageFactory(parent=category, title="Request a refund", slug="refund")
    kb = ArticlePageFactory(parent=category, title="Knowledge base", slug="kb")
    translated(refund, chinese, title="如何申请退货", body=paragraph("在订单页面点击申请。"))
    translated(kb, chinese, title="什么是知识库系统", body=paragraph("文章和常见问题。"))
    assert search_json(client, help_center, "zh-hans", "退货") == ["如何申请退货"]
    assert search_json(client, help_center, "zh-hans", "知识库") == ["什么是知识库系统"]
    assert search_json(client, help_center, "zh-hans", "订单") == ["如何申请退货"]  # body
    # Characters that are not next to each other in the text are not a word of it.
    assert search_json(client, help_center, "zh-hans", "退知") == []


@needs_database_backend
def test_dutch_word_forms_find_dutch_pages(client, help_center, category, dutch):
    translated(help_center, dutch)
    article = ArticlePageFactory(parent=category, title="Your invoice", slug="invoice")
    translated(article, dutch, title="Uw factuur", body=paragraph("Download de factuur."))
    assert search_json(client, help_center, "nl", "facturen") == ["Uw factuur"]
    assert search_json(client, help_center, "nl", "factuur") == ["Uw factuur"]


@needs_database_backend
def test_latvian_word_forms_find_latvian_pages(client, help_center, category, latvian):
    translated(help_center, latvian)
    article = ArticlePageFactory(parent=category, title="Change password", slug="password")
    translated(article, latvian, title="Kā nomainīt paroli", body=paragraph("Atveriet profilu."))
    assert search_json(client, help_center, "lv", "parole") == ["Kā nomainīt paroli"]
    assert search_json(client, help_center, "lv", "profils") == ["Kā nomainīt paroli"]


@needs_database_backend
def test_english_keeps_its_word_forms(client, help_center, category):
    ArticlePageFactory(parent=category, title="Download an invoice", slug="invoice")
    ArticlePageFactory(
        parent=category, title="Shipping", slug="ship", body=paragraph("Track your parcel.")
    )
    assert search_json(client, help_center, "en", "invoices") == ["Download an invoice"]
    assert search_json(client, help_center, "en", "tracking") == ["Shipping"]


@needs_database_backend
def test_faq_answers_are_analysed_in_their_language(help_center, dutch):
    faq = FAQPageFactory(parent=help_center, title="FAQ", slug="faq")
    add_faq_items(faq, ("Where is my invoice?", "Under Billing."))
    translated(help_center, dutch)
    faq_nl = translated(faq, dutch)
    item = FAQItem.objects.get(page=faq_nl)
    item.question, item.answer = "Waar vind ik mijn facturen?", "Onder Betalingen."
    item.save()
    get_search_backend().add(item)
    items = FAQItem.objects.filter(page__in=type(faq_nl).objects.filter(locale=dutch))
    assert [found.question for found in get_search_backend().search("factuur", items)] == [
        "Waar vind ik mijn facturen?"
    ]


@needs_database_backend
def test_a_query_on_every_locale_tries_every_language(category, dutch):
    """Wagtail's admin searches pages of every locale: each language's stem is tried."""
    article = ArticlePageFactory(parent=category, title="Your invoice", slug="invoice")
    translated(category.get_parent(), dutch)
    translated(article, dutch, title="Uw factuur", body=paragraph("Download."))
    assert search_titles("facturen", ArticlePage.objects.all()) == ["Uw factuur"]
    assert search_titles("invoices", ArticlePage.objects.all()) == ["Your invoice"]


# What modelsearch's own tests found ------------------------------------------------------


@needs_database_backend
def test_autocomplete_matches_words_as_written_mid_word(category):
    """Wagtail's choosers complete what an editor is typing: stemming the autocomplete
    words ("learn") would lose "Learni" and "Learnin"."""
    ArticlePageFactory(parent=category, title="Learning the basics", slug="learning")
    for prefix in ("Learn", "Learni", "Learnin", "Learning"):
        found = [page.title for page in get_search_backend().autocomplete(prefix, ArticlePage)]
        assert found == ["Learning the basics"], prefix


@needs_database_backend
def test_without_relevance_results_come_newest_first(category):
    """order_by_relevance=False on an unordered queryset: modelsearch's -pk order, so
    that pages of results are stable."""
    pages = [
        ArticlePageFactory(parent=category, title=f"Invoice {n}", slug=f"invoice-{n}")
        for n in range(4)
    ]
    queryset = ArticlePage.objects.order_by()
    found = list(get_search_backend().search("invoice", queryset, order_by_relevance=False))
    assert [page.pk for page in found] == sorted((page.pk for page in pages), reverse=True)
    window = get_search_backend().search("invoice", queryset, order_by_relevance=False)[1:3]
    assert [page.pk for page in window] == sorted((p.pk for p in pages), reverse=True)[1:3]


@pytest.mark.skipif(not ON_SQLITE or not fts5_available(), reason="SQLite's FTS5 tables")
@needs_database_backend
def test_modelsearch_sqlite_backend_still_works_on_the_same_database(category):
    """modelsearch's own FTS table keeps modelsearch's tokenizer: its backend finds the
    words as written and completes them, on the index our backend wrote."""
    ArticlePageFactory(parent=category, title="Learning about invoices", slug="learning")
    theirs = get_search_backend("modelsearch.backends.database")
    assert type(theirs).__module__.startswith("modelsearch.backends.database.sqlite")
    assert [page.title for page in theirs.search("invoices", ArticlePage)] == [
        "Learning about invoices"
    ]
    assert [page.title for page in theirs.autocomplete("Learni", ArticlePage)] == [
        "Learning about invoices"
    ]


@pytest.mark.skipif(not ON_SQLITE or not fts5_available(), reason="SQLite's FTS5 tables")
@needs_database_backend
def test_a_site_upgraded_from_the_porter_table_gets_both_tables_back(category, dutch):
    """An earlier version replaced modelsearch's FTS table with a porter-stemmed one, and
    had no table of its own: after migrate, modelsearch's table is modelsearch's again
    and ours is built from the index entries, each in its page's language."""
    from modelsearch.backends.database.sqlite.sqlite import IndexEntry, SQLiteFTSIndexEntry

    from wagtail_helpcenter.search.backends import sqlite_text
    from wagtail_helpcenter.search.backends.database import ensure_text_index

    article = ArticlePageFactory(parent=category, title="Learning invoices", slug="learning")
    translated(category.get_parent(), dutch)
    translated(article, dutch, title="Uw factuur", body=paragraph("Download."))
    fts_table = SQLiteFTSIndexEntry._meta.db_table
    with connection.cursor() as cursor:  # the table as ensure_stemming left it
        cursor.execute(f'DROP TABLE "{fts_table}"')
        cursor.execute(
            f'CREATE VIRTUAL TABLE "{fts_table}" USING fts5(autocomplete, body, title,'
            " tokenize='porter unicode61 remove_diacritics 2')"
        )
        cursor.execute(
            f'INSERT INTO "{fts_table}"(rowid, title, body, autocomplete)'
            f' SELECT id, title, body, autocomplete FROM "{IndexEntry._meta.db_table}"'
        )
        cursor.execute(f'DROP TABLE "{sqlite_text.TEXT_TABLE}"')
    assert ensure_text_index(connection.alias) is True
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [fts_table])
        assert "porter" not in cursor.fetchone()[0]
    assert search_titles("facturen", ArticlePage.objects.filter(locale=dutch)) == ["Uw factuur"]
    assert [page.title for page in get_search_backend().autocomplete("Learni", ArticlePage)] == [
        "Learning invoices"
    ]
    assert ensure_text_index(connection.alias) is False  # nothing left to do


def test_the_query_language_is_the_candidates_locale(help_center, dutch, latvian):
    """The visitor's search restricts articles to the help center's locale, and FAQ
    answers to FAQ pages of it: that locale's language analyses the query."""
    from wagtail_helpcenter.models import FAQPage

    assert analysis.queryset_languages(ArticlePage.objects.filter(locale=dutch)) == ["nl"]
    assert analysis.queryset_languages(
        ArticlePage.objects.live().filter(locale_id=latvian.pk, depth__gte=2)
    ) == ["lv"]
    items = FAQItem.objects.filter(page__in=FAQPage.objects.filter(locale_id=dutch.pk))
    assert analysis.queryset_languages(items) == ["nl"]
    # Not restricted to a locale: every content language of the site.
    assert analysis.queryset_languages(ArticlePage.objects.all()) == [
        "en", "nl", "fa", "lv", "zh-hans",
    ]  # fmt: skip
