"""The source ledger: every distinct source a draft names, with its class, how many relations rest
on it, how many of them quote it and how many paraphrase it, and whether it declined to comment.

A person is one entry under every form the draft uses (Hillary Clinton = Clinton = Mrs. Clinton),
an organisation too when one name ends the other (the Post = The Washington Post); a pronoun or a
title counts for the person it refers back to. Unnamed sources (anonymous, vague, source-less)
are not entries: a group or an anonymous source is one only when a name says whose ("Senate
Republicans", "FBI officials"). Places, datelines and bylines are never sources.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple, Sequence

from .document import Document, Sentence
from .tokens import PRONOUNS, proper

if TYPE_CHECKING:  # pragma: no cover
    from .relations import Relation

LEDGER_CLASSES = ("person", "organisation", "document", "group", "anonymous")
# The reporter asked and the source would not say: it counts as seeking the other side.
_DECLINED = re.compile(r"\b(?:declined|refused)\b.{0,40}\b(?:comment|interview|discuss|respond)|"
                       r"\bnot\b.{0,20}\b(?:respond|return|reached)\b|\bno comment\b", re.I | re.S)
_DECLINED_REACH = 80  # characters from the cue: a long content is not searched for each relation


class Entry(NamedTuple):
    name: str  # the fullest form of the name the draft uses
    kind: str  # person, organisation, document, group or anonymous
    relations: int  # relations that rest on the source
    quotes: int  # of them, those whose content is a direct quote
    forms: tuple[str, ...]  # every other way the draft names the source
    declined: bool  # it declined to comment, or did not answer

    @property
    def paraphrases(self) -> int:
        return self.relations - self.quotes


def ledger_of(doc: Document, relations: Sequence[Relation], sentences: Sequence[Sentence]) -> tuple[Entry, ...]:
    """The draft's named sources, most relations first."""
    entries: dict[str, list] = {}  # key -> [name, kind, relations, quotes, forms, declined]
    keys = _Keys()
    capitalised = doc.analyses.capitalised
    for r in relations:
        if r.source is None:
            continue
        end = r.content[0][1] if r.content else r.cue[1]
        declined = bool(_DECLINED.search(doc.view, r.cue[0], min(end, r.cue[0] + _DECLINED_REACH)))
        if r.referent is not None:
            names, kind = [r.referent], "person"
        elif r.kind in LEDGER_CLASSES and (r.kind in ("person", "organisation")
                                           or _named(doc, sentences[r.sentence], r.source, capitalised)):
            names, kind = (r.name.split(" and ") if r.kind == "person" else [r.name]), r.kind
        else:
            continue
        for name in names:
            entry = entries.setdefault(keys.of(name, kind), [name, kind, 0, 0, set(), False])
            entry[2] += 1
            entry[3] += r.quote
            form = doc.view[r.source[0]:r.source[1]]
            if form.lower() not in PRONOUNS:  # "she" is not a form of the name
                entry[4].add(form)
            entry[5] = entry[5] or declined
            if len(name) > len(entry[0]):
                entry[0] = name
    ranked = sorted(entries.values(), key=lambda e: (-e[2], e[0]))
    return tuple(Entry(name, kind, n, quotes, tuple(sorted(forms - {name})), declined)
                 for name, kind, n, quotes, forms, declined in ranked)


def _named(doc: Document, s: Sentence, source: tuple[int, int], capitalised: frozenset[str]) -> bool:
    """A document, a group or an anonymous source named by a proper word: "a Gallup poll",
    "Senate Republicans", "FBI officials"."""
    return any(proper(doc, s, k, capitalised) for k in range(s.word_at(source[0]), s.word_at(source[1])))


class _Keys:
    """The entry a name belongs to: people by surname, organisations when one name ends the other;
    groups and documents only when written alike. Indexed, as a long draft names thousands."""

    def __init__(self) -> None:
        self.people: dict[str, str] = {}  # surname -> the first key with it
        self.organisations: dict[str, list[str]] = {}  # last three letters -> keys ending in them
        self.short: list[str] = []  # organisation keys under three letters

    def of(self, name: str, kind: str) -> str:
        key = name.lower().removeprefix("the ")
        if kind == "person":
            return self.people.setdefault(key.split()[-1] if key.split() else key, key)
        if kind != "organisation":
            return key
        # One ends the other: they share their last three letters, or one is shorter than that.
        for other in self.organisations.get(key[-3:], []) + self.short if len(key) >= 3 else self.all():
            if other.endswith(key) or key.endswith(other):
                return other
        (self.organisations.setdefault(key[-3:], []) if len(key) >= 3 else self.short).append(key)
        return key

    def all(self) -> list[str]:
        return [k for keys in self.organisations.values() for k in keys] + self.short
