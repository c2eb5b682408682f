"""A hostile Zendesk export, as an outside security review wrote one: every record that
cannot be imported is reported with its reason and skipped, the rest is imported, text is
stored clean, and nothing in an export makes the server fetch from its own network.

Each test writes a real export to a temporary folder and runs the real command on the
real database; the download tests talk to a real HTTP server on 127.0.0.1.
"""

import json
import re

import pytest
from wagtail.models import Locale

from tests.test_import_zendesk import (
    article,
    category,
    imported,
    png_bytes,
    run_import,
    standard_export,
    write_export,
)
from wagtail_helpcenter.models import ArticlePage, CategoryPage

pytestmark = pytest.mark.django_db

STANDARD_ARTICLES = 5  # in standard_export()
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def export_with(tmp_path, *articles, attachments=None, **data):
    export = standard_export()
    export["articles"] += list(articles)
    export.update(data)
    attachments = {"shot.png": png_bytes(), **(attachments or {})}
    return write_export(tmp_path / "export", export, attachments=attachments)


def assert_the_rest_was_imported(extra=0):
    assert ArticlePage.objects.count() == STANDARD_ARTICLES + extra
    assert CategoryPage.objects.filter(title="Tax").exists()


# 15. Control characters ------------------------------------------------------------


def test_control_characters_are_taken_out_of_everything_imported(tmp_path, help_center, client):
    locale = Locale.objects.create(language_code="nl")
    directory = export_with(
        tmp_path,
        article(
            900,
            "Pay\x00 by\x1b card\x7f",
            10,
            "<h2>Head\x01ing</h2><p>Body\x0b text &#1;with a reference</p>"
            "<pre>code\x02</pre><table><tr><td>cell\x03</td></tr></table>",
            label_names=["tag\x00one", "\x01"],
        ),
        categories=[
            category(1, "Bill\x00ing", 1, description="About\x08 billing"),
            category(2, "Account", 0),
        ],
    )
    translation = {
        "id": 5000,
        "source_id": 900,
        "source_type": "Article",
        "locale": "nl",
        "title": "Betalen\x00 met kaart",
        "body": "<p>Tekst\x1f hier</p>",
        "draft": False,
        "outdated": False,
        "updated_at": "2025-07-01T10:00:00Z",
    }
    (directory / "translations.json").write_text(json.dumps({"translations": [translation]}))
    run_import(directory, help_center)

    page = imported("article", 900)
    assert page.title == "Pay by card"
    assert page.summary == "Body text with a reference"
    assert [block.value for block in page.body][0]["text"] == "Heading"
    texts = [page.body.raw_data]
    while texts:  # every string in the body's blocks
        value = texts.pop()
        if isinstance(value, str):
            assert not CONTROL.search(value), value
        elif isinstance(value, dict | list):
            texts.extend(value.values() if isinstance(value, dict) else value)
    assert sorted(tag.name for tag in page.tags.all()) == ["tagone"]
    billing = imported("category", 1)
    assert (billing.title, billing.description) == ("Billing", "About billing")
    dutch = page.get_translation(locale).specific
    assert (dutch.title, dutch.summary) == ("Betalen met kaart", "Tekst hier")
    # A control character in an article's title used to make both feeds answer 500.
    for feed in ("feed/", "feed/atom/"):
        assert client.get(help_center.url + feed).status_code == 200


# 16. One bad record never stops the import -------------------------------------------


def test_lone_surrogates_are_replaced(tmp_path, help_center):
    broken = article(900, "Pay \ud800 now", 10, "<p>Broken \udc00 text</p>")
    run_import(export_with(tmp_path, broken), help_center)
    page = imported("article", 900)
    assert page.title == "Pay \ufffd now"
    assert page.body[0].value.source == "<p>Broken \ufffd text</p>"
    assert_the_rest_was_imported(extra=1)


def test_nul_in_a_title_or_body_is_dropped(tmp_path, help_center):
    # PostgreSQL refuses a NUL in text: this aborted the import there.
    nul = article(900, "Pay\x00 by card", 10, "<p>Te\x00xt</p>")
    run_import(export_with(tmp_path, nul), help_center)
    page = imported("article", 900)
    assert (page.title, page.summary) == ("Pay by card", "Text")
    assert_the_rest_was_imported(extra=1)
