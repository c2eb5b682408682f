"""The demo as if it had been imported from Zendesk: its categories and articles are
remembered under Zendesk-like ids, so the old addresses lead to them (``zendesk_urls``),
e.g. /hc/en-us/categories/360000000001 (the first category)."""

from ..importers.zendesk import SOURCE
from ..models import ArticlePage, CategoryPage, ImportedPage

FIRST_ID = 360000000001  # the shape of Zendesk's ids


def add_zendesk_addresses(help_center):
    pages = [("category", page) for page in CategoryPage.objects.descendant_of(help_center)] + [
        ("article", page) for page in ArticlePage.objects.descendant_of(help_center)
    ]
    ImportedPage.objects.bulk_create(
        ImportedPage(
            source=SOURCE, record_type=record_type, external_id=str(FIRST_ID + n), page=page
        )
        for n, (record_type, page) in enumerate(sorted(pages, key=lambda pair: pair[1].path))
    )
