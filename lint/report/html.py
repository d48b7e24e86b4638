"""One draft's page: the draft as it reads, every span finding highlighted where it is, the
scorecard beside it. One self-contained file: inline CSS, no script, nothing loaded from anywhere.

Nothing in the page comes from the draft but escaped text: the draft is rendered from the prose
view (markup, link targets and comments blanked), with the blocks' structure and the source's
line breaks and line numbers.
"""
from __future__ import annotations

import bisect
import functools
import os
import re
from datetime import datetime, timezone
from html import escape
from typing import NamedTuple

from .. import __version__
from ..model import Diagnostic, Rule
from ..registry.ruledocs import FAMILIES, family_name
from . import charts
from .draft import DraftReport
from .relations import GROUP_OF_CLASS, READER_GROUPS, RelationView
from .spans import Span, prose_writer, spans_html
from .style import BAL_COLOUR, family_style, page_css

_ORDERED_ITEM = re.compile(r"[ \t>]*\d{1,9}[.)][ \t]*\Z")
_UNDERLINE_NAMES = {"solid": "solid underline", "wavy": "wavy underline", "dashed": "dashed underline",
                    "dotted": "dotted underline", "double": "double underline"}
_LEDGER_BARS = 12  # more sources are counted in a line below the chart
_SNIPPET = 90  # characters of a relation's cue or content in the list
_GROUP_LEGEND = ('<ul class="plain">' + "".join(f"<li>{charts.swatch(group)}{label}</li>"
                                                 for group, label in READER_GROUPS.items()) + "</ul>")


def build_date() -> datetime:
    """Now, or SOURCE_DATE_EPOCH when set (reproducible builds); ValueError names a bad value."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is None:
        return datetime.now(timezone.utc).replace(microsecond=0)
    try:
        return datetime.fromtimestamp(int(value), timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise ValueError(f"SOURCE_DATE_EPOCH: {value!r} is not a number of seconds since 1970") from None


def date_html(when: datetime) -> str:
    return f'<time datetime="{when.strftime("%Y-%m-%dT%H:%M:%SZ")}">{when.strftime("%Y-%m-%d %H:%M UTC")}</time>'


class Unit(NamedTuple):
    """A block as the page shows it; a dateline is drawn inside the paragraph it opens."""

    kind: str
    level: int
    start: int
    end: int
    meta: tuple[int, int] | None = None


def units_of(report: DraftReport) -> list[Unit]:
    doc = report.doc
    units: list[Unit] = []
    paragraphs = doc.paragraphs
    skip = False
    for i, p in enumerate(paragraphs):
        if skip:
            skip = False
            continue
        after = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
        if p.kind == "metadata" and after and doc.lines.position(after.start)[0] == doc.lines.position(p.end)[0]:
            units.append(Unit(after.kind, after.level, p.start, after.end, (p.start, p.end)))
            skip = True
        else:
            units.append(Unit(p.kind, p.level, p.start, p.end))
    return units


def _container(report: DraftReport, unit: Unit) -> str | None:
    if unit.kind == "blockquote":
        return "blockquote"
    if unit.kind != "list_item":
        return None
    starts = report.doc.lines.starts
    line_start = starts[bisect.bisect_right(starts, unit.start) - 1]
    return "ol" if _ORDERED_ITEM.match(report.doc.text, line_start, unit.start) else "ul"


def _element(unit: Unit) -> tuple[str, str]:
    if unit.kind == "heading":
        return f"h{min(unit.level + 1, 6)}", ' class="u"'
    if unit.kind == "list_item":
        return "li", ' class="u"'
    return "p", ' class="u meta"' if unit.kind == "metadata" else ' class="u"'


@functools.lru_cache(maxsize=256)
def _advice(rule: Rule | None) -> str:
    """The rule's help, escaped once (codes, names and severities are checked plain words)."""
    return f" Advice: {escape(rule.help)}" if rule and rule.help else ""


def _explained(report: DraftReport, d: Diagnostic) -> str:
    """The finding's message and its rule's advice, escaped."""
    return escape(d.message) + _advice(report.rules.get(d.code))


def _finding_spans(shown: list[tuple[int, Diagnostic, str]]) -> list[Span]:
    return [Span(d.start, d.end, f"f{i}", "mark",
                 f' class="f f-{d.code[:3]}" data-f="{i}" data-rule="{d.code}" data-tip="{d.code} {d.name} '
                 f'({d.severity}): {why}"', f' id="f{i}" tabindex="0" aria-describedby="d{i}"', i)
            for i, d, why in shown]


