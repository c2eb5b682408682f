"""Translation with wagtail-localize, through its real admin views: locales, translating
a category subtree, machine translation (its dummy translator), PO files, syncing, and
the help center's status report."""

import csv
import io

import polib
import pytest
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from tests.factories import ArticlePageFactory, FAQPageFactory, UserFactory, add_faq_items
from tests.utils import soup
from wagtail_helpcenter.models import ArticlePage, CategoryPage, FAQItem, FAQPage
from wagtail_helpcenter.translation.status import (
    MISSING,
    OUTDATED,
    TRANSLATED,
    translation_statuses,
)


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    return client


@pytest.fixture
def billing(help_center, category):
    """A category with two articles and a FAQ page."""
    ArticlePageFactory(
        parent=category,
        title="Download an invoice",
        slug="invoices",
        summary="Where invoices are.",
        body=[
            {"type": "paragraph", "value": "<p>Open the billing page.</p>"},
            {"type": "paragraph", "value": "<p>Click download.</p>"},
        ],
    )
    ArticlePageFactory(parent=category, title="Change your plan", slug="plans")
    faq = FAQPageFactory(parent=category, title="Billing questions", slug="billing-faq")
    add_faq_items(faq, ("Can I pay by card?", "<p>Yes, every card.</p>"))
    return category


def submit_translation(client, page, *locales, subtree=False):
    data = {"locales": [locale.pk for locale in locales]}
    if subtree:
        data["include_subtree"] = "on"
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def translation_of(page, locale):
    return Translation.objects.get(
        source=TranslationSource.objects.get_for_instance(page), target_locale=locale
    )


def translate_all_strings(page, locale, prefix="NL"):
    """Fill every string of the page's translation, as a translator in the editor would,
    and publish it; returns the translated page."""
    translation = translation_of(page, locale)
    po = translation.export_po()
    for entry in po:
        slug = entry.msgctxt == "slug"
        entry.msgstr = f"{prefix.lower()}-{entry.msgid}" if slug else f"{prefix} {entry.msgid}"
    translation.import_po(po)
    publish(translation)
    return page.get_translation(locale).specific


def publish(translation):
    """wagtail-localize publishes when the transaction commits: run that now (each test
    runs in a transaction that is rolled back)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(publish=True)


def edit_and_publish(page, **changes):
    page = Page.objects.get(pk=page.pk).specific
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


# Locales and the tree -------------------------------------------------------------------


def test_create_locale_in_admin_synchronises_the_help_center_tree(admin_client, billing):
    """A locale created with "synchronise from English" gets a copy of the whole help
    center tree (wagtail-localize aliases), and new pages follow."""
    english = Locale.objects.get(language_code="en")
    response = admin_client.post(
        reverse("wagtaillocales:add"),
        {
            "language_code": "nl",
            "component-wagtail_localize_localesynchronization-enabled": "on",
            "component-wagtail_localize_localesynchronization-sync_from": english.pk,
        },
    )
    assert response.status_code == 302
    dutch = Locale.objects.get(language_code="nl")
    for page in Page.objects.descendant_of(billing.get_parent(), inclusive=True).filter(
        locale=english
    ):
        copy = page.get_translation(dutch)
        assert copy.alias_of_id == page.pk
    # An article an editor adds in the admin gets its Dutch copy at once.
    data = nested_form_data(
        {
            "title": "Pay by invoice",
            "slug": "pay",
            "summary": "",
            "body": streamfield([("paragraph", rich_text("<p>Ask us.</p>"))]),
            "tags": "",
            "related_links": inline_formset([]),
            "audience": "public",
            "review_interval_days": "",
            "last_reviewed": "",
            "content_owner": "",
            "action-publish": "publish",
        }
    )
    url = reverse("wagtailadmin_pages:add", args=["wagtail_helpcenter", "articlepage", billing.pk])
    assert admin_client.post(url, data).status_code == 302
    new_article = ArticlePage.objects.get(slug="pay", locale=english)
    assert new_article.get_translation(dutch).alias_of_id == new_article.pk


def test_translate_a_category_subtree(admin_client, billing, dutch):
    submit_translation(admin_client, billing, dutch, subtree=True)
    dutch_pages = Page.objects.filter(locale=dutch).type(CategoryPage, ArticlePage, FAQPage)
    english_subtree = Page.objects.descendant_of(billing, inclusive=True)
    assert dutch_pages.count() == english_subtree.count() == 4
    for page in english_subtree:
        translation = page.get_translation(dutch)
        assert translation.alias_of_id is None  # a real translation, not a copy
        assert Translation.objects.filter(
            source__object_id=page.translation_key, target_locale=dutch
        ).exists()
    # FAQ questions are translated with their page, as items of the Dutch locale.
    dutch_faq = FAQPage.objects.get(locale=dutch)
    assert [item.locale for item in dutch_faq.faq_items.all()] == [dutch]
    assert (
        dutch_faq.faq_items.get().translation_key
        == FAQItem.objects.get(page__locale__language_code="en").translation_key
    )


def test_translatable_and_synchronised_fields(admin_client, billing, dutch, staff_user):
    """Texts are translated; tags, owner, review dates, audience and promotion are the
    source's, kept in sync."""
    article = ArticlePage.objects.get(slug="invoices")
    article.tags.add("money")
    article.content_owner, article.review_interval_days, article.promoted = staff_user, 30, True
    article.save_revision().publish()
    submit_translation(admin_client, billing, dutch, subtree=True)
    translated = translate_all_strings(article, dutch)
    assert translated.title == "NL Download an invoice"
    assert translated.summary == "NL Where invoices are."
    assert "NL Open the billing page." in str(translated.body)
    assert translated.content_owner == staff_user
    assert translated.review_interval_days == 30
    assert translated.promoted is True
    assert translated.audience == "public"
    assert [tag.name for tag in translated.tags.all()] == ["money"]


