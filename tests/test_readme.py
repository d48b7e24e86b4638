"""The README's generated tables match the packs and the settings."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_readme_tables_are_up_to_date() -> None:
    proc = subprocess.run([sys.executable, str(REPO / "tools" / "gen_readme.py"), "--check"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr + "Regenerate with: python tools/gen_readme.py"


def test_readme_rule_table_lists_every_rule() -> None:
    from lint.registry.packs import load_packs

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for rule in load_packs([REPO / "rules"]):
        assert f"| `{rule.code}` | `{rule.name}` |" in readme


def test_rules_markdown_command_prints_the_same_table() -> None:
    from click.testing import CliRunner

    from lint.cli.main import cli

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = CliRunner().invoke(cli, ["rules", "--no-config", "--format", "markdown"]).stdout
    assert f"<!-- rules:start -->\n{table}<!-- rules:end -->" in readme


def test_readme_gives_the_two_set_up_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert ("python3 -m venv .venv && .venv/bin/pip install -e '.[dev]' && "
            ".venv/bin/copydesk check seeds/ukraine-peace-talks.txt") in readme
    assert ".venv/bin/python -m pytest -q" in readme
