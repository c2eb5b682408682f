"""The Zendesk import updates the search and reference indexes in bulk (between records
and at the end, ``importers/deferred.py``): what it leaves behind is what indexing every
save left, also after a record failed or the run was stopped."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backend

from tests.test_import_zendesk import (
    article,
    category,
    imported,
    png_bytes,
    run_import,
    section,
    standard_export,
    write_export,
)
from wagtail_helpcenter.importers import zendesk
from wagtail_helpcenter.importers.zendesk import ZendeskImporter
from wagtail_helpcenter.models import ArticlePage, ImportedPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def export_dir(tmp_path):
    return write_export(tmp_path / "export", attachments={"shot.png": png_bytes()})


def found(query, model=ArticlePage):
    """Titles the configured search backend finds for ``query`` (no mocks)."""
    return {page.title for page in get_search_backend().search(query, model.objects.all())}


def references_of(page):
    return sorted(
        ReferenceIndex.get_references_for_object(page).values_list(
            "to_content_type_id", "to_object_id", "model_path"
        )
    )


def test_imported_articles_are_found_by_search(export_dir, help_center, search_index):
    run_import(export_dir, help_center)
    assert "Pay by card" in found("card")
    assert "VAT numbers" in found("VAT")
    # Labels are searchable too: the tags are stored before the page is indexed.
    assert found("pdf") == {"Download an invoice"}
    assert "Billing" in found("Billing", Page)


def test_reference_index_holds_the_imported_pages_links(export_dir, help_center):
    run_import(export_dir, help_center)
    page = imported("article", 100)
    image = get_image_model().objects.get()
    assert {int(ref.object_id) for ref in ReferenceIndex.get_references_to(image)} == {page.pk}
    entries = references_of(page)
    assert any(path.startswith("tagged_items.") for _type, _id, path in entries)
    # The same entries as Wagtail's own update of the page gives.
    ReferenceIndex.create_or_update_for_object(page)
    assert references_of(page) == entries


def test_reimport_updates_pages_and_their_index_entries(
    tmp_path, export_dir, help_center, search_index
):
    run_import(export_dir, help_center)
    page = imported("article", 101)
    pages, revisions = Page.objects.count(), Revision.objects.filter(object_id=page.pk).count()
    data = standard_export()
    data["articles"][1].update(title="Pay with a credit card", updated_at="2025-09-01T00:00:00Z")
    output = run_import(
        write_export(tmp_path / "again", data, attachments={"shot.png": png_bytes()}), help_center
    )
    assert "Articles: 0 created, 1 updated, 4 unchanged" in output
    assert Page.objects.count() == pages
    assert ImportedPage.objects.filter(record_type="article").count() == 5
    page.refresh_from_db()
    assert page.title == "Pay with a credit card"
    assert Revision.objects.filter(object_id=page.pk).count() == revisions + 1
    assert "Pay with a credit card" in found("credit")
    assert "Pay by card" not in found("card")


def fail_after_writing(monkeypatch, zendesk_id, error=RuntimeError):
    """Make the write of article ``zendesk_id`` fail once its page, revision and tags are
    saved and published. A mock: no export makes Wagtail fail this late."""
    keep_dates = ZendeskImporter._keep_zendesk_dates

    def failing(self, page, record):
        keep_dates(self, page, record)
        if record.id == str(zendesk_id):
            raise error("the disk is full")

    monkeypatch.setattr(ZendeskImporter, "_keep_zendesk_dates", failing)


def test_a_record_failing_midway_leaves_nothing_and_the_run_goes_on(
    monkeypatch, export_dir, help_center, search_index
):
    fail_after_writing(monkeypatch, 101)
    report = zendesk.import_zendesk(export_dir, help_center)
    assert [str(error) for error in report.errors] == [
        "articles.json: article 101 (“Pay by card”): "
        "it could not be imported (RuntimeError: the disk is full)"
    ]
    assert report.created["article"] == 4
    assert not Page.objects.filter(title="Pay by card").exists()
    assert not ImportedPage.objects.filter(record_type="article", external_id="101").exists()
    assert not Revision.objects.filter(object_str="Pay by card").exists()
    assert not found("card")
    # The records before and after it are written and indexed.
    assert found("VAT") == {"VAT numbers"}
    assert found("invoice") >= {"Download an invoice"}
    assert references_of(imported("article", 100))


def test_indexes_are_updated_when_the_run_is_stopped(
    monkeypatch, export_dir, help_center, search_index
):
    # Articles are written in position order: 102 and 103 (0), 101 (1), 100 (2), 104 (3).
    fail_after_writing(monkeypatch, 104, error=KeyboardInterrupt)
    with pytest.raises(KeyboardInterrupt):
        zendesk.import_zendesk(export_dir, help_center)
    assert found("VAT") == {"VAT numbers"}
    assert found("pdf") == {"Download an invoice"}
    assert references_of(imported("article", 100))
    assert not ArticlePage.objects.filter(title="Refund escalation").exists()


def test_indexes_are_updated_between_records_of_a_long_run(
    monkeypatch, export_dir, help_center, search_index
):
    monkeypatch.setattr(zendesk, "INDEX_EVERY", 2)
    flushed_before_the_end = []
    keep_dates = ZendeskImporter._keep_zendesk_dates

    def watching(self, page, record):
        keep_dates(self, page, record)
        if record.id == "100":  # the fourth article: the first three were indexed by now
            flushed_before_the_end.append(found("VAT") | found("card"))

    monkeypatch.setattr(ZendeskImporter, "_keep_zendesk_dates", watching)
    run_import(export_dir, help_center)
    assert flushed_before_the_end == [{"VAT numbers", "Pay by card"}]


def test_a_dry_run_indexes_nothing(export_dir, help_center, search_index):
    references = ReferenceIndex.objects.count()
    run_import(export_dir, help_center, "--dry-run")
    assert not found("card")
    assert ReferenceIndex.objects.count() == references


def many_articles(count, first_id):
    """An export of ``count`` articles in a category and section of their own."""
    return {
        "categories": [category(first_id, "Billing", updated_at="2025-01-01T00:00:00Z")],
        "sections": [
            section(first_id + 1, "Invoices", first_id, updated_at="2025-01-01T00:00:00Z")
        ],
        "articles": [
            article(
                first_id + 10 + n,
                f"Invoice question {n}",
                first_id + 1,
                f"<h2>Steps</h2><p>Open invoice {n}.</p><ul><li>One</li></ul>",
                label_names=["invoices"],
                position=n,
            )
            for n in range(count)
        ],
    }


def queries_to_import(directory, parent):
    with CaptureQueriesContext(connection) as queries:
        report = zendesk.import_zendesk(directory, parent)
    assert not report.errors, report.errors
    return len(queries.captured_queries)


def test_queries_per_article_do_not_grow_with_the_export(tmp_path, site_home, help_center):
    from tests.factories import HelpCenterPageFactory

    other = HelpCenterPageFactory(parent=site_home, title="Other", slug="other")
    few = queries_to_import(write_export(tmp_path / "few", many_articles(3, 1000)), help_center)
    many = queries_to_import(write_export(tmp_path / "many", many_articles(13, 2000)), other)
    per_article = (many - few) / 10
    assert per_article <= 95  # 169 before the indexes were updated in bulk
    # Again with more: each article costs the same number of queries.
    third = HelpCenterPageFactory(parent=site_home, title="Third", slug="third")
    more = queries_to_import(write_export(tmp_path / "more", many_articles(23, 3000)), third)
    assert (more - many) / 10 == pytest.approx(per_article, abs=1)


def test_reimport_of_unchanged_articles_is_a_few_queries_each(tmp_path, help_center):
    directory = write_export(tmp_path / "export", many_articles(20, 1000))
    queries_to_import(directory, help_center)
    assert queries_to_import(directory, help_center) <= 20 * 4 + 10


def test_cached_pages_are_dropped_once_per_import(tmp_path, help_center):
    from wagtail_helpcenter.caching.pages import HIT_HEADER
    from wagtail_helpcenter.models import CacheGeneration

    client = Client()
    client.get(help_center.url)
    assert client.get(help_center.url)[HIT_HEADER] == "hit"
    with CaptureQueriesContext(connection) as queries:
        queries_to_import(write_export(tmp_path / "export", many_articles(12, 1000)), help_center)
    renewals = [q for q in queries.captured_queries
                if 'UPDATE "wagtail_helpcenter_cachegeneration"' in q["sql"]
                or 'INSERT INTO "wagtail_helpcenter_cachegeneration"' in q["sql"]]  # fmt: skip
    assert len(renewals) == 1  # the help center's, once at the end, not once a page
    assert CacheGeneration.objects.filter(path=help_center.path).exists()
    response = client.get(help_center.url)
    assert response[HIT_HEADER] == "miss"
    assert "Billing" in response.content.decode()
