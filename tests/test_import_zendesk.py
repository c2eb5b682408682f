import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction

from tests.factories import ArticlePageFactory
from wagtail_helpcenter.models import ArticlePage, CategoryPage, ImportedPage

pytestmark = pytest.mark.django_db


def png_bytes(colour="red"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), colour).save(buffer, format="PNG")
    return buffer.getvalue()


ARTICLE_BODY = """
<p>Download invoices from <b>Settings</b>. <a href="https://example.com/billing">More</a></p>
<h2>Before you start</h2>
<ul><li>Owner access</li><li>A paid plan</li></ul>
<h3>Steps</h3>
<p>Open the page: <img src="https://acme.zendesk.com/hc/article_attachments/1/shot.png"
  alt="The billing page"></p>
<pre><code class="language-bash">curl https://api.example.com/invoices</code></pre>
<table><thead><tr><th>Plan</th><th>Price</th></tr></thead>
<tbody><tr><td>Team</td><td>€29</td></tr></tbody></table>
<iframe src="https://www.youtube.com/embed/abc123" title="Invoice tour"></iframe>
"""


def category(id, name, position=0, **extra):
    return {"id": id, "name": name, "description": f"About {name}", "position": position, **extra}


def section(id, name, category_id, position=0, parent_section_id=None, **extra):
    return {
        "id": id,
        "name": name,
        "category_id": category_id,
        "parent_section_id": parent_section_id,
        "position": position,
        **extra,
    }


def article(id, title, section_id, body="<p>Text.</p>", **extra):
    return {
        "id": id,
        "title": title,
        "section_id": section_id,
        "body": body,
        "locale": "en-us",
        "label_names": [],
        "draft": False,
        "promoted": False,
        "position": 0,
        "user_segment_id": None,
        "created_at": "2024-03-01T10:00:00Z",
        "updated_at": "2025-06-01T10:00:00Z",
        **extra,
    }


def standard_export():
    return {
        "categories": [category(1, "Billing", 1), category(2, "Account", 0)],
        "sections": [
            section(10, "Invoices", 1),
            section(11, "Tax", 1, parent_section_id=10),
            section(20, "Passwords", 2),
        ],
        "articles": [
            article(
                100,
                "Download an invoice",
                10,
                ARTICLE_BODY,
                label_names=["invoices", "pdf"],
                promoted=True,
                position=2,
            ),
            article(101, "Pay by card", 10, position=1),
            article(102, "VAT numbers", 11),
            article(103, "Reset your password", 20, draft=True),
            article(104, "Refund escalation", 10, user_segment_id=555, position=3),
        ],
    }


def write_export(directory, data=None, attachments=None, raw=None):
    data = data if data is not None else standard_export()
    directory.mkdir(parents=True, exist_ok=True)
    for key in ("categories", "sections", "articles"):
        if key in data:
            (directory / f"{key}.json").write_text(json.dumps({key: data[key]}), encoding="utf-8")
    for name, text in (raw or {}).items():
        (directory / name).write_text(text, encoding="utf-8")
    for name, content in (attachments or {}).items():
        (directory / "attachments").mkdir(exist_ok=True)
        (directory / "attachments" / name).write_bytes(content)
    return directory


@pytest.fixture
def export_dir(tmp_path):
    return write_export(tmp_path / "export", attachments={"shot.png": png_bytes()})


def _call_import(directory, parent, args, out, err):
    call_command(
        "helpcenter_import", "zendesk", str(directory), "--parent", str(parent.pk), *args,
        stdout=out, stderr=err,
    )  # fmt: skip


def run_import(directory, parent, *args):
    """The command's output; it must succeed."""
    out, err = io.StringIO(), io.StringIO()
    _call_import(directory, parent, args, out, err)
    return out.getvalue() + err.getvalue()


def run_failing_import(directory, parent, *args):
    """``(error message, output)``; the command must fail."""
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as error:
        _call_import(directory, parent, args, out, err)
    return str(error.value), out.getvalue() + err.getvalue()


def imported(kind, zendesk_id):
    return ImportedPage.objects.get(
        source="zendesk", record_type=kind, external_id=str(zendesk_id)
    ).page.specific


