"""Fuzz: the properties of tests/draft_properties.py for a set time, on small and large hostile drafts.

    python bench/fuzz.py --minutes 10             # exit 1 when anything failed
    python bench/fuzz.py --minutes 1 --seed 7     # the same inputs again (timings aside)
    python bench/fuzz.py --max-rate 0.5           # stricter: seconds allowed per 100 KB

Each round lints small drafts from the suite's hypothesis strategy (new seeds every round, so the run
goes past the suite's fixed examples; hypothesis shrinks a failure) and then large documents of the
shapes that have made linters slow: tables of decimals, deep nesting, thousands of quote marks,
unclosed comments and code spans, abbreviations, one very long line, and mixes of every piece.
Every lint is timed, and one that takes more than --max-rate seconds per 100 KB (drafts under 10 KB
count as 10 KB, so start-up noise never trips it) is a failure: time that grows faster than the text.
A lint is stopped at three times its allowance, so one super-linear input cannot eat the run.

A failure's reproducer is cut down while the same failure remains (whole lines, then characters; a slow
draft by halves, staying twice as slow as allowed; half a minute at most, never past the run's end),
written with what broke to a folder under /tmp, and its path printed. The same failure (same property
or place in the code; for slowness, the same shape) is counted again but written once.
"""
from __future__ import annotations

import argparse
import random
import re
import signal
import sys
import tempfile
import time
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Sequence

from hypothesis import HealthCheck, given, seed, settings, strategies as st

from lint.model import Diagnostic

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
import draft_properties as props  # noqa: E402 (the shared properties live beside the tests)

PER = 100_000  # bytes the rate is given for: seconds per 100 KB
FLOOR = 10_000  # a smaller draft is timed as if it were this long
KILL_FACTOR = 3  # a lint is stopped at this many times its allowance
CONFIRMATIONS = 2  # timings more of a lint over its allowance before it counts as slow
SMALL_EXAMPLES = 200  # hypothesis examples a round
LARGE_DOCUMENTS = 4  # large documents a round
LARGE_SIZES = (10_000, 120_000)  # bytes, drawn uniformly
SLOW_MARGIN = 2.0  # how much slower than allowed a slow draft must stay while it is cut down
SHRINK_SECONDS = 30.0  # at most, for cutting one reproducer down
LSP_WORK = 1_000_000  # characters of lines the LSP check of a large document may walk
_VARYING = re.compile(r"'[^']*'|\"[^\"]*\"|(?<![A-Z\d])\d+")  # quoted texts and numbers, not rule codes


class Overtime(BaseException):
    """Raised by the alarm inside a lint past its time; a BaseException, so that the engine's
    per-rule `except Exception` cannot turn it into a CPD001 and carry on."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Overtime inside the block after seconds. The alarm repeats every half second until the block
    ends: Python swallows an exception raised in a gc callback (hypothesis times gc with one)."""
    def alarm(signum: int, frame: object) -> None:
        raise Overtime

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.5)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(frozen=True)
class Failure:
    kind: str  # "slow" or the exception's type
    where: str  # the check or code line that failed: failures with the same kind and where are one
    detail: str  # the message and traceback, for the reproducer's note


@dataclass(frozen=True)
class Outcome:
    size: int  # bytes of UTF-8
    rate: float  # seconds per 100 KB (a lower bound when the lint was stopped)
    failure: Failure | None


def allowance(size: int, max_rate: float) -> float:
    return max_rate * max(size, FLOOR) / PER


def lint_once(text: str, path: str, max_rate: float, sampled: bool = False) -> Outcome:
    """Time one lint and check every property; when sampled, the LSP check takes a sample of offsets,
    not all of them. A lint over its allowance is timed again, up to CONFIRMATIONS times, and is slow only
    if it stays over: on a shared machine one run can stall."""
    size = len(text.encode("utf-8"))
    limit = allowance(size, max_rate)
    stop = limit * KILL_FACTOR
    elapsed, diagnostics, failure = _timed(text, path, stop)
    if failure:
        return Outcome(size, 0.0, failure)
    for _ in range(CONFIRMATIONS):
        if elapsed <= limit:
            break
        elapsed = min(elapsed, _timed(text, path, stop)[0])
    if elapsed > limit:
        return _slow(size, elapsed, max_rate, stopped=elapsed >= stop)
    try:
        with time_limit(60 + stop):
            props.check_view(text, path)
            props.check_lsp(text, sample_offsets(text, diagnostics) if sampled else None)
    except Overtime:
        return Outcome(size, 0.0, Failure("slow", "the view or LSP checks", "stopped after a minute"))
    except Exception as err:  # noqa: BLE001 (any exception is a finding to report)
        return Outcome(size, 0.0, _failure(err))
    return Outcome(size, elapsed * PER / max(size, FLOOR), None)


