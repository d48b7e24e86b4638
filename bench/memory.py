"""Memory: copydesk's peak resident size and wall time on a ~50 MB draft, and on the ~1.2 MB one.

    python bench/memory.py               # the ~50 MB draft as .txt and as .md, then the ~1.2 MB draft
    python bench/memory.py --blocks 10   # a ~12 MB large draft instead
    python bench/memory.py --no-markdown
    python bench/memory.py --json        # the figures as JSON on stdout (progress goes to stderr)

Run it with the interpreter of the environment copydesk is installed in. The drafts are built at run
time from ../shared/data exactly as bench/speed.py builds its drafts (its functions, imported): the
OneStopEnglish texts joined into the ~1.2 MB draft, and `--blocks` such drafts (41 by default, about
50 MB), each shuffled with its own fixed seed. They are written to a temporary folder and deleted; no
data text is kept. The Markdown draft is the same text under a .md name.

Each draft is linted by one fresh copydesk process, bench/speed.py's command (`copydesk check
--no-config --fail-on never --format jsonl`: every rule at its default settings), under
`/usr/bin/time -v`, which reports the maximum resident set size of that process alone and its elapsed
time. The issue 10 target: under 500 MB for the 50 MB draft.
MB means 10**6 bytes of text; the resident sizes are MiB, as /usr/bin/time's kbytes / 1024.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import speed  # noqa: E402 (bench/speed.py: the same drafts and the same command)

TARGET_MB = 500  # peak RSS for the ~50 MB draft (issue 10)
_FIELDS = {
    "peak_rss_mb": re.compile(r"Maximum resident set size \(kbytes\): (\d+)"),
    "wall_s": re.compile(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)"),
    "user_s": re.compile(r"User time \(seconds\): ([\d.]+)"),
    "system_s": re.compile(r"System time \(seconds\): ([\d.]+)"),
}


def seconds(clock: str) -> float:
    """'1:02.59' or '1:01:02.59' -> seconds."""
    total = 0.0
    for part in clock.split(":"):
        total = total * 60 + float(part)
    return total


def measure(path: Path) -> dict:
    """One copydesk process on one draft: its peak RSS, times and number of findings."""
    report = path.with_name(path.name + ".time")
    out = path.with_name(path.name + ".jsonl")
    with out.open("wb") as stdout:
        proc = subprocess.run([speed.TIME, "-v", "-o", str(report), *speed.copydesk_command(), str(path)],
                              stdout=stdout, stderr=subprocess.PIPE, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"copydesk failed on {path.name} ({proc.returncode}): {proc.stderr.decode()[-800:]}")
    text = report.read_text()
    found = {key: pattern.search(text) for key, pattern in _FIELDS.items()}
    missing = [key for key, m in found.items() if m is None]
    if missing:
        raise SystemExit(f"{speed.TIME} -v gave no {', '.join(missing)}:\n{text}")
    figures = {
        "mb": path.stat().st_size / speed.MB,
        "peak_rss_mb": int(found["peak_rss_mb"].group(1)) / 1024,
        "wall_s": seconds(found["wall_s"].group(1)),
        "user_s": float(found["user_s"].group(1)),
        "system_s": float(found["system_s"].group(1)),
        "findings": out.read_bytes().count(b"\n"),
    }
    out.unlink()
    return figures


def run(blocks: int, markdown: bool) -> dict:
    texts = speed.corpus()
    result: dict = {"blocks": blocks, "load_average_at_start": os.getloadavg(), "commit": speed.git_commit(),
                    "command": " ".join(speed.copydesk_command()) + " FILE", "drafts": {}}
    with tempfile.TemporaryDirectory(prefix="copydesk-memory-") as tmp:
        work = Path(tmp)
        large = speed.large_draft(texts, blocks)
        names = ["large.txt", "large.md"] if markdown else ["large.txt"]
        for name in names:
            path = work / name
            path.write_text(large, encoding="utf-8")
            speed.say(f"{name}: {path.stat().st_size / speed.MB:.1f} MB ...")
            result["drafts"][name] = measure(path)
            path.unlink()
        del large
        path = work / "onestop.txt"
        path.write_text(speed.draft(texts), encoding="utf-8")
        speed.say(f"{path.name}: {path.stat().st_size / speed.MB:.2f} MB ...")
        result["drafts"][path.name] = measure(path)
    return result


def report(r: dict) -> None:
    print(f"copydesk at {r['commit']}; load average at start "
          + "/".join(f"{x:.2f}" for x in r["load_average_at_start"]))
    print(f"  {r['command']}, under {speed.TIME} -v")
    print(f"{'draft':<14} {'size':>8} {'peak RSS':>10} {'wall':>8} {'user':>8} {'sys':>7} {'findings':>9}")
    for name, f in r["drafts"].items():
        print(f"{name:<14} {f['mb']:>5.1f} MB {f['peak_rss_mb']:>7.0f} MB {f['wall_s']:>7.1f}s {f['user_s']:>7.1f}s "
              f"{f['system_s']:>6.1f}s {f['findings']:>9}")
    plain = r["drafts"]["large.txt"]
    if plain["mb"] >= 45:
        verdict = "met" if plain["peak_rss_mb"] < TARGET_MB else "NOT met"
        print(f"target: large.txt under {TARGET_MB} MB peak RSS -> {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--blocks", type=int, default=41, help="~1.2 MB blocks in the large draft (41: ~50 MB)")
    parser.add_argument("--no-markdown", action="store_true", help="skip the Markdown copy of the large draft")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    result = run(args.blocks, not args.no_markdown)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        report(result)


if __name__ == "__main__":
    main()
