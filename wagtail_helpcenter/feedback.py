"""'Was this helpful?' votes: what a vote may contain, whom it is for, who cast it."""

import hashlib
import secrets

from django import forms
from django.core.cache import cache
from django.core.signing import BadSignature
from django.utils.translation import gettext_lazy as _

from . import visitors
from .conf import get_config
from .ids import parse_id
from .listing import InvalidParameter
from .measured_pages import live_article_or_faq
from .models import FAQItem, FAQPage, Passage, QuickAnswerVote, Vote
from .models.feedback import COMMENT_MAX_LENGTH
from .semantic.retrieval import source_help_center
from .visibility import get_visibility
from .visitors import anonymous_key

VOTER_COOKIE = "helpcenter_voter"
VOTER_COOKIE_SALT = "wagtail_helpcenter.voter"
VOTER_COOKIE_AGE = 365 * 24 * 3600
RATE_WINDOW_SECONDS = 600
MAX_ID = 2_147_483_647  # the largest id every database accepts


class VoteForm(forms.Form):
    page = forms.IntegerField(min_value=1, max_value=MAX_ID)
    item = forms.IntegerField(min_value=1, max_value=MAX_ID, required=False)
    helpful = forms.ChoiceField(choices=[("yes", _("Yes")), ("no", _("No"))])
    reason = forms.ChoiceField(choices=[("", "")] + Vote.Reason.choices, required=False)
    comment = forms.CharField(max_length=COMMENT_MAX_LENGTH, required=False)
    # A field people never see: robots that fill in every field give themselves away.
    website = forms.CharField(required=False)

    def first_error(self):
        field, errors = next(iter(self.errors.items()))
        label = field if field != "__all__" else ""
        return f"{label}: {errors[0]}" if label else errors[0]


class AnswerVoteForm(forms.Form):
    page = forms.IntegerField(min_value=1, max_value=MAX_ID)
    anchor = forms.CharField(max_length=100, required=False)
    helpful = forms.ChoiceField(choices=[("yes", _("Yes")), ("no", _("No"))])
    q = forms.CharField(max_length=200, required=False)  # the search to go back to
    website = forms.CharField(required=False)  # the honeypot, as on VoteForm

    first_error = VoteForm.first_error


def _visible_page(request, help_center, page_id):
    """The live article or FAQ page ``page_id`` of this help center that the request may
    view; InvalidParameter otherwise, whatever the reason, so a visitor learns nothing
    about pages they may not see."""
    page = live_article_or_faq(help_center, page_id)
    if page is None or not get_visibility(request).can_view(page):
        raise InvalidParameter(_("There is no such article in this help center."))
    return page


def answer_target(request, help_center, page_id, anchor):
    """The page of a quick answer: visible to the request, with a passage at ``anchor``;
    in this help center, or in the one it translates (an answer "not translated yet")."""
    try:
        page = _visible_page(request, help_center, page_id)
    except InvalidParameter:
        source = source_help_center(help_center)
        if source is None:
            raise
        page = _visible_page(request, source, page_id)
    if not Passage.objects.filter(page=page, anchor=anchor).exists():
        raise InvalidParameter(_("There is no such answer on this page."))
    return page


def record_answer_vote(page, anchor, voter, helpful):
    vote, _created = QuickAnswerVote.objects.update_or_create(
        page=page, anchor=anchor, voter=voter, defaults={"helpful": helpful}
    )
    return vote


def vote_target(request, help_center, page_id, item_id):
    """``(page, faq_item or None)`` a vote is for: a live article or FAQ answer of this
    help center that the request may view. InvalidParameter otherwise."""
    page = _visible_page(request, help_center, page_id)
    if isinstance(page, FAQPage):
        item = FAQItem.objects.filter(page=page, pk=item_id).first() if item_id else None
        if item is None:
            raise InvalidParameter(_("There is no such answer on this page."))
        return page, item
    if item_id:
        raise InvalidParameter(_("An article has no answers to vote on."))
    return page, None


def over_rate_limit(request):
    """True once an address has voted VOTES_PER_ADDRESS times in ten minutes."""
    limit = get_config()["VOTES_PER_ADDRESS"]
    return visitors.over_rate_limit(request, "votes", limit, RATE_WINDOW_SECONDS)


def voter_token(request):
    """``(token, is_new)``: the random token in the visitor's signed cookie, or a new one."""
    try:
        token = request.get_signed_cookie(VOTER_COOKIE, salt=VOTER_COOKIE_SALT)
    except (KeyError, BadSignature):
        return secrets.token_urlsafe(16), True
    return token, False


def remember_voter(response, token):
    response.set_signed_cookie(
        VOTER_COOKIE,
        token,
        salt=VOTER_COOKIE_SALT,
        max_age=VOTER_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
    )


def voter_of(request, page, item, token, is_new):
    """Who casts this vote: the visitor's cookie token (hashed); None for a vote without
    the cookie from a network that already voted on this page today (throwing the cookie
    away gives no second vote, and never changes someone else's). The network is kept
    only as a keyed hash in the shared cache, for a day."""
    network = anonymous_key("address", visitors.client_network(request))
    target = item.pk if isinstance(item, FAQItem) else (item or 0)
    if isinstance(target, str):
        # A quick answer's "answer:<anchor>": up to 100 characters of any script, which
        # would make a key longer than memcached's 250 bytes.
        target = hashlib.sha256(target.encode()).hexdigest()[:32]
    key = f"wagtail_helpcenter:voted:{page.pk}:{target}:{network}"
    if is_new and cache.get(key):
        return None
    cache.set(key, True, 24 * 3600)
    return anonymous_key("voter", token)


def record_vote(page, item, voter, data):
    """Create or change this voter's vote; returns it. A 'yes' keeps no reason. The vote
    is kept with the revision it was cast on: a changed vote moves to the live one."""
    helpful = data["helpful"] == "yes"
    vote, _created = Vote.objects.update_or_create(
        page=page,
        faq_item=item,
        voter=voter,
        defaults={
            "revision_id": page.live_revision_id,
            "helpful": helpful,
            "reason": "" if helpful else data["reason"],
            "comment": "" if helpful else data["comment"].strip(),
        },
    )
    return vote


def feedback_context(request):
    """Template context for includes/feedback.html: the reasons to offer, and whether the
    page is shown right after a vote (``?voted=yes|no``, ``&answer=<id>``, see the view)."""
    answer = request.GET.get("answer", "")
    return {
        "voted": request.GET.get("voted") in ("yes", "no"),
        "voted_answer": parse_id(answer, FAQItem),
        "vote_reasons": Vote.Reason.choices,
        "vote_comment_max_length": COMMENT_MAX_LENGTH,
    }
