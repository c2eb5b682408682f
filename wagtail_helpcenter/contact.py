"""The help center's contact form ("Still need help?"): what a request may contain, the
token of one form opening, the limits, and what sending a request does.

A sent request is stored (``ContactRequest``, deleted after ``CONTACT_RETENTION_DAYS``),
emailed to ``CONTACT_EMAIL`` and handed to every ``helpcenter_contact_request`` hook;
the visitor is emailed an acknowledgement that quotes none of their text (the form
could otherwise send anyone's words to any address). Counting follows ``funnel``: for
visitors only, a form opening once per visitor and day.
"""

import logging
import secrets
from datetime import timedelta

from django import forms
from django.core import signing
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.utils import get_admin_base_url
from wagtail.models import Page

from . import funnel, gaps, visitors
from .cleaning import without_control_characters
from .conf import get_config
from .counting import add_to_count
from .ids import parse_id
from .listing import children_of, holding_visible_content
from .mailboxes import mailbox_of
from .models import (
    ArticlePage,
    CategoryPage,
    ContactRequest,
    ContentGap,
    FAQPage,
    HelpCenterPage,
    PageViewDay,
)
from .models.deflection import CONTACT_MESSAGE_MAX_LENGTH, CONTACT_SUBJECT_MAX_LENGTH
from .search.params import SearchParams
from .search.query import HelpCenterSearch
from .search.text import clean_query, query_terms
from .semantic.retrieval import source_help_center
from .visibility import get_visibility

logger = logging.getLogger(__name__)

HOOK_NAME = "helpcenter_contact_request"
TOKEN_SALT = "wagtail_helpcenter.contact"
TOKEN_MAX_AGE = 4 * 3600  # a form opened longer ago asks to be sent again
TOKEN_MAX_LENGTH = 300
RATE_WINDOW = timedelta(hours=1)
NAME_MAX_LENGTH = ContactRequest._meta.get_field("name").max_length
EMAIL_MAX_LENGTH = 254


def one_line(text):
    """``text`` on one line: control characters, line and paragraph separators become
    spaces (an email header with a line end in it could carry another header)."""
    printable = "".join(ch if ch.isprintable() else " " for ch in str(text))
    return " ".join(printable.split())


class LineField(forms.CharField):
    """One line of text; control characters are dropped before the length is checked."""

    def to_python(self, value):
        return one_line(super().to_python(value))


class TextField(forms.CharField):
    """Text with line ends; other control characters dropped (PostgreSQL refuses NUL)."""

    def to_python(self, value):
        return without_control_characters(super().to_python(value)).strip()


class ContactForm(forms.Form):
    name = LineField(label=gettext_lazy("Your name"), max_length=NAME_MAX_LENGTH)
    email = forms.EmailField(label=gettext_lazy("Your email"), max_length=EMAIL_MAX_LENGTH)
    subject = LineField(label=gettext_lazy("Subject"), max_length=CONTACT_SUBJECT_MAX_LENGTH)
    message = TextField(
        label=gettext_lazy("How can we help?"), max_length=CONTACT_MESSAGE_MAX_LENGTH
    )
    category = forms.ChoiceField(label=gettext_lazy("Topic"), required=False)
    # A field people never see: robots that fill in every field give themselves away.
    website = forms.CharField(required=False)

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = {str(category.pk): category for category in categories}
        choices = [(pk, category.title) for pk, category in self.categories.items()]
        self.fields["category"].choices = [("", _("Choose a topic (optional)")), *choices]

    def chosen_category(self):
        return self.categories.get(self.cleaned_data.get("category") or "")


def form_is_on(help_center):
    """The built-in form serves this help center: switched on, and no contact link of
    its own (a site's contact page wins)."""
    return bool(get_config()["CONTACT_FORM"]) and not help_center.contact_url


def form_url(request, help_center):
    url = help_center.get_url(request=request)
    return url + help_center.reverse_subpage("contact").lstrip("/") if url else ""


