"""Text as the database and XML can hold it.

PostgreSQL refuses a NUL in a text column, XML 1.0 (the RSS and Atom feeds) refuses
every C0 control character but tab and the line ends, and a lone UTF-16 surrogate
(from a broken JSON export) cannot be encoded at all. Text from editors and imports is
cleaned on its way in, so nothing stored can later break a page or a feed."""

import re

import nh3

# C0 controls except tab, line feed and carriage return; DEL; lone surrogates.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def without_control_characters(text):
    """``text`` without control characters (dropped) and lone surrogates (replaced by
    U+FFFD, so a reader sees where something was lost). Anything not a string is
    returned as it is."""
    if not isinstance(text, str):
        return text
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))


# What Wagtail's rich text editor writes in the article body's rich text.
RICH_TEXT_TAGS = {"p", "br", "b", "i", "a", "ul", "ol", "li", "code", "sub", "sup", "s"}
RICH_TEXT_ATTRIBUTES = {"a": {"href", "linktype", "id"}}


def clean_rich_text(html):
    """Stored rich text (Wagtail's database format) with nothing but what its editor
    writes: well-formed, no script, no event handler, no ``javascript:`` link. A value
    written another way than through the editor (a script, a fixture) otherwise breaks
    the editor's converter or reaches a page as it is."""
    return nh3.clean(
        html or "",
        tags=RICH_TEXT_TAGS,
        attributes=RICH_TEXT_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )
