"""What the command line writes to the terminal besides its results: one-line errors, colour,
progress bars, and the exit statuses."""
from __future__ import annotations

import os
import sys
from typing import Callable, Iterable, NoReturn, TypeVar

import click

PROGRESS_MIN_FILES = 20  # fewer files finish before a bar would be worth drawing
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
T = TypeVar("T")


def fail(message: str) -> NoReturn:
    """One line on stderr, exit 2: usage, config and pack errors."""
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def split_list(values: Iterable[str]) -> tuple[str, ...]:
    """--select A,B --select C -> (A, B, C)."""
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def use_color(stream) -> bool:
    return stream.isatty() and not os.environ.get("NO_COLOR")


def workers(jobs: int) -> int:
    """--jobs N: 0 means one per CPU."""
    return jobs or os.cpu_count() or 1


def gather(tasks: list, work: Callable, jobs: int, errors: list[str]) -> list:
    """Each task's result from `work` on `jobs` workers, under a progress bar on a terminal; a draft
    that could not be read or linted adds its one line to `errors`, and every error is printed."""
    from ..engine.pool import Outcome, run_tasks

    results = []
    for result in progress(run_tasks(tasks, work, workers(jobs)), len(tasks), "Reading drafts"):
        if isinstance(result, Outcome):
            errors.append(result.error)
        else:
            results.append(result)
    for message in errors:
        click.echo(f"error: {message}", err=True)
    return results


def progress(results: Iterable[T], length: int, label: str) -> Iterable[T]:
    """The results as they come, or for a long run on a terminal all of them, gathered under a
    progress bar on stderr first (lines printed mid-bar would tear it)."""
    if length < PROGRESS_MIN_FILES or not sys.stderr.isatty():
        return results
    with click.progressbar(results, length=length, label=label, file=sys.stderr) as bar:
        return list(bar)
