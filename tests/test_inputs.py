"""Inputs: Markdown structure, line endings, encodings, unreadable files among good ones."""
from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from lint.cli.main import cli

PHRASE = "Experts say the vote will pass."
MARKDOWN = f"""---
title: {PHRASE}
---

# {PHRASE}

{PHRASE}

- {PHRASE}

> {PHRASE}

Use `{PHRASE}` inline, or [the vote](experts-say-the-vote-will-pass.html) as a link,
or ![a chart](experts-say-the-vote.png) as an image.

<!-- {PHRASE} -->

```
{PHRASE}
```

    {PHRASE}
"""
# Where the phrase is prose: (line, column) of "Experts" in the heading, paragraph, list item, quote.
HEADING, PARAGRAPH, LIST_ITEM, QUOTE = (5, 3), (7, 1), (9, 3), (11, 3)
# A newsroom rule with scope "all", so that headings are linted too (as the ATT rules do).
PACK = '''
[[rules]]
code = "TST001"
name = "test-phrase"
kind = "existence"
severity = "warning"
scope = "all"
message = 'Test phrase "{text}".'
help = "Test."
phrases = ["experts say"]
[rules.docs]
what = "w"
why = "w"
example = "e"
instead = "i"
[rules.examples]
flag = ["Experts say so."]
pass = ["Nobody says so."]
'''
LINE = re.compile(r"^(.+?):(\d+):(\d+): \w+ ([A-Z]{3}\d{3}) ")