def contact_link(request, help_center, page=None):
    """Where "Still need help?" leads: the help center's contact link, else the built-in
    form (``?from=`` the article or FAQ page read), else nowhere (""). A page outside a
    help center (the discussions' message page) has none: nowhere."""
    if not isinstance(help_center, HelpCenterPage):
        return ""
    if help_center.contact_url:
        return help_center.contact_url
    if not get_config()["CONTACT_FORM"]:
        return ""
    url = form_url(request, help_center)
    if url and isinstance(page, ArticlePage | FAQPage) and page.pk:
        url += f"?from={page.pk}"
    return url


def categories_for(request, help_center):
    """The topics a visitor may choose: the help center's categories they may see."""
    categories = children_of(request, help_center, CategoryPage)
    return list(holding_visible_content(request, categories))


# The token of one form opening ---------------------------------------------------------


def new_token(help_center):
    payload = {"n": secrets.token_urlsafe(16), "h": help_center.pk}
    return signing.dumps(payload, salt=TOKEN_SALT)


def nonce_of(token, help_center):
    """The random nonce of a token this site signed for this help center's form in the
    last TOKEN_MAX_AGE seconds; None for anything else."""
    if not isinstance(token, str) or not token or len(token) > TOKEN_MAX_LENGTH:
        return None
    try:
        payload = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired too
        return None
    if not isinstance(payload, dict) or payload.get("h") != help_center.pk:
        return None
    nonce = payload.get("n")
    return nonce if isinstance(nonce, str) and nonce else None


def _mark(what, nonce):
    return f"wagtail_helpcenter:contact:{what}:{visitors.anonymous_key('contact-token', nonce)}"


# Counting -------------------------------------------------------------------------------


def count_opened(request, help_center):
    """The form opened: once per visitor, help center and day."""
    if funnel.is_visitor(request) and visitors.first_time_today(
        request, f"contact-opened:{help_center.pk}"
    ):
        funnel.count_step(request, help_center, "contact_opened")


def count_suggestion_opened(request, help_center, nonce):
    """A suggested article opened from the form of ``nonce``: counted once per token (a
    replayed beacon adds nothing) and once per visitor and day (nor do new forms)."""
    if not cache.add(_mark("opened", nonce), 1, TOKEN_MAX_AGE):
        return False
    if funnel.is_visitor(request) and visitors.first_time_today(
        request, f"contact-suggestion:{help_center.pk}"
    ):
        funnel.count_step(request, help_center, "suggestion_opened")
    return True


def _count_sent(request, help_center, nonce, source_page):
    funnel.count_step(request, help_center, "contact_sent")
    if (
        cache.get(_mark("opened", nonce))
        and cache.add(_mark("sent", nonce), 1, TOKEN_MAX_AGE)
        and funnel.is_visitor(request)
        and visitors.first_time_today(request, f"contact-suggestion-sent:{help_center.pk}")
    ):
        funnel.count_step(request, help_center, "suggestion_then_sent")
    # Once per visitor, page and day, as the page's views: ``contacts`` is a share of them.
    if (
        source_page is not None
        and funnel.is_visitor(request)
        and visitors.first_time_today(request, f"contact-from:{source_page.pk}")
    ):
        add_to_count(
            PageViewDay, {"page": source_page, "date": timezone.localdate()}, {"contacts": 1}
        )


def source_page(request, help_center, raw):
    """The live article or FAQ page ``raw`` names, of this help center (or of the one it
    translates: a page not translated yet), that the request may view; None for
    anything else, whatever the reason, so no answer tells an internal page apart."""
    page_id = parse_id(raw, Page)
    if page_id is None:
        return None
    roots = [help_center, source_help_center(help_center)]
    for root in filter(None, roots):
        page = (
            Page.objects.descendant_of(root)
            .live()
            .type(ArticlePage, FAQPage)
            .filter(pk=page_id)
            .first()
        )
        if page is not None and get_visibility(request).can_view(page):
            return page
    return None


# Limits and retention ---------------------------------------------------------------------


def keys_for(request, email):
    """``(network_key, mailbox_key)``: keyed hashes, never the address itself."""
    network = visitors.anonymous_key("contact-network", visitors.client_network(request))
    return network, visitors.anonymous_key("contact-mailbox", mailbox_of(email))


