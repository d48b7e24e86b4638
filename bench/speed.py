"""Speed: copydesk beside proselint in one run, with the issue 5 acceptance targets.

    python bench/speed.py            # every figure, a few minutes
    python bench/speed.py --quick    # smoke check: fewer runs, a 2-block "large" draft
    python bench/speed.py --json     # the figures as JSON on stdout (progress goes to stderr)

Run it with the interpreter of the environment copydesk is installed in (the console script beside
`sys.executable` is used). proselint gets its own environment, `bench/.venv-proselint` (ignored by
git), created with `python -m venv` and filled from PyPI on the first run.

Every figure but the last is whole processes, as a shell or a pre-commit hook starts them, and the
tools take turns within each figure (the order rotates every round) so that drift hits both. Both run
every rule: copydesk `--no-config`, proselint with its off-by-default `restricted` checks switched on
and no cap on findings; proselint with its shipped checks is timed beside them for context.

- cold start: one process on the seed draft; median of 15 runs after 2 warm-ups;
- throughput: the OneStopEnglish texts joined into one ~1.2 MB draft (median of 3 runs), and a
  ~12 MB draft of ten such blocks, each shuffled with its own fixed seed (1 run);
- peak memory: the max RSS of every run, from `/usr/bin/time -f %M`;
- `--jobs`: bench/jobs.py (imported, not copied): the ~12 MB draft cut into 5,000 drafts, `--jobs 1`
  against `--jobs 2` and against two processes on 2,500 each (the ceiling), median of 5 interleaved;
- the language server: bench/lsp_latency.py (imported, not copied) on a 2,000-word draft;
- with `--before CHECKOUT` (an earlier build's source tree, e.g. a `git worktree`), that build as a
  third tool in the same rounds of the cold start and the ~1.2 MB draft, so before and after are timed
  interleaved; both then run as `python -m lint` from their own trees.

The drafts are written to a temporary folder at run time and deleted; no data text is kept.
MB means 10**6 bytes of UTF-8.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
ROOT = HERE.parents[1]
DATA = HERE.parents[2] / "shared" / "data"
SEED = ROOT / "seeds" / "ukraine-peace-talks.txt"
PROSELINT_ENV = ROOT / "bench" / ".venv-proselint"
PROSELINT = "proselint==0.16.0"  # pinned so that figures from different days compare
TIME = "/usr/bin/time"
MB = 1_000_000

# proselint reads its config from /etc, ~ and the working folder as well; --config is merged last.
# Its default config leaves the `restricted` checks off and stops after max_errors=1000 findings
# (it stops *linting*, not just printing), so "every rule on" needs both changed.
PROSELINT_ALL = {"max_errors": 10**9, "checks": {"restricted": True}}
PROSELINT_DEFAULTS = {"max_errors": 10**9}

TARGETS = {
    "cold": "<= proselint and <= 0.30 s",
    "throughput": ">= 1.5 MB/s and >= 5x proselint",
    "large": "within 20% of the ~1.2 MB figure",
    "rss": "<= 150 MB (copydesk, ~1.2 MB draft)",
    "jobs": ">= 1.7x --jobs 1 or within 10% of two processes, identical output",
    "lsp": "median <= 30 ms",
    "before": ">= 0.85x the earlier build's ~1.2 MB throughput (issue 12)",
}


def say(*args: object) -> None:
    print(*args, file=sys.stderr, flush=True)


def cores() -> int:
    return os.cpu_count() or 1


# --- the tools ---------------------------------------------------------------------------------

CHECK = ["check", "--no-config", "--fail-on", "never", "--format", "jsonl"]


def compiled(tree: Path) -> None:
    """pip byte-compiles what it installs (proselint included), but an editable install of copydesk
    is compiled only on import, and not at all where PYTHONDONTWRITEBYTECODE is set, as it is on
    this machine: compile it once so every tool starts from bytecode."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "lint")], check=True,
                   stdout=subprocess.DEVNULL)


