"""Old Zendesk Help Center addresses after a real import: permanent redirects to the
imported pages (wagtail_helpcenter.zendesk_urls), never to a page the visitor may not see."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests.test_import_zendesk import imported, run_import, write_export
from tests.test_import_zendesk_translations import export_with, standard_translations
from wagtail_helpcenter.demo.zendesk_redirects import FIRST_ID
from wagtail_helpcenter.models import ArticlePage

pytestmark = pytest.mark.django_db

NOT_FOUND = 404


@pytest.fixture
def imported_site(tmp_path, help_center, dutch, persian):
    # The Dutch help center is a real translation (the demo's are); the Persian one is
    # only the untranslated copy the import makes for the tree.
    help_center.copy_for_translation(dutch, copy_parents=True).save_revision().publish()
    run_import(export_with(tmp_path, standard_translations()), help_center)
    return help_center


def redirected_to(client, address, **extra):
    response = client.get(address, **extra)
    assert response.status_code == 301, (address, response.status_code)
    return response["Location"]


class TestArticles:
    @pytest.mark.parametrize(
        "address",
        [
            "/hc/en-us/articles/100",
            "/hc/en-us/articles/100-Download-an-invoice",
            "/hc/en-us/articles/100-Download-an-invoice/",
            "/hc/articles/100",  # without the locale, as Zendesk also answers
            "/hc/articles/100-Download-an-invoice",
            "/hc/EN-US/articles/100",
        ],
    )
    def test_old_address_leads_to_the_imported_article(self, client, imported_site, address):
        article = imported("article", 100)
        assert redirected_to(client, address) == article.url
        assert client.get(redirected_to(client, address)).status_code == 200

    def test_sections_and_categories(self, client, imported_site):
        for address, kind, zendesk_id in [
            ("/hc/en-us/sections/10-Invoices", "section", 10),
            ("/hc/sections/11", "section", 11),
            ("/hc/en-us/categories/1-Billing", "category", 1),
            ("/hc/categories/2", "category", 2),
        ]:
            assert redirected_to(client, address) == imported(kind, zendesk_id).url

    def test_ids_of_another_kind_do_not_match(self, client, imported_site):
        # Section 10 exists; no article has that id.
        assert client.get("/hc/en-us/articles/10").status_code == NOT_FOUND

    def test_help_center_home(self, client, imported_site):
        assert redirected_to(client, "/hc/") == imported_site.url
        assert redirected_to(client, "/hc/en-us") == imported_site.url
        assert redirected_to(client, "/hc/en-us/") == imported_site.url

    def test_query_string_is_kept(self, client, imported_site):
        location = redirected_to(
            client, "/hc/en-us/articles/100-x", QUERY_STRING="utm_source=mail&utm_campaign=a b"
        )
        assert location == imported("article", 100).url + "?utm_source=mail&utm_campaign=a+b"

    def test_fixed_number_of_queries(self, client, imported_site, django_assert_max_num_queries):
        # The record, its translation, the view restrictions and the request's site.
        client.get("/hc/nl/articles/100")  # the site's root paths are cached after this
        with django_assert_max_num_queries(4):
            assert client.get("/hc/nl/articles/100").status_code == 301
        with django_assert_max_num_queries(5):  # and the help center above the records
            assert client.get("/hc/nl").status_code == 301
        with django_assert_max_num_queries(3):
            assert client.get("/hc/nl/articles/999").status_code == NOT_FOUND


class TestLanguages:
    def test_translated_article_in_the_address_language(self, client, imported_site, dutch):
        dutch_article = imported("article", 100).get_translation(dutch)
        assert dutch_article.url.startswith("/nl/")
        assert redirected_to(client, "/hc/nl/articles/100-Een-factuur") == dutch_article.url
        assert redirected_to(client, "/hc/nl-be/articles/100") == dutch_article.url
        assert redirected_to(client, "/hc/nl/sections/10") == (
            imported("section", 10).get_translation(dutch).url
        )
        assert redirected_to(client, "/hc/nl") == imported_site.get_translation(dutch).url

    def test_untranslated_falls_back_to_the_imported_page(self, client, imported_site):
        # Article 102 has no Dutch translation; the Persian section is an untranslated copy.
        assert redirected_to(client, "/hc/nl/articles/102") == imported("article", 102).url
        assert redirected_to(client, "/hc/fa/sections/10") == imported("section", 10).url
        assert redirected_to(client, "/hc/fa") == imported_site.url
        # Simplified Chinese is a site language without a translation of it.
        assert redirected_to(client, "/hc/zh-cn/articles/100") == imported("article", 100).url

    def test_persian_translation(self, client, imported_site, persian):
        persian_article = imported("article", 101).get_translation(persian)
        assert redirected_to(client, "/hc/fa/articles/101") == persian_article.url

    @pytest.mark.parametrize("locale", ["xx-yy", "de", "zh-tw", "articles", "a" * 300])
    def test_languages_the_site_does_not_have(self, client, imported_site, locale):
        # zh-tw is Traditional Chinese: never sent to the site's Simplified Chinese.
        assert client.get(f"/hc/{locale}/articles/100").status_code == NOT_FOUND
        assert client.get(f"/hc/{locale}").status_code == NOT_FOUND

    def test_draft_translation_falls_back_to_the_published_source(
        self, client, imported_site, dutch
    ):
        dutch_article = imported("article", 100).get_translation(dutch)
        dutch_article.unpublish()
        assert redirected_to(client, "/hc/nl/articles/100") == imported("article", 100).url


class TestNothingLeaks:
    def test_internal_article_is_not_found_like_an_unknown_id(self, client, imported_site):
        internal = client.get("/hc/en-us/articles/104-Refund-escalation")
        unknown = client.get("/hc/en-us/articles/999-Refund-escalation")
        assert internal.status_code == unknown.status_code == NOT_FOUND
        assert internal.content == unknown.content
        assert "Refund" not in internal.content.decode()
        assert "Location" not in internal

    def test_staff_who_may_read_it_are_redirected_privately(
        self, client, imported_site, staff_user
    ):
        client.force_login(staff_user)
        response = client.get("/hc/en-us/articles/104")
        assert response.status_code == 301
        assert response["Location"] == imported("article", 104).url
        assert "private" in response["Cache-Control"]

    def test_logged_in_customer_is_not_told_either(self, client, imported_site, customer):
        client.force_login(customer)
        assert client.get("/hc/en-us/articles/104").status_code == NOT_FOUND

    def test_draft_and_unpublished_articles(self, client, imported_site):
        assert client.get("/hc/en-us/articles/103").status_code == NOT_FOUND  # a Zendesk draft
        article = ArticlePage.objects.get(pk=imported("article", 101).pk)
        article.unpublish()
        assert client.get("/hc/en-us/articles/101").status_code == NOT_FOUND

    def test_article_in_an_internal_category(self, client, imported_site):
        category = imported("category", 1)
        category.audience = "internal"
        category.save_revision().publish()
        assert client.get("/hc/en-us/articles/100").status_code == NOT_FOUND
        assert client.get("/hc/en-us/categories/1").status_code == NOT_FOUND
        assert client.get("/hc/nl/articles/100").status_code == NOT_FOUND  # nor in Dutch

    def test_password_protected_page(self, client, imported_site):
        PageViewRestriction.objects.create(
            page=imported("section", 20), restriction_type="password", password="secret"
        )
        assert client.get("/hc/en-us/sections/20").status_code == NOT_FOUND

    @pytest.mark.parametrize(
        "reference",
        [
            "abc",
            "100abc",
            "-100",
            "0",
            "²",
            "١٠٠",  # Arabic-Indic digits
            "9" * 20,  # longer than any database id
            "9" * 5000,
            "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            '"><img src=x onerror=alert(1)>',
        ],
    )
    def test_bad_ids(self, client, imported_site, reference):
        response = client.get(f"/hc/en-us/articles/{reference}")
        assert response.status_code == NOT_FOUND
        assert b"<img" not in response.content and b"<script" not in response.content

    def test_unknown_record_types_and_locales_are_not_found(self, client, imported_site):
        for address in ["/hc/en-us/posts/100", "/hc/en-us/articles/", "/hc/a/b/c/d"]:
            # Django's APPEND_SLASH may first add a slash: Wagtail then finds no page.
            assert client.get(address, follow=True).status_code == NOT_FOUND, address
        response = client.get('/hc/"><img src=x onerror=alert(1)>/articles/100')
        assert response.status_code == NOT_FOUND
        assert b"<img" not in response.content

    def test_hostile_query_string_stays_inert(self, client, imported_site):
        location = redirected_to(
            client, "/hc/articles/100", QUERY_STRING='q="><script>alert(1)</script>'
        )
        assert "<" not in location and '"' not in location
        assert location.endswith("?q=%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E")


def test_before_any_import_nothing_is_redirected(client, help_center):
    assert client.get("/hc/").status_code == NOT_FOUND
    assert client.get("/hc/en-us/articles/100").status_code == NOT_FOUND


def test_reimport_after_a_move_follows_the_page(tmp_path, client, help_center):
    data = {
        "categories": [{"id": 1, "name": "Billing", "position": 0}],
        "sections": [
            {"id": 10, "name": "Invoices", "category_id": 1, "position": 0},
            {"id": 11, "name": "Refunds", "category_id": 1, "position": 1},
        ],
        "articles": [{"id": 100, "title": "Refund", "section_id": 10, "body": "<p>x</p>"}],
    }
    run_import(write_export(tmp_path / "one", data), help_center)
    first = redirected_to(client, "/hc/articles/100")
    data["articles"][0]["section_id"] = 11
    run_import(write_export(tmp_path / "two", data), help_center)
    moved = redirected_to(client, "/hc/articles/100")
    assert moved != first and moved == imported("article", 100).url


@override_settings(ROOT_URLCONF="tests.urls_prefixed")
def test_site_with_every_language_prefixed(client, imported_site, dutch):
    """The example site's URLs (/en/help/): the redirect goes to the prefixed page; an
    unknown id ends in the same 404 as an internal article."""
    assert redirected_to(client, "/hc/en-us/articles/100") == imported("article", 100).url
    assert imported("article", 100).url.startswith("/en/")
    for address in ["/hc/en-us/articles/104", "/hc/en-us/articles/999"]:
        assert client.get(address, follow=True).status_code == NOT_FOUND


ROUTING_NOTE = "old Zendesk links (/hc/...) will not redirect"
ONE_ARTICLE = {
    "categories": [{"id": 1, "name": "Billing", "position": 0}],
    "sections": [{"id": 10, "name": "Invoices", "category_id": 1, "position": 0}],
    "articles": [{"id": 100, "title": "Refund", "section_id": 10, "body": "<p>x</p>"}],
}


@override_settings(ROOT_URLCONF="tests.urls_without_zendesk")
def test_import_says_when_the_old_links_are_not_routed(tmp_path, client, help_center):
    output = run_import(write_export(tmp_path, ONE_ARTICLE), help_center)
    assert ROUTING_NOTE in output
    assert 'include("wagtail_helpcenter.zendesk_urls")' in output
    assert client.get("/hc/en-us/articles/100", follow=True).status_code == NOT_FOUND
    assert "Import finished." in output  # a note, not a failure: the pages are there
    assert imported("article", 100).live


def test_import_says_nothing_of_routing_when_the_links_redirect(tmp_path, help_center):
    output = run_import(write_export(tmp_path, ONE_ARTICLE), help_center)
    assert ROUTING_NOTE not in output


def test_url_names():
    assert reverse("wagtail_helpcenter_zendesk:home") == "/hc/"
    assert (
        reverse("wagtail_helpcenter_zendesk:localized_record", args=["nl", "articles", "100-x"])
        == "/hc/nl/articles/100-x"
    )


def test_demo_answers_old_addresses(client, site_home):
    call_command("helpcenter_demo", stdout=io.StringIO())
    location = redirected_to(client, f"/hc/en-us/categories/{FIRST_ID}-Getting-started")
    assert client.get(location, follow=True).status_code == 200
