"""One draft read for a report: its document, diagnostics, scorecard, relations and ledger, from one
segmentation and one lint."""
from __future__ import annotations

from dataclasses import dataclass

from ..engine.linter import Linter
from ..model import Diagnostic, Rule
from .scorecard import Scorecard, scorecard_of
from ..language.document import Document
from .relations import LedgerEntry, RelationView, ledger_of, relations_of


@dataclass(frozen=True)
class DraftReport:
    doc: Document
    diagnostics: tuple[Diagnostic, ...]
    card: Scorecard
    relations: tuple[RelationView, ...]
    ledger: tuple[LedgerEntry, ...]
    rules: dict[str, Rule]  # by code, for each rule's scope and advice

    def on_document(self, d: Diagnostic) -> bool:
        """True for a finding about the whole draft (BAL, the document grade, CPD), not about its words."""
        rule = self.rules.get(d.code)
        return rule is None or rule.scope == "document"


def report_of(linter: Linter, text: str, path: str) -> DraftReport:
    doc = linter.document(text, path)
    diagnostics = tuple(linter.check_document(doc))
    relations = relations_of(doc)
    return DraftReport(doc, diagnostics, scorecard_of(linter, doc, diagnostics), relations,
                       ledger_of(doc, relations), linter.by_code)
