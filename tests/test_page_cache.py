"""The page cache for anonymous visitors (``caching.pages``): what is served from it,
what never is, what each visitor gets of their own, and every change that drops it, on
the real cache framework and database through Wagtail's serve view."""

import pickle

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from tests.factories import (
    ArticlePageFactory,
    CategoryPageFactory,
    FAQPageFactory,
    HelpCenterPageFactory,
    add_faq_items,
)
from tests.utils import soup
from wagtail_helpcenter.caching.pages import CSRF_PLACEHOLDER, HIT_HEADER, CachedPage
from wagtail_helpcenter.discussions.actions import create_comment
from wagtail_helpcenter.discussions.models import Thread
from wagtail_helpcenter.models import FunnelDay, PageViewDay, Vote

pytestmark = pytest.mark.django_db

# A copy from the cache costs our tables one query (the content generations of its tree
# path), and a visitor's first visit of the day two more (the visit and the view).
OUR_QUERIES_FIRST_VISIT = 3
OUR_QUERIES_AGAIN = 1
# All of a copy's queries, Wagtail's routing (the site, the locale, each level of the
# tree) and view restriction check included.
MAX_CACHED_ARTICLE_QUERIES = 11


def served(client, url, **params):
    response = client.get(url, params)
    return response.get(HIT_HEADER), response


def visitor(address, **kwargs):
    return Client(REMOTE_ADDR=address, HTTP_USER_AGENT="Mozilla/5.0 (X11)", **kwargs)


def stored_copies():
    """Every page copy in the local-memory cache the tests use."""
    copies = []
    for value in cache._cache.values():
        try:
            stored = pickle.loads(value)
        except Exception:  # noqa: BLE001 - other entries of the cache
            continue
        if isinstance(stored, CachedPage):
            copies.append(stored)
    return copies


def ours(queries):
    """The queries of ``queries`` that read or write the help center's own tables."""
    return [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].startswith(('SELECT "wagtail_helpcenter_', 'UPDATE "wagtail_helpcenter_',
                                    'INSERT INTO "wagtail_helpcenter_'))
    ]  # fmt: skip


def form_tokens(response):
    return [field["value"] for field in soup(response).select("input[name=csrfmiddlewaretoken]")]


class TestWhatIsServedFromTheCache:
    def test_every_page_type_is_served_from_the_cache_the_second_time(
        self, client, help_center, category, article
    ):
        faq = FAQPageFactory(parent=help_center, title="Billing FAQ", slug="faq")
        add_faq_items(faq, ("Can I pay by card?", "<p>Yes.</p>"))
        for page in (help_center, category, article, faq):
            first, response = served(client, page.url)
            assert (first, response.status_code) == ("miss", 200)
            second, again = served(client, page.url)
            assert (second, again.status_code) == ("hit", 200)
            assert again["Content-Type"] == response["Content-Type"]
            assert soup(again).select_one("h1").text == soup(response).select_one("h1").text

    def test_a_copy_costs_a_few_queries(self, help_center, category, article):
        visitor("192.0.2.1").get(article.url)
        fresh_visitor = visitor("192.0.2.2")
        with CaptureQueriesContext(connection) as first_visit:
            assert served(fresh_visitor, article.url)[0] == "hit"
        with CaptureQueriesContext(connection) as again:
            assert served(fresh_visitor, article.url)[0] == "hit"
        assert len(ours(first_visit)) == OUR_QUERIES_FIRST_VISIT, ours(first_visit)
        assert len(ours(again)) == OUR_QUERIES_AGAIN, ours(again)
        assert len(again.captured_queries) <= MAX_CACHED_ARTICLE_QUERIES

    def test_routes_of_the_help_center_are_not_cached(self, client, help_center, article):
        for url in ("search/?q=invoice", "feed/", "api/articles/"):
            client.get(help_center.url + url)
            assert client.get(help_center.url + url).get(HIT_HEADER) is None

    @pytest.mark.parametrize("parameters", [{"voted": "yes"}, {"utm_source": "mail"},
                                            {"page": "1" * 20}])  # fmt: skip
    def test_pages_with_other_parameters_are_rendered_for_the_request(
        self, client, article, parameters
    ):
        client.get(article.url, parameters)
        assert served(client, article.url, **parameters)[0] is None

    def test_listing_pages_are_cached_each_on_its_own(self, client, category):
        for _ in range(3):
            ArticlePageFactory(parent=category)
        with override_settings(WAGTAIL_HELPCENTER={"CATEGORY_PAGE_SIZE": 2}):
            first = soup(client.get(category.url, {"page": 1})).select(".hc-article-list__link")
            second = soup(client.get(category.url, {"page": 2})).select(".hc-article-list__link")
            assert served(client, category.url, page=2)[0] == "hit"
            cached_second = soup(served(client, category.url, page=2)[1])
        assert {a.text for a in first}.isdisjoint({a.text for a in second})
        assert [a.text for a in cached_second.select(".hc-article-list__link")] == [
            a.text for a in second
        ]

    def test_off_when_the_setting_is_zero(self, client, article):
        with override_settings(WAGTAIL_HELPCENTER={"PAGE_CACHE_SECONDS": 0}):
            client.get(article.url)
            assert served(client, article.url)[0] is None

    def test_robots_get_a_copy_of_their_own(self, article):
        reader = visitor("192.0.2.1")
        robot = Client(HTTP_USER_AGENT="Googlebot/2.1")
        assert served(reader, article.url)[0] == "miss"
        status, page = served(robot, article.url)
        assert status == "miss"  # not the reader's copy, which measures reading time
        assert soup(page).select_one("script[data-hc-read-url]") is None
        assert soup(served(reader, article.url)[1]).select_one("script[data-hc-read-url]")


