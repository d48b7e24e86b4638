"""`copydesk report FOLDER`: a page per draft, an index whose table agrees with `check`, trends by
month, and the same table as CSV and JSON Lines."""
from __future__ import annotations

import csv
import importlib.util
import io
import json
import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from lint.cli.main import cli

REPO = Path(__file__).resolve().parent.parent
EPOCH = "1767225600"
FAMILIES = ("ATT", "HDG", "OPN", "RDB", "BAL", "CPD")


def _bench():
    spec = importlib.util.spec_from_file_location("bench_report", REPO / "bench" / "report.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_report"] = module
    spec.loader.exec_module(module)
    return module


write_drafts = _bench().write_drafts


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, env={"SOURCE_DATE_EPOCH": EPOCH})


class Index(HTMLParser):
    """The index's table: its headings, and each row's cells and link."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.heads: list[str] = []
        self.rows: list[dict] = []
        self.where: list[str] = []
        self.texts: dict[str, list[str]] = {}
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        self.where.append(tag)
        if tag == "tr" and "tbody" in self.where and "table" in self.where and self.sortable:
            self.rows.append({"cells": [], "href": None})
        elif tag == "td" and self.rows and "tbody" in self.where and self.sortable:
            self.rows[-1]["cells"].append("")
        elif tag == "a" and self.rows and "td" in self.where and self.sortable:
            self.rows[-1]["href"] = a.get("href")
        elif tag == "table":
            self.sortable = a.get("class") == "sortable"

    def handle_endtag(self, tag: str) -> None:
        while self.where and self.where.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        if "table" in self.where and self.sortable:
            if "thead" in self.where and "th" in self.where:
                self.heads.append(data)
            elif "td" in self.where and self.rows:
                self.rows[-1]["cells"][-1] += data
        for tag in self.where:
            self.texts.setdefault(tag, []).append(data)

    sortable = False

    def table(self) -> list[dict[str, str]]:
        return [dict(zip(self.heads, r["cells"]), href=r["href"]) for r in self.rows]


def counts_of_check(folder: Path) -> dict[str, Counter]:
    result = CliRunner().invoke(cli, ["check", "--no-config", "--format", "json", str(folder)])
    by_path: dict[str, Counter] = {}
    for d in json.loads(result.stdout)["diagnostics"]:
        by_path.setdefault(d["path"], Counter())[d["code"][:3]] += 1
    return by_path


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Result]:
    root = tmp_path_factory.mktemp("archive")
    folder = root / "drafts"
    write_drafts(folder, 500)
    out = root / "site"
    return folder, out, run("report", "--no-config", str(folder), "--html", str(out), "--jobs", "2")


def test_500_drafts_get_a_page_each_and_an_index_that_agrees_with_check(archive) -> None:
    folder, out, result = archive
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr == ""
    rows = Index((out / "index.html").read_text(encoding="utf-8")).table()
    assert len(rows) == 500
    check = counts_of_check(folder)
    for row in rows:
        draft = folder / row["Draft"]
        assert (out / row["href"]).is_file()
        assert row["href"] == row["Draft"] + ".html"  # the folder's layout, mirrored
        assert {f: int(row[f]) for f in FAMILIES} == {f: check.get(str(draft), Counter())[f] for f in FAMILIES}
        assert re.fullmatch(r"20(1[6-9]|2[0-5])-\d\d-\d\d", row["Date"])
    assert sum(1 for _ in out.rglob("*.html")) == 501


def test_each_page_is_the_drafts_own_and_links_back_to_the_index(archive) -> None:
    from test_report_html import Page, document_rules

    folder, out, _ = archive
    draft = folder / "2019" / "story-0040.md"
    html = (out / "2019" / "story-0040.md.html").read_text(encoding="utf-8")
    page = Page(html)
    check = json.loads(CliRunner().invoke(cli, ["check", "--no-config", "--format", "json", str(draft)]).stdout)
    spans = Counter((d["code"], " ".join(d["text"].split())) for d in check["diagnostics"]
                    if d["code"] not in document_rules())
    assert Counter((page.mark_rules[f], " ".join("".join(t).split())) for f, t in page.marks.items()) == spans
    assert ("a", {"href": "../index.html"}) in page.tags


def test_trends_by_month_per_1000_words(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    (folder / "2024").mkdir(parents=True)
    texts = {
        "2024/jan.md": "---\ndate: 2024-01-20\n---\nExperts say the bridge could close. Repairs cost $5 million.\n",
        "2024/2024-01-05-bridge.txt": "Critics argue the plan may fail, officials said.\n",
        "2024/mar.md": "---\ntitle: x\ndate: '2024-03-02'\n---\nThe council met. It is believed the vote might slip.\n",
        "undated.txt": "Studies show 40 percent of voters may stay home.\n",
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    rows = {r["path"]: r for r in map(json.loads, run("report", "--no-config", str(folder), "--format",
                                                      "jsonl").stdout.splitlines())}
    assert {p: r["date"] for p, r in rows.items()} == {
        "2024/2024-01-05-bridge.txt": "2024-01-05", "2024/jan.md": "2024-01-20", "2024/mar.md": "2024-03-02",
        "undated.txt": None}
    assert run("report", "--no-config", str(folder), "--html", str(tmp_path / "site")).exit_code == 0
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    index = Index(html)
    for trend, key in (("Vague sourcing", "vague_sourcing"), ("Unsourced figures", "unsourced_figures"),
                       ("Reporter speculation", "reporter_speculation")):
        for month, paths in (("2024-01", ["2024/jan.md", "2024/2024-01-05-bridge.txt"]), ("2024-03", ["2024/mar.md"])):
            rate = 1000 * sum(rows[p][key] for p in paths) / sum(rows[p]["words"] for p in paths)
            assert f"{month}: {rate:.2f}" in "".join(index.texts["svg"])
        assert f"{trend} per 1,000 words" in "".join(index.texts["figcaption"])
    assert "2024-02:" not in html  # a month with no dated draft has no bar
    assert sum(rows[p]["vague_sourcing"] for p in rows) >= 3 and rows["2024/jan.md"]["unsourced_figures"] == 1


def test_csv_loads_with_the_csv_module_and_holds_the_jsonl_table(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    write_drafts(folder, 12)
    (folder / "odd, \"name\".txt").write_text("Experts say the plan could fail.\n", encoding="utf-8")
    as_csv = list(csv.DictReader(io.StringIO(run("report", "--no-config", str(folder), "--format", "csv").stdout)))
    as_jsonl = [json.loads(line) for line in run("report", "--no-config", str(folder), "--format", "jsonl").stdout
                .splitlines()]
    assert len(as_csv) == len(as_jsonl) == 13
    for row, data in zip(as_csv, as_jsonl):
        assert row == {k: "" if v is None else str(v) for k, v in data.items()}
    check = counts_of_check(folder)
    for data in as_jsonl:
        assert {f: data[f] for f in FAMILIES} == {f: check[str(folder / data["path"])][f] for f in FAMILIES}
    assert as_csv[-1]["path"] == 'odd, "name".txt'


def test_page_names_are_safe_unique_and_linked(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    names = ["a b.md", "a_b.md", "sub dir/ünï.md", ".hidden.md", "x.txt", "x.md", "A_B.md"]
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("Critics say the plan could fail.\n", encoding="utf-8")
    result = run("report", "--no-config", str(folder), "--html", str(tmp_path / "site"))
    assert result.exit_code == 0, result.output
    rows = Index((tmp_path / "site" / "index.html").read_text(encoding="utf-8")).table()
    hrefs = [r["href"] for r in rows]
    assert sorted(r["Draft"] for r in rows) == sorted(names)
    assert len({h.lower() for h in hrefs}) == len(names)
    for href in hrefs:
        assert re.fullmatch(r"[\w.%/-]+\.html", href) and not href.startswith((".", "/")) and ".." not in href
        from urllib.parse import unquote

        assert (tmp_path / "site" / unquote(href)).is_file()


def test_an_unreadable_draft_is_named_and_the_others_still_get_pages(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    write_drafts(folder, 3)
    (folder / "broken.txt").write_bytes(b"\x00\x01binary")
    result = run("report", "--no-config", str(folder), "--html", str(tmp_path / "site"))
    assert result.exit_code == 2
    assert result.stderr == f"error: {folder / 'broken.txt'}: binary file (contains NUL bytes), skipped\n"
    index = Index((tmp_path / "site" / "index.html").read_text(encoding="utf-8"))
    assert len(index.table()) == 3
    assert "broken.txt: binary file" in "".join(index.texts["li"])


def test_a_folders_table_as_text_and_no_json(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    write_drafts(folder, 2)
    text = run("report", "--no-config", str(folder)).stdout.splitlines()
    assert text[0].split() == ["DRAFT", "DATE", "GRADE", *FAMILIES, "NAMED", "UNATTRIBUTED"]
    assert [line.split()[0] for line in text[1:]] == ["2016/story-0000.md", "2016/story-0001.md"]
    refused = run("report", "--no-config", str(folder), "--format", "json")
    assert refused.exit_code == 2 and refused.stderr == "error: a folder's table comes as --format text, csv or jsonl\n"


def test_a_page_that_cannot_be_written_is_one_line_and_exit_2(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    write_drafts(folder, 2)
    blocked = tmp_path / "site" / "2016" / "story-0001.md.html"
    blocked.mkdir(parents=True)  # a folder where the page would go
    result = run("report", "--no-config", str(folder), "--html", str(tmp_path / "site"))
    assert result.exit_code == 2
    assert result.stderr == f"error: {folder / '2016' / 'story-0001.md'}: cannot write its page (Is a directory)\n"
    assert (tmp_path / "site" / "2016" / "story-0000.md.html").is_file()
    assert len(Index((tmp_path / "site" / "index.html").read_text(encoding="utf-8")).table()) == 1
