"""Editors write with templates, a style guide and writing checks: Wagtail's real admin
views (the add and edit page views, the snippet views, the article report)."""

import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests.factories import ArticlePageFactory, HelpCenterPageFactory, UserFactory, figure_block
from tests.utils import soup
from wagtail_helpcenter import spelling, writing
from wagtail_helpcenter.models import ArticlePage, ArticleTemplate, CategoryPage, StyleGuide

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'


@pytest.fixture
def editor(client):
    user = UserFactory(
        username="writer", is_superuser=True, is_staff=True,
        groups=[Group.objects.get(name="Editors")],
    )  # fmt: skip
    client.force_login(user)
    return user


def add_article_url(parent, **params):
    url = reverse("wagtailadmin_pages:add", args=["wagtail_helpcenter", "articlepage", parent.pk])
    if params:
        url += "?" + "&".join(f"{name}={value}" for name, value in params.items())
    return url


def paragraph_block(html):
    return {"type": "paragraph", "value": html}


def article_with(category, *paragraphs, summary="", **kwargs):
    return ArticlePageFactory(
        parent=category,
        summary=summary,
        body=[paragraph_block(html) for html in paragraphs],
        **kwargs,
    )


# Templates --------------------------------------------------------------------------


def test_adding_an_article_asks_for_a_template(client, editor, category):
    ArticleTemplate.objects.create(
        name="Release notes", description="What shipped this week.",
        body=[{"type": "heading", "value": {"text": "New", "level": "h2", "anchor": ""}}],
    )  # fmt: skip
    response = client.get(add_article_url(category))
    assert response.status_code == 200
    names = [link.get_text(" ", strip=True) for link in soup(response).select(".listing a.w-flex")]
    assert [name.split(" ")[0] for name in names] == [
        "How-to", "Troubleshooting", "Reference", "Announcement", "Release", "Blank",
    ]  # fmt: skip
    assert "Sections: New" in names[4]
    assert "Symptom · Cause · Fix" in names[1]


def test_the_chosen_template_starts_the_new_article(client, editor, category):
    response = client.get(add_article_url(category, template="troubleshooting"))
    assert response.status_code == 200
    page = response.context["page"]
    assert page.pk is None  # nothing is saved until the editor saves
    assert [block.block_type for block in page.body] == [
        "heading", "paragraph", "heading", "paragraph", "heading", "steps", "callout",
    ]  # fmt: skip
    assert [block.value["text"] for block in page.body if block.block_type == "heading"] == [
        "Symptom", "Cause", "Fix",
    ]  # fmt: skip
    assert page.summary.startswith("[The problem in the reader's words")
    # The editor's form holds it: Wagtail's own create view rendered it.
    assert "Symptom" in response.content.decode()
    assert ArticlePage.objects.count() == 0


def test_saving_the_templated_article_is_wagtails_own_create(client, editor, category):
    client.get(add_article_url(category, template="how-to"))
    data = nested_form_data(
        {
            "title": "Reset your password",
            "slug": "reset-password",
            "summary": "Set a new password when you forgot yours.",
            "body": streamfield(
                [
                    ("heading", {"text": "Steps", "level": "h2", "anchor": ""}),
                    ("paragraph", rich_text("<p>Open the sign-in page.</p>")),
                ]
            ),
            "tags": "",
            "related_links": inline_formset([]),
            "comments": inline_formset([]),
            "audience": "public",
        }
    )
    response = client.post(add_article_url(category, template="how-to"), data)
    assert response.status_code == 302, response.context["form"].errors
    article = ArticlePage.objects.get(slug="reset-password")
    assert [block.block_type for block in article.body] == ["heading", "paragraph"]


def test_blank_article_and_other_page_types_skip_the_templates(client, editor, category):
    response = client.get(add_article_url(category, template="blank"))
    assert response.status_code == 200
    assert len(response.context["page"].body) == 0
    url = reverse(
        "wagtailadmin_pages:add", args=["wagtail_helpcenter", "categorypage", category.pk]
    )
    response = client.get(url)
    assert response.status_code == 200
    assert "form" in response.context  # straight into Wagtail's editor


