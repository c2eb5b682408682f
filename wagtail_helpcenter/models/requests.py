"""Content requests: an article someone needs written, by whom and by when.

A request tracks the writing; publishing stays with Wagtail's own moderation workflow.
Its status follows the linked page once a draft exists (``content_requests``).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from .deflection import ContentGap
from .pages import HelpCenterPage

TITLE_MAX_LENGTH = 255


class ContentRequest(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        IN_PROGRESS = "in_progress", _("In progress")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")
        DECLINED = "declined", _("Declined")

    # Nothing more to do on these: never overdue, never reminded.
    CLOSED = (Status.PUBLISHED, Status.DECLINED)
    # These describe a page that exists: they need one linked.
    NEED_PAGE = (Status.IN_REVIEW, Status.PUBLISHED)

    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    reason = models.TextField(
        _("why it is needed"),
        help_text=_("What visitors or the team miss without it, e.g. how often it was asked."),
    )
    help_center = models.ForeignKey(
        HelpCenterPage, on_delete=models.CASCADE, related_name="+",
        verbose_name=_("help center"),
    )  # fmt: skip
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("requested by"), editable=False,
    )  # fmt: skip
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("assignee"),
        help_text=_("Who writes it. They are emailed when assigned."),
    )  # fmt: skip
    due_date = models.DateField(_("due date"), null=True, blank=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED,
        db_index=True,
    )  # fmt: skip
    page = models.ForeignKey(
        Page, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("page"), help_text=_("The draft, once started."),
    )  # fmt: skip
    gap = models.ForeignKey(
        ContentGap, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("content gap"), help_text=_("The content gap it was requested for."),
    )  # fmt: skip
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("content request")
        verbose_name_plural = _("content requests")
        ordering = [models.F("due_date").asc(nulls_last=True), "pk"]

    def __str__(self):
        return self.title

    @property
    def is_open(self):
        return self.status not in self.CLOSED

    def is_overdue_on(self, day):
        return self.is_open and self.due_date is not None and self.due_date < day

    @property
    def is_overdue(self):
        return self.is_overdue_on(timezone.localdate())

    def clean(self):
        errors = {}
        # Only a new date must lie ahead: an old request stays editable once its date passed.
        due_date_is_new = self._state.adding or self.due_date != self._loaded_due_date
        if self.due_date and due_date_is_new and self.due_date < timezone.localdate():
            errors["due_date"] = _("The due date has passed: choose today or a later day.")
        help_center = self.help_center if self.help_center_id else None
        if self.page_id and help_center and not self.page.path.startswith(help_center.path):
            errors["page"] = _("Choose a page of the help center “%(help_center)s”.") % {
                "help_center": help_center.title
            }
        if self.gap_id and help_center and self.gap.help_center_id != help_center.pk:
            errors["gap"] = _("This content gap belongs to another help center.")
        if self.status in self.NEED_PAGE and not self.page_id:
            errors["page"] = _("“%(status)s” needs the page: link it, or start the draft.") % {
                "status": self.get_status_display()
            }
        elif self.status == self.Status.PUBLISHED and not self.page.live:
            errors["status"] = _("The page is not published yet: publish it first.")
        if errors:
            raise ValidationError(errors)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_due_date = instance.__dict__.get("due_date")
        return instance

    _loaded_due_date = None