def copydesk_command() -> list[str]:
    script = Path(sys.executable).with_name("copydesk")
    if not script.is_file():
        raise SystemExit(f"no copydesk beside {sys.executable}: run this with the venv copydesk is installed in")
    compiled(ROOT)
    return [str(script), *CHECK]


def proselint_install() -> Path:
    """bench/.venv-proselint/bin/proselint, creating the environment on first use."""
    python = PROSELINT_ENV / "bin" / "python"
    if not python.is_file():
        say(f"creating {PROSELINT_ENV.relative_to(ROOT)} ...")
        subprocess.run([sys.executable, "-m", "venv", str(PROSELINT_ENV)], check=True)
    if proselint_version() != PROSELINT.split("==")[1]:
        say(f"pip install {PROSELINT} into {PROSELINT_ENV.relative_to(ROOT)} ...")
        subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", PROSELINT],
                       check=True)
    return PROSELINT_ENV / "bin" / "proselint"


def proselint_version() -> str | None:
    python = PROSELINT_ENV / "bin" / "python"
    proc = subprocess.run([str(python), "-c", "import importlib.metadata as m; print(m.version('proselint'))"],
                          capture_output=True, text=True, check=False)
    return proc.stdout.strip() if proc.returncode == 0 else None


def from_tree(tree: Path) -> list[str]:
    """copydesk as `python -m lint` from a source tree, byte-compiled."""
    compiled(tree)
    return ["env", f"PYTHONPATH={tree}", sys.executable, "-m", "lint", *CHECK]


def tools(work: Path, before: Path | None = None) -> dict[str, list[str]]:
    """Name -> command line without the file. The third is proselint as it ships, for context; with
    `before`, an earlier build beside this one, both run from their trees."""
    proselint = str(proselint_install())
    commands = {"copydesk": from_tree(ROOT) if before else copydesk_command()}
    if before:
        commands["before"] = from_tree(before)
    for name, config in (("proselint", PROSELINT_ALL), ("proselint-defaults", PROSELINT_DEFAULTS)):
        path = work / f"{name}.json"
        path.write_text(json.dumps(config))
        commands[name] = [proselint, "check", "--config", str(path), "--output-format", "json"]
    return commands


