"""A segmented draft: its paragraphs, sentences and words, quoted spans and comments, and the
analyses computed from them (lint.language.analyses), each on first use."""
from __future__ import annotations

import bisect
import functools
import re
from array import array
from dataclasses import dataclass, field
from itertools import compress
from operator import attrgetter, not_
from typing import TYPE_CHECKING, Iterable, Iterator, NamedTuple, Sequence

from ..model import Lexicon
from ..text.prose import Comment
from ..text.source import LineIndex

if TYPE_CHECKING:  # pragma: no cover (the analyses read documents: imported for the type only)
    from .analyses import Analyses

# The blocks each rule scope reads (a rule pack's "scope").
SCOPE_KINDS = {
    "body": ("paragraph", "list_item", "blockquote"),
    "heading": ("heading",),
    "all": ("paragraph", "list_item", "blockquote", "heading"),
    "document": ("paragraph", "list_item", "blockquote", "heading", "metadata"),
}
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


class Words(NamedTuple):
    """The words of one block, shared by its sentences: where each starts, counted from the
    block's start (two bytes a word in a block under 64 K characters), and where each ends, or
    None where each word ends where its norm does (lower-casing kept every length)."""

    base: int  # the block's start in the view
    starts: array
    ends: array | None


class Sentence:
    """A sentence and its word tokens, kept as parallel sequences rather than an object per word:
    a 50 MB draft has eight million words. norms is a tuple of strings that the document's
    occurrences of a word share; the offsets are the block's Words, from its word _first on. With
    its share of them a Sentence takes about 22 bytes a word (on the 1.2 MB corpus)."""

    __slots__ = ("start", "end", "paragraph", "norms", "_words", "_first")

    def __init__(self, start: int, end: int, paragraph: int, norms: tuple[str, ...], words: Words, first: int):
        self.start, self.end, self.paragraph = start, end, paragraph
        self.norms = norms  # each word lower-cased, curly apostrophe made straight
        self._words, self._first = words, first

    def start_of(self, k: int) -> int:
        """The offset where word k starts in the view."""
        words = self._words
        return words.base + words.starts[self._first + k]

    def end_of(self, k: int) -> int:
        """The offset where word k ends in the view."""
        words = self._words
        if words.ends is None:
            return words.base + words.starts[self._first + k] + len(self.norms[k])
        return words.base + words.ends[self._first + k]

    def between(self, view: str, k: int) -> str:
        """The characters of the view between word k and word k + 1 (the hot path of the
        attribution analysis: start_of and end_of inlined)."""
        words, i = self._words, self._first + k
        ends, base = words.ends, words.base
        end = base + (words.starts[i] + len(self.norms[k]) if ends is None else ends[i])
        return view[end:base + words.starts[i + 1]]

    def word_at(self, offset: int) -> int:
        """The index of the first word that starts at or after offset in the view (len(norms) if none)."""
        words, first = self._words, self._first
        return bisect.bisect_left(words.starts, offset - words.base, first, first + len(self.norms)) - first

    def positions(self, wanted: frozenset[str]) -> list[int]:
        """Indexes of the words that are in wanted, in order; found by C searches, so a rule
        can visit only the words it cares about."""
        norms = self.norms
        if wanted.isdisjoint(norms):  # most sentences: no set is built
            return []
        out = []
        for word in wanted.intersection(norms):
            i = norms.index(word)
            out.append(i)
            for _ in range(norms.count(word) - 1):  # most words occur once: no search for more
                i = norms.index(word, i + 1)
                out.append(i)
        if len(out) > 1:
            out.sort()
        return out

    def __repr__(self) -> str:
        return f"Sentence({self.start}, {self.end}, {list(self.norms[:6])})"


_NORMS = attrgetter("norms")


def sentences_with(sentences: Sequence[Sentence], wanted: frozenset[str]) -> Iterator[Sentence]:
    """The sentences holding a word of wanted, picked by C loops: the others cost no Python step."""
    return compress(sentences, map(not_, map(wanted.isdisjoint, map(_NORMS, sentences))))


class Paragraph(NamedTuple):
    """A block with its sentences (a tuple: a draft has thousands, and tuples build fastest)."""

    kind: str
    start: int
    end: int
    level: int
    heading: str  # text of the heading this paragraph sits under ("" before any)
    sentences: tuple[Sentence, ...]


def capitalised_norms(view: str, paragraphs: Iterable[Paragraph]) -> frozenset[str]:
    """The norms of the words, other than each sentence's first, whose first letter is a capital
    in the view: C loops over each block's words, then a slice of them for each sentence."""
    found: set[str] = set()
    for p in paragraphs:
        if p.sentences:
            starts = p.sentences[0]._words.starts  # (a block's sentences share its words)
            capitals = list(map(str.isupper, map(view[p.start:p.end].__getitem__, starts)))
            for s in p.sentences:
                found.update(compress(s.norms[1:], capitals[s._first + 1:s._first + len(s.norms)]))
    return frozenset(found)


@dataclass
class Document:
    path: str
    text: str
    view: str
    lines: LineIndex
    paragraphs: tuple[Paragraph, ...]
    quotes: tuple[tuple[int, int], ...]  # outermost quoted spans, marks included
    comments: tuple[Comment, ...]
    lexicon: Lexicon  # the rule set's word lists, which the analyses read
    kind: str = "news"
    # Every analysis of the document, each computed on first use (set by lint.language.segment).
    analyses: Analyses = field(init=False, repr=False)

    @property
    def sentences(self) -> list[Sentence]:
        return [s for p in self.paragraphs for s in p.sentences]

    @property
    def body(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind not in ("heading", "metadata")]

    @functools.cached_property
    def body_sentences(self) -> list[Sentence]:
        """The sentences of the body, listed once: the analyses that read them all share it."""
        return [s for p in self.body for s in p.sentences]

    @functools.cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    @functools.cached_property
    def _quote_starts(self) -> list[int]:
        return [start for start, _ in self.quotes]

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """The paragraph holding an offset (an empty span at its start counts)."""
        i = bisect.bisect_right(self._paragraph_starts, offset) - 1
        if i >= 0 and offset < max(self.paragraphs[i].end, self.paragraphs[i].start + 1):
            return self.paragraphs[i]
        return None

    def in_quote(self, start: int, end: int | None = None) -> bool:
        """True when the span lies inside a quoted span."""
        i = bisect.bisect_right(self._quote_starts, start) - 1  # the last quote opening at or before start
        return i >= 0 and (start + 1 if end is None else end) <= self.quotes[i][1]

    def release(self) -> None:
        """Drop what only the rules read (paragraphs, sentences, quotes, analyses), keeping what
        turns a finding into a diagnostic: the path, the text and its lines."""
        self.paragraphs, self.quotes = (), ()
        self.analyses.clear()
        for name in ("body_sentences", "_paragraph_starts", "_quote_starts"):
            self.__dict__.pop(name, None)


def norms_of(words: list[str]) -> list[str]:
    """Each word lower-cased alone, curly apostrophe made straight: the words are joined by NUL,
    which stops Greek final-sigma context, so one pass does them all."""
    return "\0".join(words).lower().replace("’", "'").split("\0")
