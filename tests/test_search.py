"""Search tests shared by every engine, as django-modelsearch does.

`make test` runs this module on the database backend (SQLite) and again on a real
OpenSearch node (HELPCENTER_TEST_SEARCH_ENGINE=opensearch). Where engines differ by
design (typo tolerance), the test says what each one does.
"""

import json

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from wagtail.search.backends import get_search_backend

from tests.factories import (
    ArticlePageFactory,
    CategoryPageFactory,
    FAQPageFactory,
    HelpCenterPageFactory,
    add_faq_items,
    figure_block,
)
from tests.utils import soup

pytestmark = [pytest.mark.search, pytest.mark.django_db]

ON_OPENSEARCH = settings.SEARCH_ENGINE == "opensearch"
ON_SQLITE = settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
# Wagtail's database backend on PostgreSQL/MySQL has no category facet (docs/reference/search.md).
HAS_CATEGORY_FACET = ON_OPENSEARCH or ON_SQLITE


def paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


@pytest.fixture(autouse=True)
def clean_index(search_index):
    """Every test starts from an empty engine index."""


def refresh():
    get_search_backend().refresh_indexes()


@pytest.fixture
def corpus(help_center, category, internal_category):
    return build_corpus(help_center, category, internal_category)


def build_corpus(help_center, category, internal_category):
    account = CategoryPageFactory(parent=help_center, title="Account", slug="account")
    shipping = CategoryPageFactory(parent=help_center, title="Shipping", slug="shipping")
    pages = {
        "invoice": ArticlePageFactory(
            parent=category,
            title="Download an invoice",
            slug="download-invoice",
            summary="Get a PDF copy of any invoice.",
            body=paragraph("Open Settings, then Billing, and choose the month."),
        ),
        "refund": ArticlePageFactory(
            parent=category,
            title="Request a refund",
            slug="refund",
            summary="When you can get your money back.",
            body=paragraph("Yearly plans are refunded within 14 days of payment."),
        ),
        "password": ArticlePageFactory(
            parent=account,
            title="Reset your password",
            slug="reset-password",
            summary="Forgot it? Get a reset link.",
            body=paragraph("We email a link that works for one hour."),
        ),
        "body_only": ArticlePageFactory(
            parent=account,
            title="Security checklist",
            slug="security-checklist",
            summary="Keep your account safe.",
            body=paragraph("Change your password every year and never share it."),
        ),
        "tracking": ArticlePageFactory(
            parent=shipping,
            title="Track your parcel",
            slug="track-parcel",
            summary="Follow a delivery step by step.",
            body=paragraph("The courier updates the status twice a day."),
        ),
        "internal": ArticlePageFactory(
            parent=internal_category,
            title="Refund escalation for invoices",
            slug="refund-escalation",
            summary="Internal approval limits.",
        ),
        "draft": ArticlePageFactory(
            parent=category, title="Invoice redesign (draft)", slug="invoice-draft", live=False
        ),
    }
    pages["faq"] = add_faq_items(
        FAQPageFactory(parent=category, title="Billing FAQ", slug="billing-faq"),
        ("When am I charged?", "<p>On the day your plan renews.</p>"),
        ("Can I pay by bank transfer?", "<p>Yes, on yearly Business plans.</p>"),
    )
    other = HelpCenterPageFactory(parent=help_center.get_parent(), title="Other", slug="other")
    other_category = CategoryPageFactory(parent=other, title="Other billing")
    pages["other"] = ArticlePageFactory(parent=other_category, title="Invoice in other product")
    refresh()
    return pages


def search_json(client, help_center, **params):
    response = client.get(help_center.url + "search/", {"format": "json", **params})
    assert response.status_code == 200, response.content
    return response.json()


def titles(data):
    return [result["title"] for result in data["results"]]