def run(argv: list[str], out: Path, cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS in MB of one process, its stdout written to `out`.

    /usr/bin/time reports the max RSS of the process it starts alone. (getrusage of a child started
    straight from this script would not: Linux carries the parent's RSS over through fork and exec,
    so a child's ru_maxrss is never below this script's own.)
    """
    rss_file = out.with_suffix(".rss")
    with out.open("wb") as stdout:
        start = time.perf_counter()
        proc = subprocess.run([TIME, "-f", "%M", "-o", str(rss_file), *argv], cwd=cwd, stdout=stdout,
                              stderr=subprocess.PIPE, check=False)
        wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):  # proselint exits 1 when it finds something
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}): {proc.stderr.decode()[-800:]}")
    kb = int(rss_file.read_text().split()[-1])  # after a "Command exited with non-zero status" line
    return wall, kb / 1024


def findings(name: str, out: Path) -> int:
    data = out.read_bytes()
    return data.count(b'"check_path"') if name.startswith("proselint") else data.count(b"\n")


def rounds(commands: dict[str, list[str]], target: str, work: Path, runs: int, warmups: int = 0) -> dict:
    """Run every tool `warmups + runs` times on `target`, rotating the order each round."""
    names = list(commands)
    walls: dict[str, list[float]] = {n: [] for n in names}
    rss: dict[str, list[float]] = {n: [] for n in names}
    found: dict[str, int] = {}
    for i in range(warmups + runs):
        for name in names[i % len(names):] + names[: i % len(names)]:
            out = work / f"{name}.out"
            wall, peak = run([*commands[name], target], out, work)
            if i >= warmups:
                walls[name].append(wall)
                rss[name].append(peak)
                found[name] = findings(name, out)
    return {n: {"median_s": statistics.median(walls[n]), "runs_s": walls[n], "peak_rss_mb": max(rss[n]),
                "findings": found[n]} for n in names}


# --- the drafts ----------------------------------------------------------------------------------

def corpus() -> list[list[str]]:
    """The OneStopEnglish texts, each a list of paragraphs (one line each in the data)."""
    texts = []
    with (DATA / "readability_onestop.jsonl").open(encoding="utf-8") as f:
        for line in f:
            text = json.loads(line)["text"]
            texts.append([p.strip() for p in text.splitlines() if p.strip()])
    return texts


def draft(texts: list[list[str]]) -> str:
    """Plain text, paragraphs separated by blank lines."""
    return "\n\n".join(p for text in texts for p in text) + "\n"


def large_draft(texts: list[list[str]], blocks: int) -> str:
    parts = []
    for block in range(blocks):
        order = list(texts)
        random.Random(block).shuffle(order)
        parts.append(draft(order))
    return "\n".join(parts)


# --- the figures --------------------------------------------------------------------------------

def throughput(result: dict, nbytes: int) -> dict:
    for figures in result.values():
        figures["mb_per_s"] = nbytes / MB / figures["median_s"]
        figures["mb"] = nbytes / MB
    return result


def lsp(edits: int) -> dict:
    """bench/lsp_latency.py's measurement (debounce 0: the work, not the wait)."""
    sys.path.insert(0, str(HERE.parent))
    try:
        import lsp_latency
    except ImportError as err:  # the script or pygls is missing
        return {"skipped": str(err)}
    result = asyncio.run(lsp_latency.run(edits, 2000, 0))
    return {k: result[k] for k in ("words", "median", "p90", "min", "max", "n", "first", "cmd")}


def git_commit(tree: Path = ROOT) -> str:
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=tree, capture_output=True, text=True,
                          check=False)
    dirty = subprocess.run(["git", "status", "--porcelain", "lint", "rules"], cwd=tree, capture_output=True,
                           text=True, check=False)
    return head.stdout.strip() + (" + uncommitted changes in lint/ or rules/" if dirty.stdout.strip() else "")


def measure(quick: bool, before: Path | None = None) -> dict:
    runs, warmups, through_runs, blocks, job_runs, edits = (3, 1, 1, 2, 1, 30) if quick else (15, 2, 3, 10, 5, 50)
    texts = corpus()
    with tempfile.TemporaryDirectory(prefix="copydesk-speed-") as tmp:
        work = Path(tmp)
        commands = tools(work, before)
        both = {k: commands[k] for k in ("copydesk", "proselint")}
        result: dict = {
            "machine": {"cores": cores(), "python": platform.python_version(), "platform": platform.platform(),
                        "processor": platform.processor() or platform.machine(),
                        "load_average_at_start": os.getloadavg()},
            "commit": git_commit(),
            "before": {"tree": str(before), "commit": git_commit(before)} if before else None,
            "proselint_version": proselint_version(),
            "commands": {k: " ".join(v) + " FILE" for k, v in commands.items()},
            "proselint_configs": {"proselint": PROSELINT_ALL, "proselint-defaults": PROSELINT_DEFAULTS},
            "rss_method": f"{TIME} -f %M (max RSS of the measured process alone)",
            "quick": quick,
        }

        say(f"cold start: {runs} runs after {warmups} warm-ups ...")
        result["cold"] = rounds(commands, str(SEED), work, runs, warmups)
        result["cold"]["runs"] = runs

        one = work / "onestop.txt"
        one.write_text(draft(texts), encoding="utf-8")
        nbytes = one.stat().st_size
        say(f"throughput, {nbytes / MB:.2f} MB: {through_runs} run(s) ...")
        result["throughput"] = throughput(rounds(commands, one.name, work, through_runs), nbytes)
        result["throughput"]["runs"] = through_runs
        one.unlink()

        big = work / "onestop-large.txt"
        big.write_text(large_draft(texts, blocks), encoding="utf-8")
        nbytes = big.stat().st_size
        say(f"throughput, {nbytes / MB:.2f} MB ({blocks} blocks): 1 run ...")
        result["large"] = throughput(rounds(both, big.name, work, 1), nbytes)
        result["large"]["blocks"] = blocks
        big.unlink()

        sys.path.insert(0, str(HERE.parent))
        import jobs  # bench/jobs.py

        jobs.write_drafts(work / "drafts")
        say(f"--jobs 1, --jobs 2 and two processes on {jobs.DRAFTS} drafts: {job_runs} round(s) ...")
        result["jobs"] = jobs.scaling(work, job_runs)

    say(f"language server: {edits} edits ...")
    result["lsp"] = lsp(edits)
    result["verdicts"] = verdicts(result)
    return result


