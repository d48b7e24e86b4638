"""The seed draft's text output, as `copydesk check seeds/ukraine-peace-talks.txt` prints it.

The rules are still being tuned, so this snapshot moves with them. After a deliberate change:

    COPYDESK_UPDATE_SNAPSHOTS=1 python -m pytest -q tests/test_seed_snapshot.py

and review the diff of seeds/ukraine-peace-talks.expected.txt before committing it.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from lint.cli.main import cli

REPO = Path(__file__).resolve().parent.parent
DRAFT = "seeds/ukraine-peace-talks.txt"
EXPECTED = REPO / "seeds" / "ukraine-peace-talks.expected.txt"
SHARED = REPO.parent / "shared" / "seeds" / "ukraine-peace-talks.txt"


def test_seed_output_matches_the_snapshot(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(cli, ["check", DRAFT], catch_exceptions=False)
    assert result.exit_code == 1
    if os.environ.get("COPYDESK_UPDATE_SNAPSHOTS"):
        EXPECTED.write_text(result.stdout, encoding="utf-8")
    expected = EXPECTED.read_text(encoding="utf-8")
    assert result.stdout == expected, (
        "The seed draft's output changed. If the change is intended, regenerate the snapshot with\n"
        "    COPYDESK_UPDATE_SNAPSHOTS=1 python -m pytest -q tests/test_seed_snapshot.py\n"
        "and review the diff of seeds/ukraine-peace-talks.expected.txt."
    )


@pytest.mark.skipif(not SHARED.exists(), reason="no shared/ folder beside the checkout")
def test_seed_is_a_copy_of_the_shared_draft() -> None:
    assert (REPO / DRAFT).read_bytes() == SHARED.read_bytes()
