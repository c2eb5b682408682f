"""Dutch and Persian for the strings visitors read (page templates, search, feedback,
errors). ``python -m tools.i18n.visitor_strings`` fills them into the app's .po files and
compiles the .mo files (the admin's strings stay English until someone translates them).
Run ``django-admin makemessages -l nl -l fa`` in wagtail_helpcenter/ first when the
strings change."""

from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parents[2] / "wagtail_helpcenter" / "locale"

TRANSLATIONS = {
    "There is no such category in this help center.": (
        "Deze categorie bestaat niet in dit helpcentrum.",
        "این دسته در این مرکز راهنما وجود ندارد.",
    ),
    "Note": ("Let op", "توجه"),
    "Tip": ("Tip", "نکته"),
    "Warning": ("Waarschuwing", "هشدار"),
    "Language": ("Taal", "زبان"),
    "Yes": ("Ja", "بله"),
    "No": ("Nee", "خیر"),
    "There is no such article in this help center.": (
        "Dit artikel bestaat niet in dit helpcentrum.",
        "این مقاله در این مرکز راهنما وجود ندارد.",
    ),
    "There is no such answer on this page.": (
        "Dit antwoord staat niet op deze pagina.",
        "این پاسخ در این صفحه نیست.",
    ),
    "An article has no answers to vote on.": (
        "Een artikel heeft geen antwoorden om op te stemmen.",
        "مقاله پاسخی برای رأی دادن ندارد.",
    ),
    "New and updated articles in %(title)s": (
        "Nieuwe en bijgewerkte artikelen in %(title)s",
        "مقاله‌های تازه و به‌روزشده در %(title)s",
    ),
    "The %(name)s must be a page id (a whole number).": (
        "De %(name)s moet een pagina-id zijn (een geheel getal).",
        "%(name)s باید شناسهٔ یک صفحه باشد (یک عدد صحیح).",
    ),
    "The page number must be a whole number of 1 or more, not “%(value)s”.": (
        "Het paginanummer moet een geheel getal van 1 of meer zijn, niet “%(value)s”.",
        "شمارهٔ صفحه باید عددی صحیح و دست‌کم ۱ باشد، نه «%(value)s».",
    ),
    "It is out of date": ("Het is verouderd", "قدیمی است"),
    "It is hard to understand": ("Het is moeilijk te begrijpen", "فهمیدنش سخت است"),
    "It did not solve my problem": ("Het loste mijn probleem niet op", "مشکلم را حل نکرد"),
    "Something else": ("Iets anders", "چیز دیگری"),
    "Contact support": ("Contact met support", "تماس با پشتیبانی"),
    "Still need help?": ("Nog hulp nodig?", "هنوز به کمک نیاز دارید؟"),
    "Related articles": ("Gerelateerde artikelen", "مقاله‌های مرتبط"),
    "Questions": ("Vragen", "پرسش‌ها"),
    "The kind must be “article” or “faq”.": (
        "Het soort moet “article” of “faq” zijn.",
        "نوع باید «article» یا «faq» باشد.",
    ),
    "The format must be “html” or “json”.": (
        "Het formaat moet “html” of “json” zijn.",
        "قالب باید «html» یا «json» باشد.",
    ),
    "Bad request": ("Ongeldig verzoek", "درخواست نامعتبر"),
    "We could not read that link": ("We konden die link niet lezen", "نتوانستیم این پیوند را بخوانیم"),
    "Go to “%(title)s”": ("Naar “%(title)s”", "رفتن به «%(title)s»"),
    "Watch “%(title)s”": ("Bekijk “%(title)s”", "تماشای «%(title)s»"),
    "Updated": ("Bijgewerkt", "به‌روزشده"),
    "Breadcrumb": ("Kruimelpad", "مسیر صفحه"),
    ("%(counter)s article", "%(counter)s articles"): (
        ("%(counter)s artikel", "%(counter)s artikelen"),
        ("%(counter)s مقاله", "%(counter)s مقاله"),
    ),
    "Frequently asked questions": ("Veelgestelde vragen", "پرسش‌های متداول"),
    "Thank you for your feedback.": ("Bedankt voor je feedback.", "از بازخورد شما سپاسگزاریم."),
    "Send": ("Versturen", "ارسال"),
    "Your feedback could not be sent. Please try again.": (
        "Je feedback kon niet worden verstuurd. Probeer het opnieuw.",
        "بازخورد شما فرستاده نشد. لطفاً دوباره تلاش کنید.",
    ),
    "Was this answer helpful?": ("Had je iets aan dit antwoord?", "این پاسخ مفید بود؟"),
    "Was this article helpful?": ("Had je iets aan dit artikel?", "این مقاله مفید بود؟"),
    "If not, what was wrong? (optional)": (
        "Zo niet, wat was er mis? (optioneel)",
        "اگر نه، چه اشکالی داشت؟ (اختیاری)",
    ),
    "Tell us more": ("Vertel ons meer", "بیشتر برایمان بنویسید"),
    "Leave this field empty": ("Laat dit veld leeg", "این فیلد را خالی بگذارید"),
    "Pages": ("Pagina's", "صفحه‌ها"),
    "Previous": ("Vorige", "قبلی"),
    "Page %(number)s of %(total)s": ("Pagina %(number)s van %(total)s", "صفحهٔ %(number)s از %(total)s"),
    "Next": ("Volgende", "بعدی"),
    "Search the help center": ("Zoek in het helpcentrum", "جست‌وجو در مرکز راهنما"),
    "Describe your question": ("Beschrijf je vraag", "پرسش خود را بنویسید"),
    "Search": ("Zoeken", "جست‌وجو"),
    "This page is not available in %(language)s yet. Here it is in its original language.": (
        "Deze pagina is nog niet beschikbaar in het %(language)s. Hier is ze in de oorspronkelijke taal.",
        "این صفحه هنوز به %(language)s در دسترس نیست. این نسخه به زبان اصلی آن است.",
    ),
    "Skip to content": ("Naar de inhoud", "رفتن به محتوا"),
    "On this page": ("Op deze pagina", "در این صفحه"),
    "Tags": ("Labels", "برچسب‌ها"),
    "Topics": ("Onderwerpen", "موضوع‌ها"),
    "Articles": ("Artikelen", "مقاله‌ها"),
    "There are no articles in this category yet.": (
        "Er staan nog geen artikelen in deze categorie.",
        "هنوز مقاله‌ای در این دسته نیست.",
    ),
    "Link to “%(question)s”": ("Link naar “%(question)s”", "پیوند به «%(question)s»"),
    "Browse by topic": ("Bekijk per onderwerp", "مرور بر اساس موضوع"),
    "Popular articles": ("Populaire artikelen", "مقاله‌های پرطرفدار"),
    "Recently updated": ("Onlangs bijgewerkt", "به‌تازگی به‌روزشده"),
    "This help center has no published content yet.": (
        "Dit helpcentrum heeft nog geen gepubliceerde inhoud.",
        "این مرکز راهنما هنوز محتوای منتشرشده‌ای ندارد.",
    ),
    "Search is running in a simpler mode right now, so results may be less precise.": (
        "Zoeken werkt nu in een eenvoudiger modus; de resultaten kunnen minder precies zijn.",
        "جست‌وجو اکنون در حالت ساده‌تری کار می‌کند و نتایج ممکن است دقت کمتری داشته باشند.",
    ),
    ("%(counter)s result for “%(query)s”", "%(counter)s results for “%(query)s”"): (
        ("%(counter)s resultaat voor “%(query)s”", "%(counter)s resultaten voor “%(query)s”"),
        ("%(counter)s نتیجه برای «%(query)s»", "%(counter)s نتیجه برای «%(query)s»"),
    ),
    "Recommended": ("Aanbevolen", "پیشنهادی"),
    "Answer": ("Antwoord", "پاسخ"),
    "Did you mean": ("Bedoelde je", "آیا منظورتان این بود"),
    "No articles match your search. Try other words, or browse a topic:": (
        "Geen artikelen gevonden. Probeer andere woorden, of kies een onderwerp:",
        "مقاله‌ای پیدا نشد. واژه‌های دیگری را امتحان کنید یا یک موضوع را مرور کنید:",
    ),
    "Type a few words about your question, or browse a topic:": (
        "Typ een paar woorden over je vraag, of kies een onderwerp:",
        "چند واژه دربارهٔ پرسش خود بنویسید یا یک موضوع را مرور کنید:",
    ),
    "Too many requests: try again in a minute.": (
        "Te veel verzoeken: probeer het over een minuut opnieuw.",
        "درخواست‌ها بیش از حد است: یک دقیقه دیگر دوباره تلاش کنید.",
    ),
    "We could not record your feedback": (
        "We konden je feedback niet opslaan",
        "نتوانستیم بازخورد شما را ثبت کنیم",
    ),
    "Your feedback could not be recorded.": (
        "Je feedback kon niet worden opgeslagen.",
        "بازخورد شما ثبت نشد.",
    ),
    "Too many votes: try again later.": (
        "Te veel stemmen: probeer het later opnieuw.",
        "رأی‌ها بیش از حد است: بعداً دوباره تلاش کنید.",
    ),
    "Search: %(query)s": ("Zoeken: %(query)s", "جست‌وجو: %(query)s"),
}  # fmt: skip

LANGUAGES = ("nl", "fa")
PLURAL_FORMS = {"nl": "nplurals=2; plural=(n != 1);", "fa": "nplurals=2; plural=(n > 1);"}


def fill(language_index, language):
    path = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(path))
    po.metadata["Language"] = language
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    po.metadata["Plural-Forms"] = PLURAL_FORMS[language]
    po.metadata_is_fuzzy = False
    filled = 0
    for entry in po:
        key = (entry.msgid, entry.msgid_plural) if entry.msgid_plural else entry.msgid
        if key not in TRANSLATIONS:
            continue
        value = TRANSLATIONS[key][language_index]
        if entry.msgid_plural:
            entry.msgstr_plural = {0: value[0], 1: value[1]}
        else:
            entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        filled += 1
    po.save(str(path))
    po.save_as_mofile(str(path.with_suffix(".mo")))
    return filled


def main():
    for index, language in enumerate(LANGUAGES):
        print(f"{language}: {fill(index, language)} strings")


if __name__ == "__main__":
    main()
