"""`copydesk report DRAFT --html OUT`: the page shows the draft with its findings where they are,
the scorecard beside it, and nothing of the draft but its text."""
from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import zlib
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from lint.cli.main import cli

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "ukraine-peace-talks.txt"
CHROMIUM = "/usr/bin/chromium"
EPOCH = "1767225600"  # 2026-01-01 00:00 UTC
# The page's colour for each family's highlight (lint/report/style.py), as a reader sees it.
FAMILY_COLOURS = {"ATT": "cde4ff", "HDG": "ffdcb8", "OPN": "f7d3ef", "RDB": "fff3a8"}
EXTERNAL = re.compile(r"""(?:\b(?:src|href|xlink:href|action|srcset|poster)\s*=\s*["']?\s*|url\(\s*["']?\s*)"""
                      r"""(?:https?:|//)|@import""", re.I)


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, env=env)


def render(draft: Path, out: Path, *extra: str) -> str:
    result = run("report", "--no-config", str(draft), "--html", str(out), *extra, env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    return out.read_text(encoding="utf-8")


def document_rules() -> set[str]:
    from lint.registry.packs import builtin_pack_dir, load_packs

    return {r.code for r in load_packs([builtin_pack_dir()]) if r.scope == "document"}


BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "div", "blockquote", "br", "ul", "ol",
          "section", "header", "footer", "main", "aside", "table", "summary", "details"}


