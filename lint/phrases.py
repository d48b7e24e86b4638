"""Phrase lists matched on word tokens with hash lookups, compiled once per rule."""
from __future__ import annotations

from typing import Iterable, Iterator, Sequence

from .segment import WORD, Token


def words_of(phrase: str) -> tuple[str, ...]:
    return tuple(w.lower().replace("’", "'") for w in WORD.findall(phrase))


class PhraseMatcher:
    """Finds phrases in a token sequence, longest first, without overlaps.

    Phrases are indexed by their first two words, so a token costs one or two dict lookups
    however long the list is.
    """

    def __init__(self, phrases: Iterable[str]):
        index: dict[str, dict[str, list[tuple[str, ...]]]] = {}
        for phrase in phrases:
            words = words_of(phrase)
            if words:
                second = words[1] if len(words) > 1 else ""
                index.setdefault(words[0], {}).setdefault(second, []).append(words)
        for by_second in index.values():
            for options in by_second.values():
                options.sort(key=len, reverse=True)
        self._index = index
        self._firsts = frozenset(index)

    def __bool__(self) -> bool:
        return bool(self._index)

    def find(self, tokens: Sequence[Token], words: frozenset[str] | None = None) -> Iterator[tuple[int, int]]:
        """Yield (first, last + 1) token indexes of each match; words, the tokens' norms, lets a
        sentence with none of the phrases' first words be skipped without a scan."""
        if words is not None and self._firsts.isdisjoint(words):
            return
        index, n = self._index, len(tokens)
        skip_to = 0
        for i, tok in enumerate(tokens):
            if i < skip_to:
                continue
            by_second = index.get(tok.norm)
            if by_second is None:
                continue
            hit = self._match_at(tokens, i, n, by_second)
            if hit:
                yield i, i + hit
                skip_to = i + hit

    @staticmethod
    def _match_at(tokens: Sequence[Token], i: int, n: int, by_second: dict) -> int:
        if i + 1 < n:
            for words in by_second.get(tokens[i + 1].norm, ()):
                k = len(words)
                if i + k <= n and all(tokens[i + j].norm == words[j] for j in range(2, k)):
                    return k
        return 1 if "" in by_second else 0
