"""The command line, end to end in process: drafts in, diagnostics and exit codes out."""
from __future__ import annotations

import re
import subprocess
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from lint.cli.main import cli

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "ukraine-peace-talks.txt"
LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info|hint) "
                  r"(?P<code>[A-Z]{3}\d{3}) \[(?P<name>[a-z0-9-]+)\] (?P<msg>.+)$")
CLEAN = "The city council voted 7-2 on Tuesday to approve the budget, the clerk said.\n"


def run(*args: str, input: str | bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def findings(result: Result) -> list[dict[str, str]]:
    return [m.groupdict() for m in map(LINE.match, result.stdout.splitlines()) if m]


@pytest.fixture
def drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with no config above it that matters (--no-config is used anyway)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_seed_draft_lists_diagnostics_and_exits_1() -> None:
    result = run("check", "--no-config", str(SEED))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    found = findings(result)
    assert len(found) == len(lines) - 1  # every line but the summary is a diagnostic
    assert {f["path"] for f in found} == {str(SEED)}
    touted = next(f for f in found if f["code"] == "ATT006")
    assert (touted["line"], touted["col"], touted["name"]) == ("8", "124", "loaded-attribution-verb")
    assert '"touted"' in touted["msg"]
    assert re.fullmatch(r"Found \d+ problems in 1 file: (\d+ (errors?|warnings?|info|hints?)(, )?)+\.", lines[-1])


def test_clean_draft_exits_0_with_summary(drafts: Path) -> None:
    (drafts / "clean.txt").write_text(CLEAN)
    result = run("check", "--no-config", "clean.txt")
    assert result.exit_code == 0
    assert result.stdout == "No problems found in 1 file.\n"


@pytest.mark.parametrize(("fail_on", "code"), [("never", 0), ("error", 0), ("warning", 1), ("info", 1), ("hint", 1)])
def test_fail_on_sets_the_exit_code(fail_on: str, code: int) -> None:
    assert run("check", "--no-config", "--fail-on", fail_on, str(SEED)).exit_code == code


def test_info_findings_alone_pass_the_default_gate(drafts: Path) -> None:
    long = "The council met on Tuesday night to talk about the budget and the roads and the schools " \
           "and the parks and the police and the fire service and the library and the buses, the clerk said.\n"
    (drafts / "long.txt").write_text(long)
    result = run("check", "--no-config", "--select", "RDB001", "long.txt")
    assert [f["code"] for f in findings(result)] == ["RDB001"]
    assert result.exit_code == 0
    assert run("check", "--no-config", "--select", "RDB001", "--fail-on", "info", "long.txt").exit_code == 1


def test_select_ignore_and_extend_select_are_comma_separated_and_repeatable() -> None:
    codes = lambda *opts: {f["code"] for f in findings(run("check", "--no-config", *opts, str(SEED)))}  # noqa: E731
    assert codes("--select", "ATT001") == {"ATT001"}
    assert codes("--select", "ATT001,ATT006") == {"ATT001", "ATT006"}
    assert codes("--select", "ATT001", "--select", "loaded-attribution-verb") == {"ATT001", "ATT006"}
    assert codes("--select", "ATT", "--ignore", "ATT001,unsourced-figure") == {"ATT006"}
    hedging = codes("--select", "HDG", "--extend-select", "OPN004")
    assert "OPN004" in hedging and "HDG001" in hedging and {c[:3] for c in hedging} == {"HDG", "OPN"}
    assert "ATT001" not in codes("--ignore", "vague-source")


def test_unknown_rule_in_select_is_a_usage_error() -> None:
    result = run("check", "--no-config", "--select", "ATT001,NOPE999", str(SEED))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip() == "error: --select: unknown rule or prefix 'NOPE999' (copydesk rules lists them)"


def test_kind_analysis_drops_the_opinion_section_flag() -> None:
    news = {f["code"] for f in findings(run("check", "--no-config", str(SEED)))}
    analysis = {f["code"] for f in findings(run("check", "--no-config", "--kind", "analysis", str(SEED)))}
    assert "OPN004" in news and "OPN004" not in analysis


def test_statistics_counts_per_rule() -> None:
    listed = findings(run("check", "--no-config", str(SEED)))
    result = run("check", "--no-config", "--statistics", str(SEED))
    rows = [line.split() for line in result.stdout.splitlines()[:-1]]
    counts = {code: int(n) for n, code, _ in rows}
    expected: dict[str, int] = {}
    for f in listed:
        expected[f["code"]] = expected.get(f["code"], 0) + 1
    assert counts == expected
    assert [int(r[0]) for r in rows] == sorted((int(r[0]) for r in rows), reverse=True)
    assert result.stdout.splitlines()[-1].startswith("Found ")
    assert result.exit_code == 1


def test_quiet_prints_diagnostics_only() -> None:
    result = run("check", "--no-config", "--quiet", str(SEED))
    assert all(LINE.match(line) for line in result.stdout.splitlines())
    assert result.exit_code == 1


def test_folders_are_walked_for_drafts_in_a_stable_order(drafts: Path) -> None:
    (drafts / "b").mkdir()
    (drafts / "a").mkdir()
    (drafts / ".hidden").mkdir()
    for name in ("a/one.md", "a/two.markdown", "b/three.txt", "b/skip.html", ".hidden/four.md", "five.txt"):
        (drafts / name).write_text("Experts say the vote will pass.\n")
    result = run("check", "--no-config", "--select", "ATT001", ".")
    paths = [Path(f["path"]).as_posix() for f in findings(result)]
    assert paths == ["a/one.md", "a/two.markdown", "b/three.txt", "five.txt"]


def test_jobs_gives_the_same_output_in_the_same_order(drafts: Path) -> None:
    for i in range(6):
        (drafts / f"d{i}.txt").write_text(SEED.read_text(encoding="utf-8") if i % 2 else CLEAN)
    one = run("check", "--no-config", ".")
    two = run("check", "--no-config", "--jobs", "2", ".")
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout
    assert [f["path"] for f in findings(two)][0] == "d1.txt"


def test_missing_file_is_reported_and_the_rest_still_linted(drafts: Path) -> None:
    (drafts / "good.txt").write_text("Experts say the vote will pass.\n")
    result = run("check", "--no-config", "missing.txt", "good.txt")
    assert result.exit_code == 2
    assert result.stderr == "error: missing.txt: no such file or folder, skipped\n"
    assert [f["code"] for f in findings(result)] == ["ATT001"]


def test_summary_never_says_no_problems_for_input_that_could_not_be_read(drafts: Path) -> None:
    result = run("check", "--no-config", "-", input=b"caf\xe9")
    assert (result.exit_code, result.stdout) == (2, "No file linted: 1 could not be read.\n")
    (drafts / "clean.txt").write_text(CLEAN)
    (drafts / "wide.txt").write_bytes(b"\xff\xfe" + CLEAN.encode("utf-16-le"))
    result = run("check", "--no-config", "clean.txt", "missing.txt", "wide.txt", "clean.txt")
    assert (result.exit_code, result.stdout) == (2, "No problems found in 1 file; 2 could not be read.\n")
    (drafts / "vague.txt").write_text("Experts say the vote will pass.\n")
    result = run("check", "--no-config", "--select", "ATT001", "--statistics", "vague.txt", "missing.txt")
    assert result.stdout.splitlines()[-1] == "Found 1 problem in 1 file: 1 warning; 1 could not be read."
    assert run("check", "--no-config", "--quiet", "clean.txt", "missing.txt").stdout == ""


def test_stdin_with_a_filename_picks_the_format(drafts: Path) -> None:
    draft = "Intro.\n\n```\nExperts say it.\n```\n\nExperts say the vote will pass.\n"
    result = run("check", "--no-config", "--select", "ATT001", "-", "--stdin-filename", "story.md", input=draft)
    assert [(f["path"], f["line"], f["col"]) for f in findings(result)] == [("story.md", "7", "1")]
    as_text = run("check", "--no-config", "--select", "ATT001", "-", input=draft)
    assert [(f["path"], f["line"]) for f in findings(as_text)] == [("-", "4"), ("-", "7")]


def test_rules_lists_every_rule_with_name_severity_kind_and_help() -> None:
    from lint.registry.packs import load_rules

    result = run("rules", "--no-config")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:5] == ["CODE", "NAME", "SEVERITY", "KIND", "HELP"]
    listed = {line.split()[0]: line.split()[1:4] for line in lines[1:]}
    assert listed == {r.code: [r.name, r.severity, r.kind] for r in load_rules()}


