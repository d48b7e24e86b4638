"""RDB checks: long and hard sentences, long paragraphs, the document's grade."""
from __future__ import annotations

from itertools import groupby
from operator import attrgetter, itemgetter
from typing import Iterator

from ..model import Finding
from ..language.flesch import Counts, grade_from_counts
from ..language.document import Document

_PARAGRAPH = attrgetter("paragraph")


def long_sentence(doc: Document, rule, ctx) -> Iterator[Finding]:
    limit = ctx.setting("readability.max-sentence-words")
    counted = doc.analyses.readability
    for s, words in zip(counted.sentences, counted.words):
        if words > limit:
            yield Finding(s.start, s.end, {"words": words, "limit": limit})


def hard_sentence(doc: Document, rule, ctx) -> Iterator[Finding]:
    limit = ctx.setting("readability.max-sentence-grade")
    longest = ctx.setting("readability.max-sentence-words")
    counted = doc.analyses.readability
    for s, words, pieces, syllables in zip(*counted):
        # Long sentences are reported as such; this one is about words, not length.
        if 10 <= words <= longest:
            grade = grade_from_counts(Counts(words, pieces, syllables))
            if grade > limit:
                yield Finding(s.start, s.end, {"grade": round(grade, 1), "limit": limit})


def long_paragraph(doc: Document, rule, ctx) -> Iterator[Finding]:
    max_words = ctx.setting("readability.max-paragraph-words")
    max_sentences = ctx.setting("readability.max-paragraph-sentences")
    counted = doc.analyses.readability
    # A paragraph's sentences follow one another: one paragraph at a time, not a total for each.
    for index, group in groupby(zip(map(_PARAGRAPH, counted.sentences), counted.words), key=itemgetter(0)):
        counts = [words for _, words in group]
        words, sentences = sum(counts), len(counts)
        p = doc.paragraphs[index]
        if p.kind == "paragraph" and (words > max_words or sentences > max_sentences):
            first = p.sentences[0]
            counted_sentences = f"{sentences} sentence" + ("s" if sentences != 1 else "")
            yield Finding(first.start, first.end, {"words": words, "sentences": counted_sentences})


def document_grade(doc: Document, rule, ctx) -> Iterator[Finding]:
    sentences = doc.analyses.readability.sentences
    total = doc.analyses.readability.total()
    if not sentences or total.words < ctx.setting("readability.min-words"):
        return
    grade = grade_from_counts(total)
    target = ctx.setting("readability.target-grade")
    if grade > target:
        first = sentences[0]
        yield Finding(first.start, first.end, {"grade": round(grade, 1), "target": target})
