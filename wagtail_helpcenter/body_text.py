"""The text a visitor reads in an article body, for snippets, passages and the API."""

import re
from html import unescape

from wagtail import blocks
from wagtail.images.blocks import ImageBlock


def readable_text(block, value):
    """The text a visitor reads in a block, as Wagtail indexes it, without choice labels
    such as a heading's level or a callout's kind."""
    if isinstance(block, blocks.ChoiceBlock | ImageBlock) or value is None:
        # An image's value is the image itself, not its fields: its caption (a sibling
        # field of the figure) is the text a visitor reads.
        return []
    if isinstance(block, blocks.RichTextBlock):
        # Its stored HTML: the snippet strips the tags (faster than Wagtail's indexing text).
        return [value.source] if value else []
    if isinstance(block, blocks.StructBlock):
        return [
            text
            for name, child in block.child_blocks.items()
            for text in readable_text(child, value.get(name))
        ]
    if isinstance(block, blocks.ListBlock):
        return [text for item in value for text in readable_text(block.child_block, item)]
    return block.get_searchable_content(value)


_TAG = re.compile(r"<[^>]*>")


def text_of_html(html):
    """Text of trusted, already-sanitised HTML (rich text from the index): fast, for snippets."""
    return unescape(_TAG.sub(" ", html or ""))


def strings_in(data):
    """Every string inside nested StreamField raw data (dicts and lists)."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings_in(value)
    elif isinstance(data, list | tuple):
        for value in data:
            yield from strings_in(value)