class TestFinding:
    def test_finds_by_title_and_by_body(self, client, help_center, corpus):
        assert "Download an invoice" in titles(search_json(client, help_center, q="invoice"))
        assert "Request a refund" in titles(search_json(client, help_center, q="yearly"))

    def test_a_question_in_own_words_finds_the_answer(self, client, help_center, corpus):
        data = search_json(client, help_center, q="how do I get a copy of my invoice as a pdf")
        assert titles(data)[0] == "Download an invoice"

    def test_not_every_word_is_required(self, client, help_center, corpus):
        data = search_json(client, help_center, q="reset password banana")
        assert titles(data)[0] == "Reset your password"

    def test_word_forms_match(self, client, help_center, corpus):
        assert "Download an invoice" in titles(search_json(client, help_center, q="invoices"))
        assert "Track your parcel" in titles(search_json(client, help_center, q="tracking"))

    def test_title_match_ranks_above_body_match(self, client, help_center, corpus):
        data = search_json(client, help_center, q="password")
        assert titles(data)[:2] == ["Reset your password", "Security checklist"]

    def test_typo_tolerance_on_every_engine(self, client, help_center, corpus):
        data = search_json(client, help_center, q="reset pasword")
        assert titles(data)[0] == "Reset your password"
        if not ON_OPENSEARCH:
            # The database has no fuzzy matching: the misspelt word is searched as the
            # help center's closest word, and the page says so.
            assert data["corrected_query"] == "reset password"
            exact = search_json(client, help_center, q="reset pasword", exact="1")
            assert exact["corrected_query"] is None
            assert "Security checklist" not in titles(exact)  # "password" was not searched

    def test_a_known_word_is_never_corrected(self, client, help_center, corpus):
        data = search_json(client, help_center, q="parcel")
        assert data["corrected_query"] is None

    def test_faq_answers_are_found_one_by_one(self, client, help_center, corpus):
        data = search_json(client, help_center, q="bank transfer")
        first = data["results"][0]
        assert first["title"] == "Can I pay by bank transfer?"
        assert first["kind"] == "faq"
        assert first["url"] == corpus["faq"].url + "#can-i-pay-by-bank-transfer"
        assert first["category"] == "Billing"
        assert "When am I charged?" not in titles(data)


class TestScope:
    def test_only_live_pages_of_this_help_center(self, client, help_center, corpus):
        found = titles(search_json(client, help_center, q="invoice"))
        assert "Invoice redesign (draft)" not in found
        assert "Invoice in other product" not in found

    def test_category_filter_and_kind_filter(self, client, help_center, corpus, category):
        data = search_json(client, help_center, q="refund password", category=category.pk)
        assert titles(data) == ["Request a refund"]
        data = search_json(client, help_center, q="renews invoice", kind="faq")
        assert {result["kind"] for result in data["results"]} == {"faq"}
        assert data["facets"]["kind"] == [
            {"value": "article", "count": 1},
            {"value": "faq", "count": 1},
        ]

    def test_category_of_another_help_center_finds_nothing(self, client, help_center, corpus):
        other_category = corpus["other"].get_parent()
        data = search_json(client, help_center, q="invoice", category=other_category.pk)
        assert data["total"] == 0


class TestPrivacy:
    def test_internal_pages_never_reach_visitors(self, client, customer, help_center, corpus):
        for who in (None, customer):
            if who:
                client.force_login(who)
            data = search_json(client, help_center, q="refund escalation invoices")
            assert "Refund escalation for invoices" not in titles(data)
            assert data["total"] == sum(facet["count"] for facet in data["facets"]["kind"])
            assert corpus["internal"].url not in json.dumps(data)
            suggestions = client.get(help_center.url + "search/suggest/", {"q": "refund esc"})
            assert corpus["internal"].url not in suggestions.content.decode()
            html = client.get(help_center.url + "search/", {"q": "escalation"}).content.decode()
            assert "Refund escalation" not in html

    def test_staff_find_internal_pages(self, client, staff_user, help_center, corpus):
        client.force_login(staff_user)
        data = search_json(client, help_center, q="escalation")
        assert titles(data) == ["Refund escalation for invoices"]

    def test_internal_category_as_filter_finds_nothing_for_visitors(
        self, client, help_center, corpus, internal_category
    ):
        data = search_json(client, help_center, q="refund", category=internal_category.pk)
        assert data["total"] == 0


