"""Content requests: the snippet views, export, the admin home panel, the emails, the
reminder command, the content gap action, "Start the draft" and the status that
follows the page through Wagtail's moderation workflow."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import GroupPagePermission, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from tests.factories import (
    ArticlePageFactory,
    CategoryPageFactory,
    HelpCenterPageFactory,
    UserFactory,
)
from tests.utils import soup
from wagtail_helpcenter.models import ArticlePage, ContentGap, ContentRequest

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
LIST_URL = reverse("wagtailsnippets_wagtail_helpcenter_contentrequest:list")
ADD_URL = reverse("wagtailsnippets_wagtail_helpcenter_contentrequest:add")
Status = ContentRequest.Status


def edit_url(content_request):
    return reverse("wagtailsnippets_wagtail_helpcenter_contentrequest:edit",
                   args=[content_request.pk])  # fmt: skip


def start_url(content_request):
    return reverse("wagtail_helpcenter_request_start", args=[content_request.pk])


@pytest.fixture
def admin(db):
    return UserFactory(username="admin", first_name="Ada", is_superuser=True, is_staff=True)


@pytest.fixture
def editor(db):
    """A member of Wagtail's Editors group: the migration gives it the requests."""
    return UserFactory(
        username="edna", first_name="Edna", groups=[Group.objects.get(name="Editors")]
    )


@pytest.fixture
def writers(db):
    """Accounts that may use requests and add pages, but not see internal content."""
    group = Group.objects.create(name="Writers")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(codename__in=["add_contentrequest", "change_contentrequest",
                                                 "view_contentrequest"]),
    )  # fmt: skip
    GroupPagePermission.objects.create(
        group=group, page=Page.get_first_root_node(), permission_type="add"
    )
    GroupPagePermission.objects.create(
        group=group, page=Page.get_first_root_node(), permission_type="change"
    )
    return group


@pytest.fixture
def writer(writers):
    return UserFactory(username="wren", groups=[writers])


def today():
    return timezone.localdate()


def make_request(help_center, **fields):
    fields.setdefault("title", "Change the billing address")
    fields.setdefault("reason", "Asked often.")
    return ContentRequest.objects.create(help_center=help_center, **fields)


def form_data(for_help_center, **fields):
    data = {
        "title": "Export invoices as PDF",
        "reason": "Searched 40 times last month.",
        "help_center": for_help_center.pk,
        "assignee": "",
        "due_date": (today() + timedelta(days=7)).isoformat(),
        "status": Status.REQUESTED,
        "page": "",
        "gap": "",
    }
    data.update(fields)
    return data


def as_client(user):
    client = Client()
    client.force_login(user)
    return client


# The model's rules, through the real create view


def test_create_records_who_asked(admin, help_center):
    response = as_client(admin).post(ADD_URL, form_data(help_center))
    assert response.status_code == 302
    created = ContentRequest.objects.get()
    assert created.requested_by == admin
    assert created.status == Status.REQUESTED


def test_bad_input_is_refused_with_clear_errors_and_nothing_typed_is_lost(
    admin, help_center, site_home
):
    other = HelpCenterPageFactory(parent=site_home, title="Other help", slug="other")
    elsewhere = ArticlePageFactory(parent=CategoryPageFactory(parent=other), title="Elsewhere")
    data = form_data(
        help_center,
        title="Keep this title",
        reason="Keep this reason",
        due_date=(today() - timedelta(days=1)).isoformat(),
        page=elsewhere.pk,
    )
    response = as_client(admin).post(ADD_URL, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "The due date has passed" in str(errors["due_date"])
    assert "Choose a page of the help center “Acme Help”" in str(errors["page"])
    document = soup(response)
    assert document.select_one("input[name=title]")["value"] == "Keep this title"
    assert "Keep this reason" in document.select_one("textarea[name=reason]").text
    assert not ContentRequest.objects.exists()


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"status": Status.IN_REVIEW}, "page", "“In review” needs the page"),
        ({"status": Status.PUBLISHED}, "page", "“Published” needs the page"),
        ({"assignee": "99999999999999999999999"}, "assignee", "Select a valid choice"),
        ({"help_center": "abc"}, "help_center", "Select a valid choice"),
        ({"due_date": "tomorrow"}, "due_date", "Enter a valid date"),
        ({"title": ""}, "title", "This field is required"),
    ],
)
def test_each_bad_field_gets_its_error(admin, help_center, fields, field, message):
    response = as_client(admin).post(ADD_URL, form_data(help_center, **fields))
    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert not ContentRequest.objects.exists()


