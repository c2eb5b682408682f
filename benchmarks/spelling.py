"""False alarms and caught typos of the editor's spelling check, per language.

    python -m benchmarks.spelling --out benchmarks/results/spelling.md

False alarms: words the check flags in correctly spelt text, the demo's articles and
``benchmarks/spelling_samples.py``. Caught typos: every word of five letters or more in
the samples that the check accepts, made wrong three ways (a letter left out, two
swapped, one doubled); a typo that happens to be another real word counts as missed.
Both figures matter: accepting more word forms lowers the first and may lower the second.
Measured with the word lists alone and with Debian's Hunspell dictionaries
(``tools/dictionaries.py`` fetches them).
"""

import argparse
import os
import tempfile
from collections import defaultdict
from pathlib import Path

from benchmarks.spelling_samples import SAMPLES

MIN_TYPO_LETTERS = 5


def typos(word):
    middle = len(word) // 2
    return {
        word[:middle] + word[middle + 1 :],
        word[: middle - 1] + word[middle] + word[middle - 1] + word[middle + 1 :],
        word[:middle] + word[middle] + word[middle:],
    } - {word}


def demo_texts():
    """{language: [article texts]} of the demo help center, built in a scratch database."""
    from django.core.management import call_command
    from wagtail.models import Page

    from wagtail_helpcenter import writing
    from wagtail_helpcenter.demo.builder import build_demo
    from wagtail_helpcenter.models import ArticlePage

    call_command("migrate", verbosity=0)
    build_demo(Page.objects.get(depth=2))
    texts = defaultdict(list)
    for page in ArticlePage.objects.live().specific():
        texts[writing.page_language(page)].extend(writing.article_texts(page))
    return texts


def measure(language, texts):
    from wagtail_helpcenter import spelling

    alarms = [word for word, _ in spelling.misspelt_words(texts, language) or []]
    words = {
        word.lower()
        for text in texts
        for word in spelling.spellable_words(text, language)
        if len(word) >= MIN_TYPO_LETTERS and word.lower() not in alarms
    }
    made = caught = 0
    missed = []
    for word in sorted(words):
        for typo in sorted(typos(word)):
            made += 1
            if spelling.misspelt_words([typo], language):
                caught += 1
            else:
                missed.append(typo)
    return alarms, made, caught, missed


def report(title, demo):
    from wagtail_helpcenter import spelling

    lines = [
        f"## {title}",
        "",
        "| language | demo words | false alarms in the demo | sample words "
        "| false alarms in the samples | typos caught |",
        "|---|---|---|---|---|---|",
    ]
    details = []
    for language, samples in SAMPLES.items():
        demo_alarms = [word for word, _ in spelling.misspelt_words(demo[language], language) or []]
        alarms, made, caught, missed = measure(language, samples)
        demo_words = sum(len(spelling.words(text)) for text in demo[language])
        sample_words = sum(len(spelling.words(text)) for text in samples)
        lines.append(
            f"| {language} | {demo_words} | {len(demo_alarms)} | {sample_words} "
            f"| {len(alarms)} | {caught}/{made} ({100 * caught / made:.0f}%) |"
        )
        details += [
            f"- **{language}**: false alarms {', '.join(demo_alarms + alarms) or 'none'}; "
            f"typos missed: {', '.join(missed[:12]) or 'none'}"
            + (f" and {len(missed) - 12} more" if len(missed) > 12 else "")
        ]
    return lines + [""] + details + [""]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    scratch = Path(tempfile.mkdtemp())
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch}/spelling.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django
    from django.conf import settings

    django.setup()
    from django.test.utils import override_settings

    from tools.dictionaries import PACKAGES, fetch

    demo = demo_texts()
    lines = [
        "# Spelling check: false alarms and caught typos",
        "",
        "`python -m benchmarks.spelling`: pyspellchecker's word lists alone, then with",
        f"Debian's Hunspell dictionaries ({', '.join(PACKAGES)}). Chinese has neither.",
        "The Latvian demo's \"acme\" is the product's name: the editor's panel takes names",
        "from the help center's name, which this benchmark does not pass.",
        "",
    ]
    lines += report("pyspellchecker's word lists", demo)
    with override_settings(
        WAGTAIL_HELPCENTER={
            **settings.WAGTAIL_HELPCENTER, "SPELLING_DICTIONARY_DIRS": [str(fetch())]
        }
    ):  # fmt: skip
        lines += report("With Debian's Hunspell dictionaries", demo)
    text = "\n".join(lines)
    print(text)
    if args.out:
        args.out.write_text(text)


if __name__ == "__main__":
    main()
