"""Turn an article's HTML from another help center into our StreamField blocks.

Everything stored is either plain text or HTML cleaned by nh3 with the small allowlist
that Wagtail's rich text editor understands, so no script, event handler or
``javascript:`` link can survive. What was removed is reported, so an import can say
which record lost what.

Text comes out without control characters, also those that character references spell
(``&#1;``), and HTML nested deeper than anyone writes is refused rather than walked.
"""

import re
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlparse

import nh3
from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from ..cleaning import without_control_characters

RICH_TEXT_TAGS = {
    "p",
    "br",
    "b",
    "strong",
    "i",
    "em",
    "a",
    "ul",
    "ol",
    "li",
    "code",
    "sub",
    "sup",
    "s",
}
RICH_TEXT_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}

CONTAINER_TAGS = {
    "div",
    "section",
    "article",
    "span",
    "main",
    "header",
    "footer",
    "figure",
    "font",
    "center",
}
DANGEROUS_TAGS = {
    "script",
    "style",
    "object",
    "embed",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "link",
    "meta",
    "base",
    "svg",
    "math",
    "frame",
    "frameset",
    "applet",
}
VIDEO_HOSTS = (
    "youtube.com",
    "youtube-nocookie.com",
    "youtu.be",
    "vimeo.com",
    "player.vimeo.com",
    "wistia.com",
    "loom.com",
)
CODE_LANGUAGES = {
    "bash",
    "shell",
    "sh",
    "python",
    "javascript",
    "js",
    "json",
    "html",
    "css",
    "sql",
    "yaml",
    "yml",
}
LANGUAGE_ALIASES = {"shell": "bash", "sh": "bash", "js": "javascript", "yml": "yaml"}

_LANGUAGE_CLASS = re.compile(r"^(?:language|lang)-([\w+-]+)$")

# Deeper than any editor nests, well short of Python's recursion limit (the converter
# walks the tree recursively: 3,000 nested <div>s used to raise RecursionError).
MAX_NESTING = 100


class UnreadableHTML(ValueError):
    """HTML that is not converted; the message says why."""


def parse(html):
    """``html`` parsed, without control characters in its text and attribute values: the
    parser turns character references such as ``&#1;`` into them."""
    document = BeautifulSoup(html or "", "html.parser")
    for node in list(document.descendants):
        if isinstance(node, Tag):
            node.attrs = {name: _cleaned(value) for name, value in node.attrs.items()}
        elif isinstance(node, NavigableString):
            cleaned = without_control_characters(str(node))
            if cleaned != node:
                node.replace_with(type(node)(cleaned))
    return document


def _cleaned(value):
    if isinstance(value, list):  # class="a b"
        return [without_control_characters(item) for item in value]
    return without_control_characters(value)


