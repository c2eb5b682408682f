"""Security review, item 1: privacy holds for every translation and alias of a page and of
everything below it, when the audience changes, when Wagtail's privacy dialog is used,
when a translation is created or synced later, and on re-import."""

import importlib
import json

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale, Page, PageViewRestriction

from tests.factories import UserFactory
from tests.test_import_zendesk import imported, run_import, standard_export, write_export
from tests.test_import_zendesk_translations import export_with, standard_translations
from tests.test_languages import translate
from tests.test_translation import edit_and_publish
from wagtail_helpcenter.models import ArticlePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def dutch_site(help_center, category, article, dutch):
    """The invoice article, its category and the help center, in English and Dutch."""
    translate(help_center.get_parent(), dutch)
    translate(help_center, dutch, title="Acme Hulp")
    translate(category, dutch, title="Facturering")
    return translate(article, dutch, title="Een factuur downloaden")


DUTCH_URL = "/nl/help/billing/invoices/"


def forget_restrictions(page):
    """Delete a page's restrictions without signals (deleting one is otherwise applied to
    the page's translations too): the state earlier releases could leave."""
    restrictions = PageViewRestriction.objects.filter(page=page)
    PageViewRestriction.groups.through.objects.filter(
        pageviewrestriction__in=restrictions
    )._raw_delete(using="default")
    restrictions._raw_delete(using="default")


def sign_in_redirect(response):
    return response.status_code == 302 and "login" in response["Location"]


def assert_hidden_from_visitors(client, title="Een factuur downloaden"):
    assert sign_in_redirect(client.get(DUTCH_URL))
    api = client.get("/nl/help/api/articles/").json()
    assert title not in [item["title"] for item in api["results"]]
    assert title not in client.get("/nl/help/feed/").content.decode()
    assert title not in client.get("/nl/help/feed/atom/").content.decode()
    assert DUTCH_URL not in client.get("/sitemap.xml").content.decode()
    search = client.get("/nl/help/search/", {"q": "factuur", "format": "json"}).json()
    assert title not in [result["title"] for result in search["results"]]


def test_making_an_article_internal_hides_its_translation(client, dutch_site, article):
    assert client.get(DUTCH_URL).status_code == 200

    edit_and_publish(article, audience="internal")

    assert sign_in_redirect(client.get(article.url))
    assert_hidden_from_visitors(client)
    assert ArticlePage.objects.get(pk=dutch_site.pk).audience == "internal"
    staff = UserFactory(username="agent", groups=[Group.objects.get(name="Editors")])
    client.force_login(staff)
    assert client.get(DUTCH_URL).status_code == 200


def test_making_it_public_again_opens_the_translation(client, dutch_site, article):
    edit_and_publish(article, audience="internal")
    edit_and_publish(article, audience="public")

    assert client.get(DUTCH_URL).status_code == 200
    assert not PageViewRestriction.objects.filter(page=dutch_site).exists()
    assert ArticlePage.objects.get(pk=dutch_site.pk).audience == "public"


def test_an_internal_category_hides_its_translated_subtree(client, dutch_site, category):
    edit_and_publish(category, audience="internal")

    assert_hidden_from_visitors(client)
    assert sign_in_redirect(client.get("/nl/help/billing/"))


def test_a_translation_made_later_of_an_internal_article_is_internal(
    client, help_center, category, article, dutch
):
    edit_and_publish(article, audience="internal")
    translate(help_center.get_parent(), dutch)
    translate(help_center, dutch)
    translate(category, dutch)
    translate(article, dutch, title="Een factuur downloaden")

    assert_hidden_from_visitors(client)


def test_a_translation_saved_as_public_does_not_open_internal_content(client, dutch_site, article):
    """A stale copy (re-synced or re-imported with audience "public") stays internal."""
    edit_and_publish(article, audience="internal")
    ArticlePage.objects.filter(pk=dutch_site.pk).update(audience="public")
    forget_restrictions(dutch_site)

    edit_and_publish(dutch_site, title="Een factuur downloaden")

    assert_hidden_from_visitors(client)
    assert ArticlePage.objects.get(pk=article.pk).audience == "internal"


