"""The attribution relations and the source ledger as the report draws them.

`relations_of` and `ledger_of` read the attribution analysis (lint.language.relations) as the page
draws it; the mapping below groups its source classes for the reader.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..language.document import Document
from ..language.sources import SOURCE_CLASSES as PHRASE_CLASSES

# Every class a relation's source can have: a phrase's, a transcript's speaker, or none at all.
SOURCE_CLASSES = (*PHRASE_CLASSES, "speaker", "sourceless", "claim")

# The four groups a reader tells apart (issue 13), each source class in one of them.
NAMED, DOCUMENT, ANONYMOUS, VAGUE = "named", "document", "anonymous", "vague"
READER_GROUPS = {
    NAMED: "named person or organisation",
    DOCUMENT: "document or data",
    ANONYMOUS: "anonymous",
    VAGUE: "vague or source-less",
}
GROUP_OF_CLASS = {
    "person": NAMED, "organisation": NAMED, "pronoun": NAMED, "speaker": NAMED,  # a quote's named speaker
    "document": DOCUMENT, "respondents": DOCUMENT,  # a poll's respondents: "47% say"
    "anonymous": ANONYMOUS, "described": ANONYMOUS,  # an unnamed source described by role or reason
    "group": VAGUE, "unowned": VAGUE, "sourceless": VAGUE, "claim": VAGUE,
}


@dataclass(frozen=True)
class RelationView:
    source: tuple[int, int] | None  # offsets into the draft's text
    cue: tuple[int, int]
    content: tuple[tuple[int, int], ...]
    source_class: str  # one of SOURCE_CLASSES
    name: str  # the source as the ledger names it ("" when none)


@dataclass(frozen=True)
class LedgerEntry:
    name: str
    count: int
    source_class: str


def relations_of(doc: Document) -> tuple[RelationView, ...]:
    """Every attribution relation of the draft, in reading order."""
    return tuple(RelationView(r.source, r.cue, r.content, r.kind, r.referent or r.name)
                 for r in doc.analyses.attribution.relations)


def ledger_of(doc: Document, relations: tuple[RelationView, ...]) -> tuple[LedgerEntry, ...]:
    """Who the draft quotes how often: the ledger's sources, then the unnamed ones by their words."""
    named = [LedgerEntry(e.name, e.relations, e.kind) for e in doc.analyses.attribution.ledger]
    unnamed = Counter((r.source_class, r.name) for r in relations if GROUP_OF_CLASS.get(r.source_class) not in (
        NAMED, DOCUMENT, None))
    others = [LedgerEntry(name, count, cls) for (cls, name), count in unnamed.items()]
    return (*named, *sorted(others, key=lambda e: (-e.count, e.name)))
