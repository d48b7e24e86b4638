"""copydesk as real processes: --jobs when a worker dies or raises, and no network in any mode.

Each run is `python -c` with a prelude and then the command line's main(): the prelude may patch
lint.cli.batch.run_task (forked workers inherit the patch) or install an audit hook that ends the process
on any IP socket or name lookup (forked workers inherit the hook too). No hook lives in the product.
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from lint.cli.main import cli

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

# Makes lint.cli.batch.run_task do `action` for the drafts named in `faulty` (comma-separated).
FAULT = textwrap.dedent("""
    import os, signal, lint.cli.batch
    _real_run_task = lint.cli.batch.run_task
    def _faulty(task):
        if os.path.basename(task.path) in {faulty!r}.split(","):
            {action}
        return _real_run_task(task)
    lint.cli.batch.run_task = _faulty
""")
KILL = "os.kill(os.getpid(), signal.SIGKILL)"
RAISE = "raise RuntimeError('boom')"
LOOKUP = "socket.getaddrinfo('example.com', 80)"

MAIN = "import sys\nfrom lint.cli import main\nsys.argv[0] = 'copydesk'\nmain()\n"


def copydesk(cwd: Path, *args: str, prelude: str = "") -> subprocess.CompletedProcess[str]:
    """The command line in a fresh interpreter; a hang fails the test instead of blocking the suite."""
    return subprocess.run([sys.executable, "-c", prelude + MAIN, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, check=False)


def fault(faulty: list[str], action: str) -> str:
    return NO_NETWORK + FAULT.format(faulty=",".join(faulty), action=action)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Twelve drafts, each with findings of its own (every other one the seed draft)."""
    seed = SEED.read_text(encoding="utf-8")
    for i, name in enumerate(DRAFTS):
        (tmp_path / name).write_text(seed if i % 2 else f"Experts say the vote number {i} will pass.\n",
                                     encoding="utf-8")
    return tmp_path


def lines_of(stdout: str, skip: list[str]) -> list[str]:
    return [line for line in stdout.splitlines() if json.loads(line)["path"] not in skip]


@pytest.fixture
def reference(folder: Path) -> str:
    """Every draft's jsonl lines from a plain --jobs 1 run."""
    done = copydesk(folder, "check", "--no-config", "--format", "jsonl", ".", prelude=NO_NETWORK)
    assert done.returncode == 1 and done.stderr == ""
    assert {json.loads(line)["path"] for line in done.stdout.splitlines()} == set(DRAFTS)
    return done.stdout


@pytest.mark.parametrize("faulty", [["d00.txt"], ["d05.txt"], ["d11.txt"], ["d02.txt", "d03.txt", "d09.txt"]])
def test_a_worker_killed_by_a_signal_costs_only_the_draft_it_was_linting(folder: Path, reference: str,
                                                                         faulty: list[str]) -> None:
    done = copydesk(folder, "check", "--no-config", "--format", "jsonl", "--jobs", "2", ".",
                    prelude=fault(faulty, KILL))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"error: {name}: not linted: a worker process died (killed by SIGKILL)" for name in faulty]
    assert done.stdout.splitlines() == lines_of(reference, skip=faulty)


def test_when_every_worker_dies_each_draft_is_reported_and_the_run_ends(folder: Path) -> None:
    done = copydesk(folder, "check", "--no-config", "--jobs", "2", ".", prelude=fault(DRAFTS, KILL))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"error: {name}: not linted: a worker process died (killed by SIGKILL)" for name in DRAFTS]


# Every worker notes its process id; the one linting d05.txt kills the parent.
ORPHANS = textwrap.dedent("""
    import os, signal, lint.cli.batch
    _real_run_task = lint.cli.batch.run_task
    def _noting(task):
        with open("workers", "a") as f:
            f.write(f"{os.getpid()}\\n")
        if task.path.endswith("d05.txt"):
            os.kill(os.getppid(), signal.SIGKILL)
        return _real_run_task(task)
    lint.cli.batch.run_task = _noting
""")


def running(pid: int) -> bool:
    """Alive and not a zombie (an orphan's zombie waits for whoever adopted it to reap it)."""
    try:
        return " Z " not in Path(f"/proc/{pid}/stat").read_text().split(")", 1)[1][:4]
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_workers_end_when_the_parent_is_killed(folder: Path) -> None:
    done = copydesk(folder, "check", "--no-config", "--jobs", "2", ".", prelude=ORPHANS)
    assert done.returncode == -9
    workers = {int(pid) for pid in (folder / "workers").read_text().split()}
    assert len(workers) == 2
    deadline = time.monotonic() + 30
    while any(map(running, workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(running, workers))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_draft_whose_lint_raises_is_reported_and_the_others_are_linted(folder: Path, reference: str,
                                                                         jobs: str) -> None:
    done = copydesk(folder, "check", "--no-config", "--format", "jsonl", "--jobs", jobs, ".",
                    prelude=fault(["d04.txt"], RAISE))
    assert done.returncode == 2
    assert done.stderr.splitlines() == ["error: d04.txt: not linted: an internal error (RuntimeError: boom)"]
    assert done.stdout.splitlines() == lines_of(reference, skip=["d04.txt"])


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


def test_the_network_guard_catches_a_lookup_in_a_forked_worker(folder: Path) -> None:
    """The guard is inherited by forked workers: a name lookup in one ends it, and its draft is reported."""
    done = copydesk(folder, "check", "--no-config", "--jobs", "2", ".",
                    prelude=NO_NETWORK + FAULT.format(faulty="d07.txt", action=LOOKUP))
    assert done.returncode == 2
    assert "network used: socket.getaddrinfo ('example.com', 80" in done.stderr
    assert f"error: d07.txt: not linted: a worker process died (exit status {NETWORK_EXIT})" in done.stderr


@pytest.mark.parametrize("attempt", ["socket.create_connection(('192.0.2.1', 9), timeout=1)",
                                     "socket.gethostbyname('example.com')",
                                     "socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)"])
def test_the_network_guard_ends_a_process_that_tries(attempt: str, tmp_path: Path) -> None:
    code = NO_NETWORK + f"try:\n    {attempt}\nexcept OSError:\n    pass\nprint('not stopped')\n"
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == NETWORK_EXIT and done.stdout == ""
    assert done.stderr.startswith("network used: socket.")
