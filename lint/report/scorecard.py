"""The balance scorecard behind `copydesk report`: readability, findings per family, the source
ledger and the claims that carry no attribution. Facts for the editor, not a verdict."""
from __future__ import annotations

import functools
import json
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Iterable

from ..engine.linter import Linter
from ..language.document import Document
from ..language.flesch import ease_from_counts, grade_from_counts
from ..language.ledger import Entry
from ..language.relations import CREDITED, record
from ..model import Diagnostic
from ..registry.ruledocs import FAMILIES, family_name

_SNIPPET = 100  # characters of a claim shown in the text form


@dataclass(frozen=True)
class Claim:
    line: int
    column: int
    text: str
    kind: str | None  # None: attributed to nobody; else the class of its weak source ("group", "sourceless")
    source: str | None  # the weak source's words ("Web searches", "It is believed")


@dataclass(frozen=True)
class Scorecard:
    path: str
    grade: float
    ease: float
    target_grade: float
    words: int
    sentences: int
    families: dict[str, int]  # family prefix -> diagnostics
    ledger: tuple[Entry, ...]  # the named sources, most relations first
    factual_sentences: int
    unattributed: tuple[Claim, ...]
    relations: tuple[dict, ...] = ()  # every attribution relation, its spans as lines and columns

    def to_json(self) -> str:
        data = asdict(self)
        data["grade"] = round(self.grade, 1)
        data["ease"] = round(self.ease, 1)
        data["ledger"] = [{"source": e.name, "class": e.kind, "relations": e.relations, "quotes": e.quotes,
                           "paraphrases": e.paraphrases, "forms": list(e.forms), "declined": e.declined}
                          for e in self.ledger]
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
    for sentence, relation in facts:
        if relation is not None and relation.kind in CREDITED:
            continue
        line, column = doc.lines.position(sentence.start)
        words = " ".join(doc.text[sentence.start:sentence.end].split())
        weak = relation.source or relation.cue if relation else None
        claims.append(Claim(line, column, words, relation.kind if relation else None,
                            doc.text[weak[0]:weak[1]] if weak else None))
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
        relations=tuple(map(functools.partial(record, doc), doc.analyses.attribution.relations)),
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
    out += ["", "Source ledger (attributions resting on each named source: quoted, paraphrased)"]
    if card.ledger:
        width = max(len(e.name) for e in card.ledger)
        kinds = max(len(e.kind) for e in card.ledger)
        out += [f"  {e.name:<{width}}  {e.kind:<{kinds}}  {e.relations:4d}  ({e.quotes} quoted, "
                f"{e.paraphrases} paraphrased){'  declined to comment' if e.declined else ''}" for e in card.ledger]
    else:
        out.append("  (no named source)")
    out += ["", f"Unattributed claims: {len(card.unattributed)} of {card.factual_sentences} factual sentences"]
    for claim in card.unattributed:
        why = f"  [{claim.kind}: {claim.source}]" if claim.kind else ""
        out.append(f"  {claim.line:>4}:{claim.column:<4} {short(claim.text)}{why}")
    return "\n".join(out) + "\n"
