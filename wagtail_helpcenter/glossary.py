"""The glossary of a help center: its terms marked as definitions where an article
first uses them, its A-Z page (``views/glossary.py``), its schema.org data and the
terms a search finds.

Marking works on the rendered HTML of one rich text at a time (the
``helpcenter_richtext`` tag, for paragraphs, callouts, steps and FAQ answers), through
``html.parser``: only text between tags is read, never an attribute, and never the
text inside a link, a heading, code or a script. A term's words come out escaped, and
its definition is plain text escaped by the template, so nothing an editor types in a
term can become markup.
"""

import re
import unicodedata
from functools import lru_cache
from html import escape
from html.parser import HTMLParser

from django.db import transaction
from django.template.loader import get_template
from django.utils.translation import gettext as _
from wagtail.models import Locale

from .caching.pages import page_cache
from .conf import get_config
from .models import GlossaryTerm

TERM_TEMPLATE = "wagtail_helpcenter/includes/glossary_term.html"
ROUTE_NAME = "glossary"
MAX_SEARCH_MATCHES = 3
MIN_PREFIX_LENGTH = 3  # "inv" finds "invoice"; "in" finds nothing
_REQUEST_ATTRIBUTE = "_wagtail_helpcenter_glossary"
# Elements whose text is never marked: a link inside a link, a definition inside a
# heading or a code sample would change what they are.
SKIPPED_ELEMENTS = frozenset(
    {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "samp", "script",
     "style", "textarea", "button", "select", "option", "label", "dfn", "abbr", "svg",
     "math", "title", "iframe", "object", "template"}
)  # fmt: skip
# Scripts written without spaces between words (Thai, Lao, Myanmar, Khmer, kana, Han):
# a term in them is found anywhere in the text, and their letters next to a term in a
# spaced script ("请使用SSO登录") end its word as a space would.
_UNSPACED_LETTERS = (
    r"\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff\u3005\u3040-\u30ff"
    r"\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
    r"\U00020000-\U0003ffff"
)
_WITHOUT_SPACES = re.compile(f"[{_UNSPACED_LETTERS}]")
# A letter or digit of a spaced script: what a term's word may not touch.
_SPACED_WORD_CHAR = f"[^\\W{_UNSPACED_LETTERS}]"


def term_forms(term):
    """The term and its other forms (plural, abbreviation), each once."""
    return term.forms


def _same_help_center(help_center):
    # A translated term keeps its source's help center: any translation counts.
    return {"help_center__translation_key": help_center.translation_key}


def _cache_key(translation_key, locale_id):
    return f"wagtail_helpcenter:glossary:{translation_key}:{locale_id}"


def terms_for(help_center, locale, request=None):
    """The terms of ``help_center`` in ``locale`` (a Locale or its id), by term: kept
    in the page cache's CACHES alias for GLOSSARY_CACHE_SECONDS (every article reads
    them), else one query; once per ``request`` when given."""
    key = (help_center.translation_key, getattr(locale, "pk", locale))
    memo = getattr(request, _REQUEST_ATTRIBUTE, None) if request is not None else None
    if memo is not None and key in memo:
        return memo[key]
    seconds = get_config()["GLOSSARY_CACHE_SECONDS"]
    terms = page_cache().get(_cache_key(*key)) if seconds else None
    if terms is None:
        terms = sorted(
            GlossaryTerm.objects.filter(**_same_help_center(help_center), locale_id=key[1]).only(
                "id", "term", "other_forms", "definition", "slug", "help_center_id", "locale_id"
            ),
            key=lambda term: term.term.casefold(),  # any case, as readers look terms up
        )
        if seconds:
            page_cache().set(_cache_key(*key), terms, seconds)
    if request is not None:
        if memo is None:
            memo = {}
            setattr(request, _REQUEST_ATTRIBUTE, memo)
        memo[key] = terms
    return terms


