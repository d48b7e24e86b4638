"""Phrase lists matched on a sentence's words with hash lookups, compiled once per rule."""
from __future__ import annotations

from typing import Iterable, Iterator, Sequence

from .segment import WORD

_END = ""  # trie key marking that a phrase ends here (no word is empty)


def words_of(phrase: str) -> tuple[str, ...]:
    return tuple(w.lower().replace("’", "'") for w in WORD.findall(phrase))


class PhraseMatcher:
    """Finds phrases in a sentence's words, longest first, without overlaps.

    The phrases form a trie of words, and a sentence is searched only where one of their first
    words occurs, so the cost follows the hits, not the length of the list or of the sentence.
    """

    def __init__(self, phrases: Iterable[str]):
        trie: dict = {}
        for phrase in phrases:
            words = words_of(phrase)
            if words:
                node = trie
                for word in words:
                    node = node.setdefault(word, {})
                node[_END] = len(words)
        self._trie = trie
        self._firsts = frozenset(trie)

    def __bool__(self) -> bool:
        return bool(self._trie)

    def find(self, norms: Sequence[str], words: frozenset[str]) -> Iterator[tuple[int, int]]:
        """Yield (first, last + 1) indexes of each match in a sentence's words (Sentence.norms);
        words is their set (Sentence.words)."""
        firsts = self._firsts.intersection(words)
        if not firsts:
            return
        at = []
        for first in firsts:
            i = norms.index(first)
            while True:
                at.append(i)
                try:
                    i = norms.index(first, i + 1)
                except ValueError:
                    break
        if len(firsts) > 1:
            at.sort()
        trie, n = self._trie, len(norms)
        skip_to = 0
        for i in at:
            if i < skip_to:
                continue
            node, k, longest = trie, i, 0
            while k < n:
                node = node.get(norms[k])
                if node is None:
                    break
                k += 1
                longest = node.get(_END, longest)
            if longest:
                yield i, i + longest
                skip_to = i + longest
