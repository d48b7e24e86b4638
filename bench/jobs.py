"""--jobs at archive scale: `--jobs 1` against `--jobs 2` on 5,000 drafts, beside the ceiling of two processes.

    python bench/jobs.py               # five interleaved rounds, about two minutes
    python bench/jobs.py --runs 3      # fewer rounds
    python bench/jobs.py --json        # the figures as JSON on stdout (progress goes to stderr)

The drafts are bench/speed.py's ~12 MB draft (ten shuffled blocks of the OneStopEnglish texts) cut at
paragraph boundaries into 5,000 files of 7 or 8 paragraphs, in two folders of 2,500 (`a/` and `b/`),
written to a temporary folder and deleted. Each round runs, in an order that rotates every round:

- `copydesk check --jobs 1 drafts` and `copydesk check --jobs 2 drafts` (every rule, jsonl);
- the ceiling: `copydesk check drafts/a` and `copydesk check drafts/b` started together, timed until
  both have ended: what two busy processes can do on this machine, with no work shared between them.

The target (issue 10): `--jobs 2` at least 1.7x `--jobs 1` (medians), or, where the ceiling itself is
below 1.7x, `--jobs 2` within 10% of the ceiling's time; every run's output byte-identical (the two
halves' outputs joined in order must equal it too). The load average is printed before and after.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import speed

DRAFTS = 5000
BLOCKS = 10  # speed.py's ~12 MB draft
TARGET_SPEEDUP = 1.7
CEILING_MARGIN = 0.10


def write_drafts(folder: Path, pieces: int = DRAFTS) -> int:
    """The ~12 MB draft's paragraphs, in order, dealt into `pieces` files in two halves; its size in bytes."""
    text = speed.large_draft(speed.corpus(), BLOCKS)
    paragraphs = [p.strip("\n") for p in text.split("\n\n") if p.strip()]
    size, extra = divmod(len(paragraphs), pieces)
    start = 0
    for i in range(pieces):
        half = folder / ("a" if i < pieces // 2 else "b")
        half.mkdir(parents=True, exist_ok=True)
        end = start + size + (i < extra)
        (half / f"draft-{i:04d}.txt").write_text("\n\n".join(paragraphs[start:end]) + "\n", encoding="utf-8")
        start = end
    return len(text.encode("utf-8"))


def together(argvs: list[list[str]], outs: list[Path], cwd: Path) -> float:
    """Wall seconds from starting every command at once until the last one ends."""
    files = [out.open("wb") for out in outs]
    start = time.perf_counter()
    procs = [subprocess.Popen(argv, cwd=cwd, stdout=f, stderr=subprocess.PIPE) for argv, f in zip(argvs, files)]
    results = [(p, p.communicate()[1]) for p in procs]
    wall = time.perf_counter() - start
    for f in files:
        f.close()
    for proc, err in results:
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(proc.args)} failed ({proc.returncode}): {err.decode()[-800:]}")
    return wall


def scaling(work: Path, runs: int) -> dict:
    """Interleaved rounds of --jobs 1, --jobs 2 and the two-process ceiling on work/drafts."""
    base = speed.copydesk_command()
    kinds = ["jobs_1", "jobs_2", "ceiling"]
    walls: dict[str, list[float]] = {k: [] for k in kinds}
    rss: dict[str, list[float]] = {"jobs_1": [], "jobs_2": []}
    outputs: list[bytes] = []
    for i in range(runs):
        for kind in kinds[i % 3:] + kinds[: i % 3]:
            out = work / f"{kind}-{i}.out"
            if kind == "ceiling":
                halves = [work / f"{kind}-{i}-{h}.out" for h in "ab"]
                walls[kind].append(together([[*base, f"drafts/{h}"] for h in "ab"], halves, work))
                out.write_bytes(b"".join(h.read_bytes() for h in halves))
            else:
                wall, peak = speed.run([*base, "--jobs", kind[-1], "drafts"], out, work)
                walls[kind].append(wall)
                rss[kind].append(peak)
            outputs.append(out.read_bytes())
    median = {k: statistics.median(v) for k, v in walls.items()}
    speedup = median["jobs_1"] / median["jobs_2"]
    ceiling = median["jobs_1"] / median["ceiling"]
    return {
        "drafts": sum(1 for _ in (work / "drafts").rglob("*.txt")), "runs": runs, "runs_s": walls, "median_s": median,
        "speedup": speedup, "ceiling_speedup": ceiling,
        "jobs_2_over_ceiling": median["jobs_2"] / median["ceiling"],
        "identical": all(o == outputs[0] for o in outputs),
        "findings": outputs[0].count(b"\n"),
        "peak_rss_mb": {k: max(v) for k, v in rss.items()},
        "met": (speedup >= TARGET_SPEEDUP or median["jobs_2"] <= (1 + CEILING_MARGIN) * median["ceiling"])
        and all(o == outputs[0] for o in outputs),
    }


def measure(runs: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="copydesk-jobs-") as tmp:
        work = Path(tmp)
        nbytes = write_drafts(work / "drafts")
        speed.say(f"{DRAFTS} drafts, {nbytes / speed.MB:.2f} MB; {runs} rounds of --jobs 1, --jobs 2 and the "
                  "two-process ceiling ...")
        load_before = os.getloadavg()
        result = scaling(work, runs)
    result.update(mb=nbytes / speed.MB, cores=speed.cores(), load_before=load_before, load_after=os.getloadavg(),
                  commit=speed.git_commit())
    return result


def report(r: dict) -> None:
    m, runs = r["median_s"], r["runs_s"]
    load = " -> ".join("/".join(f"{x:.2f}" for x in la) for la in (r["load_before"], r["load_after"]))
    print(f"copydesk at {r['commit']}; {r['drafts']} drafts, {r['mb']:.2f} MB; {r['cores']} cores; "
          f"load average {load}")
    for kind, label in (("jobs_1", "--jobs 1"), ("jobs_2", "--jobs 2"), ("ceiling", "two processes, 2,500 each")):
        spread = ", ".join(f"{x:.2f}" for x in runs[kind])
        print(f"{label:<28} median {m[kind]:6.2f} s   ({spread})")
    print(f"--jobs 2 speedup {r['speedup']:.2f}x; ceiling {r['ceiling_speedup']:.2f}x; "
          f"--jobs 2 takes {r['jobs_2_over_ceiling']:.3f}x the ceiling's time")
    rss = r["peak_rss_mb"]
    print(f"output {'identical' if r['identical'] else 'DIFFERS'} ({r['findings']:,} lines); peak RSS of the "
          f"largest process {rss['jobs_1']:.0f} MB (--jobs 1), {rss['jobs_2']:.0f} MB (--jobs 2)")
    print(f"target: >= {TARGET_SPEEDUP}x, or within {CEILING_MARGIN:.0%} of the ceiling -> "
          f"{'met' if r['met'] else 'NOT met'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="interleaved rounds (default 5)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    result = measure(args.runs)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        report(result)
    sys.exit(0 if result["met"] else 1)


if __name__ == "__main__":
    main()
