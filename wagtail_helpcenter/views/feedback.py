"""The 'Was this helpful?' endpoint (``<help center>/feedback/``), with or without JavaScript."""

from dataclasses import dataclass

from django.http import HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from ..feedback import (
    AnswerVoteForm,
    VoteForm,
    answer_target,
    over_rate_limit,
    record_answer_vote,
    record_vote,
    remember_voter,
    vote_target,
    voter_of,
    voter_token,
)
from ..listing import InvalidParameter
from ..visitors import is_bot

TOO_MANY_REQUESTS = 429


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _refuse(request, help_center, message, status=400):
    if _wants_json(request):
        return JsonResponse({"error": message}, status=status)
    from ..models.pages import bad_request

    response = bad_request(
        request, help_center, message, heading=_("We could not record your feedback")
    )
    response.status_code = status
    return response


@dataclass
class _Vote:
    data: dict
    page: object
    item: object  # the FAQ answer, or what else the vote is on (None for an article)
    voter: str
    token: str
    is_new: bool  # the voter cookie must be set on the response


def _received_vote(request, help_center, form_class, find_target):
    """The checks every vote goes through: a POST with a valid form, no honeypot and no
    robot, a target the visitor may see (``find_target(data)`` -> ``(page, item)``), the
    rate limit, and one cookie-less vote per network and day. Returns a ``_Vote``, or
    the response that refuses it (nothing is stored)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = form_class(request.POST)
    if not form.is_valid():
        return _refuse(request, help_center, form.first_error())
    data = form.cleaned_data
    if data["website"] or is_bot(request):
        return _refuse(request, help_center, _("Your feedback could not be recorded."))
    try:
        page, item = find_target(data)
    except InvalidParameter as error:
        return _refuse(request, help_center, str(error))
    if over_rate_limit(request):
        return _refuse(
            request, help_center, _("Too many votes: try again later."), TOO_MANY_REQUESTS
        )
    token, is_new = voter_token(request)
    voter = voter_of(request, page, item, token, is_new)
    if voter is None:
        return _refuse(
            request,
            help_center,
            _("A vote from your network was already counted for this page today. Thank you."),
            TOO_MANY_REQUESTS,
        )
    return _Vote(data, page, item, voter, token, is_new)


def _answered(request, received, helpful, redirect_to):
    if _wants_json(request):
        response = JsonResponse({"helpful": helpful, "message": _("Thank you for your feedback.")})
    else:
        response = HttpResponseRedirect(redirect_to)
        response.status_code = 303  # See Other: show the page, do not post again
    if received.is_new:
        remember_voter(response, received.token)
    return response


def vote(request, help_center):
    received = _received_vote(
        request,
        help_center,
        VoteForm,
        lambda data: vote_target(request, help_center, data["page"], data["item"]),
    )
    if not isinstance(received, _Vote):
        return received
    page, item = received.page, received.item
    vote = record_vote(page, item, received.voter, received.data)
    after = {"voted": "yes" if vote.helpful else "no"}
    if item:
        after["answer"] = item.pk
    anchor = item.anchor if item else "hc-feedback"
    redirect_to = f"{page.get_url(request)}?{urlencode(after)}#{anchor}"
    return _answered(request, received, vote.helpful, redirect_to)


def answer_vote(request, help_center):
    """ "Did this answer your question?" under a quick answer: the same checks and limits
    as an article's vote; without JavaScript, back to the search with a thank-you."""

    def find_target(data):
        page = answer_target(request, help_center, data["page"], data["anchor"])
        return page, f"answer:{data['anchor']}"

    received = _received_vote(request, help_center, AnswerVoteForm, find_target)
    if not isinstance(received, _Vote):
        return received
    data = received.data
    vote = record_answer_vote(
        received.page, data["anchor"], received.voter, data["helpful"] == "yes"
    )
    query = urlencode({"q": data["q"], "answer_voted": "yes"})
    redirect_to = f"{help_center.get_url(request)}search/?{query}#hc-quick-answer"
    return _answered(request, received, vote.helpful, redirect_to)
