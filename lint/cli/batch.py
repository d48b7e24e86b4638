"""Linting many drafts: a task for each file (its config from lint.engine.resolve), optional worker processes.

Workers receive file names and configs, never texts, and results come back in input order.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Sequence

from ..config import Config
from ..engine.resolve import Resolver, linter_for
from ..model import SEVERITY_RANK, Diagnostic
from ..registry.kinds import INTERNAL_ERROR
from ..text.source import InputError

if TYPE_CHECKING:
    from ..text.source import Draft

MAX_FIX_PASSES = 10


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
    error: str | None = None  # an input error: one line for stderr; the draft was not linted
    fixed: int = 0
    fail_on: str = "warning"
    fix_error: str | None = None  # --fix did not write: one line for stderr; the draft was linted as it is

    @property
    def failing(self) -> bool:
        if self.fail_on == "never":
            return False
        limit = SEVERITY_RANK[self.fail_on]
        return any(SEVERITY_RANK[d.severity] <= limit for d in self.diagnostics)


def collect(paths: Sequence[str], configs: Resolver, fix: bool = False,
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


def lint_text(text: str, path: str, config: Config) -> tuple[Diagnostic, ...]:
    """The engine's diagnostics; an error outside any rule still becomes one CPD001, not a crash."""
    linter = linter_for(config)
    try:
        return tuple(linter.check_text(text, path))
    except Exception as err:  # noqa: BLE001 (never crash on any input)
        rule = linter.by_name[INTERNAL_ERROR]
        detail = f"{type(err).__name__}: {err}"
        message = rule.message.format(rule="the engine", detail=detail)
        return (Diagnostic(path, 1, 1, 1, 1, rule.code, rule.name, rule.severity, message, "", None, 0, 0),)


def fix_text(text: str, path: str, config: Config) -> tuple[str, tuple[Diagnostic, ...], int]:
    """Apply safe fixes until none is left; the final text, its diagnostics, fixes made."""
    from ..engine.fixes import apply_fixes

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
    from ..text.source import read_draft

    try:
        draft = read_draft(Path(task.path))
    except InputError as err:
        return Outcome(task.path, error=str(err), fail_on=task.config.fail_on)
    if task.fix:
        return _fix_task(task, draft)
    return _linted(task, draft.text, lint_text(draft.text, task.path, task.config))


def _fix_task(task: Task, draft: Draft) -> Outcome:
    """The fixed draft written back; if it cannot be, the draft as it is, with why it was left unchanged."""
    from .files import NotWritten, write_fixed

    text, diagnostics, fixed = fix_text(draft.text, task.path, task.config)
    if not fixed:
        return _linted(task, text, diagnostics)
    try:
        write_fixed(Path(task.path), text, draft)
    except NotWritten as err:
        why = f"{task.path}: fixes not written ({err}), left unchanged"
    except OSError as err:
        why = f"{task.path}: cannot write the fixes ({err.strerror or err}), left unchanged"
    else:
        return _linted(task, text, diagnostics, fixed)
    # The file on disk is the one read: its findings are the ones to list, the safe ones included.
    return _linted(task, draft.text, lint_text(draft.text, task.path, task.config), fix_error=why)


def _linted(task: Task, text: str, diagnostics: tuple[Diagnostic, ...], fixed: int = 0,
            fix_error: str | None = None) -> Outcome:
    return Outcome(task.path, diagnostics, text if task.keep_text else None, None, fixed, task.config.fail_on,
                   fix_error)


def run_tasks(tasks: Sequence[Task], jobs: int = 1) -> Iterator[Outcome]:
    """Outcomes in the order of tasks, from worker processes when jobs > 1."""
    if jobs <= 1 or len(tasks) < 2:
        yield from map(run_task, tasks)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from ..engine.linter import preload

    # Forked workers inherit the loaded rules, Punkt and tables; spawned ones would each pay the
    # start-up a cold run pays. Fork is used where the platform has it.
    for config in {task.config for task in tasks}:
        linter_for(config)
    preload()
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    workers = min(jobs, len(tasks))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        # Eight chunks a worker: fewer round trips to the parent, and small enough that the last
        # one a worker takes keeps the other waiting little (500 drafts: 0.69 -> 0.66 s, 2 workers).
        yield from pool.map(run_task, tasks, chunksize=max(1, len(tasks) // (workers * 8)))
