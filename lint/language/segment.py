"""Segmentation: the prose view's blocks into paragraphs, sentences (Punkt), words and quote spans."""
from __future__ import annotations

import bisect
import re
from array import array
from itertools import accumulate
from typing import MutableMapping

from . import punkt
from .analyses import Analyses
from .document import WORD, Document, Paragraph, Sentence, Words, norms_of
from ..model import Lexicon
from ..text.prose import Prose
from ..text.source import LineIndex

_WORD_SPLIT = re.compile(f"({WORD.pattern})")
# The same on the lower-cased view, where every apostrophe is straight and no underscore is left:
# the simpler classes take the split of 1.2 MB from 85 to 48 ms.
_NORM_SPLIT = re.compile(r"(\w+(?:'\w+)*)")  # (no possessive *+: Python 3.10 has none)


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


_OPENERS = " \t\r\n\xa0\u2009\u202f([{—–-/“‘\"'"
# Two apostrophes are one double quote mark (''like this'', as some wires and archives write).
_QUOTE_MARK = re.compile("''|[\"“”'‘’]")


def quote_spans(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """Outermost quoted spans of one paragraph; an unclosed quote runs to its end."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []  # (closing mark kind, start offset)
    curly_opened = False  # a “ came earlier in the paragraph (every one is a mark seen here)
    for mark in _QUOTE_MARK.finditer(view, start, end):
        i, stop = mark.span()
        ch = '"' if stop - i == 2 else view[i]
        prev = view[i - 1] if i > start else " "
        nxt = view[stop] if stop < end else " "
        top = stack[-1][0] if stack else None
        if ch == "“" or (ch == '"' and top != '"' and prev in _OPENERS):
            stack.append(('"', i))
            curly_opened = curly_opened or ch == "“"
        elif ch == "”" and not stack and not curly_opened:
            # A closing mark with no opener closes a quote begun in an earlier paragraph; the
            # quote holds every span before it (a later such mark makes a longer one).
            spans = [(start, stop)]
        elif ch in "”\"" and '"' in (k for k, _ in stack):
            while stack and stack[-1][0] != '"':
                stack.pop()
            _, s = stack.pop()
            if not stack:
                spans.append((s, stop))
        elif ch in "‘'" and prev in _OPENERS and nxt.isalnum() is True and top != "'" and (nxt.isalpha() or stack):
            # An opening single quote; '90s style elisions open nothing outside a quote.
            stack.append(("'", i))
        elif ch in "’'" and top == "'" and not nxt.isalnum() and prev not in " \t":
            _, s = stack.pop()
            if not stack:
                spans.append((s, stop))
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


def segment(prose: Prose, text: str, path: str, lexicon: Lexicon, kind: str = "news",
            memo: MutableMapping | None = None) -> Document:
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
    doc = Document(path, text, view, LineIndex.of(text), tuple(paragraphs), tuple(quotes), prose.comments, lexicon,
                   kind)
    doc.analyses = Analyses(doc)
    return doc
