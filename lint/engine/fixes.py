"""Applying fixes to a draft's text: safe fixes only unless asked, never overlapping."""
from __future__ import annotations

from typing import Sequence

from ..model import Diagnostic


def apply_fixes(text: str, diagnostics: Sequence[Diagnostic], unsafe: bool = False) -> tuple[str, int]:
    """The text with every applicable fix made, and how many were made.

    Fixes are applied left to right; one that overlaps a fix already made is skipped (a second
    run picks it up once the text has settled).
    """
    fixes = sorted(
        (d for d in diagnostics if d.fix is not None and (d.fix.safe or unsafe)),
        key=lambda d: (d.start, d.end),
    )
    out: list[str] = []
    cursor = 0
    made = 0
    for d in fixes:
        if d.start < cursor:
            continue
        out.append(text[cursor:d.start])
        out.append(d.fix.replacement)  # type: ignore[union-attr]
        cursor = d.end
        made += 1
    out.append(text[cursor:])
    return "".join(out), made
