"""The pages' inline CSS and the index's sorting script: constants, so a page needs no other file.

Each family has a colour and, for readers who cannot tell the colours apart, its own underline
style; nested findings get their underlines at different depths, so both stay visible.
"""
from __future__ import annotations

import functools

# family prefix -> (background, underline colour, underline style, underline offset)
FAMILY_STYLES = {
    "ATT": ("#cde4ff", "#0b57d0", "solid", "0.12em"),
    "HDG": ("#ffdcb8", "#b45309", "wavy", "0.3em"),
    "OPN": ("#f7d3ef", "#9d174d", "dashed", "0.2em"),
    "RDB": ("#fff3a8", "#7a6400", "dotted", "0.42em"),
    "CPD": ("#e2e2e2", "#444444", "double", "0.12em"),
}
OTHER_STYLE = ("#e6f0e0", "#3d6b2a", "solid", "0.12em")  # a house pack's own family
BAL_COLOUR = "#d7efe0"  # BAL is reported on the document: a swatch in the scorecard only

# reader group -> bar colour (lint.report.relations.READER_GROUPS); each also has a fill pattern.
GROUP_COLOURS = {"named": "#1f5fa8", "document": "#2e7d4f", "anonymous": "#7b4fa6", "vague": "#b8431f"}


def family_style(family: str) -> tuple[str, str, str, str]:
    return FAMILY_STYLES.get(family, OTHER_STYLE)


def _family_rules(families: tuple[str, ...]) -> str:
    rules = []
    for family in families:
        bg, line, style, offset = family_style(family)
        rules.append(f".f-{family}{{background:{bg};text-decoration:underline {style} {line} 2px;"
                     f"text-underline-offset:{offset}}}")
        rules.append(f".sw-{family}{{background:{bg};text-decoration:underline {style} {line} 2px;"
                     f"text-underline-offset:{offset}}}")
    return "\n".join(rules)


def _group_rules() -> str:
    return "\n".join(f".g-{g}{{fill:url(#pat-{g})}} .gs-{g}{{background:{c}}}" for g, c in GROUP_COLOURS.items())


BASE_CSS = """
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;font:16px/1.55 Georgia,'Times New Roman',serif;color:#1a1a1a;background:#fff}
header.top,footer{font:14px/1.4 system-ui,sans-serif;color:#444;padding:0.8rem 1.5rem}
header.top h1{font-size:1.25rem;margin:0 0 0.2rem;color:#1a1a1a;word-break:break-all}
header.top p,footer p{margin:0}
h2{font:600 1rem/1.3 system-ui,sans-serif;margin:1.2rem 0 0.4rem}
table{border-collapse:collapse;font:14px/1.4 system-ui,sans-serif}
th,td{padding:0.2rem 0.5rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);
white-space:nowrap;border:0}
.pat{position:absolute;width:0;height:0}
a{color:#0b57d0}
:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
"""