class TestWhatEachVisitorGetsOfTheirOwn:
    def test_each_visitor_gets_their_own_csrf_token_and_the_cache_keeps_none(self, article):
        first, second = visitor("192.0.2.1"), visitor("192.0.2.2")
        assert served(first, article.url)[0] == "miss"
        status, response = served(second, article.url)
        assert status == "hit"
        secret = second.cookies["csrftoken"].value
        assert secret != first.cookies["csrftoken"].value
        tokens = form_tokens(response)
        assert tokens  # the vote, comment and report forms
        assert {_unmask_cipher_token(token) for token in tokens} == {secret}
        (copy,) = stored_copies()
        assert CSRF_PLACEHOLDER.encode() in copy.content
        assert first.cookies["csrftoken"].value.encode() not in copy.content
        assert b"csrftoken" not in b"".join(copy.headers.get(name, "").encode()
                                            for name in copy.headers)  # fmt: skip

    def test_a_vote_without_javascript_from_a_cached_page_is_accepted(self, help_center, article):
        visitor("192.0.2.1", enforce_csrf_checks=True).get(article.url)
        reader = visitor("192.0.2.2", enforce_csrf_checks=True)
        status, response = served(reader, article.url)
        assert status == "hit"
        form = soup(response).select_one("form.hc-feedback")
        hidden = form.select("input[type=hidden]")
        data = {field["name"]: field.get("value", "") for field in hidden}
        answer = reader.post(form["action"], {**data, "helpful": "yes"})
        assert answer.status_code == 303
        assert Vote.objects.get().page_id == article.pk
        # The page shown after the vote is the reader's own.
        assert served(reader, answer["Location"].split("#")[0])[0] is None

    @override_settings(WAGTAIL_HELPCENTER={"DISCUSSION_HOLD_FIRST_POST": False})
    def test_a_comment_from_a_cached_page_is_accepted(self, article):
        visitor("192.0.2.1", enforce_csrf_checks=True).get(article.url)
        reader = visitor("192.0.2.2", enforce_csrf_checks=True)
        status, response = served(reader, article.url)
        assert status == "hit"
        form = soup(response).select_one("form.hc-comment-form")
        data = {field["name"]: field.get("value", "") for field in form.select("input")
                if field.get("name") and field.get("type") != "checkbox"}  # fmt: skip
        data.update(name="Ana", email="ana@example.com", comment="Can I pay by card?")
        answer = reader.post(form["action"], data)
        # Accepted: an anonymous poster confirms by email (COMMENTS_XTD_CONFIRM_EMAIL).
        assert answer.status_code == 200, answer.content[:500]
        assert "Can I pay by card?" in mail.outbox[0].body

    def test_signed_in_visitors_get_a_private_page_and_never_fill_the_cache(
        self, client, help_center, internal_article, staff_user
    ):
        client.force_login(staff_user)
        status, response = served(client, help_center.url)
        assert status is None
        assert "private" in response["Cache-Control"]
        assert "Support playbook" in response.content.decode()
        assert not stored_copies()
        anonymous = visitor("192.0.2.1")
        status, response = served(anonymous, help_center.url)
        assert status == "miss"
        assert "Support playbook" not in response.content.decode()
        # And the other way round: a staff visit after the anonymous copy is its own.
        status, response = served(client, help_center.url)
        assert status is None
        assert "Support playbook" in response.content.decode()

    def test_a_staff_reply_badge_stays_a_comment_authors(
        self, client, article, staff_user, moderator
    ):
        create_comment(article, "Use the billing page.", user=moderator, staff_reply=True)
        anonymous = visitor("192.0.2.1")
        served(anonymous, article.url)
        page = soup(served(anonymous, article.url)[1])
        assert [badge.text for badge in page.select(".hc-comment .hc-badge")] == ["Staff"]
        assert not page.select(".hc-comment__delete")  # another visitor's own button

    def test_a_visitor_who_passed_a_page_password_gets_their_own_pages(
        self, client, help_center, category, article
    ):
        secret = CategoryPageFactory(parent=help_center, title="Partners", slug="partners")
        ArticlePageFactory(parent=secret, title="Partner pricing")
        restriction = PageViewRestriction.objects.create(
            page=secret, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
        )
        served(visitor("192.0.2.1"), help_center.url)
        response = client.post(
            f"/_util/authenticate_with_password/{restriction.pk}/{secret.pk}/",
            {"password": "s3cret", "return_url": secret.url},
        )
        assert response.status_code == 302
        status, home = served(client, help_center.url)
        assert status is None
        assert "private" in home["Cache-Control"]

    def test_a_visitor_with_a_message_waiting_gets_their_own_page(self, help_center, article):
        comment = create_comment(article, "Buy cheap pills", name="Spammer")
        served(visitor("192.0.2.1"), article.url)
        reporter = visitor("192.0.2.2")
        status, page = served(reporter, article.url)
        assert status == "hit"
        form = soup(page).select_one(f"#c{comment.pk} .hc-comment__flag form")
        token = form.select_one("input[name=csrfmiddlewaretoken]")["value"]
        reported = reporter.post(form["action"], {"csrfmiddlewaretoken": token, "reason": "spam"})
        assert reported.status_code == 302  # to the page, with a message for the reporter
        status, page = served(reporter, article.url)
        assert status is None
        message = soup(page).select_one(".hc-messages").text
        assert message == "Thank you: a moderator will look at it."
        # Shown once: the next page is a copy again, without the message.
        status, home = served(reporter, help_center.url)
        assert status == "miss"
        assert soup(home).select_one(".hc-messages") is None

    def test_views_and_visits_are_counted_for_copies_from_the_cache(self, help_center, article):
        readers = [visitor(f"192.0.2.{n}") for n in range(1, 4)]
        for reader in readers:
            served(reader, article.url)
            served(reader, article.url)  # the same visitor again the same day
        assert PageViewDay.objects.get(page=article).views == 3
        assert FunnelDay.objects.get(help_center=help_center).visits == 3


