"""The 'Was this helpful?' endpoint (``<help center>/feedback/``), with or without JavaScript."""

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


def vote(request, help_center):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = VoteForm(request.POST)
    if not form.is_valid():
        return _refuse(request, help_center, form.first_error())
    data = form.cleaned_data
    if data["website"] or is_bot(request):
        return _refuse(request, help_center, _("Your feedback could not be recorded."))
    try:
        page, item = vote_target(request, help_center, data["page"], data["item"])
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
    vote = record_vote(page, item, voter, data)
    if _wants_json(request):
        response = JsonResponse(
            {"helpful": vote.helpful, "message": _("Thank you for your feedback.")}
        )
    else:
        after = {"voted": "yes" if vote.helpful else "no"}
        if item:
            after["answer"] = item.pk
        anchor = item.anchor if item else "hc-feedback"
        query = urlencode(after)
        response = HttpResponseRedirect(f"{page.get_url(request)}?{query}#{anchor}")
        response.status_code = 303  # See Other: show the page, do not post again
    if is_new:
        remember_voter(response, token)
    return response


def answer_vote(request, help_center):
    """ "Did this answer your question?" under a quick answer: the same checks and limits
    as an article's vote; without JavaScript, back to the search with a thank-you."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = AnswerVoteForm(request.POST)
    if not form.is_valid():
        return _refuse(request, help_center, form.first_error())
    data = form.cleaned_data
    if data["website"] or is_bot(request):
        return _refuse(request, help_center, _("Your feedback could not be recorded."))
    try:
        page = answer_target(request, help_center, data["page"], data["anchor"])
    except InvalidParameter as error:
        return _refuse(request, help_center, str(error))
    if over_rate_limit(request):
        return _refuse(
            request, help_center, _("Too many votes: try again later."), TOO_MANY_REQUESTS
        )
    token, is_new = voter_token(request)
    voter = voter_of(request, page, f"answer:{data['anchor']}", token, is_new)
    if voter is None:
        return _refuse(
            request,
            help_center,
            _("A vote from your network was already counted for this page today. Thank you."),
            TOO_MANY_REQUESTS,
        )
    vote = record_answer_vote(page, data["anchor"], voter, data["helpful"] == "yes")
    if _wants_json(request):
        response = JsonResponse(
            {"helpful": vote.helpful, "message": _("Thank you for your feedback.")}
        )
    else:
        query = urlencode({"q": data["q"], "answer_voted": "yes"})
        response = HttpResponseRedirect(
            f"{help_center.get_url(request)}search/?{query}#hc-quick-answer"
        )
        response.status_code = 303
    if is_new:
        remember_voter(response, token)
    return response
