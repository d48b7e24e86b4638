"""BAL checks: the source ledger read as facts for the editor, never as a verdict."""
from __future__ import annotations

from typing import Iterator

from ..attribution import analyse
from ..model import Finding
from ..segment import Document


def _body_start(doc: Document) -> tuple[int, int] | None:
    """The first sentence of the body, where document-level findings sit."""
    for p in doc.body:
        if p.sentences:
            return p.sentences[0].start, p.sentences[0].end
    return None


def factual_sentences(doc: Document) -> list:
    """Body sentences that state something: not questions, not wholly quoted (once a document;
    the three BAL rules share them)."""
    if "factual" not in doc.cache:
        analysis = analyse(doc)
        doc.cache["factual"] = [
            (s, att) for s, att in zip(analysis.sentences, analysis.attributions)
            if len(s.norms) >= 3 and not doc.view[s.start:s.end].rstrip().endswith("?")
            and not doc.in_quote(s.start, s.end)
        ]
    return doc.cache["factual"]


def single_source(doc: Document, rule, ctx) -> Iterator[Finding]:
    facts = factual_sentences(doc)
    ledger = analyse(doc).ledger
    where = _body_start(doc)
    if where and len(facts) >= ctx.setting("balance.min-sentences") and len(ledger) == 1:
        name, count = ledger[0]
        yield Finding(*where, {"source": name, "count": count})


def no_named_source(doc: Document, rule, ctx) -> Iterator[Finding]:
    facts = factual_sentences(doc)
    where = _body_start(doc)
    if where and len(facts) >= ctx.setting("balance.min-sentences") and not analyse(doc).ledger:
        yield Finding(*where, {"sentences": len(facts)})


def unattributed_share(doc: Document, rule, ctx) -> Iterator[Finding]:
    facts = factual_sentences(doc)
    where = _body_start(doc)
    if not where or len(facts) < ctx.setting("balance.min-sentences"):
        return
    bare = sum(1 for _, att in facts if att is None or att.kind in ("vague", "agentless"))
    share = bare / len(facts)
    if share > ctx.setting("balance.max-unattributed-share"):
        yield Finding(*where, {"unattributed": bare, "total": len(facts), "share": f"{share:.0%}"})
