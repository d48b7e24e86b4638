"""BAL checks: the source ledger read as facts for the editor, never as a verdict."""
from __future__ import annotations

from typing import Iterator

from ..language.relations import Attribution, analyse
from ..model import Finding
from ..language.segment import Document, Sentence


def _body_start(doc: Document) -> tuple[int, int] | None:
    """The first sentence of the body, where document-level findings sit."""
    for p in doc.body:
        if p.sentences:
            return p.sentences[0].start, p.sentences[0].end
    return None


def _factual(doc: Document) -> Iterator[tuple[Sentence, Attribution | None]]:
    """Body sentences that state something (not questions, not wholly quoted), with their attributions."""
    analysis, view = analyse(doc), doc.view
    return ((s, att) for s, att in zip(analysis.sentences, analysis.attributions)
            if len(s.norms) >= 3 and not view[s.start:s.end].rstrip().endswith("?")
            and not doc.in_quote(s.start, s.end))


def factual_sentences(doc: Document) -> list[tuple[Sentence, Attribution | None]]:
    """The factual sentences as a list, for the scorecard, which shows them."""
    return list(_factual(doc))


def _tally(doc: Document) -> tuple[int, int]:
    """Factual sentences, and those attributed to no one identifiable: counted once a document
    for the three BAL rules, which need no list of them (a 50 MB draft's would take 30 MB)."""
    if "factual" not in doc.cache:
        kinds = [att.kind if att else None for _, att in _factual(doc)]
        doc.cache["factual"] = (len(kinds), kinds.count(None) + kinds.count("vague") + kinds.count("agentless"))
    return doc.cache["factual"]


def single_source(doc: Document, rule, ctx) -> Iterator[Finding]:
    facts, _ = _tally(doc)
    ledger = analyse(doc).ledger
    where = _body_start(doc)
    if where and facts >= ctx.setting("balance.min-sentences") and len(ledger) == 1:
        name, count = ledger[0]
        yield Finding(*where, {"source": name, "count": count})


def no_named_source(doc: Document, rule, ctx) -> Iterator[Finding]:
    facts, _ = _tally(doc)
    where = _body_start(doc)
    if where and facts >= ctx.setting("balance.min-sentences") and not analyse(doc).ledger:
        yield Finding(*where, {"sentences": facts})


def unattributed_share(doc: Document, rule, ctx) -> Iterator[Finding]:
    facts, bare = _tally(doc)
    where = _body_start(doc)
    if not where or facts < ctx.setting("balance.min-sentences"):
        return
    share = bare / facts
    if share > ctx.setting("balance.max-unattributed-share"):
        yield Finding(*where, {"unattributed": bare, "total": facts, "share": f"{share:.0%}"})
