"""Demo discussions (with wagtail_helpcenter.discussions installed): community rules,
the reply templates for the three hard cases support teams meet, and conversations in
every state (answered and accepted, held for a moderator, flagged, closed)."""

from django.apps import apps
from django.contrib.auth import get_user_model

RULES = (
    "<p>Be kind and stay on topic. Ask about the article, share what worked for you.</p>"
    "<ul><li>No insults, no advertising.</li><li>Never post passwords, card numbers or "
    "invoices: our team will never ask for them here.</li><li>Moderators may hold, edit "
    "or remove comments that break these rules.</li></ul>"
)

TEMPLATES = [
    (
        "Price change",
        "Hi {user_name}, thank you for asking. {company_name} changed its prices on "
        "{effective_date}: {reason}. Your current price stays until {renewal_date}, and you "
        "can switch plans or cancel before then without a fee. — {moderator_name}",
        False,
    ),
    (
        "Bad experience or a competitor praised",
        "Hi {user_name}, we are sorry this did not work for you, and thank you for saying "
        "so openly. We want to fix {problem}; could you email us at {support_email} so we "
        "can look at your account? Other tools have good ideas too, and we read every "
        "comparison. — {moderator_name}, {company_name}",
        False,
    ),
    (
        "Quarrel between users: close with a summary",
        "Thank you all for your answers. To keep this page useful, we are closing the "
        "discussion. Summary: {summary} If you still need help, contact support. "
        "— {moderator_name}",
        True,
    ),
]


def add_discussions(help_center, articles):
    if not apps.is_installed("wagtail_helpcenter.discussions"):
        return 0
    from django_comments_xtd.models import XtdComment

    from ..discussions.actions import accept_answer, close_thread, create_comment
    from ..discussions.models import CommunityRules, ReplyTemplate, Report

    CommunityRules.objects.get_or_create(title="Community rules", defaults={"body": RULES})
    for title, text, closes in TEMPLATES:
        ReplyTemplate.objects.get_or_create(
            title=title, defaults={"text": text, "close_thread": closes}
        )
    staff, created = get_user_model().objects.get_or_create(
        username="acme-support",
        defaults={"first_name": "Acme", "last_name": "Support", "is_staff": True,
                  "email": "support@example.com"},
    )  # fmt: skip
    if created:
        staff.set_unusable_password()  # the demo's author of staff replies; nobody signs in
        staff.save()

    def say(page, name, text, parent=None, user=None, public=True):
        return create_comment(
            page, text, user=user, name=name,
            email=f"{name.split()[0].lower()}@example.com", parent=parent, public=public,
            reason="" if public else "It is the first comment of a new poster.",
            staff_reply=user is not None,
        )  # fmt: skip

    invoice = articles["Download an invoice"]
    question = say(invoice, "Lena Park", "Can I download all invoices of last year at once?")
    answer = say(
        invoice, "Support", "Yes: Settings → Billing → Export, then pick the year.",
        parent=question, user=staff,
    )  # fmt: skip
    accept_answer(answer, staff)
    say(invoice, "Tom Reyes", "Thanks, that saved me an afternoon!", parent=question)
    say(invoice, "New Visitor", "Do invoices show my VAT number?", public=False)

    plans = articles["Switch plans"]
    rude = say(plans, "Sam Vale", "This price increase is a scam, everyone should leave.")
    Report.objects.create(comment=rude, reason=Report.ABUSE, reporter="demo")
    say(plans, "Kim Ode", "Calm down, the old price stays until renewal.", parent=rude)

    refund = articles["Request a refund"]
    say(refund, "Ria Moss", "Does the 14-day refund also apply to monthly plans?")
    close_thread(refund, staff, "Monthly plans are not refunded; yearly plans within 14 days.")
    return XtdComment.objects.count()