def test_internal_category_translations_stay_internal(
    admin_client, client, internal_article, dutch
):
    category = internal_article.get_parent().specific
    submit_translation(admin_client, category, dutch, subtree=True)
    translate_all_strings(category, dutch)
    translated_article = translate_all_strings(internal_article, dutch)
    assert translated_article.live
    client.logout()
    response = client.get(translated_article.url)
    assert response.status_code == 302  # Wagtail's login redirect for restricted pages
    assert "login" in response["Location"]


# Machine translation and PO files -------------------------------------------------------


def test_machine_translation_with_the_configured_translator(admin_client, billing, dutch):
    """wagtail-localize's dummy translator (reverses words) stands in for DeepL or
    Google: tests never call a live translation service."""
    submit_translation(admin_client, billing, dutch, subtree=True)
    article = ArticlePage.objects.get(slug="invoices", locale__language_code="en")
    translation = translation_of(article, dutch)
    response = admin_client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.pk])
    )
    assert response.status_code == 302
    assert translation.get_progress()[0] == translation.get_progress()[1]
    publish(translation)
    assert article.get_translation(dutch).title == "invoice an Download"


def test_po_file_round_trip(admin_client, billing, dutch):
    submit_translation(admin_client, billing, dutch, subtree=True)
    article = ArticlePage.objects.get(slug="invoices", locale__language_code="en")
    translation = translation_of(article, dutch)
    response = admin_client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert response.status_code == 200
    po = polib.pofile(response.content.decode())
    assert {entry.msgid for entry in po} >= {
        "Download an invoice",
        "Where invoices are.",
        "Open the billing page.",
    }
    for entry in po:
        entry.msgstr = {
            "Download an invoice": "Een factuur downloaden",
            "Where invoices are.": "Waar facturen staan.",
            "Open the billing page.": "Open de factuurpagina.",
            "Click download.": "Klik op downloaden.",
        }.get(entry.msgid, entry.msgid)
    upload = io.BytesIO(str(po).encode())
    upload.name = "nl.po"
    response = admin_client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": upload, "next": "/admin/"},
    )
    assert response.status_code == 302
    publish(translation)
    dutch_article = article.get_translation(dutch).specific
    assert dutch_article.title == "Een factuur downloaden"
    assert "Open de factuurpagina." in str(dutch_article.body)