def test_published_needs_a_live_page_and_an_old_due_date_stays_editable(admin, help_center):
    draft = ArticlePageFactory(parent=CategoryPageFactory(parent=help_center), live=False)
    content_request = make_request(help_center, due_date=today() + timedelta(days=3))
    ContentRequest.objects.filter(pk=content_request.pk).update(
        due_date=today() - timedelta(days=3)
    )
    client = as_client(admin)
    old_date = (today() - timedelta(days=3)).isoformat()
    response = client.post(
        edit_url(content_request),
        form_data(help_center, status=Status.PUBLISHED, page=draft.pk, due_date=old_date),
    )
    assert response.status_code == 200
    assert "not published yet" in str(response.context["form"].errors["status"])
    # The date passed since it was set: other changes are still saved.
    response = client.post(
        edit_url(content_request),
        form_data(help_center, status=Status.IN_PROGRESS, page=draft.pk, due_date=old_date),
    )
    assert response.status_code == 302
    content_request.refresh_from_db()
    assert (content_request.status, content_request.page_id) == (Status.IN_PROGRESS, draft.pk)


# Permissions


def assert_denied(response):
    """Wagtail's answer to PermissionDenied in its admin: back to the admin home, saying
    so (wagtail.admin.auth.permission_denied), never the page asked for."""
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_editors_use_requests_others_are_denied(editor, help_center):
    editors = as_client(editor)
    assert editors.get(LIST_URL).status_code == 200
    assert editors.post(ADD_URL, form_data(help_center)).status_code == 302
    outsider = UserFactory(username="outsider")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = as_client(outsider)
    assert_denied(client.get(LIST_URL))
    assert_denied(client.get(ADD_URL))
    assert_denied(client.post(ADD_URL, form_data(help_center, title="Sneaky")))
    assert_denied(client.post(start_url(ContentRequest.objects.get())))
    response = client.get(LIST_URL, follow=True)
    assert "Sorry, you do not have permission to access this area." in response.content.decode()
    assert not ContentRequest.objects.filter(title="Sneaky").exists()
    response = client.get(reverse("wagtailadmin_home"))
    assert "My content requests" not in response.content.decode()


# The listing


def test_listing_filters_flags_overdue_and_renders_hostile_text_inert(
    admin, editor, help_center, site_home, django_assert_max_num_queries
):
    other = HelpCenterPageFactory(parent=site_home, title="Other help", slug="other")
    late = make_request(help_center, title=HOSTILE, assignee=editor, due_date=today())
    ContentRequest.objects.filter(pk=late.pk).update(due_date=today() - timedelta(days=2))
    make_request(help_center, title="Soon", assignee=admin, due_date=today() + timedelta(days=1),
                 status=Status.IN_PROGRESS)  # fmt: skip
    make_request(other, title="Elsewhere")
    make_request(help_center, title="Declined late", status=Status.DECLINED)
    client = as_client(admin)

    with django_assert_max_num_queries(40):
        response = client.get(LIST_URL)
    document = soup(response)
    rows = [row.get_text(" ", strip=True) for row in document.select("tbody tr")]
    assert rows[0].startswith(HOSTILE) and "Overdue" in rows[0]
    assert rows[1].startswith("Soon") and "Overdue" not in rows[1]
    assert len(rows) == 4
    assert not document.select("tbody script") and not document.select("tbody img")

    def titles(**params):
        document = soup(client.get(LIST_URL, params))
        return {row.select_one("td a").get_text(strip=True) for row in document.select("tbody tr")}

    assert titles(status="in_progress") == {"Soon"}
    assert titles(assignee=editor.pk) == {HOSTILE}
    assert titles(help_center=other.pk) == {"Elsewhere"}
    assert titles(overdue="true") == {HOSTILE}
    assert titles(overdue="false") == {"Soon", "Elsewhere", "Declined late"}