class Page(HTMLParser):
    """Tags, comments, the text of each element by id, and each finding's highlighted text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.comments: list[str] = []
        self.stack: list[tuple[str, dict]] = []
        self.marks: dict[str, list[str]] = {}  # data-f -> text pieces
        self.mark_rules: dict[str, str] = {}
        self.by_id: dict[str, list[str]] = {}
        self.texts: dict[str, list[str]] = {}  # tag or class -> text inside
        self.inside: dict[str, set[str]] = {}  # data-f -> the rules of the marks around it
        self.markup: list[str] = []  # every tag with its attributes, and the style sheets: no text
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in BLOCKS:  # a browser puts a line between blocks: their texts do not run together
            self.handle_data(" ")
        a = dict(attrs)
        self.tags.append((tag, a))
        self.markup.append(self.get_starttag_text() or "")
        if tag not in ("meta", "input", "br", "rect", "path", "circle", "line"):
            self.stack.append((tag, a))
        if tag == "mark":
            self.marks.setdefault(a["data-f"], [])
            self.mark_rules[a["data-f"]] = a["data-rule"]
            around = {b["data-rule"] for t, b in self.stack[:-1] if t == "mark"}
            self.inside.setdefault(a["data-f"], set()).update(around)
        if "id" in a:
            self.by_id.setdefault(a["id"], [])

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))
        self.markup.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCKS:
            self.handle_data(" ")
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][0] in ("style", "script"):
            self.markup.append(data)
        for tag, a in self.stack:
            if tag == "mark":
                self.marks[a["data-f"]].append(data)
            if "id" in a:
                self.by_id[a["id"]].append(data)
            for key in (tag, *(a.get("class") or "").split()):
                self.texts.setdefault(key, []).append(data)

    def text(self, key: str) -> str:
        return " ".join("".join(self.texts.get(key, [])).split())

    def text_of(self, element_id: str) -> str:
        return " ".join("".join(self.by_id[element_id]).split())


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("page") / "seed.html"
    return out, render(SEED, out)


@pytest.fixture(scope="module")
def seed_findings() -> list[dict]:
    result = run("check", "--no-config", "--format", "json", str(SEED))
    return json.loads(result.stdout)["diagnostics"]


# --- the findings on the page ----------------------------------------------------------------


def test_highlights_match_the_span_findings_of_check_one_to_one(seed_page, seed_findings) -> None:
    page = Page(seed_page[1])
    document = document_rules()
    spans = Counter((d["code"], words(d["text"])) for d in seed_findings if d["code"] not in document)
    marks = Counter((page.mark_rules[f], words("".join(texts))) for f, texts in page.marks.items())
    assert sum(spans.values()) == len(page.marks) == 30
    assert marks == spans


def test_document_findings_sit_in_the_scorecard_not_on_the_first_sentence(seed_page, seed_findings) -> None:
    page = Page(seed_page[1])
    on_document = [d for d in seed_findings if d["code"] in document_rules()]
    assert {d["code"] for d in on_document} == {"BAL003", "RDB004"}
    assert not {"BAL003", "RDB004"} & set(page.mark_rules.values())
    scorecard = page.text("aside")
    for d in on_document:
        assert words(d["message"]) in scorecard


def test_each_highlight_takes_focus_and_is_described_for_screen_readers(seed_page, seed_findings) -> None:
    from lint.registry.packs import builtin_pack_dir, load_packs

    helps = {r.code: r.help for r in load_packs([builtin_pack_dir()])}
    page = Page(seed_page[1])
    firsts = [a for tag, a in page.tags if tag == "mark" and "id" in a]
    assert len(firsts) == len(page.marks)  # one focusable piece per finding
    hidden = page.text("sr")  # the visually hidden notes
    for a in firsts:
        assert a["tabindex"] == "0"
        note = page.text_of(a["aria-describedby"])
        code = a["data-rule"]
        message = next(d["message"] for d in seed_findings
                       if d["code"] == code and words(d["text"]) == words("".join(page.marks[a["data-f"]])))
        assert words(message) in note and words(helps[code]) in note and note in hidden
        assert message in a["data-tip"] and helps[code] in a["data-tip"]  # shown on hover and focus


def test_nested_findings_both_stay_highlighted(seed_page) -> None:
    """A hard sentence holding a vague source: the vague source's mark sits inside the sentence's."""
    page = Page(seed_page[1])
    vague = [f for f, code in page.mark_rules.items()
             if code == "ATT001" and "".join(page.marks[f]) == "Web-based analysis suggests"]
    assert len(vague) == 1 and page.inside[vague[0]] == {"RDB002"}
    sentence = [f for f, code in page.mark_rules.items() if code == "RDB002"
                and words("".join(page.marks[f])).startswith("Web-based analysis suggests that European allies")]
    assert len(sentence) == 1


def test_crossing_spans_are_closed_and_reopened_so_both_show() -> None:
    from lint.report.spans import Span, prose_writer, spans_html

    a = Span(0, 4, "a", "b", ' class="a"', ' id="a"', 0)
    b = Span(2, 6, "b", "i", ' class="b"', ' id="b"', 1)
    empty, beyond = Span(5, 5, "e", "s", "", "", 2), Span(8, 9, "z", "u", "", "", 3)
    html = spans_html(prose_writer("abcdef<", "abcdef<"), 0, 7, [a, b, empty, beyond], {3: "|"}, set())
    assert html == '<b class="a" id="a">ab<i class="b" id="b">c|d</i></b><i class="b">e<s></s>f</i>&lt;'


# --- the page's parts ------------------------------------------------------------------------


def test_scorecard_shows_grade_target_families_share_and_ledger(seed_page) -> None:
    from lint.registry.ruledocs import family_name

    card = json.loads(run("report", "--no-config", "--format", "json", str(SEED)).stdout)
    page = Page(seed_page[1])
    aside = page.text("aside")
    assert f"{card['grade']:.1f} Flesch–Kincaid grade; the target is 10" in aside
    share = len(card["unattributed"]) / card["factual_sentences"]
    assert f"{share:.0%} of factual sentences ({len(card['unattributed'])} of {card['factual_sentences']})" in aside
    legend = page.text("legend")
    for family, count in card["families"].items():
        assert re.search(rf"\b{family} {family_name(family)} [\w ]+ {count}\b", legend), family
    chart = page.text("svg")  # each bar's title
    for entry in card["ledger"]:
        assert f"{entry['source']}: {entry['relations']} (named person or organisation)" in chart
    assert "Web searches: 2 (vague or source-less)" in chart


def test_every_attribution_relation_is_listed_and_marked(seed_page) -> None:
    from lint.engine.linter import Linter
    from lint.report.relations import relations_of

    text = SEED.read_text(encoding="utf-8")
    relations = relations_of(Linter().document(text, str(SEED)))
    page = Page(seed_page[1])
    cues = [a for tag, a in page.tags if tag == "span" and a.get("class") == "rc" and "id" in a]
    assert len(cues) == len(relations) == 23
    for j, r in enumerate(relations):
        assert page.text_of(f"r{j}") == words(text[r.cue[0]:r.cue[1]])
    listed = page.text("rels")
    assert "Donald Trump" in listed and "Web searches; cue “reveal”" in listed
    assert ("input", {"type": "checkbox", "id": "show-rel"}) in page.tags  # the toggle, no script needed


def test_a_relations_source_and_content_are_marked_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page reads relations in the shape the relation analysis gives (source, cue, content)."""
    from lint.report import draft as drafts
    from lint.report.relations import RelationView

    text = "Mayor Ana Ortiz said the bridge will reopen in May, citing a report.\n"
    relation = RelationView((0, 15), (16, 20), ((21, 50),), "person", "Ana Ortiz")
    monkeypatch.setattr(drafts, "relations_of", lambda doc: (relation,))
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    html = render(tmp_path / "a.txt", tmp_path / "a.html")
    assert ('<span class="rs">Mayor Ana Ortiz</span> <span class="rc" id="r0">said</span> '
            '<span class="rt">the bridge will reopen in May</span>, citing a report.') in html
    assert Page(html).text("rels") == "line 1 person: Ana Ortiz; cue “said”; content the bridge will reopen in May"


