"""`copydesk report`: the scorecard of a draft (text, json, its HTML page), or for a folder the
table of its drafts (text, csv, jsonl) and the archive of pages with its index."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..config import KINDS
from .terminal import EXIT_ERROR, EXIT_OK, fail, gather

if TYPE_CHECKING:  # pragma: no cover
    from datetime import datetime

    from ..engine.resolve import Resolver


@click.command()
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
    from ..config import ConfigError
    from ..engine.resolve import Overrides, Resolver
    from ..registry.packs import PackError
    from ..report.html import build_date

    if open_page and html_out is None:
        fail("--open needs --html OUT")
    try:
        when = build_date() if html_out else None
        configs = Resolver(Overrides(kind=kind), config_file, no_config)
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


def report_draft(path: str, configs: Resolver, fmt: str | None, html_out: Path | None, when: datetime | None
                 ) -> None:
    """One draft's scorecard (text, json), its row (csv, jsonl) and/or its page."""
    from ..config import ConfigError
    from ..engine.resolve import UsageError, linter_for
    from ..registry.packs import PackError
    from ..report import archive
    from ..report.draft import report_of
    from ..report.html import page
    from ..report.scorecard import render_text
    from ..text.source import InputError, read_draft

    try:
        config = configs.for_path(Path(path))
        text = read_draft(Path(path)).text
    except (ConfigError, PackError, UsageError, InputError) as err:
        fail(str(err))
    drawn = report_of(linter_for(config), text, path)
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


def report_folder(folder: str, configs: Resolver, fmt: str | None, html_out: Path | None, when: datetime | None,
                  jobs: int) -> bool:
    """A page per draft and an index (--html), and/or the table of the drafts as text, csv or jsonl;
    True when a draft could not be read or its page written."""
    from . import batch
    from ..config import ConfigError
    from ..engine.resolve import UsageError
    from ..registry.packs import PackError
    from ..report import archive

    if fmt == "json":
        fail("a folder's table comes as --format text, csv or jsonl")
    try:
        tasks, errors = batch.collect((folder,), configs)
    except (ConfigError, PackError, UsageError) as err:
        fail(str(err))
    try:
        work = archive.work_for(folder, tasks, html_out, when)  # (makes the pages' folders)
    except OSError as err:
        fail(f"{err.filename or html_out}: cannot make the report's folder ({err.strerror or err})")
    rows = gather(tasks, work, jobs, errors)
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