def _timed(text: str, path: str, stop_after: float) -> tuple[float, list[Diagnostic], Failure | None]:
    """Seconds check_diagnostics took (stop_after when stopped), its diagnostics, and what failed."""
    start = time.perf_counter()
    try:
        with time_limit(stop_after):
            diagnostics = props.check_diagnostics(text, path)
    except Overtime:
        return stop_after, [], None
    except Exception as err:  # noqa: BLE001
        return 0.0, [], _failure(err)
    return time.perf_counter() - start, diagnostics, None


def _slow(size: int, elapsed: float, max_rate: float, stopped: bool) -> Outcome:
    rate = elapsed * PER / max(size, FLOOR)
    note = f"stopped after {elapsed:.1f} s" if stopped else f"{elapsed:.2f} s"
    detail = f"{note} for {size:,} bytes: {rate:.2f} s per 100 KB, over the {max_rate} allowed"
    return Outcome(size, rate, Failure("slow", "time per 100 KB", detail))


def _failure(err: Exception) -> Failure:
    """Where it failed: a property's message with its offsets and quoted texts taken out, else the
    deepest frame in lint/."""
    if isinstance(err, AssertionError):
        where = _VARYING.sub("_", str(err).splitlines()[0] if str(err) else "assertion").split(". ")[0][:120]
    else:
        frames = traceback.extract_tb(err.__traceback__)
        frame = ([f for f in frames if "/lint/" in f.filename] or frames)[-1]
        where = f"{Path(frame.filename).name}:{frame.lineno}"
    return Failure(type(err).__name__, where, "".join(traceback.format_exception(err)))


# --- large hostile documents ----------------------------------------------------------------------

def _fill(size: int, unit: Callable[[], str]) -> str:
    parts, total = [], 0
    while total < size:
        parts.append(unit())
        total += len(parts[-1])
    return "".join(parts)


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(props.WORDS) for _ in range(n))


def table(rng: random.Random, size: int, brk: str) -> str:
    def cell() -> str:
        return rng.choice((f"{rng.randint(0, 99)}", f"{rng.random() * 100:.2f}",
                           f"{rng.randint(0, 9)}.{rng.randint(0, 99)}%", f"${rng.randint(1, 9)}.{rng.randint(0, 9)}"))

    def row() -> str:
        return "| " + " | ".join(cell() for _ in range(rng.randint(2, 6))) + " |" + brk

    return "| a | b | c |" + brk + "| --- | --- | --- |" + brk + _fill(size, row)


def nesting(rng: random.Random, size: int, brk: str) -> str:
    marker = rng.choice(("> ", "- ", "* ", "1. ", "> - ", "  "))
    depth = rng.randint(10, 300)
    return _fill(size, lambda: marker * rng.randint(1, depth) + "Experts say " + _words(rng, 8) + "." + brk)


def _breaks(rng: random.Random) -> float:
    """How often a unit ends its line: never (one long line, where super-linear work shows) to often."""
    return rng.choice((0.0, 0.005, 0.05))


def quote_marks(rng: random.Random, size: int, brk: str) -> str:
    breaks = _breaks(rng)

    def unit() -> str:
        between = rng.choice(("", " ", _words(rng, rng.randint(1, 4)), ", she said. "))
        return rng.choice(_QUOTE_MARKS) + between + (brk if rng.random() < breaks else "")

    return _fill(size, unit)


def unclosed(rng: random.Random, size: int, brk: str) -> str:
    opener, words, breaks = rng.choice(_OPENERS), rng.choice((0.0, 0.5)), _breaks(rng)

    def unit() -> str:
        between = _words(rng, rng.randint(1, 3)) + " " if rng.random() < words else ""
        return opener + between + (brk if rng.random() < breaks else "")

    return _fill(size, unit)


def abbreviations(rng: random.Random, size: int, brk: str) -> str:
    return _fill(size, lambda: f"{rng.choice(_ABBREVIATIONS)} {rng.choice(_NAMES_AND_NUMBERS)} ") + "." + brk


def long_line(rng: random.Random, size: int, brk: str) -> str:
    return _fill(size, lambda: rng.choice(_LINE_WORDS) + rng.choice((" ", ", ")))


def mix(rng: random.Random, size: int, brk: str) -> str:
    return rng.choice(props.FRONT_MATTER) + _fill(size, lambda: rng.choice(_PIECES) + rng.choice(props.SEPARATORS))


