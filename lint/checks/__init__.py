"""Checks written in Python; each pack rule of kind "python" names one as module.function.

FIELDS is the one table of them all, as ruff's codes.rs is of its rules: each check with the
fields its findings supply to the rule's message (Finding.args) besides {text}, which the engine
supplies. A pack naming any other check, or a message using any other field, is rejected when it
loads; reading the table imports no check, so `copydesk rules` stays fast. A new check gets a
line here, and tests/test_packs.py fails when a line and its function disagree.
"""

FIELDS: dict[str, tuple[str, ...]] = {
    "attribution.vague_source": (),
    "attribution.agentless": (),
    "attribution.anonymous_source": (),
    "attribution.unsourced_figure": (),
    "attribution.quote_without_speaker": (),
    "balance.single_source": ("source", "count"),
    "balance.no_named_source": ("sentences",),
    "balance.unattributed_share": ("unattributed", "total", "share"),
    "hedging.speculation": (),
    "hedging.stacked_hedges": (),
    "hedging.hedge_density": ("hedged", "total"),
    "opinion.first_person": (),
    "opinion.opinion_section": (),
    "readability.long_sentence": ("words", "limit"),
    "readability.hard_sentence": ("grade", "limit"),
    "readability.long_paragraph": ("words", "sentences"),
    "readability.document_grade": ("grade", "target"),
}
