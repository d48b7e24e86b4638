"""Linting labelled sentences fast: many in one document, each diagnostic mapped back to its sentence.

Sentences go 200 to a plain-text document, each in its own paragraph with separator paragraphs
between them, and each diagnostic is assigned to the sentence its start offset falls in. verify()
lints a sample alone and checks that the batch gives the same diagnostics.
"""
from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass
from typing import Iterable, Sequence

SENTENCE_FAMILIES = ("ATT", "HDG", "OPN")  # what sentence sets score; BAL and RDB are per document


def item_hash(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8")).digest()


@dataclass(frozen=True)
class Hit:
    """One diagnostic, its offsets relative to the sentence it starts in."""

    code: str
    name: str
    start: int
    end: int

    @property
    def family(self) -> str:
        return self.code[:3]


# Paragraphs between two sentences. The heading resets the heading a sentence sits under (a
# sentence that reads as an "Opinion" heading must not relax the next one); the neutral sentence
# is the neighbour a quote looks at for its speaker; the empty paragraphs put more than two
# paragraphs between sentences, so a pronoun never refers back to the previous item.
SEPARATOR = "\n\n*\n\nNext\n\n*\n\nItem ends here.\n\n*\n\n*\n\n"


def one_line(text: str) -> str:
    """A sentence's own line breaks become spaces (same length), so it stays one paragraph."""
    return text.replace("\r", " ").replace("\n", " ")


def batch(texts: Sequence[str]) -> tuple[str, list[int]]:
    """One document holding every text in its own paragraph, and each text's start offset."""
    parts, starts, offset = [], [], 0
    for i, text in enumerate(texts):
        if i:
            parts.append(SEPARATOR)
            offset += len(SEPARATOR)
        starts.append(offset)
        parts.append(one_line(text))
        offset += len(text)
    return "".join(parts), starts


def assign(diagnostics: Iterable, starts: Sequence[int], lengths: Sequence[int]) -> tuple[list[list[Hit]], list]:
    """Each diagnostic to the sentence its start falls in; those in no sentence are returned apart."""
    out: list[list[Hit]] = [[] for _ in starts]
    stray = []
    for d in diagnostics:
        i = bisect.bisect_right(starts, d.start) - 1
        if i >= 0 and d.start < starts[i] + max(1, lengths[i]):
            out[i].append(Hit(d.code, d.name, d.start - starts[i], d.end - starts[i]))
        else:
            stray.append(d)
    return out, stray


class SentenceLinter:
    """Lints sentences as the data README says: each alone in its own paragraph."""

    def __init__(self, chunk: int = 200):
        from lint.config import Config
        from lint.engine.linter import Linter

        self.chunk = chunk
        # Document-level families cannot score a sentence; in a batch they would land on its first.
        self.batch_linter = Linter(Config(ignore=("BAL", "RDB")))
        self.alone_linter = Linter(Config())
        self.stray: list = []
        self.internal_errors: list = []

    def lint_batch(self, texts: Sequence[str]) -> list[list[Hit]]:
        hits: list[list[Hit]] = []
        for k in range(0, len(texts), self.chunk):
            part = texts[k:k + self.chunk]
            document, starts = batch(part)
            found, stray = assign(self.batch_linter.check_text(document, "-"), starts, [len(t) for t in part])
            self.stray += [d for d in stray if d.code[:3] in SENTENCE_FAMILIES]
            self.internal_errors += [d for d in stray + [h for hs in found for h in hs] if d.code == "CPD001"]
            hits += found
        return hits

    def lint_alone(self, text: str) -> list[Hit]:
        hits = [Hit(d.code, d.name, d.start, d.end) for d in self.alone_linter.check_text(one_line(text), "-")]
        self.internal_errors += [h for h in hits if h.code == "CPD001"]
        return hits


def scored(hits: Iterable[Hit]) -> set[tuple[str, int, int]]:
    return {(h.name, h.start, h.end) for h in hits if h.family in SENTENCE_FAMILIES}


def verify(linter: SentenceLinter, items: list[dict], hits: list[list[Hit]], n: int) -> dict:
    """Lint a fixed sample of sentences alone; the batch must give the same scored diagnostics."""
    order = sorted(range(len(items)), key=lambda i: item_hash(items[i]["id"]))[:n]
    bad = [items[i]["id"] for i in order if scored(linter.lint_alone(items[i]["text"])) != scored(hits[i])]
    return {"checked": len(order), "differ": len(bad), "ids": bad[:10]}
