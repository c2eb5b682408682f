"""The templates an editor chooses from when adding an article: four built in (How-to,
Troubleshooting, Reference, Announcement) and a site's own ``ArticleTemplate`` snippets.

A template gives a new article its summary and body skeleton. Instructions to the
writer are in square brackets ("[What does the reader see?]"), which the editor's
writing checks point out until they are replaced.
"""

import uuid
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks

from .cleaning import clean_rich_text
from .conf import get_config
from .ids import parse_id
from .models import HelpCenterPage
from .models.editorial import ArticleTemplate, StyleGuide

BLANK = "blank"


@dataclass
class TemplateChoice:
    """One template as the chooser offers it."""

    key: str  # the ``template`` URL parameter: a built-in's name or a snippet's id
    name: str
    description: str
    sections: list = field(default_factory=list)  # heading texts, to preview the structure
    snippet: ArticleTemplate | None = None


def _paragraph(text):
    return "paragraph", f"<p>{escape(text)}</p>"


def _heading(text):
    return "heading", {"text": text, "level": "h2", "anchor": ""}


def _steps(*titles):
    return "steps", [{"title": title, "text": ""} for title in titles]


def _callout(kind, text):
    return "callout", {"kind": kind, "title": "", "text": f"<p>{escape(text)}</p>"}


def _how_to():
    return _("[What will the reader be able to do? One sentence.]"), [
        _paragraph(_("[Who this is for, and what they need before they start.]")),
        _heading(_("Steps")),
        _steps(
            _("[The first thing to do, starting with a verb]"),
            _("[The next thing to do]"),
            _("[The last thing to do]"),
        ),
        _heading(_("What happens next")),
        _paragraph(_("[What the reader sees when it worked, and where to go from here.]")),
    ]


def _troubleshooting():
    return _("[The problem in the reader's words, and that this article fixes it.]"), [
        _heading(_("Symptom")),
        _paragraph(_("[What the reader sees: the exact error message, or what happens.]")),
        _heading(_("Cause")),
        _paragraph(_("[Why it happens, in plain words.]")),
        _heading(_("Fix")),
        _steps(_("[The first thing to try]"), _("[If that did not help, the next thing]")),
        _callout("tip", _("[When to contact support, and what to tell them.]")),
    ]


def _reference():
    return _("[What this page describes, in one sentence.]"), [
        _paragraph(_("[A short overview: what it is and when it matters.]")),
        _heading(_("Details")),
        _paragraph(_("[The facts the reader looks up: options, limits, values.]")),
        _heading(_("Related")),
        _paragraph(_("[Links to the how-to articles that use this.]")),
    ]


def _announcement():
    return _("[What is changing, and for whom, in one sentence.]"), [
        _callout("note", _("[The date it changes, and whether the reader has to act.]")),
        _heading(_("What is changing")),
        _paragraph(_("[The change, and why it is made.]")),
        _heading(_("Who is affected")),
        _paragraph(_("[Which customers or plans.]")),
        _heading(_("What you need to do")),
        _paragraph(_("[The steps, or “Nothing: it happens by itself.”]")),
    ]


BUILT_IN = {
    "how-to": (
        gettext_lazy("How-to"),
        gettext_lazy("Numbered steps to get one thing done."),
        _how_to,
    ),
    "troubleshooting": (
        gettext_lazy("Troubleshooting"),
        gettext_lazy("A problem's symptom, its cause and the fix."),
        _troubleshooting,
    ),
    "reference": (
        gettext_lazy("Reference"),
        gettext_lazy("Facts readers look up: settings, limits, plans."),
        _reference,
    ),
    "announcement": (
        gettext_lazy("Announcement"),
        gettext_lazy("A change: what, when, who is affected and what to do."),
        _announcement,
    ),
}


