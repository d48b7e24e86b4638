"""Phrase lists matched on word tokens with hash lookups, compiled once per rule."""
from __future__ import annotations

from typing import Iterable, Iterator, Sequence

from .segment import WORD, Token


def words_of(phrase: str) -> tuple[str, ...]:
    return tuple(w.lower().replace("’", "'") for w in WORD.findall(phrase))


class PhraseMatcher:
    """Finds phrases in a token sequence, longest first, without overlaps."""

    def __init__(self, phrases: Iterable[str]):
        index: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            words = words_of(phrase)
            if words:
                index.setdefault(words[0], []).append(words)
        for options in index.values():
            options.sort(key=len, reverse=True)
        self._index = index

    def __bool__(self) -> bool:
        return bool(self._index)

    def find(self, tokens: Sequence[Token]) -> Iterator[tuple[int, int]]:
        """Yield (first, last + 1) token indexes of each match."""
        i, n = 0, len(tokens)
        while i < n:
            options = self._index.get(tokens[i].norm)
            hit = 0
            if options:
                for words in options:
                    k = len(words)
                    if i + k <= n and all(tokens[i + j].norm == words[j] for j in range(1, k)):
                        hit = k
                        break
            if hit:
                yield i, i + hit
                i += hit
            else:
                i += 1
