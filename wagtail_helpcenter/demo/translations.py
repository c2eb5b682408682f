"""Dutch, Persian (right to left), Latvian and Simplified Chinese (no spaces between
words) translations of part of the demo help center, so the translation status report
shows every state: translated, outdated (the English source was edited after the
translation) and missing.

Translations are written as an editor would write them by hand (Wagtail's
``copy_for_translation``), and registered with wagtail-localize as manual translations
when it is installed. Bodies use the compact notation of ``content.py``.
"""

from django.conf import settings
from wagtail.models import Locale, Page

from ..importers.zendesk_translations import can_import_translations, register_manual_translation
from ..models import FAQItem

# English title -> translated fields, per language. Pages not listed stay untranslated.
TRANSLATIONS = {
    "nl": {
        "Acme Help Center": {
            "title": "Acme Helpcentrum",
            "intro": "Antwoorden van het Acme-team. Zoek, of kies hieronder een onderwerp.",
            "contact_text": "Mail ons supportteam",
        },
        "Getting started": {
            "title": "Aan de slag",
            "description": "Maak je account aan, nodig je team uit en verstuur je eerste factuur.",
        },
        "Billing and invoices": {
            "title": "Facturering en facturen",
            "description": "Je Acme-abonnement: plannen, betalingen, facturen en terugbetalingen.",
        },
        "Create your Acme account": {
            "title": "Je Acme-account aanmaken",
            "summary": "Meld je aan met je zakelijke e-mailadres, bevestig het en kies een plan.",
            "body": [
                ("p", "<p>Je kunt Acme 30 dagen gratis proberen. Je hebt geen creditcard nodig.</p>"),
                (
                    "steps",
                    [
                        ("Open de aanmeldpagina", "<p>Ga naar <b>acme.example/signup</b>.</p>"),
                        ("Bevestig je e-mailadres", "<p>De code is 15 minuten geldig.</p>"),
                        ("Geef je bedrijf een naam", "<p>Deze naam staat op je facturen.</p>"),
                    ],
                ),
            ],
        },
        "Download an invoice": {
            "title": "Een factuur downloaden",
            "summary": "Download een pdf van elke Acme-factuur voor je boekhouding.",
            "body": [
                (
                    "steps",
                    [
                        ("Open Instellingen → Facturering", ""),
                        ("Zoek de factuur", "<p>Facturen staan per maand, de nieuwste eerst.</p>"),
                        ("Klik op Pdf downloaden", ""),
                    ],
                ),
                ("tip", "<p>Voeg je boekhouder toe, dan kan die zelf facturen downloaden.</p>"),
            ],
        },
        "Request a refund": {
            "title": "Een terugbetaling aanvragen",
            "summary": "Wanneer je je geld terugkrijgt en hoe je erom vraagt.",
            "body": [
                ("p", "<p>Jaarplannen worden binnen 14 dagen na betaling volledig terugbetaald.</p>"),
                ("note", "<p>Het geld staat binnen 5 tot 10 werkdagen op je kaart.</p>"),
            ],
        },
        "Switch plans": {
            "title": "Van plan wisselen",
            "summary": "Stap over tussen Starter, Team en Business.",
            "body": [
                ("p", "<p>Een upgrade geldt meteen, een downgrade aan het eind van de periode.</p>"),
            ],
        },
        "Billing FAQ": {
            "title": "Veelgestelde vragen over facturering",
            "intro": "<p>Korte antwoorden op de vragen die we het vaakst horen.</p>",
            "items": [
                ("Wanneer betaal ik?", "<p>Op de dag dat je plan verlengt, maandelijks of jaarlijks.</p>"),
                ("Kan ik een factuur in een andere valuta krijgen?", "<p>Ja: euro, pond en dollar.</p>"),
                ("Waarom is mijn kaart geweigerd?", "<p>Meestal blokkeerde de bank een onlinebetaling.</p>"),
                ("Geven jullie korting aan goede doelen?", "<p>Ja, 50% op elk plan.</p>"),
            ],
        },
    },
    "fa": {
        "Acme Help Center": {
            "title": "مرکز راهنمای Acme",
            "intro": "پاسخ‌های تیم Acme. جست‌وجو کنید یا یکی از موضوع‌های زیر را انتخاب کنید.",
            "contact_text": "به تیم پشتیبانی ایمیل بزنید",
        },
        "Getting started": {
            "title": "شروع کار",
            "description": "حساب خود را بسازید، تیم خود را دعوت کنید و اولین فاکتور را بفرستید.",
        },
        "Create your Acme account": {
            "title": "ساخت حساب Acme",
            "summary": "با ایمیل کاری ثبت‌نام کنید، آن را تأیید کنید و یک طرح انتخاب کنید.",
            "body": [
                ("p", "<p>می‌توانید Acme را ۳۰ روز رایگان امتحان کنید. به کارت اعتباری نیازی نیست.</p>"),
                ("tip", "<p>اگر چند نفر فاکتورها را مدیریت می‌کنند، با یک نشانی مشترک ثبت‌نام کنید.</p>"),
            ],
        },
    },
    "lv": {
        "Acme Help Center": {
            "title": "Acme palīdzības centrs",
            "intro": "Acme komandas atbildes. Meklējiet vai izvēlieties tēmu zemāk.",
            "contact_text": "Rakstiet mūsu atbalsta komandai",
        },
        "Getting started": {
            "title": "Darba sākšana",
            "description": "Izveidojiet kontu, uzaiciniet komandu un nosūtiet pirmo rēķinu.",
        },
        "Create your Acme account": {
            "title": "Acme konta izveide",
            "summary": "Reģistrējieties ar darba e-pastu, apstipriniet to un izvēlieties plānu.",
            "body": [
                ("p", "<p>Acme varat izmēģināt bez maksas 30 dienas. Kredītkarte nav vajadzīga.</p>"),
                ("tip", "<p>Ja rēķinus pārvalda vairāki cilvēki, reģistrējieties ar kopīgu adresi.</p>"),
            ],
        },
    },
    "zh-hans": {
        "Acme Help Center": {
            "title": "Acme 帮助中心",
            "intro": "来自 Acme 团队的解答。请搜索，或在下方选择一个主题。",
            "contact_text": "给我们的支持团队发邮件",
        },
        "Getting started": {
            "title": "快速入门",
            "description": "创建账户、邀请团队成员并发送第一张发票。",
        },
        "Create your Acme account": {
            "title": "创建 Acme 账户",
            "summary": "使用工作邮箱注册，确认邮箱后选择一个套餐。",
            "body": [
                ("p", "<p>您可以免费试用 Acme 30 天，无需信用卡。</p>"),
                ("tip", "<p>如果由多人管理发票，请使用共用的邮箱地址注册。</p>"),
            ],
        },
    },
}  # fmt: skip