def limit_reached(network_key, mailbox_key):
    """The message refusing one more request in the hour from this network or to this
    mailbox; None when there is room. Counted from the stored requests, so the limits
    hold across worker processes."""
    config = get_config()
    recent = ContactRequest.objects.filter(created_at__gte=timezone.now() - RATE_WINDOW)
    if recent.filter(network_key=network_key).count() >= config["CONTACT_REQUESTS_PER_ADDRESS"]:
        return _("Several requests were already sent from your network in the last hour.")
    if recent.filter(mailbox_key=mailbox_key).count() >= config["CONTACT_REQUESTS_PER_EMAIL"]:
        return _("Several requests were already sent for this email address in the last hour.")
    return None


def expired_requests(now=None):
    days = get_config()["CONTACT_RETENTION_DAYS"]
    return ContactRequest.objects.filter(
        created_at__lt=(now or timezone.now()) - timedelta(days=days)
    )


def purge_expired(now=None):
    """Delete the requests older than CONTACT_RETENTION_DAYS; how many were deleted."""
    return expired_requests(now).delete()[0]


# Sending --------------------------------------------------------------------------------


def matching_articles(request, help_center, subject):
    """How many results the help center's search finds for ``subject`` (as the visitor
    would: what they may see, nothing counted as a search)."""
    params = SearchParams(query=clean_query(subject))
    return HelpCenterSearch(request, help_center, params).run().total


def send(request, help_center, form, nonce, raw_source):
    """Store the request of a valid ``form``, count it, and deliver it."""
    data = form.cleaned_data
    category = form.chosen_category()
    page = source_page(request, help_center, raw_source)
    network_key, mailbox_key = keys_for(request, data["email"])
    found = matching_articles(request, help_center, data["subject"])
    purge_expired()
    with transaction.atomic():
        contact = ContactRequest.objects.create(
            help_center=help_center, locale_id=help_center.locale_id, name=data["name"],
            email=data["email"], subject=data["subject"], message=data["message"],
            category=category, source_page=page, matching_articles=found,
            network_key=network_key, mailbox_key=mailbox_key,
        )  # fmt: skip
        key = gaps.gap_key(data["subject"])
        # One occurrence per visitor and day: sending it again cannot push it up the queue.
        if (
            found == 0
            and query_terms(data["subject"])
            and visitors.first_time_today(request, f"contact-gap:{help_center.pk}:{key}")
        ):
            gaps.record_gap(
                help_center, ContentGap.Kind.CONTACT, key, data["subject"], page=category
            )
        _count_sent(request, help_center, nonce, page)
    deliver(request, help_center, contact)
    return contact


def deliver(request, help_center, contact):
    """Email support and the visitor, and call the hooks. Whatever fails is logged: the
    request is stored already and is not lost."""
    with translation.override(help_center.locale.language_code):
        _safely(_email_support, request, help_center, contact)
        _safely(_email_acknowledgement, request, help_center, contact)
    for hook in hooks.get_hooks(HOOK_NAME):
        _safely(hook, request, contact)


def _safely(function, *args):
    try:
        function(*args)
    except Exception:
        logger.exception("Contact request %s: %r failed", args[-1].pk, function)


def _email_support(request, help_center, contact):
    recipients = list(get_config()["CONTACT_EMAIL"])
    if not recipients:
        return
    context = {
        "contact": contact,
        "help_center": help_center,
        "source_url": contact.source_page.get_full_url(request) if contact.source_page else "",
        "admin_url": get_admin_base_url() + reverse("wagtail_helpcenter_contact_requests"),
    }
    subject = _("[%(help_center)s] %(subject)s") % {
        "help_center": help_center.title,
        "subject": contact.subject,
    }
    EmailMessage(
        one_line(subject),
        render_to_string("wagtail_helpcenter/emails/contact_request.txt", context),
        None,
        recipients,
        reply_to=[contact.email],
    ).send()


def _email_acknowledgement(request, help_center, contact):
    context = {
        "help_center": help_center,
        "help_center_url": help_center.get_full_url(request),
        "response_time": get_config()["CONTACT_RESPONSE_TIME"],
        "sent_at": contact.created_at,
    }
    subject = _("We received your request to %(help_center)s") % {"help_center": help_center.title}
    EmailMessage(
        one_line(subject),
        render_to_string("wagtail_helpcenter/emails/contact_acknowledgement.txt", context),
        None,
        [contact.email],
    ).send()
