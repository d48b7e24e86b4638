"""BAL checks: the source ledger read as facts for the editor, never as a verdict."""
from __future__ import annotations

from typing import Iterator

from ..model import Finding
from ..language.document import Document


def _body_start(doc: Document) -> tuple[int, int] | None:
    """The first sentence of the body, where document-level findings sit."""
    for p in doc.body:
        if p.sentences:
            return p.sentences[0].start, p.sentences[0].end
    return None


def single_source(doc: Document, rule, ctx) -> Iterator[Finding]:
    facts, _ = doc.analyses.fact_tally
    ledger = doc.analyses.attribution.ledger
    where = _body_start(doc)
    if where and facts >= ctx.setting("balance.min-sentences") and len(ledger) == 1:
        name, count = ledger[0]
        yield Finding(*where, {"source": name, "count": count})


def no_named_source(doc: Document, rule, ctx) -> Iterator[Finding]:
    facts, _ = doc.analyses.fact_tally
    where = _body_start(doc)
    if where and facts >= ctx.setting("balance.min-sentences") and not doc.analyses.attribution.ledger:
        yield Finding(*where, {"sentences": facts})


def unattributed_share(doc: Document, rule, ctx) -> Iterator[Finding]:
    facts, bare = doc.analyses.fact_tally
    where = _body_start(doc)
    if not where or facts < ctx.setting("balance.min-sentences"):
        return
    share = bare / facts
    if share > ctx.setting("balance.max-unattributed-share"):
        yield Finding(*where, {"unattributed": bare, "total": facts, "share": f"{share:.0%}"})