def test_an_alias_follows_its_page(client, help_center, category, article, dutch):
    """wagtail-localize's untranslated copies are aliases."""
    translate(help_center.get_parent(), dutch)
    translate(help_center, dutch)
    category.copy_for_translation(dutch, alias=True)
    article.copy_for_translation(dutch, alias=True)
    assert client.get(DUTCH_URL).status_code == 200

    edit_and_publish(article, audience="internal")

    assert sign_in_redirect(client.get(DUTCH_URL))


def privacy_dialog(client, page, **data):
    url = reverse("wagtailadmin_pages:set_privacy", args=[page.pk])
    response = client.post(url, data)
    assert response.status_code == 200, response.content.decode()[:500]
    assert "error" not in response.json().get("step", "")


def test_wagtail_privacy_dialog_applies_to_translations(client, dutch_site, article):
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    privacy_dialog(client, article, restriction_type="password", password="s3cret")
    client.logout()
    response = client.get(DUTCH_URL)
    assert response.status_code == 200 and "password" in response.content.decode().lower()
    assert "Open the billing page" not in response.content.decode()

    client.force_login(admin)
    editors = Group.objects.get(name="Editors")
    privacy_dialog(client, article, restriction_type="groups", groups=[editors.pk])
    restrictions = list(PageViewRestriction.objects.filter(page=dutch_site))
    assert [(r.restriction_type, [g.pk for g in r.groups.all()]) for r in restrictions] == [
        ("groups", [editors.pk])
    ]

    privacy_dialog(client, article, restriction_type="none")
    client.logout()
    assert client.get(DUTCH_URL).status_code == 200


def test_deleting_the_source_keeps_the_translation_private(client, dutch_site, article):
    edit_and_publish(article, audience="internal")
    Page.objects.get(pk=article.pk).delete()

    assert sign_in_redirect(client.get(DUTCH_URL))


def test_pages_outside_the_help_center_are_left_alone(site_home, dutch):
    """The host site's own pages keep Wagtail's behaviour."""
    home_nl = site_home.copy_for_translation(dutch)
    PageViewRestriction.objects.create(page=site_home, restriction_type="login")
    assert not PageViewRestriction.objects.filter(page=home_nl).exists()


def test_a_zendesk_reimport_makes_existing_translations_internal(tmp_path, help_center, client):
    """An article given a user segment in Zendesk after its first import: its Dutch
    translation follows it on re-import."""
    dutch = Locale.objects.create(language_code="nl")
    Locale.objects.create(language_code="fa")
    run_import(export_with(tmp_path / "first", standard_translations()), help_center)
    dutch_article = imported("article", 100).get_translation(dutch)
    assert client.get(dutch_article.url).status_code == 200

    data = standard_export()
    for record in data["articles"]:
        if record["id"] == 100:
            record.update(user_segment_id=555, updated_at="2025-09-01T10:00:00Z")
    directory = write_export(tmp_path / "second", data)
    (directory / "translations.json").write_text(
        json.dumps({"translations": standard_translations()})
    )
    run_import(directory, help_center)

    assert imported("article", 100).audience == "internal"
    assert sign_in_redirect(client.get(dutch_article.url))


def test_the_migration_restricts_copies_left_public_by_earlier_releases(
    client, dutch_site, article
):
    from django.apps import apps

    migration = importlib.import_module(
        "wagtail_helpcenter.migrations.0006_privacy_of_translations"
    )
    edit_and_publish(article, audience="internal")
    ArticlePage.objects.filter(pk=dutch_site.pk).update(audience="public")
    forget_restrictions(dutch_site)  # as releases before this one left it
    assert client.get(DUTCH_URL).status_code == 200

    migration.restrict_copies_of_restricted_pages(apps, None)

    assert_hidden_from_visitors(client)
    assert ArticlePage.objects.get(pk=dutch_site.pk).audience == "internal"


