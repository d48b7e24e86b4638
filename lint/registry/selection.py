"""Which rules run on a file, at what severity: the most specific selector wins."""
from __future__ import annotations

import fnmatch
from pathlib import PurePath
from typing import Iterable, Sequence

from ..model import Rule

ENGINE_FAMILY = "CPD"  # the engine's own diagnostics, on unless ignored by code


class UnknownRule(ValueError):
    pass


def specificity(selector: str, rules: Sequence[Rule]) -> tuple[int, list[Rule]]:
    """How specific a selector is and the rules it names; ALL < prefix < code or name."""
    if selector == "ALL":
        return 0, list(rules)
    by_name = [r for r in rules if r.name == selector]
    if by_name:
        return len(by_name[0].code), by_name
    matched = [r for r in rules if r.code.startswith(selector.upper())]
    if not matched or len(selector) < 3:
        raise UnknownRule(selector)
    return len(selector), matched


def check_selectors(selectors: Iterable[str], rules: Sequence[Rule]) -> None:
    for s in selectors:
        specificity(s, rules)


def matches_glob(path: str, pattern: str) -> bool:
    p = PurePath(path)
    return fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(p.name, pattern) or p.match(pattern)


def select(
    rules: Sequence[Rule],
    select: Sequence[str],
    extend_select: Sequence[str],
    ignore: Sequence[str],
    severity: Iterable[tuple[str, str]] = (),
) -> dict[str, str]:
    """code -> severity for every rule that runs."""
    verdict: dict[str, tuple[int, int, bool]] = {}  # code -> (specificity, ignore wins ties, on)
    for selectors, on in ((select, True), (extend_select, True), (ignore, False)):
        for s in selectors:
            spec, matched = specificity(s, rules)
            for rule in matched:
                key = (spec, 0 if on else 1, on)
                if rule.code not in verdict or key[:2] >= verdict[rule.code][:2]:
                    verdict[rule.code] = key
    chosen = {r.code: r.severity for r in rules if verdict.get(r.code, (0, 0, r.family == ENGINE_FAMILY))[2]}
    best: dict[str, int] = {}
    for s, sev in severity:
        spec, matched = specificity(s, rules)
        for rule in matched:
            if rule.code in chosen and spec >= best.get(rule.code, -1):
                best[rule.code] = spec
                chosen[rule.code] = sev
    return {code: sev for code, sev in chosen.items() if sev != "off"}
