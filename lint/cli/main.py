"""The `copydesk` command line: a thin layer over the engine, the renderers and the reports.

At start-up only click and the modules naming the choices load (config, render, ruledocs: no
engine, no rule pack); `--version`, `rules` and `rule` never import nltk, textstat or pygls.
"""
from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

import click

from .. import __version__
from ..config import FAIL_ON, KINDS
from ..render import FORMATS
from .report import report
from .rules import rule_command, rules_command
from .terminal import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, fail, progress, split_list, use_color, workers


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="copydesk", message="%(prog)s %(version)s")
def cli() -> None:
    """copydesk: an editorial-balance linter for news drafts."""


cli.add_command(rules_command)
cli.add_command(rule_command)
cli.add_command(report)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(tuple(FORMATS)), default="text", show_default=True,
              help="Output format.")
@click.option("--select", multiple=True,
              help="Rules to run (codes, names or prefixes, comma-separated); replaces the config's selection.")
@click.option("--extend-select", multiple=True, help="Rules to run in addition to the selection.")
@click.option("--ignore", multiple=True, help="Rules not to run.")
@click.option("--kind", type=click.Choice(KINDS), help="What the piece is; analysis and opinion relax the OPN rules.")
@click.option("--fail-on", type=click.Choice(FAIL_ON),
              help="Lowest severity that makes the exit code 1 [default: warning].")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Use this config file for every draft instead of discovering one.")
@click.option("--no-config", is_flag=True, help="Ignore config files; use the defaults.")
@click.option("--stdin-filename", help="The name of the draft read from '-' (picks format and config).")
@click.option("--statistics", is_flag=True, help="Count diagnostics per rule instead of listing them.")
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files, atomically.")
@click.option("-q", "--quiet", is_flag=True, help="Print diagnostics only: no summary, no progress bar.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Worker processes; 0 means one per CPU.")
def check(paths: tuple[str, ...], fmt: str, select: tuple[str, ...], extend_select: tuple[str, ...],
          ignore: tuple[str, ...], kind: str | None, fail_on: str | None, config_file: Path | None,
          no_config: bool, stdin_filename: str | None, statistics: bool, fix: bool, quiet: bool,
          jobs: int) -> None:
    """Lint drafts: files, folders (walked for .md, .markdown, .txt) or - for standard input."""
    import gc

    # A lint allocates hundreds of thousands of small tuples and frees them without cycles; the
    # cyclic collector would scan them over and over (15% of a large run) for nothing. This
    # process ends when the run does, so it is switched off here, never in the library.
    gc.disable()
    from . import batch
    from ..config import ConfigError
    from ..engine.pool import run_tasks
    from ..engine.resolve import Overrides, Resolver, UsageError, all_rules
    from ..registry.packs import PackError
    from ..render import FileResult, Options, renderer

    if config_file and no_config:
        fail("--config and --no-config cannot be used together")
    if statistics and fmt not in ("text", "json", "jsonl"):
        fail("--statistics works with --format text, json or jsonl")
    if fix and "-" in paths and len(paths) > 1:
        fail("--fix with - reads only standard input: name no other paths")
    overrides = Overrides(select=split_list(select) if select else None, extend_select=split_list(extend_select),
                          ignore=split_list(ignore), kind=kind, fail_on=fail_on)
    try:
        tasks, errors = batch.collect(paths, Resolver(overrides, config_file, no_config), fix, stdin_filename)
    except (ConfigError, PackError, UsageError) as err:
        fail(str(err))
    for message in errors:
        click.echo(f"error: {message}", err=True)

    if fix and paths == ("-",):  # the fixed draft goes to standard output, in place of diagnostics
        outcome = batch.run_task(replace(tasks[0], keep_text=True))
        if outcome.error:
            fail(outcome.error)
        sys.stdout.write(outcome.text or "")
        sys.exit(EXIT_FINDINGS if outcome.failing else EXIT_OK)

    options = Options(
        rules=all_rules({t.config for t in tasks}) if fmt in ("sarif", "lsp") else {},
        color=fmt == "text" and use_color(sys.stdout),
        statistics=statistics,
        quiet=quiet,
    )
    out = renderer(fmt, sys.stdout, options)
    for message in errors:
        out.skipped(message)
    tasks = [replace(t, keep_text=out.needs_text) for t in tasks]
    file_tasks = [t for t in tasks if t.path != "-"]
    bar = 0 if quiet else len(file_tasks)  # (a progress bar only for a long run, on a terminal)
    done = iter(progress(run_tasks(file_tasks, batch.run_task, workers(jobs)), bar, "Linting"))
    failing = False
    fixed_total = fixed_files = 0
    for task in tasks:
        outcome = batch.run_task(task) if task.path == "-" else next(done)  # (stdin: read here, never in a worker)
        for message in filter(None, (outcome.error, outcome.fix_error)):
            click.echo(f"error: {message}", err=True)
            errors.append(message)
        if outcome.error:
            out.skipped(outcome.error)
            continue
        failing = failing or outcome.failing
        if outcome.fixed:
            fixed_total += outcome.fixed
            fixed_files += 1
        out.file(FileResult(outcome.path, outcome.diagnostics, outcome.text))
    out.finish()
    if fixed_total and not quiet:
        click.echo(f"Fixed {fixed_total} problem{'s' * (fixed_total != 1)} in "
                   f"{fixed_files} file{'s' * (fixed_files != 1)}.", err=True)
    sys.exit(EXIT_ERROR if errors else EXIT_FINDINGS if failing else EXIT_OK)


@cli.command()
@click.option("--stdio", is_flag=True, help="Talk over standard input and output (the default).")
def serve(stdio: bool) -> None:
    """Run the language server on stdio (needs the lsp extra)."""
    try:
        from ..lsp import server
    except ModuleNotFoundError as err:
        if err.name and err.name.startswith("lint.lsp"):
            fail("the language server is not part of this installation (lint/lsp/ is missing)")
        fail(f"copydesk serve needs the lsp extra: pip install 'copydesk[lsp]' ({err})")
    server.main()


def main() -> None:
    try:
        cli(prog_name="copydesk")
        code = 0
    except SystemExit as exit:
        if not isinstance(exit.code, (int, type(None))):
            raise  # a message to print: leave it to Python
        code = exit.code or 0
    # A lint leaves a million small objects (the syllable table, the last draft's words); freeing
    # them one by one at exit takes 20-30 ms, longer than writing the output. Once the output is
    # flushed there is nothing left to do, so leave at once (mypy does the same).
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        sys.exit(code)  # let Python report it as it always does
    os._exit(code)