def test_structure_line_numbers_and_links_as_text(tmp_path: Path) -> None:
    draft = tmp_path / "story.md"
    draft.write_text(
        "---\ntitle: Bridge\n---\n# Bridge repairs\n\n"
        "The council met on Tuesday, [the clerk said](https://example.com/x).\nRepairs begin\nin *May*.\n\n"
        "- first item\n- second item\n\n1. one\n2. two\n\n> A quoted passage\n> runs on.\n\n"
        "<https://example.com/auto>\n", encoding="utf-8")
    html = render(draft, tmp_path / "story.html")
    main = re.search(r"<main.*</main>", html, re.S).group()
    draft_page = Page(main)
    assert '<h2 class="u"><span class="ln" data-n="4"></span>Bridge repairs</h2>' in main
    assert draft_page.text("ul") == "first item second item" and draft_page.text("ol") == "one two"
    assert draft_page.text("blockquote") == "A quoted passage runs on."
    assert draft_page.text("main") == ("Bridge repairs The council met on Tuesday, the clerk said. Repairs begin in "
                                       "May. first item second item one two A quoted passage runs on.")
    assert not [a for t, a in Page(html).tags if t in ("a", "img") and "example" in str(a)]
    numbers = [int(a["data-n"]) for t, a in draft_page.tags if t == "span" and a.get("class") == "ln"]
    assert numbers == [4, 6, 7, 8, 10, 11, 13, 14, 16, 17]  # the source's lines, each where it starts
    assert '<span class="ln" data-n="7"></span>Repairs begin\n<span class="ln" data-n="8"></span>in May.' in main


def test_a_dateline_stays_on_its_paragraphs_line(tmp_path: Path) -> None:
    draft = tmp_path / "wire.txt"
    draft.write_text("By Ana Ortiz\n\nWASHINGTON (AP) — The Senate voted 51-49 on Tuesday.\n", encoding="utf-8")
    main = re.search(r"<main.*</main>", render(draft, tmp_path / "wire.html"), re.S).group()
    assert ('<p class="u"><span class="ln" data-n="3"></span><span class="meta">WASHINGTON (AP) —</span> '
            "The Senate voted 51-49 on Tuesday.</p>") in main
    assert '<p class="u meta"><span class="ln" data-n="1"></span>By Ana Ortiz</p>' in main