def run(*args: str, input: str | bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def found(result: Result) -> list[tuple[int, int, str]]:
    return [(int(m.group(2)), int(m.group(3)), m.group(4)) for m in map(LINE.match, result.stdout.splitlines()) if m]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_markdown_prose_is_flagged_and_code_urls_comments_front_matter_are_not(here: Path) -> None:
    (here / "draft.md").write_text(MARKDOWN)
    result = run("check", "--no-config", "--select", "vague-source", "draft.md")
    # vague-source reads headlines and headings as well as paragraphs, list items and block quotes.
    assert found(result) == [(*HEADING, "ATT001"), (*PARAGRAPH, "ATT001"), (*LIST_ITEM, "ATT001"), (*QUOTE, "ATT001")]


def test_markdown_heading_is_flagged_by_a_rule_whose_scope_includes_headings(here: Path) -> None:
    (here / "pack.toml").write_text(PACK)
    (here / "copydesk.toml").write_text('select = ["TST001"]\nrule-packs = ["pack.toml"]\n')
    (here / "draft.md").write_text(MARKDOWN)
    result = run("check", "draft.md")
    assert found(result) == [(*HEADING, "TST001"), (*PARAGRAPH, "TST001"), (*LIST_ITEM, "TST001"), (*QUOTE, "TST001")]
    rows = json.loads(run("check", "--format", "json", "draft.md").stdout)["diagnostics"]
    assert {(d["text"], d["end_column"] - d["column"]) for d in rows} == {("Experts say", 11)}


def test_same_phrase_in_plain_text_is_flagged_everywhere(here: Path) -> None:
    (here / "draft.txt").write_text(MARKDOWN)
    lines = {line for line, _, _ in found(run("check", "--no-config", "--select", "ATT001", "draft.txt"))}
    # Plain text has no markup to skip: front matter, inline code, comment and code blocks are prose.
    assert {2, PARAGRAPH[0], LIST_ITEM[0], QUOTE[0], 13, 16, 19, 22} <= lines


SEED = Path(__file__).resolve().parent.parent / "seeds" / "ukraine-peace-talks.txt"


@pytest.mark.parametrize("name", ["draft.txt", "draft.md"])
def test_lf_crlf_and_cr_give_identical_output(here: Path, name: str) -> None:
    text = SEED.read_text(encoding="utf-8") if name.endswith(".txt") else MARKDOWN
    outputs = []
    for ending in ("\n", "\r\n", "\r"):
        folder = here / repr(ending).strip("'").replace("\\", "")
        folder.mkdir()
        (folder / name).write_bytes(text.replace("\n", ending).encode("utf-8"))
        outputs.append(_run_in(folder, name))
    assert outputs[0] and outputs[0] == outputs[1] == outputs[2]


def _run_in(folder: Path, name: str) -> str:
    import os

    old = Path.cwd()
    os.chdir(folder)
    try:
        return run("check", "--no-config", name).stdout
    finally:
        os.chdir(old)


def test_utf8_bom_is_accepted_and_does_not_shift_columns(here: Path) -> None:
    (here / "plain.txt").write_bytes(PHRASE.encode() + b"\n")
    (here / "bom.txt").write_bytes(b"\xef\xbb\xbf" + PHRASE.encode() + b"\n")
    plain = run("check", "--no-config", "--select", "ATT001", "plain.txt")
    bom = run("check", "--no-config", "--select", "ATT001", "bom.txt")
    assert found(plain) == found(bom) == [(1, 1, "ATT001")]


def test_binary_and_latin1_files_among_good_ones(here: Path) -> None:
    (here / "a.txt").write_text(PHRASE + "\n")
    (here / "b.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (here / "c.txt").write_bytes("Café owners say it will pass. Experts say the vote will pass.\n".encode("latin-1"))
    (here / "d.md").write_text("Intro.\n\n" + PHRASE + "\n")
    result = run("check", "--no-config", "--select", "ATT001", "a.txt", "b.bin", "c.txt", "d.md")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "error: b.bin: binary file (contains NUL bytes), skipped",
        "error: c.txt: not valid UTF-8 (byte 0xe9 at offset 3), skipped",
    ]
    assert [(m.group(1), m.group(2)) for m in map(LINE.match, result.stdout.splitlines()) if m] == [
        ("a.txt", "1"), ("d.md", "3")]


def test_unreadable_file_in_a_walked_folder(here: Path) -> None:
    (here / "good.md").write_text(PHRASE + "\n")
    (here / "bad.txt").write_bytes(b"x\x00\xff")
    result = run("check", "--no-config", "--select", "ATT001", ".")
    assert result.exit_code == 2
    assert result.stderr == "error: bad.txt: binary file (contains NUL bytes), skipped\n"
    assert found(result) == [(1, 1, "ATT001")]


@pytest.mark.parametrize(("bom", "codec", "named"), [
    (b"\xff\xfe", "utf-16-le", "UTF-16 (LE)"),
    (b"\xfe\xff", "utf-16-be", "UTF-16 (BE)"),
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32 (LE)"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32 (BE)"),
], ids=["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_with_a_bom_are_named_not_called_binary(here: Path, bom: bytes, codec: str,
                                                                 named: str) -> None:
    (here / "a.txt").write_text(PHRASE + "\n")
    (here / "wide.txt").write_bytes(bom + (PHRASE + "\n").encode(codec))
    result = run("check", "--no-config", "--select", "ATT001", "a.txt", "wide.txt")
    assert result.exit_code == 2
    assert result.stderr == f"error: wide.txt: {named} text, not UTF-8: save it as UTF-8; skipped\n"
    assert [(m.group(1), m.group(2)) for m in map(LINE.match, result.stdout.splitlines()) if m] == [("a.txt", "1")]


def cli_process(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The real command in a child process: a read that blocks fails the test instead of hanging it."""
    return subprocess.run([sys.executable, "-m", "lint", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=60)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_pipes_sockets_and_devices_are_skipped_without_blocking(here: Path) -> None:
    (here / "drafts").mkdir()
    (here / "drafts" / "good.md").write_text(PHRASE + "\n")
    os.mkfifo(here / "drafts" / "pipe.md")
    os.mkfifo(here / "named.txt")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind("drafts/sock.txt")  # relative: a socket's path has a short length limit
        result = cli_process("check", "--no-config", "--select", "ATT001", "named.txt", "drafts", "/dev/null",
                             cwd=here)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "error: named.txt: not a regular file (named pipe), skipped",
        "error: drafts/pipe.md: not a regular file (named pipe), skipped",
        "error: drafts/sock.txt: not a regular file (socket), skipped",
        "error: /dev/null: not a regular file (character device), skipped",
    ]
    assert result.stdout.splitlines() == [
        'drafts/good.md:1:1: warning ATT001 [vague-source] Vague source "Experts say": name who found this, '
        'or say how it was verified.',
        "Found 1 problem in 1 file: 1 warning; 4 could not be read.",
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_report_on_a_named_pipe_says_so_without_blocking(here: Path) -> None:
    os.mkfifo(here / "pipe.md")
    result = cli_process("report", "--no-config", "pipe.md", cwd=here)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "error: pipe.md: not a regular file (named pipe), skipped\n"


def test_non_utf8_standard_input(here: Path) -> None:
    result = run("check", "--no-config", "-", input="caf\xe9".encode("latin-1"))
    assert result.exit_code == 2
    assert result.stderr == "error: -: not valid UTF-8 (byte 0xe9 at offset 3), skipped\n"


def test_lsp_character_counts_utf16_units_after_an_emoji(here: Path) -> None:
    (here / "emoji.md").write_text("Intro.\n\nFans 🎉 cheered. Experts say the vote will pass.\n", encoding="utf-8")
    text = run("check", "--no-config", "--select", "ATT001", "emoji.md")
    ((line, column, _),) = found(text)
    lsp = json.loads(run("check", "--no-config", "--select", "ATT001", "--format", "lsp", "emoji.md").stdout)
    start = lsp[0]["diagnostics"][0]["range"]["start"]
    assert (start["line"], start["character"]) == (line - 1, column)  # 0-based, plus one for the emoji