def forget_terms(help_center):
    """A term of ``help_center`` changed: its terms are read anew in every language (now,
    and once the change is committed, in case a page read the old ones meanwhile)."""
    keys = [
        _cache_key(help_center.translation_key, locale_id)
        for locale_id in Locale.objects.values_list("pk", flat=True)
    ]
    page_cache().delete_many(keys)
    transaction.on_commit(lambda: page_cache().delete_many(keys))


def has_terms(help_center, request=None):
    return bool(terms_for(help_center, help_center.locale_id, request))


def _form_pattern(form):
    words = r"\s+".join(re.escape(word) for word in form.split())
    if _WITHOUT_SPACES.search(form):
        return words
    return rf"(?<!{_SPACED_WORD_CHAR}){words}(?!{_SPACED_WORD_CHAR})"


@lru_cache(maxsize=128)
def _compiled(forms):
    """One regex for a glossary's forms (a sorted tuple), longest first so that
    "single sign-on" wins over "sign-on"; built once per set of forms."""
    ordered = sorted(forms, key=lambda form: (-len(form), form))
    return re.compile("|".join(_form_pattern(form) for form in ordered), re.IGNORECASE)


def _normalised(text):
    return " ".join(text.split()).casefold()


class Glossary:
    """The terms of one help center and language, ready to be found in text.

    Found in any case, as Unicode's case folding compares words: "Straße" is found as
    "Straße", "STRASSE" and "strasse". The regex reads the text as written (so the
    positions found are the text's own), with each form as written and casefolded:
    ``re.IGNORECASE`` alone maps one character to one, never "ß" to "ss"."""

    def __init__(self, terms):
        self.terms = list(terms)
        self.by_form, written = {}, set()
        for term in self.terms:
            for form in term_forms(term):
                self.by_form.setdefault(_normalised(form), term)
                written.add(" ".join(form.split()))
        forms = tuple(sorted(written | set(self.by_form)))
        self.pattern = _compiled(forms) if forms else None

    def find(self, text):
        """``(start, end, term)`` of each term in ``text``, in order."""
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text):
            term = self.by_form.get(_normalised(match.group()))
            if term is not None:
                yield match.start(), match.end(), term


class _Marker(HTMLParser):
    """HTML copied through as it came, the text outside skipped elements with each
    term's first use marked."""

    def __init__(self, glossary, render_term, used):
        super().__init__(convert_charrefs=True)
        self.glossary, self.render_term, self.used = glossary, render_term, used
        self.out, self.skipping = [], {}

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_ELEMENTS:
            self.skipping[tag] = self.skipping.get(tag, 0) + 1
        self.out.append(self.get_starttag_text())

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if self.skipping.get(tag):
            self.skipping[tag] -= 1
        self.out.append(f"</{tag}>")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.out.append(f"<![{data}]>")

    def handle_data(self, data):
        if self.cdata_elem:  # a script's or style's text, as it came
            self.out.append(data)
        elif any(self.skipping.values()):
            self.out.append(escape(data, quote=False))
        else:
            self.out.append(self.marked(data))

    def marked(self, text):
        parts, position = [], 0
        for start, end, term in self.glossary.find(text):
            if term.pk in self.used:
                continue
            self.used[term.pk] = term
            parts.append(escape(text[position:start], quote=False))
            parts.append(self.render_term(term, text[start:end]))
            position = end
        parts.append(escape(text[position:], quote=False))
        return "".join(parts)


def mark_terms(html, terms, *, glossary_url="", used=None):
    """``html`` with the first use of each of ``terms`` (or a ``Glossary``) marked as
    its definition, linking to ``glossary_url#slug``. ``used`` (a dict) carries the
    terms already marked across calls, for one page: it gets each term marked."""
    glossary = terms if isinstance(terms, Glossary) else Glossary(terms)
    if glossary.pattern is None or not html:
        return html
    template = get_template(TERM_TEMPLATE)

    def render_term(term, text):
        context = {"term": term, "text": text, "url": f"{glossary_url}#{term.slug}"}
        return template.render(context).strip()

    parser = _Marker(glossary, render_term, {} if used is None else used)
    parser.feed(str(html))
    parser.close()
    if parser.rawdata:  # an unfinished tag at the end: kept as it came
        parser.out.append(parser.rawdata)
    return "".join(parser.out)


