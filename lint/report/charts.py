"""Inline SVG charts: the source ledger's bars and the archive's monthly rates. Every label is
escaped text; a <title> on each bar gives its figure to a pointer and to screen readers."""
from __future__ import annotations

import functools
from html import escape
from typing import Sequence

from .style import GROUP_COLOURS

_ROW = 22  # px per ledger bar
_LABEL = 136  # px for the ledger's names
_BARS = 150  # px for the longest bar
_NAME_CHARS = 19  # a longer name is cut, whole in the bar's title


@functools.lru_cache(maxsize=1)
def patterns() -> str:
    """One fill pattern per reader group (colour plus a texture, so groups differ without colour),
    defined once in a page and referenced by fill:url(#pat-GROUP)."""
    textures = {
        "named": "",
        "document": '<path d="M0 2H6M0 5H6" stroke="#fff" stroke-width="1"/>',
        "anonymous": '<path d="M-1 1L1 -1M0 6L6 0M5 7L7 5" stroke="#fff" stroke-width="1.2"/>',
        "vague": '<circle cx="1.5" cy="1.5" r="1" fill="#fff"/><circle cx="4.5" cy="4.5" r="1" fill="#fff"/>',
    }
    defs = "".join(
        f'<pattern id="pat-{group}" width="6" height="6" patternUnits="userSpaceOnUse">'
        f'<rect width="6" height="6" fill="{colour}"/>{textures[group]}</pattern>'
        for group, colour in GROUP_COLOURS.items()
    )
    return f'<svg class="pat" aria-hidden="true" focusable="false"><defs>{defs}</defs></svg>'


def swatch(group: str) -> str:
    return (f'<svg width="14" height="14" aria-hidden="true" focusable="false" class="gs">'
            f'<rect width="14" height="14" rx="2" class="g-{group}"/></svg>')


def ledger_chart(bars: Sequence[tuple[str, int, str, str]], label: str) -> str:
    """Horizontal bars: (name, count, reader group, group label) each, most first."""
    if not bars:
        return ""
    top = max(count for _, count, _, _ in bars) or 1
    height = _ROW * len(bars)
    width = _LABEL + _BARS + 34
    rows = []
    for i, (name, count, group, group_label) in enumerate(bars):
        y = i * _ROW
        shown = name if len(name) <= _NAME_CHARS else name[:_NAME_CHARS - 1] + "…"
        length = max(2, round(_BARS * count / top))
        rows.append(
            f'<g><title>{escape(name)}: {count} ({escape(group_label)})</title>'
            f'<text x="{_LABEL - 6}" y="{y + 15}" text-anchor="end">{escape(shown)}</text>'
            f'<rect x="{_LABEL}" y="{y + 4}" width="{length}" height="14" rx="2" class="g-{group}"/>'
            f'<text x="{_LABEL + length + 4}" y="{y + 15}">{count}</text></g>'
        )
    return (f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
            f'aria-label="{escape(label)}" style="font:12px system-ui,sans-serif">{"".join(rows)}</svg>')


def month_chart(months: Sequence[tuple[str, float | None]], label: str, colour: str) -> str:
    """Vertical bars, one a month in order (None: no dated draft that month), each January labelled."""
    width_each = max(3, min(18, 540 // max(1, len(months))))
    plot_h, pad_left, pad_bottom = 110, 34, 18
    top = max((v for _, v in months if v), default=0) or 1
    width = pad_left + width_each * len(months) + 4
    height = plot_h + pad_bottom + 6
    parts = [f'<line x1="{pad_left}" y1="{plot_h + 2}" x2="{width}" y2="{plot_h + 2}" stroke="#999"/>',
             f'<text x="{pad_left - 4}" y="10" text-anchor="end">{top:.2f}</text>',
             f'<text x="{pad_left - 4}" y="{plot_h + 2}" text-anchor="end">0</text>']
    for i, (month, value) in enumerate(months):
        x = pad_left + i * width_each
        if value is not None:
            h = round(plot_h * value / top, 1)
            parts.append(f'<rect x="{x + 0.5}" y="{plot_h + 2 - h}" width="{max(1, width_each - 1)}" height="{h}" '
                         f'fill="{colour}"><title>{month}: {value:.2f}</title></rect>')
        if month.endswith("-01") or (i == 0 and int(month[5:]) < 10):  # (a year's label needs room)
            parts.append(f'<text x="{x}" y="{plot_h + 16}">{month[:4]}</text>')
    return (f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
            f'aria-label="{escape(label)}">{"".join(parts)}</svg>')