class TestChangesDropCopies:
    def warm(self, *urls):
        reader = visitor("192.0.2.9")
        for url in urls:
            reader.get(url)
            assert served(reader, url)[0] == "hit"
        return reader

    def test_a_publish_is_seen_at_once_wherever_the_page_shows(
        self, help_center, category, article
    ):
        reader = self.warm(help_center.url, category.url, article.url)
        article.title = "Download your invoices"
        article.save_revision().publish()
        for url in (help_center.url, category.url, article.url):
            status, response = served(reader, url)
            assert status == "miss"
            assert "Download your invoices" in response.content.decode()

    def test_an_unpublished_page_is_gone_at_once(self, help_center, category, article):
        reader = self.warm(category.url, article.url)
        article.unpublish()
        assert reader.get(article.url).status_code == 404
        assert "Download an invoice" not in served(reader, category.url)[1].content.decode()

    def test_a_page_made_internal_is_hidden_at_once(self, help_center, category, article):
        other = ArticlePageFactory(parent=category, title="Change your plan")
        reader = self.warm(help_center.url, category.url, article.url, other.url)
        category.audience = "internal"
        category.save_revision().publish()
        assert reader.get(article.url).status_code in (302, 404)
        assert "Billing" not in soup(served(reader, help_center.url)[1]).select_one("main").text

    def test_a_restriction_added_in_the_admin_hides_at_once(self, help_center, category, article):
        reader = self.warm(help_center.url, article.url)
        PageViewRestriction.objects.create(page=category, restriction_type="login")
        assert reader.get(article.url).status_code == 302
        home = served(reader, help_center.url)[1]
        assert "Download an invoice" not in home.content.decode()

    def test_a_group_restriction_changed_is_seen_at_once(
        self, client, help_center, category, article, staff_user
    ):
        restriction = PageViewRestriction.objects.create(page=category, restriction_type="groups")
        restriction.groups.add(Group.objects.get(name="Editors"))
        reader = self.warm(help_center.url)
        restriction.delete()
        assert "Billing" in served(reader, help_center.url)[1].content.decode()

    def test_a_move_and_a_delete_are_seen_at_once(self, help_center, category, article):
        other = CategoryPageFactory(parent=help_center, title="Account", slug="account")
        ArticlePageFactory(parent=other, title="Close your account")
        reader = self.warm(article.url, category.url, other.url)
        article.move(other, pos="last-child")
        assert reader.get(article.url).status_code == 404
        assert "Download an invoice" in served(reader, other.url)[1].content.decode()
        assert "Download an invoice" not in served(reader, category.url)[1].content.decode()
        moved = Page.objects.get(pk=article.pk)
        self.warm(moved.url)
        moved.delete()
        assert reader.get(moved.url).status_code == 404

    def test_comments_shown_and_hidden_are_seen_at_once(self, article, moderator):
        reader = self.warm(article.url)
        comment = create_comment(article, "Held for a moderator.", name="Ana", public=False)
        assert served(reader, article.url)[0] == "miss"  # a comment saved: its page is redone
        assert "Held for a moderator." not in served(reader, article.url)[1].content.decode()
        comment.is_public = True
        comment.save()
        assert "Held for a moderator." in served(reader, article.url)[1].content.decode()
        comment.is_removed = True
        comment.save()
        assert "Held for a moderator." not in served(reader, article.url)[1].content.decode()

    def test_a_closed_discussion_is_seen_at_once(self, article):
        reader = self.warm(article.url)
        Thread.objects.create(page=article, closed_at=timezone.now())
        assert "This discussion is closed." in served(reader, article.url)[1].content.decode()

    def test_a_comment_drops_its_own_page_only(self, help_center, category, article):
        other = ArticlePageFactory(parent=category, title="Change your plan")
        reader = self.warm(article.url, other.url, help_center.url)
        create_comment(article, "Where is the invoice?", name="Ana")
        assert served(reader, article.url)[0] == "miss"
        assert served(reader, other.url)[0] == "hit"
        assert served(reader, help_center.url)[0] == "hit"

    def test_a_publish_in_one_help_center_leaves_another_cached(
        self, site_home, help_center, category, article
    ):
        other_center = HelpCenterPageFactory(
            parent=site_home, title="Partner Help", slug="partners"
        )
        other_category = CategoryPageFactory(parent=other_center, title="Onboarding")
        ArticlePageFactory(parent=other_category, title="Welcome")
        reader = self.warm(help_center.url, other_center.url)
        article.save_revision().publish()
        assert served(reader, help_center.url)[0] == "miss"
        assert served(reader, other_center.url)[0] == "hit"

    def test_settings_that_change_templates_are_seen_at_once(self, help_center, article):
        reader = self.warm(help_center.url)
        with override_settings(WAGTAIL_HELPCENTER={"HOME_RECENT_COUNT": 0}):
            assert served(reader, help_center.url)[0] == "miss"

    def test_a_change_rolled_back_keeps_the_copies(self, help_center, article):
        from django.db import transaction

        reader = self.warm(help_center.url)
        with pytest.raises(RuntimeError), transaction.atomic():
            article.save_revision().publish()
            raise RuntimeError
        assert served(reader, help_center.url)[0] == "hit"


