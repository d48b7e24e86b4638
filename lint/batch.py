"""Linting many drafts: a config for each file, CLI options on top, optional worker processes.

Workers get the tasks (file names and configs, never texts) when they start, then are sent batches
of indexes into them; outcomes come back a batch at a time and are handed out in input order.
"""
from __future__ import annotations

import functools
import os
import re
from collections import deque
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

from .config import Config, ConfigError, discover, load_config
from .model import SEVERITY_RANK, Diagnostic, Rule
from .selection import UnknownRule, specificity
from .source import InputError

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

MAX_FIX_PASSES = 10


@dataclass(frozen=True)
class Overrides:
    """Command-line options that sit on top of every file's config.

    --select replaces the config's whole selection (its select, extend-select and ignore), as a
    later layer does in ruff; --extend-select and --ignore add to it.
    """

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    kind: str | None = None
    fail_on: str | None = None

    def selectors(self) -> Iterator[tuple[str, str]]:
        for option, values in (("--select", self.select or ()), ("--extend-select", self.extend_select),
                               ("--ignore", self.ignore)):
            for value in values:
                yield option, value

    def apply(self, config: Config) -> Config:
        if self.select is not None:
            config = replace(config, select=self.select, extend_select=self.extend_select, ignore=self.ignore)
        else:
            config = replace(config, extend_select=config.extend_select + self.extend_select,
                             ignore=config.ignore + self.ignore)
        return config.with_options(kind=self.kind, fail_on=self.fail_on)


class UsageError(Exception):
    """A bad command-line value found after parsing (an unknown rule in --select)."""


class Configs:
    """The config of each draft: --config for all, none with --no-config, or discovered upward
    from the draft's folder (each config file loaded once)."""

    def __init__(self, overrides: Overrides, config_file: Path | None = None, isolated: bool = False):
        self.overrides = overrides
        self.fixed: Config | None = None
        if config_file is not None:
            self.fixed = load_config(config_file) or Config(path=config_file, root=config_file.parent)
        elif isolated:
            self.fixed = Config()
        self._by_file: dict[Path | None, Config] = {}
        self._by_dir: dict[Path, Path | None] = {}
        self._checked: set[Config] = set()
        self._applied: dict[int, tuple[Config, Config]] = {}  # id(base) -> (base, with overrides)

    def base(self, path: Path) -> Config:
        """The draft's config before command-line options."""
        if self.fixed is not None:
            return self.fixed
        folder = path.resolve().parent
        if folder not in self._by_dir:
            self._by_dir[folder] = discover(folder)
        file = self._by_dir[folder]
        if file not in self._by_file:
            self._by_file[file] = (load_config(file) if file else None) or Config()
        return self._by_file[file]

    def for_path(self, path: Path) -> Config:
        """The draft's config with command-line options on top, its rule ids checked."""
        base = self.base(path)
        if id(base) not in self._applied:  # one config serves a folder of drafts: apply once
            self._applied[id(base)] = (base, self.overrides.apply(base))
        config = self._applied[id(base)][1]
        if config not in self._checked:
            rules = rules_for(config)
            check_config_rules(base, rules)
            for option, value in self.overrides.selectors():
                try:
                    specificity(value, rules)
                except UnknownRule:
                    raise UsageError(
                        f"{option}: unknown rule or prefix {value!r} (copydesk rules lists them)") from None
            linter_for(config)  # anything else wrong surfaces now, before any draft is read
            self._checked.add(config)
        return config


def check_config_rules(config: Config, rules: Sequence[Rule]) -> None:
    """An unknown rule id in a config is a ConfigError naming the file, the line and the key."""
    keyed = [("select", s) for s in config.select] + [("extend-select", s) for s in config.extend_select]
    keyed += [("ignore", s) for s in config.ignore] + [("severity", s) for s, _ in config.severity]
    keyed += [(f"per-file-ignores.{glob}", s) for glob, sels in config.per_file_ignores for s in sels]
    for key, selector in keyed:
        try:
            specificity(selector, rules)
        except UnknownRule:
            where = str(config.path or "config")
            line = _line_of_value(config.path, selector)
            if line:
                where += f":{line}"
            raise ConfigError(f"{where}: {key}: unknown rule or prefix {selector!r}") from None


def _line_of_value(path: Path | None, value: str) -> int | None:
    if path is None:
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    m = re.search(rf"""["']{re.escape(value)}["']""", text)
    return text.count("\n", 0, m.start()) + 1 if m else None


def rules_for(config: Config) -> tuple[Rule, ...]:
    from .engine import load_rules

    return load_rules(config.rule_packs)


@functools.lru_cache(maxsize=32)
def linter_for(config: Config):
    """One Linter per distinct config, in each process."""
    from .engine import Linter

    return Linter(config)


# --- one draft ------------------------------------------------------------------------


@dataclass(frozen=True)
class Task:
    path: str  # as the user named it (or as walked from a folder)
    config: Config
    fix: bool = False
    keep_text: bool = False


