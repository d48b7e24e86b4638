"""RDB checks: long and hard sentences, long paragraphs, the document's grade."""
from __future__ import annotations

from typing import Iterator

from ..model import Finding
from ..readability import Counts, grade_from_counts, texts_counts
from ..segment import Document

_BATCH = 500  # sentences counted together


def _counts(doc: Document) -> list[tuple[object, object, Counts]]:
    """(paragraph, sentence, counts) for every body sentence, counted once per document."""
    if "readability" not in doc.cache:
        pairs = [(p, s) for p in doc.body for s in p.sentences]
        texts = [doc.view[s.start:s.end] for _, s in pairs]
        # In batches, so that the words of one are freed before the next: a whole book at once
        # would hold every word twice more than the document does.
        counts = [c for i in range(0, len(texts), _BATCH) for c in texts_counts(texts[i:i + _BATCH])]
        doc.cache["readability"] = [(p, s, c) for (p, s), c in zip(pairs, counts)]
    return doc.cache["readability"]


def body_counts(doc: Document) -> Counts:
    """Counts of the whole body, summed from the per-sentence counts (the scorecard's too)."""
    parts = [c for _, _, c in _counts(doc)]
    return Counts(*map(sum, zip(*parts))) if parts else Counts(0, 0, 0)  # field by field, in C


def long_sentence(doc: Document, rule, ctx) -> Iterator[Finding]:
    limit = ctx.setting("readability.max-sentence-words")
    for _, s, c in _counts(doc):
        if c.words > limit:
            yield Finding(s.start, s.end, {"words": c.words, "limit": limit})


def hard_sentence(doc: Document, rule, ctx) -> Iterator[Finding]:
    limit = ctx.setting("readability.max-sentence-grade")
    longest = ctx.setting("readability.max-sentence-words")
    for _, s, c in _counts(doc):
        # Long sentences are reported as such; this one is about words, not length.
        if 10 <= c.words <= longest and grade_from_counts(c) > limit:
            yield Finding(s.start, s.end, {"grade": round(grade_from_counts(c), 1), "limit": limit})


def long_paragraph(doc: Document, rule, ctx) -> Iterator[Finding]:
    max_words = ctx.setting("readability.max-paragraph-words")
    max_sentences = ctx.setting("readability.max-paragraph-sentences")
    totals: dict[int, tuple[object, int, int]] = {}
    for p, _, c in _counts(doc):
        _, words, sentences = totals.get(id(p), (p, 0, 0))
        totals[id(p)] = (p, words + c.words, sentences + 1)
    for p, words, sentences in totals.values():
        if p.kind == "paragraph" and (words > max_words or sentences > max_sentences):
            first = p.sentences[0]
            counted = f"{sentences} sentence" + ("s" if sentences != 1 else "")
            yield Finding(first.start, first.end, {"words": words, "sentences": counted})


def document_grade(doc: Document, rule, ctx) -> Iterator[Finding]:
    parts = _counts(doc)
    total = body_counts(doc)
    if not parts or total.words < ctx.setting("readability.min-words"):
        return
    grade = grade_from_counts(total)
    target = ctx.setting("readability.target-grade")
    if grade > target:
        first = parts[0][1]
        yield Finding(first.start, first.end, {"grade": round(grade, 1), "target": target})
