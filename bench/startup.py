"""Cold start-up of the copydesk command: the median wall time of fresh processes.

    python bench/startup.py            # 15 runs each after 2 warm-ups
    python bench/startup.py --runs 30

Each run is a new process, as when an editor, a pre-commit hook or a shell calls copydesk, so it
pays for interpreter start-up, imports and loading the rule packs. The warm-ups fill the OS file
cache; nothing else is kept between runs. Figures go in bench/README.md.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = "seeds/ukraine-peace-talks.txt"


def command() -> list[str]:
    """The installed console script beside this interpreter, else `python -m lint`."""
    script = Path(sys.executable).with_name("copydesk")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "lint"]


def wall_times(argv: list[str], runs: int, warmups: int) -> list[float]:
    times = []
    for i in range(warmups + runs):
        start = time.perf_counter()
        proc = subprocess.run(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - start
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")
        if i >= warmups:
            times.append(elapsed)
    return times


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # what `nproc` prints
    except AttributeError:  # pragma: no cover (not Linux)
        return os.cpu_count() or 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs per command (at least 10)")
    parser.add_argument("--warmups", type=int, default=2)
    args = parser.parse_args()
    runs = max(10, args.runs)
    base = command()
    print(f"{' '.join(base)}  (python {sys.version.split()[0]}, {cores()} cores, {runs} runs, median)")
    for label, extra in (("check " + SEED, ["check", SEED]), ("--version", ["--version"])):
        times = wall_times(base + extra, runs, args.warmups)
        print(f"  copydesk {label:<40} median {statistics.median(times) * 1000:6.0f} ms"
              f"   min {min(times) * 1000:5.0f} ms   max {max(times) * 1000:5.0f} ms")


if __name__ == "__main__":
    main()
