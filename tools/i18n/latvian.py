"""Latvian for the strings visitors read (see visitor_strings.py). Polite "jūs", Latvian
quotation marks („…”), and three plural forms as in gettext's and Django's Latvian
catalogs: n ending in 1 (not 11), any other n but 0, and 0."""

TRANSLATIONS = {
    "There is no such category in this help center.": (
        "Šajā palīdzības centrā nav tādas kategorijas."
    ),
    "Note": "Piezīme",
    "Tip": "Padoms",
    "Warning": "Brīdinājums",
    "Language": "Valoda",
    "Reply": "Atbildēt",
    "Email": "E-pasts",
    "Name": "Vārds",
    "We send you a link to confirm your comment. It is never shown.": (
        "Mēs jums nosūtīsim saiti, lai apstiprinātu komentāru. Jūsu adrese netiek rādīta."
    ),
    "Your comment": "Jūsu komentārs",
    "Email me when someone replies": "Paziņot man pa e-pastu, kad kāds atbild",
    "What is wrong with it?": "Kas ar to nav kārtībā?",
    "Details (optional)": "Sīkāka informācija (nav obligāta)",
    "Spam or advertising": "Mēstule vai reklāma",
    "Rude or abusive": "Rupjš vai aizskarošs",
    "Off topic": "Nav par tēmu",
    "Something else": "Kas cits",
    "Community rules": "Kopienas noteikumi",
    (
        "It contains %(count)s link (more than %(limit)s).",
        "It contains %(count)s links (more than %(limit)s).",
    ): (
        "Tajā ir %(count)s saite (vairāk nekā %(limit)s).",
        "Tajā ir %(count)s saites (vairāk nekā %(limit)s).",
        "Tajā ir %(count)s saišu (vairāk nekā %(limit)s).",
    ),
    "It contains a word that is not allowed here: “%(word)s”.": (
        "Tajā ir vārds, kas šeit nav atļauts: „%(word)s”."
    ),
    "You have posted a lot in a short time. Please wait a few minutes.": (
        "Īsā laikā no jums saņemts daudz ziņu. Lūdzu, uzgaidiet dažas minūtes."
    ),
    "Many comments came from your network just now. Please wait a few minutes.": (
        "No jūsu tīkla tikko saņemts daudz komentāru. Lūdzu, uzgaidiet dažas minūtes."
    ),
    "It is the first comment of a new poster.": "Tas ir jauna autora pirmais komentārs.",
    "The comment looks automated.": "Komentārs izskatās automātiski izveidots.",
    "Several comments from your network wait for their poster to open the link "
    "we emailed. Open those links, or try again later.": (
        "Vairāki komentāri no jūsu tīkla gaida, kamēr to autori atvērs e-pastā nosūtīto "
        "saiti. Atveriet šīs saites vai mēģiniet vēlreiz vēlāk."
    ),
    "Comments for this email address already wait for the link we emailed to be "
    "opened. Open it, or try again later.": (
        "Šīs e-pasta adreses komentāri jau gaida, kamēr tiks atvērta e-pastā nosūtītā "
        "saite. Atveriet to vai mēģiniet vēlreiz vēlāk."
    ),
    "This form does not belong to a page of the help center.": (
        "Šī veidlapa nepieder nevienai palīdzības centra lapai."
    ),
    "This page does not exist or does not take comments.": (
        "Šī lapa neeksistē vai tajā nevar komentēt."
    ),
    "This discussion is closed, so new comments are not accepted. %(summary)s": (
        "Šī diskusija ir slēgta, tāpēc jauni komentāri netiek pieņemti. %(summary)s"
    ),
    "You cannot post here: %(reason)s": "Šeit nevarat publicēt: %(reason)s",
    "You cannot post here until %(date)s: %(reason)s": (
        "Šeit nevarat publicēt līdz %(date)s: %(reason)s"
    ),
    "The comment you reply to is not on this page.": "Komentārs, uz kuru atbildat, nav šajā lapā.",
    "This conversation is too deep for another reply; reply higher up.": (
        "Šī saruna ir pārāk dziļa vēl vienai atbildei; atbildiet augstāk."
    ),
    "Your comment was not accepted. %(reason)s": "Jūsu komentārs netika pieņemts. %(reason)s",
    "Your comment could not be posted": "Jūsu komentāru neizdevās publicēt",
    "The form expired or was changed. Reload the page and post again.": (
        "Veidlapas derīgums ir beidzies, vai tā ir mainīta. Pārlādējiet lapu un publicējiet "
        "vēlreiz."
    ),
    "Check your email": "Pārbaudiet e-pastu",
    "We sent a link to %(email)s. Your comment appears once you open it.": (
        "Mēs nosūtījām saiti uz %(email)s. Jūsu komentārs parādīsies, kad to atvērsiet."
    ),
    "Your comment was posted.": "Jūsu komentārs ir publicēts.",
    "Thank you": "Paldies",
    "Your comment waits for a moderator and appears once it is approved.": (
        "Jūsu komentārs gaida moderatoru un parādīsies, kad tas būs apstiprināts."
    ),
    "This link does not work": "Šī saite nedarbojas",
    "This confirmation link is from an older version of the site and no longer "
    "works. Please post your comment again.": (
        "Šī apstiprinājuma saite ir no vecākas vietnes versijas un vairs nedarbojas. Lūdzu, "
        "publicējiet komentāru vēlreiz."
    ),
    "This confirmation link is not valid or was already used. Copy the whole "
    "link from the email.": (
        "Šī apstiprinājuma saite nav derīga vai jau ir izmantota. Nokopējiet visu saiti no e-pasta."
    ),
    "This confirmation link has expired. Please post your comment again.": (
        "Šīs apstiprinājuma saites derīgums ir beidzies. Lūdzu, publicējiet komentāru vēlreiz."
    ),
    "Your comment is confirmed.": "Jūsu komentārs ir apstiprināts.",
    "Choose what is wrong with the comment.": "Izvēlieties, kas komentārā nav kārtībā.",
    "Too many reports: try again later.": "Pārāk daudz ziņojumu: mēģiniet vēlreiz vēlāk.",
    "You have already reported this comment.": "Par šo komentāru jūsu ziņojums jau ir saņemts.",
    "Thank you: a moderator will look at it.": "Paldies! Moderators to izskatīs.",
    "Your comment was deleted.": "Jūsu komentārs ir dzēsts.",
    "This link is from an older email and no longer works. The next email "
    "about this discussion has a new one.": (
        "Šī saite ir no vecāka e-pasta un vairs nedarbojas. Nākamajā e-pastā par šo "
        "diskusiju būs jauna saite."
    ),
    "This link is not valid. Copy the whole link from the email.": (
        "Šī saite nav derīga. Nokopējiet visu saiti no e-pasta."
    ),
    "No more emails": "E-pasti vairs netiks sūtīti",
    "You were not following this discussion.": "Jūs nesekojāt šai diskusijai.",
    "You will not get emails about this discussion any more.": (
        "Jūs vairs nesaņemsiet e-pastus par šo diskusiju."
    ),
    "Yes": "Jā",
    "No": "Nē",
    "There is no such article in this help center.": "Šajā palīdzības centrā nav tāda raksta.",
    "There is no such answer on this page.": "Šajā lapā nav tādas atbildes.",
    "An article has no answers to vote on.": "Rakstā nav atbilžu, par kurām balsot.",
    "New and updated articles in %(title)s": "Jauni un atjaunināti raksti: %(title)s",
    "The %(name)s must be a page id (a whole number).": (
        "Parametram %(name)s jābūt lapas ID (veselam skaitlim)."
    ),
    "The page number must be a whole number of 1 or more, not “%(value)s”.": (
        "Lapas numuram jābūt veselam skaitlim, kas ir 1 vai lielāks, nevis „%(value)s”."
    ),
    "It is out of date": "Tas ir novecojis",
    "It is hard to understand": "To ir grūti saprast",
    "It did not solve my problem": "Tas neatrisināja manu problēmu",
    "Contact support": "Sazināties ar atbalstu",
    "Still need help?": "Joprojām vajadzīga palīdzība?",
    "Related articles": "Saistītie raksti",
    "Questions": "Jautājumi",
    "Support team": "Atbalsta komanda",
    "The kind must be “article” or “faq”.": "Veidam jābūt „article” vai „faq”.",
    "The format must be “html” or “json”.": "Formātam jābūt „html” vai „json”.",
    "Bad request": "Nederīgs pieprasījums",
    "We could not read that link": "Mēs nevarējām nolasīt šo saiti",
    "Go to “%(title)s”": "Atvērt „%(title)s”",
    "Watch “%(title)s”": "Skatīties „%(title)s”",
    "This discussion is closed.": "Šī diskusija ir slēgta.",
    "Staff": "Komanda",
    "Accepted answer": "Pieņemtā atbilde",
    "Post reply": "Publicēt atbildi",
    "Report": "Ziņot",
    "Send report": "Nosūtīt ziņojumu",
    "Delete my comment": "Dzēst manu komentāru",
    ("%(counter)s comment", "%(counter)s comments"): (
        "%(counter)s komentārs",
        "%(counter)s komentāri",
        "%(counter)s komentāru",
    ),
    "Newest first": "Jaunākie vispirms",
    "Oldest first": "Vecākie vispirms",
    "Comment pages": "Komentāru lapas",
    "Previous": "Iepriekšējā",
    "Page %(number)s of %(total)s": "%(number)s. lapa no %(total)s",
    "Next": "Nākamā",
    "Ask a question or share a tip": "Uzdodiet jautājumu vai dalieties ar padomu",
    "Before you post, read the": "Pirms publicēšanas izlasiet:",
    "Leave this field empty": "Atstājiet šo lauku tukšu",
    "Post comment": "Publicēt komentāru",
    "Your text, so you can keep it:": "Jūsu teksts, lai jūs to varētu saglabāt:",
    "Back to “%(title)s”": "Atpakaļ uz „%(title)s”",
    "Updated": "Atjaunināts",
    "Breadcrumb": "Navigācijas ceļš",
    ("%(counter)s article", "%(counter)s articles"): (
        "%(counter)s raksts",
        "%(counter)s raksti",
        "%(counter)s rakstu",
    ),
    ("%(counter)s+ article", "%(counter)s+ articles"): (
        "%(counter)s+ raksts",
        "%(counter)s+ raksti",
        "%(counter)s+ rakstu",
    ),
    "Frequently asked questions": "Biežāk uzdotie jautājumi",
    "Thank you for your feedback.": "Paldies par jūsu atsauksmi.",
    "Send": "Nosūtīt",
    "Your feedback could not be sent. Please try again.": (
        "Jūsu atsauksmi neizdevās nosūtīt. Lūdzu, mēģiniet vēlreiz."
    ),
    "Was this answer helpful?": "Vai šī atbilde bija noderīga?",
    "Was this article helpful?": "Vai šis raksts bija noderīgs?",
    "If not, what was wrong? (optional)": "Ja nē, kas nebija kārtībā? (nav obligāti)",
    "Tell us more": "Pastāstiet vairāk",
    "Pages": "Lapas",
    "Search the help center": "Meklēt palīdzības centrā",
    "Describe your question": "Aprakstiet savu jautājumu",
    "Suggested answers": "Ieteiktās atbildes",
    "Search": "Meklēt",
    "This page is not available in %(language)s yet. Here it is in its original language.": (
        "Šī lapa vēl nav pieejama šajā valodā: %(language)s. Šeit tā ir oriģinālvalodā."
    ),
    "Skip to content": "Pāriet uz saturu",
    "On this page": "Šajā lapā",
    "Tags": "Birkas",
    "Topics": "Tēmas",
    "Articles": "Raksti",
    "There are no articles in this category yet.": "Šajā kategorijā vēl nav rakstu.",
    "Link to “%(question)s”": "Saite uz „%(question)s”",
    "Browse by topic": "Pārlūkot pēc tēmas",
    "Popular articles": "Populārākie raksti",
    "Recently updated": "Nesen atjaunināti",
    "This help center has no published content yet.": (
        "Šajā palīdzības centrā vēl nav publicēta satura."
    ),
    "Search is running in a simpler mode right now, so results may be less precise.": (
        "Meklēšana pašlaik darbojas vienkāršotā režīmā, tāpēc rezultāti var būt mazāk precīzi."
    ),
    ("%(counter)s result for “%(query)s”", "%(counter)s results for “%(query)s”"): (
        "%(counter)s rezultāts vaicājumam „%(query)s”",
        "%(counter)s rezultāti vaicājumam „%(query)s”",
        "%(counter)s rezultātu vaicājumam „%(query)s”",
    ),
    "Recommended": "Ieteicams",
    "Answer": "Atbilde",
    "Did you mean": "Vai domājāt",
    "No articles match your search. Try other words, or browse a topic:": (
        "Neviens raksts netika atrasts. Mēģiniet citus vārdus vai izvēlieties tēmu:"
    ),
    "Type a few words about your question, or browse a topic:": (
        "Ierakstiet dažus vārdus par savu jautājumu vai izvēlieties tēmu:"
    ),
    "Too many requests: try again in a minute.": (
        "Pārāk daudz pieprasījumu: mēģiniet vēlreiz pēc minūtes."
    ),
    "We could not record your feedback": "Mēs nevarējām saglabāt jūsu atsauksmi",
    "Your feedback could not be recorded.": "Jūsu atsauksmi neizdevās saglabāt.",
    "Too many votes: try again later.": "Pārāk daudz balsu: mēģiniet vēlreiz vēlāk.",
    "A vote from your network was already counted for this page today. Thank you.": (
        "Šodien par šo lapu jau ir ieskaitīta balss no jūsu tīkla. Paldies."
    ),
    "Search: %(query)s": "Meklēšana: %(query)s",
    # Semantic search and typo correction (issue 14).
    "Quick answer": "Ātrā atbilde",
    "Did this answer your question?": "Vai tas atbildēja uz jūsu jautājumu?",
    "Not translated yet": "Vēl nav iztulkots",
    "Showing results for <strong>%(corrected)s</strong>.": (
        "Rāda rezultātus vaicājumam <strong>%(corrected)s</strong>."
    ),
    "Search instead for “%(query)s”": "Meklēt tā vietā „%(query)s”",
}
