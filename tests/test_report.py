"""`copydesk report`: the scorecard's every figure, on a draft small enough to check by hand."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from lint.cli.main import cli

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "ukraine-peace-talks.txt"
DRAFT = (
    "Bridge repairs\n\n"
    "Mayor Ana Ortiz said the bridge will reopen in May. Experts say the repairs cost too much. "
    "The council voted 7-2 on Tuesday to pay for them.\n\n"
    'It is believed that the contractor will finish early. "We are on schedule," Ortiz said.\n'
)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "bridge.txt"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def test_report_json_holds_every_figure(draft: Path) -> None:
    from lint.language.flesch import Counts, ease_from_counts, grade_from_counts, text_counts

    result = run("report", "--no-config", "--format", "json", str(draft))
    assert result.exit_code == 0
    card = json.loads(result.stdout)
    body = ["Mayor Ana Ortiz said the bridge will reopen in May.", "Experts say the repairs cost too much.",
            "The council voted 7-2 on Tuesday to pay for them.",
            "It is believed that the contractor will finish early.", '"We are on schedule," Ortiz said.']
    counts = sum((text_counts(s) for s in body), Counts(0, 0, 0))
    assert card["grade"] == round(grade_from_counts(counts), 1)
    assert card["ease"] == round(ease_from_counts(counts), 1)
    assert (card["words"], card["sentences"], card["target_grade"]) == (counts.words, 5, 10.0)
    assert card["families"] == {"ATT": 2, "HDG": 0, "OPN": 0, "RDB": 0, "BAL": 0, "CPD": 0}
    assert card["ledger"] == [{"source": "Ana Ortiz", "class": "person", "relations": 2, "quotes": 1,
                               "paraphrases": 1, "forms": ["Mayor Ana Ortiz", "Ortiz"], "declined": False}]
    assert card["factual_sentences"] == 5
    assert card["unattributed"] == [
        {"line": 3, "column": 53, "text": body[1], "attribution": {"kind": "group", "source": "Experts"}},
        {"line": 3, "column": 92, "text": body[2], "attribution": None},
        {"line": 5, "column": 1, "text": body[3], "attribution": {"kind": "sourceless", "source": "It is believed"}},
    ]


def test_report_text_is_readable(draft: Path) -> None:
    result = run("report", "--no-config", str(draft))
    assert result.exit_code == 0
    text = result.stdout
    for heading in ("Readability", "Findings by family", "Source ledger", "Unattributed claims: 3 of 5"):
        assert heading in text
    assert "  Ana Ortiz  person     2  (1 quoted, 1 paraphrased)\n" in text
    assert "     3:92   The council voted 7-2 on Tuesday to pay for them.\n" in text
    assert "[sourceless: It is believed]" in text


def test_report_on_the_seed_agrees_with_check(monkeypatch: pytest.MonkeyPatch) -> None:
    from lint.engine.linter import Linter

    monkeypatch.chdir(REPO)
    card = json.loads(run("report", "--no-config", "--format", "json", str(SEED)).stdout)
    diagnostics = json.loads(run("check", "--no-config", "--format", "json", str(SEED)).stdout)["diagnostics"]
    for family, count in card["families"].items():
        assert count == sum(d["code"].startswith(family) for d in diagnostics)
    text = SEED.read_text(encoding="utf-8")
    doc = Linter().document(text, str(SEED))
    assert [e["source"] for e in card["ledger"]] == [e.name for e in doc.analyses.attribution.ledger]
    # Kristen Welker interviews Trump and is quoted saying nothing: an interviewer is not a source.
    assert [(e["source"], e["class"], e["relations"]) for e in card["ledger"]] == [
        ("Donald Trump", "person", 12), ("JD Vance", "person", 2), ("Marco Rubio", "person", 1)]
    assert isinstance(card["grade"], float) and 14 < card["grade"] < 16
    lines = text.splitlines()
    for claim in card["unattributed"]:
        assert lines[claim["line"] - 1][claim["column"] - 1:].startswith(claim["text"][:40])
    assert 0 < len(card["unattributed"]) <= card["factual_sentences"]


def test_report_on_a_missing_file_exits_2(tmp_path: Path) -> None:
    result = run("report", "--no-config", str(tmp_path / "nope.txt"))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and "nope.txt: no such file" in result.stderr


def test_report_json_relations_point_at_their_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each relation's source, cue and content spans (line, column, end) hold the words they name."""
    monkeypatch.chdir(REPO)
    card = json.loads(run("report", "--no-config", "--format", "json", str(SEED)).stdout)
    lines = SEED.read_text(encoding="utf-8").split("\n")

    def at(span: dict) -> str:
        assert span["line"] == span["end_line"]  # (the seed's relations sit on one line each)
        return lines[span["line"] - 1][span["column"] - 1:span["end_column"] - 1]

    relations = card["relations"]
    assert len(relations) >= 20
    for r in relations:
        for span in [r["cue"], *r["content"], *([r["source"]] if r["source"] else [])]:
            assert at(span) == span["text"], r
    rubio = next(r for r in relations if r["name"] == "Marco Rubio")
    assert (rubio["class"], rubio["source"]["text"], rubio["cue"]["text"]) == (
        "person", "Secretary of State Marco Rubio", "suggesting")
    assert rubio["content"][0]["text"].startswith("that a decision to disengage")
    vance = [r for r in relations if r["name"] in ("JD Vance", "Vance")]
    assert [r["cue"]["text"] for r in vance] == ["underscore", "described"]
