"""Editor-facing panels."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel


class ReviewStatusPanel(Panel):
    """Tells the editor when the article is due for review, loudly when overdue."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Review status"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtail_helpcenter/admin/panels/review_status.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            article = self.instance
            context.update(
                due_date=article.review_due_date,
                overdue=article.is_review_overdue,
                interval_days=article.review_interval.days,
            )
            return context