# Sources edited after their Dutch translation: those translations show as outdated.
EDITED_AFTER_TRANSLATION = {
    "Switch plans": {"summary": "Upgrade or downgrade between Starter, Team and Business, any day."}
}


def demo_locales():
    """The demo's languages that the site is configured for (none when it is not
    multilingual), created as Locales if missing."""
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return {}
    configured = {code for code, _name in getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", [])}
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code in TRANSLATIONS
        if code in configured
    }


def translate_demo(help_center, body_data, images):
    """Translate part of the demo help center; returns {language code: pages translated}."""
    locales = demo_locales()
    sources = {
        page.title: page.specific
        for page in Page.objects.descendant_of(help_center, inclusive=True).order_by("path")
    }
    translated = {}
    for code, locale in locales.items():
        for title, fields in TRANSLATIONS[code].items():
            translate_page(sources[title], locale, fields, body_data, images)
        translated[code] = len(TRANSLATIONS[code])
    if "nl" in locales:
        for title, changes in EDITED_AFTER_TRANSLATION.items():
            source = sources[title]
            for name, value in changes.items():
                setattr(source, name, value)
            source.save_revision().publish()
    return translated


def translate_page(source, locale, fields, body_data, images):
    # Tree order above: the parent is translated first (else it becomes an untranslated copy).
    page = source.copy_for_translation(locale, copy_parents=True).specific
    for name, value in fields.items():
        if name == "body":
            page.body = body_data(value, images)
        elif name == "items":
            # Same anchors and translation keys as the English questions, new words.
            page.faq_items = [
                FAQItem(
                    question=question,
                    answer=answer,
                    anchor=original.anchor,
                    translation_key=original.translation_key,
                    locale=locale,
                )
                for original, (question, answer) in zip(page.faq_items.all(), value, strict=True)
            ]
        else:
            setattr(page, name, value)
    page.save_revision().publish()
    if can_import_translations():
        register_manual_translation(source, locale)
    return page