_QUOTE_MARKS = tuple(q for q in props.QUOTES if len(q) < 3)
_OPENERS = ("<!-- x ", "<!--", "`", "``", "```", "[", "](", "![", "*", "_", "<div ", "<!-- copydesk-disable ATT001 -->")
_ABBREVIATIONS = tuple(a for a in props.ABBREVIATIONS if a[0].isalpha())
_NAMES_AND_NUMBERS = props.NAMES + tuple(n for n in props.NUMBERS if "|" not in n)
_LINE_WORDS = props.WORDS + _NAMES_AND_NUMBERS
_PIECES = (props.WORDS * 4 + props.NAMES + props.ABBREVIATIONS + props.NUMBERS + props.QUOTES + props.MARKDOWN
           + props.BREAKS * 2 + props.LINE_STARTS + props.ODD + props.CONTROLS + props.SENTENCES)
SHAPES = {f.__name__: f for f in (table, nesting, quote_marks, unclosed, abbreviations, long_line, mix)}


def large_document(rng: random.Random) -> tuple[str, str, str]:
    """(shape, path, text) of a hostile document between LARGE_SIZES bytes."""
    name = rng.choice(list(SHAPES))
    text = SHAPES[name](rng, rng.randint(*LARGE_SIZES), rng.choice(("\n", "\n", "\r\n", "\r")))
    return name, rng.choice(props.FORMATS), text


