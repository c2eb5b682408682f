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


class ArticleAdvicePanel(Panel):
    """Shows the editor advice about the article being edited (its template tag does the
    work, so that this module, which the models import, needs no services): the style
    guide, or the writing checks."""

    def __init__(self, advice, **kwargs):
        self.advice = advice
        super().__init__(**kwargs)

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs["advice"] = self.advice
        return kwargs

    class BoundPanel(Panel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.template_name = f"wagtail_helpcenter/admin/panels/{self.panel.advice}.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            # A new page has no place in the tree yet: its form knows the parent.
            context["parent_page"] = getattr(self.form, "parent_page", None)
            context["request"] = self.request
            return context


def StyleGuidePanel(**kwargs):
    kwargs.setdefault("heading", _("Style guide"))
    return ArticleAdvicePanel("style_guide", **kwargs)


def WritingChecksPanel(**kwargs):
    kwargs.setdefault("heading", _("Writing checks"))
    return ArticleAdvicePanel("writing_checks", **kwargs)