@pytest.mark.parametrize(
    "key", ["nonsense", "0", "-1", "99999999999999999999999", "1 OR 1=1", "%3Cscript%3E"]
)
def test_a_bad_template_gets_the_choice_again(client, editor, category, key):
    response = client.get(add_article_url(category, template=key))
    assert response.status_code == 400
    document = BeautifulSoup(response.content, "html.parser")
    assert "There is no such template here" in document.select_one("[role=alert]").get_text()
    assert len(document.select(".listing a.w-flex")) == 5  # nothing lost: choose again
    assert "<script>" not in response.content.decode()


def test_another_help_centers_template_is_not_offered(client, editor, category, site_home):
    other = HelpCenterPageFactory(parent=site_home, title="Partners", slug="partners")
    theirs = ArticleTemplate.objects.create(name="Partner onboarding", help_center=other)
    ours = ArticleTemplate.objects.create(
        name="Billing change", help_center=category.get_parent().specific,
        summary_hint="[Which plans change]",
    )  # fmt: skip
    response = client.get(add_article_url(category))
    text = soup(response).select_one(".listing").get_text()
    assert "Billing change" in text and "Partner onboarding" not in text
    assert client.get(add_article_url(category, template=theirs.pk)).status_code == 400
    response = client.get(add_article_url(category, template=ours.pk))
    assert response.context["page"].summary == "[Which plans change]"


def test_the_next_parameter_survives_the_choice(client, editor, category):
    response = client.get(add_article_url(category, next="/admin/pages/"))
    hrefs = [link["href"] for link in soup(response).select(".listing a.w-flex")]
    assert all("next=%2Fadmin%2Fpages%2F" in href for href in hrefs)


def test_built_in_templates_in_the_pages_language(client, editor, help_center, dutch):
    dutch_center = help_center.copy_for_translation(dutch, copy_parents=True)
    dutch_category = CategoryPage(title="Facturen", slug="facturen", locale=dutch)
    dutch_center.add_child(instance=dutch_category)
    response = client.get(add_article_url(dutch_category))
    names = [link.get_text(" ", strip=True) for link in soup(response).select(".listing a.w-flex")]
    assert names[0].startswith("Stappenplan")
    response = client.get(add_article_url(dutch_category, template="how-to"))
    headings = [b.value["text"] for b in response.context["page"].body if b.block_type == "heading"]
    assert headings == ["Stappen", "Wat er daarna gebeurt"]


def test_a_site_template_in_the_pages_language(client, editor, help_center, dutch):
    english = ArticleTemplate.objects.create(name="Outage report", summary_hint="[What broke]")
    dutch_template = english.copy_for_translation(dutch)
    dutch_template.name = "Storingsmelding"
    dutch_template.summary_hint = "[Wat er kapot is]"
    dutch_template.save()
    ArticleTemplate.objects.create(name="Only English")
    dutch_center = help_center.copy_for_translation(dutch, copy_parents=True)
    dutch_category = CategoryPage(title="Facturen", slug="facturen", locale=dutch)
    dutch_center.add_child(instance=dutch_category)
    response = client.get(add_article_url(dutch_category))
    text = soup(response).select_one(".listing").get_text()
    assert "Storingsmelding" in text and "Outage report" not in text
    assert "Only English" in text  # not translated yet: offered in its own language
    response = client.get(add_article_url(dutch_category, template=dutch_template.pk))
    assert response.context["page"].summary == "[Wat er kapot is]"


def test_hostile_template_text_is_inert(client, editor, category):
    template = ArticleTemplate.objects.create(
        name=HOSTILE, description=HOSTILE,
        body=[paragraph_block(f"<p>Hi {HOSTILE}</p>")],
    )  # fmt: skip
    response = client.get(add_article_url(category))
    listing = soup(response).select_one(".listing")
    assert listing.select("script, [onerror]") == []
    assert HOSTILE in listing.get_text()
    response = client.get(add_article_url(category, template=template.pk))
    assert response.status_code == 200  # the editor opens (broken markup broke it)
    [paragraph] = response.context["page"].body
    assert paragraph.value.source == '<p>Hi "&gt;</p>'  # script and image are gone


