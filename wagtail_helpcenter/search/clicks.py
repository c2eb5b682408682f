"""Which result a visitor opened after a search, and at which position.

A counted search (see ``terms.record_search``) gets a signed token: the help center, the
term as counted, the day it was counted and a random nonce. The results carry their
positions; opening one sends the token back with the position and the page's id
(``<help center>/search/click/``). A token counts once, on the row of the search it
came from, and only for a visitor (robots, previews and editors are left out). No
cookie is set and nothing about the visitor is stored: the nonce is kept in the cache
only, for as long as the token is valid.
"""

import secrets
from dataclasses import dataclass
from datetime import date

from django.core import signing
from django.core.cache import cache
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from .. import funnel
from ..ids import is_whole_number, parse_id
from ..listing import InvalidParameter
from ..measured_pages import measured_page
from ..models import SearchTermDay
from .terms import normalise_term

SALT = "wagtail_helpcenter.search-click"
MAX_AGE_SECONDS = 2 * 3600
# The search page shows at most 50 pages of results (query.MAX_PAGE) of 10 by default.
MAX_POSITION = 500


@dataclass(frozen=True)
class Click:
    term: str
    day: date
    nonce: str
    position: int
    page: object


def issue_token(help_center, query):
    """A token for a search of ``query`` counted today in ``help_center``."""
    payload = {
        "h": help_center.pk,
        "t": normalise_term(query),
        "d": timezone.localdate().isoformat(),
        "n": secrets.token_urlsafe(12),
    }
    return signing.dumps(payload, salt=SALT, compress=True)


def _payload(token, help_center):
    """The token's content; InvalidParameter when it is forged, expired, or another
    help center's."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.SignatureExpired:
        raise InvalidParameter(_("This search is too old to be counted.")) from None
    except (signing.BadSignature, ValueError, TypeError):
        raise InvalidParameter(_("The search token is not valid.")) from None
    if not isinstance(payload, dict) or payload.get("h") != help_center.pk:
        raise InvalidParameter(_("The search token is not valid."))
    try:
        day = date.fromisoformat(payload["d"])
        term, nonce = str(payload["t"]), str(payload["n"])
    except (KeyError, TypeError, ValueError):
        raise InvalidParameter(_("The search token is not valid.")) from None
    return term, day, nonce


def carried_token(help_center, query, token):
    """The token the first page of results gave, sent on with the next pages (``click``
    in their links), when it is still valid for this search; else None. The next pages
    are no new search, so they get no token of their own."""
    if not isinstance(token, str) or not token:
        return None
    try:
        term, _day, _nonce = _payload(token, help_center)
    except InvalidParameter:
        return None
    return token if term == normalise_term(query) else None


def parse_position(raw):
    raw = raw.strip() if isinstance(raw, str) else ""
    if not is_whole_number(raw) or len(raw) > 3 or not 1 <= int(raw) <= MAX_POSITION:
        raise InvalidParameter(
            _("The position must be a whole number from 1 to %(max)s.") % {"max": MAX_POSITION}
        )
    return int(raw)


def parse_click(request, help_center, data):
    """The click that ``data`` (the beacon's parameters) describes, checked: a valid
    token of this help center, a position, and the id of a live article or FAQ page of
    this help center that this request may see. InvalidParameter otherwise, with the
    same message for a page that does not exist and one the visitor may not see."""
    term, day, nonce = _payload(data.get("token", ""), help_center)
    position = parse_position(data.get("position", ""))
    page = measured_page(request, help_center, parse_id(data.get("page", ""), Page))
    if page is None:
        raise InvalidParameter(_("The opened page is not a result of this help center."))
    return Click(term=term, day=day, nonce=nonce, position=position, page=page)


def record_click(request, help_center, click):
    """Count ``click`` once per token, on the row of the search it came from; True when
    it was counted. A search that was not counted (no row) counts no click."""
    if not funnel.is_visitor(request):  # robots, previews and editors
        return False
    if not cache.add(f"wagtail_helpcenter:search-click:{click.nonce}", 1, MAX_AGE_SECONDS):
        return False  # this search's click was already counted
    counted = SearchTermDay.objects.filter(
        help_center_id=help_center.pk, date=click.day, query=click.term
    ).update(clicks=F("clicks") + 1, clicked_positions=F("clicked_positions") + click.position)
    if counted:
        funnel.count_step(request, help_center, "searches_with_click")
    return bool(counted)
