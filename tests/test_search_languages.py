"""Search in languages whose words the engines must be told about: Chinese and Japanese
(no spaces between words: a word of two or more characters finds the pages that hold
it, and a single character shared by chance does not make an unrelated page come first)
and Latvian (word forms: "parole" finds "paroli").

Shared by every engine, as tests/test_search.py. On OpenSearch, tests/settings.py maps
"zh-hans" to the built-in ``cjk`` analyzer and "lv" to ``latvian`` (LANGUAGE_ANALYZERS),
and ``helpcenter_index_settings`` pairs CJK characters in the default analyzer, for pages
in a language without an analyzer of its own.
"""

import pytest
from django.conf import settings
from wagtail.search.backends import get_search_backend

from tests.factories import ArticlePageFactory, CategoryPageFactory
from wagtail_helpcenter.search.backends.engine_synonyms import settings_with_synonyms
from wagtail_helpcenter.search.engines import helpcenter_index_settings

pytestmark = [pytest.mark.search, pytest.mark.django_db]

ON_OPENSEARCH = settings.SEARCH_ENGINE == "opensearch"
ON_DATABASE = settings.SEARCH_ENGINE == "database"


def paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


@pytest.fixture(autouse=True)
def clean_index(search_index):
    """Every test starts from an empty engine index; pages are created after it."""


def in_language(help_center, locale):
    """The help center's translation into ``locale`` (with its site root), and a category
    in it."""
    help_center.get_parent().copy_for_translation(locale).save_revision().publish()
    translated = help_center.copy_for_translation(locale, copy_parents=True)
    translated.save_revision().publish()
    return CategoryPageFactory(parent=translated, title="Help", slug="help-topics")


def article(parent, title, slug, body):
    return ArticlePageFactory(
        parent=parent, title=title, slug=slug, summary="", body=paragraph(body)
    )


def search_titles(client, code, help_center, query):
    prefix = f"/{code}" if code != settings.LANGUAGE_CODE else ""
    response = client.get(f"{prefix}{help_center.url}search/", {"q": query, "format": "json"})
    assert response.status_code == 200, response.content
    return [result["title"] for result in response.json()["results"]]


@pytest.fixture
def chinese_pages(help_center, chinese):
    category = in_language(help_center, chinese)
    pages = {
        "returns": article(category, "如何申请退货", "returns", "在订单页面点击申请退货按钮。"),
        "knowledge": article(
            category, "什么是知识库系统", "knowledge-base", "它帮助团队整理答案。"
        ),
        # Share one character each with the searches below ("货", "库"), many times over.
        "currency": article(category, "货币设置", "currency", "货币、货运和货物的货币单位。"),
        "warehouse": article(category, "仓库地址", "warehouse", "仓库、车库和仓库管理。"),
    }
    get_search_backend().refresh_indexes()
    return pages


@pytest.mark.parametrize(
    ("query", "found", "unrelated"),
    [("退货", "如何申请退货", "货币设置"), ("知识库", "什么是知识库系统", "仓库地址")],
)
def test_a_chinese_word_finds_the_pages_that_hold_it(
    client, help_center, chinese_pages, query, found, unrelated
):
    titles = search_titles(client, "zh-hans", help_center, query)
    assert titles[:1] == [found]
    if ON_OPENSEARCH:  # pairs of characters: "货币" is not "退货"
        assert unrelated not in titles


def test_a_chinese_word_inside_a_longer_question(client, help_center, chinese_pages):
    titles = search_titles(client, "zh-hans", help_center, "怎么申请退货")
    assert titles[:1] == ["如何申请退货"]


def test_chinese_pages_are_not_found_in_another_language(client, help_center, chinese_pages):
    assert search_titles(client, "en", help_center, "退货") == []


def test_a_japanese_word_on_a_page_without_an_analyzer_of_its_own(client, help_center, category):
    """No "ja" in LANGUAGE_ANALYZERS: the default analyzer pairs the characters."""
    article(category, "パスワードの再設定", "password-ja", "メールのリンクから再設定します。")
    article(category, "設備の案内", "facilities-ja", "設備、設置、建設の案内。")
    get_search_backend().refresh_indexes()
    titles = search_titles(client, "en", help_center, "再設定")
    assert titles[:1] == ["パスワードの再設定"]
    if ON_OPENSEARCH:
        assert "設備の案内" not in titles
    assert search_titles(client, "en", help_center, "パスワード")[:1] == ["パスワードの再設定"]


@pytest.fixture
def latvian_pages(help_center, latvian):
    category = in_language(help_center, latvian)
    pages = {
        "password": article(
            category,
            "Kā nomainīt paroli",
            "password",
            "Atveriet sava konta iestatījumus un ievadiet jauno paroli.",
        ),
        "invoice": article(category, "Rēķinu lejupielāde", "invoices", "Rēķins ir PDF formātā."),
    }
    get_search_backend().refresh_indexes()
    return pages


def test_a_latvian_word_as_written(client, help_center, latvian_pages):
    assert search_titles(client, "lv", help_center, "paroli") == ["Kā nomainīt paroli"]


def test_a_latvian_word_in_another_form(client, help_center, latvian_pages):
    assert search_titles(client, "lv", help_center, "parole") == ["Kā nomainīt paroli"]
    assert search_titles(client, "lv", help_center, "rēķini") == ["Rēķinu lejupielāde"]
    # Too far apart for typo tolerance ("kontiem" and "konta"), one word to the Latvian
    # stemmer ("kont").
    assert search_titles(client, "lv", help_center, "kontiem") == ["Kā nomainīt paroli"]


def test_synonyms_come_after_width_and_case_folding_and_before_pairs_and_stems():
    analysis = settings_with_synonyms(helpcenter_index_settings(), ["退货, 退款"])["settings"]
    assert analysis["analysis"]["analyzer"]["default"]["filter"] == [
        "cjk_width",
        "lowercase",
        "asciifolding",
        "helpcenter_synonyms",
        "cjk_bigram",
        "helpcenter_stemmer",
    ]
