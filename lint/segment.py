"""Segmentation: blocks into paragraphs, sentences (Punkt), words and quote spans."""
from __future__ import annotations

import bisect
import functools
import re
from array import array
from dataclasses import dataclass, field
from itertools import accumulate, compress
from operator import attrgetter, not_
from typing import Iterable, Iterator, MutableMapping, NamedTuple, Sequence

from . import punkt
from .markup import Comment, Prose
from .source import LineIndex

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
    kind: str = "news"
    # Per-document analyses computed once and shared by the rules that need them.
    cache: dict = field(default_factory=dict, repr=False)

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
        self.paragraphs, self.quotes, self.cache = (), (), {}
        for name in ("body_sentences", "_paragraph_starts", "_quote_starts"):
            self.__dict__.pop(name, None)


_WORD_SPLIT = re.compile(f"({WORD.pattern})")
# The same on the lower-cased view, where every apostrophe is straight and no underscore is left:
# the simpler classes take the split of 1.2 MB from 85 to 48 ms.
_NORM_SPLIT = re.compile(r"(\w+(?:'\w+)*+)")


def norms_of(words: list[str]) -> list[str]:
    """Each word lower-cased alone, curly apostrophe made straight: the words are joined by NUL,
    which stops Greek final-sigma context, so one pass does them all."""
    return "\0".join(words).lower().replace("’", "'").split("\0")


def norm_view(view: str) -> str | None:
    """The view lower-cased, with curly apostrophes made straight and underscores made spaces
    (no word holds one, and the split then needs no test for them), or None when lower-casing
    it whole would differ from lower-casing each word: a letter whose lower case is longer ("İ")
    would shift offsets, and a capital sigma's lower case depends on the letters around it.
    (tests/test_fast_paths.py checks that lower-casing never moves a word boundary.)"""
    lowered = view.lower().replace("’", "'").replace("_", " ")
    return lowered if len(lowered) == len(view) and "\u03a3" not in view else None


def _words(view: str, start: int, end: int, pool: dict[str, str]) -> tuple[tuple[str, ...], Words]:
    """Norms and offsets of the words of view[start:end], found by one split and measured by
    their lengths: no Python work per word. Each norm is the pool's string for it, so that a
    document holds one string per distinct word, not one per occurrence. The block is lower-cased
    alone, so the draft is never held twice."""
    lowered = norm_view(view[start:end])
    if lowered is not None:  # the split yields the norms themselves
        parts = _NORM_SPLIT.split(lowered)
        norms = parts[1::2]
    else:
        parts = _WORD_SPLIT.split(view[start:end])  # gap, word, gap, word, ..., gap
        norms = norms_of(parts[1::2])
    code = "H" if end - start < 2**16 else "q"
    offsets = list(accumulate(map(len, parts), initial=0))
    ends = None if lowered is not None else array(code, offsets[2::2])
    return tuple(map(pool.setdefault, norms, norms)), Words(start, array(code, offsets[1:-1:2]), ends)


def _sentences(view: str, block, spans: list[tuple[int, int]], paragraph: int,
               pool: dict[str, str]) -> tuple[Sentence, ...]:
    """The block's sentences, each given the block's words that start inside it (no word
    crosses a sentence boundary: sentences end at punctuation or white space)."""
    norms, words = _words(view, block.start, block.end, pool)
    starts, out = words.starts, []
    for a, b in spans:
        i = bisect.bisect_left(starts, a - block.start)
        j = bisect.bisect_left(starts, b - block.start, i)
        # The first sentence starts and the last ends where the block does: its int objects
        # serve, not equal copies (two fewer ints a block, 10 MB for a 50 MB draft).
        a = block.start if a == block.start else a
        b = block.end if b == block.end else b
        out.append(Sentence(a, b, paragraph, norms[i:j], words, i))
    return tuple(out)


def sentence_spans(view: str, start: int, end: int) -> list[tuple[int, int]]:
    text = view[start:end]
    if not WORD.search(text):
        return []
    return [(start + a, start + b) for a, b in punkt.spans(text)]


_OPENERS = " \t\r\n([{—–-/“‘\"'"
_QUOTE_MARK = re.compile("[\"“”'‘’]")


def quote_spans(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """Outermost quoted spans of one paragraph; an unclosed quote runs to its end."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []  # (closing mark kind, start offset)
    curly_opened = False  # a “ came earlier in the paragraph (every one is a mark seen here)
    for mark in _QUOTE_MARK.finditer(view, start, end):
        i = mark.start()
        ch = view[i]
        prev = view[i - 1] if i > start else " "
        nxt = view[i + 1] if i + 1 < end else " "
        top = stack[-1][0] if stack else None
        if ch == "“" or (ch == '"' and top != '"' and prev in _OPENERS):
            stack.append(('"', i))
            curly_opened = curly_opened or ch == "“"
        elif ch == "”" and not stack and not curly_opened:
            # A closing mark with no opener closes a quote begun in an earlier paragraph; the
            # quote holds every span before it (a later such mark makes a longer one).
            spans = [(start, i + 1)]
        elif ch in "”\"" and '"' in (k for k, _ in stack):
            while stack and stack[-1][0] != '"':
                stack.pop()
            _, s = stack.pop()
            if not stack:
                spans.append((s, i + 1))
        elif ch in "‘'" and prev in _OPENERS and nxt.isalnum() is True and top != "'" and (nxt.isalpha() or stack):
            # An opening single quote; '90s style elisions open nothing outside a quote.
            stack.append(("'", i))
        elif ch in "’'" and top == "'" and not nxt.isalnum() and prev not in " \t":
            _, s = stack.pop()
            if not stack:
                spans.append((s, i + 1))
    if stack:
        spans.append((stack[0][1], end))
    return spans


def _block_spans(view: str, block, memo: MutableMapping | None) -> tuple[list, list]:
    """Sentence and quote spans of one block; with a memo, Punkt runs only on blocks whose text
    it has not seen (an editor re-lints after every keystroke). Spans are cached relative to
    the block, so a block that only moved is still a hit."""
    if block.kind in ("heading", "metadata"):
        return [(block.start, block.end)], []
    if memo is None:
        return sentence_spans(view, block.start, block.end), quote_spans(view, block.start, block.end)
    key = ("segment", block.kind, view[block.start:block.end])
    relative = memo.get(key)
    if relative is None:
        at = block.start
        relative = memo[key] = (
            [(a - at, b - at) for a, b in sentence_spans(view, block.start, block.end)],
            [(a - at, b - at) for a, b in quote_spans(view, block.start, block.end)],
        )
    at = block.start
    return [(a + at, b + at) for a, b in relative[0]], [(a + at, b + at) for a, b in relative[1]]


def segment(prose: Prose, text: str, path: str, kind: str = "news", memo: MutableMapping | None = None) -> Document:
    view = prose.view
    pool: dict[str, str] = {}  # one string per distinct word (see _words)
    paragraphs = []
    quotes: list[tuple[int, int]] = []
    heading = ""
    for block in prose.blocks:
        spans, block_quotes = _block_spans(view, block, memo)
        quotes += block_quotes
        if block.kind == "heading":
            heading = view[block.start:block.end].strip()
        index = len(paragraphs)
        sentences = _sentences(view, block, spans, index, pool)
        paragraphs.append(Paragraph(block.kind, block.start, block.end, block.level, heading, sentences))
    return Document(
        path, text, view, LineIndex.of(text), tuple(paragraphs), tuple(quotes), prose.comments, kind
    )
