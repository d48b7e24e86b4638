"""Rule packs: TOML files, one per family, that declare rules as data.

Every value is checked when a pack loads: the fields every rule has, the options its kind declares
(lint.registry.kinds) and the fields its message may use (those its findings supply). A mistake stops the
run with one line naming the file, the line, the rule and the field; none is left to fail when a
draft is linted.
"""
from __future__ import annotations

import functools
import re
import sys
from pathlib import Path
from typing import Any, Iterable, NamedTuple

from ..config import line_of
from ..model import Lexicon, Rule
from .entries import Example, PackError, RuleEntry, got, strings

__all__ = ["Example", "PackError", "RuleSet", "builtin_pack_dir", "load_packs", "load_rule_set", "load_rules",
           "read_packs"]

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_RULES_TABLE = re.compile(r"^[ \t]*\[\[[ \t]*rules[ \t]*\]\]", re.M)


def builtin_pack_dir() -> Path:
    """The built-in packs: lint/rules/ in an installed wheel, rules/ beside lint/ in a checkout."""
    package = Path(__file__).resolve().parents[1]  # lint/
    installed = package / "rules"
    return installed if installed.is_dir() else package.parent / "rules"


def pack_files(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(path.glob("*.toml"))
            if not found:
                raise PackError(f"{path}: no rule packs (*.toml files) in this folder")
            out += found
        elif path.exists():
            out.append(path)
        else:
            raise PackError(f"{path}: no such rule pack file or folder")
    return out


class RuleSet(NamedTuple):
    rules: tuple[Rule, ...]
    lexicon: Lexicon


def read_packs(paths: Iterable[Path]) -> RuleSet:
    """The rules of every pack, and their word lists merged: a list named in several packs holds
    the words of all of them, so a newsroom's pack extends a built-in list (and a rule naming it)."""
    # Engine rules, and the CPD family, are copydesk's own: only its built-in cpd.toml declares them.
    own = builtin_pack_dir() / "cpd.toml"
    packs = [Pack(file, own=file == own) for file in pack_files(paths)]
    merged: dict[str, tuple[str, ...]] = {}
    for pack in packs:
        for name, words in pack.words.items():
            merged[name] = merged.get(name, ()) + tuple(w for w in words if w not in merged.get(name, ()))
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for pack in packs:
        for index, rule in enumerate(pack.rules(merged)):
            for field, key in (("code", rule.code), ("name", rule.name)):
                if key in seen:
                    raise pack.error(field, f"{key} is already defined in {seen[key]}", index, rule.code)
                seen[key] = str(pack.file)
            rules.append(rule)
    return RuleSet(tuple(rules), Lexicon(merged))


def load_packs(paths: Iterable[Path]) -> list[Rule]:
    return list(read_packs(paths).rules)


class Pack:
    """One pack file: its rules, its [words] lists, and its text, to point an error at a line."""

    def __init__(self, file: Path, own: bool = False):
        self.file, self.own = file, own
        self.text = _read(file)
        try:
            data = tomllib.loads(self.text)
        except tomllib.TOMLDecodeError as err:
            raise PackError(f"{file}: invalid TOML: {err}") from None
        self.entries = data.get("rules")
        for key in data:
            if key not in ("rules", "words"):
                raise self.error(key, "unknown key (a pack holds [[rules]] tables and a [words] table)")
        if "words" in data and self.entries is None:
            self.entries = []  # a pack of word lists only: a newsroom's additions to the built-in ones
        if not isinstance(self.entries, list) or not self.entries and "words" not in data:
            raise self.error("rules", "a rule pack needs at least one [[rules]] table or a [words] table")
        self.words = self._words(data.get("words", {}))

    def _words(self, table: Any) -> dict[str, tuple[str, ...]]:
        if not isinstance(table, dict):
            raise self.error("words", f"expected a table of word lists, got {got(table)}")
        for name, value in table.items():
            if not strings(value):
                raise self.error(f"words.{name}", f"expected a list of strings, got {got(value)}", written=name)
        return {name: tuple(value) for name, value in table.items()}

    def rules(self, words: dict[str, tuple[str, ...]]) -> list[Rule]:
        """The pack's rules; a rule naming a word list gets it from words (every pack's, merged)."""
        return [RuleEntry(self, index, entry, words).rule() for index, entry in enumerate(self.entries)]

    def error(self, field: str, problem: str, index: int | None = None, ident: str | None = None,
              written: str | None = None) -> PackError:
        """One line: the file and line, the rule (of the index-th [[rules]] table), the field
        (none for a problem with a whole table) and the problem."""
        parts = [self._where(field, index, written), f"rule {ident}" if ident else "", field, problem]
        return PackError(": ".join(part for part in parts if part))

    def _where(self, field: str, index: int | None, written: str | None) -> str:
        """file:line where the field is written (its last part, or as `written`), else where the
        table holding it opens, else where its rule's table does; the file alone if none is found."""
        span = self._span(index)
        if index is not None and span is None:
            return str(self.file)  # rules written inline: no line is known to be theirs
        start, end = span or (0, len(self.text))
        for key in [written or field.rsplit(".", 1)[-1], field.split(".", 1)[0]] if field else []:
            line = line_of(self.text, key, "rules.", start, end)
            if line:
                return f"{self.file}:{line}"
        if span is None:
            return str(self.file)
        line = self.text.count("\n", 0, start) + 1
        return f"{self.file}:{line}"

    def _span(self, index: int | None) -> tuple[int, int] | None:
        """Where the index-th [[rules]] table begins and ends, when each rule is written as one."""
        starts = [m.start() for m in _RULES_TABLE.finditer(self.text)]
        if index is None or not isinstance(self.entries, list) or len(starts) != len(self.entries):
            return None
        return starts[index], [*starts, len(self.text)][index + 1]


def _read(file: Path) -> str:
    try:
        raw = file.read_bytes()
    except OSError as err:
        raise PackError(f"{file}: cannot read rule pack: {err.strerror or err}") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise PackError(f"{file}:{line}: rule pack is not valid UTF-8") from None


@functools.lru_cache(maxsize=8)
def load_rule_set(extra_packs: tuple[Path, ...] = ()) -> RuleSet:
    """The built-in packs plus a config's own, loaded once per set of packs."""
    return read_packs([builtin_pack_dir(), *extra_packs])


def load_rules(extra_packs: tuple[Path, ...] = ()) -> tuple[Rule, ...]:
    return load_rule_set(extra_packs).rules