def test_listing_query_count_does_not_grow_with_rows(admin, editor, help_center, category):
    client = as_client(admin)
    make_request(help_center, assignee=editor, page=ArticlePageFactory(parent=category))
    with CaptureQueriesContext(connection) as few:
        assert client.get(LIST_URL).status_code == 200
    for number in range(6):
        page = ArticlePageFactory(parent=category, title=f"Draft {number}")
        make_request(help_center, title=f"R{number}", assignee=admin, page=page)
    with CaptureQueriesContext(connection) as many:
        assert client.get(LIST_URL).status_code == 200
    assert len(many) == len(few)


@pytest.mark.parametrize(
    "param", ["status=nope", "assignee=abc", "help_center=99999999999999999999", "overdue=maybe"]
)
def test_bad_filter_values_are_named_not_a_500(admin, help_center, param):
    response = as_client(admin).get(f"{LIST_URL}?{param}")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_internal_draft_is_not_named_to_who_may_not_see_it(
    admin, writer, help_center, internal_article
):
    make_request(help_center, title="Escalations", page=internal_article, status=Status.IN_PROGRESS)
    hidden = as_client(writer).get(LIST_URL)
    assert "Escalations" in hidden.content.decode()
    assert internal_article.title not in hidden.content.decode()
    export = as_client(writer).get(LIST_URL, {"export": "csv"})
    assert internal_article.title not in b"".join(export.streaming_content).decode()
    assert internal_article.title in as_client(admin).get(LIST_URL).content.decode()


# Export