class TestImport:
    def test_builds_the_tree_in_zendesk_order(self, export_dir, help_center):
        output = run_import(export_dir, help_center)
        assert "Articles: 5 created, 0 updated, 0 unchanged" in output
        assert [page.title for page in Page.objects.child_of(help_center)] == ["Account", "Billing"]
        invoices = imported("section", 10)
        assert invoices.get_parent().specific == imported("category", 1)
        assert imported("section", 11).get_parent().pk == invoices.pk
        assert [page.title for page in ArticlePage.objects.child_of(invoices)] == [
            "Pay by card",
            "Download an invoice",
            "Refund escalation",
        ]
        assert imported("category", 1).description == "About Billing"

    def test_article_fields(self, export_dir, help_center):
        run_import(export_dir, help_center)
        page = imported("article", 100)
        assert page.live
        assert page.promoted
        assert sorted(tag.name for tag in page.tags.all()) == ["invoices", "pdf"]
        assert page.summary == "Download invoices from Settings. More"
        assert page.first_published_at.isoformat() == "2024-03-01T10:00:00+00:00"
        assert page.last_published_at.isoformat() == "2025-06-01T10:00:00+00:00"
        assert page.last_reviewed.isoformat() == "2025-06-01"
        assert page.audience == "public"

    def test_body_maps_onto_blocks(self, export_dir, help_center):
        run_import(export_dir, help_center)
        body = imported("article", 100).body
        assert [block.block_type for block in body] == [
            "paragraph", "heading", "paragraph", "heading", "paragraph", "image",
            "code", "table", "video",
        ]  # fmt: skip
        assert 'href="https://example.com/billing"' in body[0].value.source
        assert body[1].value["text"] == "Before you start" and body[1].value["level"] == "h2"
        assert "<li>Owner access</li>" in body[2].value.source
        assert body[3].value["level"] == "h3"
        image = body[5].value["image"]
        assert image.contextual_alt_text == "The billing page"
        assert image.file.read() == png_bytes()
        assert body[6].value["language"] == "bash"
        assert body[6].value["code"] == "curl https://api.example.com/invoices"
        assert body[7].value["table"]["data"] == [["Plan", "Price"], ["Team", "€29"]]
        assert body[7].value["table"]["first_row_is_table_header"]
        assert body[8].value["video"].url == "https://www.youtube.com/watch?v=abc123"
        assert body[8].value["title"] == "Invoice tour"

    def test_draft_stays_unpublished(self, export_dir, help_center):
        run_import(export_dir, help_center)
        page = imported("article", 103)
        assert not page.live
        assert page.has_unpublished_changes

    def test_user_segment_makes_the_article_internal(self, export_dir, help_center, client):
        run_import(export_dir, help_center)
        page = imported("article", 104)
        assert page.audience == "internal"
        assert PageViewRestriction.objects.filter(page=page).exists()
        assert client.get(page.url).status_code == 302

    def test_imported_pages_render(self, export_dir, help_center, client):
        run_import(export_dir, help_center)
        response = client.get(imported("article", 100).url)
        assert response.status_code == 200
        assert b"Before you start" in response.content


