"""Syllable counts as textstat 0.7.13 makes them: CMU dictionary first, pyphen for unknown words.

The CMU counts come from a compact table built by tools/build_syllables.py, so nothing is
downloaded and nltk is never imported. Words missing from it are hyphenated with pyphen's own
patterns by lint/hyphenation.py, which loads them faster than pyphen does. Both load on first use.
"""
from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from itertools import repeat
from pathlib import Path

from .hyphenation import break_points

TABLE_PATH = Path(__file__).parent / "data" / "syllables.txt"


@lru_cache(maxsize=1)
def _cmu_table() -> Mapping[str, int]:
    """Word -> syllables of its first CMU pronunciation.

    Each line of the file is a syllable count followed by every word having it, space-separated,
    so the words go into the dict by a C loop per line, not a Python loop per word.
    """
    table: dict[str, int] = {}
    text = TABLE_PATH.read_text(encoding="utf-8")
    for line in text.splitlines():
        count, _, words = line.partition(" ")
        table.update(zip(words.split(" "), repeat(int(count))))
    return table


class _Counted(dict):
    """Word -> syllables, for every word counted so far: a map() of its __getitem__ over a text's
    words stays in C for all but a word's first use, and this dict, a draft's vocabulary, is
    faster to probe than the 124,000-word CMU table."""

    def __missing__(self, word: str) -> int:
        count = _cmu_table().get(word)
        if count is None:
            # Words outside the CMU dictionary get one more syllable than pyphen has hyphenation points.
            count = len(break_points(word)) + 1
        if len(self) >= _MOST_WORDS:
            self.clear()  # a server session or an archive-wide batch: start over, never grow without end
        self[word] = count
        return count


_MOST_WORDS = 200_000  # about 20 MB; a year of news copy has fewer distinct words
counted = _Counted()


def count_syllables(word: str) -> int:
    """Syllables in one lowercased word, as textstat counts them for English."""
    return counted[word]
