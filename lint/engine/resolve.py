"""Which configuration applies to a draft, and its Linter: one resolver for the command line, the
batch runner and the language server.

A draft's config is the one given for every draft (--config), the defaults (--no-config), or the
nearest config file above the draft's folder (each folder looked up once, each file loaded once);
options from the command line or the editor's settings go on top (Overrides).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from ..config import Config, ConfigError, discover, line_of_value, load_config
from ..model import Rule
from ..registry.packs import load_rules
from ..registry.selection import UnknownRule, specificity


@dataclass(frozen=True)
class Overrides:
    """Options that sit on top of every draft's config.

    select replaces the config's whole selection (its select, extend-select and ignore), as a
    later layer does in ruff; extend_select and ignore add to it.
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
    """A bad option value found after parsing (an unknown rule in --select)."""


class Resolver:
    """The config of each draft, and the checks that make a bad one an error before any draft is
    read: an unknown rule in the config (ConfigError, with file and line), in an option
    (UsageError), or a broken rule pack (PackError)."""

    def __init__(self, overrides: Overrides = Overrides(), config_file: Path | None = None,
                 isolated: bool = False):
        self.overrides = overrides
        self.fixed: Config | None = None
        if config_file is not None:
            self.fixed = load_config(config_file) or Config(path=config_file, root=config_file.parent)
        elif isolated:
            self.fixed = Config()
        self._by_file: dict[Path | None, Config] = {}
        self._by_dir: dict[Path, Path | None] = {}
        self._applied: dict[int, tuple[Config, Config]] = {}  # id(base) -> (base, with overrides)
        self._checked: set[Config] = set()

    def base(self, path: Path) -> Config:
        """The draft's config before the overrides."""
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
        """The draft's config with the overrides on top, its rule ids checked."""
        base = self.base(path)
        if id(base) not in self._applied:  # one config serves a folder of drafts: apply once
            self._applied[id(base)] = (base, self.overrides.apply(base))
        config = self._applied[id(base)][1]
        if config not in self._checked:
            rules = load_rules(config.rule_packs)
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
            line = line_of_value(config.path, selector) if config.path else None
            if line:
                where += f":{line}"
            raise ConfigError(f"{where}: {key}: unknown rule or prefix {selector!r}") from None


@functools.lru_cache(maxsize=32)
def linter_for(config: Config):
    """One Linter per distinct config, in each process (forked workers inherit the parent's)."""
    from .linter import Linter  # (the rules and rule commands resolve configs without the engine)

    return Linter(config)


def all_rules(configs: Iterable[Config]) -> dict[str, Rule]:
    """Every rule of a run by code, for the formats that describe rules (sarif, lsp)."""
    out: dict[str, Rule] = {}
    for config in configs:
        for rule in load_rules(config.rule_packs):
            out.setdefault(rule.code, rule)
    return out
