"""`copydesk rules` and `copydesk rule ID`: the rule set for people, read from the packs alone
(no engine, no nltk); and `rule ID --sample FOLDER`, what a rule would flag in published copy."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..model import Rule
from ..registry.ruledocs import TABLE_FORMATS
from .terminal import EXIT_ERROR, EXIT_OK, fail, gather, use_color


def load_rule_set(config_file: Path | None, no_config: bool):
    """Built-in rules plus the packs of the config that applies here (given, or discovered from the
    working folder); packs only, no engine."""
    from ..config import ConfigError
    from ..engine.resolve import Resolver
    from ..registry.packs import PackError, load_rules

    try:
        return load_rules(Resolver(config_file=config_file, isolated=no_config).base(Path.cwd() / "-").rule_packs)
    except (ConfigError, PackError) as err:
        fail(str(err))


@click.command("rules")
@click.option("--format", "fmt", type=click.Choice(TABLE_FORMATS), default="text",
              show_default=True, help="Table format.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Include the rule packs of this config.")
@click.option("--no-config", is_flag=True, help="Built-in rules only.")
def rules_command(fmt: str, config_file: Path | None, no_config: bool) -> None:
    """List every rule: code, name, default severity, kind and a one-line help."""
    from ..registry.ruledocs import rules_table

    click.echo(rules_table(load_rule_set(config_file, no_config), fmt), nl=False)


@click.command("rule")
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
    from ..registry.ruledocs import find_rule, rule_doc

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
    from ..config import ConfigError
    from ..engine.resolve import Overrides, Resolver, UsageError
    from ..registry.packs import PackError
    from ..report import sample

    try:
        tasks, errors = batch.collect((path,), Resolver(Overrides(select=(rule.code,)), config_file, no_config))
    except (ConfigError, PackError, UsageError) as err:
        fail(str(err))
    drafts = gather(tasks, sample.work_for(rule), jobs, errors)
    seed = random.SystemRandom().randrange(10**6) if seed is None else seed
    bold = (lambda text: click.style(text, bold=True)) if use_color(sys.stdout) else str
    click.echo(sample.render(rule, path, drafts, count, seed, bold), nl=False)
    sys.exit(EXIT_ERROR if errors else EXIT_OK)
