"""The attribution relations and the source ledger as the report draws them.

`relations_of` and `ledger_of` adapt today's per-sentence attributions to the shape the relation
analysis will produce (a cue, a source and the content it governs, each source with a class); the
page reads only these two functions and the mapping below, so the analysis can replace them.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..language.document import Document

SOURCE_CLASSES = ("person", "organisation", "document", "pronoun", "anonymous", "group", "unowned",
                  "sourceless", "speaker", "described")

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
    "document": DOCUMENT,
    "anonymous": ANONYMOUS, "described": ANONYMOUS,  # an unnamed source described by role or reason
    "group": VAGUE, "unowned": VAGUE, "sourceless": VAGUE,
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


# Today's attribution kinds as source classes (a named source may be a person or an organisation:
# both are in the same reader group).
_CLASS_OF_KIND = {"named": "person", "pronoun": "pronoun", "anonymous": "anonymous", "vague": "group",
                  "agentless": "sourceless"}


def relations_of(doc: Document) -> tuple[RelationView, ...]:
    """Every attribution relation of the draft, in reading order."""
    return tuple(
        RelationView(None, (att.start, att.end), (), _CLASS_OF_KIND[att.kind],
                     "" if att.kind == "pronoun" else att.source)
        for att in doc.analyses.attribution.attributions if att is not None
    )


def ledger_of(doc: Document, relations: tuple[RelationView, ...]) -> tuple[LedgerEntry, ...]:
    """Who the draft quotes how often: the named ledger, then the unnamed sources by their words."""
    named = [LedgerEntry(name, count, "person") for name, count in doc.analyses.attribution.ledger]
    unnamed = Counter((r.source_class, r.name) for r in relations if GROUP_OF_CLASS[r.source_class] != NAMED)
    others = [LedgerEntry(name, count, cls) for (cls, name), count in unnamed.items()]
    return (*named, *sorted(others, key=lambda e: (-e.count, e.name)))
