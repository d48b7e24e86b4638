"""The archive view: a page per draft, an index table of them all, and the same table as data.

Each draft is read, linted, scored and drawn in one worker step (`report_task`), so the parent only
collects rows; the index's trends come from the drafts' dates (front matter `date:`, or a
YYYY-MM-DD in the path).
"""
from __future__ import annotations

import csv
import functools
import io
import json
import os
import re
from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from pathlib import Path, PurePath
from typing import Callable, Iterable, Sequence
from urllib.parse import quote

from .. import __version__
from ..engine.pool import Outcome, Task
from ..engine.resolve import linter_for
from ..text.source import read_draft
from ..registry.ruledocs import FAMILIES, family_name
from ..text.source import InputError
from . import charts
from .draft import DraftReport, report_of
from .html import date_html, page
from .style import GROUP_COLOURS, SORT_JS, index_css

# The rules behind the three trends, by name (names are stable; codes are assigned).
VAGUE = ("vague-source", "agentless-attribution")
FIGURES = ("unsourced-figure",)
SPECULATION = ("reporter-speculation",)
TRENDS = (("vague", "Vague sourcing", GROUP_COLOURS["vague"]),
          ("figures", "Unsourced figures", GROUP_COLOURS["document"]),
          ("speculation", "Reporter speculation", GROUP_COLOURS["anonymous"]))

_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n(.*?)^\1[ \t]*$", re.S | re.M)
_FRONT_DATE = re.compile(r"""^date[ \t]*[:=][ \t]*["']?(\d{4})-(\d\d)-(\d\d)""", re.M)
_PATH_DATE = re.compile(r"(?<!\d)(\d{4})-(\d\d)-(\d\d)(?!\d)")
_UNSAFE = re.compile(r"[^\w.-]+")


@dataclass(frozen=True)
class Row:
    """One draft in the index."""

    path: str  # relative to the folder, with /
    page: str | None  # the draft's page relative to the index, when pages are written
    date: str | None  # YYYY-MM-DD
    words: int
    grade: float
    target_grade: float
    families: dict[str, int]
    named_sources: int
    factual_sentences: int
    unattributed: int
    vague: int
    figures: int
    speculation: int

    @property
    def share(self) -> float:
        return self.unattributed / self.factual_sentences if self.factual_sentences else 0.0


def _valid(year: str, month: str, day: str) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def draft_date(text: str, relative: str) -> str | None:
    """The front matter's date, else the last YYYY-MM-DD in the path (the file name before folders)."""
    front = _FRONT_MATTER.match(text.lstrip("\ufeff"))
    found = _FRONT_DATE.search(front.group(2)) if front else None
    candidates = [found.groups()] if found else []
    candidates += reversed(_PATH_DATE.findall(relative))
    return next(filter(None, (_valid(*c) for c in candidates)), None)


