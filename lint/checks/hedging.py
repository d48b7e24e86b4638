"""HDG checks: the reporter's own speculation, stacked hedges, paragraphs thick with hedges."""
from __future__ import annotations

from itertools import groupby
from operator import attrgetter
from typing import Iterator

from ..model import Finding
from ..language.document import Document, Sentence
from ..language.hedges import Cue


def _stacked(cs: list[Cue]) -> list[tuple[Cue, Cue]]:
    """Two cues within three words of each other: "could potentially", "may well likely"."""
    return [(a, b) for a, b in zip(cs, cs[1:]) if b.first - a.first <= 3]


def _span(s: Sentence, first: int, last: int) -> tuple[int, int]:
    return s.start_of(first), s.end_of(last - 1)


def speculation(doc: Document, rule, ctx) -> Iterator[Finding]:
    for s, cs in doc.analyses.hedge_cues:
        stacked = {id(c) for pair in _stacked(cs) for c in pair}
        for c in cs:
            if id(c) not in stacked and not c.weak:  # stacked-hedges reports those once, as a pair
                yield Finding(*_span(s, c.first, c.last))


def stacked_hedges(doc: Document, rule, ctx) -> Iterator[Finding]:
    for s, cs in doc.analyses.hedge_cues:
        for a, b in _stacked(cs):
            yield Finding(*_span(s, a.first, max(a.last, b.last)))


_PARAGRAPH = attrgetter("paragraph")


def hedge_density(doc: Document, rule, ctx) -> Iterator[Finding]:
    limit = ctx.setting("hedging.max-density")
    minimum = ctx.setting("hedging.min-sentences")
    hedged = {id(s) for s, cs in doc.analyses.hedge_cues if any(not c.weak for c in cs)}
    # A paragraph's sentences follow one another: one paragraph at a time, not a list for each.
    for _, group in groupby(doc.body_sentences, key=_PARAGRAPH):
        sentences = [s for s in group if s.norms]  # (a "sentence" of punctuation alone is not one)
        hedges = sum(id(s) in hedged for s in sentences)
        if len(sentences) >= minimum and hedges / len(sentences) > limit:
            first = sentences[0]
            yield Finding(first.start, first.end_of(0), {"hedged": hedges, "total": len(sentences)})