class TestResults:
    def test_json_shape(self, client, help_center, corpus):
        data = search_json(client, help_center, q="invoice")
        assert set(data) >= {
            "query", "total", "page", "results", "facets", "suggestion", "corrected_query",
            "answer", "degraded",
        }  # fmt: skip
        result = data["results"][0]
        assert set(result) == {
            "title", "url", "summary", "kind", "category", "locale", "highlight",
            "other_language",
        }  # fmt: skip
        assert result["locale"] == "en"
        assert "<mark>" in result["highlight"]

    def test_highlight_shows_article_text_only(self, client, help_center, category):
        ArticlePageFactory(
            parent=category,
            title="Callouts",
            summary="",
            body=[
                {
                    "type": "callout",
                    "value": {"kind": "tip", "title": "", "text": "<p>Ask for an invoice.</p>"},
                },
            ],
        )
        refresh()
        highlight = search_json(client, help_center, q="invoice")["results"][0]["highlight"]
        assert "Ask for an <mark>invoice.</mark>" in highlight
        assert "callout" not in highlight
        assert "Tip" not in highlight  # the callout kind's label is not the article's text

    def test_highlight_reads_past_images(self, client, help_center, category):
        import wagtail_factories

        image = wagtail_factories.ImageFactory()
        figure = figure_block(image, caption="Where to click")
        ArticlePageFactory(
            parent=category,
            title="Billing settings",
            summary="Where the billing options are.",
            body=[figure, *paragraph("Choose the month of the invoice you need.")],
        )
        refresh()
        [result] = search_json(client, help_center, q="invoice")["results"]
        assert "<mark>invoice</mark>" in result["highlight"]
        assert "Where to click" in result["highlight"]

    def test_highlight_is_escaped(self, client, help_center, category):
        ArticlePageFactory(
            parent=category,
            title="Scripts",
            summary="Never run <script>alert(1)</script> from an invoice.",
        )
        refresh()
        highlight = search_json(client, help_center, q="invoice")["results"][0]["highlight"]
        assert "<script>" not in highlight
        assert "&lt;script&gt;" in highlight
        assert "<mark>invoice.</mark>" in highlight

    def test_pagination_over_articles_and_answers(self, client, help_center, category):
        for n in range(7):
            ArticlePageFactory(parent=category, title=f"Invoice topic {n}")
        add_faq_items(
            FAQPageFactory(parent=category),
            *[(f"Invoice question {n}?", "<p>Answer.</p>") for n in range(5)],
        )
        refresh()
        with override_settings(WAGTAIL_HELPCENTER={"SEARCH_PAGE_SIZE": 5}):
            pages = [search_json(client, help_center, q="invoice", page=n) for n in (1, 2, 3)]
            beyond = search_json(client, help_center, q="invoice", page=99)
        assert [data["total"] for data in pages] == [12, 12, 12]
        seen = [title for data in pages for title in titles(data)]
        assert len(seen) == len(set(seen)) == 12
        assert beyond["page"] == 3
        assert titles(beyond) == titles(pages[2])

    def test_hidden_best_matches_do_not_shorten_the_pages(
        self, client, staff_user, help_center, category, internal_category
    ):
        # Internal articles match best (the word in their titles): a visitor's pages
        # must still fill up with the public articles ranked after them.
        for n in range(25):
            ArticlePageFactory(parent=internal_category, title=f"Invoice playbook {n}")
        for n in range(12):
            ArticlePageFactory(
                parent=category, title=f"Billing note {n}", body=paragraph("About an invoice.")
            )
        refresh()
        first, second = (search_json(client, help_center, q="invoice", page=n) for n in (1, 2))
        assert first["total"] == 12
        shown = titles(first) + titles(second)
        assert sorted(shown) == sorted(f"Billing note {n}" for n in range(12))
        client.force_login(staff_user)
        staff = search_json(client, help_center, q="invoice")
        assert staff["total"] == 37
        assert all(title.startswith("Invoice playbook") for title in titles(staff))

    def test_html_page_shows_results_and_empty_state(self, client, help_center, corpus):
        document = soup(client.get(help_center.url + "search/", {"q": "invoice"}))
        assert "Download an invoice" in [a.get_text() for a in document.select(".hc-results a")]
        empty = soup(client.get(help_center.url + "search/", {"q": "xylophone"}))
        assert empty.select_one(".hc-empty")
        assert "Billing" in [a.get_text() for a in empty.select(".hc-card a")]

    def test_suggestions_from_two_letters(self, client, help_center, corpus):
        url = help_center.url + "search/suggest/"
        assert client.get(url, {"q": "r"}).json() == []
        found = client.get(url, {"q": "reset pass"}).json()
        assert {
            "title": "Reset your password",
            "url": corpus["password"].url,
            "kind": "article",
        } in (found)