def test_template_snippet_admin_refuses_bad_input_and_keeps_it(client, editor):
    url = reverse("wagtailsnippets_wagtail_helpcenter_articletemplate:add")
    data = nested_form_data(
        {
            "name": "",
            "description": "For changes to plans",
            "help_center": "",
            "summary_hint": "x" * 401,
            "body": streamfield([]),
            "locale": Locale.get_default().pk,
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"name", "summary_hint"}
    assert response.context["form"]["description"].value() == "For changes to plans"
    assert ArticleTemplate.objects.count() == 0


# The style guide --------------------------------------------------------------------


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_the_style_guide_beside_the_editor(client, editor, article, help_center, site_home):
    StyleGuide.objects.create(title="House style", body="<p>Write for everyone.</p>")
    response = client.get(edit_url(article))
    guide = soup(response).select_one(".helpcenter-style-guide")
    assert "Before you write: House style" in guide.summary.get_text()
    assert "Write for everyone." in guide.get_text()
    # A help center's own guide comes before the one for all.
    StyleGuide.objects.create(
        title="Billing style", body="<p>Say plan.</p>", help_center=help_center
    )
    response = client.get(edit_url(article))
    assert "Billing style" in soup(response).select_one(".helpcenter-style-guide").get_text()
    # And it is linked from the template choice.
    response = client.get(add_article_url(article.get_parent()))
    assert "Read the Billing style first" in response.content.decode()


def test_no_style_guide_yet(client, editor, article):
    response = client.get(edit_url(article))
    assert "This help center has no style guide yet." in response.content.decode()


def test_a_hostile_style_guide_is_inert(client, editor, article):
    StyleGuide.objects.create(
        title=HOSTILE,
        body=f'<p>Be kind {HOSTILE}<a href="javascript:alert(3)">x</a></p>',
    )
    response = client.get(edit_url(article))
    guide = soup(response).select_one(".helpcenter-style-guide")
    assert guide.select("script, [onerror]") == []
    assert "javascript:" not in str(guide)
    assert "Be kind" in guide.get_text()
    assert HOSTILE in guide.summary.get_text()  # the title as text, shown, inert


def test_one_style_guide_per_help_center_and_language(client, editor, help_center):
    StyleGuide.objects.create(title="House style", body="<p>One.</p>", help_center=help_center)
    url = reverse("wagtailsnippets_wagtail_helpcenter_styleguide:add")
    data = {
        "title": "Second",
        "help_center": help_center.pk,
        "body": rich_text("<p>Two.</p>"),
        "accepted_words": "Acme\n" + "y" * 61,
        "locale": Locale.get_default().pk,
    }
    response = client.post(url, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "accepted_words" in errors and "help_center" not in errors
    data["accepted_words"] = "Acme, Wagtail"
    response = client.post(url, data)
    assert "already has a style guide in this language" in str(response.context["form"].errors)
    assert response.context["form"]["title"].value() == "Second"
    assert StyleGuide.objects.count() == 1


# Writing checks ---------------------------------------------------------------------


def test_the_checks_beside_the_editor(client, editor, category, help_center):
    long_sentence = " ".join(["word"] * 30)
    article = article_with(
        category,
        f"<p>Download your invoise from the SSO portal. {long_sentence}.</p>",
        "<p>[Who this is for]</p>",
        "<p>Run <code>ls invoisex</code> and read the API key (API) docs.</p>",
        summary="Invoices for Acme plans.",
    )
    StyleGuide.objects.create(title="House", body="<p>x</p>", accepted_words="portal")
    response = client.get(edit_url(article))
    checks = soup(response).select_one("#helpcenter-writing-checks")
    text = checks.get_text(" ", strip=True)
    assert "invoise → invoice" in text
    assert "invoisex" not in text  # code is not prose
    assert "portal" not in text  # the style guide accepts it
    assert "Acme" not in text.split("Words the dictionary")[1]  # a name, capitalised
    assert "30 words" in text
    assert "[Who this is for]" in text
    assert [code.get_text() for code in checks.select("code")] == ["SSO"]  # API is spelt out
    assert "nothing here stops you from publishing" in text


def test_the_title_is_spelt_and_the_help_centers_name_is_a_name(
    client, editor, category, help_center
):
    Page.objects.filter(pk=help_center.pk).update(title="Zyxtra Help")
    article = article_with(
        category, "<p>Zyxtra keeps your invoices.</p>", title="Downlaod an invoice"
    )
    response = client.get(edit_url(article))
    text = soup(response).select_one("#helpcenter-writing-checks").get_text(" ", strip=True)
    assert "downlaod → download" in text
    assert "zyxtra" not in text.lower()


def test_checks_only_advise(client, editor, category):
    article = article_with(category, "<p>Teh [instruction] SSO.</p>")
    data = nested_form_data(
        {
            "title": article.title,
            "slug": article.slug,
            "summary": "",
            "body": streamfield([("paragraph", rich_text("<p>Teh [instruction] SSO.</p>"))]),
            "tags": "",
            "related_links": inline_formset([]),
            "comments": inline_formset([]),
            "audience": "public",
            "action-publish": "publish",
        }
    )
    response = client.post(edit_url(article), data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.live and article.has_unpublished_changes is False


def test_a_new_article_is_checked_once_saved(client, editor, category):
    response = client.get(add_article_url(category, template="blank"))
    assert "save a draft to see them" in response.content.decode()


def test_checks_in_latvian_dutch_persian_and_chinese(category, latvian, dutch, persian, chinese):
    def report(language_locale, html):
        page = ArticlePageFactory.build(body=[paragraph_block(html)], summary="", title="")
        page.locale = language_locale
        return writing.check_article(page)

    def misspelt(language_locale, html):
        return [word for word, _suggestion in report(language_locale, html).misspelt]

    assert misspelt(dutch, "<p>Download de factuur en de rekning.</p>") == ["rekning"]
    assert misspelt(latvian, "<p>Jūs varat lejupielādēt rēķinu un rēķnu.</p>") == ["rēķnu"]
    assert misspelt(persian, "<p>رمز عبور حساب خود را حسابب.</p>") == ["حسابب"]
    chinese_report = report(chinese, "<p>" + "下载发票" * 20 + "。</p>")
    assert not chinese_report.spelling_available
    assert chinese_report.long_sentences[0][0] == 40  # 80 characters, about 40 words
    assert chinese_report.readability.label == "Very hard"


def test_hostile_words_in_checks_are_inert(client, editor, category):
    article = article_with(
        category, "<p>&lt;script&gt;alert(1)&lt;/script&gt; xqzzy [&lt;b&gt;x&lt;/b&gt;]</p>"
    )
    response = client.get(edit_url(article))
    checks = str(soup(response).select_one("#helpcenter-writing-checks"))
    assert "<script>" not in checks and "<b>x" not in checks
    assert "xqzzy" in checks


def test_reading_time_and_readability():
    easy = ["The cat sat. The dog ran. We like it."]
    assert writing.readability(easy, "en").label == "Very easy"
    hard = [
        "Organisational interoperability considerations necessitate comprehensive "
        "documentation regarding authentication infrastructure configuration."
    ]
    assert writing.readability(hard, "en").label == "Very hard"
    assert writing.readability([], "en") is None
    assert writing.reading_minutes([" ".join(["word"] * 401)], "en") == 3
    assert writing.reading_minutes(["短"], "zh-hans") == 1


# The article report ----------------------------------------------------------------


def test_article_report_shows_reading_time_and_readability(client, editor, category):
    article_with(category, "<p>" + "Short words. " * 300 + "</p>", title="Easy one")
    report_url = reverse("wagtail_helpcenter_article_performance")
    response = client.get(report_url)
    row = next(r for r in soup(response).select("tbody tr") if "Easy one" in r.get_text())
    cells = row.get_text(" ", strip=True)
    assert "3 min" in cells and "Very easy" in cells
    response = client.get(report_url + "?export=csv")
    content = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else response.content.decode()
    )
    header, *rows = content.splitlines()
    assert "Reading time (minutes)" in header and "Readability" in header
    assert any("Easy one" in line and ",3," in line for line in rows)


def test_article_report_reads_no_more_for_more_articles(
    client, editor, category, django_assert_max_num_queries
):
    report_url = reverse("wagtail_helpcenter_article_performance")
    article_with(category, "<p>One.</p>")
    client.get(report_url)
    with django_assert_max_num_queries(40) as captured:
        client.get(report_url)
    few = len(captured)
    for _number in range(5):
        article_with(category, "<p>More.</p>")
    with django_assert_max_num_queries(few):
        client.get(report_url)


@pytest.mark.parametrize(
    "language_code, text, unknown",
    [
        # British spellings of known American words, software words, names.
        ("en", "Pick a colour and organise the app on iOS via the inbox.", []),
        ("en", "Teh invoise is ready.", ["teh", "invoise"]),
        # Addresses, domains, file names and paths are not words.
        ("en", "Write to help@acme.example, open acme.example/signup or Settings/Billing.", []),
        ("en", "Save invoice.pdf and open acme.example.", []),
        # A name at the start of its sentences is a name when it is used more than once;
        # a typo at the start of one sentence is a typo.
        ("en", "Zyxtra saves your work. Zyxtra is free.", []),
        ("en", "Zyxtra saves your work.", ["zyxtra"]),
        ("en", "Zyxtra saves your work. Use zyxtra daily.", ["zyxtra"]),
        # Dutch compounds of known words, with a verb stem, a linking "s", three parts,
        # a loanword; a typo is not a compound of short words.
        ("nl", "Open de aanmeldpagina en de betalingsgegevens.", []),
        ("nl", "Zet tweestapsverificatie aan; het trackingnummer komt per e-mail.", []),
        ("nl", "Open de xqzzypagina.", ["xqzzypagina"]),
        ("nl", "Contorleer je colleega's.", ["contorleer", "colleega's"]),
        # Latvian inflections and compounds of known words; typos in them.
        ("lv", "Reģistrējieties, eksportējiet datus un uzaiciniet kolēģus.", []),
        ("lv", "Kredītkarte vai kredītkartei: abi ir labi.", []),
        ("lv", "Maksjums un pasūtjums.", ["maksjums", "pasūtjums"]),
        # Persian words with their affixes (a plural, a present tense, a negation, a
        # person), a loanword; Latin words in a Persian text are not judged.
        ("fa", "فاکتورها را دانلود می‌کنید.", []),
        ("fa", "پرداخت انجام نشد و کارت منقضی نشده است.", []),
        ("fa", "صفحه acme.example/help یا Acme Help را باز کنید.", []),
        ("fa", "رمز عبور حساب خود را حسابب.", ["حسابب"]),
    ],
)
def test_spelling_knows_the_words_of_help_articles(language_code, text, unknown):
    assert [word for word, _ in spelling.misspelt_words([text], language_code)] == unknown


@pytest.mark.parametrize(
    "language_code, letters", [("en", "qz"), ("nl", "qz"), ("lv", "qz"), ("fa", "ظض")]
)
def test_pasted_data_is_not_spelt(language_code, letters):
    """A key, a hash or a pasted blob in a paragraph is no word: it is skipped, and
    skipped at once (the address pattern and the compound checks took minutes on a
    paragraph like this: both grew with the square of a token's length)."""
    blob = letters * 30000
    text = f"{blob} {blob}@{blob} {blob}.{blob}/{blob}."
    assert spelling.misspelt_words([text], language_code) == []
    assert spelling.spellable_words(text, language_code) == []
    typo = letters * 5  # the same letters as a word are still looked up
    assert [word for word, _ in spelling.misspelt_words([typo], language_code)] == [typo]


def test_wagtail_localize_translates_templates_and_guides(help_center, dutch):
    from wagtail_localize.models import TranslationSource

    template = ArticleTemplate.objects.create(
        name="Outage report", help_center=help_center, summary_hint="[What broke]",
        body=[{"type": "heading", "value": {"text": "Impact", "level": "h2", "anchor": ""}}],
    )  # fmt: skip
    guide = StyleGuide.objects.create(title="House style", body="<p>Be brief.</p>")
    help_center.copy_for_translation(dutch, copy_parents=True)
    for instance in (template, guide):
        source, _created = TranslationSource.get_or_create_from_instance(instance)
        source.create_or_update_translation(dutch, fallback=True)
    dutch_template = ArticleTemplate.objects.get(locale=dutch)
    assert [block.value["text"] for block in dutch_template.body] == ["Impact"]
    assert StyleGuide.objects.get(locale=dutch).title == "House style"
    # Offered in the Dutch help center whichever help center its link names.
    dutch_center = help_center.get_translation(dutch)
    assert list(ArticleTemplate.objects.for_help_center(dutch_center)) == [
        template, dutch_template,
    ]  # fmt: skip


def test_glossary_terms_are_defined_and_spelt_right(client, editor, category, help_center):
    from wagtail_helpcenter.models import GlossaryTerm

    article = article_with(category, "<p>Turn on SSO and 2FA, then open the workspacex.</p>")
    response = client.get(edit_url(article))
    checks = soup(response).select_one("#helpcenter-writing-checks")
    assert [code.get_text() for code in checks.select("code")] == ["SSO", "2FA"]
    assert "workspacex" in checks.get_text()
    GlossaryTerm.objects.create(
        help_center=help_center, term="single sign-on", other_forms="SSO",
        definition="One sign-in for every app.",
    )  # fmt: skip
    GlossaryTerm.objects.create(
        help_center=help_center, term="workspacex", definition="A shared account.",
    )  # fmt: skip
    response = client.get(edit_url(article))
    checks = soup(response).select_one("#helpcenter-writing-checks")
    assert [code.get_text() for code in checks.select("code")] == ["2FA"]
    assert "workspacex" not in checks.get_text()


def test_an_editor_without_snippet_permissions_reads_but_is_not_sent_to_edit(
    client, category, article
):
    editors = Group.objects.get(name="Editors")
    writer = UserFactory(username="plain", is_staff=True, groups=[editors])
    client.force_login(writer)
    StyleGuide.objects.create(title="House style", body="<p>Write for everyone.</p>")
    ArticleTemplate.objects.create(name="Release notes")
    response = client.get(add_article_url(category))
    assert response.status_code == 200
    document = soup(response)
    assert "Write for everyone." in document.select_one(".helpcenter-style-guide").get_text()
    assert document.select("a[href*='/snippets/']") == []  # no link they could not open
    response = client.get(edit_url(article))
    guide = soup(response).select_one(".helpcenter-style-guide")
    assert "Write for everyone." in guide.get_text() and guide.select("a") == []


def test_article_report_loads_no_image_per_article(
    client, editor, category, django_assert_max_num_queries
):
    """Reading stats come from the stored body: an image block loaded its image, one
    query per article."""
    image = wagtail_factories.ImageFactory()
    body = [paragraph_block("<p>One.</p>"), figure_block(image, "The menu")]
    ArticlePageFactory(parent=category, body=body)
    report_url = reverse("wagtail_helpcenter_article_performance")
    client.get(report_url)
    with django_assert_max_num_queries(60) as captured:
        client.get(report_url)
    for _number in range(5):
        ArticlePageFactory(parent=category, body=body)
    with django_assert_max_num_queries(len(captured)):
        response = client.get(report_url + "?export=csv")
        b"".join(response.streaming_content)
    with django_assert_max_num_queries(len(captured)):
        client.get(report_url)


def test_prose_of_every_block_and_nothing_else(category):
    image = wagtail_factories.ImageFactory()
    article = ArticlePageFactory(
        parent=category,
        summary="Summary here.",
        body=[
            {"type": "heading", "value": {"text": "Steps", "level": "h2", "anchor": "x"}},
            {"type": "callout", "value": {"kind": "tip", "title": "Quick", "text": "<p>Tip.</p>"}},
            {
                "type": "steps",
                "value": [{"title": "Open it", "text": "<p>Then <code>ls</code>.</p>"}],
            },
            {"type": "code", "value": {"language": "bash", "code": "rm -rf"}},
            figure_block(image, "The menu"),
            {"type": "table", "value": {"table": {"data": [["Plan", None]]}, "caption": "Plans"}},
        ],
    )
    assert writing.article_texts(article) == [
        "Summary here.", "Steps", "Quick", "Tip.", "Open it", "Then .", "The menu", "Plan", "Plans",
    ]  # fmt: skip


def test_spelt_out_once_is_explained_for_the_whole_article():
    texts = ["Turn on single sign-on (SSO) first.", "Then SSO signs everyone in."]
    assert writing.undefined_terms(texts, defined=[]) == []


def test_an_abbreviation_inside_chinese_text_is_found():
    assert writing.undefined_terms(["请使用SSO登录你的账户。"], defined=[]) == ["SSO"]


def test_content_requests_are_among_the_reports(client, site_home):
    editors = Group.objects.get(name="Editors")
    writer = UserFactory(username="plain", is_staff=True, groups=[editors])
    client.force_login(writer)
    url = reverse("wagtailsnippets_wagtail_helpcenter_contentrequest:list")
    assert url in client.get(reverse("wagtailadmin_home")).content.decode()
    assert client.get(url).status_code == 200
    outsider = UserFactory(
        username="outsider", is_staff=True, groups=[Group.objects.get(name="Moderators")]
    )
    client.force_login(outsider)
    assert url not in client.get(reverse("wagtailadmin_home")).content.decode()


def add_category_url(parent):
    return reverse("wagtailadmin_pages:add", args=["wagtail_helpcenter", "categorypage", parent.pk])


def category_form(**fields):
    return nested_form_data({"icon": "book", "audience": "public", **fields})


@pytest.mark.parametrize("slug", ["glossary", "search", "feed"])
def test_a_page_below_a_help_center_may_not_take_its_addresses(client, editor, help_center, slug):
    url = reverse(
        "wagtailadmin_pages:add", args=["wagtail_helpcenter", "categorypage", help_center.pk]
    )
    data = nested_form_data(
        {
            "title": "Words",
            "slug": slug,
            "description": "Our words.",
            "icon": "book",
            "audience": "public",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "choose another slug" in str(response.context["form"].errors["slug"])
    assert response.context["form"]["description"].value() == "Our words."
    assert not CategoryPage.objects.filter(slug=slug).exists()


def test_below_a_category_those_addresses_are_free(client, editor, category):
    url = reverse(
        "wagtailadmin_pages:add", args=["wagtail_helpcenter", "categorypage", category.pk]
    )
    data = nested_form_data(
        {
            "title": "Search",
            "slug": "search",
            "description": "x",
            "icon": "book",
            "audience": "public",
        }
    )
    assert client.post(url, data).status_code == 302
    assert CategoryPage.objects.filter(slug="search").exists()


def test_every_route_of_a_help_center_is_a_reserved_slug():
    from wagtail_helpcenter.models import HelpCenterPage

    first_parts = {
        str(pattern.pattern).split("/")[0].lstrip("^")
        for pattern in HelpCenterPage.get_subpage_urls()
    }
    assert first_parts - {""} == HelpCenterPage.RESERVED_CHILD_SLUGS
