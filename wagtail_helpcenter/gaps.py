"""The queue of what the help center failed to answer (``ContentGap``).

Contact requests whose subject matched nothing are added as they are sent
(``record_gap``); the other kinds are counted elsewhere and brought into the queue by
``refresh_gaps``.
"""

from datetime import datetime, time, timedelta

from django.apps import apps
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, Min, Q, Sum
from django.utils import timezone
from django.utils.text import slugify

from .models import ArticlePage, HelpCenterPage, SearchTermDay, Vote
from .models.deflection import ContentGap
from .search.terms import min_visitors

KEY_MAX_LENGTH = ContentGap._meta.get_field("key").max_length
TITLE_MAX_LENGTH = ContentGap._meta.get_field("title").max_length


def gap_key(text):
    """The key of a gap named by visitor text: lowercased, single-spaced, cut to fit."""
    return " ".join(str(text).lower().split())[:KEY_MAX_LENGTH]


def record_gap(help_center, kind, key, title, page=None, when=None):
    """One more occurrence of the gap ``(help_center, kind, key)``, created on its
    first. Safe under concurrent requests, like ``counting.add_to_count``."""
    when = when or timezone.now()
    rows = ContentGap.objects.filter(help_center=help_center, kind=kind, key=key)
    if rows.update(occurrences=F("occurrences") + 1, last_seen=when):
        return
    try:
        with transaction.atomic():
            ContentGap.objects.create(
                help_center=help_center, kind=kind, key=key, title=str(title)[:TITLE_MAX_LENGTH],
                page=page, first_seen=when, last_seen=when,
            )  # fmt: skip
    except IntegrityError:
        rows.update(occurrences=F("occurrences") + 1, last_seen=when)


WINDOW_DAYS = 90  # how far back refresh_gaps looks


def _at_midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def _search_gaps(since):
    """``{(help_center_id, kind, key): (title, occurrences, first, last)}`` of searches
    that found nothing, and of searches with results that nobody clicked, searched by
    enough different visitors (as on the dashboard)."""
    rows = (
        SearchTermDay.objects.filter(date__gte=since)
        .values("help_center", "query")
        .annotate(
            searches=Sum("searches"),
            zero=Sum("zero_results"),
            clicks=Sum("clicks"),
            people=Max("visitors"),
            first=Min("date"),
            last=Max("date"),
        )  # fmt: skip
        .filter(people__gte=min_visitors())
        .order_by()
    )
    found = {}
    for row in rows:
        first, last = _at_midnight(row["first"]), _at_midnight(row["last"])
        if row["zero"]:
            key = (row["help_center"], ContentGap.Kind.ZERO_RESULTS, gap_key(row["query"]))
            found[key] = (row["query"], row["zero"], first, last, None)
        with_results = row["searches"] - row["zero"]
        if with_results > 0 and not row["clicks"]:
            key = (row["help_center"], ContentGap.Kind.NO_CLICKS, gap_key(row["query"]))
            found[key] = (row["query"], with_results, first, last, None)
    return found


def _help_center_of(paths, help_centers):
    """The help center (of ``help_centers``, deepest first) each page path is under."""
    return {
        path: next((hc for hc in help_centers if path.startswith(hc.path)), None) for path in paths
    }


def _unhelpful_gaps(since, help_centers):
    """Articles voted "not helpful" (article votes, not FAQ answers) since ``since``."""
    rows = (
        Vote.objects.filter(helpful=False, faq_item=None, updated_at__date__gte=since)
        .values("page", "page__path", "page__title")
        .annotate(times=Count("pk"), first=Min("created_at"), last=Max("updated_at"))
        .order_by()
    )
    rows = list(rows)
    owners = _help_center_of([row["page__path"] for row in rows], help_centers)
    found = {}
    for row in rows:
        help_center = owners[row["page__path"]]
        if help_center is not None:
            key = (help_center.pk, ContentGap.Kind.UNHELPFUL, str(row["page"]))
            found[key] = (row["page__title"], row["times"], row["first"], row["last"], row["page"])
    return found


def _unanswered_gaps(now):
    """Discussion questions without a staff answer after the response target."""
    if not apps.is_installed("wagtail_helpcenter.discussions"):
        return {}
    from .discussions.unanswered import unanswered_for_gaps

    found = {}
    for question in unanswered_for_gaps(now):
        if question.help_center is None:
            continue
        asked = question.comment.submit_date
        key = (question.help_center.pk, ContentGap.Kind.UNANSWERED, str(question.comment.pk))
        found[key] = (" ".join(question.comment.comment.split()), 1, asked, asked,
                      question.page.pk)  # fmt: skip
    return found


