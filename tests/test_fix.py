"""--fix: safe fixes only, written atomically, and files are never touched otherwise."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from lint.cli import cli

PACK = '''
[[rules]]
code = "HSE001"
name = "house-word"
kind = "substitution"
severity = "warning"
safe = true
message = 'House style: "{text}" is "{replacement}".'
help = "Follow the house style guide."
substitutions = { utilize = "use", utilized = "used" }
[rules.docs]
what = "w"
why = "w"
example = "They utilize it."
instead = "They use it."
[rules.examples]
flag = ["They utilize the park."]
pass = ["They use the park."]
'''
DRAFT = "Residents utilize the park, the mayor said.\r\nThe senator claimed the park Utilized land.\r\n"
FIXED = "Residents use the park, the mayor said.\r\nThe senator claimed the park Used land.\r\n"


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "house.toml").write_text(PACK)
    (tmp_path / "copydesk.toml").write_text('select = ["HSE001", "ATT006"]\nrule-packs = ["house.toml"]\n')
    return tmp_path


def read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_fix_applies_safe_fixes_only_and_reports_what_is_left(desk: Path) -> None:
    draft = desk / "story.txt"
    draft.write_bytes(b"\xef\xbb\xbf" + DRAFT.encode())
    draft.chmod(0o640)
    result = run("check", "--fix", "story.txt")
    assert draft.read_bytes() == b"\xef\xbb\xbf" + FIXED.encode()  # BOM and CRLF kept
    assert draft.stat().st_mode & 0o777 == 0o640
    assert result.stderr == "Fixed 2 problems in 1 file.\n"
    # The unsafe "claimed" -> "said" fix is offered, not applied, and still reported.
    assert result.stdout.splitlines()[0] == (
        'story.txt:2:13: warning ATT006 [loaded-attribution-verb] Loaded attribution verb "claimed": "said" is neutral.')
    assert result.exit_code == 1
    assert sorted(os.listdir(desk)) == ["copydesk.toml", "house.toml", "story.txt"]  # no temporary file left


def test_without_fix_files_are_never_written(desk: Path) -> None:
    draft = desk / "story.txt"
    draft.write_text(DRAFT, newline="")
    before = draft.stat()
    result = run("check", "story.txt")
    assert "HSE001" in result.stdout
    after = draft.stat()
    assert (before.st_mtime_ns, before.st_ino) == (after.st_mtime_ns, after.st_ino)


def test_fix_leaves_a_file_with_nothing_safe_to_fix_alone(desk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    draft = desk / "story.txt"
    draft.write_text("The senator claimed the bill would cut costs.\n")
    writes: list[object] = []
    monkeypatch.setattr(os, "replace", lambda *a: writes.append(a))
    result = run("check", "--fix", "story.txt")
    assert writes == [] and result.stderr == ""
    assert "ATT006" in result.stdout


def test_fix_is_atomic_when_the_write_fails(desk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    draft = desk / "story.txt"
    draft.write_text(DRAFT, newline="")

    def fail(src: str, dst: str) -> None:
        assert Path(src).parent == draft.parent and Path(dst).resolve() == draft  # written beside, then renamed
        assert read(Path(src)) == FIXED
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    result = run("check", "--fix", "story.txt")
    assert result.exit_code == 2
    assert result.stderr == "error: story.txt: cannot write the fixes (disk full), left unchanged\n"
    assert read(draft) == DRAFT
    assert sorted(os.listdir(desk)) == ["copydesk.toml", "house.toml", "story.txt"]


def test_fix_on_standard_input_prints_the_fixed_draft(desk: Path) -> None:
    result = run("check", "--fix", "-", "--stdin-filename", "story.txt", input="They utilize the park.\n")
    assert result.stdout == "They use the park.\n"
    assert result.exit_code == 0


def test_fix_with_jobs(desk: Path) -> None:
    for i in range(3):
        (desk / f"s{i}.txt").write_text(DRAFT, newline="")
    result = run("check", "--fix", "--jobs", "2", "--quiet", ".")
    assert [read(desk / f"s{i}.txt") for i in range(3)] == [FIXED] * 3
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == ["s0.txt", "s1.txt", "s2.txt"]
