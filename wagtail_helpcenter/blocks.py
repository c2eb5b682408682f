"""StreamField blocks for help center articles.

Each block renders with its own template in ``wagtail_helpcenter/blocks/`` so a site can
override one block's markup without touching the others.
"""

from django.core.validators import RegexValidator
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

# Rich text features for paragraphs, callouts and steps. Headings are their own block so
# that they can feed the table of contents.
BODY_FEATURES = [
    "bold",
    "italic",
    "link",
    "document-link",
    "ol",
    "ul",
    "code",
    "superscript",
    "subscript",
    "strikethrough",
]

ANCHOR_VALIDATOR = RegexValidator(
    r"^[-\w]+\Z",
    _("Use only letters, numbers, hyphens and underscores."),
)


def anchor_for(text, fallback="section"):
    """A URL fragment for a heading or question: stable, readable, never empty."""
    return slugify(text, allow_unicode=True)[:80].strip("-") or fallback


class HeadingValue(blocks.StructValue):
    @property
    def anchor_id(self):
        return self.get("anchor") or anchor_for(self.get("text", ""))


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200, label=_("Heading"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section (H2)")), ("h3", _("Subsection (H3)"))],
        default="h2",
        label=_("Level"),
    )
    anchor = blocks.CharBlock(
        required=False,
        max_length=80,
        validators=[ANCHOR_VALIDATOR],
        label=_("Anchor"),
        help_text=_(
            "Optional. The #link to this section; made from the heading when blank. "
            "Set it to keep links working when you reword the heading."
        ),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "wagtail_helpcenter/blocks/heading.html"
        value_class = HeadingValue
        form_classname = "struct-block helpcenter-heading-block"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("note", _("Note")), ("tip", _("Tip")), ("warning", _("Warning"))],
        default="note",
        label=_("Kind"),
    )
    title = blocks.CharBlock(required=False, max_length=120, label=_("Title"))
    text = blocks.RichTextBlock(features=BODY_FEATURES, label=_("Text"))

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "wagtail_helpcenter/blocks/callout.html"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200, label=_("Step"))
    text = blocks.RichTextBlock(features=BODY_FEATURES, required=False, label=_("Details"))

    class Meta:
        icon = "list-ol"
        label = _("Step")


class CodeBlock(blocks.StructBlock):
    language = blocks.ChoiceBlock(
        choices=[
            ("text", _("Plain text")),
            ("bash", "Shell"),
            ("python", "Python"),
            ("javascript", "JavaScript"),
            ("json", "JSON"),
            ("html", "HTML"),
            ("css", "CSS"),
            ("sql", "SQL"),
            ("yaml", "YAML"),
        ],
        default="text",
        label=_("Language"),
    )
    code = blocks.TextBlock(label=_("Code"))

    class Meta:
        icon = "code"
        label = _("Code")
        template = "wagtail_helpcenter/blocks/code.html"


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Caption"))

    class Meta:
        icon = "image"
        label = _("Image")
        template = "wagtail_helpcenter/blocks/figure.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video URL"), help_text=_("A YouTube, Vimeo or other oEmbed URL."))
    title = blocks.CharBlock(
        max_length=200,
        label=_("Title"),
        help_text=_("Names the video for screen readers and in the fallback link."),
    )
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Caption"))

    class Meta:
        icon = "media"
        label = _("Video")
        template = "wagtail_helpcenter/blocks/video.html"


class CaptionedTableBlock(blocks.StructBlock):
    table = TableBlock(
        label=_("Table"),
        table_options={"contextMenu": True, "startRows": 3, "startCols": 3},
    )
    caption = blocks.CharBlock(
        required=False,
        max_length=250,
        label=_("Caption"),
        help_text=_("Describes the table for screen readers and sighted readers alike."),
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        table = value.get("table") or {}
        rows = table.get("data") or []
        has_header = bool(table.get("first_row_is_table_header")) and bool(rows)
        context.update(
            header_row=rows[0] if has_header else None,
            rows=rows[1:] if has_header else rows,
            first_col_is_header=bool(table.get("first_col_is_header")),
        )
        return context

    class Meta:
        icon = "table"
        label = _("Table")
        template = "wagtail_helpcenter/blocks/table.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=BODY_FEATURES,
        label=_("Text"),
        template="wagtail_helpcenter/blocks/paragraph.html",
    )
    heading = HeadingBlock()
    callout = CalloutBlock()
    steps = blocks.ListBlock(
        StepBlock(),
        min_num=1,
        icon="list-ol",
        label=_("Numbered steps"),
        template="wagtail_helpcenter/blocks/steps.html",
    )
    code = CodeBlock()
    image = FigureBlock()
    video = VideoBlock()
    table = CaptionedTableBlock()


def table_of_contents(body):
    """The headings of a body as ``[{"anchor", "text", "level"}]``, in order."""
    return [
        {
            "anchor": block.value.anchor_id,
            "text": block.value["text"],
            "level": block.value["level"],
        }
        for block in body
        if block.block_type == "heading"
    ]


def duplicate_anchors(body):
    """Anchors used by more than one heading: such links would land on the first only."""
    seen, duplicates = set(), []
    for entry in table_of_contents(body):
        if entry["anchor"] in seen and entry["anchor"] not in duplicates:
            duplicates.append(entry["anchor"])
        seen.add(entry["anchor"])
    return duplicates
