"""The words of a Hunspell dictionary: the ``.dic`` and ``.aff`` files that Debian's
``hunspell-*`` and ``myspell-*`` packages install in ``/usr/share/hunspell``, looked up
with their affixes.

Enough of Hunspell for advice on spelling: prefixes and suffixes with their conditions,
two suffixes in a row (continuation classes), a prefix with a suffix (by the cross
product, or allowed by the suffix's continuation, with CIRCUMFIX), flag aliases, input
conversion, and the flags that keep a form from standing alone (NEEDAFFIX,
ONLYINCOMPOUND, FORBIDDENWORD). Compounding rules and suggestions are left out: the
spelling check finds compounds and suggestions its own way.
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

NO_FLAGS = frozenset()
_CODECS = {"microsoft-cp1251": "cp1251", "tis620-2533": "tis-620"}


@dataclass(frozen=True)
class Affix:
    flag: str
    strip: str
    add: str
    condition: re.Pattern | None  # on the stem, at its end (suffix) or start (prefix)
    cross_product: bool
    continuation: frozenset


class DictionaryError(ValueError):
    pass


BOM = b"\xef\xbb\xbf"
# For a language without a dictionary of its own name, the one of this region first.
DEFAULT_REGIONS = {"en": "US", "pt": "PT", "de": "DE"}


def _encoding(aff_bytes):
    match = re.search(rb"^SET\s+(\S+)", aff_bytes, re.MULTILINE)
    name = match.group(1).decode("ascii", "replace").lower() if match else "iso8859-1"
    return _CODECS.get(name, name)


def _condition(pattern, suffix):
    if pattern in ("", "."):
        return None
    # Hunspell's conditions are characters, "." and [classes] or [^classes] of characters
    # taken literally ("-" is no range there).
    regex = ""
    for part in re.findall(r"\[\^?[^\]]*\]|.", pattern):
        if part == ".":
            regex += "."
        elif part.startswith("["):
            negated = part.startswith("[^")
            characters = part[2 if negated else 1 : -1]
            if not characters:
                raise DictionaryError(f"bad affix condition {pattern!r}: an empty class")
            regex += f"[{'^' if negated else ''}{''.join(map(re.escape, characters))}]"
        else:
            regex += re.escape(part)
    try:
        return re.compile(f"(?:{regex})$" if suffix else f"^(?:{regex})")
    except re.error as error:
        raise DictionaryError(f"bad affix condition {pattern!r}: {error}") from None


class Dictionary:
    """``word in dictionary``: a stem of the ``.dic`` file that may stand alone, or a
    stem with affixes of the ``.aff`` file that its flags allow."""

    def __init__(self):
        self.stems = {}
        self.prefixes = defaultdict(list)  # by what they add
        self.suffixes = defaultdict(list)
        self.flag_type = "char"
        self.aliases = []
        self.conversions = []
        self._conversion = _conversion(())
        self.need_affix = set()  # NEEDAFFIX, PSEUDOROOT
        self.only_in_compound = set()
        self.forbidden = set()
        self.circumfix = set()
        self.longest_addition = 0

    @classmethod
    def read(cls, dic_path):
        """The dictionary of ``dic_path`` and the ``.aff`` file beside it."""
        dic_path = Path(dic_path)
        aff_bytes = dic_path.with_suffix(".aff").read_bytes().removeprefix(BOM)
        encoding = _encoding(aff_bytes)
        dictionary = cls()
        dictionary._read_aff(aff_bytes.decode(encoding, "replace"))
        dic_bytes = dic_path.read_bytes().removeprefix(BOM)
        dictionary._read_dic(dic_bytes.decode(encoding, "replace"))
        dictionary._conversion = _conversion(dictionary.conversions)
        return dictionary

    def _flags(self, text):
        """The flags of a .dic entry or an affix's continuation: written out, or the
        number of an AF alias."""
        if self.aliases and text.isascii() and text.isdigit():
            index = int(text) - 1
            return self.aliases[index] if 0 <= index < len(self.aliases) else NO_FLAGS
        return self._flag_set(text)

    def _flag_set(self, text):
        if not text:
            return NO_FLAGS
        if self.flag_type == "long":
            return frozenset(text[i : i + 2] for i in range(0, len(text), 2))
        if self.flag_type == "num":
            return frozenset(part for part in text.split(",") if part)
        return frozenset(text)

    def _read_aff(self, text):
        lines = [line.split() for line in text.splitlines()]
        headers = {}
        alias_count_read = False
        for fields in lines:
            if not fields or fields[0].startswith("#"):
                continue
            keyword = fields[0]
            if keyword == "FLAG" and len(fields) > 1:
                self.flag_type = {"long": "long", "num": "num"}.get(fields[1].lower(), "char")
            elif keyword == "AF" and len(fields) > 1:
                if alias_count_read:
                    self.aliases.append(self._flag_set(fields[1]))
                alias_count_read = True
            elif keyword in ("NEEDAFFIX", "PSEUDOROOT") and len(fields) > 1:
                self.need_affix |= self._flag_set(fields[1])
            elif keyword == "ONLYINCOMPOUND" and len(fields) > 1:
                self.only_in_compound |= self._flag_set(fields[1])
            elif keyword == "FORBIDDENWORD" and len(fields) > 1:
                self.forbidden |= self._flag_set(fields[1])
            elif keyword == "CIRCUMFIX" and len(fields) > 1:
                self.circumfix |= self._flag_set(fields[1])
            elif keyword == "ICONV" and len(fields) > 2:
                self.conversions.append((fields[1], fields[2]))
            elif keyword in ("PFX", "SFX") and len(fields) >= 4:
                flag = fields[1]
                if (keyword, flag) not in headers and fields[3].isdigit():
                    headers[(keyword, flag)] = fields[2] == "Y"
                    continue
                self._add_affix(keyword, fields, headers.get((keyword, flag), False))

    def _add_affix(self, keyword, fields, cross_product):
        suffix = keyword == "SFX"
        strip = "" if fields[2] == "0" else fields[2]
        add, _slash, continuation = fields[3].partition("/")
        add = "" if add == "0" else add
        condition = _condition(fields[4] if len(fields) > 4 else ".", suffix)
        affix = Affix(fields[1], strip, add, condition, cross_product, self._flags(continuation))
        (self.suffixes if suffix else self.prefixes)[add].append(affix)
        self.longest_addition = max(self.longest_addition, len(add))

    def _read_dic(self, text):
        lines = text.splitlines()
        start = 1 if lines and lines[0].strip().isdigit() else 0
        for line in lines[start:]:
            entry = line.split(maxsplit=1)[0] if line.strip() else ""
            if not entry or entry.startswith("#"):
                continue
            word, flags = _split_entry(entry)
            if word:
                flags = self._flags(flags)
                known = self.stems.get(word)
                self.stems[word] = flags if known is None else known | flags

    def __contains__(self, word):
        word = self._conversion(word)
        forms = {word, word[:1].upper() + word[1:]}
        return any(self._known(form) for form in forms)

    def _stem_has(self, stem, flag):
        flags = self.stems.get(stem)
        return flags is not None and flag in flags and not flags & self.forbidden

    def _final(self, affix, with_prefix=False):
        """Whether a form made by ``affix`` may stand as a word: not when its
        continuation says it only goes into compounds, or needs another affix (which a
        prefix may be), or is half of a circumfix."""
        continuation = affix.continuation
        if continuation & self.only_in_compound:
            return False
        return with_prefix or not continuation & (self.need_affix | self.circumfix)

    def _known(self, word):
        flags = self.stems.get(word)
        if flags is not None and flags & self.forbidden:
            return False  # a forbidden word, also where affixes would make it
        if flags is not None and not flags & (self.need_affix | self.only_in_compound):
            return True
        return self._with_suffixes(word) or self._with_prefix(word)

    def _suffix_stems(self, word, flag=None):
        """``(stem, affix)`` for each suffix that ``word`` may end in, its stem being
        what the suffix was added to; only suffixes that allow ``flag`` after them."""
        for length in range(min(len(word), self.longest_addition) + 1):
            ending = word[len(word) - length :] if length else ""
            for affix in self.suffixes.get(ending, ()):
                if flag is not None and flag not in affix.continuation:
                    continue
                stem = word[: len(word) - length] + affix.strip
                if stem and (affix.condition is None or affix.condition.search(stem)):
                    yield stem, affix

    def _with_suffixes(self, word):
        for stem, outer in self._suffix_stems(word):
            if not self._final(outer):
                continue
            if self._stem_has(stem, outer.flag):
                return True
            # Two suffixes: the outer one was added to a word the inner one made.
            for inner_stem, inner in self._suffix_stems(stem, flag=outer.flag):
                if self._stem_has(inner_stem, inner.flag) and not inner.continuation & (
                    self.only_in_compound | self.circumfix
                ):
                    return True
        return False

    def _prefix_fits(self, prefix, suffix, stem):
        """A prefix goes with a suffix when both cross and the stem takes both, or when
        the suffix's continuation allows the prefix (Latvian jā-...-a); a circumfix's
        halves come together."""
        if bool(prefix.continuation & self.circumfix) != bool(suffix.continuation & self.circumfix):
            return False
        if prefix.flag in suffix.continuation:
            return True
        return prefix.cross_product and suffix.cross_product and self._stem_has(stem, prefix.flag)

    def _with_prefix(self, word):
        for length in range(1, min(len(word), self.longest_addition) + 1):
            for prefix in self.prefixes.get(word[:length], ()):
                rest = prefix.strip + word[length:]
                if not rest or (prefix.condition and not prefix.condition.search(rest)):
                    continue
                if self._final(prefix) and self._stem_has(rest, prefix.flag):
                    return True
                for stem, suffix in self._suffix_stems(rest):
                    if not self._final(suffix, with_prefix=True):
                        continue
                    if self._stem_has(stem, suffix.flag) and self._prefix_fits(
                        prefix, suffix, stem
                    ):
                        return True
                    # And two suffixes (ne-pārprot-am-i): the prefix goes with either.
                    for inner_stem, inner in self._suffix_stems(stem, flag=suffix.flag):
                        if self._stem_has(inner_stem, inner.flag) and (
                            self._prefix_fits(prefix, inner, inner_stem)
                            or self._prefix_fits(prefix, suffix, inner_stem)
                        ):
                            return True
        return False


def _conversion(pairs):
    """ICONV in one pass over the word, the longest match first, as Hunspell does."""
    if not pairs:
        return lambda word: word
    table = dict(pairs)
    pattern = re.compile("|".join(map(re.escape, sorted(table, key=len, reverse=True))))
    return lambda word: pattern.sub(lambda match: table[match.group(0)], word)


def _split_entry(entry):
    """("word", "flags") of a .dic entry "word/flags", where "\\/" is a slash of the word."""
    position = 0
    while True:
        slash = entry.find("/", position)
        if slash == -1:
            return entry.replace("\\/", "/"), ""
        if slash > 0 and entry[slash - 1] == "\\":
            position = slash + 1
            continue
        return entry[:slash].replace("\\/", "/"), entry[slash + 1 :]


def find(language, directories):
    """The ``.dic`` file for ``language`` ("lv") in ``directories``: ``lv.dic``, then
    ``lv_LV.dic``, then any ``lv_*.dic``, the first with its ``.aff`` beside it."""
    for directory in directories:
        directory = Path(directory)
        if not directory.is_dir():
            continue
        region = DEFAULT_REGIONS.get(language, language.upper())
        names = [f"{language}.dic", f"{language}_{region}.dic"]
        names += sorted(path.name for path in directory.glob(f"{language}_*.dic"))
        for name in names:
            path = directory / name
            if path.is_file() and path.with_suffix(".aff").is_file():
                return path
    return None
