"""Every --format: valid output for the seed draft, exact keys, positions in the right units."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from lint.cli.main import cli
from lint.text.positions import lsp_offset, lsp_position
from lint.render import FileResult, Options, render
from lint.render.github import escape_data, escape_property
from lint.text.source import LineIndex

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "ukraine-peace-talks.txt"
KEYS = ["path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message", "text", "fix"]


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def seed(fmt: str) -> Result:
    result = run("check", "--no-config", "--format", fmt, str(SEED))
    assert result.exit_code == 1, result.stderr
    return result


@pytest.fixture(scope="module")
def seed_json() -> list[dict]:
    return json.loads(seed("json").stdout)["diagnostics"]


def test_json_has_version_and_exactly_the_promised_keys(seed_json: list[dict]) -> None:
    doc = json.loads(seed("json").stdout)
    assert list(doc) == ["version", "diagnostics"] and doc["version"] == 1
    assert seed_json
    for d in seed_json:
        assert list(d) == KEYS
        assert d["severity"] in ("error", "warning", "info", "hint")
        assert d["fix"] is None or set(d["fix"]) == {"replacement", "safe"}
    touted = next(d for d in seed_json if d["code"] == "ATT006")
    assert touted["fix"] == {"replacement": "said", "safe": False}
    assert (touted["line"], touted["column"], touted["end_line"], touted["end_column"]) == (8, 124, 8, 130)
    assert touted["text"] == "touted"


def test_json_text_is_the_source_between_the_positions(seed_json: list[dict]) -> None:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    for d in seed_json:
        if d["line"] == d["end_line"]:
            assert lines[d["line"] - 1][d["column"] - 1:d["end_column"] - 1] == d["text"]


def test_jsonl_is_one_diagnostic_object_a_line(seed_json: list[dict]) -> None:
    rows = [json.loads(line) for line in seed("jsonl").stdout.splitlines()]
    assert rows == seed_json
    assert all(list(row) == KEYS for row in rows)


def test_jsonl_lines_are_what_json_dumps_writes() -> None:
    from lint.model import Diagnostic, Fix
    from lint.render.json import diagnostic_dict, jsonl_line

    awkward = 'quote " backslash \\ tab \t newline \n ctrl \x01 emoji 🗞 CJK 記者 lone \ud800 ’'
    cases = [Diagnostic("d.md", 1, 2, 3, 4, "ATT006", "loaded", "warning", awkward, awkward, Fix(awkward, True), 0, 9),
             Diagnostic(awkward, 10, 1, 10, 5, "X", "y", "info", "m", "", Fix("said", False), 5, 9),
             Diagnostic("-", 1, 1, 1, 1, "CPD001", "z", "error", "", "", None, 0, 0)]
    for d in cases:
        assert jsonl_line(d) == json.dumps(diagnostic_dict(d), ensure_ascii=False)


def test_text_matches_json(seed_json: list[dict]) -> None:
    lines = seed("text").stdout.splitlines()[:-1]
    assert lines == [
        f"{d['path']}:{d['line']}:{d['column']}: {d['severity']} {d['code']} [{d['name']}] {d['message']}"
        for d in seed_json
    ]


def test_lsp_positions_are_zero_based(seed_json: list[dict]) -> None:
    files = json.loads(seed("lsp").stdout)
    assert len(files) == 1 and files[0]["uri"] == SEED.resolve().as_uri()
    diags = files[0]["diagnostics"]
    assert len(diags) == len(seed_json)
    for lsp, d in zip(diags, seed_json):
        # The seed is all in the Basic Multilingual Plane: UTF-16 units equal code points.
        assert lsp["range"]["start"] == {"line": d["line"] - 1, "character": d["column"] - 1}
        assert lsp["range"]["end"] == {"line": d["end_line"] - 1, "character": d["end_column"] - 1}
        assert lsp["severity"] == {"error": 1, "warning": 2, "info": 3, "hint": 4}[d["severity"]]
        assert lsp["code"] == d["code"] and lsp["source"] == "copydesk" and lsp["message"] == d["message"]
        assert lsp["codeDescription"]["href"].startswith("file://")


def test_lsp_counts_an_emoji_as_two_utf16_units(tmp_path: Path) -> None:
    draft = tmp_path / "emoji.txt"
    draft.write_text("Intro line.\n🎉 Experts say the vote will pass.\n", encoding="utf-8")
    (d,) = json.loads(run("check", "--no-config", "--select", "ATT001", "--format", "json", str(draft)).stdout)[
        "diagnostics"]
    assert (d["line"], d["column"]) == (2, 3)
    lsp = json.loads(run("check", "--no-config", "--select", "ATT001", "--format", "lsp", str(draft)).stdout)
    start = lsp[0]["diagnostics"][0]["range"]["start"]
    assert start == {"line": 1, "character": d["column"] - 1 + 1}


def test_sarif_has_rule_descriptors_and_regions(seed_json: list[dict]) -> None:
    from lint.registry.packs import load_rules

    log = json.loads(seed("sarif").stdout)
    assert log["version"] == "2.1.0" and "$schema" in log
    (run_,) = log["runs"]
    assert run_["columnKind"] == "unicodeCodePoints"
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(r.code for r in load_rules())
    for r in rules:
        assert r["shortDescription"]["text"] and r["fullDescription"]["text"] and r["help"]["text"]
        assert r["defaultConfiguration"]["level"] in ("error", "warning", "note")
    results = run_["results"]
    assert len(results) == len(seed_json)
    for res, d in zip(results, seed_json):
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"] == d["code"]
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == Path(d["path"]).as_uri()
        assert loc["region"] == {"startLine": d["line"], "startColumn": d["column"], "endLine": d["end_line"],
                                 "endColumn": d["end_column"], "snippet": {"text": d["text"]}}
        assert res["level"] == {"error": "error", "warning": "warning", "info": "note", "hint": "note"}[d["severity"]]


def test_github_annotations(seed_json: list[dict]) -> None:
    lines = seed("github").stdout.splitlines()
    assert len(lines) == len(seed_json)
    first = seed_json[0]
    level = {"error": "error", "warning": "warning", "info": "notice", "hint": "notice"}[first["severity"]]
    path = escape_property(first["path"])
    assert lines[0] == (f"::{level} file={path},line={first['line']},col={first['column']},"
                        f"endLine={first['end_line']},endColumn={first['end_column']},"
                        f"title={first['code']}::{escape_data(first['message'])}")
    assert any(line.startswith("::warning ") for line in lines) and any(line.startswith("::notice ") for line in lines)


def test_github_escapes_as_the_runner_expects() -> None:
    assert escape_data("50% of\r\nit: a, b") == "50%25 of%0D%0Ait: a, b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_text_colour_only_when_asked_and_no_color_is_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from lint.cli.main import use_color
    from lint.engine.linter import check_text

    diags = tuple(check_text("Experts say the vote will pass.\n", "x.txt"))
    plain, coloured = io.StringIO(), io.StringIO()
    render("text", [FileResult("x.txt", diags)], plain, Options())
    render("text", [FileResult("x.txt", diags)], coloured, Options(color=True))
    assert "\033[" not in plain.getvalue() and "\033[33mwarning\033[0m" in coloured.getvalue()

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color(Tty()) and not use_color(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(Tty())


def test_statistics_in_json() -> None:
    result = run("check", "--no-config", "--statistics", "--format", "json", str(SEED))
    rows = json.loads(result.stdout)
    assert rows and all(set(r) == {"code", "name", "count"} for r in rows)
    assert sum(r["count"] for r in rows) == len(json.loads(seed("json").stdout)["diagnostics"])


@pytest.mark.parametrize("text", ["a🎉b\r\nc😀d\re\n中文🎉x", "", "plain\n"])
def test_utf16_positions_round_trip(text: str) -> None:
    lines = LineIndex.of(text)
    for offset in range(len(text) + 1):
        line, character = lsp_position(text, lines, offset)
        if text[offset - 1:offset + 1] != "\r\n":  # between CR and LF is no editor position
            assert lsp_offset(text, lines, line, character) == offset


def test_utf16_position_of_astral_characters() -> None:
    text = "🎉🎉x\n中x"
    lines = LineIndex.of(text)
    assert lsp_position(text, lines, 2) == (0, 4)
    assert lsp_position(text, lines, 5) == (1, 1)
    assert lsp_offset(text, lines, 0, 99) == 3  # clamps to the end of the line
