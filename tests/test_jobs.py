"""copydesk as real processes: no network in any mode.

Each run is `python -c` with a prelude and then the command line's main(): the prelude installs an
audit hook that ends the process on any IP socket or name lookup (forked workers inherit the hook).
No hook lives in the product.
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from lint.cli import cli

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "ukraine-peace-talks.txt"
DRAFTS = [f"d{i:02d}.txt" for i in range(12)]
NETWORK_EXIT = 97

# Ends the process (exit 97, one line on stderr) on any IP socket or host name lookup. Exiting rather
# than raising, so that code catching OSError cannot hide the attempt.
NO_NETWORK = textwrap.dedent(f"""
    import os, socket, sys
    def _no_network(event, args):
        if event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex",
                     "socket.gethostbyaddr") or (event == "socket.__new__"
                                                 and args[1] in (socket.AF_INET, socket.AF_INET6)):
            os.write(2, f"network used: {{event}} {{args!r}}\\n".encode())
            os._exit({NETWORK_EXIT})
    sys.addaudithook(_no_network)
""")

MAIN = "import sys\nfrom lint.cli import main\nsys.argv[0] = 'copydesk'\nmain()\n"


def copydesk(cwd: Path, *args: str, prelude: str = "") -> subprocess.CompletedProcess[str]:
    """The command line in a fresh interpreter; a hang fails the test instead of blocking the suite."""
    return subprocess.run([sys.executable, "-c", prelude + MAIN, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, check=False)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Twelve drafts, each with findings of its own (every other one the seed draft)."""
    seed = SEED.read_text(encoding="utf-8")
    for i, name in enumerate(DRAFTS):
        (tmp_path / name).write_text(seed if i % 2 else f"Experts say the vote number {i} will pass.\n",
                                     encoding="utf-8")
    return tmp_path


@pytest.fixture
def reference(folder: Path) -> str:
    """Every draft's jsonl lines from a plain --jobs 1 run."""
    done = copydesk(folder, "check", "--no-config", "--format", "jsonl", ".", prelude=NO_NETWORK)
    assert done.returncode == 1 and done.stderr == ""
    assert {json.loads(line)["path"] for line in done.stdout.splitlines()} == set(DRAFTS)
    return done.stdout


def test_jobs_2_in_a_real_process_matches_jobs_1_without_the_network(folder: Path, reference: str) -> None:
    done = copydesk(folder, "check", "--no-config", "--format", "jsonl", "--jobs", "2", ".", prelude=NO_NETWORK)
    assert (done.returncode, done.stderr, done.stdout) == (1, "", reference)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_report_in_a_real_process_needs_no_network(fmt: str, tmp_path: Path) -> None:
    args = ["report", "--no-config", "--format", fmt, str(SEED)]
    done = copydesk(tmp_path, *args, prelude=NO_NETWORK)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == CliRunner().invoke(cli, args, catch_exceptions=False).stdout
    assert "Donald Trump" in done.stdout


@pytest.mark.parametrize("attempt", ["socket.create_connection(('192.0.2.1', 9), timeout=1)",
                                     "socket.gethostbyname('example.com')",
                                     "socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)"])
def test_the_network_guard_ends_a_process_that_tries(attempt: str, tmp_path: Path) -> None:
    code = NO_NETWORK + f"try:\n    {attempt}\nexcept OSError:\n    pass\nprint('not stopped')\n"
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == NETWORK_EXIT and done.stdout == ""
    assert done.stderr.startswith("network used: socket.")
