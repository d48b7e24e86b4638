"""The real pre-commit framework runs copydesk's hook (.pre-commit-hooks.yaml) from this
working tree, in a throwaway git repository holding one flagged and one clean draft.

`pre-commit try-repo` snapshots the working tree (tracked files, with their uncommitted
changes), builds a virtualenv and pip-installs copydesk into it, so this test needs the package
index; it is skipped, saying so, when pip cannot reach it. It takes a minute or so.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TIMEOUT = 900  # seconds per run: a cold virtualenv plus pip installing copydesk and its deps

FLAGGED = "Experts say the plan will fail. The mayor touted the deal on Tuesday.\n"
CLEAN = "The city council voted 5-2 on Tuesday to widen Main Street, council clerk Ana Ruiz said.\n"
# What pip prints when it cannot reach the index (then the test cannot say anything about copydesk).
OFFLINE = ("No matching distribution found", "Could not find a version that satisfies",
           "NewConnectionError", "Temporary failure in name resolution", "Network is unreachable",
           "ConnectTimeoutError", "ProxyError", "Max retries exceeded")


def _pre_commit() -> list[str] | None:
    script = Path(sys.executable).with_name("pre-commit")
    if script.is_file():
        return [str(script)]
    if shutil.which("pre-commit"):
        return ["pre-commit"]
    return None


PRE_COMMIT = _pre_commit()


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _try_repo(repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    assert PRE_COMMIT is not None
    run = subprocess.run([*PRE_COMMIT, "try-repo", str(REPO), "copydesk", "--color", "never"],
                         cwd=repo, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    output = run.stdout + run.stderr
    if run.returncode != 0 and "ATT0" not in output and any(s in output for s in OFFLINE):
        pytest.skip("pip cannot reach the package index, so pre-commit cannot install copydesk:\n"
                    + output[-1500:])
    return run


@pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed (pip install -e '.[dev]')")
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_hook_fails_on_a_flagged_draft_and_passes_a_clean_one(tmp_path: Path) -> None:
    repo = tmp_path / "newsroom"
    repo.mkdir()
    (repo / "flagged.md").write_text(FLAGGED, encoding="utf-8")
    (repo / "clean.md").write_text(CLEAN, encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "desk@example.invalid")
    _git(repo, "config", "user.name", "Copy Desk")
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(HOME=str(home), PRE_COMMIT_HOME=str(tmp_path / "pre-commit-cache"),
               PIP_DISABLE_PIP_VERSION_CHECK="1", PRE_COMMIT_COLOR="never")

    _git(repo, "add", "flagged.md", "clean.md")
    failed = _try_repo(repo, env)
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "copydesk (editorial balance)" in output and "Failed" in output
    assert "flagged.md:1:1: warning ATT001" in output, output  # copydesk's own diagnostics
    assert "ATT006" in output and "touted" in output
    assert "clean.md:" not in output

    _git(repo, "reset", "-q", "flagged.md")  # only the clean draft is staged now
    passed = _try_repo(repo, env)
    output = passed.stdout + passed.stderr
    assert passed.returncode == 0, output
    assert "copydesk (editorial balance)" in output and "Passed" in output
    assert "ATT0" not in output
