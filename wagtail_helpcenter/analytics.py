"""Numbers for the help center dashboard and reports: views, votes and search gaps over
a period, each computed in a fixed number of queries whatever the number of articles."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    FloatField,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Round
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .conf import get_config
from .ids import is_whole_number
from .listing import InvalidParameter
from .models import FunnelDay, PageViewDay, SearchTermDay, Vote
from .search.terms import min_visitors

PERIODS = (7, 30, 90, 365)
DEFAULT_PERIOD = 30


MAX_PERIOD_DIGITS = 4  # Python refuses int() of more than 4300 digits


@dataclass(frozen=True)
class Period:
    days: int
    until: date

    @property
    def since(self):
        return self.until - timedelta(days=self.days - 1)

    def dates(self):
        return [self.since + timedelta(days=n) for n in range(self.days)]

    @classmethod
    def from_request(cls, request):
        raw = request.GET.get("days", "").strip()
        if not raw:
            return cls(DEFAULT_PERIOD, timezone.localdate())
        if not is_whole_number(raw) or len(raw) > MAX_PERIOD_DIGITS or int(raw) not in PERIODS:
            raise InvalidParameter(
                _("The period must be one of %(periods)s days.")
                % {"periods": ", ".join(str(days) for days in PERIODS)}
            )
        return cls(int(raw), timezone.localdate())


def _sum_over_period(model, field, period, **filters):
    rows = (
        model.objects.filter(page=OuterRef("pk"), date__range=(period.since, period.until))
        .filter(**filters)
        .values("page")
        .annotate(total=Sum(field))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def _votes_over_period(period, **filters):
    rows = (
        Vote.objects.filter(
            page=OuterRef("pk"),
            faq_item=None,
            updated_at__date__range=(period.since, period.until),
            **filters,
        )
        .values("page")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def with_performance(articles, period):
    """``articles`` annotated with ``views``, ``helpful_votes``, ``unhelpful_votes`` and
    ``helpful_percent`` (None without votes) over ``period`` (a vote counts on the day it
    was last changed)."""
    votes = F("helpful_votes") + F("unhelpful_votes")
    return articles.annotate(
        views=_sum_over_period(PageViewDay, "views", period),
        helpful_votes=_votes_over_period(period, helpful=True),
        unhelpful_votes=_votes_over_period(period, helpful=False),
    ).annotate(
        helpful_percent=Case(
            When(Q(helpful_votes__gt=0) | Q(unhelpful_votes__gt=0),
                 then=Round(F("helpful_votes") * 100.0 / votes)),
            default=None,
            output_field=IntegerField(),
        )
    )  # fmt: skip


def _votes_on_live_revision(**filters):
    rows = (
        Vote.objects.filter(
            page=OuterRef("pk"), faq_item=None, revision=OuterRef("live_revision"), **filters
        )
        .values("page")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def with_helpfulness_since_change(articles):
    """``articles`` annotated with the votes cast (or last changed) on the revision that
    is live now, whatever the period: ``votes_since_change``, ``helpful_votes_since_change``
    and ``helpful_percent_since_change`` (None without such votes). Each publish starts a
    new count, so editors see whether a rewrite helped. Subqueries: no query per article."""
    return articles.annotate(
        helpful_votes_since_change=_votes_on_live_revision(helpful=True),
        votes_since_change=_votes_on_live_revision(),
    ).annotate(
        helpful_percent_since_change=_percent("helpful_votes_since_change", "votes_since_change")
    )


def _percent(part, whole):
    """``part`` as a whole percentage of ``whole`` (None when ``whole`` is 0)."""
    return Case(
        When(**{f"{whole}__gt": 0}, then=Round(F(part) * 100.0 / F(whole))),
        default=None,
        output_field=IntegerField(),
    )


def with_reading(articles, period):
    """``articles`` annotated with how long they were read over ``period``: ``reads``,
    ``short_reads`` (left within 10 seconds), ``quick_exit_percent`` (None without
    reads), ``many_quick_exits`` (at least QUICK_EXIT_MIN_READS reads and more than
    QUICK_EXIT_SHARE percent of them short), ``contacts`` and ``contact_percent``
    (contact requests sent from the page per view). Subqueries, as
    ``with_performance``: no query per article. Expects its ``views`` annotation."""
    config = get_config()
    all_reads = F("short_reads") + F("medium_reads") + F("long_reads")
    return articles.annotate(
        reads=_sum_over_period(PageViewDay, all_reads, period),
        short_reads=_sum_over_period(PageViewDay, "short_reads", period),
        contacts=_sum_over_period(PageViewDay, "contacts", period),
    ).annotate(
        quick_exit_percent=_percent("short_reads", "reads"),
        contact_percent=_percent("contacts", "views"),
        many_quick_exits=Case(
            When(
                Q(reads__gte=config["QUICK_EXIT_MIN_READS"])
                & Q(short_reads__gt=F("reads") * (config["QUICK_EXIT_SHARE"] / 100.0)),
                then=Value(True),
            ),
            default=Value(False),
            output_field=BooleanField(),
        ),
    )


def with_clicks(rows):
    """Search term rows annotated with ``click_percent`` (searches with a click per
    search, None without searches) and ``average_position`` (of the results opened,
    one decimal; None without clicks)."""
    return rows.annotate(
        click_percent=_percent("clicks", "searches"),
        average_position=Case(
            When(
                clicks__gt=0,
                then=Round(Cast("clicked_positions", FloatField()) / F("clicks"), 1),
            ),
            default=None,
            output_field=FloatField(),
        ),
    )


def helpful_percent(helpful, unhelpful):
    votes = helpful + unhelpful
    return round(100 * helpful / votes) if votes else None


def daily_views(period, pages=None):
    """``[(date, views)]`` for every day of ``period`` (0 on days without views)."""
    rows = PageViewDay.objects.filter(date__range=(period.since, period.until))
    if pages is not None:
        rows = rows.filter(page__in=pages)
    by_day = dict(rows.values("date").annotate(total=Sum("views")).values_list("date", "total"))
    return [(day, by_day.get(day, 0)) for day in period.dates()]


def daily_votes(period, pages=None):
    """``[(date, helpful, unhelpful)]`` for every day of ``period``."""
    votes = Vote.objects.filter(updated_at__date__range=(period.since, period.until))
    if pages is not None:
        votes = votes.filter(page__in=pages)
    rows = (
        votes.values("updated_at__date")
        .annotate(yes=Count("pk", filter=Q(helpful=True)), no=Count("pk", filter=Q(helpful=False)))
        .values_list("updated_at__date", "yes", "no")
    )
    by_day = {day: (yes, no) for day, yes, no in rows}
    return [(day, *by_day.get(day, (0, 0))) for day in period.dates()]


def _gaps(period):
    """Searches that found nothing in ``period``, per query, with ``times`` (searches
    that found nothing), searched by enough different visitors (min_visitors)."""
    return (
        SearchTermDay.objects.filter(date__range=(period.since, period.until), zero_results__gt=0)
        .values("query")
        # Visitors are told apart per day: the busiest day counts, so one visitor
        # returning day after day is still one.
        .annotate(times=Sum("zero_results"), people=Max("visitors"))
        .filter(people__gte=min_visitors())
    )


def search_gaps(period, limit=10):
    """Searches that found nothing in ``period``: ``[(query, times)]``, most frequent first."""
    return list(_gaps(period).order_by("-times", "query").values_list("query", "times")[:limit])


def search_gap_count(period):
    """How many different searches found nothing in ``period``."""
    return _gaps(period).count()


FUNNEL_STEPS = (
    ("visits", _("Help center visits")),
    ("searches", _("Searches")),
    ("searches_with_click", _("Searches with a click")),
    ("contact_opened", _("Contact form opened")),
    ("contact_sent", _("Contact requests sent")),
    ("deflected", _("Deflected: a suggestion opened, no request sent")),
)


@dataclass
class Funnel:
    """The deflection funnel over a period: ``steps`` as ``[(name, label, total)]``,
    ``days`` as ``[(date, {name: total})]``, and the self-service score (visits per
    contact request; None without a request)."""

    steps: list
    days: list

    def total(self, name):
        return next(total for step, _label, total in self.steps if step == name)

    @property
    def self_service_score(self):
        sent = self.total("contact_sent")
        return round(self.total("visits") / sent, 1) if sent else None


def funnel(period, locale=None):
    """The funnel of every help center over ``period``, in ``locale`` or in all
    languages, in one query."""
    rows = FunnelDay.objects.filter(date__range=(period.since, period.until))
    if locale is not None:
        rows = rows.filter(locale=locale)
    counted = [name for name, _label in FUNNEL_STEPS if name != "deflected"]
    sums = {name: Sum(name) for name in [*counted, "suggestion_opened", "suggestion_then_sent"]}
    by_day = {row.pop("date"): row for row in rows.values("date").annotate(**sums).order_by()}
    days = []
    for day in period.dates():
        totals = by_day.get(day, {})
        row = {name: totals.get(name) or 0 for name in sums}
        row["deflected"] = max(row["suggestion_opened"] - row["suggestion_then_sent"], 0)
        days.append((day, row))
    steps = [(name, label, sum(row[name] for _day, row in days)) for name, label in FUNNEL_STEPS]
    return Funnel(steps=steps, days=days)
