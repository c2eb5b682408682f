from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.models import XtdComment
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from .reply_templates import TemplateError, placeholders


class Thread(models.Model):
    """The discussion under one page: closed (with a summary) or open, and its accepted
    answer. A page without a Thread row has an open discussion."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("closed by"),
    )  # fmt: skip
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("Shown on top of the closed discussion.")
    )
    accepted_comment = models.ForeignKey(
        XtdComment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("accepted answer"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("discussion")
        verbose_name_plural = _("discussions")

    def __str__(self):
        return str(self.page_id)

    @property
    def is_closed(self):
        return self.closed_at is not None


class BanQuerySet(models.QuerySet):
    def active(self, now=None):
        now = now or timezone.now()
        return self.filter(lifted_at__isnull=True).filter(Q(until__isnull=True) | Q(until__gt=now))

    def matching(self, user=None, email=""):
        condition = Q(pk__in=[])
        if user is not None and user.is_authenticated:
            condition |= Q(user=user)
            if user.email:
                condition |= Q(email__iexact=user.email)
        if email:
            condition |= Q(email__iexact=email.strip())
        return self.filter(condition)


class Ban(models.Model):
    """A user or an email address that may not post, for a time or for good."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True,
        related_name="+", verbose_name=_("user"),
    )  # fmt: skip
    email = models.EmailField(_("email address"), blank=True)
    reason = models.TextField(_("reason"), help_text=_("Shown to them when they try to post."))
    until = models.DateTimeField(
        _("until"), null=True, blank=True, help_text=_("Leave blank to ban for good.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("banned by"),
    )  # fmt: skip
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)

    objects = BanQuerySet.as_manager()

    panels = [FieldPanel("user"), FieldPanel("email"), FieldPanel("reason"), FieldPanel("until")]

    class Meta:
        verbose_name = _("ban")
        verbose_name_plural = _("bans")
        ordering = ["-created_at"]

    def __str__(self):
        who = self.user.get_username() if self.user_id else self.email
        return f"{who} ({self.get_status_display()})"

    def clean(self):
        if not self.user_id and not self.email:
            raise ValidationError(_("Ban a user, an email address, or both."))
        if self.until is not None and self.until <= timezone.now() and self._state.adding:
            raise ValidationError({"until": _("The end of the ban must be in the future.")})

    @property
    def is_active(self):
        if self.lifted_at is not None:
            return False
        return self.until is None or self.until > timezone.now()

    def get_status_display(self):
        if self.lifted_at is not None:
            return _("lifted")
        if self.until is None:
            return _("for good")
        if self.until <= timezone.now():
            return _("expired")
        return _("until %(date)s") % {"date": self.until_display}

    @property
    def until_display(self):
        """The end of the ban in local time, as posters and moderators read it."""
        return timezone.localtime(self.until).strftime("%Y-%m-%d %H:%M") if self.until else ""


class Review(models.Model):
    """What moderation decided about a stored comment."""

    HELD, APPROVED, REJECTED, SPAM = "held", "approved", "rejected", "spam"
    STATUS_CHOICES = [
        (HELD, _("Held for a moderator")),
        (APPROVED, _("Approved")),
        (REJECTED, _("Rejected")),
        (SPAM, _("Spam")),
    ]

    comment = models.OneToOneField(
        XtdComment, on_delete=models.CASCADE, related_name="helpcenter_review"
    )
    status = models.CharField(_("status"), max_length=20, choices=STATUS_CHOICES, db_index=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    staff_reply = models.BooleanField(_("staff reply"), default=False)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("reviewed by"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("comment review")
        verbose_name_plural = _("comment reviews")

    def __str__(self):
        return f"{self.comment_id}: {self.status}"


class Report(models.Model):
    """A visitor's flag on a comment, with a reason."""

    SPAM, ABUSE, OFF_TOPIC, OTHER = "spam", "abuse", "off_topic", "other"
    REASON_CHOICES = [
        (SPAM, _("Spam or advertising")),
        (ABUSE, _("Rude or abusive")),
        (OFF_TOPIC, _("Off topic")),
        (OTHER, _("Something else")),
    ]

    comment = models.ForeignKey(
        XtdComment, on_delete=models.CASCADE, related_name="helpcenter_reports"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=REASON_CHOICES)
    details = models.CharField(_("details"), max_length=500, blank=True)
    reporter = models.CharField(max_length=64, help_text="A keyed hash, never an address.")
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter"], name="helpcenter_one_report_per_reporter"
            )
        ]

    def __str__(self):
        return f"{self.comment_id}: {self.reason}"


class ReplyTemplate(models.Model):
    """A moderator's ready answer. Placeholders in braces are filled when replying:
    {user_name}, {company_name}, {article_title}, {moderator_name}, and any other name
    is a free field the moderator fills in."""

    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(
        _("text"),
        help_text=_(
            "Placeholders: {user_name}, {company_name}, {article_title}, {moderator_name}; "
            "any other {name} is asked for when the template is used."
        ),
    )
    close_thread = models.BooleanField(
        _("close the discussion"),
        default=False,
        help_text=_(
            "Replying with this template also closes the discussion, with the reply as its summary."
        ),
    )

    panels = [FieldPanel("title"), FieldPanel("text"), FieldPanel("close_thread")]

    class Meta:
        verbose_name = _("reply template")
        verbose_name_plural = _("reply templates")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def clean(self):
        try:
            placeholders(self.text)
        except TemplateError as error:
            raise ValidationError({"text": str(error)}) from None


class CommunityRules(models.Model):
    """The rules linked above every comment form (the first one is used)."""

    title = models.CharField(_("title"), max_length=200, default=_("Community rules"))
    body = RichTextField(_("rules"), features=["bold", "italic", "link", "ol", "ul"])

    panels = [FieldPanel("title"), FieldPanel("body")]

    class Meta:
        verbose_name = _("community rules")
        verbose_name_plural = _("community rules")

    def __str__(self):
        return self.title


class PendingCommentQuerySet(models.QuerySet):
    def waiting(self, now=None):
        return self.filter(expires_at__gt=now or timezone.now())

    def expired(self, now=None):
        return self.filter(expires_at__lte=now or timezone.now())


class PendingComment(models.Model):
    """An anonymous visitor's comment until they open the link emailed to them. It is
    kept here rather than in the link, which carries only a random token (stored as its
    hash): nothing in the link can be decoded, and nothing in it is run."""

    token_hash = models.CharField(max_length=64, unique=True)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    object_pk = models.CharField(max_length=64)
    site = models.ForeignKey("sites.Site", on_delete=models.CASCADE, related_name="+")
    parent_id = models.IntegerField(default=0)  # the comment replied to, checked when posted
    user_name = models.CharField(max_length=50)
    user_email = models.EmailField(max_length=254)
    # The mailbox the link was sent to (see pending.recipient_key), for the limits.
    recipient = models.CharField(max_length=254, db_index=True)
    comment = models.TextField()
    followup = models.BooleanField(default=False)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    # The sender's network (visitors.network_of: an IPv6 address's /64), for the limits.
    network = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)  # the comment's submit date
    expires_at = models.DateTimeField(db_index=True)

    objects = PendingCommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment waiting for confirmation")
        verbose_name_plural = _("comments waiting for confirmation")

    def __str__(self):
        return f"{self.content_type_id}/{self.object_pk}: {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()
