"""A hostile Zendesk export, as an outside security review wrote one: every record that
cannot be imported is reported with its reason and skipped, the rest is imported, text is
stored clean, and nothing in an export makes the server fetch from its own network.

Each test writes a real export to a temporary folder and runs the real command on the
real database; the download tests talk to a real HTTP server on 127.0.0.1.
"""

import io
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Locale

from tests.test_import_zendesk import (
    article,
    category,
    imported,
    png_bytes,
    run_failing_import,
    run_import,
    section,
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


def test_nul_in_an_image_path_skips_the_image_not_the_import(tmp_path, help_center):
    body = '<p>See:</p><img src="attachments/sh%00ot.png" alt="A"><img src="sh\x00ot.png">'
    output = run_import(export_with(tmp_path, article(900, "Images", 10, body)), help_center)
    assert "attachments/sh%00ot.png is not in the export folder" in output
    blocks = [block.block_type for block in imported("article", 900).body]
    assert blocks == ["paragraph", "image"]  # "sh\x00ot.png" is read as shot.png
    assert_the_rest_was_imported(extra=1)


def test_lone_surrogates_are_replaced(tmp_path, help_center):
    broken = article(900, "Pay \ud800 now", 10, "<p>Broken \udc00 text</p>")
    run_import(export_with(tmp_path, broken), help_center)
    page = imported("article", 900)
    assert page.title == "Pay \ufffd now"
    assert page.body[0].value.source == "<p>Broken \ufffd text</p>"
    assert_the_rest_was_imported(extra=1)


def test_html_nested_too_deeply_is_refused(tmp_path, help_center):
    deep = article(900, "Deep", 10, "<div>" * 3000 + "<p>Bottom</p>" + "</div>" * 3000)
    message, output = run_failing_import(export_with(tmp_path, deep), help_center)
    assert "1 record(s) could not be imported" in message
    assert "article 900 (“Deep”): its HTML nests tags more than 100 deep" in output
    assert_the_rest_was_imported()


def test_a_date_before_the_first_utc_date_is_refused(tmp_path, help_center):
    # Year 1 at +14:00 is before datetime.min in UTC: saving it raised OverflowError.
    year_one = article(900, "Year one", 10, created_at="0001-01-01T00:00:00+14:00")
    message, output = run_failing_import(export_with(tmp_path, year_one), help_center)
    assert "1 record(s) could not be imported" in message
    assert "article 900 (“Year one”): “created_at” must be a date from 1970 to 9998" in output
    assert_the_rest_was_imported()


def test_a_well_formed_date_that_does_not_exist_is_refused(tmp_path, help_center):
    february_30 = article(900, "February 30", 10, updated_at="2025-02-30T10:00:00Z")
    _, output = run_failing_import(export_with(tmp_path, february_30), help_center)
    assert "article 900 (“February 30”): “updated_at” must be an ISO 8601 date" in output
    assert_the_rest_was_imported()


def test_nul_in_a_title_or_body_is_dropped(tmp_path, help_center):
    # PostgreSQL refuses a NUL in text: this aborted the import there.
    nul = article(900, "Pay\x00 by card", 10, "<p>Te\x00xt</p>")
    run_import(export_with(tmp_path, nul), help_center)
    page = imported("article", 900)
    assert (page.title, page.summary) == ("Pay by card", "Text")
    assert_the_rest_was_imported(extra=1)


def test_an_id_longer_than_its_column_is_refused(tmp_path, help_center):
    # ImportedPage.external_id holds 100 characters: PostgreSQL refused a longer one with
    # DataError, which stopped the import; SQLite stored it.
    long_id = "1" * 101
    message, output = run_failing_import(
        export_with(tmp_path, article(long_id, "Long id", 10), article(900, "Long ref", long_id)),
        help_center,
    )
    assert "2 record(s) could not be imported" in message
    assert "article #6 (“Long id”): “id” must be a Zendesk id, not '11111" in output
    assert "article 900 (“Long ref”): “section_id” must be a section id, not '11111" in output
    assert len(output) < 1000  # the report shows the start of a long value, not all of it
    assert_the_rest_was_imported()


def test_an_id_too_long_for_int_is_refused(tmp_path, help_center):
    # int() refuses more than 4,300 digits: sorting the records raised ValueError.
    huge = article("2" * 5000, "Huge id", 10)
    _, output = run_failing_import(export_with(tmp_path, huge), help_center)
    assert "article #6 (“Huge id”): “id” must be a Zendesk id" in output
    assert_the_rest_was_imported()


def test_updated_at_longer_than_its_column_is_kept_as_a_digest(tmp_path, help_center):
    # Python reads any number of second decimals; the column holds 40 characters.
    long_date = "2025-06-01T10:00:00." + "0" * 40 + "Z"
    directory = export_with(tmp_path, article(900, "Precise", 10, updated_at=long_date))
    run_import(directory, help_center)
    assert imported("article", 900).title == "Precise"
    assert "Articles: 0 created, 0 updated, 6 unchanged" in run_import(directory, help_center)


def test_title_without_letters_gets_a_slug(tmp_path, help_center):
    # Wagtail makes no slug from "🎉" and refused the page, which stopped the import.
    run_import(export_with(tmp_path, article(900, "🎉", 10)), help_center)
    assert imported("article", 900).slug == "article-900"
    assert_the_rest_was_imported(extra=1)


def test_unforeseen_failure_of_one_record_is_reported_and_the_rest_imported(tmp_path, help_center):
    # Sections nested deeper than Wagtail's page tree holds (treebeard's PathOverflow):
    # nothing checks for it, the catch-all for a record reports it.
    chain = [section(1000, "Level 0", 1)] + [
        section(1000 + level, f"Level {level}", 1, parent_section_id=1000 + level - 1)
        for level in range(1, 60)
    ]
    message, output = run_failing_import(
        export_with(tmp_path, article(900, "At the bottom", 1059), sections=[
            *standard_export()["sections"], *chain,
        ]),
        help_center,
    )  # fmt: skip
    assert "2 record(s) could not be imported" in message
    assert "section 1059 (“Level 59”): it could not be imported (PathOverflow: " in output
    assert "article 900 (“At the bottom”): its category or section was not imported" in output
    assert CategoryPage.objects.filter(title="Level 58").exists()
    assert_the_rest_was_imported()


def test_numbers_too_long_for_python_stop_the_import_with_a_message(tmp_path, help_center):
    directory = export_with(tmp_path)
    (directory / "articles.json").write_text('{"articles": [{"id": 1' + "0" * 5000 + "}]}")
    message, _ = run_failing_import(directory, help_center)
    assert "articles.json: cannot be read (Exceeds the limit (4300 digits)" in message
    assert not ArticlePage.objects.exists()


def test_translation_with_a_list_for_its_source_type_is_refused(tmp_path, help_center):
    Locale.objects.create(language_code="nl")
    directory = export_with(tmp_path)
    bad = {"id": 5000, "source_id": 100, "source_type": ["Article"], "locale": "nl", "title": "X"}
    (directory / "translations.json").write_text(json.dumps({"translations": [bad]}))
    _, output = run_failing_import(directory, help_center)
    assert "translation 5000 (“X”): “source_type” must be one of" in output
    assert_the_rest_was_imported()


# 17. Images with too many pixels ---------------------------------------------------


def huge_png(width=12_000, height=12_000):
    """144 million one-bit pixels of one colour: a PNG of a few dozen KB."""
    buffer = io.BytesIO()
    PILImage.new("1", (width, height), 1).save(buffer, format="PNG")
    return buffer.getvalue()


def test_image_with_more_pixels_than_wagtail_allows_is_refused(tmp_path, help_center):
    body = '<p>Poster:</p><img src="attachments/poster.png" alt="Poster">'
    directory = export_with(
        tmp_path, article(900, "Poster", 10, body), attachments={"poster.png": huge_png()}
    )
    output = run_import(directory, help_center)
    assert (
        "poster.png: This file has too many pixels (144000000). Maximum pixels 128000000." in output
    )
    assert [block.block_type for block in imported("article", 900).body] == ["paragraph"]
    assert not get_image_model().objects.filter(title="Poster").exists()


def test_pixel_limit_is_wagtails_setting(tmp_path, help_center, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1000  # shot.png has 40 x 30 = 1,200
    output = run_import(export_with(tmp_path), help_center)
    assert "shot.png: This file has too many pixels (1200). Maximum pixels 1000." in output
    assert imported("article", 100).title == "Download an invoice"
    assert get_image_model().objects.count() == 0


# 18. Downloads never reach the server's own network -------------------------------


class HostileHandler(BaseHTTPRequestHandler):
    """Any other path an image; /redirect?to=URL a redirect; /loop redirects to itself;
    /endless an image that never ends; /slow an image sent one byte at a time."""

    def do_GET(self):
        self.server.requests.append(self.path)
        url = urlsplit(self.path)
        if url.path == "/redirect":
            self.answer(302, Location=parse_qs(url.query)["to"][0])
        elif url.path == "/loop":
            self.answer(302, Location="/loop")
        elif url.path == "/endless":
            self.answer(200, **{"Content-Type": "image/png"})
            chunk = b"\0" * 65536
            try:
                while self.server.sent < 200 * 1024 * 1024:  # a bound, should all else fail
                    self.wfile.write(chunk)
                    self.server.sent += len(chunk)
            except OSError:
                pass  # the importer hung up
        elif url.path == "/slow":
            self.answer(200, **{"Content-Type": "image/png", "Content-Length": "40"})
            try:
                for _ in range(40):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.15)
            except OSError:
                pass
        else:
            body = png_bytes("blue")
            self.answer(200, **{"Content-Type": "image/png", "Content-Length": str(len(body))})
            self.wfile.write(body)

    def answer(self, status, **headers):
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if "Content-Length" not in headers and status != 200:
            self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), HostileHandler)
    httpd.requests, httpd.sent = [], 0
    httpd.url = f"http://127.0.0.1:{httpd.server_port}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def loopback_allowed(settings):
    """What a site would set for an intranet mirror, here for the test server only."""
    settings.WAGTAIL_HELPCENTER = {
        "IMPORT_DOWNLOAD_ALLOWED_NETWORKS": ["127.0.0.1/32"],
        "IMPORT_DOWNLOAD_TIMEOUT_SECONDS": 2,
    }


def import_image(tmp_path, help_center, src):
    body = f'<p>See:</p><img src="{src}" alt="Chart">'
    directory = export_with(tmp_path, article(900, "Remote image", 10, body))
    output = run_import(directory, help_center, "--download-images")
    page = imported("article", 900)
    return output, [block.block_type for block in page.body]


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_loopback_is_refused_by_default_before_any_request(tmp_path, help_center, server, host):
    src = server.url.replace("127.0.0.1", host) + "/remote.png"
    output, blocks = import_image(tmp_path, help_center, src)
    assert "a loopback address; images are only downloaded from public addresses" in output
    assert server.requests == []
    assert blocks == ["paragraph", "paragraph"]  # the text, and a link in place of the image


@pytest.mark.parametrize(
    "address",
    ["10.0.0.1", "169.254.169.254", "::1", "0.0.0.0", "fc00::1", "::ffff:127.0.0.1",
     "100.64.0.1", "224.0.0.1", "240.0.0.1", "2002:a00:1::", "fe80::1"],
)  # fmt: skip
def test_a_public_name_resolving_to_an_address_that_is_not_public_is_refused(address):
    from wagtail_helpcenter.importers.downloads import DownloadRefused, check_addresses

    # One bad address among good ones is enough: the connection could go to any of them.
    with pytest.raises(DownloadRefused, match=f"images.example.com resolves to {address},"):
        check_addresses("images.example.com", ["93.184.215.14", address])


