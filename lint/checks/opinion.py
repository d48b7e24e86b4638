"""OPN checks that need more than a word list: first person and opinion sections."""
from __future__ import annotations

from typing import Iterator

from ..model import Finding
from ..language.document import Document, sentences_with

FIRST_PERSON = frozenset("i me my mine myself we us our ours ourselves i'm i've i'd i'll we're we've we'd we'll".split())


def first_person(doc: Document, rule, ctx) -> Iterator[Finding]:
    for s in sentences_with(doc.analyses.in_scope(rule.scope), FIRST_PERSON):
        for i in s.positions(FIRST_PERSON):
            start, end = s.start_of(i), s.end_of(i)
            word = doc.view[start:end]
            if word == "US" or word.isupper() and len(word) > 1:
                continue  # the country, an acronym
            if i and word[0].isupper() and word != "I":
                continue  # a title or a name: "Feeding Our Future"
            if word == "I" and i and doc.view[s.start_of(i - 1)].isupper() \
                    and s.norms[i - 1] not in ("and", "but", "so"):
                continue  # "World War I", "Phase I"
            yield Finding(start, end)


def opinion_section(doc: Document, rule, ctx) -> Iterator[Finding]:
    if doc.kind != "news":
        return
    headings = ctx.config.opinion_headings
    for p in doc.paragraphs:
        if p.kind == "heading" and doc.view[p.start:p.end].strip().lower().strip(" :.") in headings:
            yield Finding(p.start, p.end)
