"""--fix: safe fixes only, written atomically, and files are never touched otherwise."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from lint.cli import batch
from lint.cli.main import cli

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


def listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


def save_while_linting(monkeypatch: pytest.MonkeyPatch, path: Path, edit) -> list[bytes]:
    """The user saves the draft while copydesk lints it (after its read, before its write); what they saved."""
    real = batch.fix_text
    saved: list[bytes] = []

    def fix_text(*args):
        edit(path)
        saved.append(path.read_bytes())
        return real(*args)

    monkeypatch.setattr(batch, "fix_text", fix_text)
    return saved


def keep_size_and_mtime(path: Path) -> None:
    before = path.stat()
    path.write_text(DRAFT.replace("park", "PARK"), newline="")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


@pytest.mark.parametrize("edit", [lambda p: p.write_text("Residents utilize the new park.\n"), keep_size_and_mtime],
                         ids=["new-size", "same-size-and-mtime"])
def test_fix_never_overwrites_an_edit_saved_while_linting(desk: Path, monkeypatch: pytest.MonkeyPatch, edit) -> None:
    draft = desk / "story.txt"
    draft.write_text(DRAFT, newline="")
    saved = save_while_linting(monkeypatch, draft, edit)
    result = run("check", "--fix", "story.txt")
    assert draft.read_bytes() == saved[0] != DRAFT.encode()
    assert result.stderr == "error: story.txt: fixes not written (it changed after copydesk read it), left unchanged\n"
    assert result.exit_code == 2
    assert listing(desk) == ["copydesk.toml", "house.toml", "story.txt"]


def test_fix_follows_a_symlink_and_the_link_stays_a_link(desk: Path) -> None:
    (desk / "archive").mkdir()
    target = desk / "archive" / "story.txt"
    target.write_text(DRAFT, newline="")
    (desk / "story.txt").symlink_to("archive/story.txt")
    result = run("check", "--fix", "--quiet", "story.txt")
    assert os.readlink(desk / "story.txt") == "archive/story.txt"
    assert read(target) == FIXED
    assert listing(desk / "archive") == ["story.txt"]
    assert result.exit_code == 1  # the unsafe "claimed" is left


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving a file away needs root")
def test_fix_keeps_the_mode_owner_and_group(desk: Path) -> None:
    draft = desk / "story.txt"
    draft.write_text(DRAFT, newline="")
    os.chown(draft, 12345, 23456)
    draft.chmod(0o664)
    run("check", "--fix", "story.txt")
    after = draft.stat()
    assert read(draft) == FIXED
    assert (after.st_uid, after.st_gid, after.st_mode & 0o7777) == (12345, 23456, 0o664)


def test_fix_leaves_a_read_only_file_alone(desk: Path) -> None:
    draft = desk / "story.txt"
    draft.write_text(DRAFT, newline="")
    draft.chmod(0o444)  # marked read-only on purpose: not rewritten even by root
    result = run("check", "--fix", "story.txt")
    assert read(draft) == DRAFT
    assert result.stderr == "error: story.txt: fixes not written (read-only), left unchanged\n"
    assert result.exit_code == 2
    # The draft was read and linted: its findings are still listed, the safe ones included.
    assert [(line.split()[0], line.split()[2]) for line in result.stdout.splitlines()[:-1]] == [
        ("story.txt:1:11:", "HSE001"), ("story.txt:2:13:", "ATT006"), ("story.txt:2:30:", "HSE001")]


def test_fix_refuses_a_file_with_hard_links(desk: Path) -> None:
    draft = desk / "story.txt"
    draft.write_text(DRAFT, newline="")
    os.link(draft, desk / "copy.txt")
    result = run("check", "--fix", "story.txt")
    assert read(draft) == read(desk / "copy.txt") == DRAFT
    assert os.path.samefile(draft, desk / "copy.txt")
    assert result.stderr == (
        "error: story.txt: fixes not written (it has 2 hard links, which a rewrite would split), left unchanged\n")
    assert result.exit_code == 2


def test_fix_failing_midway_through_the_write_leaves_the_original(desk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    draft = desk / "story.txt"
    draft.write_text(DRAFT, newline="")

    def fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fsync)
    result = run("check", "--fix", "story.txt")
    assert result.stderr == "error: story.txt: cannot write the fixes (No space left on device), left unchanged\n"
    assert read(draft) == DRAFT
    assert listing(desk) == ["copydesk.toml", "house.toml", "story.txt"]


KILLED_AT_THE_RENAME = """
import os, signal, sys
os.replace = lambda src, dst: os.kill(os.getpid(), signal.SIGKILL)
sys.argv = ["copydesk", "check", "--fix", "story.txt"]
from lint.cli import main
main()
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")
def test_fix_killed_before_the_rename_leaves_the_original(desk: Path) -> None:
    draft = desk / "story.txt"
    draft.write_text(DRAFT, newline="")
    proc = subprocess.run([sys.executable, "-c", KILLED_AT_THE_RENAME], cwd=desk, capture_output=True, timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert read(draft) == DRAFT
    # A kill leaves the hidden temporary file behind; the next run of the folder does not lint it.
    result = run("check", "--quiet", ".")
    assert {line.split(":")[0] for line in result.stdout.splitlines()} == {"story.txt"}