@dataclass(frozen=True)
class Outcome:
    path: str
    diagnostics: tuple[Diagnostic, ...] = ()
    text: str | None = None
    error: str | None = None  # an input error: one line for stderr
    fixed: int = 0
    fail_on: str = "warning"

    @property
    def failing(self) -> bool:
        if self.fail_on == "never":
            return False
        limit = SEVERITY_RANK[self.fail_on]
        return any(SEVERITY_RANK[d.severity] <= limit for d in self.diagnostics)


def collect(paths: Sequence[str], configs: Configs, fix: bool = False,
            stdin_name: str | None = None) -> tuple[list[Task], list[str]]:
    """A task per draft named or found in a folder (each file once), and one error line per
    path that does not exist. "-" is standard input, configured as if it were stdin_name."""
    from .files import is_excluded, walk

    tasks: list[Task] = []
    errors: list[str] = []
    seen: set[str] = set()

    def excluded(p: Path) -> bool:
        base = configs.base(p / "-" if p.is_dir() else p)
        return is_excluded(p, base.root, base.exclude)

    def add(path: Path, shown: str) -> None:
        resolved = os.path.realpath(path)  # (Path.resolve stats the file once more)
        if resolved not in seen:
            seen.add(resolved)
            tasks.append(Task(shown, configs.for_path(path), fix))

    for arg in paths:
        if arg == "-":
            tasks.append(Task("-", configs.for_path(Path(stdin_name or "-")), fix))
        elif Path(arg).is_dir():
            for found in walk(Path(arg), excluded):
                add(found, str(found))
        elif Path(arg).exists():
            add(Path(arg), arg)
        else:
            errors.append(f"{arg}: no such file or folder, skipped")
    return tasks, errors


# The document linted last, kept until the next lint begins: freeing its million small objects
# takes ~20 ms a MB, and after a run's last draft the CLI leaves by os._exit, freeing nothing.
# (Dropped before the next document is built, so two are never held at once.)
_last_document: list = [None]


def lint_text(text: str, path: str, config: Config) -> tuple[Diagnostic, ...]:
    """The engine's diagnostics; an error outside any rule still becomes one CPD001, not a crash."""
    linter = linter_for(config)
    _last_document[0] = None
    try:
        _last_document[0] = doc = linter.document(text, path)
        return tuple(linter.check_document(doc))
    except Exception as err:  # noqa: BLE001 (never crash on any input)
        rule = linter.by_code["CPD001"]
        detail = f"{type(err).__name__}: {err}"
        message = rule.message.format(rule="the engine", detail=detail)
        return (Diagnostic(path, 1, 1, 1, 1, rule.code, rule.name, rule.severity, message, "", None, 0, 0),)


def fix_text(text: str, path: str, config: Config) -> tuple[str, tuple[Diagnostic, ...], int]:
    """Apply safe fixes until none is left; the final text, its diagnostics, fixes made."""
    from .fixes import apply_fixes

    diagnostics = lint_text(text, path, config)
    total = 0
    for _ in range(MAX_FIX_PASSES):
        text, made = apply_fixes(text, diagnostics)
        if not made:
            break
        total += made
        diagnostics = lint_text(text, path, config)
    return text, diagnostics, total


def run_task(task: Task) -> Outcome:
    """Lint (and with --fix, fix) one file; runs in a worker process with --jobs."""
    from .files import read_draft, write_atomic

    path = Path(task.path)
    try:
        text, bom = read_draft(path)
    except InputError as err:
        return Outcome(task.path, error=str(err), fail_on=task.config.fail_on)
    fixed = 0
    if task.fix:
        new_text, diagnostics, fixed = fix_text(text, task.path, task.config)
        if fixed:
            try:
                write_atomic(path, new_text, bom)
            except OSError as err:
                reason = err.strerror or str(err)
                return Outcome(task.path, error=f"{task.path}: cannot write the fixes ({reason}), left unchanged",
                               fail_on=task.config.fail_on)
            text = new_text
    else:
        diagnostics = lint_text(text, task.path, task.config)
    return Outcome(task.path, diagnostics, text if task.keep_text else None, None, fixed, task.config.fail_on)


def run_tasks(tasks: Sequence[Task], jobs: int = 1) -> Iterator[Outcome]:
    """Outcomes in the order of tasks, from worker processes when jobs > 1. A draft whose lint
    raises, or whose worker dies, gets an outcome with an error; the other drafts are still linted."""
    if jobs <= 1 or len(tasks) < 2:
        yield from map(run_safely, tasks)
        return
    from .engine import preload

    # Forked workers inherit the loaded rules, Punkt and tables; spawned ones would each pay the
    # start-up a cold run pays. Fork is used where the platform has it.
    for config in {task.config for task in tasks}:
        linter_for(config)
    preload()
    yield from _Workers(tasks, min(jobs, len(tasks))).outcomes()