WEIRD_QUERIES = [
    "",
    "   ",
    "x" * 10_000,
    "🙂 invoice 🚀",
    "فاتورة",
    "חשבונית",
    '"unbalanced',
    '"invoice"',
    "*",
    "inv*",
    "title:invoice",
    "invoice~2",
    "\\",
    "(invoice",
    "AND OR NOT",
    "invoice AND NOT refund",
    "NEAR(invoice refund)",
    "'; DROP TABLE wagtailcore_page; --",
    "\x00",
]


class TestBadInput:
    @pytest.mark.parametrize("query", WEIRD_QUERIES)
    def test_any_query_answers_200(self, client, help_center, corpus, query):
        for params in ({"q": query}, {"q": query, "format": "json"}):
            response = client.get(help_center.url + "search/", params)
            assert response.status_code == 200, (query, response.content[:300])
        assert client.get(help_center.url + "search/suggest/", {"q": query}).status_code == 200

    @pytest.mark.parametrize(
        "params, message",
        [
            ({"page": "abc"}, "page number"),
            ({"page": "-1"}, "page number"),
            ({"page": "9" * 40}, "page number"),
            ({"page": "²"}, "page number"),
            ({"category": "billing"}, "category must be a page id"),
            ({"category": "-3"}, "category must be a page id"),
            ({"category": "²"}, "category must be a page id"),
            ({"kind": "video"}, "kind must be"),
            ({"format": "xml"}, "format must be"),
        ],
    )
    def test_malformed_parameters_are_400_with_a_message(
        self, client, help_center, corpus, params, message
    ):
        html = client.get(help_center.url + "search/", {"q": "invoice", **params})
        assert html.status_code == 400
        assert message in html.content.decode()
        if "format" not in params:
            data = client.get(
                help_center.url + "search/", {"q": "invoice", "format": "json", **params}
            )
            assert data.status_code == 400
            assert message in data.json()["error"]

    def test_unknown_category_id_is_an_empty_result(self, client, help_center, corpus):
        assert search_json(client, help_center, q="invoice", category=999999)["total"] == 0

    @hypothesis_settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        q=st.text(max_size=300),
        page=st.one_of(st.none(), st.text(max_size=12), st.integers(-5, 10**12).map(str)),
        category=st.one_of(st.none(), st.text(max_size=8), st.integers(-5, 10**6).map(str)),
        kind=st.one_of(
            st.none(), st.sampled_from(["article", "faq", "", "FAQ"]), st.text(max_size=5)
        ),
        output=st.sampled_from(["", "json", "html", "xml"]),
    )
    def test_fuzzed_parameters_never_500(
        self, client, help_center, corpus, q, page, category, kind, output
    ):
        params = {"q": q, "format": output}
        for name, value in (("page", page), ("category", category), ("kind", kind)):
            if value is not None:
                params[name] = value
        params = {name: value.replace("\x00", "") for name, value in params.items()}
        response = client.get(help_center.url + "search/", params)
        assert response.status_code in (200, 400)


class TestEngineDown:
    def test_falls_back_to_the_database_with_a_notice(self, client, help_center, corpus, caplog):
        # A real OpenSearch client pointed at a loopback port where nothing listens.
        down = {
            "default": {
                "BACKEND": "wagtail.search.backends.opensearch2",
                "URLS": ["http://127.0.0.1:9"],
                "TIMEOUT": 2,
                "AUTO_UPDATE": False,
            },
            "database": {"BACKEND": "wagtail_helpcenter.search.backends.database"},
        }
        with override_settings(WAGTAILSEARCH_BACKENDS=down):
            response = client.get(help_center.url + "search/", {"q": "invoice"})
            data = search_json(client, help_center, q="invoice")
            suggestions = client.get(help_center.url + "search/suggest/", {"q": "inv"})
        assert response.status_code == 200
        assert "simpler mode" in response.content.decode()
        assert data["degraded"] is True
        assert suggestions.status_code == 200
        assert "search engine failed" in caplog.text