def verdicts(r: dict) -> dict:
    cold, thr, large, jobs, lsp_ = r["cold"], r["throughput"], r["large"], r["jobs"], r["lsp"]
    cd_rate = thr["copydesk"]["mb_per_s"]
    return {
        "cold": cold["copydesk"]["median_s"] <= min(cold["proselint"]["median_s"], 0.30),
        "throughput": cd_rate >= 1.5 and cd_rate >= 5 * thr["proselint"]["mb_per_s"],
        "large": abs(large["copydesk"]["mb_per_s"] / cd_rate - 1) <= 0.20,
        "rss": thr["copydesk"]["peak_rss_mb"] <= 150,
        "jobs": jobs["met"],
        "lsp": None if "skipped" in lsp_ else lsp_["median"] * 1000 <= 30,
        **({"before": cd_rate >= 0.85 * thr["before"]["mb_per_s"]} if "before" in thr else {}),
    }


# --- printing ------------------------------------------------------------------------------------

def report(r: dict) -> None:
    v = r["verdicts"]
    met = {True: "met", False: "NOT met", None: "not measured"}
    cold, thr, large, jobs = r["cold"], r["throughput"], r["large"], r["jobs"]
    print(f"copydesk at {r['commit']} vs proselint {r['proselint_version']}; {r['machine']['cores']} cores "
          f"(os.cpu_count), Python {r['machine']['python']}, {r['machine']['platform']}, load average at start "
          + "/".join(f"{x:.2f}" for x in r["machine"]["load_average_at_start"]) + ("  [--quick]" if r["quick"] else ""))
    for name, cmd in r["commands"].items():
        print(f"  {name}: {cmd}")
    print(f"  proselint configs: {json.dumps(r['proselint_configs'])}")
    print(f"  peak memory: {r['rss_method']}")
    print()

    def row(label: str, cd: str, pl: str, ratio: str, target: str = "", verdict: str = "") -> None:
        print(f"{label:<34} {cd:>11} {pl:>11} {ratio:>9}   {target}{'  -> ' + verdict if verdict else ''}")

    row("", "copydesk", "proselint", "cd/pl", "target (issue 5)")
    c, p, d = (cold[k]["median_s"] for k in ("copydesk", "proselint", "proselint-defaults"))
    row(f"cold start, seed (median of {cold['runs']})", f"{c:.3f} s", f"{p:.3f} s", f"{c / p:.2f}",
        TARGETS["cold"], met[v["cold"]])
    row("  vs proselint default checks", "", f"{d:.3f} s", f"{c / d:.2f}")
    row("  peak RSS", f"{cold['copydesk']['peak_rss_mb']:.0f} MB", f"{cold['proselint']['peak_rss_mb']:.0f} MB",
        f"{cold['copydesk']['peak_rss_mb'] / cold['proselint']['peak_rss_mb']:.2f}")

    for key, label in (("throughput", f"throughput, {thr['copydesk']['mb']:.2f} MB (median of {thr['runs']})"),
                       ("large", f"throughput, {large['copydesk']['mb']:.2f} MB ({large['blocks']} blocks)")):
        t = r[key]
        c, p = t["copydesk"]["mb_per_s"], t["proselint"]["mb_per_s"]
        row(label, f"{c:.2f} MB/s", f"{p:.2f} MB/s", f"{c / p:.2f}", TARGETS[key], met[v[key]])
        if key == "large":
            row("  vs the ~1.2 MB figure", f"{c / thr['copydesk']['mb_per_s']:.2f}x", "", "")
        if "proselint-defaults" in t:
            d = t["proselint-defaults"]["mb_per_s"]
            row("  vs proselint default checks", "", f"{d:.2f} MB/s", f"{c / d:.2f}")
        row("  wall time", f"{t['copydesk']['median_s']:.2f} s", f"{t['proselint']['median_s']:.2f} s",
            f"{t['copydesk']['median_s'] / t['proselint']['median_s']:.2f}")
        cr, pr = t["copydesk"]["peak_rss_mb"], t["proselint"]["peak_rss_mb"]
        row("  peak RSS", f"{cr:.0f} MB", f"{pr:.0f} MB", f"{cr / pr:.2f}",
            TARGETS["rss"] if key == "throughput" else "", met[v["rss"]] if key == "throughput" else "")
        row("  findings", f"{t['copydesk']['findings']:,}", f"{t['proselint']['findings']:,}", "")

    m, runs = jobs["median_s"], jobs["runs_s"]
    for kind, label in (("jobs_1", f"--jobs 1, {jobs['drafts']} drafts (median of {jobs['runs']})"),
                        ("jobs_2", "--jobs 2"), ("ceiling", "two processes, half each")):
        row(label, f"{m[kind]:.2f} s", "", "", f"min {min(runs[kind]):.2f} s, max {max(runs[kind]):.2f} s")
    row("  speedup of --jobs 2", f"{jobs['speedup']:.2f}x", "", "",
        f"ceiling {jobs['ceiling_speedup']:.2f}x, --jobs 2 at {jobs['jobs_2_over_ceiling']:.2f}x its time; output "
        f"{'identical' if jobs['identical'] else 'DIFFERS'}; {TARGETS['jobs']}", met[v["jobs"]])
    rss = jobs["peak_rss_mb"]
    row("  peak RSS (largest process)", f"{rss['jobs_1']:.0f}/{rss['jobs_2']:.0f} MB", "", "")

    if r.get("before"):
        b = r["before"]
        print(f"\nbefore: {b['tree']} at {b['commit']}, in the same rounds")
        row("", "copydesk", "before", "cd/before")
        c, p = cold["copydesk"]["median_s"], cold["before"]["median_s"]
        row("cold start, seed", f"{c:.3f} s", f"{p:.3f} s", f"{c / p:.2f}")
        c, p = thr["copydesk"]["mb_per_s"], thr["before"]["mb_per_s"]
        row(f"throughput, {thr['copydesk']['mb']:.2f} MB", f"{c:.2f} MB/s", f"{p:.2f} MB/s", f"{c / p:.2f}",
            TARGETS["before"], met[v["before"]])
        row("  findings", f"{thr['copydesk']['findings']:,}", f"{thr['before']['findings']:,}", "")
        print()

    lsp_ = r["lsp"]
    if "skipped" in lsp_:
        row("language server", "skipped", "", "", lsp_["skipped"])
    else:
        row("LSP didChange -> diagnostics", f"{lsp_['median'] * 1000:.1f} ms", "", "",
            f"{TARGETS['lsp']}; {lsp_['words']} words, n={lsp_['n']}, p90 {lsp_['p90'] * 1000:.1f} ms, "
            f"first lint {lsp_['first'] * 1000:.0f} ms", met[v["lsp"]])
    print(f"\n{sum(x is True for x in v.values())} of {len(v)} targets met; run time {r['seconds']:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and a 2-block large draft (smoke check)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--before", type=Path, metavar="CHECKOUT",
                        help="an earlier build's source tree, timed in the same rounds (cold start, ~1.2 MB)")
    args = parser.parse_args()
    if not Path(TIME).is_file():
        raise SystemExit(f"{TIME} (GNU time) is needed for peak memory: apt-get install time")
    started = time.perf_counter()
    result = measure(args.quick, args.before.resolve() if args.before else None)
    result["seconds"] = time.perf_counter() - started
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        report(result)


if __name__ == "__main__":
    main()