def _close_answered(found, now):
    """Questions in the queue that got their answer since are done by themselves."""
    still_open = {key for _hc, kind, key in found if kind == ContentGap.Kind.UNANSWERED}
    ContentGap.objects.filter(
        kind=ContentGap.Kind.UNANSWERED, status=ContentGap.Status.OPEN
    ).exclude(key__in=still_open).update(status=ContentGap.Status.DONE, resolved_at=now)


def refresh_gaps(now=None):
    """Bring the counted misses of the last ``WINDOW_DAYS`` into the queue: new ones are
    added, known ones get their counts; a gap marked done comes back when it happened
    again since, a dismissed one stays dismissed. A fixed number of queries."""
    now = now or timezone.now()
    since = (now - timedelta(days=WINDOW_DAYS)).date()
    help_centers = sorted(HelpCenterPage.objects.all(), key=lambda hc: -hc.depth)
    found = {
        **_search_gaps(since),
        **_unhelpful_gaps(since, help_centers),
        **_unanswered_gaps(now),
    }
    _close_answered(found, now)
    kinds = {kind for _hc, kind, _key in found} or {None}
    existing = {
        (gap.help_center_id, gap.kind, gap.key): gap
        for gap in ContentGap.objects.filter(kind__in=kinds)
    }
    new, changed = [], []
    for (help_center_id, kind, key), (title, times, first, last, page_id) in found.items():
        gap = existing.get((help_center_id, kind, key))
        if gap is None:
            new.append(
                ContentGap(
                    help_center_id=help_center_id,
                    kind=kind,
                    key=key,
                    title=str(title)[:TITLE_MAX_LENGTH],
                    page_id=page_id,
                    occurrences=times,
                    first_seen=first,
                    last_seen=last,
                )  # fmt: skip
            )
            continue
        happened_again = (
            gap.status == ContentGap.Status.DONE and gap.resolved_at and last > gap.resolved_at
        )
        if (gap.occurrences, gap.last_seen) == (times, max(gap.last_seen, last)) and not (
            happened_again
        ):
            continue
        gap.occurrences = times
        gap.first_seen = min(gap.first_seen, first)
        gap.last_seen = max(gap.last_seen, last)
        if happened_again:
            gap.status, gap.resolved_at, gap.resolved_by = ContentGap.Status.OPEN, None, None
        changed.append(gap)
    ContentGap.objects.bulk_create(new, ignore_conflicts=True)
    ContentGap.objects.bulk_update(
        changed, ["occurrences", "first_seen", "last_seen", "status", "resolved_at", "resolved_by"]
    )
    return len(new), len(changed)


def open_per_week(weeks=12, now=None, help_centers=None):
    """``[(week's last day, gaps open then)]`` for the last ``weeks`` weeks, in one query:
    a team sees whether the queue shrinks. A gap counts from its first occurrence until
    it was marked done or dismissed."""
    now = now or timezone.now()
    ends = [now - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    gaps = ContentGap.objects.all()
    if help_centers is not None:
        gaps = gaps.filter(help_center__in=help_centers)
    counts = gaps.aggregate(
        **{
            f"w{n}": Count(
                "pk",
                filter=Q(first_seen__lte=end) & (Q(resolved_at=None) | Q(resolved_at__gt=end)),
            )
            for n, end in enumerate(ends)
        }
    )
    return [(end.date(), counts[f"w{n}"]) for n, end in enumerate(ends)]


def resolve(gap, user, status, reason=""):
    gap.status, gap.dismiss_reason = status, reason
    gap.resolved_at, gap.resolved_by = timezone.now(), user
    gap.save(update_fields=["status", "dismiss_reason", "resolved_at", "resolved_by"])


def reopen(gap):
    gap.status, gap.dismiss_reason, gap.resolved_at, gap.resolved_by = (
        ContentGap.Status.OPEN, "", None, None,
    )  # fmt: skip
    gap.save(update_fields=["status", "dismiss_reason", "resolved_at", "resolved_by"])


def write_article(gap, category, user):
    """A draft article in ``category`` titled with the gap's question, linked to the gap:
    the editor finds it in the gap's row and in the page explorer."""
    article = ArticlePage(title=gap.title, slug=unique_slug(category, gap.title), live=False,
                          owner=user)  # fmt: skip
    category.add_child(instance=article)
    article.save_revision(user=user, log_action=True)
    gap.draft = article
    gap.save(update_fields=["draft"])
    return article


def unique_slug(parent, title):
    base = slugify(title, allow_unicode=True)[:70] or "article"
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug
