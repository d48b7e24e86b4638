"""Rule packs: TOML files, one per family, that declare rules as data.

Every value is checked when a pack loads: the fields every rule has, the options its kind declares
(lint.registry.kinds) and the fields its message may use (those its findings supply). A mistake stops the
run with one line naming the file, the line, the rule and the field; none is left to fail when a
draft is linted.

A flag example marks each span its rule must report with [[ ]] ("[[Experts say]] the merger ..."), and as
a table may pin the findings' message and the fix's replacement; the tests compare them exactly. The
examples are linted and shown without the markers. copydesk's own packs mark every flag example (a
meta-test sees to it); a newsroom's pack may leave them unmarked, as copydesk runs no examples but its own.
"""
from __future__ import annotations

import functools
import re
import string
import sys
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Iterable, NamedTuple

from . import kinds
from ..config import KINDS as PIECE_KINDS, line_of
from ..model import SEVERITIES, Docs, Lexicon, Rule
from .selection import ENGINE_FAMILY

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

KINDS = tuple(kinds.OPTIONS)
SCOPES = tuple(kinds.SCOPE_KINDS)
CODE = re.compile(r"[A-Z]{3}\d{3}")
NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_RULES_TABLE = re.compile(r"^[ \t]*\[\[[ \t]*rules[ \t]*\]\]", re.M)
_REQUIRED = ("code", "name", "kind", "severity", "message", "help", "docs", "examples")
_COMMON = {*_REQUIRED, "scope", "reporter-voice", "relaxes", "in-quotes", "untestable"}
_DOCS = ("what", "why", "example", "instead")
# What an example table may hold: a flag example can also pin its findings' message and fix.
_EXAMPLE_KEYS = {"flag": ("text", "path", "kind", "message", "replacement"), "pass": ("text", "path", "kind")}
# A flag example writes each span it expects between [[ and ]], which news copy and Markdown never
# use; in a run of brackets the markers are the outer two ("[[[1]]]" marks "[1]").
_MARKER = re.compile(r"(?<!\[)\[\[|\]\](?!\])")
# The TOML keys of each kind's options: the fields of its options type, in kebab case.
_OPTION_KEYS = {kind: {f.name.replace("_", "-") for f in fields(t)} for kind, t in kinds.OPTIONS.items()}
_FORMATTER = string.Formatter()


class PackError(Exception):
    """A rule pack that cannot be loaded; the message names the file, the line, the rule and the field."""


@dataclass(frozen=True)
class Example:
    """A draft a rule must flag or pass, as linted and shown: its [[ ]] markers are removed, and the
    spans they marked are offsets into this text."""

    text: str
    path: str | None = None  # picks the format: "x.md" lints the example as Markdown
    kind: str = "news"
    spans: tuple[tuple[int, int], ...] = ()  # none marked (a user's pack may): only "does it fire" is tested
    message: str | None = None  # when given, the message of every finding of the rule in the example
    replacement: str | None = None  # when given, the replacement every finding's fix offers