def test_the_cache_command_drops_every_copy(client, help_center, article):
    from io import StringIO

    from django.core.management import call_command

    reader = visitor("192.0.2.9")
    for url in (help_center.url, article.url):
        served(reader, url)
    output = StringIO()
    call_command("helpcenter_cache", stdout=output)
    assert "Pages: 600 s, searches: 300 s, in cache 'default' (LocMemCache)" in output.getvalue()
    call_command("helpcenter_cache", "--clear", stdout=StringIO())
    assert [served(reader, url)[0] for url in (help_center.url, article.url)] == ["miss"] * 2


BEFORE_ROUTING = "hit-before-routing"


@pytest.fixture
def page_cache_middleware(settings):
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        "wagtail_helpcenter.caching.middleware.PageCacheMiddleware",
    ]


@pytest.mark.usefixtures("page_cache_middleware")
class TestBeforeRouting:
    def test_a_copy_is_served_before_wagtail_routes_the_url(self, help_center, category, article):
        visitor("192.0.2.1").get(article.url)
        reader = visitor("192.0.2.2")
        with CaptureQueriesContext(connection) as first_visit:
            status, response = served(reader, article.url)
        assert status == BEFORE_ROUTING
        # The generations, and the visit and the view of the visitor's first today.
        assert len(first_visit.captured_queries) == OUR_QUERIES_FIRST_VISIT
        with CaptureQueriesContext(connection) as again:
            assert served(reader, article.url)[0] == BEFORE_ROUTING
        assert len(again.captured_queries) == OUR_QUERIES_AGAIN
        secret = reader.cookies["csrftoken"].value
        assert {_unmask_cipher_token(token) for token in form_tokens(response)} == {secret}
        assert PageViewDay.objects.get(page=article).views == 2

    def test_a_restriction_added_sends_the_next_request_through_wagtail(
        self, help_center, category, article
    ):
        reader = visitor("192.0.2.1")
        served(reader, article.url)
        assert served(reader, article.url)[0] == BEFORE_ROUTING
        PageViewRestriction.objects.create(page=category, restriction_type="login")
        response = reader.get(article.url)
        assert response.status_code == 302
        assert response.get(HIT_HEADER) is None

    def test_an_unpublished_page_is_not_found_at_once(self, help_center, category, article):
        reader = visitor("192.0.2.1")
        served(reader, article.url)
        assert served(reader, article.url)[0] == BEFORE_ROUTING
        article.unpublish()
        assert reader.get(article.url).status_code == 404

    def test_restricted_pages_and_aliases_always_go_through_wagtail(
        self, client, help_center, category, article, internal_article, staff_user
    ):
        alias = article.create_alias(
            parent=CategoryPageFactory(parent=help_center, title="Elsewhere", slug="elsewhere"),
            update_slug="invoices-again",
        )
        client.force_login(staff_user)
        client.get(internal_article.url)
        client.logout()
        reader = visitor("192.0.2.1")
        for _ in range(2):
            assert reader.get(internal_article.url).status_code == 302
            assert served(reader, alias.url)[0] in ("miss", "hit")

    def test_signed_in_visitors_are_never_served_a_copy(
        self, client, help_center, article, staff_user
    ):
        served(visitor("192.0.2.1"), article.url)
        client.force_login(staff_user)
        status, response = served(client, article.url)
        assert status is None
        assert "private" in response["Cache-Control"]


