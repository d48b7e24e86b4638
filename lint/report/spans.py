"""Overlapping spans of a text as well-formed HTML: nested spans nest, and a span that crosses
another's end is closed and reopened after it, so both stay visible."""
from __future__ import annotations

from html import escape
from typing import Callable, Iterable, NamedTuple


class Span(NamedTuple):
    start: int
    end: int
    key: str  # the same for every piece of one span
    tag: str
    attrs: str  # the attributes of every piece ...
    first: str  # ... and those of its first piece only (an id, focus)
    order: int  # among spans of the same extent, lower opens outside


def text_html(text: str) -> str:
    """Escaped text with every line break made "\\n" (the page keeps the source's line breaks)."""
    return escape(text, quote=False).replace("\r\n", "\n").replace("\r", "\n")


def prose_writer(view: str, text: str) -> Callable[[int, int], str]:
    """The prose of text[a:b] as HTML: the view's characters without the markup it blanked (a space
    where the source has none), escaped. Most drafts need neither step, and are spared both."""
    same = view == text
    special = any(c in view for c in "&<>\r")

    def prose(a: int, b: int) -> str:
        shown = view[a:b]
        if not same and shown != text[a:b]:
            shown = "".join(v for v, t in zip(shown, text[a:b]) if v != " " or t.isspace())
        return text_html(shown) if special else shown

    return prose


def spans_html(prose: Callable[[int, int], str], start: int, end: int, spans: Iterable[Span],
               markers: dict[int, str], opened: set[str]) -> str:
    """prose(start, end) with each span (clipped to it) as an element, markers (offset -> HTML, e.g.
    a line number) inserted where they fall; `opened` collects the keys drawn."""
    starting: dict[int, list[Span]] = {}
    ends: set[int] = set()
    for span in spans:
        a, b = span.start, span.end
        if a == b:  # an empty span opens and closes where it is
            if not start <= a < end:
                continue
        elif a < start or b > end:
            a, b = max(a, start), min(b, end)
            if a >= b:
                continue
            span = span._replace(start=a, end=b)
        starting.setdefault(a, []).append(span)
        ends.add(b)
    if not starting and len(markers) == 1 and start in markers:  # (a plain one-line block)
        return markers[start] + prose(start, end)
    out: list[str] = []
    stack: list[Span] = []
    last = start
    for x in sorted({start, end, *markers, *starting, *ends}):
        if x > last:
            out.append(prose(last, x))
            last = x
        reopen: list[Span] = []
        if stack and x in ends:  # close down to the outermost span ending here; the others reopen after it
            k = len(stack)
            while k and stack[k - 1].end == x:  # (most often only these end here, and nothing reopens)
                k -= 1
            for i in range(k):
                if stack[i].end == x:
                    k = i
                    break
            for span in reversed(stack[k:]):
                out.append(f"</{span.tag}>")
                if span.end != x:
                    reopen.insert(0, span)
            del stack[k:]
        if x in markers:
            out.append(markers[x])
        opening = reopen + starting[x] if x in starting else reopen
        if len(opening) > 1:
            opening.sort(key=_nesting)
        for span in opening:
            if span.key in opened:
                out.append(f"<{span.tag}{span.attrs}>")
            else:
                opened.add(span.key)
                out.append(f"<{span.tag}{span.attrs}{span.first}>")
            if span.start == span.end:
                out.append(f"</{span.tag}>")
            else:
                stack.append(span)
    return "".join(out)


def _nesting(span: Span) -> tuple[int, int, int]:
    """Longer spans open first, so that they hold the shorter ones."""
    return -span.end, span.start, span.order