def test_page_is_reproducible_with_source_date_epoch(tmp_path: Path, seed_page) -> None:
    again = render(SEED, tmp_path / "again.html")
    assert again == seed_page[1]
    assert '<time datetime="2026-01-01T00:00:00Z">2026-01-01 00:00 UTC</time>' in again
    from lint import __version__

    assert f"copydesk {__version__}" in Page(again).text("top") and str(SEED) in Page(again).text("h1")
    later = run("report", "--no-config", str(SEED), "--html", str(tmp_path / "later.html"),
                env={"SOURCE_DATE_EPOCH": "1767312000"})
    assert later.exit_code == 0
    assert (tmp_path / "later.html").read_text(encoding="utf-8").replace("2026-01-02", "2026-01-01") == again


# --- nothing from the draft but its text ------------------------------------------------------

HOSTILE = ('Mayor Ana Ortiz said <script>alert(1)</script> the budget is fine.\n\n'
           'Experts say </style><style>body{display:none}</style> costs & "fees" &amp; &lt;b&gt; could rise.\n\n'
           '<img src=x onerror=alert(2)> <a href="https://evil.example/">link</a> " onmouseover="alert(3)\n\n'
           'A last paragraph opens a comment <!-- and never closes it\n')
ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "svg", "defs", "pattern", "rect", "path", "circle",
                "g", "header", "h1", "h2", "h3", "p", "time", "div", "main", "aside", "table", "thead", "tbody", "tr",
                "th", "td", "span", "mark", "ul", "ol", "li", "b", "i", "br", "details", "summary", "input", "label",
                "a", "section", "footer", "text"}


def defanged(text: str) -> str:
    """The same draft, character for character, with nothing a browser could read as markup."""
    return text.translate(str.maketrans("<>&", "‹›+"))


def shape(page: Page) -> list[tuple[str, list]]:
    """The page's elements and their attributes, less the tips that quote the draft's words."""
    return [(t, sorted((k, v) for k, v in a.items() if k != "data-tip")) for t, a in page.tags]


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_a_hostile_draft_yields_no_element_of_its_own(tmp_path: Path, suffix: str) -> None:
    draft = tmp_path / f"hostile{suffix}"
    draft.write_text(HOSTILE, encoding="utf-8")
    html = render(draft, tmp_path / "hostile.html")
    page = Page(html)
    assert {t for t, _ in page.tags} <= ALLOWED_TAGS
    assert html.count("</style>") == 1 and "<script" not in html.lower() and "<img" not in html.lower()
    assert not page.comments
    assert not [name for _, a in page.tags for name in a if name.startswith("on")]
    assert not [a for t, a in page.tags if t == "a" and "evil" in (a.get("href") or "")]
    shown = page.text("draft")
    if suffix == ".txt":  # plain text is all text: shown as typed, and the page is shaped as a harmless one's
        for line in HOSTILE.splitlines():
            assert words(line) in shown
        plain = tmp_path / "plain.txt"
        plain.write_text(defanged(HOSTILE), encoding="utf-8")
        assert shape(page) == shape(Page(render(plain, tmp_path / "plain.html")))
    else:  # Markdown's own HTML is markup, never drawn: the words around it are
        assert "Mayor Ana Ortiz said alert(1) the budget is fine." in shown
        assert 'costs & "fees" &amp; &lt;b&gt; could rise.' in shown
        assert "A last paragraph opens a comment <!-- and never closes it" in shown


def test_the_page_loads_nothing_from_outside(tmp_path: Path, seed_page) -> None:
    drafts = {
        "links.md": "Officials said [the report](https://example.com/r) was out. ![x](http://example.com/i.png)\n\n"
                    "See <https://example.com/a>, <a href='//example.com/b'>b</a> and //example.com/c.\n",
        "css.txt": "@import url(//e.example/x.css); see https://example.com and url(http://e.example/y), "
                   "critics say.\n",
    }
    pages = [seed_page[1]]
    for name, text in drafts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        pages.append(render(tmp_path / name, tmp_path / f"{name}.html"))
    for html in pages:
        page = Page(html)
        assert not EXTERNAL.search("".join(page.markup))  # tags, attributes and style sheets
        assert not [a for t, a in page.tags if {"src", "srcset"} & set(a) or t in ("link", "iframe", "object")]
        assert all((a.get("href") or "#").startswith("#") for t, a in page.tags)
    assert "@import url(//e.example/x.css); see https://example.com and url(http://e.example/y)" in Page(
        pages[2]).text("draft")  # the draft's words are text, not loads


