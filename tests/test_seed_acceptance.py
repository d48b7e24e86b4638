"""The seed draft: what a standards editor expects copydesk to flag, and to leave alone."""
from __future__ import annotations

from pathlib import Path

import pytest

from lint.config import Config
from lint.engine.linter import Linter

SEED = Path(__file__).resolve().parent.parent / "seeds" / "ukraine-peace-talks.txt"
HEADINGS = (3, 7, 11, 15, 19)


@pytest.fixture(scope="module")
def news():
    return Linter(Config()).check_text(SEED.read_text(encoding="utf-8"), str(SEED))


def _find(diags, line, family, words):
    return [d for d in diags if d.line == line and d.code.startswith(family) and words in d.text]


@pytest.mark.parametrize("line,family,words", [
    (6, "ATT001", "Web-based research indicates"),
    (10, "ATT001", "Web searches reveal"),
    (13, "ATT001", "Web-based analysis suggests"),
    (14, "ATT001", "polls"),
    (17, "ATT001", "Web searches highlight"),
    (8, "ATT006", "touted"),
    (4, "ATT003", "estimated 5,000 soldiers"),
    (10, "HDG001", "could strain"),
    (13, "HDG001", "could embolden"),
    (14, "HDG001", "may resonate"),
    (17, "HDG001", "could exacerbate"),
    (9, "OPN001", "pragmatic"),
    (12, "OPN001", "sobering"),
    (16, "OPN001", "advantageous"),
    (17, "OPN002", "demands a"),
    (18, "OPN001", "defensible"),
    (19, "OPN004", "Our Take"),
])
def test_flagged_with_the_right_family(news, line, family, words):
    assert _find(news, line, family, words), f"expected {family} on line {line} for {words!r}"


def test_loaded_verb_offers_said(news):
    [touted] = _find(news, 8, "ATT006", "touted")
    assert (touted.column, touted.end_column) == (124, 130)
    assert touted.message == 'Loaded attribution verb "touted": "said" is neutral.'
    assert touted.fix is not None and touted.fix.replacement == "said" and not touted.fix.safe


def test_speculation_message_quotes_the_words(news):
    [strain] = _find(news, 10, "HDG001", "could strain")
    assert strain.message == (
        "Speculation in the reporter's voice \"could strain\": attribute it or state what is known."
    )


def test_nothing_flagged_inside_quotes(news):
    text = SEED.read_text(encoding="utf-8")
    for quote in ("“is not going anywhere”", "“stupidity”"):
        start = text.index(quote)
        inside = [d for d in news if start <= d.start < start + len(quote)]
        assert not inside, inside


def test_no_word_rules_on_byline_or_headings(news):
    word_rules = ("HDG", "OPN001", "OPN002", "OPN003")
    for d in news:
        if d.line == 1 or d.line in HEADINGS:
            assert not d.code.startswith(word_rules), d


def test_attributed_intent_is_not_reporter_speculation(news):
    assert not [d for d in news if d.line == 2 and d.code.startswith("HDG")]


def test_analysis_kind_drops_the_opinion_flags():
    diags = Linter(Config(kind="analysis")).check_text(SEED.read_text(encoding="utf-8"), str(SEED))
    assert not [d for d in diags if d.code.startswith("OPN") and d.line >= 19]
    assert not [d for d in diags if d.code in ("OPN001", "OPN002", "OPN003")]
    assert [d for d in diags if d.code == "HDG001"], "hedging is not relaxed by the piece's kind"