def test_csv_and_xlsx_export_hold_every_request_spreadsheet_safe(admin, editor, help_center):
    make_request(help_center, title="=HYPERLINK(\"http://evil\")", reason="+1 asked",
                 assignee=editor, due_date=today() + timedelta(days=2))  # fmt: skip
    late = make_request(help_center, title="Late one", due_date=today())
    ContentRequest.objects.filter(pk=late.pk).update(due_date=today() - timedelta(days=1))
    client = as_client(admin)

    response = client.get(LIST_URL, {"export": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["Title", "Why it is needed", "Status", "Help center", "Requested by",
                       "Assignee", "Due date", "Overdue", "Page", "Created at"]  # fmt: skip
    by_title = {row[0]: row for row in rows[1:]}
    assert set(by_title) == {'\'=HYPERLINK("http://evil")', "Late one"}
    formula = by_title['\'=HYPERLINK("http://evil")']
    assert formula[1] == "'+1 asked" and formula[2] == "Requested" and formula[5] == "Edna"
    assert by_title["Late one"][7] == "Overdue" and formula[7] == ""

    response = client.get(LIST_URL, {"export": "xlsx", "overdue": "false"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    assert values[0][0] == "Title" and len(values) == 2
    assert values[1][0] == '=HYPERLINK("http://evil")'
    assert sheet.cell(row=2, column=1).data_type == "s"  # text, not a formula


# The admin home panel


def test_home_panel_lists_my_open_requests_soonest_first(admin, editor, help_center, category):
    draft = ArticlePageFactory(parent=category, title="The draft", live=False)
    make_request(help_center, title="Later", assignee=editor, due_date=today() + timedelta(days=9))
    late = make_request(help_center, title=HOSTILE, assignee=editor, page=draft,
                        status=Status.IN_PROGRESS, due_date=today())  # fmt: skip
    ContentRequest.objects.filter(pk=late.pk).update(due_date=today() - timedelta(days=1))
    make_request(help_center, title="Not mine", assignee=admin)
    make_request(help_center, title="Done", assignee=editor, status=Status.DECLINED)
    document = soup(as_client(editor).get(reverse("wagtailadmin_home")))
    panel = document.select_one("#helpcenter-my-content-requests-content") or document.select_one(
        "#helpcenter-my-content-requests"
    )
    rows = panel.select("tbody tr")
    assert [row.select_one("td a").get_text(strip=True) for row in rows] == [HOSTILE, "Later"]
    assert "Overdue" in rows[0].get_text() and "Overdue" not in rows[1].get_text()
    links = [a["href"] for a in rows[0].select("a")]
    assert links == [edit_url(late), reverse("wagtailadmin_pages:edit", args=[draft.pk])]
    assert not panel.select("script") and not panel.select("img")


def test_home_panel_costs_the_same_queries_for_many_requests(editor, help_center, category):
    client = as_client(editor)
    make_request(help_center, assignee=editor, page=ArticlePageFactory(parent=category))
    client.get(reverse("wagtailadmin_home"))  # the site and root page are then cached
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("wagtailadmin_home"))
    for number in range(8):
        page = ArticlePageFactory(parent=category, title=f"Draft {number}")
        make_request(help_center, title=f"R{number}", assignee=editor, page=page,
                     due_date=today() + timedelta(days=number))  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("wagtailadmin_home"))
    assert len(many) == len(one)


# Emails when assigned


def prefer(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def test_assignee_is_emailed_in_their_admin_language_after_commit(
    admin, editor, help_center, django_capture_on_commit_callbacks
):
    prefer(editor, "nl")
    due = today() + timedelta(days=30)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = as_client(admin).post(
            ADD_URL,
            form_data(help_center, title=HOSTILE, assignee=editor.pk, due_date=due.isoformat()),
        )
    assert response.status_code == 302
    assert len(callbacks) == 1
    (email,) = mail.outbox
    content_request = ContentRequest.objects.get()
    assert email.to == [editor.email]
    assert "\n" not in email.subject and HOSTILE in email.subject
    assert HOSTILE in email.body and "Searched 40 times last month." in email.body
    assert f"http://testserver{edit_url(content_request)}" in email.body
    dutch_months = ["januari", "februari", "maart", "april", "mei", "juni", "juli",
                    "augustus", "september", "oktober", "november", "december"]  # fmt: skip
    assert dutch_months[due.month - 1] in email.body
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html" and 'lang="nl"' in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert f'href="http://testserver{edit_url(content_request)}"' in html


def test_no_email_for_self_unchanged_inactive_or_without_address(
    admin, editor, help_center, django_capture_on_commit_callbacks
):
    client = as_client(admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ADD_URL, form_data(help_center, assignee=admin.pk))
    assert mail.outbox == []
    content_request = ContentRequest.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit_url(content_request), form_data(help_center, assignee=editor.pk))
    assert [email.to for email in mail.outbox] == [[editor.email]]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit_url(content_request), form_data(help_center, assignee=editor.pk,
                                                          reason="Edited"))  # fmt: skip
    assert len(mail.outbox) == 1  # re-saved, same assignee
    nobody = UserFactory(username="nomail", email="", is_superuser=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(content_request),
                               form_data(help_center, assignee=nobody.pk))  # fmt: skip
    assert response.status_code == 302 and len(mail.outbox) == 1


def test_an_inactive_account_cannot_be_assigned(admin, help_center):
    gone = UserFactory(username="gone", is_active=False, is_superuser=True)
    response = as_client(admin).post(ADD_URL, form_data(help_center, assignee=gone.pk))
    assert "Select a valid choice" in str(response.context["form"].errors["assignee"])


# The reminder command


def remind(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("helpcenter_request_reminders", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_reminders_one_email_per_assignee_overdue_marked(admin, editor, help_center):
    prefer(editor, "nl")
    late = make_request(help_center, title="Late", assignee=editor, due_date=today())
    ContentRequest.objects.filter(pk=late.pk).update(due_date=today() - timedelta(days=3))
    make_request(help_center, title="Today", assignee=editor, due_date=today())
    make_request(help_center, title="Next week", assignee=editor,
                 due_date=today() + timedelta(days=6))  # fmt: skip
    make_request(help_center, title="Closed", assignee=editor, due_date=today(),
                 status=Status.DECLINED)  # fmt: skip
    make_request(help_center, title="Admin's", assignee=admin, due_date=today())
    make_request(help_center, title="Nobody's", due_date=today())

    out, _err = remind("--dry-run")
    assert mail.outbox == [] and f"Would email {editor.email}: 2 request(s)" in out

    out, _err = remind()
    by_address = {email.to[0]: email for email in mail.outbox}
    assert set(by_address) == {editor.email, admin.email}
    body = by_address[editor.email].body
    assert "[OVERDUE] Late" in body and "Today" in body and "[OVERDUE] Today" not in body
    assert "Next week" not in body and "Closed" not in body
    assert f"http://testserver{edit_url(late)}" in body
    html = by_address[editor.email].alternatives[0][0]
    assert 'lang="nl"' in html and "<strong>Overdue:</strong>" in html

    mail.outbox.clear()
    remind("--days-ahead", "7")
    assert "Next week" in {e.to[0]: e for e in mail.outbox}[editor.email].body


def test_reminders_skip_who_cannot_be_emailed(help_center):
    gone = UserFactory(username="gone", is_active=False)
    make_request(help_center, title="Orphan", assignee=gone, due_date=today())
    out, err = remind()
    assert mail.outbox == [] and "Cannot remind gone" in err


@pytest.mark.parametrize("args", [["--days-ahead", "-1"], ["--days-ahead", "366"]])
def test_reminders_refuse_bad_arguments(args):
    with pytest.raises(CommandError, match="between 0 and 365"):
        remind(*args)


@override_settings(WAGTAILADMIN_BASE_URL="")
def test_reminders_need_the_admin_base_url(db):
    with pytest.raises(CommandError, match="WAGTAILADMIN_BASE_URL"):
        remind()


# From the content gap queue


def make_gap(help_center, **fields):
    now = timezone.now()
    fields.setdefault("kind", ContentGap.Kind.ZERO_RESULTS)
    fields.setdefault("title", "export to pdf")
    fields.setdefault("key", fields["title"])
    return ContentGap.objects.create(help_center=help_center, occurrences=12,
                                     first_seen=now - timedelta(days=5), last_seen=now,
                                     **fields)  # fmt: skip


def test_gap_queue_offers_a_prefilled_request(admin, help_center):
    gap = make_gap(help_center)
    client = as_client(admin)
    queue = soup(client.get(reverse("wagtail_helpcenter_gaps")))
    link = next(a for a in queue.select(f"#hc-gap-{gap.pk} a") if "Request an article" in a.text)
    response = client.get(link["href"])
    form = response.context["form"]
    assert form.initial["title"] == "export to pdf"
    assert (
        "12 time(s)" in form.initial["reason"] and "Search found nothing" in form.initial["reason"]
    )
    assert form.initial["help_center"] == help_center.pk and form.initial["gap"] == gap.pk
    response = client.post(ADD_URL, form_data(help_center, title="Export to PDF", gap=gap.pk))
    assert response.status_code == 302
    assert ContentRequest.objects.get().gap == gap


@pytest.mark.parametrize("raw", ["999999", "abc", "99999999999999999999999", ""])
def test_a_gap_that_is_not_there_is_a_clear_error(admin, help_center, raw):
    response = as_client(admin).get(ADD_URL, {"gap": raw})
    assert response.status_code == 400
    assert "This content gap does not exist, or you may not see it." in response.content.decode()
    assert "title" in response.context["form"].fields


def test_a_posted_gap_that_is_not_there_is_a_form_error(admin, help_center):
    response = as_client(admin).post(ADD_URL, form_data(help_center, gap="999999"))
    assert response.status_code == 200
    assert "Select a valid choice" in str(response.context["form"].errors["gap"])
    assert "Select a valid choice" in response.content.decode()
    assert not ContentRequest.objects.exists()


def test_a_gap_on_an_internal_page_is_not_shown_to_who_may_not_see_it(
    admin, writer, help_center, internal_article
):
    gap = make_gap(help_center, kind=ContentGap.Kind.UNHELPFUL, title=internal_article.title,
                   key=str(internal_article.pk), page=internal_article)  # fmt: skip
    client = as_client(writer)
    response = client.get(ADD_URL, {"gap": gap.pk})
    assert response.status_code == 400
    assert internal_article.title not in response.content.decode()
    response = client.post(ADD_URL, form_data(help_center, gap=gap.pk))
    assert "You may not see this content gap." in str(response.context["form"].errors["gap"])
    assert as_client(admin).get(ADD_URL, {"gap": gap.pk}).status_code == 200


# Start the draft


def test_start_the_draft_in_the_chosen_category(editor, help_center, category):
    second = CategoryPageFactory(parent=help_center, title="Account", slug="account")
    gap = make_gap(help_center)
    content_request = make_request(help_center, title="Close my account", gap=gap)
    client = as_client(editor)
    listing = soup(client.get(LIST_URL))
    options = [option.text for option in listing.select("select[name=category] option")]
    assert options == ["Billing", "Account"]
    assert client.get(start_url(content_request)).status_code == 405
    response = client.post(start_url(content_request), {"category": second.pk})
    article = ArticlePage.objects.get(title="Close my account")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert not article.live and article.get_parent().pk == second.pk
    content_request.refresh_from_db()
    gap.refresh_from_db()
    assert (content_request.status, content_request.page_id) == (Status.IN_PROGRESS, article.pk)
    assert gap.draft_id == article.pk
    # Once started, it is not started again.
    client.post(start_url(content_request))
    assert ArticlePage.objects.filter(title="Close my account").count() == 1


def test_start_the_draft_defaults_to_the_first_category_and_checks_input(
    admin, help_center, category, site_home
):
    other_category = CategoryPageFactory(
        parent=HelpCenterPageFactory(parent=site_home, slug="other"), title="Foreign"
    )
    content_request = make_request(help_center, title="Default place")
    client = as_client(admin)
    for bad in ["abc", str(other_category.pk), "99999999999999999999999"]:
        response = client.post(start_url(content_request), {"category": bad}, follow=True)
        assert "Choose a category of this help center" in response.content.decode()
    assert not ArticlePage.objects.filter(title="Default place").exists()
    client.post(start_url(content_request))
    assert ArticlePage.objects.get(title="Default place").get_parent().pk == category.pk


def test_start_the_draft_needs_add_permission_there_and_the_csrf_token(
    writers, help_center, category
):
    GroupPagePermission.objects.filter(group=writers).delete()
    writer = UserFactory(username="nopages", groups=[writers])
    content_request = make_request(help_center)
    assert_denied(as_client(writer).post(start_url(content_request)))
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(UserFactory(username="root", is_superuser=True))
    assert strict.post(start_url(content_request)).status_code == 403
    assert not ArticlePage.objects.exists()


# The status follows the page


def article_form(article, **extra):
    data = nested_form_data(
        {
            "title": article.title,
            "slug": article.slug,
            "summary": "A summary.",
            "body": streamfield([("paragraph", rich_text("<p>Written.</p>"))]),
            "related_links": inline_formset([]),
            "audience": "public",
        }
    )
    data.update(extra)
    return data


def test_status_follows_moderation_then_publishing(admin, editor, help_center, category):
    content_request = make_request(help_center, title="Reset a password")
    editors = as_client(editor)
    response = editors.post(start_url(content_request), {"category": category.pk})
    article = ArticlePage.objects.get(title="Reset a password")
    edit = reverse("wagtailadmin_pages:edit", args=[article.pk])

    response = editors.post(edit, article_form(article, **{"action-submit": "1"}))
    assert response.status_code == 302, response.context and response.context["form"].errors
    content_request.refresh_from_db()
    assert content_request.status == Status.IN_REVIEW

    response = as_client(admin).post(edit, article_form(article, **{"action-publish": "1"}))
    assert response.status_code == 302
    content_request.refresh_from_db()
    assert content_request.status == Status.PUBLISHED
    assert not content_request.is_overdue


def test_publishing_leaves_declined_requests_alone(admin, help_center, category):
    article = ArticlePageFactory(parent=category, title="Old one")
    declined = make_request(help_center, page=article, status=Status.DECLINED)
    response = as_client(admin).post(
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        article_form(article, **{"action-publish": "1"}),
    )
    assert response.status_code == 302
    declined.refresh_from_db()
    assert declined.status == Status.DECLINED


# The demo


def test_the_demo_has_requests_for_its_editor(site_home):
    call_command("helpcenter_demo", stdout=io.StringIO())
    editor = get_user_model().objects.get(username="acme-editor")
    assert editor.groups.filter(name="Editors").exists()
    mine = ContentRequest.objects.filter(assignee=editor)
    assert mine.count() == 2 and any(request.is_overdue for request in mine)
    assert all(request.due_date for request in mine)
    assert ContentRequest.objects.filter(assignee=None).exists()


def test_listing_search_finds_titles_and_reasons(admin, help_center):
    make_request(help_center, title="Refund a payment", reason="Asked weekly")
    make_request(help_center, title="Close an account", reason="Nothing about refunds yet")
    make_request(help_center, title="Invite a colleague")
    document = soup(as_client(admin).get(LIST_URL, {"q": "refund"}))
    titles = {row.select_one("td a").get_text(strip=True) for row in document.select("tbody tr")}
    assert titles == {"Refund a payment", "Close an account"}


def test_changes_requested_in_the_workflow_send_it_back_to_writing(
    admin, editor, help_center, category
):
    content_request = make_request(help_center, title="Use two-factor sign-in")
    editors = as_client(editor)
    editors.post(start_url(content_request), {"category": category.pk})
    article = ArticlePage.objects.get(title="Use two-factor sign-in")
    edit = reverse("wagtailadmin_pages:edit", args=[article.pk])
    editors.post(edit, article_form(article, **{"action-submit": "1"}))
    task_state = article.current_workflow_task_state
    response = as_client(admin).post(
        reverse("wagtailadmin_pages:workflow_action", args=[article.pk, "reject", task_state.pk]),
        {"comment": "Add a screenshot."},
    )
    assert response.status_code in (200, 302)
    content_request.refresh_from_db()
    assert content_request.status == Status.IN_PROGRESS


def test_the_form_names_the_gap_by_number_only(admin, help_center):
    gap = make_gap(help_center, title=HOSTILE)
    content_request = make_request(help_center, gap=gap)
    document = soup(as_client(admin).get(edit_url(content_request)))
    assert document.select_one("input[name=gap]")["value"] == str(gap.pk)
    assert f"Requested for content gap #{gap.pk}." in document.text
    assert HOSTILE not in str(document.select_one("#panel-gap-content"))


def test_panel_and_emails_do_not_name_an_internal_draft_to_who_may_not_see_it(
    admin, writer, help_center, internal_article, django_capture_on_commit_callbacks
):
    fields = form_data(help_center, title="Escalations", assignee=writer.pk,
                       status=Status.IN_PROGRESS, page=internal_article.pk,
                       due_date=today().isoformat())  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        assert as_client(admin).post(ADD_URL, fields).status_code == 302
    remind()
    assert len(mail.outbox) == 2
    for email in mail.outbox:
        assert "Escalations" in email.body
        assert internal_article.title not in email.body + email.alternatives[0][0]
    home = as_client(writer).get(reverse("wagtailadmin_home")).content.decode()
    assert "Escalations" in home and internal_article.title not in home


# Internal content in the form and in "Start the draft"


def test_the_form_neither_names_nor_drops_a_linked_page_the_user_may_not_see(
    admin, writer, help_center, category, internal_article
):
    content_request = make_request(
        help_center, title="Escalations", page=internal_article, status=Status.IN_PROGRESS
    )
    writers = as_client(writer)
    html = writers.get(edit_url(content_request)).content.decode()
    assert internal_article.title not in html
    assert "A page in a section you may not see is linked." in html
    # Emptied or swapped for another page, it stays linked: the field is not theirs to edit.
    other = ArticlePageFactory(parent=category, title="Something public")
    for page in ["", other.pk]:
        fields = form_data(help_center, title="Escalations, renamed", page=page,
                           status=Status.IN_PROGRESS)  # fmt: skip
        assert writers.post(edit_url(content_request), fields).status_code == 302
        content_request.refresh_from_db()
        assert content_request.title == "Escalations, renamed"
        assert content_request.page_id == internal_article.pk
    admins_form = as_client(admin).get(edit_url(content_request))
    assert internal_article.title in admins_form.content.decode()


def test_the_page_field_accepts_and_names_only_pages_the_user_may_see(
    admin, writer, help_center, category, internal_article
):
    public = ArticlePageFactory(parent=category, title=HOSTILE, slug="hostile")
    writers = as_client(writer)
    # A deliberate error elsewhere re-renders the chooser with the posted id.
    response = writers.post(ADD_URL, form_data(help_center, title="", page=internal_article.pk))
    assert "Select a valid choice" in str(response.context["form"].errors["page"])
    assert internal_article.title not in response.content.decode()
    response = writers.post(ADD_URL, form_data(help_center, title="", page=public.pk))
    assert "page" not in response.context["form"].errors
    document = soup(response)
    assert HOSTILE in document.text  # named, as text
    assert not [script for script in document.select("script") if "alert(1)" in script.text]
    assert not document.select("img[onerror]")
    assert not ContentRequest.objects.exists()
    fields = form_data(help_center, status=Status.IN_PROGRESS, page=internal_article.pk)
    assert as_client(admin).post(ADD_URL, fields).status_code == 302
    assert ContentRequest.objects.get().page_id == internal_article.pk


@pytest.fixture
def billing_writer(help_center, category):
    """May use requests, and add pages in "Billing" only."""
    group = Group.objects.create(name="Billing writers")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(codename__in=["change_contentrequest", "view_contentrequest"]),
    )
    GroupPagePermission.objects.create(group=group, page=category, permission_type="add")
    return UserFactory(username="bill", groups=[group])


def offered_categories(client):
    options = soup(client.get(LIST_URL)).select("select[name=category] option")
    return [option.text for option in options]


def test_start_the_draft_offers_and_accepts_only_categories_one_may_see_and_add_to(
    admin, writer, billing_writer, help_center, category, internal_category
):
    account = CategoryPageFactory(parent=help_center, title="Account", slug="account")
    content_request = make_request(help_center, title="Escalations")
    assert offered_categories(as_client(admin)) == ["Billing", "Support playbook", "Account"]
    assert offered_categories(as_client(writer)) == ["Billing", "Account"]
    assert offered_categories(as_client(billing_writer)) == ["Billing"]
    for user, refused in [(writer, internal_category), (billing_writer, account)]:
        response = as_client(user).post(
            start_url(content_request), {"category": refused.pk}, follow=True
        )
        html = response.content.decode()
        assert "Choose a category of this help center" in html
        assert internal_category.title not in html
    assert not ArticlePage.objects.filter(title="Escalations").exists()
    # Without a category named, the first one they may add to.
    as_client(billing_writer).post(start_url(content_request))
    assert ArticlePage.objects.get(title="Escalations").get_parent().pk == category.pk


def test_start_the_draft_listing_costs_the_same_queries_for_more_categories(
    writer, help_center, category, internal_category, django_assert_max_num_queries
):
    make_request(help_center, title="Escalations")
    client = as_client(writer)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST_URL)
    for number in range(5):
        CategoryPageFactory(parent=help_center, title=f"More {number}", slug=f"more-{number}")
    with django_assert_max_num_queries(len(few)):
        assert len(offered_categories(client)) == 6


# Resubmitting after changes were requested


def submit(client, article, action="action-submit"):
    article = ArticlePage.objects.get(pk=article.pk)
    edit = reverse("wagtailadmin_pages:edit", args=[article.pk])
    response = client.post(edit, article_form(article, **{action: "1"}))
    assert response.status_code == 302, response.context and response.context["form"].errors
    return ArticlePage.objects.get(pk=article.pk)


def request_changes(client, article):
    task_state = article.current_workflow_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[article.pk, "reject", task_state.pk]),
        {"comment": "Add a screenshot."},
    )
    assert response.status_code in (200, 302)


