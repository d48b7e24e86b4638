"""BAL checks: the source ledger read as facts for the editor, never as a verdict."""
from __future__ import annotations

from typing import Iterator

from ..model import Finding
from ..language.document import Document
from ..language.sources import NAMED


def _body_start(doc: Document) -> tuple[int, int] | None:
    """The first sentence of the body, where document-level findings sit."""
    for p in doc.body:
        if p.sentences:
            return p.sentences[0].start, p.sentences[0].end
    return None


def _named(doc: Document) -> list:
    """The ledger's named sources: people, organisations and documents (not unnamed groups)."""
    return [e for e in doc.analyses.attribution.ledger if e.kind in NAMED]


def single_source(doc: Document, rule, ctx) -> Iterator[Finding]:
    """One named source; a story that says another declined to comment has sought the other side."""
    facts, _ = doc.analyses.fact_tally
    named = _named(doc)
    where = _body_start(doc)
    if where and facts >= ctx.setting("balance.min-sentences") and len(named) == 1 and not any(
            e.declined for e in doc.analyses.attribution.ledger):
        yield Finding(*where, {"source": named[0].name, "count": named[0].relations})


def no_named_source(doc: Document, rule, ctx) -> Iterator[Finding]:
    facts, _ = doc.analyses.fact_tally
    where = _body_start(doc)
    if where and facts >= ctx.setting("balance.min-sentences") and not _named(doc):
        yield Finding(*where, {"sentences": facts})


def unattributed_share(doc: Document, rule, ctx) -> Iterator[Finding]:
    facts, bare = doc.analyses.fact_tally
    where = _body_start(doc)
    if not where or facts < ctx.setting("balance.min-sentences"):
        return
    share = bare / facts
    if share > ctx.setting("balance.max-unattributed-share"):
        yield Finding(*where, {"unattributed": bare, "total": facts, "share": f"{share:.0%}"})
