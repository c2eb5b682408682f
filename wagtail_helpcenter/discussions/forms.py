from django import forms
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.forms import XtdCommentForm

from .models import Report


class HelpCenterCommentForm(XtdCommentForm):
    """django-comments-xtd's form, for the help center: no website link (a spam magnet),
    name and email taken from the account of a signed-in visitor, and the honeypot
    left to the switchable moderator (see moderation.honeypot) instead of a form error."""

    def __init__(self, target, *args, user=None, **kwargs):
        super().__init__(target, *args, **kwargs)
        self.fields["url"].widget = forms.HiddenInput()
        self.fields["email"].label = _("Email")
        self.fields["email"].help_text = _(
            "We send you a link to confirm your comment. It is never shown."
        )
        self.fields["comment"].label = _("Your comment")
        self.fields["followup"].label = _("Email me when someone replies")
        if user is not None and user.is_authenticated:
            for name in ("name", "email"):
                self.fields[name].widget = forms.HiddenInput()

    def clean_url(self):
        return ""

    def clean_honeypot(self):
        return self.cleaned_data.get("honeypot", "")


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("What is wrong with it?"), choices=Report.REASON_CHOICES)
    details = forms.CharField(label=_("Details (optional)"), required=False, max_length=500)
