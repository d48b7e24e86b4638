"""Running many drafts: a task for each (its path and config), worker processes for --jobs, and
outcomes handed back in input order.

Workers get the tasks (file names and configs, never texts) when they start, then are sent batches
of indexes into them; outcomes come back a batch at a time and are handed out in input order. The
work done on each task is the caller's (the command line lints and fixes, the report draws pages).
"""
from __future__ import annotations

import functools
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence

from ..config import Config
from ..model import SEVERITY_RANK, Diagnostic
from .resolve import linter_for

if TYPE_CHECKING:  # pragma: no cover
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess


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


def run_tasks(tasks: Sequence[Task], work: Callable[[Task], Outcome], jobs: int = 1) -> Iterator[Outcome]:
    """work(task) for each task, in the order of tasks, from worker processes when jobs > 1 (work
    must then be a module-level function or a partial of one). A draft whose work raises, or whose
    worker dies, gets an outcome with an error; the other drafts are still done."""
    safely = functools.partial(run_safely, work)
    if jobs <= 1 or len(tasks) < 2:
        yield from map(safely, tasks)
        return
    from .linter import preload

    # Forked workers inherit the loaded rules, Punkt and tables; spawned ones would each pay the
    # start-up a cold run pays. Fork is used where the platform has it.
    for config in {task.config for task in tasks}:
        linter_for(config)
    preload()
    yield from _Workers(tasks, safely, min(jobs, len(tasks))).outcomes()


def run_safely(work: Callable[[Task], Outcome], task: Task) -> Outcome:
    """work(task), with an unexpected exception turned into that draft's error."""
    try:
        return work(task)
    except Exception as err:  # noqa: BLE001 (one draft's bug must not cost the others theirs)
        return not_done(task, f"an internal error ({type(err).__name__}: {err})")


def not_done(task: Task, why: str) -> Outcome:
    return Outcome(task.name, error=f"{task.name}: not linted: {why}", fail_on=task.config.fail_on)


# Drafts sent to a worker at a time (fewer near the end, so that the workers finish together), and
# batches a worker holds: the one it works on and the next, so that it never waits for the parent.
BATCH = 16
AHEAD = 2


def _work(tasks: Sequence[Task], work: Callable[[Task], Outcome], conn: Connection, parents: list[Connection],
          linting: Any, slot: int) -> None:
    """A worker: do the drafts at the indexes it is sent, a list of outcomes back per batch.
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
                outcomes.append(work(tasks[i]))
            conn.send(outcomes)
    except (EOFError, ConnectionError):  # the parent has gone
        pass


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection  # the parent's end of the worker's pipe
    slot: int  # its place in _Workers.linting
    batches: deque[list[int]]  # sent to it and not answered yet, in the order it does them


class _Workers:
    """Worker processes fed drafts by index. When one dies, the draft it was doing is reported as
    not linted, the others it held go back to the queue, and a new worker takes its place."""

    def __init__(self, tasks: Sequence[Task], work: Callable[[Task], Outcome], count: int):
        import multiprocessing

        methods = multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("fork" if "fork" in methods else None)
        self.tasks, self.work = tasks, work
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
        process = self.context.Process(target=_work, args=(self.tasks, self.work, theirs, parents, self.linting, slot),
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
            self.done[lost] = not_done(self.tasks[lost], why)
            held.remove(lost)
            self.todo.extendleft(reversed(held))  # done again, by the worker that replaces it
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