PAGE_CSS = """
.page{display:grid;grid-template-columns:minmax(0,44rem) minmax(16rem,24rem);gap:2.5rem;padding:0 1.5rem 3rem;
align-items:start}
.draft{position:relative;padding-left:3.2rem}
.draft .u{white-space:pre-line;margin:0 0 0.9em}
.draft h2.u,.draft h3.u,.draft h4.u,.draft h5.u,.draft h6.u{font:700 1.2rem/1.35 Georgia,serif;margin:1.3em 0 0.5em}
.draft h2.u{font-size:1.45rem}
.draft ul,.draft ol{margin:0 0 0.9em;padding-left:1.6em}
.draft li.u{margin:0 0 0.35em}
.draft blockquote{margin:0 0 0.9em 0.4em;padding-left:1em;border-left:3px solid #bbb;color:#333}
.draft .meta{font:italic 0.95rem/1.5 Georgia,serif;color:#555}
.ln{position:absolute;left:0;width:2.4rem;text-align:right;font:400 0.72rem/2.1 ui-monospace,monospace;
color:#8a8a8a;user-select:none}
.ln::before{content:attr(data-n);content:attr(data-n) / ""}
mark{color:inherit;padding:0.05em 0;border-radius:2px;text-decoration-skip-ink:none}
mark mark{padding:0.15em 0}
mark mark mark{padding:0.25em 0}
mark::after{display:none}
mark:hover:not(:has(mark:hover))::after,mark:focus::after{display:block;content:attr(data-tip);position:fixed;
left:1rem;bottom:1rem;max-width:34rem;padding:0.6rem 0.8rem;background:#1d2530;color:#fff;border-radius:6px;
font:14px/1.45 system-ui,sans-serif;white-space:normal;z-index:10;box-shadow:0 2px 10px rgba(0,0,0,.3)}
mark:focus::after{z-index:11}
aside{position:sticky;top:0;max-height:100vh;overflow:auto;padding:0.2rem 0.2rem 2rem;
font:14px/1.45 system-ui,sans-serif}
aside h2:first-child{margin-top:0}
.fig{font-size:1.6rem;font-weight:600}
.sw{display:inline-block;min-width:2.6em;padding:0 0.3em;text-align:center;border-radius:2px}
.gs{display:inline-block;width:0.9em;height:0.9em;border-radius:2px;vertical-align:-0.1em;margin-right:0.3em}
.bar{height:0.55rem;background:#eee;border-radius:3px;overflow:hidden;margin:0.2rem 0 0.1rem;max-width:18rem}
.bar span{display:block;height:100%;background:#b8431f}
ul.plain{list-style:none;padding:0;margin:0}
ul.plain li{margin:0.25rem 0}
details{margin:0.8rem 0}
summary{cursor:pointer;font-weight:600}
.rels li{margin:0.4rem 0}
.q{font-family:Georgia,serif}
.tool{display:flex;gap:0.4rem;align-items:center;margin:0.6rem 0}
body:has(#show-rel:checked) .rc{outline:2px solid #137333;outline-offset:1px;font-weight:700}
body:has(#show-rel:checked) .rs{border-bottom:3px double #137333}
body:has(#show-rel:checked) .rt{box-shadow:inset 0 -0.45em rgba(19,115,51,.22)}
.notes{font:13px/1.4 system-ui,sans-serif}
@media (max-width:62rem){.page{grid-template-columns:minmax(0,1fr)}aside{position:static;max-height:none}}
@media print{
body{font-size:11pt}
.page{display:block;padding:0}
aside{position:static;max-height:none;overflow:visible;break-before:page}
.tool,mark::after{display:none!important}
.notes{position:static;width:auto;height:auto;margin:1rem 0 0;overflow:visible;clip:auto;white-space:normal}
}
"""

INDEX_CSS = """
main{padding:0 1.5rem 3rem}
.charts{display:flex;flex-wrap:wrap;gap:1.5rem;margin:0.5rem 0 1rem}
.charts figure{margin:0}
.charts figcaption{font:600 14px/1.4 system-ui,sans-serif;margin-bottom:0.2rem}
svg text{font:11px system-ui,sans-serif;fill:#444}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit}
th[aria-sort=ascending] button::after{content:" \\25B2"}
th[aria-sort=descending] button::after{content:" \\25BC"}
tbody tr:hover{background:#f4f7fb}
@media print{th button::after{content:none!important}}
"""

# Sorts the index table by a column when its header button is pressed; the table reads in path
# order without it.
SORT_JS = """
document.querySelectorAll("table.sortable").forEach(function (table) {
  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, column) {
    var button = th.querySelector("button");
    if (!button) return;
    button.addEventListener("click", function () {
      var down = th.getAttribute("aria-sort") === "ascending";
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", down ? "descending" : "ascending");
      var numeric = th.classList.contains("n");
      var rows = Array.prototype.slice.call(table.tBodies[0].rows);
      rows.sort(function (a, b) {
        var x = a.cells[column].getAttribute("data-v"), y = b.cells[column].getAttribute("data-v");
        var order = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
        return down ? -order : order;
      });
      rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
    });
  });
});
"""


@functools.lru_cache(maxsize=8)
def page_css(families: tuple[str, ...]) -> str:
    return BASE_CSS + PAGE_CSS + _family_rules(families) + "\n" + _group_rules() + "\n"


def index_css() -> str:
    return BASE_CSS + INDEX_CSS + _group_rules() + "\n"