def _cleaned(block, raw):
    """Raw block data with its rich text as Wagtail's editor writes it (a template
    stored another way must neither break the editor nor carry a script into a page)."""
    if raw is None:
        return raw
    if isinstance(block, blocks.RichTextBlock):
        return clean_rich_text(raw)
    if isinstance(block, blocks.StreamBlock):
        return [
            {**item, "value": _cleaned(block.child_blocks[item["type"]], item.get("value"))}
            for item in raw
            if item.get("type") in block.child_blocks
        ]
    if isinstance(block, blocks.StructBlock):
        return {
            name: _cleaned(block.child_blocks[name], value) if name in block.child_blocks else value
            for name, value in raw.items()
        }
    if isinstance(block, blocks.ListBlock):
        return [
            {**item, "value": _cleaned(block.child_block, item.get("value"))}
            if isinstance(item, dict) and item.get("type") == "item"
            else _cleaned(block.child_block, item)
            for item in raw
        ]
    return raw


def _stream(blocks):
    return [{"type": kind, "value": value, "id": str(uuid.uuid4())} for kind, value in blocks]


def _headings(blocks):
    return [value["text"] for kind, value in blocks if kind == "heading"]


def site_templates(help_center, locale):
    """A site's templates offered in ``help_center``, in ``locale``: each template in
    that language, or in its own where it is not translated yet."""
    in_locale = {}
    for template in ArticleTemplate.objects.for_help_center(help_center).order_by("name", "pk"):
        current = in_locale.get(template.translation_key)
        if current is None or template.locale_id == locale.pk:
            in_locale[template.translation_key] = template
    return sorted(in_locale.values(), key=lambda template: template.name.lower())


def choices(help_center, locale):
    """Every template an editor adding an article in ``help_center`` may choose."""
    offered = []
    if get_config()["BUILT_IN_ARTICLE_TEMPLATES"]:
        with translation.override(locale.language_code):
            for key, (name, description, build) in BUILT_IN.items():
                offered.append(
                    TemplateChoice(key, str(name), str(description), _headings(build()[1]))
                )
    for template in site_templates(help_center, locale):
        sections = [block.value["text"] for block in template.body if block.block_type == "heading"]
        offered.append(
            TemplateChoice(
                str(template.pk), template.name, template.description, sections, template
            )
        )
    return offered


def find(key, help_center, locale):
    """The choice ``key`` names among ``choices``; None when it names none of them."""
    if key == BLANK:
        return TemplateChoice(BLANK, _("Blank article"), "")
    if key not in BUILT_IN:
        template_id = parse_id(key, ArticleTemplate)
        if template_id is None:
            return None
        key = str(template_id)
    return next((choice for choice in choices(help_center, locale) if choice.key == key), None)


def apply(choice, page, locale):
    """Give a new, unsaved ``page`` the choice's summary and body skeleton."""
    if choice.key == BLANK:
        return
    if choice.snippet is not None:
        page.summary = choice.snippet.summary_hint
        body = choice.snippet.body
        page.body = _cleaned(body.stream_block, list(body.raw_data))
        return
    with translation.override(locale.language_code):
        summary, blocks = BUILT_IN[choice.key][2]()
    page.summary = summary
    page.body = _stream(blocks)


def style_guide(help_center, locale):
    """The style guide for articles of ``help_center`` in ``locale``: its own, else the
    one for every help center; in that language, else in any. None without one."""
    guides = list(StyleGuide.objects.for_help_center(help_center).select_related("locale"))
    guides.sort(key=lambda guide: (guide.help_center_id is None, guide.locale_id != locale.pk))
    return guides[0] if guides else None


def help_center_for(page, parent_page=None):
    """The help center ``page`` is in, or, for a page not yet in the tree, the one the
    parent it is being added to is in (inclusive)."""
    anchor = page if getattr(page, "pk", None) else parent_page
    if anchor is None:
        return None
    return HelpCenterPage.objects.ancestor_of(anchor, inclusive=True).order_by("-depth").first()
