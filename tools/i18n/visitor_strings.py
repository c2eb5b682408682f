"""Dutch, Persian, Latvian and Simplified Chinese for the strings visitors read (page
templates, search, feedback, errors). ``python -m tools.i18n.visitor_strings`` fills them
into the app's .po files and compiles the .mo files (the admin's strings stay English
until someone translates them). Run ``django-admin makemessages -l nl -l fa -l lv -l
zh_Hans`` in wagtail_helpcenter/ first when the strings change.

Dutch and Persian are below, as (Dutch, Persian) per English text; Latvian and Chinese
have a module each. A plural text has a tuple of its plural forms."""

from pathlib import Path

import polib

from . import article_templates, chinese, editorial, latvian

LOCALE_DIR = Path(__file__).resolve().parents[2] / "wagtail_helpcenter" / "locale"

TRANSLATIONS = {
    # Security review (votes, discussions' links and limits).
    "A vote from your network was already counted for this page today. Thank you.": (
        "Er is vandaag al een stem vanaf je netwerk geteld voor deze pagina. Bedankt.",
        "امروز یک رأی از شبکهٔ شما برای این صفحه ثبت شده است. سپاس.",
    ),
    "Several comments from your network wait for their poster to open the link "
    "we emailed. Open those links, or try again later.": (
        "Er wachten al enkele reacties vanaf je netwerk tot de link in onze e-mail wordt "
        "geopend. Open die links of probeer het later opnieuw.",
        "چند دیدگاه از شبکهٔ شما منتظر باز شدن پیوندی هستند که ایمیل کردیم. آن پیوندها را "
        "باز کنید یا بعداً دوباره امتحان کنید.",
    ),
    "Comments for this email address already wait for the link we emailed to be "
    "opened. Open it, or try again later.": (
        "Er wachten al reacties voor dit e-mailadres tot de link in onze e-mail wordt "
        "geopend. Open die link of probeer het later opnieuw.",
        "دیدگاه‌هایی برای این نشانی ایمیل منتظر باز شدن پیوندی هستند که ایمیل کردیم. آن را "
        "باز کنید یا بعداً دوباره امتحان کنید.",
    ),
    "This confirmation link is from an older version of the site and no longer "
    "works. Please post your comment again.": (
        "Deze bevestigingslink komt van een oudere versie van de site en werkt niet meer. "
        "Plaats je reactie opnieuw.",
        "این پیوند تأیید از نسخهٔ قدیمی‌تر سایت است و دیگر کار نمی‌کند. لطفاً دیدگاهتان را "
        "دوباره بفرستید.",
    ),
    "This confirmation link is not valid or was already used. Copy the whole "
    "link from the email.": (
        "Deze bevestigingslink is ongeldig of al gebruikt. Kopieer de hele link uit de "
        "e-mail.",
        "این پیوند تأیید معتبر نیست یا پیش‌تر استفاده شده است. کل پیوند را از ایمیل کپی کنید.",
    ),
    "This link is from an older email and no longer works. The next email "
    "about this discussion has a new one.": (
        "Deze link komt uit een oudere e-mail en werkt niet meer. De volgende e-mail over "
        "dit gesprek bevat een nieuwe.",
        "این پیوند از ایمیلی قدیمی‌تر است و دیگر کار نمی‌کند. ایمیل بعدی دربارهٔ این گفتگو "
        "پیوند تازه‌ای دارد.",
    ),
    "This confirmation link has expired. Please post your comment again.": (
        "Deze bevestigingslink is verlopen. Plaats je reactie opnieuw.",
        "این پیوند تأیید منقضی شده است. لطفاً دیدگاهتان را دوباره بفرستید.",
    ),
    "This link is not valid. Copy the whole link from the email.": (
        "Deze link is ongeldig. Kopieer de hele link uit de e-mail.",
        "این پیوند معتبر نیست. کل پیوند را از ایمیل کپی کنید.",
    ),
    "This link does not work": ("Deze link werkt niet", "این پیوند کار نمی‌کند"),
    "Your comment is confirmed.": ("Je reactie is bevestigd.", "دیدگاه شما تأیید شد."),
    "The comment you reply to is not on this page.": (
        "De reactie waarop je antwoordt staat niet op deze pagina.",
        "دیدگاهی که به آن پاسخ می‌دهید در این صفحه نیست.",
    ),
    "Support team": ("Supportteam", "تیم پشتیبانی"),
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
    ("%(counter)s+ article", "%(counter)s+ articles"): (
        ("%(counter)s+ artikel", "%(counter)s+ artikelen"),
        ("%(counter)s+ مقاله", "%(counter)s+ مقاله"),
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
    # Semantic search and typo correction (issue 14).
    'Quick answer': ('Snel antwoord', 'پاسخ کوتاه'),
    'Did this answer your question?': ('Heeft dit je vraag beantwoord?', 'آیا این به پرسش شما پاسخ داد؟'),
    'Not translated yet': ('Nog niet vertaald', 'هنوز ترجمه نشده'),
    'Showing results for <strong>%(corrected)s</strong>.': ('Resultaten voor <strong>%(corrected)s</strong>.', 'نمایش نتایج برای <strong>%(corrected)s</strong>.'),
    'Search instead for “%(query)s”': ('Zoek in plaats daarvan naar “%(query)s”', 'به\u200cجای آن «%(query)s» را جستجو کنید'),
}  # fmt: skip

# The discussions (wagtail_helpcenter.discussions) and search suggestions.
TRANSLATIONS.update(
    {
        "Reply": ("Reageren", "پاسخ"),
        "Email": ("E-mail", "ایمیل"),
        "Name": ("Naam", "نام"),
        "We send you a link to confirm your comment. It is never shown.": (
            "We sturen je een link om je reactie te bevestigen. Je adres wordt nooit getoond.",
            "پیوندی برای تأیید دیدگاه‌تان می‌فرستیم. نشانی شما هرگز نمایش داده نمی‌شود.",
        ),
        "Your comment": ("Je reactie", "دیدگاه شما"),
        "Email me when someone replies": (
            "Mail me als iemand reageert",
            "وقتی کسی پاسخ داد به من ایمیل بزن",
        ),
        "What is wrong with it?": ("Wat is er mis mee?", "چه ایرادی دارد؟"),
        "Details (optional)": ("Details (optioneel)", "جزئیات (اختیاری)"),
        "Spam or advertising": ("Spam of reclame", "هرزنامه یا تبلیغ"),
        "Rude or abusive": ("Onbeleefd of beledigend", "بی‌ادبانه یا توهین‌آمیز"),
        "Off topic": ("Niet relevant", "نامرتبط"),
        "It contains %(count)s link (more than %(limit)s).": None,
        "It contains a word that is not allowed here: “%(word)s”.": (
            "Er staat een woord in dat hier niet is toegestaan: “%(word)s”.",
            "واژه‌ای در آن هست که این‌جا مجاز نیست: «%(word)s».",
        ),
        "You have posted a lot in a short time. Please wait a few minutes.": (
            "Je hebt veel gepost in korte tijd. Wacht een paar minuten.",
            "در زمان کوتاهی زیاد نوشته‌اید. لطفاً چند دقیقه صبر کنید.",
        ),
        "Many comments came from your network just now. Please wait a few minutes.": (
            "Er kwamen net veel reacties van jouw netwerk. Wacht een paar minuten.",
            "همین حالا دیدگاه‌های زیادی از شبکهٔ شما آمد. لطفاً چند دقیقه صبر کنید.",
        ),
        "The comment looks automated.": (
            "De reactie lijkt automatisch verstuurd.",
            "این دیدگاه خودکار به نظر می‌رسد.",
        ),
        "This form does not belong to a page of the help center.": (
            "Dit formulier hoort niet bij een pagina van het helpcentrum.",
            "این فرم به صفحه‌ای از مرکز راهنما تعلق ندارد.",
        ),
        "This page does not exist or does not take comments.": (
            "Deze pagina bestaat niet of neemt geen reacties aan.",
            "این صفحه وجود ندارد یا دیدگاه نمی‌پذیرد.",
        ),
        "This discussion is closed, so new comments are not accepted. %(summary)s": (
            "Deze discussie is gesloten; nieuwe reacties worden niet aangenomen. %(summary)s",
            "این گفت‌وگو بسته است و دیدگاه تازه پذیرفته نمی‌شود. %(summary)s",
        ),
        "You cannot post here: %(reason)s": (
            "Je kunt hier niet posten: %(reason)s",
            "نمی‌توانید این‌جا بنویسید: %(reason)s",
        ),
        "You cannot post here until %(date)s: %(reason)s": (
            "Je kunt hier tot %(date)s niet posten: %(reason)s",
            "تا %(date)s نمی‌توانید این‌جا بنویسید: %(reason)s",
        ),
        "The comment you reply to is not on this page.": (
            "De reactie waarop je reageert staat niet op deze pagina.",
            "دیدگاهی که به آن پاسخ می‌دهید در این صفحه نیست.",
        ),
        "This conversation is too deep for another reply; reply higher up.": (
            "Dit gesprek is te diep voor nog een antwoord; reageer hoger op.",
            "این گفت‌وگو برای پاسخ دیگر بیش از حد تودرتو است؛ بالاتر پاسخ دهید.",
        ),
        "Your comment was not accepted. %(reason)s": (
            "Je reactie is niet aangenomen. %(reason)s",
            "دیدگاه شما پذیرفته نشد. %(reason)s",
        ),
        "Your comment could not be posted": (
            "Je reactie kon niet worden geplaatst",
            "دیدگاه شما ثبت نشد",
        ),
        "The form expired or was changed. Reload the page and post again.": (
            "Het formulier is verlopen of gewijzigd. Laad de pagina opnieuw en post nog eens.",
            "فرم منقضی یا دست‌کاری شده است. صفحه را دوباره بارگذاری کنید و دوباره بفرستید.",
        ),
        "Check your email": ("Kijk in je e-mail", "ایمیل خود را ببینید"),
        "We sent a link to %(email)s. Your comment appears once you open it.": (
            "We stuurden een link naar %(email)s. Je reactie verschijnt zodra je die opent.",
            "پیوندی به %(email)s فرستادیم. دیدگاه شما پس از باز کردن آن نمایش داده می‌شود.",
        ),
        "Your comment was posted.": ("Je reactie is geplaatst.", "دیدگاه شما ثبت شد."),
        "Thank you": ("Bedankt", "سپاس"),
        "Your comment waits for a moderator and appears once it is approved.": (
            "Je reactie wacht op een moderator en verschijnt zodra die is goedgekeurd.",
            "دیدگاه شما در انتظار ناظر است و پس از تأیید نمایش داده می‌شود.",
        ),
        "This confirmation link is not valid. Copy the whole link from the email.": (
            "Deze bevestigingslink is niet geldig. Kopieer de hele link uit de e-mail.",
            "این پیوند تأیید معتبر نیست. کل پیوند را از ایمیل کپی کنید.",
        ),
        "Your comment waits for a moderator.": (
            "Je reactie wacht op een moderator.",
            "دیدگاه شما در انتظار ناظر است.",
        ),
        "Choose what is wrong with the comment.": (
            "Kies wat er mis is met de reactie.",
            "مشخص کنید دیدگاه چه ایرادی دارد.",
        ),
        "Too many reports: try again later.": (
            "Te veel meldingen: probeer het later opnieuw.",
            "گزارش‌ها بیش از حد است: بعداً دوباره تلاش کنید.",
        ),
        "You have already reported this comment.": (
            "Je hebt deze reactie al gemeld.",
            "شما این دیدگاه را قبلاً گزارش کرده‌اید.",
        ),
        "Thank you: a moderator will look at it.": (
            "Bedankt: een moderator kijkt ernaar.",
            "سپاس: ناظری آن را بررسی می‌کند.",
        ),
        "Your comment was deleted.": ("Je reactie is verwijderd.", "دیدگاه شما حذف شد."),
        "This link is not valid. Copy the whole link from the email.": (
            "Deze link is niet geldig. Kopieer de hele link uit de e-mail.",
            "این پیوند معتبر نیست. کل پیوند را از ایمیل کپی کنید.",
        ),
        "No more emails": ("Geen e-mails meer", "دیگر ایمیلی نمی‌آید"),
        "You were not following this discussion.": (
            "Je volgde deze discussie niet.",
            "شما این گفت‌وگو را دنبال نمی‌کردید.",
        ),
        "You will not get emails about this discussion any more.": (
            "Je krijgt geen e-mails meer over deze discussie.",
            "دیگر دربارهٔ این گفت‌وگو ایمیلی دریافت نمی‌کنید.",
        ),
        "This discussion is closed.": ("Deze discussie is gesloten.", "این گفت‌وگو بسته است."),
        "Staff": ("Team", "کارکنان"),
        "Accepted answer": ("Geaccepteerd antwoord", "پاسخ پذیرفته‌شده"),
        "Post reply": ("Antwoord plaatsen", "ارسال پاسخ"),
        "Report": ("Melden", "گزارش"),
        "Send report": ("Melding versturen", "ارسال گزارش"),
        "Delete my comment": ("Mijn reactie verwijderen", "حذف دیدگاه من"),
        ("%(counter)s comment", "%(counter)s comments"): (
            ("%(counter)s reactie", "%(counter)s reacties"),
            ("%(counter)s دیدگاه", "%(counter)s دیدگاه"),
        ),
        (
            "It contains %(count)s link (more than %(limit)s).",
            "It contains %(count)s links (more than %(limit)s).",
        ): (
            (
                "Er staat %(count)s link in (meer dan %(limit)s).",
                "Er staan %(count)s links in (meer dan %(limit)s).",
            ),
            (
                "%(count)s پیوند دارد (بیش از %(limit)s).",
                "%(count)s پیوند دارد (بیش از %(limit)s).",
            ),
        ),
        "It is the first comment of a new poster.": (
            "Het is de eerste reactie van een nieuwe schrijver.",
            "این نخستین دیدگاه یک نویسندهٔ تازه است.",
        ),
        "Newest first": ("Nieuwste eerst", "تازه‌ترین‌ها نخست"),
        "Oldest first": ("Oudste eerst", "قدیمی‌ترین‌ها نخست"),
        "Comment pages": ("Pagina's met reacties", "صفحه‌های دیدگاه"),
        "Ask a question or share a tip": (
            "Stel een vraag of deel een tip",
            "پرسشی بپرسید یا نکته‌ای بگویید",
        ),
        "Before you post, read the": ("Lees voor je post de", "پیش از نوشتن، بخوانید:"),
        "Post comment": ("Reactie plaatsen", "ارسال دیدگاه"),
        "Your text, so you can keep it:": (
            "Je tekst, zodat je hem kunt bewaren:",
            "متن شما، تا آن را نگه دارید:",
        ),
        "Back to “%(title)s”": ("Terug naar “%(title)s”", "بازگشت به «%(title)s»"),
        "Suggested answers": ("Voorgestelde antwoorden", "پاسخ‌های پیشنهادی"),
        "Community rules": ("Huisregels", "قوانین گفت‌وگو"),
    }
)
TRANSLATIONS.pop("It contains %(count)s link (more than %(limit)s).")
EDITORIAL = article_templates.TRANSLATIONS | editorial.TRANSLATIONS  # (nl, fa, lv, zh_Hans)
TRANSLATIONS.update({key: values[:2] for key, values in EDITORIAL.items()})

# Locale folder -> {English text: translation}.
CATALOGS = {
    "nl": {key: values[0] for key, values in TRANSLATIONS.items()},
    "fa": {key: values[1] for key, values in TRANSLATIONS.items()},
    "lv": latvian.TRANSLATIONS | {key: values[2] for key, values in EDITORIAL.items()},
    "zh_Hans": chinese.TRANSLATIONS | {key: values[3] for key, values in EDITORIAL.items()},
}
# gettext's (and Django's own catalogs') plural rules.
PLURAL_FORMS = {
    "nl": "nplurals=2; plural=(n != 1);",
    "fa": "nplurals=2; plural=(n > 1);",
    "lv": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);",
    "zh_Hans": "nplurals=1; plural=0;",
}


def fill(language):
    path = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    translations = CATALOGS[language]
    po = polib.pofile(str(path))
    po.metadata["Language"] = language
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    po.metadata["Plural-Forms"] = PLURAL_FORMS[language]
    po.metadata_is_fuzzy = False
    filled = 0
    for entry in po:
        key = (entry.msgid, entry.msgid_plural) if entry.msgid_plural else entry.msgid
        if key not in translations:
            continue
        value = translations[key]
        if entry.msgid_plural:
            entry.msgstr_plural = dict(enumerate(value))
        else:
            entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        filled += 1
    po.save(str(path))
    po.save_as_mofile(str(path.with_suffix(".mo")))
    return filled


def main():
    for language in CATALOGS:
        print(f"{language}: {fill(language)} strings")


if __name__ == "__main__":
    main()