class TestChangesDuringARequest:
    """A change committed while a request renders (after Wagtail read the page and its
    restrictions): what that request stores is never served after the change."""

    def change_during_next_request(self, change):
        from wagtail import hooks

        def on_serve(serve):
            def inner(page, request, args, kwargs):
                change()
                return serve(page, request, args, kwargs)

            return inner

        # Between Wagtail's restriction check (order 0) and the page cache (1000).
        return hooks.register_temporarily("on_serve_page", on_serve, order=500)

    def test_a_section_made_private_meanwhile_is_not_listed_in_the_copy(
        self, help_center, category, article
    ):
        other = CategoryPageFactory(parent=help_center, title="Account", slug="account")
        ArticlePageFactory(parent=other, title="Close your account")
        with self.change_during_next_request(
            lambda: PageViewRestriction.objects.get_or_create(
                page=category, restriction_type="login"
            )
        ):
            visitor("192.0.2.1").get(help_center.url)
        reader = visitor("192.0.2.2")
        assert "Billing" not in soup(served(reader, help_center.url)[1]).select_one("main").text

    @pytest.mark.usefixtures("page_cache_middleware")
    def test_a_page_unpublished_meanwhile_is_not_kept(self, help_center, category, article):
        with self.change_during_next_request(lambda: Page.objects.get(pk=article.pk).unpublish()):
            assert visitor("192.0.2.1").get(article.url).status_code == 200
        assert visitor("192.0.2.2").get(article.url).status_code == 404
        assert not stored_copies()


def test_an_import_hides_pages_at_once_in_its_batch(help_center, category, article):
    from wagtail_helpcenter.caching import generations

    reader = visitor("192.0.2.9")
    served(reader, article.url)
    with generations.batched():
        PageViewRestriction.objects.create(page=category, restriction_type="login")
        # Not at the end of the batch: the next request already sees the restriction.
        assert reader.get(category.url).status_code == 302
        assert "Billing" not in served(reader, help_center.url)[1].content.decode()


MADE_UP_VALUES = [
    {"page": "01"}, {"page": "1000"}, {"page": "٣"}, {"comments": "sideways"},
    {"comments_page": "-1"},
]  # fmt: skip


@pytest.mark.parametrize("parameters", MADE_UP_VALUES)
def test_made_up_values_get_no_copy_of_their_own(client, category, article, parameters):
    client.get(category.url, parameters)
    assert served(client, category.url, **parameters)[0] is None
