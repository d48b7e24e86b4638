"""The library API, selection by specificity, and one broken rule never hiding the others."""
from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import lint
from lint import Config, Diagnostic, Fix, check_file, check_text
from lint.cli.main import cli

DRAFT = ("Experts say the vote will pass. The senator claimed the bill would cut costs. "
         "The decision could strain ties with the alliance.\n")


def codes(config: Config, text: str = DRAFT, path: str = "d.txt") -> set[str]:
    return {d.code for d in check_text(text, path, config)}


def test_check_text_returns_frozen_diagnostics() -> None:
    diags = check_text(DRAFT)
    assert [type(d) for d in diags] == [Diagnostic] * len(diags)
    vague = next(d for d in diags if d.code == "ATT001")
    assert (vague.path, vague.line, vague.column, vague.end_column, vague.name) == ("-", 1, 1, 12, "vague-source")
    loaded = next(d for d in diags if d.code == "ATT006")
    assert loaded.fix == Fix("said", False)
    with pytest.raises(dataclasses.FrozenInstanceError):
        vague.line = 2  # type: ignore[misc]


def test_check_file_reads_and_names_the_file(tmp_path: Path) -> None:
    draft = tmp_path / "story.md"
    draft.write_text("# Vote\n\n" + DRAFT, encoding="utf-8")
    diags = check_file(draft)
    assert {d.path for d in diags} == {str(draft)}
    assert min(d.line for d in diags) == 3


def test_check_file_rejects_binary(tmp_path: Path) -> None:
    from lint.text.source import InputError

    (tmp_path / "x.txt").write_bytes(b"\x00\x01")
    with pytest.raises(InputError, match="binary"):
        check_file(tmp_path / "x.txt")


def test_import_lint_is_cheap() -> None:
    code = ("import sys, lint; heavy = [m for m in ('nltk', 'textstat', 'markdown_it', 'lint.engine.linter', 'click') "
            "if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    assert {"check_text", "check_file", "Diagnostic", "Fix", "Config", "__version__"} <= set(dir(lint))


def test_unknown_attribute() -> None:
    with pytest.raises(AttributeError):
        lint.no_such_name  # noqa: B018


@pytest.mark.parametrize(("select", "ignore", "on", "off"), [
    (("ALL",), ("ATT",), {"HDG001"}, {"ATT001", "ATT006"}),  # prefix beats ALL
    (("ATT001",), ("ATT",), {"ATT001"}, {"ATT006", "HDG001"}),  # code beats prefix
    (("ATT",), ("ATT001",), {"ATT006"}, {"ATT001"}),
    (("ATT",), ("vague-source",), {"ATT006"}, {"ATT001"}),  # a name counts as a code
    (("loaded-attribution-verb",), ("ATT",), {"ATT006"}, {"ATT001"}),
    (("ATT001",), ("ATT001",), set(), {"ATT001"}),  # ignore wins a tie
])
def test_selection_most_specific_wins(select: tuple, ignore: tuple, on: set, off: set) -> None:
    found = codes(Config(select=select, ignore=ignore))
    assert on <= found and not (off & found)


def test_extend_select_adds_to_select() -> None:
    assert codes(Config(select=("ATT001",), extend_select=("HDG",))) == {"ATT001", "HDG001"}


def test_per_file_ignores_match_globs(tmp_path: Path) -> None:
    config = Config(per_file_ignores=(("wire/*.txt", ("ATT",)),), root=tmp_path)
    assert "ATT001" not in codes(config, path=str(tmp_path / "wire" / "a.txt"))
    assert "ATT001" in codes(config, path=str(tmp_path / "desk" / "a.txt"))


def test_severity_overrides() -> None:
    config = Config(select=("ATT",), severity=(("ATT", "hint"), ("ATT006", "error")))
    got = {d.code: d.severity for d in check_text(DRAFT, "d.txt", config)}
    assert got == {"ATT001": "hint", "ATT006": "error"}


def test_a_rule_that_raises_becomes_one_internal_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import lint.checks.hedging as hedging

    def broken(doc, rule, ctx):
        raise RuntimeError("boom")
        yield  # pragma: no cover

    monkeypatch.setattr(hedging, "speculation", broken)
    diags = check_text(DRAFT, "d.txt")
    errors = [d for d in diags if d.code == "CPD001"]
    assert len(errors) == 1
    (err,) = errors
    assert (err.severity, err.line, err.column, err.name) == ("error", 1, 1, "internal-error")
    assert "HDG001" in err.message and "RuntimeError: boom" in err.message
    assert {"ATT001", "ATT006"} <= {d.code for d in diags}
    assert "HDG001" not in {d.code for d in diags}

    (tmp_path / "d.txt").write_text(DRAFT)
    result = CliRunner().invoke(cli, ["check", "--no-config", str(tmp_path / "d.txt")], catch_exceptions=False)
    assert result.exit_code == 1
    assert ": error CPD001 [internal-error] Internal error in HDG001" in result.stdout
    assert " ATT001 " in result.stdout


def test_an_engine_failure_outside_any_rule_is_an_internal_error(monkeypatch: pytest.MonkeyPatch,
                                                                 tmp_path: Path) -> None:
    import lint.engine.linter

    def broken(*args, **kwargs):
        raise ValueError("adapter broke")

    monkeypatch.setattr(lint.engine.linter, "segment", broken)
    (tmp_path / "d.txt").write_text(DRAFT)
    (tmp_path / "e.txt").write_text(DRAFT)
    result = CliRunner().invoke(cli, ["check", "--no-config", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [line.split(": ", 1)[1][:26] for line in lines[:-1]] == ["error CPD001 [internal-err"] * 2
    assert "ValueError: adapter broke" in lines[0]


def test_check_file_reads_regular_files_only(tmp_path: Path) -> None:
    """A named pipe is refused at once (reading one waits for a writer that never comes)."""
    import os
    import subprocess
    import sys

    fifo = tmp_path / "draft.txt"
    os.mkfifo(fifo)
    code = ("import sys, lint\ntry:\n    lint.check_file(sys.argv[1])\nexcept lint.InputError as err:\n"
            "    print(err)\n")
    proc = subprocess.run([sys.executable, "-c", code, str(fifo)], capture_output=True, text=True, timeout=60)
    assert proc.stdout == f"{fifo}: not a regular file (named pipe), skipped\n"
