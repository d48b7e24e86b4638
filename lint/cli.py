"""The `copydesk` command line: a thin layer over the engine, the renderers and the scorecard.

At start-up only click and the modules naming the choices load (config, render, ruledocs: no
engine, no rule pack); `--version`, `rules` and `rule` never import nltk, textstat or pygls.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, NoReturn

import click

from . import __version__
from .config import FAIL_ON, KINDS
from .render import FORMATS
from .ruledocs import TABLE_FORMATS

if TYPE_CHECKING:  # pragma: no cover
    from datetime import datetime

    from .batch import Configs
    from .model import Rule

PROGRESS_MIN_FILES = 20  # fewer files finish before a bar would be worth drawing

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def fail(message: str) -> NoReturn:
    """One line on stderr, exit 2: usage, config and pack errors."""
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def split_list(values: Iterable[str]) -> tuple[str, ...]:
    """--select A,B --select C -> (A, B, C)."""
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def use_color(stream) -> bool:
    return stream.isatty() and not os.environ.get("NO_COLOR")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="copydesk", message="%(prog)s %(version)s")
def cli() -> None:
    """copydesk: an editorial-balance linter for news drafts."""


# --- check -----------------------------------------------------------------------------


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
    from .config import ConfigError
    from .packs import PackError
    from .render import FileResult, Options, renderer

    if config_file and no_config:
        fail("--config and --no-config cannot be used together")
    if statistics and fmt not in ("text", "json", "jsonl"):
        fail("--statistics works with --format text, json or jsonl")
    overrides = batch.Overrides(
        select=split_list(select) if select else None,
        extend_select=split_list(extend_select),
        ignore=split_list(ignore),
        kind=kind,
        fail_on=fail_on,
    )
    if fix and "-" in paths and len(paths) > 1:
        fail("--fix with - reads only standard input: name no other paths")
    try:
        configs = batch.Configs(overrides, config_file, no_config)
        tasks, errors = batch.collect(paths, configs, fix, stdin_filename)
    except (ConfigError, PackError, batch.UsageError) as err:
        fail(str(err))
    for message in errors:
        click.echo(f"error: {message}", err=True)

    if fix and paths == ("-",):
        outcome = lint_stdin(stdin_filename or "-", tasks[0].config, fix=True, keep_text=True)
        if outcome.error:
            fail(outcome.error)
        sys.stdout.write(outcome.text or "")
        sys.exit(EXIT_FINDINGS if outcome.failing else EXIT_OK)

    options = Options(
        rules=batch.all_rules({t.config for t in tasks}) if fmt in ("sarif", "lsp") else {},
        color=fmt == "text" and use_color(sys.stdout),
        statistics=statistics,
        quiet=quiet,
    )
    out = renderer(fmt, sys.stdout, options)
    for message in errors:
        out.skipped(message)
    tasks = [batch.Task(t.path, t.config, t.fix, out.needs_text) for t in tasks]
    file_tasks = [t for t in tasks if t.path != "-"]
    show_bar = not quiet and len(file_tasks) >= PROGRESS_MIN_FILES and sys.stderr.isatty()
    outcomes = iter_outcomes(file_tasks, jobs, show_bar)
    failing = False
    fixed_total = fixed_files = 0
    for task in tasks:
        if task.path == "-":
            outcome = lint_stdin(stdin_filename or "-", task.config, fix=False, keep_text=task.keep_text)
        else:
            outcome = next(outcomes)
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


def iter_outcomes(tasks, jobs: int, show_bar: bool):
    """Outcomes in input order; a progress bar on stderr when asked."""
    from .batch import Outcome, run_tasks

    jobs = jobs or os.cpu_count() or 1
    if not show_bar:
        yield from run_tasks(tasks, jobs)
        return
    # Collect under the bar, then hand out: lines printed mid-bar would tear it.
    done: list[Outcome] = []
    with click.progressbar(run_tasks(tasks, jobs), length=len(tasks), label="Linting",
                           file=sys.stderr) as bar:
        done.extend(bar)
    yield from done


def lint_stdin(shown: str, config, fix: bool, keep_text: bool):
    """Standard input: with --fix the fixed text goes to stdout in place of diagnostics."""
    from .batch import Outcome, fix_text, lint_text
    from .source import InputError, decode

    try:
        text = decode(sys.stdin.buffer.read(), shown)
    except InputError as err:
        return Outcome(shown, error=str(err), fail_on=config.fail_on)
    if fix:
        text, diagnostics, fixed = fix_text(text, shown, config)
        return Outcome(shown, diagnostics, text, None, fixed, config.fail_on)
    return Outcome(shown, lint_text(text, shown, config), text if keep_text else None, None, 0, config.fail_on)


# --- rules and rule --------------------------------------------------------------------


def load_rule_set(config_file: Path | None, no_config: bool):
    """Built-in rules plus the packs the (discovered or given) config adds; packs only."""
    from .config import ConfigError, discover, load_config
    from .packs import PackError, builtin_pack_dir, load_packs

    try:
        packs: tuple[Path, ...] = ()
        if not no_config:
            file = config_file or discover(Path.cwd())
            config = load_config(file) if file else None
            packs = config.rule_packs if config else ()
        return load_packs([builtin_pack_dir(), *packs])
    except (ConfigError, PackError) as err:
        fail(str(err))


@cli.command("rules")
@click.option("--format", "fmt", type=click.Choice(TABLE_FORMATS), default="text",
              show_default=True, help="Table format.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Include the rule packs of this config.")
@click.option("--no-config", is_flag=True, help="Built-in rules only.")
def rules_command(fmt: str, config_file: Path | None, no_config: bool) -> None:
    """List every rule: code, name, default severity, kind and a one-line help."""
    from .ruledocs import rules_table

    click.echo(rules_table(load_rule_set(config_file, no_config), fmt), nl=False)


@cli.command("rule")
@click.argument("rule")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Include the rule packs of this config (with --sample: use it for every draft).")
@click.option("--no-config", is_flag=True, help="Built-in rules only.")
@click.option("--sample", "sample_path", metavar="PATH",
              help="Lint these drafts (a folder or a file) with only this rule: its hit count, hits per "
                   "1,000 words and a random sample of hits in context.")
@click.option("-n", "count", type=click.IntRange(min=1), default=20, show_default=True,
              help="With --sample: how many hits to show.")
@click.option("--seed", type=int, help="With --sample: draw the same hits again.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="With --sample: worker processes; 0 means one per CPU.")
def rule_command(rule: str, config_file: Path | None, no_config: bool, sample_path: str | None, count: int,
                 seed: int | None, jobs: int) -> None:
    """Explain one rule (by code or name): what it does, why it matters, examples; or, with
    --sample, what it flags in a folder of drafts."""
    from .ruledocs import find_rule, rule_doc

    found = find_rule(load_rule_set(config_file, no_config), rule)
    if found is None:
        fail(f"unknown rule {rule!r} (copydesk rules lists them)")
    if sample_path is None:
        click.echo(rule_doc(found), nl=False)
        return
    sample_rule(found, sample_path, config_file, no_config, count, seed, jobs)


def sample_rule(rule: Rule, path: str, config_file: Path | None, no_config: bool, count: int, seed: int | None,
                jobs: int) -> None:
    import random

    from . import batch
    from .config import ConfigError
    from .packs import PackError
    from .report import sample

    try:
        configs = batch.Configs(batch.Overrides(select=(rule.code,)), config_file, no_config)
        tasks, errors = batch.collect((path,), configs)
    except (ConfigError, PackError, batch.UsageError) as err:
        fail(str(err))
    drafts = []
    with progress(batch.run_tasks(tasks, jobs or os.cpu_count() or 1, sample.work_for(rule)), len(tasks)) as results:
        for result in results:
            if isinstance(result, batch.Outcome):
                errors.append(result.error)
            else:
                drafts.append(result)
    for message in errors:
        click.echo(f"error: {message}", err=True)
    seed = random.SystemRandom().randrange(10**6) if seed is None else seed
    bold = (lambda text: click.style(text, bold=True)) if use_color(sys.stdout) else str
    click.echo(sample.render(rule, path, drafts, count, seed, bold), nl=False)
    sys.exit(EXIT_ERROR if errors else EXIT_OK)


# --- report ----------------------------------------------------------------------------


@cli.command()
@click.argument("path")
@click.option("--format", "fmt", type=click.Choice(("text", "json", "csv", "jsonl")),
              help="Output: the scorecard (text, json), or for a folder the table of its drafts (text, csv, "
                   "jsonl) [default: text; none with --html].")
@click.option("--html", "html_out", type=click.Path(path_type=Path), metavar="OUT",
              help="Write a self-contained HTML page to OUT; for a folder, OUT is a folder of pages and index.html.")
@click.option("--open", "open_page", is_flag=True, help="Open the HTML report in the default browser.")
@click.option("--kind", type=click.Choice(KINDS), help="What the piece is.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--no-config", is_flag=True)
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="For a folder: worker processes; 0 means one per CPU.")
def report(path: str, fmt: str | None, html_out: Path | None, open_page: bool, kind: str | None,
           config_file: Path | None, no_config: bool, jobs: int) -> None:
    """The balance scorecard of one draft: readability, findings per family, the source ledger
    and the claims with no attribution; for a folder, a table of its drafts."""
    import gc

    gc.disable()  # as in check: a run's many small objects hold no cycles worth collecting
    from . import batch
    from .config import ConfigError
    from .packs import PackError
    from .report.html import build_date

    if open_page and html_out is None:
        fail("--open needs --html OUT")
    try:
        when = build_date() if html_out else None
        configs = batch.Configs(batch.Overrides(kind=kind), config_file, no_config)
    except (ValueError, ConfigError, PackError) as err:
        fail(str(err))
    folder = Path(path).is_dir()
    failed = False
    if folder:
        failed = report_folder(path, configs, fmt, html_out, when, jobs)
    else:
        report_draft(path, configs, fmt, html_out, when)
    if open_page:
        import webbrowser

        webbrowser.open((html_out / "index.html" if folder else html_out).resolve().as_uri())
    sys.exit(EXIT_ERROR if failed else EXIT_OK)


def progress(results, length: int):
    """The results, under a progress bar on stderr for a long run on a terminal."""
    import contextlib

    if length >= PROGRESS_MIN_FILES and sys.stderr.isatty():
        return click.progressbar(results, length=length, label="Reading drafts", file=sys.stderr)
    return contextlib.nullcontext(results)


def report_draft(path: str, configs: Configs, fmt: str | None, html_out: Path | None, when: datetime | None
                 ) -> None:
    """One draft's scorecard (text, json), its row (csv, jsonl) and/or its page."""
    from . import batch
    from .config import ConfigError
    from .files import read_draft
    from .packs import PackError
    from .report import archive
    from .report.draft import report_of
    from .report.html import page
    from .scorecard import render_text
    from .source import InputError

    try:
        config = configs.for_path(Path(path))
        text = read_draft(Path(path)).text
    except (ConfigError, PackError, batch.UsageError, InputError) as err:
        fail(str(err))
    drawn = report_of(batch.linter_for(config), text, path)
    if html_out:
        write_page(html_out, page(drawn, when))
    fmt = fmt or ("text" if html_out is None else None)
    if fmt in ("csv", "jsonl"):
        row = archive.row_of(drawn, path, None, text)
        click.echo((archive.table_csv if fmt == "csv" else archive.table_jsonl)([row]), nl=False)
    elif fmt:
        click.echo(drawn.card.to_json() if fmt == "json" else render_text(drawn.card), nl=False)


