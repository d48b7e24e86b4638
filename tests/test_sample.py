"""`copydesk rule ID --sample FOLDER`: one rule's hits across an archive, counted, with a random,
reproducible sample of them in context."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from lint.cli.main import cli
from test_archive import write_drafts

HIT = re.compile(r"^  (?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<before>.*?)\[(?P<text>[^\]]+)\](?P<after>.*)$")
HEAD = re.compile(r"^ATT001 vague-source on (?P<where>.+): (?P<hits>[\d,]+) hits in (?P<drafts>\d+) drafts of "
                  r"(?P<words>[\d,]+) words, (?P<rate>[\d.]+) per 1,000 words\.$")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sample") / "drafts"
    write_drafts(folder, 40)
    return folder


@pytest.fixture(scope="module")
def vague(folder: Path) -> list[dict]:
    result = run("check", "--no-config", "--format", "json", str(folder))
    return [d for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "ATT001"]


def sample(folder: Path, *extra: str) -> list[str]:
    result = run("rule", "vague-source", "--sample", str(folder), "--no-config", *extra)
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_prints_the_counts_and_five_hits_in_context(folder: Path, vague: list[dict]) -> None:
    from lint.engine.linter import Linter

    lines = sample(folder, "-n", "5", "--seed", "7")
    head = HEAD.match(lines[0])
    assert head and int(head["hits"].replace(",", "")) == len(vague) and int(head["drafts"]) == 40
    linter = Linter()
    words = sum(len(s.norms) for p in sorted(folder.rglob("*.md"))
                for para in linter.document(p.read_text(encoding="utf-8"), str(p)).body for s in para.sentences)
    assert int(head["words"].replace(",", "")) == words
    assert head["rate"] == f"{1000 * len(vague) / words:.2f}"
    assert lines[1] == "5 drawn at random (--seed 7 draws the same):"
    hits = [HIT.match(line) for line in lines[2:]]
    assert len(hits) == 5 and all(hits)
    where = {(d["path"], d["line"], d["column"]): d for d in vague}
    for hit in hits:
        d = where[(hit["path"], int(hit["line"]), int(hit["col"]))]
        assert hit["text"] == " ".join(d["text"].split())
        assert hit["before"].strip() or hit["after"].strip()  # the words around it
        assert len(hit["after"].replace("…", "").split()) <= 8 and len(hit["before"].replace("…", "").split()) <= 8


def test_a_seed_draws_the_same_hits_and_another_seed_others(folder: Path) -> None:
    first = sample(folder, "-n", "5", "--seed", "7")
    assert sample(folder, "-n", "5", "--seed", "7", "--jobs", "2") == first
    assert sample(folder, "-n", "5", "--seed", "8")[2:] != first[2:]


def test_without_a_seed_it_names_the_one_that_draws_the_same(folder: Path) -> None:
    lines = sample(folder, "-n", "3")
    seed = re.fullmatch(r"3 drawn at random \(--seed (\d+) draws the same\):", lines[1])[1]
    assert sample(folder, "-n", "3", "--seed", seed) == lines


def test_fewer_hits_than_asked_shows_them_all(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Experts say the bridge will close. The council met.\n\nCritics say so.\n",
                                    encoding="utf-8")
    lines = sample(tmp_path, "-n", "20", "--seed", "1")
    assert lines[1] == "2 drawn at random (--seed 1 draws the same):"
    assert [HIT.match(line)["text"] for line in lines[2:]] == ["Experts say", "Critics say"]
    assert HIT.match(lines[2])["after"] == " the bridge will close. The council met."


def test_an_unknown_rule_or_path_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run("rule", "no-such-rule", "--sample", str(tmp_path), "--no-config")
    assert result.exit_code == 2 and result.stderr == "error: unknown rule 'no-such-rule' (copydesk rules lists them)\n"
    missing = run("rule", "vague-source", "--sample", str(tmp_path / "nope"), "--no-config", "--seed", "1")
    assert missing.exit_code == 2 and missing.stderr == f"error: {tmp_path / 'nope'}: no such file or folder, skipped\n"