@pytest.mark.skipif(ON_OPENSEARCH, reason="counts SQL queries of the database backend")
def test_sql_queries_do_not_grow_with_faq_answers(client, help_center, category):
    def queries(count):
        add_faq_items(
            FAQPageFactory(parent=category),
            *[(f"Invoice question {count}-{n}?", "<p>Answer.</p>") for n in range(count)],
        )
        client.get(help_center.url + "search/", {"q": "invoice"})
        with CaptureQueriesContext(connection) as context:
            response = client.get(help_center.url + "search/", {"q": "invoice"})
        assert response.status_code == 200
        return len(context.captured_queries)

    assert queries(2) == queries(12)


@pytest.mark.skipif(ON_OPENSEARCH, reason="counts SQL queries of the database backend")
def test_search_page_sql_queries_do_not_grow_with_hits(client, help_center, category):
    def queries(count):
        for n in range(count):
            ArticlePageFactory(parent=category, title=f"Invoice {count}-{n}")
        # Warm up with the same query: its search-term row exists from then on.
        client.get(help_center.url + "search/", {"q": "invoice"})
        with CaptureQueriesContext(connection) as context:
            response = client.get(help_center.url + "search/", {"q": "invoice"})
        assert response.status_code == 200
        return len(context.captured_queries)

    few = queries(3)
    many = queries(60)
    assert many == few


@pytest.mark.skipif(not ON_SQLITE or ON_OPENSEARCH, reason="the SQLite backend's ranking plan")
def test_ranking_falls_back_to_probing_every_match(
    client, help_center, category, internal_category, monkeypatch
):
    """When the best matches are mostly filtered out, the SQLite backend stops widening
    its window and lets SQLite check every match: the same results."""
    from wagtail_helpcenter.search.backends import sqlite_fast

    for n in range(30):
        ArticlePageFactory(parent=internal_category, title=f"Invoice playbook {n}")
    for n in range(3):
        ArticlePageFactory(parent=category, title=f"Billing note {n}", body=paragraph("invoice"))
    widened = search_json(client, help_center, q="invoice")
    monkeypatch.setattr(sqlite_fast, "RANKING_ROUNDS", 1)
    probed = search_json(client, help_center, q="invoice")
    assert probed["total"] == widened["total"] == 3
    assert titles(probed) == titles(widened)
    assert sorted(titles(probed)) == [f"Billing note {n}" for n in range(3)]


class TestEditorsPicks:
    def promote(self, query, **fields):
        from wagtail.contrib.search_promotions.models import Query, SearchPromotion

        return SearchPromotion.objects.create(query=Query.get(query), **fields)

    def test_picks_are_pinned_on_top_of_page_one(self, client, help_center, corpus):
        self.promote("Money back", page=corpus["refund"], description="Our refund policy.")
        self.promote(
            "money back",
            external_link_url="https://status.example.com",
            external_link_text="Status",
        )
        data = search_json(client, help_center, q="money  back")
        assert data["picks"] == [
            {
                "title": "Request a refund",
                "url": corpus["refund"].url,
                "summary": "Our refund policy.",
            },
            {"title": "Status", "url": "https://status.example.com", "summary": ""},
        ]
        html = client.get(help_center.url + "search/", {"q": "money back"}).content.decode()
        assert (
            html.index("Our refund policy.") < html.index("hc-results")
            if "hc-results" in html
            else True
        )
        assert search_json(client, help_center, q="money back", page=2)["picks"] in (
            [],
            data["picks"],
        )

    def test_internal_draft_or_foreign_picks_are_not_shown(
        self, client, staff_user, help_center, corpus
    ):
        for page in (corpus["internal"], corpus["draft"], corpus["other"]):
            self.promote("escalate", page=page)
        assert search_json(client, help_center, q="escalate")["picks"] == []
        client.force_login(staff_user)
        assert [
            pick["title"] for pick in search_json(client, help_center, q="escalate")["picks"]
        ] == ["Refund escalation for invoices"]