def sample_offsets(text: str, diagnostics: Sequence[Diagnostic]) -> list[int]:
    """Offsets for the LSP check of a large document: random ones, line starts with their neighbours
    and the diagnostics' ends, as many as LSP_WORK allows (each costs the length of its line).
    Drawn from the text's length, so that a document gets the same sample every time."""
    rng = random.Random(len(text))
    starts = props.line_starts(text)
    longest = max(b - a for a, b in zip(starts, [*starts[1:], len(text) + 1]))
    pool = {rng.randint(0, len(text)) for _ in range(300)}
    pool.update(o for s in rng.sample(starts, min(100, len(starts))) for o in (s - 1, s, s + 1) if 0 <= o <= len(text))
    pool.update(o for d in diagnostics for o in (d.start, d.end))
    return sorted(rng.sample(sorted(pool), min(len(pool), max(20, LSP_WORK // longest))))


# --- cutting a reproducer down --------------------------------------------------------------------

def halve(text: str, fails: Callable[[str], bool], seconds: float) -> str:
    """Keep the first half (cut at a line break where there is one) while the failure remains: for a
    slow draft, whose time depends on its length more than on any one line, and each try is long."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        middle = len(text) // 2
        cut = text.rfind("\n", 0, middle) + 1 or middle
        if not 0 < cut < len(text) or not fails(text[:cut]):
            break
        text = text[:cut]
    return text


def shrink(text: str, fails: Callable[[str], bool], seconds: float) -> str:
    """Drop chunks of whole lines, then of characters, halving the chunk, while the failure remains."""
    deadline = time.monotonic() + seconds
    for units in (text.splitlines(keepends=True), None):
        parts = units if units is not None else list(text)
        chunk = max(1, len(parts) // 2)
        while chunk and time.monotonic() < deadline:
            i = 0
            while i < len(parts) and time.monotonic() < deadline:
                candidate = parts[:i] + parts[i + chunk:]
                if candidate and fails("".join(candidate)):
                    parts = candidate
                else:
                    i += chunk
            chunk //= 2
        text = "".join(parts)
    return text


# --- the run ----------------------------------------------------------------------------------------

@dataclass
class Run:
    max_rate: float
    folder: Path
    end: float  # time.monotonic() when the run stops
    inputs: int = 0
    small: int = 0
    bytes: int = 0
    failures: int = 0
    seen: dict[tuple[str, str, str], Path] = field(default_factory=dict)  # failure's key -> its reproducer
    slowest: dict[str, tuple[float, int]] = field(default_factory=dict)  # label -> its slowest (rate, bytes)

    def count(self, outcome: Outcome, label: str) -> None:
        self.inputs += 1
        self.bytes += outcome.size
        self.slowest[label] = max(self.slowest.get(label, (0.0, 0)), (outcome.rate, outcome.size))

    def report(self, failure: Failure, text: str, path: str, label: str, cut: Callable[[], str],
               origin: str = "") -> None:
        """Count a failure; the first of its kind (slowness: of its shape) is cut down and written under /tmp."""
        self.failures += 1
        key = (failure.kind, failure.where, label if failure.kind == "slow" else "")
        if key in self.seen:
            return
        size = len(text.encode("utf-8"))
        text = cut()
        again = lint_once(text, path, self.max_rate, sampled=True).failure
        case = self.folder / f"case-{len(self.seen) + 1}{Path(path).suffix}"
        case.write_bytes(text.encode("utf-8"))
        note = case.with_name(case.name + ".why.txt")
        note.write_text(f"{failure.kind} at {failure.where} ({label}{origin}, {size:,} bytes cut to "
                        f"{len(text.encode()):,}, linted as {path})\n"
                        f"lint it with: copydesk check --no-config {case}\n\n"
                        f"the cut-down draft: {again.detail if again else 'no longer fails (a noisy timing?)'}\n\n"
                        f"the draft as found: {failure.detail}\n")
        self.seen[key] = case
        print(f"FAIL {failure.kind} at {failure.where} ({label}): {case} (what broke: {note})", flush=True)


def small_round(run: Run, seed_value: int) -> None:
    """SMALL_EXAMPLES drafts from the suite's strategy; hypothesis shrinks a failure, whose last
    replay is the minimal example."""
    failing: list[tuple[Failure, str, str]] = []

    @settings(max_examples=SMALL_EXAMPLES, deadline=None, database=None, report_multiple_bugs=False,
              suppress_health_check=list(HealthCheck))
    @seed(seed_value)
    @given(text=props.drafts(paragraphs=12, pieces=40), path=st.sampled_from(props.FORMATS))
    def one(text: str, path: str) -> None:
        outcome = lint_once(text, path, run.max_rate)
        run.count(outcome, f"small draft, {path}")
        run.small += 1
        if outcome.failure:
            failing.append((outcome.failure, text, path))
            raise AssertionError(outcome.failure.where)

    try:
        one()
    except Exception:  # noqa: BLE001 (hypothesis re-raises the minimal failure, recorded above)
        pass
    if failing:
        failure, text, path = failing[-1]
        run.report(failure, text, path, f"small draft, {path}", lambda: text, f", hypothesis seed {seed_value}")


def large_round(run: Run, rng: random.Random) -> None:
    for _ in range(LARGE_DOCUMENTS):
        shape, path, text = large_document(rng)
        label = f"{shape}, {path}"
        outcome = lint_once(text, path, run.max_rate, sampled=True)
        run.count(outcome, label)
        if outcome.failure:
            failure = outcome.failure
            run.report(failure, text, path, label, lambda: cut_down(run, failure, text, path))


def cut_down(run: Run, failure: Failure, text: str, path: str) -> str:
    """The draft cut down while it fails the same way. A slow draft stays twice as slow as allowed and
    at least FLOOR long, so that the reproducer is not one a quiet moment of the machine lints in time."""
    slow = failure.kind == "slow"
    rate = run.max_rate * (SLOW_MARGIN if slow else 1)

    def same(candidate: str) -> bool:
        if slow and len(candidate.encode("utf-8")) < FLOOR:
            return False
        found = lint_once(candidate, path, rate, sampled=True).failure
        return found is not None and (found.kind, found.where) == (failure.kind, failure.where)

    seconds = min(SHRINK_SECONDS, max(5.0, run.end - time.monotonic()))
    return (halve if slow else shrink)(text, same, seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=3.0, help="how long to run (default 3)")
    parser.add_argument("--seed", type=int, help="the run's random seed (default: a new one, printed)")
    parser.add_argument("--max-rate", type=float, default=1.0,
                        help="seconds allowed per 100 KB of draft (default 1.0; news copy lints at about 0.06 s "
                             "per 100 KB, 1.6 MB/s)")
    args = parser.parse_args(argv)
    run_seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    rng = random.Random(run_seed)
    props.check_diagnostics("Warm-up: experts say it may rain.", "x.md")  # tables load outside the timing
    start = time.monotonic()
    run = Run(args.max_rate, Path(tempfile.mkdtemp(prefix="copydesk-fuzz-")), start + args.minutes * 60)
    print(f"fuzz: seed {run_seed}, {args.minutes:g} min, at most {args.max_rate:g} s per 100 KB; "
          f"reproducers go to {run.folder}", flush=True)
    rounds = 0
    while time.monotonic() < run.end:
        small_round(run, rng.randrange(2**32))
        large_round(run, rng)
        rounds += 1
    print(f"{rounds} rounds in {(time.monotonic() - start) / 60:.1f} min: {run.inputs:,} inputs "
          f"({run.small:,} small, {run.inputs - run.small:,} large), {run.bytes / 1e6:.1f} MB; "
          f"{run.failures} failures, {len(run.seen)} distinct")
    print("slowest input of each shape, seconds per 100 KB (drafts under 10 KB count as 10 KB; >= when stopped):")
    for label, (rate, size) in sorted(run.slowest.items(), key=lambda item: item[1], reverse=True):
        print(f"  {'>=' if rate >= run.max_rate * KILL_FACTOR else '  '}{rate:6.3f}  {size:>9,} bytes  {label}")
    for (kind, where, label), case in run.seen.items():
        print(f"  failure: {kind} at {where}{f' ({label})' if label else ''}: {case}")
    return 1 if run.failures else 0


if __name__ == "__main__":
    sys.exit(main())