def run_safely(task: Task) -> Outcome:
    """run_task, with an unexpected exception turned into that draft's error."""
    try:
        return run_task(task)
    except Exception as err:  # noqa: BLE001 (one draft's bug must not cost the others theirs)
        return _not_linted(task, f"an internal error ({type(err).__name__}: {err})")


def _not_linted(task: Task, why: str) -> Outcome:
    return Outcome(task.path, error=f"{task.path}: not linted: {why}", fail_on=task.config.fail_on)


# Drafts sent to a worker at a time (fewer near the end, so that the workers finish together), and
# batches a worker holds: the one it lints and the next, so that it never waits for the parent.
BATCH = 16
AHEAD = 2


def _work(tasks: Sequence[Task], conn: Connection, parents: list[Connection], linting: Any, slot: int) -> None:
    """A worker: lint the drafts at the indexes it is sent, a list of outcomes back per batch.
    linting[slot] is the draft in hand, for the parent to read if this process dies."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the parent, which stops the workers
    for end in parents:  # a forked child's copies of the parent's ends: the pipe must end with the parent
        end.close()
    try:
        while True:
            outcomes = []
            for i in conn.recv():
                linting[slot] = i
                outcomes.append(run_safely(tasks[i]))
            conn.send(outcomes)
    except (EOFError, ConnectionError):  # the parent has gone
        pass


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection  # the parent's end of the worker's pipe
    slot: int  # its place in _Workers.linting
    batches: deque[list[int]]  # sent to it and not answered yet, in the order it lints them


class _Workers:
    """Worker processes fed drafts by index. When one dies, the draft it was linting is reported as
    not linted, the others it held go back to the queue, and a new worker takes its place."""

    def __init__(self, tasks: Sequence[Task], count: int):
        import multiprocessing

        methods = multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("fork" if "fork" in methods else None)
        self.tasks = tasks
        self.todo = deque(range(len(tasks)))
        self.done: dict[int, Outcome] = {}
        self.workers: list[_Worker] = []
        self.linting = self.context.RawArray("q", count)  # shared memory: no message per draft

    def outcomes(self) -> Iterator[Outcome]:
        from multiprocessing.connection import wait

        try:
            for slot in range(len(self.linting)):
                self._start(slot)
            for i in range(len(self.tasks)):
                while i not in self.done:
                    ready = set(wait([w.conn for w in self.workers] + [w.process.sentinel for w in self.workers]))
                    for worker in [w for w in self.workers if w.conn in ready or w.process.sentinel in ready]:
                        self._receive(worker)
                yield self.done.pop(i)
        finally:
            for worker in self.workers:  # idle at the end; mid-draft if the run was cut short
                worker.process.terminate()
                worker.process.join()
                worker.conn.close()

    def _start(self, slot: int) -> None:
        self.linting[slot] = -1
        ours, theirs = self.context.Pipe()
        parents = [ours, *(w.conn for w in self.workers)]
        process = self.context.Process(target=_work, args=(self.tasks, theirs, parents, self.linting, slot),
                                       daemon=True)
        process.start()
        theirs.close()  # so that the worker's death reads as the end of its pipe
        worker = _Worker(process, ours, slot, deque())
        self.workers.append(worker)
        self._feed(worker)

    def _feed(self, worker: _Worker) -> None:
        while len(worker.batches) < AHEAD and self.todo:
            size = max(1, min(BATCH, len(self.todo) // (AHEAD * len(self.linting))))
            batch = [self.todo.popleft() for _ in range(min(size, len(self.todo)))]
            worker.batches.append(batch)
            try:
                worker.conn.send(batch)
            except ConnectionError:  # it has just died: wait() sees its end and _buried() takes over
                return

    def _receive(self, worker: _Worker) -> None:
        try:
            while worker.conn.poll():
                outcomes = worker.conn.recv()
                self.done.update(zip(worker.batches.popleft(), outcomes))
        except (EOFError, ConnectionError):  # it has died, after the batches read above
            self._buried(worker)
        else:
            self._feed(worker)

    def _buried(self, worker: _Worker) -> None:
        worker.process.join()
        worker.conn.close()
        self.workers.remove(worker)
        held = [i for batch in worker.batches for i in batch]
        if held:
            # The draft in hand, or the first it held if it died before starting one (so that
            # every death costs a draft, and a worker that cannot start cannot loop forever).
            lost = self.linting[worker.slot] if self.linting[worker.slot] in held else held[0]
            why = f"a worker process died ({_exit_reason(worker.process.exitcode)})"
            self.done[lost] = _not_linted(self.tasks[lost], why)
            held.remove(lost)
            self.todo.extendleft(reversed(held))  # linted again, by the worker that replaces it
        if self.todo:
            self._start(worker.slot)


def _exit_reason(code: int | None) -> str:
    import signal

    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"


def all_rules(configs: Iterable[Config]) -> dict[str, Rule]:
    """Every rule of the run by code, for the formats that describe rules (sarif, lsp)."""
    out: dict[str, Rule] = {}
    for config in configs:
        for rule in rules_for(config):
            out.setdefault(rule.code, rule)
    return out