def _unmark(written: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """An example's text without its [[ ]] markers, and the spans they marked in that text.
    A marker that is stray, nested, empty or never closed is a ValueError saying where it is written."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    opened: re.Match | None = None  # the [[ of the span being read
    start = 0  # where that span starts in the text
    last = length = 0  # where the written text after the last marker begins; the text's length so far
    for marker in _MARKER.finditer(written):
        parts.append(written[last:marker.start()])
        length += marker.start() - last
        last = marker.end()
        if marker.group() == "[[":
            if opened:
                raise ValueError(f"[[ at character {marker.start() + 1} opens inside the [[ "
                                 f"at character {opened.start() + 1}")
            opened, start = marker, length
        elif not opened:
            raise ValueError(f"]] at character {marker.start() + 1} closes no [[")
        elif start == length:
            raise ValueError(f"[[ at character {opened.start() + 1} marks nothing")
        else:
            spans.append((start, length))
            opened = None
    if opened:
        raise ValueError(f"[[ at character {opened.start() + 1} is never closed by ]]")
    return "".join(parts) + written[last:], tuple(spans)


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
    packs = [_Pack(file, own=file == own) for file in pack_files(paths)]
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


def _got(value: Any) -> str:
    """A wrong value as an error line shows it: its repr cut short, a table by name."""
    if isinstance(value, dict):
        return "a table"
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:56] + " ..."


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


class _Pack:
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
            raise self.error("words", f"expected a table of word lists, got {_got(table)}")
        for name, value in table.items():
            if not _strings(value):
                raise self.error(f"words.{name}", f"expected a list of strings, got {_got(value)}", written=name)
        return {name: tuple(value) for name, value in table.items()}

    def rules(self, words: dict[str, tuple[str, ...]]) -> list[Rule]:
        """The pack's rules; a rule naming a word list gets it from words (every pack's, merged)."""
        return [_Fields(self, index, entry, words).rule() for index, entry in enumerate(self.entries)]

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


class _Fields:
    """One [[rules]] table read into a Rule, each field's type checked as it is read."""

    def __init__(self, pack: _Pack, index: int, entry: Any, words: dict[str, tuple[str, ...]]):
        self.pack, self.index, self.entry, self.words = pack, index, entry, words
        code, name = (entry.get(k) if isinstance(entry, dict) else None for k in ("code", "name"))
        self.ident = code if isinstance(code, str) else name if isinstance(name, str) else f"#{index + 1}"

    def fail(self, field: str, problem: str, written: str | None = None) -> PackError:
        return self.pack.error(field, problem, self.index, self.ident, written)

    def rule(self) -> Rule:
        entry = self.entry
        if not isinstance(entry, dict):
            raise self.fail("", f"expected a table, got {_got(entry)}")
        missing = [k for k in _REQUIRED if k not in entry]
        if missing:
            raise self.fail(", ".join(missing), "missing")
        code = self.matching("code", CODE, "three capitals and three digits, like ATT001")
        name = self.matching("name", NAME, "kebab-case, like vague-source")
        kind = self.choice("kind", KINDS)
        if (kind == "engine" or code.startswith(ENGINE_FAMILY)) and not self.pack.own:
            raise self.fail("kind" if kind == "engine" else "code",
                            f"the engine's rules ({ENGINE_FAMILY}) are copydesk's own; "
                            "a pack's rules are existence, substitution or python rules with their own prefix")
        if kind == "engine" and name not in kinds.ENGINE_FIELDS:
            raise self.fail("name", "not a diagnostic the engine reports")
        self.known_keys(kind)
        options = self.kind_options(kind)
        flag, passing = self.examples()
        return Rule(
            code=code,
            name=name,
            kind=kind,
            severity=self.choice("severity", SEVERITIES),
            scope=self.choice("scope", SCOPES, "body"),
            message=self.message(("text", *kinds.message_fields(name, options))),
            help=self.string("help", entry["help"]),
            docs=self.docs(),
            flag_examples=flag,
            pass_examples=passing,
            pack=str(self.pack.file),
            kind_options=options,
            reporter_voice=self.flag("reporter-voice"),
            relaxes=self.flag("relaxes"),
            in_quotes=self.flag("in-quotes"),
            untestable=self.string("untestable", entry.get("untestable", "")),
        )

    # -- fields of every rule ----------------------------------------------------------

    def string(self, field: str, value: Any) -> str:
        if not isinstance(value, str):
            raise self.fail(field, f"expected a string, got {_got(value)}")
        return value

    def flag(self, field: str) -> bool:
        value = self.entry.get(field, False)
        if not isinstance(value, bool):
            raise self.fail(field, f"expected true or false, got {_got(value)}")
        return value

    def choice(self, field: str, choices: tuple[str, ...], default: str | None = None) -> str:
        value = self.entry.get(field, default)
        if value not in choices:
            raise self.fail(field, f"expected one of {', '.join(choices)}, got {_got(value)}")
        return value

    def matching(self, field: str, pattern: re.Pattern, what: str) -> str:
        value = self.entry[field]
        if not isinstance(value, str) or not pattern.fullmatch(value):
            raise self.fail(field, f"expected {what}, got {_got(value)}")
        return value

    def known_keys(self, kind: str) -> None:
        for key in self.entry:
            if key not in _COMMON and key not in _OPTION_KEYS[kind]:
                other = any(key in keys for keys in _OPTION_KEYS.values())
                raise self.fail(key, f"not an option of {kind} rules" if other else "unknown key")

    def message(self, supplied: tuple[str, ...]) -> str:
        """The template, whose every field is one the rule's findings supply, written plainly:
        formatting it can then never fail."""
        template = self.string("message", self.entry["message"])
        try:
            parts = list(_FORMATTER.parse(template))
        except ValueError as err:
            raise self.fail("message", f"broken template: {err}") from None
        for _, field, spec, conversion in parts:
            if field is None:
                continue
            written = "{" + field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            if field not in supplied:
                raise self.fail("message", f"{written} is not a field this rule supplies ({', '.join(supplied)})")
            if spec or conversion:
                raise self.fail("message", f"{written}: a field takes no conversion or format; write {{{field}}}")
        return template

    def docs(self) -> Docs:
        table = self.entry["docs"]
        if not isinstance(table, dict):
            raise self.fail("docs", f"expected a table of {', '.join(_DOCS)}, got {_got(table)}")
        for key in table:
            if key not in _DOCS:
                raise self.fail(f"docs.{key}", "unknown key")
        for key in _DOCS:
            if key not in table:
                raise self.fail(f"docs.{key}", "missing")
        return Docs(**{key: self.string(f"docs.{key}", table[key]) for key in _DOCS})

    def examples(self) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
        table = self.entry["examples"]
        if not isinstance(table, dict):
            raise self.fail("examples", f"expected a table of flag and pass lists, got {_got(table)}")
        for key in table:
            if key not in ("flag", "pass"):
                raise self.fail(f"examples.{key}", "unknown key")
        return self.example_list("flag", table.get("flag", [])), self.example_list("pass", table.get("pass", []))

    def example_list(self, key: str, value: Any) -> tuple[Example, ...]:
        if not isinstance(value, list):  # (a string would be read as one example a character)
            raise self.fail(f"examples.{key}", f"expected a list of examples, got {_got(value)}")
        return tuple(self.example(key, n, item) for n, item in enumerate(value, 1))

    def example(self, key: str, n: int, item: Any) -> Example:
        field, keys = f"examples.{key}", _EXAMPLE_KEYS[key]
        table = {"text": item} if isinstance(item, str) else item
        if not isinstance(table, dict) or not isinstance(table.get("text"), str):
            listed = ", ".join(keys[:-1]) + " and " + keys[-1]
            raise self.fail(field, f"example {n}: expected a string or a table of {listed}, got {_got(item)}")
        for name in table:
            if name not in keys:
                problem = f"only a flag example pins a {name}" if name in _EXAMPLE_KEYS["flag"] else "unknown key"
                raise self.fail(field, f"example {n}: {name}: {problem}")
        for name in ("path", "message", "replacement"):
            if not isinstance(table.get(name, ""), str):
                raise self.fail(field, f"example {n}: {name}: expected a string, got {_got(table[name])}")
        kind = table.get("kind", "news")
        if kind not in PIECE_KINDS:
            raise self.fail(field, f"example {n}: kind: expected one of {', '.join(PIECE_KINDS)}, got {_got(kind)}")
        try:
            text, spans = _unmark(table["text"])
        except ValueError as err:
            raise self.fail(field, f"example {n}: text: {err}") from None
        if spans and key == "pass":
            raise self.fail(field, f"example {n}: text: a pass example marks no span: remove its [[ ]]")
        return Example(text, table.get("path"), kind, spans, table.get("message"), table.get("replacement"))

    # -- the kind's options --------------------------------------------------------------

    def kind_options(self, kind: str) -> kinds.KindOptions:
        if kind == "existence":
            phrases = self.phrases("phrases", required=True)
            if not phrases:
                raise self.fail("phrases", "the list is empty: give it the phrases the rule flags")
            return kinds.ExistenceOptions(phrases, self.phrases("exceptions"), self.unless_next())
        if kind == "substitution":
            return kinds.SubstitutionOptions(self.substitutions(), self.flag("safe"), self.phrases("exceptions"),
                                             self.unless_next())
        if kind == "python":
            return kinds.PythonOptions(self.check())
        return kinds.EngineOptions()

    def phrases(self, field: str, required: bool = False) -> tuple[str, ...]:
        """A list of phrases, or the name of a word list in the pack's [words] table."""
        if field not in self.entry:
            if required:
                raise self.fail(field, "missing")
            return ()
        value = self.entry[field]
        if isinstance(value, str):
            if value not in self.words:
                raise self.fail(field, f"no word list {value!r} in the packs' [words] tables")
            return self.words[value]
        if not _strings(value):
            raise self.fail(field, f"expected a list of strings or the name of a word list, got {_got(value)}")
        return tuple(value)

    def unless_next(self) -> frozenset[str]:
        return frozenset(word.lower() for word in self.phrases("unless-next"))

    def substitutions(self) -> tuple[tuple[str, str], ...]:
        table = self.entry.get("substitutions")
        if table is None:
            raise self.fail("substitutions", "missing")
        if not isinstance(table, dict):
            raise self.fail("substitutions", f"expected a table of phrase = replacement, got {_got(table)}")
        if not table:
            raise self.fail("substitutions", "the table is empty: give it a phrase = replacement")
        for phrase, replacement in table.items():
            if not isinstance(replacement, str):
                raise self.fail(f"substitutions.{phrase}", f"expected a string, got {_got(replacement)}",
                                written=phrase)
        return tuple((phrase.lower(), replacement) for phrase, replacement in table.items())

    def check(self) -> str:
        name = self.entry.get("check")
        if name is None:
            raise self.fail("check", "missing")
        if not isinstance(name, str):
            raise self.fail("check", f'expected "module.function" naming a check in lint/checks/, got {_got(name)}')
        if name not in kinds.CHECK_FIELDS:
            raise self.fail("check", f"no check {name!r} in lint/checks/ (lint/checks/__init__.py lists them)")
        return name


@functools.lru_cache(maxsize=8)
def load_rule_set(extra_packs: tuple[Path, ...] = ()) -> RuleSet:
    """The built-in packs plus a config's own, loaded once per set of packs."""
    return read_packs([builtin_pack_dir(), *extra_packs])


def load_rules(extra_packs: tuple[Path, ...] = ()) -> tuple[Rule, ...]:
    return load_rule_set(extra_packs).rules