def page_names(relatives: Iterable[str]) -> dict[str, str]:
    """Each draft's page, mirroring its relative path with safe names, unique even where the file
    system ignores case ("a b.md" and "a_b.md" both want a_b.md.html: the second gets a_b.md-2.html)."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for relative in relatives:
        parts = [_UNSAFE.sub("_", part).lstrip(".") or "_" for part in PurePath(relative).parts]
        stem = "/".join(parts)
        name, n = f"{stem}.html", 1
        while name.lower() in taken:
            n += 1
            name = f"{stem}-{n}.html"
        taken.add(name.lower())
        names[relative] = name
    return names


def relative_of(folder: str, path: str) -> str:
    return PurePath(path).relative_to(folder).as_posix()


def row_of(report: DraftReport, relative: str, page_name: str | None, text: str) -> Row:
    card = report.card
    counts = {name: 0 for name in (*VAGUE, *FIGURES, *SPECULATION)}
    for d in report.diagnostics:
        if d.name in counts:
            counts[d.name] += 1
    return Row(relative, page_name, draft_date(text, relative), card.words, round(card.grade, 1), card.target_grade,
               card.families, len(card.ledger), card.factual_sentences, len(card.unattributed),
               sum(counts[n] for n in VAGUE), sum(counts[n] for n in FIGURES),
               sum(counts[n] for n in SPECULATION))


def report_task(task: Task, pages: dict[str, tuple[str, str | None]], out_dir: str | None,
                when: datetime | None) -> Row | Outcome:
    """One draft: read, lint, score and (with out_dir) write its page; runs in a worker with --jobs.
    pages maps the draft's path to its path relative to the folder and its page's (folders made).
    A draft that cannot be read, or breaks the report, is an Outcome with its error line."""
    try:
        text = read_draft(Path(task.path)).text
    except InputError as err:
        return Outcome(task.path, error=str(err), fail_on=task.config.fail_on)
    relative, name = pages[task.path]
    try:
        report = report_of(linter_for(task.config), text, task.path)
        if out_dir and name and when:
            html = page(report, when, "../" * name.count("/") + "index.html")
            with open(os.path.join(out_dir, name), "wb") as f:
                f.write(html.encode("utf-8"))
        return row_of(report, relative, name, text)
    except OSError as err:
        return Outcome(task.path, error=f"{task.path}: cannot write its page ({err.strerror or err})",
                       fail_on=task.config.fail_on)
    except Exception as err:  # noqa: BLE001 (one draft's failure must not stop the archive)
        return Outcome(task.path, error=f"{task.path}: internal error while reporting ({type(err).__name__}: "
                                        f"{err}), skipped", fail_on=task.config.fail_on)


def work_for(folder: str, tasks: Sequence[Task], out_dir: Path | None, when: datetime | None
             ) -> Callable[[Task], Row | Outcome]:
    """The per-draft step for the batch runner (a partial, so worker processes can take it); the
    pages' folders are made here, once."""
    relatives = {t.path: relative_of(folder, t.path) for t in tasks}
    names = page_names(relatives.values()) if out_dir else {}
    if out_dir:
        for folder_name in {".", *(PurePath(name).parent.as_posix() for name in names.values())}:
            Path(out_dir, folder_name).mkdir(parents=True, exist_ok=True)
    pages = {path: (relative, names.get(relative)) for path, relative in relatives.items()}
    return functools.partial(report_task, pages=pages, out_dir=str(out_dir) if out_dir else None, when=when)


# --- the table as data ----------------------------------------------------------------------


def families_of(rows: Sequence[Row]) -> list[str]:
    """Every family a row counts (each scorecard counts the built-in ones), house packs' after."""
    return [*FAMILIES, *sorted({f for row in rows for f in row.families} - set(FAMILIES))]


def columns(families: Sequence[str]) -> list[str]:
    return ["path", "date", "words", "grade", "target_grade", *families, "named_sources", "factual_sentences",
            "unattributed", "unattributed_share", "vague_sourcing", "unsourced_figures", "reporter_speculation",
            "page"]


def row_dict(row: Row, families: Sequence[str]) -> dict[str, object]:
    values = [row.path, row.date, row.words, row.grade, row.target_grade, *(row.families.get(f, 0) for f in families),
              row.named_sources, row.factual_sentences, row.unattributed, round(row.share, 3), row.vague,
              row.figures, row.speculation, row.page]
    return dict(zip(columns(families), values))


def table_jsonl(rows: Sequence[Row]) -> str:
    families = families_of(rows)
    return "".join(json.dumps(row_dict(row, families), ensure_ascii=False) + "\n" for row in rows)


def table_csv(rows: Sequence[Row]) -> str:
    families = families_of(rows)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns(families))
    writer.writeheader()
    writer.writerows({k: "" if v is None else v for k, v in row_dict(row, families).items()} for row in rows)
    return out.getvalue()


def table_text(rows: Sequence[Row]) -> str:
    families = families_of(rows)
    head = ["DRAFT", "DATE", "GRADE", *families, "NAMED", "UNATTRIBUTED"]
    body = [[row.path, row.date or "", f"{row.grade:.1f}", *(str(row.families.get(f, 0)) for f in families),
             str(row.named_sources), f"{row.share:.0%}"] for row in rows]
    widths = [max(len(r[i]) for r in [head, *body]) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))).rstrip()
             for r in [head, *body]]
    return "\n".join(lines) + "\n"


# --- the index page -------------------------------------------------------------------------


def months_of(rows: Sequence[Row]) -> list[tuple[str, int, int, dict[str, int]]]:
    """(YYYY-MM, drafts, words, {trend: hits}) for every month from the first dated draft to the last."""
    by_month: dict[str, list[Row]] = {}
    for row in rows:
        if row.date:
            by_month.setdefault(row.date[:7], []).append(row)
    if not by_month:
        return []
    first, last = min(by_month), max(by_month)
    year, month = int(first[:4]), int(first[5:])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        key = f"{year:04d}-{month:02d}"
        found = by_month.get(key, [])
        out.append((key, len(found), sum(r.words for r in found),
                    {t: sum(getattr(r, t) for r in found) for t, _, _ in TRENDS}))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _rate(hits: int, words: int) -> float | None:
    return 1000 * hits / words if words else None