def updates_of_requests(captured):
    table = ContentRequest._meta.db_table
    return [query for query in captured if query["sql"].startswith(f'UPDATE "{table}"')]


@pytest.mark.parametrize("action", ["action-submit", "action-restart-workflow"])
def test_resubmitted_after_changes_requested_it_is_in_review_again(
    admin, editor, help_center, category, action
):
    content_request = make_request(help_center, title="Use two-factor sign-in")
    editors = as_client(editor)
    editors.post(start_url(content_request), {"category": category.pk})
    article = ArticlePage.objects.get(title="Use two-factor sign-in")
    with CaptureQueriesContext(connection) as first:
        article = submit(editors, article)
    assert len(updates_of_requests(first)) == 1  # the first submission is handled once
    request_changes(as_client(admin), article)
    content_request.refresh_from_db()
    assert content_request.status == Status.IN_PROGRESS

    article = submit(editors, article, action)  # Wagtail resumes, or restarts, the workflow
    assert article.current_workflow_state.status == "in_progress"
    content_request.refresh_from_db()
    assert content_request.status == Status.IN_REVIEW


def test_restarting_the_workflow_while_in_review_stays_in_review(
    admin, editor, help_center, category
):
    content_request = make_request(help_center, title="Use two-factor sign-in")
    editors = as_client(editor)
    editors.post(start_url(content_request), {"category": category.pk})
    article = submit(editors, ArticlePage.objects.get(title="Use two-factor sign-in"))
    # The page is locked to its writer while in review: a moderator restarts it.
    submit(as_client(admin), article, "action-restart-workflow")
    content_request.refresh_from_db()
    assert content_request.status == Status.IN_REVIEW
