"""The plain-text adapter: paragraphs split at blank lines; headings, bylines and datelines stand
alone. Plain text has no markup, so the prose view is the text itself."""
from __future__ import annotations

import re

from .prose import Block, Prose
from .source import LineIndex

_NAME = r"[A-Z][\w.'’-]*"
_BYLINE = re.compile(
    rf"^(?:(?:[Ww]ritten|[Rr]eported|[Ss]tory|[Ww]ords)\s+)?[Bb]y\s+{_NAME}(?:\s+(?:and|&|{_NAME}))*"
    rf"(?:,\s+{_NAME}(?:\s+{_NAME})*)?\.?$"
)
_STAMP = re.compile(r"^(?:updated|published|posted|filed)\b.{0,60}$", re.I)
# "WASHINGTON (AP) —", "KYIV, Ukraine —", "LONDON -- "
_DATELINE = re.compile(r"^[A-Z][A-Z.'\- ]{2,}(?:,\s+[A-Z][\w.' ]+)?(?:\s+\([\w ]+\))?\s*(?:—|–|--|-)\s*")
_CLOSING = ".!?:;,\"'”’)…"
_UNWRAPPED = 100  # a line this long is a whole paragraph, not a hard-wrapped piece


def _is_heading(line: str, before: str | None, after: str | None, alone_before: bool) -> bool:
    if len(line) > 90 or line[-1] in _CLOSING or not 0 < len(line.split()) <= 12:
        return False
    if not (line[0].isupper() or line[0].isdigit()):
        return False
    # It must stand alone: not the wrapped tail of a paragraph, not run into the next line.
    before_ok = alone_before or before is None or not before.strip() or before.rstrip()[-1] in ".!?\"”’:"
    after_ok = after is None or not after.strip() or after.lstrip()[:1].isupper() or after.lstrip()[:1] in "\"“"
    return before_ok and after_ok


def plain_prose(text: str) -> Prose:
    """Paragraphs split at blank lines; unwrapped lines, headings and bylines stand alone."""
    starts = LineIndex.of(text).starts
    ends = (*starts[1:], len(text))

    def line(i: int) -> str:
        """Line i without its break; sliced when needed, never all at once (a 50 MB draft's
        lines as strings took 70 MB)."""
        return text[starts[i]:ends[i]].rstrip("\r\n")

    unwrapped = any(len(line(i)) > _UNWRAPPED for i in range(len(starts)))
    blocks: list[Block] = []
    run: list[tuple[int, int]] = []

    def flush() -> None:
        if run:
            blocks.append(Block("paragraph", run[0][0], run[-1][1]))
            run.clear()

    alone = True  # the previous line stood alone (start, blank, heading or byline)
    content, after = None, line(0)
    for i, start in enumerate(starts):
        before, content = content, after
        after = line(i + 1) if i + 1 < len(starts) else None
        stripped = content.strip()
        if not stripped:
            flush()
            alone = True
            continue
        lead = start + len(content) - len(content.lstrip())
        stop = start + len(content.rstrip())
        if _BYLINE.match(stripped) or _STAMP.match(stripped):
            flush()
            blocks.append(Block("metadata", lead, stop))
            alone = True
        elif _is_heading(stripped, before, after, alone):
            flush()
            blocks.append(Block("heading", lead, stop, 2))
            alone = True
        else:
            alone = False
            dateline = _DATELINE.match(stripped) if not run else None
            if dateline:
                blocks.append(Block("metadata", lead, lead + len(dateline.group().rstrip())))
                lead += dateline.end()
            run.append((lead, stop))
            if unwrapped:
                flush()
    flush()
    return Prose(text, tuple(sorted(blocks, key=lambda b: b.start)))
