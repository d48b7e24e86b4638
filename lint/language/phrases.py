"""Phrase lists matched on a sentence's words with hash lookups, compiled once per rule."""
from __future__ import annotations

from typing import Iterable, Iterator, Sequence

from .document import WORD, Sentence, norms_of, sentences_with

_END = ""  # trie key marking that a phrase ends here (no word is empty)
# Words too common to screen sentences by: a phrase's screening word is its longest other word.
_COMMON = frozenset("the a an of to in on at by for with and or but is are was were be been being has have had "
                    "it its this that also often long now still widely generally commonly more most very not no "
                    "as".split())


def words_of(phrase: str) -> tuple[str, ...]:
    words = WORD.findall(phrase)
    return tuple(norms_of(words)) if words else ()


class PhraseMatcher:
    """Finds phrases in a sentence's words, longest first, without overlaps.

    The phrases form a trie of words, and a sentence is searched only where one of their first
    words occurs, so the cost follows the hits, not the length of the list or of the sentence.
    A sentence is skipped at once when it lacks every first word, or every phrase's longest word
    that is not a common one (rarer than its first: "is widely believed" needs "believed").
    """

    def __init__(self, phrases: Iterable[str]):
        trie: dict = {}
        longest: set[str] = set()
        for phrase in phrases:
            words = words_of(phrase)
            if words:
                node = trie
                for word in words:
                    node = node.setdefault(word, {})
                node[_END] = len(words)
                longest.add(max(words, key=lambda word: (word not in _COMMON, len(word))))
        self._trie = trie
        self._firsts = frozenset(trie)
        self.longest_words = frozenset(longest)

    def __bool__(self) -> bool:
        return bool(self._trie)

    def search(self, sentences: Sequence[Sentence]) -> Iterator[tuple[Sentence, list[tuple[int, int]]]]:
        """(sentence, find(sentence)) for each sentence with a match. Sentences lacking every
        first word are passed over by C loops, without a Python step each."""
        for sentence in sentences_with(sentences, self._firsts):
            found = self.find(sentence)
            if found:
                yield sentence, found

    def find(self, sentence: Sentence) -> list[tuple[int, int]]:
        """(first, last + 1) indexes of each match among the sentence's words (Sentence.norms).
        Most sentences hold none: they cost a set test or two."""
        words = sentence.norms
        if self._firsts.isdisjoint(words) or self.longest_words.isdisjoint(words):
            return []
        norms, trie = sentence.norms, self._trie
        n = len(norms)
        found: list[tuple[int, int]] = []
        skip_to = 0
        for i in sentence.positions(self._firsts):
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
                found.append((i, i + longest))
                skip_to = i + longest
        return found
