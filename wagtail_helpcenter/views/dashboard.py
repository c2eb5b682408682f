"""The help center dashboard in the Wagtail admin: views and helpfulness over time,
top and least helpful articles with their reasons and comments, searches that found
nothing, and articles due for review."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale, Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

from ..analytics import (
    DEFAULT_PERIOD,
    PERIODS,
    Period,
    daily_views,
    daily_votes,
    funnel,
    helpful_percent,
    search_gaps,
    with_performance,
)
from ..charts import bar_chart, stacked_bar_chart
from ..listing import InvalidParameter
from ..models import ArticlePage, Vote
from ..review import overdue

LIST_LENGTH = 10
COMMENTS_PER_ARTICLE = 3


def may_see_dashboard(user):
    return policy_registry.get_by_type(Page).user_has_any_permission(
        user, ["add", "change", "publish"]
    )


def editable_articles(user):
    editable = PagePermissionPolicy(Page).instances_user_has_permission_for(user, "change")
    return ArticlePage.objects.live().filter(pk__in=editable.values("pk"))


def views_and_votes(period, pages):
    """Views and votes of ``pages`` per day over ``period``, their totals and charts (for
    the dashboard and the admin home panel)."""
    views = daily_views(period, pages=pages)
    votes = daily_votes(period, pages=pages)
    helpful = sum(yes for _day, yes, _no in votes)
    unhelpful = sum(no for _day, _yes, no in votes)
    return {
        "views_table": views,
        "votes_table": votes,
        "total_views": sum(count for _day, count in views),
        "total_helpful": helpful,
        "total_unhelpful": unhelpful,
        "total_votes": helpful + unhelpful,
        "helpful_percent": helpful_percent(helpful, unhelpful),
        "views_chart": bar_chart(
            [(day.isoformat(), count) for day, count in views],
            _("Article views per day"),
            _("Views of help center articles on each of the last %(days)s days.")
            % {"days": period.days},
        ),
        "votes_chart": stacked_bar_chart(
            [(day.isoformat(), yes, no) for day, yes, no in votes],
            _("Helpful and unhelpful votes per day"),
            _("Votes on each of the last %(days)s days: helpful below, not helpful above.")
            % {"days": period.days},
        ),
    }


def deflection(period, locale):
    """The funnel over ``period`` with its charts (for the dashboard)."""
    report = funnel(period, locale)
    first_step = report.total("visits") or 0
    return {
        "funnel": report,
        "funnel_steps": [
            (label, total, round(100 * total / first_step) if first_step else None)
            for _name, label, total in report.steps
        ],
        "visits_chart": bar_chart(
            [(day.isoformat(), row["visits"]) for day, row in report.days],
            _("Help center visits per day"),
            _("Different visitors of the help center on each of the last %(days)s days.")
            % {"days": period.days},
        ),
        "contact_chart": stacked_bar_chart(
            [(day.isoformat(), row["deflected"], row["contact_sent"]) for day, row in report.days],
            _("Deflected and sent contact requests per day"),
            _(
                "On each of the last %(days)s days: contact forms left after opening a "
                "suggested article below, contact requests sent above."
            )
            % {"days": period.days},
        ),
    }


class DashboardView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "wagtail_helpcenter/admin/dashboard.html"
    page_title = gettext_lazy("Help center")
    header_icon = "help"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def dispatch(self, request, *args, **kwargs):
        if not may_see_dashboard(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        try:
            self.period = Period.from_request(request)
            self.error = None
        except InvalidParameter as error:
            self.period = Period(DEFAULT_PERIOD, timezone.localdate())
            self.error = str(error)
        locale_code = request.GET.get("locale", "")
        self.locale = Locale.objects.filter(language_code=locale_code).first()
        if locale_code and self.locale is None:
            self.error = _("There is no language “%(code)s”.") % {"code": locale_code}
        response = super().get(request, *args, **kwargs)
        if self.error:
            response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        period = self.period
        articles = editable_articles(self.request.user)
        if self.locale:
            articles = articles.filter(locale=self.locale)
        locales = list(Locale.objects.all())
        due = overdue(articles)
        context.update(views_and_votes(period, articles.values("pk")))
        context.update(deflection(period, self.locale))
        context.update(
            error=self.error,
            period=period,
            periods=PERIODS,
            locales=locales if len(locales) > 1 else [],
            locale=self.locale,
            top_articles=self.top_articles(articles),
            least_helpful=self.least_helpful(articles),
            search_gaps=search_gaps(period, LIST_LENGTH),
            due_for_review=list(due.select_related("content_owner")[:LIST_LENGTH]),
            due_total=due.count(),
            stale_report_url=reverse("wagtail_helpcenter_stale_content"),
            feedback_report_url=reverse("wagtail_helpcenter_feedback"),
            performance_report_url=reverse("wagtail_helpcenter_article_performance"),
            gap_queue_url=reverse("wagtail_helpcenter_gaps"),
        )
        return context

    def top_articles(self, articles):
        ranked = with_performance(articles, self.period).filter(views__gt=0)
        return list(ranked.order_by("-views", "path")[:LIST_LENGTH])

    def least_helpful(self, articles):
        """Articles with the most "not helpful" votes, each with its reasons and latest
        comments (three queries in all)."""
        ranked = list(
            with_performance(articles, self.period)
            .filter(unhelpful_votes__gt=0)
            .order_by("-unhelpful_votes", "helpful_votes", "path")[:LIST_LENGTH]
        )
        ids = [article.pk for article in ranked]
        votes = Vote.objects.filter(
            page__in=ids,
            faq_item=None,
            helpful=False,
            updated_at__date__range=(self.period.since, self.period.until),
        )
        reasons_by_page = {}
        for row in votes.exclude(reason="").values("page", "reason").order_by():
            reasons_by_page.setdefault(row["page"], []).append(row["reason"])
        comments_by_page = {}
        for vote in votes.exclude(comment="").order_by("-updated_at"):
            comments = comments_by_page.setdefault(vote.page_id, [])
            if len(comments) < COMMENTS_PER_ARTICLE:
                comments.append(vote.comment)
        labels = dict(Vote.Reason.choices)
        for article in ranked:
            given = reasons_by_page.get(article.pk, [])
            counted = {reason: given.count(reason) for reason in set(given)}
            article.reasons = sorted(
                ((labels[reason], count) for reason, count in counted.items()),
                key=lambda item: (-item[1], str(item[0])),
            )
            article.comments = comments_by_page.get(article.pk, [])
        return ranked