class TestReimport:
    def test_same_export_changes_nothing(self, export_dir, help_center):
        run_import(export_dir, help_center)
        pages = ArticlePage.objects.count()
        images = get_image_model().objects.count()
        output = run_import(export_dir, help_center)
        assert "Articles: 0 created, 0 updated, 5 unchanged" in output
        assert ArticlePage.objects.count() == pages
        assert get_image_model().objects.count() == images

    def test_changed_record_updates_the_same_page(self, tmp_path, help_center):
        data = standard_export()
        export_dir = write_export(tmp_path / "v1", data, attachments={"shot.png": png_bytes()})
        run_import(export_dir, help_center)
        page_id = imported("article", 101).pk
        data["articles"][1].update(
            title="Pay by credit card", updated_at="2025-07-01T00:00:00Z", label_names=["cards"]
        )
        data["articles"][3].update(draft=False, updated_at="2025-07-01T00:00:00Z")
        export_dir = write_export(tmp_path / "v2", data, attachments={"shot.png": png_bytes()})
        output = run_import(export_dir, help_center)
        assert "Articles: 0 created, 2 updated, 3 unchanged" in output
        page = imported("article", 101)
        assert page.pk == page_id
        assert page.title == "Pay by credit card"
        assert [tag.name for tag in page.tags.all()] == ["cards"]
        assert imported("article", 103).live

    def test_article_made_draft_in_zendesk_is_unpublished(self, tmp_path, help_center):
        data = standard_export()
        run_import(
            write_export(tmp_path / "v1", data, attachments={"shot.png": png_bytes()}), help_center
        )
        data["articles"][1].update(draft=True, updated_at="2025-08-01T00:00:00Z")
        run_import(
            write_export(tmp_path / "v2", data, attachments={"shot.png": png_bytes()}), help_center
        )
        assert not imported("article", 101).live

    def test_moved_article_follows_its_section(self, tmp_path, help_center):
        data = standard_export()
        run_import(
            write_export(tmp_path / "v1", data, attachments={"shot.png": png_bytes()}), help_center
        )
        data["articles"][1]["section_id"] = 20
        run_import(
            write_export(tmp_path / "v2", data, attachments={"shot.png": png_bytes()}), help_center
        )
        assert imported("article", 101).get_parent().pk == imported("section", 20).pk

    def test_force_updates_unchanged_records(self, export_dir, help_center):
        run_import(export_dir, help_center)
        assert "Articles: 0 created, 5 updated, 0 unchanged" in run_import(
            export_dir, help_center, "--force"
        )

    def test_deleted_page_is_created_again(self, export_dir, help_center):
        run_import(export_dir, help_center)
        imported("article", 101).delete()
        assert "Articles: 1 created, 0 updated, 4 unchanged" in run_import(export_dir, help_center)


