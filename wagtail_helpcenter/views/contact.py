"""The contact form (``<help center>/contact/``) and the beacon of its suggestions
(``contact/suggestion/``). Works without JavaScript; the script only adds the
suggestions under the subject."""

from django.http import (
    Http404,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
    JsonResponse,
)
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from .. import contact
from ..conf import get_config
from ..ids import parse_id
from ..visitors import is_bot, over_rate_limit
from .route_pages import route_page_context

TOO_MANY_REQUESTS = 429


def _render(request, help_center, form=None, token="", from_id=None, status=200, sent=False):
    search_url = help_center.get_url(request) + help_center.reverse_subpage("search").lstrip("/")
    context = {
        **route_page_context(request, help_center),
        "page_title": _("Request sent") if sent else _("Contact support"),
        "form": form,
        "token": token,
        "from_id": from_id,
        "sent": sent,
        "response_time": get_config()["CONTACT_RESPONSE_TIME"],
        "form_url": contact.form_url(request, help_center),
        "search_url": search_url,
    }
    response = TemplateResponse(
        request, "wagtail_helpcenter/pages/contact.html", context, status=status
    )
    if token:
        # The token of one form opening: a shared cache must not hand it to the next
        # visitors (nor keep it past TOKEN_MAX_AGE, when every request would be refused).
        add_never_cache_headers(response)
    return response


def _refuse(request, help_center, form, message, status=400, token=None):
    """The form again, every word the visitor typed in it, and why it was not sent."""
    if message:
        form.add_error(None, message)
    token = token or contact.new_token(help_center)
    from_id = parse_id(request.POST.get("from", ""))
    return _render(request, help_center, form, token, from_id, status)


def contact_form(request, help_center):
    if not contact.form_is_on(help_center):
        raise Http404
    if request.method == "GET" and request.GET.get("sent") == "1":
        return _render(request, help_center, sent=True)
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    categories = contact.categories_for(request, help_center)
    if request.method == "GET":
        contact.count_opened(request, help_center)
        form = contact.ContactForm(categories=categories)
        from_id = parse_id(request.GET.get("from", ""))
        return _render(request, help_center, form, contact.new_token(help_center), from_id)

    form = contact.ContactForm(request.POST, categories=categories)
    token = request.POST.get("token", "")
    nonce = contact.nonce_of(token, help_center)
    if not form.is_valid():
        return _refuse(request, help_center, form, None, token=token if nonce else None)
    if form.cleaned_data["website"] or is_bot(request):
        return _refuse(request, help_center, form, _("Your request could not be sent."))
    if nonce is None:
        return _refuse(
            request,
            help_center,
            form,
            _("This form was open for too long. Check your text and send it again."),
        )
    network_key, mailbox_key = contact.keys_for(request, form.cleaned_data["email"])
    limit = contact.limit_reached(network_key, mailbox_key)
    if limit:
        message = limit + " " + _("Copy your text and try again later.")
        return _refuse(request, help_center, form, message, TOO_MANY_REQUESTS, token)
    contact.send(request, help_center, form, nonce, request.POST.get("from", ""))
    response = HttpResponseRedirect(contact.form_url(request, help_center) + "?sent=1")
    response.status_code = 303  # See Other: show the thank-you, do not send again
    return response


def suggestion_opened(request, help_center):
    """A suggested article opened from the form (``navigator.sendBeacon``)."""
    if not contact.form_is_on(help_center):
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    # The same limit as the other browser reports: each new token is a cache entry.
    if over_rate_limit(request, "beacons", get_config()["BEACONS_PER_ADDRESS"], 600):
        message = _("Too many requests: try again later.")
        return JsonResponse({"error": message}, status=TOO_MANY_REQUESTS)
    nonce = contact.nonce_of(request.POST.get("token", ""), help_center)
    if nonce is None:
        return JsonResponse({"error": _("This form has expired.")}, status=400)
    contact.count_suggestion_opened(request, help_center, nonce)
    return HttpResponse(status=204)
