"""Inline suppression, read from parsed HTML comments in Markdown only."""
from __future__ import annotations

import heapq
import re
from dataclasses import dataclass
from typing import Callable, Sequence

from ..model import Rule
from ..registry.kinds import BLANKET_SUPPRESSION, UNKNOWN_SUPPRESSION
from ..language.document import Document

_DIRECTIVE = re.compile(r"^\s*copydesk-(disable-next-line|disable|enable)(?=\s|$)(.*)$", re.S)


@dataclass(frozen=True)
class Suppression:
    rule: Rule
    start: int  # offsets the suppression covers
    end: int
    comment: tuple[int, int]  # where the comment is, for reporting it
    word: str  # how the comment named the rule


@dataclass(frozen=True)
class Problem:
    """A suppression comment that is itself wrong: unknown rule or no rule named."""

    start: int
    end: int
    name: str  # the engine rule it is: blanket-suppression or unknown-suppression
    detail: str


def parse(doc: Document, lookup: Callable[[str], Sequence[Rule]]) -> tuple[list[Suppression], list[Problem]]:
    """lookup(word) gives the rules a code, name or prefix names (empty when unknown)."""
    suppressions: list[Suppression] = []
    problems: list[Problem] = []
    open_ranges: dict[str, tuple[Rule, int, tuple[int, int], str]] = {}
    for comment in doc.comments:
        m = _DIRECTIVE.match(comment.body)
        if not m:
            continue
        action, names = m.group(1), [w for w in re.split(r"[\s,]+", m.group(2)) if w]
        where = (comment.start, comment.end)
        if not names:
            problems.append(Problem(*where, BLANKET_SUPPRESSION, f"copydesk-{action}"))
            continue
        for word in names:
            rules = lookup(word)
            if not rules:
                problems.append(Problem(*where, UNKNOWN_SUPPRESSION, word))
                continue
            for rule in rules:
                if action == "disable":
                    open_ranges.setdefault(rule.code, (rule, comment.end, where, word))
                elif action == "enable":
                    if rule.code in open_ranges:
                        r, start, w, name = open_ranges.pop(rule.code)
                        suppressions.append(Suppression(r, start, comment.start, w, name))
                else:
                    start, end = _next_line(doc, comment.end)
                    suppressions.append(Suppression(rule, start, end, where, word))
    for rule, start, where, word in open_ranges.values():
        suppressions.append(Suppression(rule, start, len(doc.text), where, word))
    return suppressions, problems


def _next_line(doc: Document, offset: int) -> tuple[int, int]:
    """The span of the first non-blank line after the one holding offset."""
    starts = doc.lines.starts
    line, _ = doc.lines.position(offset)
    for i in range(line, len(starts)):
        end = starts[i + 1] if i + 1 < len(starts) else len(doc.text)
        if doc.text[starts[i]:end].strip():
            return starts[i], end
    return len(doc.text), len(doc.text)


def covering(suppressions: Sequence[Suppression], findings: Sequence[tuple[str, int]]) -> list[int | None]:
    """For each (rule code, offset), the index of the first suppression of that rule covering the
    offset, or None. One sweep a rule over offsets in order, with a heap of the suppressions
    begun so far, first index on top (one that ended is dropped when it comes to the top): n log n,
    where testing every suppression against every finding grew with the square of the draft."""
    by_rule: dict[str, list[tuple[int, int, int]]] = {}
    for i, s in enumerate(suppressions):
        by_rule.setdefault(s.rule.code, []).append((s.start, s.end, i))
    out: list[int | None] = [None] * len(findings)
    wanted: dict[str, list[tuple[int, int]]] = {}
    for k, (code, offset) in enumerate(findings):
        if code in by_rule:
            wanted.setdefault(code, []).append((offset, k))
    for code, points in wanted.items():
        spans = sorted(by_rule[code])
        active: list[tuple[int, int]] = []  # (index, end)
        j = 0
        for offset, k in sorted(points):
            while j < len(spans) and spans[j][0] <= offset:
                heapq.heappush(active, (spans[j][2], spans[j][1]))
                j += 1
            while active and active[0][1] <= offset:  # (offsets only grow: what ended stays ended)
                heapq.heappop(active)
            out[k] = active[0][0] if active else None
    return out