@pytest.mark.skipif(not HAS_CATEGORY_FACET, reason="no facet on this database's backend")
class TestCategoryFacet:
    def test_counts_per_top_level_category(self, client, help_center, corpus, category):
        add_faq_items(
            FAQPageFactory(parent=CategoryPageFactory(parent=category, title="Sub")),
            ("Password for billing?", "<p>Use the owner's.</p>"),
        )
        refresh()
        data = search_json(client, help_center, q="refund password")
        facets = {facet["label"]: facet["count"] for facet in data["facets"]["category"]}
        # Billing: the refund article and the FAQ answer in its subcategory.
        assert facets == {"Billing": 2, "Account": 2}
        assert data["facets"]["category"][0]["value"] in (
            category.pk,
            corpus["password"].get_parent().pk,
        )

    def test_internal_category_is_never_a_facet_for_visitors(
        self, client, staff_user, help_center, corpus
    ):
        labels = [
            f["label"]
            for f in search_json(client, help_center, q="escalation")["facets"]["category"]
        ]
        assert "Support playbook" not in labels
        client.force_login(staff_user)
        labels = [
            f["label"]
            for f in search_json(client, help_center, q="escalation")["facets"]["category"]
        ]
        assert labels == ["Support playbook"]


class TestSynonyms:
    def test_a_synonym_finds_the_article(self, client, help_center, corpus):
        from wagtail_helpcenter.models import SynonymSet

        assert "Request a refund" not in titles(search_json(client, help_center, q="reimbursement"))
        SynonymSet.objects.create(terms="refund, money back, reimbursement")
        assert titles(search_json(client, help_center, q="reimbursement"))[0] == "Request a refund"
        # A phrase matches when all its words are in the query.
        found = titles(search_json(client, help_center, q="want money back now"))
        assert "Request a refund" in found


class TestDidYouMean:
    def test_a_misspelt_word_is_searched_as_the_closest_word(self, client, help_center, corpus):
        data = search_json(client, help_center, q="refnd")
        assert titles(data)[0] == "Request a refund"
        assert data["suggestion"] is None  # results were found: nothing to suggest
        if not ON_OPENSEARCH:  # OpenSearch's fuzzy matching needs no correction
            assert data["corrected_query"] == "refund"
            html = client.get(help_center.url + "search/", {"q": "refnd"}).content.decode()
            assert "Showing results for <strong>refund</strong>" in html
            assert 'href="?q=refnd&amp;exact=1"' in html

    @pytest.mark.skipif(ON_OPENSEARCH, reason="OpenSearch corrects inside the engine")
    def test_did_you_mean_when_searching_exactly_finds_nothing(self, client, help_center, corpus):
        data = search_json(client, help_center, q="refnd", exact="1")
        assert data["total"] == 0
        assert data["suggestion"] == "refund"
        html = client.get(help_center.url + "search/", {"q": "refnd", "exact": "1"})
        assert 'Did you mean <a href="?q=refund">refund</a>?' in html.content.decode()

    def test_no_suggestion_from_internal_titles(self, client, help_center, corpus):
        # "escalation" only appears in an internal article's title.
        data = search_json(client, help_center, q="escalaton")
        assert data["suggestion"] is None
        assert data["corrected_query"] is None
        assert data["total"] == 0

    @pytest.mark.skipif(ON_OPENSEARCH, reason="typo tolerance finds the article itself")
    def test_no_correction_that_finds_nothing_visible(
        self, client, help_center, corpus, internal_category
    ):
        assert search_json(client, help_center, q="refnd")["corrected_query"] == "refund"
        # Moved to an internal section: its title is still in the cached vocabulary,
        # but a correction or a suggestion that finds nothing the visitor may see is
        # not offered.
        corpus["refund"].move(internal_category, pos="last-child")
        for exact in ("", "1"):
            data = search_json(client, help_center, q="refnd", exact=exact)
            assert data["suggestion"] is None
            assert data["corrected_query"] is None
            assert data["total"] == 0

    def test_no_suggestion_for_unknown_words(self, client, help_center, corpus):
        assert search_json(client, help_center, q="xylophone")["suggestion"] is None

    def test_a_typo_in_the_first_letter_is_corrected(self):
        from wagtail_helpcenter.search.spelling import did_you_mean

        words = ["invoice", "password", "refund"]
        assert did_you_mean(["oassword"], words) == "password"
        assert did_you_mean(["pasword", "refnud"], words) == "password refund"
        assert did_you_mean(["invoice"], words) is None

    def test_numbers_are_not_corrected(self, client, help_center, category):
        ArticlePageFactory(parent=category, title="Error 4012 when paying")
        assert search_json(client, help_center, q="4013")["corrected_query"] is None
        assert search_json(client, help_center, q="4013", exact="1")["suggestion"] is None
        if not ON_OPENSEARCH:  # whose typo tolerance finds "error" itself
            assert search_json(client, help_center, q="erorr")["corrected_query"] == "error"


