"""Every example in every rule pack runs: flag examples must flag, pass examples must pass."""
from __future__ import annotations

import pytest

from lint.config import Config
from lint.engine.linter import Linter
from lint.registry.packs import load_rules

RULES = load_rules()


def _cases(attr: str) -> list:
    out = []
    for rule in RULES:
        for n, example in enumerate(getattr(rule, attr)):
            out.append(pytest.param(rule, example, id=f"{rule.code}-{rule.name}-{n}"))
    return out


def _codes(example) -> list[str]:
    linter = Linter(Config(kind=example.kind))
    return [d.code for d in linter.check_text(example.text, example.path or "example.txt")]


@pytest.mark.parametrize("rule,example", _cases("flag_examples"))
def test_flag_example_is_flagged(rule, example):
    assert rule.code in _codes(example), f"{rule.code} should flag: {example.text!r}"


@pytest.mark.parametrize("rule,example", _cases("pass_examples"))
def test_pass_example_passes(rule, example):
    assert rule.code not in _codes(example), f"{rule.code} should pass: {example.text!r}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_has_examples_and_docs(rule):
    if rule.untestable:
        return  # says why in its pack, and has a test of its own
    assert rule.flag_examples, f"{rule.code} has no example that must flag"
    assert rule.pass_examples, f"{rule.code} has no example that must pass"
    assert all(getattr(rule.docs, k).strip() for k in ("what", "why", "example", "instead"))


def test_codes_and_names_are_unique_and_fixed():
    names = {r.name for r in RULES}
    assert len(names) == len(RULES) == len({r.code for r in RULES})
    fixed = {
        "vague-source", "agentless-attribution", "unsourced-figure", "anonymous-source", "quote-without-speaker",
        "loaded-attribution-verb", "reporter-speculation", "stacked-hedges", "hedge-density",
        "evaluative-language", "prescriptive-voice", "first-person", "opinion-section", "long-sentence",
        "hard-sentence", "long-paragraph", "document-grade", "single-source", "no-named-source",
        "unattributed-share",
    }
    assert fixed <= names
