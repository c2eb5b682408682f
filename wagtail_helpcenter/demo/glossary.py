"""Glossary terms of the demo help center: words its articles use, with their Dutch and
Chinese translations where the demo translates those articles."""

from wagtail.models import Locale

from ..models import GlossaryTerm

# (term, other forms, definition)
TERMS = [
    ("invoice", "invoices", "A bill Acme sends for your subscription, with its number, amount and due date."),
    ("two-factor authentication", "two-factor, 2FA", "Signing in with a code from your phone as well as your password."),
    ("recovery code", "recovery codes", "A one-time code that signs you in when you cannot use your phone for two-factor authentication."),
    ("VAT number", "VAT, tax ID", "Your business's tax identification number, shown on your invoices."),
    ("refund", "refunds, refunded", "Money paid back to the card or account that paid an invoice."),
    ("account owner", "", "The person who created the Acme account. Only they can close it or change its billing."),
    ("dashboard", "", "The first screen after you sign in: your invoices, payments and reports at a glance."),
    ("billing address", "", "The address on your invoices. It decides which taxes apply."),
]  # fmt: skip

# English term -> (term, other forms, definition), per language.
TRANSLATED_TERMS = {
    "nl": {
        "invoice": ("factuur", "facturen", "Een rekening die Acme stuurt voor je abonnement, met nummer, bedrag en vervaldatum."),
        "refund": ("terugbetaling", "terugbetalingen, terugbetaald", "Geld dat wordt teruggestort op de kaart of rekening waarmee een factuur is betaald."),
    },
    "zh-hans": {
        "invoice": ("发票", "", "Acme 为您的订阅开具的账单，包含编号、金额和到期日。"),
    },
}  # fmt: skip


def add_glossary(help_center):
    """The demo's terms in English, and translated into the languages the demo site has."""
    terms = {}
    for term, other_forms, definition in TERMS:
        terms[term] = GlossaryTerm.objects.create(
            help_center=help_center,
            locale=help_center.locale,
            term=term,
            other_forms=other_forms,
            definition=definition,
        )
    for code, translations in TRANSLATED_TERMS.items():
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None or not help_center.has_translation(locale):
            continue
        for source, (term, other_forms, definition) in translations.items():
            translation = terms[source].copy_for_translation(locale)
            translation.term, translation.other_forms = term, other_forms
            translation.definition = definition
            translation.save()
    return terms