@pytest.mark.skipif(not ON_OPENSEARCH, reason="the engine's analyzer exists on OpenSearch only")
def test_synonyms_are_in_the_engine_analyzer_after_a_rebuild(help_center):
    from wagtail.models import Page

    from wagtail_helpcenter.models import SynonymSet

    SynonymSet.objects.create(terms="refund, money back, reimbursement")
    backend = get_search_backend()
    backend.reset_indexes()  # what update_index does: the index is created anew
    index = backend.get_index_for_model(Page).name
    tokens = backend.es.indices.analyze(
        index=index, body={"analyzer": "default", "text": "reimbursement"}
    )["tokens"]
    assert {"refund", "reimburs"} <= {token["token"] for token in tokens}


@pytest.mark.skipif(not ON_OPENSEARCH, reason="counts requests to the engine")
def test_one_engine_request_for_a_search(client, help_center, corpus, monkeypatch):
    from opensearchpy import OpenSearch

    calls = []
    for method in ("search", "msearch"):
        original = getattr(OpenSearch, method)

        def counting(self, *args, _method=method, _original=original, **kwargs):
            calls.append(_method)
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(OpenSearch, method, counting)
    data = search_json(client, help_center, q="invoice refund charged")
    assert data["total"] > 0 and data["facets"]["category"]
    assert {result["kind"] for result in data["results"]} == {"article", "faq"}
    # Hits, totals and category facets of articles and FAQ answers: one request.
    assert calls == ["msearch"]


def test_search_in_dutch_finds_dutch_word_forms(client, help_center, category, dutch):
    """Dutch pages are matched with the Dutch stemmer ("betalingen" finds "betaal": both
    are "betal" in Dutch, too far apart for typo tolerance, and different words to the
    English stemmer): on OpenSearch with LANGUAGE_ANALYZERS, and on the database backend
    by its own analysis (the page's locale decides)."""
    help_center.get_parent().copy_for_translation(dutch).save_revision().publish()
    translated = help_center.copy_for_translation(dutch, copy_parents=True)
    translated.save_revision().publish()
    category_nl = category.copy_for_translation(dutch)
    category_nl.save_revision().publish()
    article = ArticlePageFactory(
        parent=category, title="Payments overview", slug="payments",
        body=paragraph("All payments are listed."),
    )  # fmt: skip
    article_nl = article.copy_for_translation(dutch)
    article_nl.title = "Overzicht"
    article_nl.body = paragraph("Betaal je factuur vanuit het overzicht.")
    article_nl.save_revision().publish()
    refresh()
    results = client.get(
        f"/nl{help_center.url}search/", {"q": "betalingen", "format": "json"}
    ).json()["results"]
    titles_found = [result["title"] for result in results]
    assert titles_found == ["Overzicht"]
    # The exact word is found on every engine, in Dutch only.
    exact = client.get(f"/nl{help_center.url}search/", {"q": "betaal", "format": "json"})
    assert [result["title"] for result in exact.json()["results"]] == ["Overzicht"]


def test_a_title_with_more_of_the_question_ranks_above_one_rare_word(client, help_center, category):
    """Issue 14: "which package owns a file" put a title holding only the rare "own"
    above the title holding "package" and "file"."""
    for n in range(8):  # "package" and "file" are common words of this help center
        ArticlePageFactory(
            parent=category,
            title=f"Release notes {n}",
            body=paragraph("Every package writes a file when it is installed."),
        )
    ArticlePageFactory(parent=category, title="Who owns the copyright", summary="")
    ArticlePageFactory(
        parent=category, title="Find out which package produced a particular file", summary=""
    )
    refresh()
    data = search_json(client, help_center, q="which package owns a file")
    assert titles(data)[0] == "Find out which package produced a particular file"