def test_broken_po_file_is_refused_and_loses_nothing(admin_client, billing, dutch):
    submit_translation(admin_client, billing, dutch, subtree=True)
    article = ArticlePage.objects.get(slug="invoices", locale__language_code="en")
    translate_all_strings(article, dutch)
    translation = translation_of(article, dutch)
    before = set(StringTranslation.objects.filter(locale=dutch).values_list("pk", "data"))
    upload = io.BytesIO(b'\x00\xff this is not a PO file "msgid')
    upload.name = "broken.po"
    response = admin_client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": upload, "next": "/admin/"},
        follow=True,
    )
    messages = [str(message) for message in response.context["messages"]]
    assert any("PO file" in message for message in messages), messages
    after = set(StringTranslation.objects.filter(locale=dutch).values_list("pk", "data"))
    assert after == before


# Outdated translations, syncing and manual edits ------------------------------------------


@pytest.fixture
def translated_billing(admin_client, billing, dutch):
    """The billing category translated into Dutch, every string, all published."""
    submit_translation(admin_client, billing, dutch, subtree=True)
    for page in Page.objects.descendant_of(billing, inclusive=True).specific():
        translate_all_strings(page, dutch)
    return billing


def statuses_by_slug(help_center, locale):
    return {row.source.slug: row.status for row in translation_statuses(help_center, [locale])}


def test_editing_the_source_marks_exactly_that_translation_outdated(
    translated_billing, help_center, dutch
):
    before = statuses_by_slug(help_center, dutch)
    assert before == {
        "help": MISSING,
        "billing": TRANSLATED,
        "invoices": TRANSLATED,
        "plans": TRANSLATED,
        "billing-faq": TRANSLATED,
    }
    edit_and_publish(
        ArticlePage.objects.get(slug="invoices", locale__language_code="en"),
        summary="Where all your invoices are.",
    )
    after = statuses_by_slug(help_center, dutch)
    assert after == {**before, "invoices": OUTDATED}


def test_syncing_keeps_the_unchanged_translated_strings(
    admin_client, translated_billing, help_center, dutch
):
    article = ArticlePage.objects.get(slug="invoices", locale__language_code="en")
    # As the editor saves it: the blocks keep their ids, the second one has new text.
    blocks = list(article.body.raw_data)
    blocks[1] = {**blocks[1], "value": "<p>Click the download button.</p>"}
    article.body = blocks
    article.save_revision().publish()
    source = TranslationSource.objects.get_for_instance(article)
    response = admin_client.post(reverse("wagtail_localize:update_translations", args=[source.pk]))
    assert response.status_code == 302
    translation = translation_of(article, dutch)
    total, translated = translation.get_progress()
    assert (total, translated) == (5, 4)  # title, slug, summary, 2 paragraphs: one waits
    # Published without the new string: still outdated, because a string waits.
    publish(translation)
    assert statuses_by_slug(help_center, dutch)["invoices"] == OUTDATED
    dutch_article = article.get_translation(dutch).specific
    assert "NL Open the billing page." in str(dutch_article.body)
    translate_all_strings(article, dutch)
    assert statuses_by_slug(help_center, dutch)["invoices"] == TRANSLATED


def test_a_manual_edit_is_never_overwritten_by_a_sync(
    admin_client, translated_billing, help_center, dutch
):
    article = ArticlePage.objects.get(slug="invoices", locale__language_code="en")
    translation = translation_of(article, dutch)
    # The editor stops wagtail-localize's translation and edits the page by hand.
    response = admin_client.post(
        reverse("wagtail_localize:stop_translation", args=[translation.pk]), {"next": "/"}
    )
    assert response.status_code == 302
    dutch_article = edit_and_publish(
        article.get_translation(dutch), summary="Handgeschreven samenvatting."
    )
    edit_and_publish(article, summary="A new English summary.")
    source = TranslationSource.objects.get_for_instance(article)
    admin_client.post(
        reverse("wagtail_localize:update_translations", args=[source.pk]),
        {"publish_translations": "on"},
    )
    dutch_article.refresh_from_db()
    assert dutch_article.summary == "Handgeschreven samenvatting."
    assert statuses_by_slug(help_center, dutch)["invoices"] == OUTDATED


# The status report ------------------------------------------------------------------------


def report(client, **params):
    return client.get(reverse("wagtail_helpcenter_translation_status"), params)


def test_status_report_counts_and_rows(
    admin_client, translated_billing, help_center, dutch, persian
):
    edit_and_publish(
        ArticlePage.objects.get(slug="plans", locale__language_code="en"), summary="Changed."
    )
    response = report(admin_client)
    assert response.status_code == 200
    document = soup(response)
    counts = {
        row["data-locale"]: {
            cell["data-status"]: int(cell.text) for cell in row.select("td[data-status]")
        }
        for row in document.select(".hc-translation-counts tr[data-locale]")
    }
    assert counts == {
        "nl": {"translated": 3, "outdated": 1, "missing": 1},
        "fa": {"translated": 0, "outdated": 0, "missing": 5},
    }


