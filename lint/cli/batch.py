"""Linting many drafts from the command line: a task for each draft named or found in a folder,
and what is done with each (read, lint, fix and write back); lint.engine.pool runs them."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from ..config import Config
from ..engine.resolve import Resolver, linter_for
from ..engine.pool import Outcome, Task
from ..model import Diagnostic
from ..registry.kinds import INTERNAL_ERROR
from ..text.source import InputError

if TYPE_CHECKING:
    from ..text.source import Draft

MAX_FIX_PASSES = 10


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
            tasks.append(Task("-", configs.for_path(Path(stdin_name or "-")), fix, stdin_name=stdin_name))
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
    """Lint (and with --fix, fix) one draft, read from its file or, for "-", from standard input (a
    fixed draft from standard input is kept, to be written to standard output); files run in a
    worker process with --jobs."""
    from ..text.source import Draft, decode, read_draft

    try:
        if task.path == "-":
            draft = Draft(decode(sys.stdin.buffer.read(), task.name), False, None)
        else:
            draft = read_draft(Path(task.path))
    except InputError as err:
        return Outcome(task.name, error=str(err), fail_on=task.config.fail_on)
    if task.fix and task.path == "-":
        text, diagnostics, fixed = fix_text(draft.text, task.name, task.config)
        return Outcome(task.name, diagnostics, text, None, fixed, task.config.fail_on)
    if task.fix:
        return _fix_task(task, draft)
    return _linted(task, draft.text, lint_text(draft.text, task.name, task.config))


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
    return Outcome(task.name, diagnostics, text if task.keep_text else None, None, fixed, task.config.fail_on,
                   fix_error)