def nesting_exceeds(document, limit):
    """True when tags in ``document`` nest more than ``limit`` deep (a loop, no recursion)."""
    stack = [(document, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in node.children if isinstance(child, Tag))
    return False


@dataclass
class ConvertedBody:
    blocks: list = field(default_factory=list)
    removed: list = field(default_factory=list)  # what unsafe content was dropped
    images: list = field(default_factory=list)  # (src, alt) of images to resolve

    def add(self, block_type, value):
        self.blocks.append({"type": block_type, "value": value, "id": str(uuid.uuid4())})


def clean_rich_text(html):
    return nh3.clean(
        html,
        tags=RICH_TEXT_TAGS,
        attributes=RICH_TEXT_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    ).strip()


def find_unsafe(document):
    """Names of the unsafe things in a parsed document, for the import report."""
    found = []
    for tag in document.find_all(True):
        if tag.name in DANGEROUS_TAGS:
            found.append(f"<{tag.name}>")
        if tag.name == "iframe" and not is_video_url(tag.get("src", "")):
            found.append("<iframe> that is not a known video player")
        for attribute, value in tag.attrs.items():
            if attribute.lower().startswith("on"):
                found.append(f"{attribute} attribute")
            elif attribute in ("href", "src", "action", "formaction") and _is_script_url(value):
                found.append(f"{attribute}={value.strip()[:30]!r}")
    return list(dict.fromkeys(found))


def _is_script_url(value):
    if not isinstance(value, str):
        return False
    squeezed = re.sub(r"[\s\x00-\x1f]+", "", value).lower()
    return squeezed.startswith(("javascript:", "vbscript:", "data:text/html"))


def is_video_url(url):
    try:
        parsed = urlparse(url.strip() if isinstance(url, str) else "")
        host = (parsed.hostname or "").lower()
    except ValueError:  # such as "https://[broken"
        return False
    return parsed.scheme in ("http", "https", "") and any(
        host == video_host or host.endswith("." + video_host) for video_host in VIDEO_HOSTS
    )


def _video_page_url(src):
    """A player URL (``/embed/ID``) as the watch URL oEmbed providers expect."""
    src = src.strip()
    if src.startswith("//"):
        src = "https:" + src
    match = re.search(r"youtube(?:-nocookie)?\.com/embed/([\w-]+)", src)
    if match:
        return f"https://www.youtube.com/watch?v={match.group(1)}"
    match = re.search(r"player\.vimeo\.com/video/(\d+)", src)
    if match:
        return f"https://vimeo.com/{match.group(1)}"
    return src


def _code_language(tag):
    for candidate in [tag, *tag.find_all("code")]:
        for css_class in candidate.get("class", []):
            match = _LANGUAGE_CLASS.match(css_class)
            if match and match.group(1).lower() in CODE_LANGUAGES:
                language = match.group(1).lower()
                return LANGUAGE_ALIASES.get(language, language)
    return "text"


def _table_value(table):
    rows, header = [], False
    for index, row in enumerate(table.find_all("tr")):
        cells = row.find_all(["th", "td"])
        if index == 0:
            header = bool(row.find_parent("thead")) or (
                bool(cells) and all(c.name == "th" for c in cells)
            )
        rows.append([" ".join(cell.get_text(" ", strip=True).split()) for cell in cells])
    width = max((len(row) for row in rows), default=0)
    rows = [row + [""] * (width - len(row)) for row in rows if row]
    caption = table.find("caption")
    return {
        "table": {"data": rows, "first_row_is_table_header": header, "first_col_is_header": False},
        "caption": caption.get_text(" ", strip=True)[:250] if caption else "",
    }


BLOCK_LEVEL = {"p", "ul", "ol"}


def _wrap_inline_runs(html):
    """Rich text must be a sequence of paragraphs and lists: wrap loose text in <p>."""
    fragment = BeautifulSoup(html, "html.parser")
    parts, run = [], []

    def close_run():
        text = "".join(run).strip()
        if text:
            parts.append(f"<p>{text}</p>")
        run.clear()

    for node in list(fragment.children):
        if isinstance(node, Tag) and node.name in BLOCK_LEVEL:
            close_run()
            parts.append(node.decode(formatter="minimal"))
        elif isinstance(node, Tag) and node.name == "li":
            close_run()
            parts.append(f"<ul>{node.decode(formatter='minimal')}</ul>")
        elif isinstance(node, Tag):
            run.append(node.decode(formatter="minimal"))
        elif not isinstance(node, Comment):
            run.append(node.output_ready(formatter="minimal"))
    close_run()
    return "".join(parts)


class _Converter:
    def __init__(self):
        self.result = ConvertedBody()
        self.text_buffer = []

    def flush_text(self):
        # nh3 runs last, so whatever the wrapping does, the sanitiser has the final word.
        html = clean_rich_text(_wrap_inline_runs("".join(self.text_buffer)))
        self.text_buffer = []
        if re.sub(r"<[^>]+>|&nbsp;|\s", "", html):
            self.result.add("paragraph", html)

    def visit_children(self, node):
        for child in list(node.children):
            self.visit(child)

    def visit(self, node):
        if isinstance(node, Comment):
            return
        if isinstance(node, NavigableString):
            self.text_buffer.append(node.output_ready(formatter="minimal"))
            return
        if not isinstance(node, Tag) or node.name in DANGEROUS_TAGS:
            return
        name = node.name
        if name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            text = " ".join(node.get_text(" ", strip=True).split())
            if text:
                self.flush_text()
                level = "h2" if name in ("h1", "h2") else "h3"
                self.result.add("heading", {"text": text[:200], "level": level, "anchor": ""})
        elif name == "pre":
            self.flush_text()
            self.result.add("code", {"language": _code_language(node), "code": node.get_text()})
        elif name == "table":
            self.flush_text()
            value = _table_value(node)
            if value["table"]["data"]:
                self.result.add("table", value)
        elif name == "img":
            self.flush_text()
            src = (node.get("src") or "").strip()
            if src and not _is_script_url(src):
                self.result.images.append((src, (node.get("alt") or "").strip()))
                self.result.add("image", {"src": src, "alt": (node.get("alt") or "").strip()})
        elif name == "iframe":
            src = node.get("src", "")
            if is_video_url(src):
                self.flush_text()
                title = (node.get("title") or "").strip() or "Video"
                self.result.add(
                    "video", {"video": _video_page_url(src), "title": title[:200], "caption": ""}
                )
        elif name in CONTAINER_TAGS or name == "blockquote":
            self.visit_children(node)
        elif node.find(["img", "table", "pre", "iframe", "h1", "h2", "h3", "h4", "h5", "h6"]):
            # A paragraph that holds a block: keep the text around the block, in order.
            self.visit_children(node)
        else:
            self.text_buffer.append(node.decode(formatter="minimal"))

    def convert(self, document):
        self.visit_children(document)
        self.flush_text()
        return self.result


def html_to_blocks(html):
    """Convert an article body. Image blocks come back as ``{"src", "alt"}`` placeholders
    that the importer replaces with a Wagtail image (or a link) once it found the file."""
    document = parse(html)
    if nesting_exceeds(document, MAX_NESTING):
        raise UnreadableHTML(f"its HTML nests tags more than {MAX_NESTING} deep")
    removed = find_unsafe(document)
    result = _Converter().convert(document)
    result.removed = removed
    return result


# Where one block of text ends: a line break in the text, where inline tags add nothing.
BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|div|tr|td|th|blockquote|pre)>|<br\s*/?>", re.IGNORECASE)


def text_lines(html):
    """The text of ``html``, one line per block (paragraph, list item, ...)."""
    text = parse(BLOCK_END.sub("\n", html or "")).get_text()
    lines = (" ".join(line.split()) for line in text.splitlines())
    return [line for line in lines if line]


def plain_text(html, limit=None):
    text = " ".join(text_lines(html))
    if limit and len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text
