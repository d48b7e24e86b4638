"""Every example in every rule pack runs: a flag example is flagged exactly where it marks (and with
the message and fix it gives), a pass example is not flagged."""
from __future__ import annotations

from dataclasses import replace

import pytest

import lint.engine.linter as linter_module
from lint.config import Config
from lint.engine.linter import Linter
from lint.model import Diagnostic, Fix
from lint.registry.packs import load_rules
from lint.registry.ruledocs import rule_doc

RULES = load_rules()


def _cases(attr: str) -> list:
    out = []
    for rule in RULES:
        for n, example in enumerate(getattr(rule, attr)):
            out.append(pytest.param(rule, example, id=f"{rule.code}-{rule.name}-{n}"))
    return out


def _found(rule, example) -> list[Diagnostic]:
    linter = Linter(Config(kind=example.kind))
    return [d for d in linter.check_text(example.text, example.path or "example.txt") if d.code == rule.code]


def _marked(text: str, spans) -> str:
    """The text with [[ ]] around each span, as a pack writes it: a failure shows both side by side."""
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], "[[", text[start:end], "]]"]
        last = end
    return "".join(out) + text[last:]


def _mismatch(rule, example) -> str | None:
    """What the rule reports on a flag example that the example does not expect, or None."""
    found = _found(rule, example)
    spans = tuple((d.start, d.end) for d in found)
    if not found:
        return f"{rule.code} should flag: {example.text!r}"
    if example.spans and spans != example.spans:
        got, wanted = _marked(example.text, spans), _marked(example.text, example.spans)
        return f"{rule.code} flags {got!r}, the pack marks {wanted!r}"
    if example.message is not None and {d.message for d in found} != {example.message}:
        return f"{rule.code} says {[d.message for d in found]}, the pack {example.message!r}"
    fixes = {d.fix.replacement if d.fix else None for d in found}
    if example.replacement is not None and fixes != {example.replacement}:
        return f"{rule.code} offers {sorted(fixes, key=str)}, the pack {example.replacement!r}"
    return None


@pytest.mark.parametrize("rule,example", _cases("flag_examples"))
def test_flag_example_is_flagged_where_it_marks(rule, example):
    mismatch = _mismatch(rule, example)
    assert mismatch is None, mismatch


def test_every_built_in_flag_example_marks_what_it_flags():
    """A user's pack may leave its examples unmarked; copydesk's own pin every finding."""
    unmarked = [f"{rule.code}: {ex.text[:40]!r}" for rule in RULES for ex in rule.flag_examples if not ex.spans]
    assert not unmarked


# -- the pins bite: a rule whose findings go wrong fails its examples -----------------------


def _tamper(monkeypatch: pytest.MonkeyPatch, rule, change) -> None:
    """Pass the rule's findings through change, as a bug in its check would."""
    real = linter_module.runner

    def runner(r):
        check = real(r)
        return check if r.code != rule.code else lambda doc, r, ctx: map(change, check(doc, r, ctx))

    monkeypatch.setattr(linter_module, "runner", runner)


@pytest.mark.parametrize("rule", [r for r in RULES if r.flag_examples and r.kind != "engine"], ids=lambda r: r.code)
def test_a_rule_that_reports_offsets_0_to_1_fails_every_flag_example(monkeypatch, rule):
    _tamper(monkeypatch, rule, lambda f: f._replace(start=0, end=1))
    assert all(_mismatch(rule, example) for example in rule.flag_examples)


PINNED = [r for r in RULES if r.kind != "engine" and any(ex.message for ex in r.flag_examples)]


@pytest.mark.parametrize("rule", PINNED, ids=lambda r: r.code)
def test_a_rule_that_says_the_wrong_figures_fails_the_example_pinning_its_message(monkeypatch, rule):
    _tamper(monkeypatch, rule, lambda f: f._replace(args={key: "?" for key in f.args}))
    assert all(_mismatch(rule, example) for example in rule.flag_examples if example.message)


def test_a_rule_that_offers_another_fix_fails_the_example_pinning_its_replacement(monkeypatch):
    rule = next(r for r in RULES if r.name == "loaded-attribution-verb")
    _tamper(monkeypatch, rule, lambda f: f._replace(fix=Fix("stated", safe=False)))
    assert all(_mismatch(rule, example) for example in rule.flag_examples)


def test_an_example_pinning_another_span_message_or_fix_fails():
    rule = next(r for r in RULES if r.name == "loaded-attribution-verb")
    example = rule.flag_examples[0]  # The senator [[claimed]] the bill would cut costs.
    assert _mismatch(rule, example) is None
    for wrong in (dict(spans=((12, 18),)), dict(spans=((12, 19), (20, 23))), dict(message="Loaded."),
                  dict(replacement="stated")):
        assert _mismatch(rule, replace(example, **wrong)), wrong


@pytest.mark.parametrize("rule", [r for r in RULES if r.flag_examples], ids=lambda r: r.code)
def test_the_rule_page_shows_the_examples_without_their_markers(rule):
    page = rule_doc(rule)
    assert "[[" not in page and "]]" not in page
    assert all(ex.text.strip("\n").splitlines()[0] in page for ex in rule.flag_examples)


@pytest.mark.parametrize("rule,example", _cases("pass_examples"))
def test_pass_example_passes(rule, example):
    assert not _found(rule, example), f"{rule.code} should pass: {example.text!r}"


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
