"""Running many drafts: a task for each (its path and config), worker processes for --jobs, and
outcomes handed back in input order.

Workers receive file names and configs, never texts; the work done on each task is the caller's
(the command line lints and fixes, the report draws pages).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterator, Sequence

from ..config import Config
from ..model import SEVERITY_RANK, Diagnostic
from .resolve import linter_for


@dataclass(frozen=True)
class Task:
    path: str  # as the user named it (or as walked from a folder); "-" is standard input
    config: Config
    fix: bool = False
    keep_text: bool = False
    stdin_name: str | None = None  # what a draft from standard input is linted and shown as

    @property
    def name(self) -> str:
        """The draft as it is linted and reported: its path, or for "-" the name given to standard input."""
        return self.stdin_name or self.path if self.path == "-" else self.path


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


def run_tasks(tasks: Sequence[Task], work: Callable[[Task], Any], jobs: int = 1) -> Iterator[Any]:
    """work(task) for each task, in the order of tasks, from worker processes when jobs > 1; work
    must be a module-level function or a partial of one."""
    if jobs <= 1 or len(tasks) < 2:
        yield from map(work, tasks)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from .linter import preload

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
        yield from pool.map(work, tasks, chunksize=max(1, len(tasks) // (workers * 8)))
