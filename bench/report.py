"""Archive throughput: `copydesk report DIR --html OUT` against `copydesk check DIR` (issue 13).

    python bench/report.py                    # 500 drafts, --jobs 1 and 2, 7 rounds
    python bench/report.py --rounds 3 --jobs 2
    python bench/report.py --json             # the figures as JSON on stdout (progress goes to stderr)

Run it with the interpreter of the environment copydesk is installed in (the `copydesk` script
beside `sys.executable` is timed). Both commands run as whole processes on the same folder with
`--no-config` and the same `--jobs`; check writes its text format to a file. The two take turns
within each round, the order swapping every round, and each figure is the median of the rounds;
the ratio of the fastest runs and of the CPU time of each process (its workers' included) are given
beside it, as they vary less on a shared machine. The target: report's throughput at least 80% of
check's, that is check's median wall time / report's >= 0.80.

The drafts are generated at run time from the seed draft's paragraphs (`write_drafts`, also used by
tests/test_archive.py): each is Markdown with a `date:` in its front matter, 10 to 17 of the seed's
paragraphs in its own order, in a folder per year. They are written to a temporary folder and deleted.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "ukraine-peace-talks.txt"
TARGET = 0.80


def write_drafts(folder: Path, count: int = 500) -> list[Path]:
    """count Markdown drafts built from the seed's paragraphs, dated month by month from January 2016."""
    lines = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    # The seed's headings are short lines with no end mark; in Markdown they become headings.
    blocks = [f"## {line}" if line[-1] not in ".!?\"”" and len(line.split()) <= 8 else line for line in lines[1:]]
    paths = []
    for i in range(count):
        rng = random.Random(i)
        body = rng.sample(blocks, rng.randint(10, min(17, len(blocks))))
        year, month, day = 2016 + (i // 12) % 10, i % 12 + 1, i % 28 + 1
        path = folder / str(year) / f"story-{i:04d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        front = f"---\ntitle: Story {i}\ndate: {year}-{month:02d}-{day:02d}\n---\n\n"
        path.write_text(front + lines[0] + "\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def copydesk() -> str:
    script = Path(sys.executable).with_name("copydesk")
    if not script.is_file():
        raise SystemExit(f"no copydesk beside {sys.executable}: run this with the venv copydesk is installed in")
    # An editable install is byte-compiled only on import, never where PYTHONDONTWRITEBYTECODE is set:
    # compile it once, so neither command pays for it (as bench/speed.py does).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "lint")], check=True,
                   stdout=subprocess.DEVNULL)
    return str(script)


def timed(argv: list[str], out: Path) -> tuple[float, float, float]:
    """Wall seconds, and the user and system CPU seconds of the process and the workers it waited for."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with out.open("wb") as stdout:
        start = time.perf_counter()
        proc = subprocess.run(argv, stdout=stdout, stderr=subprocess.PIPE, check=False)
        wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}): {proc.stderr.decode()[-800:]}")
    return wall, after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime


def measure(work: Path, drafts: Path, jobs: int, rounds: int) -> dict:
    """Each report writes into a folder of its own (as a first run does); all are deleted at the end,
    so no round pays for deleting another's pages, and the disk is synced after every run."""
    script = copydesk()
    check = [script, "check", "--no-config", "--jobs", str(jobs), str(drafts)]
    walls: dict[str, list[float]] = {"check": [], "report": []}
    cpus: dict[str, list[float]] = {"check": [], "report": []}
    systems: dict[str, list[float]] = {"check": [], "report": []}
    for i in range(rounds + 1):  # the first round warms the file cache and is not counted
        for name in (["check", "report"] if i % 2 else ["report", "check"]):
            out = work / f"html-{jobs}-{i}"
            argv = check if name == "check" else [*check[:1], "report", *check[2:], "--html", str(out)]
            wall, user, system = timed(argv, work / f"{name}.out")
            os.sync()  # (untimed) so that no run pays for writing back the pages of the one before
            if i:
                walls[name].append(wall)
                cpus[name].append(user + system)
                systems[name].append(system)
    pages = sum(1 for _ in (work / f"html-{jobs}-0").rglob("*.html")) - 1
    check_s, report_s = (statistics.median(walls[n]) for n in ("check", "report"))
    check_cpu, report_cpu = (statistics.median(cpus[n]) for n in ("check", "report"))
    best = min(walls["check"]) / min(walls["report"])  # the fastest of each: what the load let through
    return {"jobs": jobs, "rounds": rounds, "check_s": check_s, "report_s": report_s, "ratio": check_s / report_s,
            "best_ratio": best,
            "cpu_ratio": check_cpu / report_cpu, "met": check_s / report_s >= TARGET, "runs": walls,
            "cpu_s": cpus, "system_s": {n: statistics.median(v) for n, v in systems.items()}, "pages": pages}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--drafts", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="copydesk-report-bench-") as tmp:
        work = Path(tmp)
        paths = write_drafts(work / "drafts", args.drafts)
        size = sum(p.stat().st_size for p in paths)
        results = []
        for jobs in args.jobs:
            print(f"--jobs {jobs}: {args.rounds} rounds ...", file=sys.stderr, flush=True)
            results.append(measure(work, work / "drafts", jobs, args.rounds))
    if args.json:
        print(json.dumps({"drafts": args.drafts, "bytes": size, "cores": os.cpu_count(), "results": results},
                         indent=2))
        return
    print(f"{args.drafts} drafts, {size / 1e6:.2f} MB, {os.cpu_count()} cores; medians of {args.rounds} rounds")
    print("| --jobs | check | report --html | check / report (wall) | target >= 0.80 | fastest runs | CPU time "
          "| system time |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in results:
        system = r["system_s"]
        print(f"| {r['jobs']} | {r['check_s']:.2f} s | {r['report_s']:.2f} s ({r['pages']} pages) | {r['ratio']:.2f} "
              f"| {'met' if r['met'] else 'not met'} | {r['best_ratio']:.2f} | {r['cpu_ratio']:.2f} "
              f"| {system['check']:.2f} s / {system['report']:.2f} s |")


if __name__ == "__main__":
    main()