def write_page(target: Path, html: str) -> None:
    try:
        target.write_text(html, encoding="utf-8")
    except OSError as err:
        fail(f"{target}: cannot write the report ({err.strerror or err})")


def report_folder(folder: str, configs: Configs, fmt: str | None, html_out: Path | None, when: datetime | None,
                  jobs: int) -> bool:
    """A page per draft and an index (--html), and/or the table of the drafts as text, csv or jsonl;
    True when a draft could not be read or its page written."""
    from . import batch
    from .config import ConfigError
    from .packs import PackError
    from .report import archive

    if fmt == "json":
        fail("a folder's table comes as --format text, csv or jsonl")
    try:
        tasks, errors = batch.collect((folder,), configs)
    except (ConfigError, PackError, batch.UsageError) as err:
        fail(str(err))
    try:
        work = archive.work_for(folder, tasks, html_out, when)  # (makes the pages' folders)
    except OSError as err:
        fail(f"{err.filename or html_out}: cannot make the report's folder ({err.strerror or err})")
    rows = []
    with progress(batch.run_tasks(tasks, jobs or os.cpu_count() or 1, work), len(tasks)) as results:
        for result in results:  # (nothing is printed until the bar is done)
            if isinstance(result, batch.Outcome):
                errors.append(result.error)
            else:
                rows.append(result)
    for message in errors:
        click.echo(f"error: {message}", err=True)
    if html_out is not None:
        try:
            archive.write_index(html_out, rows, errors, folder, when)
        except OSError as err:
            fail(f"{html_out}: cannot write index.html ({err.strerror or err})")
    fmt = fmt or ("text" if html_out is None else None)
    if fmt:
        tables = {"text": archive.table_text, "csv": archive.table_csv, "jsonl": archive.table_jsonl}
        click.echo(tables[fmt](rows), nl=False)
    return bool(errors)


# --- serve -----------------------------------------------------------------------------


@cli.command()
@click.option("--stdio", is_flag=True, help="Talk over standard input and output (the default).")
def serve(stdio: bool) -> None:
    """Run the language server on stdio (needs the lsp extra)."""
    try:
        from . import server
    except ModuleNotFoundError as err:
        if err.name == "lint.server":
            fail("the language server is not part of this installation (lint/server.py is missing)")
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
