"""RDB checks: long and hard sentences, long paragraphs, the document's grade."""
from __future__ import annotations

from array import array
from itertools import groupby
from operator import attrgetter, itemgetter
from typing import Iterator, NamedTuple

from ..model import Finding
from ..language.flesch import Counts, grade_from_counts, texts_counts
from ..language.segment import Document, Sentence

_BATCH = 500  # sentences counted together
_PARAGRAPH = attrgetter("paragraph")


class _Counted(NamedTuple):
    """The counts of every body sentence, a column each: three C ints a sentence, where a
    Counts and a tuple for each would take 130 bytes (60 MB for a 50 MB draft)."""

    sentences: list[Sentence]
    words: array
    pieces: array  # textstat's sentences in each
    syllables: array


def _counts(doc: Document) -> _Counted:
    """The body sentences and their counts, counted once per document."""
    if "readability" not in doc.cache:
        sentences = doc.body_sentences
        counted = _Counted(sentences, array("i"), array("i"), array("i"))
        view = doc.view
        # In batches, so that the texts and words of one are freed before the next: a whole
        # book at once would hold its text twice more than the document does.
        for i in range(0, len(sentences), _BATCH):
            counts = texts_counts([view[s.start:s.end] for s in sentences[i:i + _BATCH]])
            for column, values in zip(counted[1:], zip(*counts)):
                column.extend(values)
        doc.cache["readability"] = counted
    return doc.cache["readability"]


def body_counts(doc: Document) -> Counts:
    """Counts of the whole body, summed from the per-sentence counts (the scorecard's too)."""
    counted = _counts(doc)
    return Counts(sum(counted.words), sum(counted.pieces), sum(counted.syllables))


def long_sentence(doc: Document, rule, ctx) -> Iterator[Finding]:
    limit = ctx.setting("readability.max-sentence-words")
    counted = _counts(doc)
    for s, words in zip(counted.sentences, counted.words):
        if words > limit:
            yield Finding(s.start, s.end, {"words": words, "limit": limit})


def hard_sentence(doc: Document, rule, ctx) -> Iterator[Finding]:
    limit = ctx.setting("readability.max-sentence-grade")
    longest = ctx.setting("readability.max-sentence-words")
    counted = _counts(doc)
    for s, words, pieces, syllables in zip(*counted):
        # Long sentences are reported as such; this one is about words, not length.
        if 10 <= words <= longest:
            grade = grade_from_counts(Counts(words, pieces, syllables))
            if grade > limit:
                yield Finding(s.start, s.end, {"grade": round(grade, 1), "limit": limit})


def long_paragraph(doc: Document, rule, ctx) -> Iterator[Finding]:
    max_words = ctx.setting("readability.max-paragraph-words")
    max_sentences = ctx.setting("readability.max-paragraph-sentences")
    counted = _counts(doc)
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
    sentences = _counts(doc).sentences
    total = body_counts(doc)
    if not sentences or total.words < ctx.setting("readability.min-words"):
        return
    grade = grade_from_counts(total)
    target = ctx.setting("readability.target-grade")
    if grade > target:
        first = sentences[0]
        yield Finding(first.start, first.end, {"grade": round(grade, 1), "target": target})