def test_public_and_explicitly_allowed_addresses_are_accepted():
    from wagtail_helpcenter.importers.downloads import allowed_networks, check_addresses

    check_addresses("images.example.com", ["93.184.215.14", "2606:2800:21f:cb07::1"])
    check_addresses("intranet.example", ["10.20.0.5"], allowed_networks(["10.20.0.0/16"]))


@pytest.mark.parametrize(
    "target, reason",
    [
        ("http://127.0.0.2:{port}/remote.png", "127.0.0.2 is a loopback address"),
        ("file:///etc/passwd", "file:///etc/passwd is not an http or https address"),
    ],
)
def test_a_redirect_to_a_refused_address_is_refused(
    tmp_path, help_center, server, loopback_allowed, target, reason
):
    target = target.format(port=server.server_port)
    output, blocks = import_image(tmp_path, help_center, f"{server.url}/redirect?to={target}")
    assert f"it redirects to {target}: {reason}" in output
    assert len(server.requests) == 1
    assert blocks == ["paragraph", "paragraph"]


def test_redirects_are_followed_a_few_times_only(tmp_path, help_center, server, loopback_allowed):
    output, _ = import_image(tmp_path, help_center, f"{server.url}/loop")
    assert f"{server.url}/loop: it redirected more than 3 times" in output
    assert server.requests == ["/loop"] * 4


def test_a_redirect_to_an_allowed_address_is_followed(
    tmp_path, help_center, server, loopback_allowed
):
    _, blocks = import_image(tmp_path, help_center, f"{server.url}/redirect?to=/remote.png")
    assert blocks == ["paragraph", "image"]
    assert server.requests == ["/redirect?to=/remote.png", "/remote.png"]


def test_an_endless_image_is_cut_off(tmp_path, help_center, server, loopback_allowed):
    output, blocks = import_image(tmp_path, help_center, f"{server.url}/endless")
    assert f"{server.url}/endless: it is larger than 10 MB" in output
    assert server.sent < 200 * 1024 * 1024  # the importer stopped reading, the server gave up
    assert blocks == ["paragraph", "paragraph"]


def test_a_slow_server_times_out(tmp_path, help_center, server, loopback_allowed):
    # 40 bytes at 0.15 s each: each read waits far less than the timeout, the whole more.
    output, blocks = import_image(tmp_path, help_center, f"{server.url}/slow")
    assert f"{server.url}/slow: it took longer than 2 seconds" in output
    assert blocks == ["paragraph", "paragraph"]