def test_status_report_filters_and_links(admin_client, translated_billing, dutch, persian):
    edit_and_publish(
        ArticlePage.objects.get(slug="plans", locale__language_code="en"), summary="Changed."
    )
    response = report(admin_client, locale="nl", status="outdated")
    document = soup(response)
    rows = document.select("table.listing tbody tr")
    rows = [row for row in rows if "data-locale" not in row.attrs]
    assert len(rows) == 1
    assert "Change your plan" in rows[0].text
    source = TranslationSource.objects.get_for_instance(
        ArticlePage.objects.get(slug="plans", locale__language_code="en")
    )
    link = rows[0].select_one("a.button")
    assert link["href"] == reverse("wagtail_localize:update_translations", args=[source.pk])
    missing = soup(report(admin_client, locale="fa", status="missing"))
    links = [a["href"] for a in missing.select("table.listing tbody a.button")]
    assert len(links) == 5
    assert all("/localize/submit/page/" in href and "select_locale=fa" in href for href in links)


def test_status_report_export(admin_client, translated_billing, dutch):
    response = report(admin_client, export="csv")
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(content)))
    assert {(row["Page"], row["Language"], row["Status"]) for row in rows} >= {
        ("Download an invoice", "Nederlands", TRANSLATED),
        ("Acme Help", "Nederlands", MISSING),
    }


def test_status_report_rejects_an_unknown_language(admin_client, translated_billing, dutch):
    response = report(admin_client, locale="xx")
    assert response.status_code == 200
    alert = soup(response).select_one('.help-critical[role="alert"]')
    assert "There is no language “xx” on this site." in alert.text
    # Nothing is hidden by the bad filter: every row is listed.
    assert len(soup(response).select("table.listing tbody a.button")) == 5


def test_status_report_needs_page_permissions(client, translated_billing, customer):
    client.force_login(customer)
    response = report(client)
    assert response.status_code in (302, 403)


def test_status_report_query_count_does_not_grow_with_pages(
    admin_client, translated_billing, dutch, persian, django_assert_max_num_queries
):
    for number in range(30):
        ArticlePageFactory(parent=translated_billing, title=f"Extra {number}")
    with django_assert_max_num_queries(40):
        response = report(admin_client)
    assert response.status_code == 200


def test_what_translators_see(admin_client, billing, dutch, help_center):
    """Texts to translate; links and anchors are kept, not offered for translation."""
    submit_translation(admin_client, help_center, dutch, subtree=True)

    def contexts(page):
        return [entry.msgctxt for entry in translation_of(page, dutch).export_po()]

    pages = {page.slug: page for page in Page.objects.filter(locale__language_code="en")}
    assert {c.split(".")[0] for c in contexts(pages["help"])} == {
        "title",
        "slug",
        "intro",
        "contact_text",
    }
    assert {c.split(".")[0] for c in contexts(pages["billing"])} == {"title", "slug", "description"}
    faq_contexts = contexts(pages["billing-faq"])
    assert {c.split(".")[0] for c in faq_contexts} == {"title", "slug", "faq_items"}
    faq_entries = [context for context in faq_contexts if context.startswith("faq_items")]
    assert sorted(context.rsplit(".", 1)[1] for context in faq_entries) == ["answer", "question"]


def test_outdated_manual_translation_links_to_its_editor(admin_client, translated_billing, dutch):
    """A translation wagtail-localize no longer fills (edited by hand) is updated by hand."""
    article = ArticlePage.objects.get(slug="plans", locale__language_code="en")
    translation = translation_of(article, dutch)
    admin_client.post(
        reverse("wagtail_localize:stop_translation", args=[translation.pk]), {"next": "/"}
    )
    edit_and_publish(article, summary="Changed.")
    document = soup(report(admin_client, locale="nl", status="outdated"))
    link = document.select_one("table.listing tbody a.button")
    dutch_article = article.get_translation(dutch)
    assert link["href"] == reverse("wagtailadmin_pages:edit", args=[dutch_article.pk])
