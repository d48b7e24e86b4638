"""The balance scorecard behind `copydesk report`: readability, findings per family, the source
ledger and the claims that carry no attribution. Facts for the editor, not a verdict."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Iterable

from ..engine.linter import Linter
from ..language.document import Document
from ..language.flesch import ease_from_counts, grade_from_counts
from ..model import Diagnostic
from ..registry.ruledocs import FAMILIES, family_name

_SNIPPET = 100  # characters of a claim shown in the text form


@dataclass(frozen=True)
class Claim:
    line: int
    column: int
    text: str
    kind: str | None  # None: attributed to nobody; "vague" or "agentless": to no one identifiable
    source: str | None  # the vague or agentless words ("Web searches", "It is believed")


@dataclass(frozen=True)
class Scorecard:
    path: str
    grade: float
    ease: float
    target_grade: float
    words: int
    sentences: int
    families: dict[str, int]  # family prefix -> diagnostics
    ledger: tuple[tuple[str, int], ...]  # named source -> sentences attributed to it
    factual_sentences: int
    unattributed: tuple[Claim, ...]

    def to_json(self) -> str:
        data = asdict(self)
        data["grade"] = round(self.grade, 1)
        data["ease"] = round(self.ease, 1)
        data["ledger"] = [{"source": name, "sentences": n} for name, n in self.ledger]
        data["unattributed"] = [
            {"line": c.line, "column": c.column, "text": c.text,
             "attribution": {"kind": c.kind, "source": c.source} if c.kind else None}
            for c in self.unattributed
        ]
        return json.dumps({"version": 1, **data}, ensure_ascii=False, indent=2) + "\n"


def scorecard(linter: Linter, text: str, path: str) -> Scorecard:
    # One segmentation: the rules and the scorecard read the same document and its analyses.
    doc = linter.document(text, path)
    return scorecard_of(linter, doc, linter.check_document(doc))


def scorecard_of(linter: Linter, doc: Document, diagnostics: Iterable[Diagnostic]) -> Scorecard:
    """The scorecard of a document already linted (the HTML report draws its diagnostics too)."""
    path = doc.path
    families = Counter(d.code[:3] for d in diagnostics)
    counts = doc.analyses.readability.total()  # the same counts RDB004 scores
    facts = list(doc.analyses.factual())  # the same sentences the BAL rules count
    claims = []
    for sentence, att in facts:
        if att is not None and att.kind not in ("vague", "agentless"):
            continue
        line, column = doc.lines.position(sentence.start)
        words = " ".join(doc.text[sentence.start:sentence.end].split())
        claims.append(Claim(line, column, words, att.kind if att else None, att.source if att else None))
    return Scorecard(
        path=path,
        grade=grade_from_counts(counts),
        ease=ease_from_counts(counts),
        target_grade=float(linter.config.setting("readability.target-grade")),
        words=counts.words,
        sentences=sum(len(p.sentences) for p in doc.body),
        families={f: families.get(f, 0) for f in (*FAMILIES, *sorted(set(families) - set(FAMILIES)))},
        ledger=doc.analyses.attribution.ledger,
        factual_sentences=len(facts),
        unattributed=tuple(claims),
    )


def render_text(card: Scorecard) -> str:
    def short(text: str) -> str:
        return text if len(text) <= _SNIPPET else text[:_SNIPPET - 1].rstrip() + "…"

    out = [f"Scorecard: {card.path}", ""]
    out += [
        "Readability",
        f"  Flesch–Kincaid grade  {card.grade:5.1f}   (target {card.target_grade:g})",
        f"  Flesch reading ease   {card.ease:5.1f}   (higher is easier; 60–70 is plain English)",
        f"  {card.words} words in {card.sentences} sentences",
        "",
        "Findings by family",
    ]
    out += [f"  {code}  {family_name(code):<12} {n:4d}" for code, n in card.families.items()]
    out += ["", "Source ledger (sentences attributed to each named source)"]
    if card.ledger:
        width = max(len(name) for name, _ in card.ledger)
        out += [f"  {name:<{width}}  {n:4d}" for name, n in card.ledger]
    else:
        out.append("  (no named source)")
    out += ["", f"Unattributed claims: {len(card.unattributed)} of {card.factual_sentences} factual sentences"]
    for claim in card.unattributed:
        why = f"  [{claim.kind}: {claim.source}]" if claim.kind else ""
        out.append(f"  {claim.line:>4}:{claim.column:<4} {short(claim.text)}{why}")
    return "\n".join(out) + "\n"