class TestBadExport:
    def test_missing_folder(self, tmp_path, help_center):
        message, _ = run_failing_import(tmp_path / "nope", help_center)
        assert "Nothing was imported" in message and "no such folder" in message

    @pytest.mark.parametrize("missing", ["categories", "sections", "articles"])
    def test_missing_file_names_it_and_imports_nothing(self, tmp_path, help_center, missing):
        data = standard_export()
        del data[missing]
        message, _ = run_failing_import(write_export(tmp_path / "x", data), help_center)
        assert f"{missing}.json: file not found" in message
        assert not CategoryPage.objects.exists()

    def test_broken_json_names_file_and_line(self, tmp_path, help_center):
        export_dir = write_export(tmp_path / "x", raw={})
        (export_dir / "articles.json").write_text('{"articles": [\n  {"id": 1,}\n]}')
        message, _ = run_failing_import(export_dir, help_center)
        assert "articles.json: not valid JSON (line 2" in message
        assert not CategoryPage.objects.exists()

    @pytest.mark.parametrize(
        "content", ['["not", "an", "object"]', '{"sections": {}}', '{"categories": []}']
    )
    def test_wrong_shape(self, tmp_path, help_center, content):
        export_dir = write_export(tmp_path / "x")
        (export_dir / "sections.json").write_text(content)
        message, _ = run_failing_import(export_dir, help_center)
        assert "sections.json: expected an object with a list under “sections”" in message

    def test_not_utf8(self, tmp_path, help_center):
        export_dir = write_export(tmp_path / "x")
        (export_dir / "categories.json").write_bytes(b'{"categories": ["\xff"]}')
        message, _ = run_failing_import(export_dir, help_center)
        assert "categories.json: not UTF-8 text" in message

    def test_bad_records_are_named_and_skipped_with_their_dependents(self, tmp_path, help_center):
        data = standard_export()
        data["sections"].append(section(30, "Orphans", 999))
        data["sections"].append(section(31, "Child of orphan", 1, parent_section_id=30))
        data["articles"] += [
            article(200, "In orphan section", 30),
            article(201, "Nowhere", 12345),
            article(202, "", 10),
            article(203, "Bad date", 10, updated_at="yesterday"),
            article(204, "Bad labels", 10, label_names="a,b"),
            {"title": "No id", "section_id": 10},
            "not a record",
        ]
        message, output = run_failing_import(
            write_export(tmp_path / "x", data, attachments={"shot.png": png_bytes()}), help_center
        )
        assert "9 record(s) could not be imported" in message
        for expected in [
            "sections.json: section 30 (“Orphans”): category_id 999 is not a category",
            "sections.json: section 31 (“Child of orphan”): parent_section_id 30 is not a section",
            "articles.json: article 200 (“In orphan section”): section_id 30 is not a section",
            "articles.json: article 201 (“Nowhere”): section_id 12345 is not a section",
            "articles.json: article 202: “title” is empty",
            "articles.json: article 203 (“Bad date”): “updated_at” must be an ISO 8601",
            "articles.json: article 204 (“Bad labels”): “label_names” must be a list",
            "articles.json: article #11 (“No id”): “id” must be a Zendesk id",
            "articles.json: article #12: must be an object",
        ]:
            assert expected in output
        # Everything valid was imported; nothing of the bad records was.
        assert ArticlePage.objects.count() == 5
        assert not CategoryPage.objects.filter(title="Orphans").exists()

    def test_section_loop_is_reported(self, tmp_path, help_center):
        data = standard_export()
        data["sections"] += [
            section(40, "Loop A", 1, parent_section_id=41),
            section(41, "Loop B", 1, parent_section_id=40),
        ]
        _, output = run_failing_import(
            write_export(tmp_path / "x", data, attachments={"shot.png": png_bytes()}), help_center
        )
        assert "section 40 (“Loop A”): its parent sections form a loop" in output

    def test_id_with_non_ascii_digits_is_refused(self, tmp_path, help_center):
        data = standard_export()
        data["articles"].append(article("²", "Superscript id", 10))
        _, output = run_failing_import(
            write_export(tmp_path / "x", data, attachments={"shot.png": png_bytes()}), help_center
        )
        assert "article #6 (“Superscript id”): “id” must be a Zendesk id" in output
        assert ArticlePage.objects.count() == 5

    def test_duplicate_ids(self, tmp_path, help_center):
        data = standard_export()
        data["articles"].append(article(100, "Again", 10))
        _, output = run_failing_import(
            write_export(tmp_path / "x", data, attachments={"shot.png": png_bytes()}), help_center
        )
        assert "article 100 (“Again”): the same id appears twice" in output

    def test_parent_must_exist_and_hold_categories(self, export_dir, help_center, article):
        with pytest.raises(CommandError, match="There is no page with id 99999"):
            call_command("helpcenter_import", "zendesk", str(export_dir), "--parent", "99999")
        with pytest.raises(CommandError, match="import into a help center or category page"):
            call_command(
                "helpcenter_import", "zendesk", str(export_dir), "--parent", str(article.pk)
            )

    def test_unknown_source_is_refused(self, export_dir, help_center):
        with pytest.raises(CommandError, match="invalid choice: 'freshdesk'"):
            call_command(
                "helpcenter_import", "freshdesk", str(export_dir), "--parent", str(help_center.pk)
            )

    def test_long_title_is_cut_with_a_warning(self, tmp_path, help_center):
        data = standard_export()
        data["articles"] = [article(300, "A" * 300, 10)]
        output = run_import(write_export(tmp_path / "x", data), help_center)
        assert "title was cut to 255 characters" in output
        assert len(imported("article", 300).title) == 255


UNSAFE_BODY = """
<p onclick="steal()">Hello <a href="javascript:alert(1)">click</a>
<a href=" JaVaScRiPt:alert(2)">again</a></p>
<script>document.cookie</script><style>body{display:none}</style>
<img src="x" onerror="alert(3)">
<iframe src="https://evil.example/frame"></iframe>
<p>&lt;script&gt;alert(4)&lt;/script&gt; stays text</p>
<svg><script>alert(5)</script></svg>
"""


class TestUnsafeHtml:
    def unsafe_export(self, tmp_path):
        data = standard_export()
        data["articles"] = [article(500, "Tricky", 10, UNSAFE_BODY), article(501, "Fine", 10)]
        return write_export(tmp_path / "x", data)

    def test_unsafe_html_is_removed_and_reported(self, tmp_path, help_center, client):
        output = run_import(self.unsafe_export(tmp_path), help_center)
        assert "articles.json: article 500 (“Tricky”): removed unsafe HTML:" in output
        for thing in ["<script>", "onclick attribute", "onerror attribute", "<style>", "<iframe>"]:
            assert thing in output
        page = imported("article", 500)
        stored = json.dumps(page.body.get_prep_value())
        for forbidden in [
            "onclick",
            "onerror",
            "javascript",
            "JaVaScRiPt",
            "<script",
            "evil.example",
            "display:none",
        ]:
            assert forbidden not in stored
        rendered = client.get(page.url).content.decode()
        assert "&lt;script&gt;alert(4)&lt;/script&gt; stays text" in rendered
        assert "alert(" not in rendered.replace("&lt;script&gt;alert(4)", "")

    def test_strict_refuses_the_record_whole(self, tmp_path, help_center):
        message, output = run_failing_import(self.unsafe_export(tmp_path), help_center, "--strict")
        assert "article 500 (“Tricky”): unsafe HTML" in output
        assert not ArticlePage.objects.filter(title="Tricky").exists()
        assert ArticlePage.objects.filter(title="Fine").exists()


class ImageHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/shot.png":
            body, content_type = png_bytes("blue"), "image/png"
        else:
            body, content_type = b"<html>not an image</html>", "text/html"
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def image_server(settings):
    # Downloads only go to public addresses unless a range is allowed: allow this server's.
    settings.WAGTAIL_HELPCENTER = {"IMPORT_DOWNLOAD_ALLOWED_NETWORKS": ["127.0.0.1/32"]}
    server = ThreadingHTTPServer(("127.0.0.1", 0), ImageHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


class TestImages:
    def export_with_image(self, tmp_path, src, attachments=None):
        data = standard_export()
        data["articles"] = [
            article(600, "With image", 10, f'<p>See:</p><img src="{src}" alt="Chart">')
        ]
        return write_export(tmp_path / "x", data, attachments=attachments)

    def test_remote_image_without_download_becomes_a_link(self, tmp_path, help_center):
        src = "https://acme.zendesk.com/hc/article_attachments/9/missing.png"
        output = run_import(self.export_with_image(tmp_path, src), help_center)
        assert "pass --download-images" in output
        body = imported("article", 600).body
        assert [block.block_type for block in body] == ["paragraph", "paragraph"]
        assert f'href="{src}"' in body[1].value.source

    def test_download_from_a_real_server(self, tmp_path, help_center, image_server):
        src = f"{image_server}/shot.png"
        run_import(self.export_with_image(tmp_path, src), help_center, "--download-images")
        image = imported("article", 600).body[1].value["image"]
        assert image.file.read() == png_bytes("blue")

    def test_download_that_is_not_an_image(self, tmp_path, help_center, image_server):
        output = run_import(
            self.export_with_image(tmp_path, f"{image_server}/page.html"),
            help_center,
            "--download-images",
        )
        assert "is not an image (text/html)" in output

    def test_broken_image_file_is_refused(self, tmp_path, help_center):
        export_dir = self.export_with_image(
            tmp_path, "attachments/fake.png", {"fake.png": b"GIF89a nonsense"}
        )
        output = run_import(export_dir, help_center)
        assert "fake.png is not a PNG, JPEG, GIF, WebP or BMP image" in output
        assert get_image_model().objects.count() == 0

    def test_path_outside_the_export_is_never_read(self, tmp_path, help_center):
        (tmp_path / "secret.png").write_bytes(png_bytes())
        output = run_import(self.export_with_image(tmp_path, "../secret.png"), help_center)
        assert "../secret.png is not in the export folder" in output
        assert get_image_model().objects.count() == 0


class TestDryRun:
    def test_dry_run_reports_and_changes_nothing(self, export_dir, help_center):
        output = run_import(export_dir, help_center, "--dry-run")
        assert "Articles: 5 created" in output
        assert "Dry run: nothing was changed." in output
        assert not CategoryPage.objects.exists()
        assert not ImportedPage.objects.exists()
        assert get_image_model().objects.count() == 0

    def test_dry_run_reports_errors(self, tmp_path, help_center):
        data = standard_export()
        data["articles"].append(article(700, "Lost", 404))
        message, output = run_failing_import(
            write_export(tmp_path / "x", data, attachments={"shot.png": png_bytes()}),
            help_center,
            "--dry-run",
        )
        assert "1 record(s) would not be imported" in message
        assert not ArticlePage.objects.exists()


def test_import_next_to_existing_content(export_dir, help_center, category):
    ArticlePageFactory(parent=category, title="Written by hand")
    run_import(export_dir, help_center)
    assert ArticlePage.objects.filter(title="Written by hand").exists()
    assert CategoryPage.objects.filter(title="Billing").count() == 2  # the fixture's and Zendesk's