def glossary_url(request, help_center):
    url = help_center.get_url(request)
    return url + help_center.reverse_subpage(ROUTE_NAME).lstrip("/") if url else ""


def glossary_full_url(request, help_center):
    """The glossary page's URL with the site's own host, as the pages' other data has it."""
    url = help_center.get_full_url(request)
    return url + help_center.reverse_subpage(ROUTE_NAME).lstrip("/") if url else ""


def glossary_url_if_any(request, help_center):
    """The help center's glossary page when it has terms in its language, else ""."""
    return glossary_url(request, help_center) if has_terms(help_center, request) else ""


class PageMarker:
    """What one page's rich texts are marked with: each term once in the whole page,
    in the order the page renders them."""

    def __init__(self, glossary, url):
        self.glossary, self.url, self.used = glossary, url, {}

    def mark(self, html):
        return mark_terms(html, self.glossary, glossary_url=self.url, used=self.used)

    @property
    def used_terms(self):
        return list(self.used.values())


def page_marker(request, page, help_center):
    """The marker for ``page`` (an article or FAQ page) of ``help_center`` (the page's
    own tree), or None when the page does not mark terms or there are none."""
    if help_center is None or not getattr(page, "mark_glossary_terms", True):
        return None
    terms = terms_for(help_center, page.locale_id, request)
    if not terms:
        return None
    return PageMarker(Glossary(terms), glossary_url(request, help_center))


def first_letter(text):
    """The letter a term is listed under: Latin letters without their accents ("É"
    under "E"), other scripts by their first character, digits and signs under "#"."""
    char = (text or "#").strip()[:1] or "#"
    base = unicodedata.normalize("NFD", char)[0]
    if not base.isalpha():
        return "#"
    return (base if base.isascii() else char).upper()


def grouped_by_letter(terms):
    """``[(letter, [terms])]``, "#" first, then letters in order, terms by their words."""
    groups = {}
    for term in sorted(terms, key=lambda term: term.term.casefold()):
        groups.setdefault(first_letter(term.term), []).append(term)
    return sorted(groups.items(), key=lambda item: (item[0] != "#", item[0]))


def defined_term(term, url, set_url=None):
    data = {
        "@type": "DefinedTerm",
        "name": term.term,
        "description": term.definition,
        "url": f"{url}#{term.slug}",
    }
    if set_url:
        data["inDefinedTermSet"] = set_url
    return data


def defined_term_set(help_center, terms, url, language):
    """schema.org DefinedTermSet of ``terms``; ``url`` is the glossary page's full URL."""
    return {
        "@context": "https://schema.org",
        "@type": "DefinedTermSet",
        "@id": url,
        "name": _("Glossary · %(help_center)s") % {"help_center": help_center.title},
        "url": url,
        "inLanguage": language,
        "hasDefinedTerm": [defined_term(term, url) for term in terms],
    }


def matching_terms(request, help_center, query):
    """The terms a search for ``query`` is about: a term (or form) in the query, or
    one starting with it; the help center's terms in its own language only."""
    query = " ".join((query or "").split())
    if not query:
        return []
    terms = terms_for(help_center, help_center.locale_id, request)
    glossary = Glossary(terms)
    found = {term.pk: term for _start, _end, term in glossary.find(query)}
    if len(query) >= MIN_PREFIX_LENGTH:
        wanted = query.casefold()
        for form, term in glossary.by_form.items():
            if form.startswith(wanted):
                found.setdefault(term.pk, term)
    return list(found.values())[:MAX_SEARCH_MATCHES]