def test_rule_explains_one_rule_by_code_or_name() -> None:
    by_code = run("rule", "--no-config", "ATT006")
    by_name = run("rule", "--no-config", "loaded-attribution-verb")
    lower = run("rule", "--no-config", "att006")
    assert by_code.exit_code == 0 and by_code.stdout == by_name.stdout == lower.stdout
    text = by_code.stdout
    assert text.startswith("ATT006 loaded-attribution-verb\n")
    positions = [text.index(h + "\n") for h in
                 ("What it does", "Why a standards editor cares", "Example", "Use instead", "Flags", "Passes")]
    assert positions == sorted(positions)
    assert "Default severity: warning." in text
    assert "  - The senator claimed the bill would cut costs." in text


def test_unknown_rule_name_exits_2() -> None:
    result = run("rule", "--no-config", "no-such-rule")
    assert result.exit_code == 2
    assert "unknown rule 'no-such-rule'" in result.stderr


def test_version() -> None:
    from lint import __version__

    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"copydesk {__version__}\n"


def test_python_dash_m_lint_runs_the_cli() -> None:
    proc = subprocess.run([sys.executable, "-m", "lint", "--version"], capture_output=True, text=True, check=True)
    assert proc.stdout.startswith("copydesk ")


def test_serve_calls_the_language_server(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    fake = types.ModuleType("lint.lsp.server")
    fake.main = lambda: calls.append("main")  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "lint.lsp.server", fake)
    monkeypatch.setattr("lint.lsp.server", fake, raising=False)
    assert run("serve").exit_code == 0
    assert calls == ["main"]


def test_serve_without_a_server_module_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "lint.lsp.server", None)  # makes the import fail as if missing
    result = run("serve")
    assert result.exit_code == 2
    assert "language server is not part of this installation" in result.stderr
