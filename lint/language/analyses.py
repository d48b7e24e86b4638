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
    def attribution(self) -> relations.Analysis:
        """Who each body sentence attributes its content to, and the ledger of named sources."""
        return relations.analyse(self._doc)

    @cached_property
    def readability(self) -> SentenceCounts:
        """Words, textstat sentences and syllables of every body sentence."""
        return sentence_counts(self._doc.view, self._doc.body_sentences)

    @cached_property
    def hedge_cues(self) -> list[tuple[Sentence, list[hedges.Cue]]]:
        """The hedge cues in the reporter's own voice, by sentence."""
        return hedges.reporter_cues(self._doc, self.attribution)

    def factual(self) -> Iterator[tuple[Sentence, relations.Attribution | None]]:
        """Body sentences that state something (not questions, not wholly quoted), with their
        attributions; a generator, as a 50 MB draft's list would take 30 MB."""
        doc, attribution = self._doc, self.attribution
        view = doc.view
        return ((s, att) for s, att in zip(attribution.sentences, attribution.attributions)
                if len(s.norms) >= 3 and not view[s.start:s.end].rstrip().endswith("?")
                and not doc.in_quote(s.start, s.end))

    @cached_property
    def fact_tally(self) -> tuple[int, int]:
        """Factual sentences, and those of them attributed to no one identifiable (the BAL rules)."""
        kinds = [att.kind if att else None for _, att in self.factual()]
        return len(kinds), kinds.count(None) + kinds.count("vague") + kinds.count("agentless")