# Found by an attack on the first version of this fix: a copy must never open its source.


def test_a_stale_wagtail_localize_publish_does_not_open_the_source(
    client, help_center, category, article, dutch
):
    """wagtail-localize copies the audience from its snapshot of the source: publishing
    the Dutch translation again after the English article was made internal."""
    from tests.test_translation import (
        publish,
        submit_translation,
        translate_all_strings,
        translation_of,
    )

    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    submit_translation(client, category, dutch, subtree=True)
    translate_all_strings(category, dutch)
    dutch_article = translate_all_strings(article, dutch)
    client.logout()
    edit_and_publish(article, audience="internal")

    publish(translation_of(article, dutch))

    assert sign_in_redirect(client.get(article.url))
    assert sign_in_redirect(client.get(Page.objects.get(pk=dutch_article.pk).url))
    assert ArticlePage.objects.get(pk=dutch_article.pk).audience == "internal"


def test_a_copy_saved_as_public_does_not_open_the_source(client, dutch_site, article):
    edit_and_publish(article, audience="internal")
    edit_and_publish(dutch_site, audience="public")

    assert sign_in_redirect(client.get(article.url))
    assert_hidden_from_visitors(client)


def test_a_copy_may_be_stricter_than_its_source(client, dutch_site, article):
    edit_and_publish(dutch_site, audience="internal")

    assert sign_in_redirect(client.get(DUTCH_URL))
    assert client.get(article.url).status_code == 200


def test_moving_the_source_into_an_internal_category_restricts_its_copies(
    client, dutch_site, article, internal_category, dutch
):
    translate(internal_category, dutch, title="Draaiboek")
    Page.objects.get(pk=article.pk).move(Page.objects.get(pk=internal_category.pk), "last-child")

    assert sign_in_redirect(client.get(Page.objects.get(pk=article.pk).url))
    assert sign_in_redirect(client.get(DUTCH_URL))


def test_a_translation_made_below_a_restricted_parent_keeps_the_sources_own_password(
    help_center, internal_article, dutch
):
    """Wagtail copies a page's restrictions only when the new parent has none."""
    PageViewRestriction.objects.create(
        page=internal_article, restriction_type="password", password="s3cret"
    )
    translate(help_center.get_parent(), dutch)
    translate(help_center, dutch)
    translate(internal_article.get_parent(), dutch)
    dutch_article = translate(internal_article, dutch, title="Terugbetaling")

    assert ("password", "s3cret") in PageViewRestriction.objects.filter(
        page=dutch_article
    ).values_list("restriction_type", "password")


def test_a_translation_of_a_same_language_alias_follows_the_original(
    client, help_center, category, article, dutch
):
    from tests.factories import CategoryPageFactory

    other = CategoryPageFactory(parent=help_center, title="Other", slug="other")
    alias = Page.objects.get(pk=article.pk).create_alias(
        parent=Page.objects.get(pk=other.pk), update_slug="invoices-alias"
    )
    for page in (help_center.get_parent(), help_center, other):
        translate(page, dutch)
    alias_nl = Page.objects.get(pk=alias.pk).specific.copy_for_translation(dutch)
    alias_nl.save_revision().publish()
    alias_nl_url = Page.objects.get(pk=alias_nl.pk).url
    assert client.get(alias_nl_url).status_code == 200

    edit_and_publish(article, audience="internal")

    assert sign_in_redirect(client.get(alias_nl_url))


def test_internal_is_enforced_on_a_password_protected_page(client, article):
    """Marking internal a page that already has a password adds the staff restriction."""
    PageViewRestriction.objects.create(page=article, restriction_type="password", password="pw")
    edit_and_publish(article, audience="internal")

    types = set(
        PageViewRestriction.objects.filter(page=article).values_list("restriction_type", flat=True)
    )
    assert types == {"password", "groups"}