def _charts_html(rows: Sequence[Row]) -> str:
    months = months_of(rows)
    if not months:
        return ("<p>No draft carries a date (front matter <code>date:</code>, or a YYYY-MM-DD in its path), "
                "so there are no trends by month.</p>")
    figures = []
    for trend, title, colour in TRENDS:
        series = [(m, _rate(hits[trend], words)) for m, _, words, hits in months]
        chart = charts.month_chart(series, f"{title} per 1,000 words by month", colour)
        figures.append(f"<figure><figcaption>{title} per 1,000 words</figcaption>{chart}</figure>")
    cells = "".join(
        f"<tr><td>{m}</td><td class=\"n\">{n}</td><td class=\"n\">{words}</td>"
        + "".join(f'<td class="n">{_rate(hits[t], words) or 0:.2f}</td>' for t, _, _ in TRENDS) + "</tr>"
        for m, n, words, hits in months if n
    )
    heads = "".join(f'<th class="n">{title}</th>' for _, title, _ in TRENDS)
    return (f'<div class="charts">{"".join(figures)}</div><details><summary>The figures by month</summary>'
            f'<table><thead><tr><th>Month</th><th class="n">Drafts</th><th class="n">Words</th>{heads}</tr>'
            f'</thead><tbody>{cells}</tbody></table></details>')


def _th(label: str, numeric: bool = True, title: str = "") -> str:
    cls = ' class="n"' if numeric else ""
    tip = f' title="{escape(title)}"' if title else ""
    return f"<th{cls}{tip}><button type=\"button\">{escape(label)}</button></th>"


def _row_html(row: Row, families: Sequence[str]) -> str:
    name = escape(row.path)
    link = f'<a href="{quote(row.page)}">{name}</a>' if row.page else name
    cells = [f'<td data-v="{name}">{link}</td>', f'<td data-v="{row.date or ""}">{row.date or ""}</td>',
             f'<td class="n" data-v="{row.words}">{row.words}</td>',
             f'<td class="n" data-v="{row.grade}">{row.grade:.1f}</td>']
    cells += [f'<td class="n" data-v="{row.families.get(f, 0)}">{row.families.get(f, 0)}</td>' for f in families]
    cells += [f'<td class="n" data-v="{row.named_sources}">{row.named_sources}</td>',
              f'<td class="n" data-v="{row.share:.4f}">{row.share:.0%}</td>']
    return f"<tr>{''.join(cells)}</tr>"


def index_page(rows: Sequence[Row], unread: Sequence[str], folder: str, when: datetime) -> str:
    families = families_of(rows)
    heads = [_th("Draft", False), _th("Date", False), _th("Words"), _th("Grade")]
    heads += [_th(f, title=family_name(f)) for f in families]
    heads += [_th("Named sources"), _th("Unattributed", title="share of factual sentences with no attribution")]
    body = "".join(_row_html(row, families) for row in rows)
    skipped = "".join(f"<li>{escape(message)}</li>" for message in unread)
    skipped_html = f"<h2>Not read</h2><ul>{skipped}</ul>" if unread else ""
    words = sum(r.words for r in rows)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="copydesk {__version__}">'
        f"<title>copydesk archive: {escape(folder)}</title><style>{index_css()}</style></head>\n<body>"
        f'<header class="top"><h1>{escape(folder)}</h1><p>{len(rows)} drafts, {words:,} words; checked by '
        f"copydesk {__version__} on {date_html(when)}.</p></header>\n<main>"
        f"<h2>Trends by month</h2>{_charts_html(rows)}\n"
        '<h2>Drafts</h2><p>Counts are findings per family; select a column\'s heading to sort by it.</p>'
        f'<table class="sortable"><thead><tr>{"".join(heads)}</tr></thead>\n<tbody>{body}</tbody></table>'
        f"{skipped_html}</main>\n<script>{SORT_JS}</script>\n</body></html>\n"
    )


def write_index(out_dir: Path, rows: Sequence[Row], unread: Sequence[str], folder: str, when: datetime) -> Path:
    target = out_dir / "index.html"
    target.write_text(index_page(rows, unread, folder, when), encoding="utf-8")
    return target