def _relation_spans(relations: tuple[RelationView, ...], base: int) -> list[Span]:
    spans = []
    for j, r in enumerate(relations):
        key = f"r{j}"
        spans.append(Span(*r.cue, key, "span", ' class="rc"', f' id="{key}"', base + 3 * j))
        if r.source:
            spans.append(Span(*r.source, f"{key}s", "span", ' class="rs"', "", base + 3 * j + 1))
        spans.extend(Span(a, b, f"{key}t{k}", "span", ' class="rt"', "", base + 3 * j + 2)
                     for k, (a, b) in enumerate(r.content))
    return spans


def draft_html(report: DraftReport, shown: list[tuple[int, Diagnostic, str]]) -> str:
    """The draft's blocks with their highlights (findings as (number, diagnostic, explanation))."""
    doc = report.doc
    opened: set[str] = set()  # the spans whose first piece is out
    spans = _finding_spans(shown) + _relation_spans(report.relations, len(report.diagnostics))
    spans.sort(key=lambda s: s.start)
    line_starts = doc.lines.starts
    prose = prose_writer(doc.view, doc.text)
    out: list[str] = []
    container = None
    active: list[Span] = []  # the spans that may reach the unit at hand
    taken = 0
    for unit in units_of(report):
        while taken < len(spans) and spans[taken].start < unit.end:
            active.append(spans[taken])
            taken += 1
        active = [s for s in active if s.end >= unit.start]
        wanted = _container(report, unit)
        if wanted != container:
            if container:
                out.append(f"</{container}>")
            if wanted:
                out.append(f"<{wanted}>")
            container = wanted
        here = list(active)
        if unit.meta:
            here.append(Span(*unit.meta, f"m{unit.start}", "span", ' class="meta"', "", -1))
        first_line = bisect.bisect_right(line_starts, unit.start)
        last_line = bisect.bisect_left(line_starts, unit.end)
        markers = {unit.start: f'<span class="ln" data-n="{first_line}"></span>'}
        markers.update((line_starts[k], f'<span class="ln" data-n="{k + 1}"></span>')
                       for k in range(first_line, last_line))
        body = spans_html(prose, unit.start, unit.end, here, markers, opened)
        tag, attrs = _element(unit)
        out.append(f"<{tag}{attrs}>{body}</{tag}>")
    if container:
        out.append(f"</{container}>")
    return "".join(out)


def _families_html(report: DraftReport) -> str:
    rows = []
    for family, count in report.card.families.items():
        if family == "BAL":
            swatch = f'<span class="sw" style="background:{BAL_COLOUR}">BAL</span>'
            cue = "on the whole draft"
        else:
            swatch = f'<span class="sw sw-{family}">{family}</span>'
            cue = _UNDERLINE_NAMES.get(family_style(family)[2], "")
        # (a family is a code's three capitals, its name one of FAMILIES: plain words)
        rows.append(f'<tr><td>{swatch}</td><td>{family_name(family)}</td><td>{cue}</td>'
                    f'<td class="n">{count}</td></tr>')
    return ('<table class="legend"><thead><tr><th>Family</th><th></th><th>Shown as</th><th class="n">Findings</th>'
            f'</tr></thead><tbody>{"".join(rows)}</tbody></table>')


def _ledger_html(report: DraftReport) -> str:
    entries = report.ledger
    if not entries:
        return "<p>No source is named or cited.</p>"
    bars = [(e.name or e.source_class, e.count, GROUP_OF_CLASS[e.source_class],
             READER_GROUPS[GROUP_OF_CLASS[e.source_class]]) for e in entries[:_LEDGER_BARS]]
    chart = charts.ledger_chart(bars, "Sources by how often the draft attributes to them")
    rest = entries[_LEDGER_BARS:]
    more = f"<p>and {len(rest)} more sources, {sum(e.count for e in rest)} attributions</p>" if rest else ""
    return f'{chart}{more}{_GROUP_LEGEND}'


def _snippet(report: DraftReport, a: int, b: int) -> str:
    words = " ".join(report.doc.view[a:b].split())
    return escape(words if len(words) <= _SNIPPET else words[:_SNIPPET - 1] + "…")


