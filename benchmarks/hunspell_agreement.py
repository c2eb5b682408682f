"""How often ``wagtail_helpcenter.hunspell`` gives Hunspell's answer: the most frequent
words of pyspellchecker's list for a language, looked up in Debian's dictionary by our
reader and by spylls (a complete Python port of Hunspell, ``pip install spylls``).

    python -m benchmarks.hunspell_agreement lv nl en

Words are compared in lower case, as the spelling check looks them up: a name the
dictionary writes with a capital ("eiropas") is known to us and not to Hunspell, so it
is counted apart.
"""

import argparse

from spellchecker import SpellChecker

from tools.dictionaries import fetch
from wagtail_helpcenter.hunspell import Dictionary, find


def agreement(language, size):
    try:
        from spylls.hunspell import Dictionary as Hunspell
    except ImportError:
        raise SystemExit("pip install spylls: it is the reference this compares with") from None
    path = find(language, [fetch()])
    ours, reference = Dictionary.read(path), Hunspell.from_files(str(path.with_suffix("")))
    frequencies = SpellChecker(language=language).word_frequency.dictionary
    words = sorted(frequencies, key=frequencies.get, reverse=True)[:size]
    same, names, only_ours, only_hunspell = 0, 0, [], []
    for word in words:
        known, hunspell_knows = word in ours, reference.lookup(word)
        if known == hunspell_knows:
            same += 1
        elif known and reference.lookup(word[:1].upper() + word[1:]):
            names += 1
        else:
            (only_ours if known else only_hunspell).append(word)
    return len(words), same, names, only_ours, only_hunspell


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("languages", nargs="+")
    parser.add_argument("--words", type=int, default=24000)
    args = parser.parse_args(argv)
    columns = ["language", "words", "same answer", "names in lower case", "only we know",
               "only Hunspell knows"]  # fmt: skip
    print("| " + " | ".join(columns) + " |")
    print("|---|---|---|---|---|---|")
    for language in args.languages:
        total, same, names, only_ours, only_hunspell = agreement(language, args.words)
        print(
            f"| {language} | {total} | {same} | {names} "
            f"| {len(only_ours)} {', '.join(only_ours[:5])} "
            f"| {len(only_hunspell)} {', '.join(only_hunspell[:5])} |"
        )


if __name__ == "__main__":
    main()
