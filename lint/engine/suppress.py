"""Inline suppression, read from parsed HTML comments in Markdown only."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Sequence

from ..model import Rule
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
    code: str
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
            problems.append(Problem(*where, "blanket-suppression", f"copydesk-{action}"))
            continue
        for word in names:
            rules = lookup(word)
            if not rules:
                problems.append(Problem(*where, "unknown-suppression", word))
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
