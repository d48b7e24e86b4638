"""Every analysis of one document, each computed on first use and then kept: a rule, the
scorecard and the engine all read them from doc.analyses, so this class is the list of what
exists and of who computes it."""
from __future__ import annotations

from functools import cached_property
from typing import Iterator

from . import hedges, relations
from .document import SCOPE_KINDS, Document, Sentence, capitalised_norms
from .flesch import SentenceCounts, sentence_counts


class Analyses:
    def __init__(self, doc: Document) -> None:
        self._doc = doc
        self._scopes: dict[str, list[Sentence]] = {}

    def clear(self) -> None:
        """Forget every analysis (the engine frees a large draft's before building its diagnostics)."""
        self.__dict__ = {"_doc": self._doc, "_scopes": {}}

    def in_scope(self, scope: str) -> list[Sentence]:
        """The sentences of the blocks a rule scope reads ("body", "heading", "all", "document")."""
        if scope not in self._scopes:
            kinds = SCOPE_KINDS[scope]
            self._scopes[scope] = [s for p in self._doc.paragraphs if p.kind in kinds for s in p.sentences]
        return self._scopes[scope]

    @cached_property
    def capitalised(self) -> frozenset[str]:
        """Words the draft capitalises somewhere other than a sentence's start (names, not openers)."""
        return capitalised_norms(self._doc.view, self._doc.paragraphs)

    @cached_property
    def attribution(self) -> relations.Attribution:
        """Every attribution relation of the draft (cue, source, content, the source's class) and
        the ledger of its sources."""
        return relations.analyse(self._doc)

    @cached_property
    def readability(self) -> SentenceCounts:
        """Words, textstat sentences and syllables of every body sentence."""
        return sentence_counts(self._doc.view, self._doc.body_sentences)

    @cached_property
    def hedge_cues(self) -> list[tuple[Sentence, list[hedges.Cue]]]:
        """The hedge cues in the reporter's own voice, by sentence."""
        return hedges.reporter_cues(self._doc, self.attribution)

    def factual(self) -> Iterator[tuple[Sentence, relations.Relation | None]]:
        """Body sentences that state something (not questions, not wholly quoted), each with the
        strongest relation it holds (a credited source before a vague one), or None; a generator,
        as a 50 MB draft's list would take 30 MB."""
        doc, attribution = self._doc, self.attribution
        view = doc.view
        for i, s in enumerate(attribution.sentences):
            if doc.paragraphs[s.paragraph].kind in ("heading", "metadata") or len(s.norms) < 3 \
                    or view[s.start:s.end].rstrip().endswith("?") or doc.in_quote(s.start, s.end):
                continue
            held = attribution.in_sentence(i)
            yield s, next((r for r in held if r.kind in relations.CREDITED), held[0] if held else None)

    @cached_property
    def fact_tally(self) -> tuple[int, int]:
        """Factual sentences, and those of them attributed to no one identifiable (the BAL rules)."""
        credited = [r is not None and r.kind in relations.CREDITED for _, r in self.factual()]
        return len(credited), credited.count(False)