# --- the command ------------------------------------------------------------------------------


def test_open_shows_the_page_in_the_browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", opened.append)
    out = tmp_path / "seed.html"
    render(SEED, out, "--open")
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "a.txt").write_text("Critics say so.\n", encoding="utf-8")
    run("report", "--no-config", str(tmp_path / "desk"), "--html", str(tmp_path / "site"), "--open")
    assert opened == [out.resolve().as_uri(), (tmp_path / "site" / "index.html").resolve().as_uri()]


@pytest.mark.parametrize(("args", "env", "message"), [
    (["--open"], {}, "error: --open needs --html OUT\n"),
    (["--html", "{tmp}/no/such/folder/x.html"], {}, "error: {tmp}/no/such/folder/x.html: cannot write the report "
                                                  "(No such file or directory)\n"),
    (["--html", "{tmp}/x.html"], {"SOURCE_DATE_EPOCH": "soon"},
     "error: SOURCE_DATE_EPOCH: 'soon' is not a number of seconds since 1970\n"),
])
def test_bad_options_are_one_line_and_exit_2(tmp_path: Path, args: list[str], env: dict, message: str) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = run("report", "--no-config", str(SEED), *args, env=env)
    assert result.exit_code == 2
    assert result.stderr == message.replace("{tmp}", str(tmp_path))


# --- in a real browser ------------------------------------------------------------------------


def chromium(*args: str, tmp: Path) -> subprocess.CompletedProcess:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp / 'profile'}",
             "--hide-scrollbars"]
    return subprocess.run([CHROMIUM, *flags, *args], capture_output=True, text=True, timeout=120, cwd=tmp)


def _add(a: int, b: int) -> int:
    return (a + b) & 255


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and RGB rows of an 8-bit RGB or RGBA PNG (alpha dropped), decoded with zlib."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, []
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + length
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * bpp
    prev = bytearray(stride)
    rows = []
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if kind == 2:  # (the commonest filter, undone in one pass)
            line = bytearray(map(_add, line, prev))
        for i in range(stride if kind in (1, 3, 4) else 0):  # the others, byte by byte
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line) if bpp == 3 else bytes(v for k, v in enumerate(line) if k % 4 != 3))
        prev = line
    return width, height, rows


@pytest.fixture(scope="module")
def browser() -> str:
    if not shutil.which(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (.ci/run does) to draw the page")
    return CHROMIUM


def test_chromium_draws_the_draft_and_every_familys_highlights(browser, seed_page, tmp_path: Path) -> None:
    out, _ = seed_page
    shot = tmp_path / "shot.png"
    proc = chromium("--window-size=1280,1500", f"--screenshot={shot}", out.as_uri(), tmp=tmp_path)
    assert shot.is_file(), proc.stderr[-2000:]
    width, height, rows = png_pixels(shot.read_bytes())
    assert (width, height) == (1280, 1500)
    for family, colour in FAMILY_COLOURS.items():
        pixels = sum(row.count(bytes.fromhex(colour)) for row in rows)
        assert pixels > 300, f"{family}'s highlight colour #{colour} is not drawn ({pixels} pixels)"
    assert sum(row.count(b"\x1a\x1a\x1a") for row in rows) > 5000  # the draft's text

    dom = chromium("--dump-dom", out.as_uri(), tmp=tmp_path)
    assert dom.returncode == 0, dom.stderr[-2000:]
    drawn = Page(dom.stdout).text("draft")
    for paragraph in SEED.read_text(encoding="utf-8").splitlines():
        assert words(paragraph) in drawn
