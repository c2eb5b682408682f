"""Text as the database and XML can hold it.

PostgreSQL refuses a NUL in a text column, XML 1.0 (the RSS and Atom feeds) refuses
every C0 control character but tab and the line ends, and a lone UTF-16 surrogate
(from a broken JSON export) cannot be encoded at all. Text from editors and imports is
cleaned on its way in, so nothing stored can later break a page or a feed."""

import re

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