def _relations_html(report: DraftReport) -> str:
    relations = report.relations
    if not relations:
        return "<p>No attribution found.</p>"
    items = []
    for j, r in enumerate(relations):
        line = report.doc.lines.position(r.cue[0])[0]
        group = GROUP_OF_CLASS[r.source_class]
        source = escape(r.name) if r.name else _snippet(report, *r.source) if r.source else "none named"
        content = " … ".join(_snippet(report, a, b) for a, b in r.content) or "not marked"
        items.append(f'<li><a href="#r{j}">line {line}</a> <span class="gs gs-{group}"></span>'
                     f'{escape(r.source_class)}: '
                     f'<b>{source}</b>; cue <span class="q">“{_snippet(report, *r.cue)}”</span>; '
                     f'content <span class="q">{content}</span></li>')
    return ('<p class="tool"><input type="checkbox" id="show-rel"> <label for="show-rel">Show each cue '
            '(boxed), source (double underline) and content (tinted) in the draft</label></p>'
            f'<details><summary>{len(relations)} attribution{"s" * (len(relations) != 1)}</summary>'
            f'<ol class="rels">{"".join(items)}</ol></details>')


def _finding_note(d: Diagnostic, why: str, note_id: str = "") -> str:
    attr = f' id="{note_id}"' if note_id else ""
    return f"<li{attr}><b>{d.code} {d.name}</b>, line {d.line}:{d.column}, {d.severity}: {why}</li>"


def scorecard_html(report: DraftReport, on_document: list[Diagnostic]) -> str:
    card = report.card
    above = card.grade - card.target_grade
    versus = f"{above:.1f} above" if above > 0.05 else "at or below it"
    bare = len(card.unattributed)
    share = bare / card.factual_sentences if card.factual_sentences else 0.0
    notes = "".join(_finding_note(d, _explained(report, d)) for d in on_document) or "<li>None.</li>"
    return (
        '<h2>Readability</h2>'
        f'<p><span class="fig">{card.grade:.1f}</span> Flesch–Kincaid grade; the target is '
        f'{card.target_grade:g} ({versus}).<br>Reading ease {card.ease:.1f}; {card.words} words in '
        f'{card.sentences} sentences.</p>'
        f'<h2>Findings by family</h2>{_families_html(report)}'
        '<h2>Claims with no attribution</h2>'
        f'<p><span class="fig">{share:.0%}</span> of factual sentences ({bare} of {card.factual_sentences}) '
        'carry no attribution, or only a vague or agentless one.</p>'
        f'<div class="bar" aria-hidden="true"><span style="width:{share * 100:.0f}%"></span></div>'
        f'<h2>Who is quoted</h2>{_ledger_html(report)}'
        f'<h2>On the whole draft</h2><ul class="plain">{notes}</ul>'
        f'<h2>Who says what</h2>{_relations_html(report)}'
    )


def page(report: DraftReport, when: datetime, index_href: str | None = None) -> str:
    """The whole page; the same report and date give the same bytes."""
    span_findings = [(i, d, _explained(report, d)) for i, d in enumerate(report.diagnostics)
                     if not report.on_document(d)]
    # (The engine keeps a span finding only where it starts in a paragraph, and the page draws
    # every paragraph: each is drawn.)
    draft = draft_html(report, span_findings)
    notes = "".join(_finding_note(d, why, f"d{i}") for i, d, why in span_findings)
    on_document = [d for d in report.diagnostics if report.on_document(d)]
    families = (*FAMILIES, *sorted({d.code[:3] for d in report.diagnostics} - set(FAMILIES)))
    path = escape(report.doc.path)
    back = f' · <a href="{escape(index_href)}">archive index</a>' if index_href else ""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="copydesk {__version__}">'
        f"<title>copydesk: {path}</title><style>{page_css(families)}</style></head>\n<body>"
        f"{charts.patterns()}"
        f'<header class="top"><h1>{path}</h1><p>Checked by copydesk {__version__} on {date_html(when)}'
        f'{back}. Hover over or tab to a highlight for its rule and advice.</p></header>\n'
        f'<div class="page"><main class="draft" aria-label="The draft">{draft}</main>\n'
        f'<aside aria-label="Scorecard">{scorecard_html(report, on_document)}</aside></div>\n'
        f'<section class="sr notes" aria-label="Findings in the draft"><h2>Findings in the draft</h2>'
        f'<ol>{notes}</ol></section>\n'
        f"<footer><p>copydesk {__version__}: facts for the editor, not a verdict.</p></footer>\n"
        "</body></html>\n"
    )
