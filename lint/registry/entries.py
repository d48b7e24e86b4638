"""One [[rules]] table of a rule pack read into a Rule, each field's type checked as it is read.

A flag example marks each span its rule must report with [[ ]] ("[[Experts say]] the merger ..."), and as
a table may pin the findings' message and the fix's replacement; the tests compare them exactly. The
examples are linted and shown without the markers. copydesk's own packs mark every flag example (a
meta-test sees to it); a newsroom's pack may leave them unmarked, as copydesk runs no examples but its own.
"""
from __future__ import annotations

import re
import string
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from . import kinds
from ..config import KINDS as PIECE_KINDS
from ..model import SEVERITIES, Docs, Rule
from .selection import ENGINE_FAMILY

if TYPE_CHECKING:  # pragma: no cover
    from .packs import Pack

KINDS = tuple(kinds.OPTIONS)
SCOPES = tuple(kinds.SCOPE_KINDS)
CODE = re.compile(r"[A-Z]{3}\d{3}")
NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
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


def got(value: Any) -> str:
    """A wrong value as an error line shows it: its repr cut short, a table by name."""
    if isinstance(value, dict):
        return "a table"
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:56] + " ..."


def strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


class RuleEntry:
    """One [[rules]] table read into a Rule, each field's type checked as it is read."""

    def __init__(self, pack: Pack, index: int, entry: Any, words: dict[str, tuple[str, ...]]):
        self.pack, self.index, self.entry, self.words = pack, index, entry, words
        code, name = (entry.get(k) if isinstance(entry, dict) else None for k in ("code", "name"))
        self.ident = code if isinstance(code, str) else name if isinstance(name, str) else f"#{index + 1}"

    def fail(self, field: str, problem: str, written: str | None = None) -> PackError:
        return self.pack.error(field, problem, self.index, self.ident, written)

    def rule(self) -> Rule:
        entry = self.entry
        if not isinstance(entry, dict):
            raise self.fail("", f"expected a table, got {got(entry)}")
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
            raise self.fail(field, f"expected a string, got {got(value)}")
        return value

    def flag(self, field: str) -> bool:
        value = self.entry.get(field, False)
        if not isinstance(value, bool):
            raise self.fail(field, f"expected true or false, got {got(value)}")
        return value

    def choice(self, field: str, choices: tuple[str, ...], default: str | None = None) -> str:
        value = self.entry.get(field, default)
        if value not in choices:
            raise self.fail(field, f"expected one of {', '.join(choices)}, got {got(value)}")
        return value

    def matching(self, field: str, pattern: re.Pattern, what: str) -> str:
        value = self.entry[field]
        if not isinstance(value, str) or not pattern.fullmatch(value):
            raise self.fail(field, f"expected {what}, got {got(value)}")
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
            raise self.fail("docs", f"expected a table of {', '.join(_DOCS)}, got {got(table)}")
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
            raise self.fail("examples", f"expected a table of flag and pass lists, got {got(table)}")
        for key in table:
            if key not in ("flag", "pass"):
                raise self.fail(f"examples.{key}", "unknown key")
        return self.example_list("flag", table.get("flag", [])), self.example_list("pass", table.get("pass", []))

    def example_list(self, key: str, value: Any) -> tuple[Example, ...]:
        if not isinstance(value, list):  # (a string would be read as one example a character)
            raise self.fail(f"examples.{key}", f"expected a list of examples, got {got(value)}")
        return tuple(self.example(key, n, item) for n, item in enumerate(value, 1))

    def example(self, key: str, n: int, item: Any) -> Example:
        field, keys = f"examples.{key}", _EXAMPLE_KEYS[key]
        table = {"text": item} if isinstance(item, str) else item
        if not isinstance(table, dict) or not isinstance(table.get("text"), str):
            listed = ", ".join(keys[:-1]) + " and " + keys[-1]
            raise self.fail(field, f"example {n}: expected a string or a table of {listed}, got {got(item)}")
        for name in table:
            if name not in keys:
                problem = f"only a flag example pins a {name}" if name in _EXAMPLE_KEYS["flag"] else "unknown key"
                raise self.fail(field, f"example {n}: {name}: {problem}")
        for name in ("path", "message", "replacement"):
            if not isinstance(table.get(name, ""), str):
                raise self.fail(field, f"example {n}: {name}: expected a string, got {got(table[name])}")
        kind = table.get("kind", "news")
        if kind not in PIECE_KINDS:
            raise self.fail(field, f"example {n}: kind: expected one of {', '.join(PIECE_KINDS)}, got {got(kind)}")
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
        if not strings(value):
            raise self.fail(field, f"expected a list of strings or the name of a word list, got {got(value)}")
        return tuple(value)

    def unless_next(self) -> frozenset[str]:
        return frozenset(word.lower() for word in self.phrases("unless-next"))

    def substitutions(self) -> tuple[tuple[str, str], ...]:
        table = self.entry.get("substitutions")
        if table is None:
            raise self.fail("substitutions", "missing")
        if not isinstance(table, dict):
            raise self.fail("substitutions", f"expected a table of phrase = replacement, got {got(table)}")
        if not table:
            raise self.fail("substitutions", "the table is empty: give it a phrase = replacement")
        for phrase, replacement in table.items():
            if not isinstance(replacement, str):
                raise self.fail(f"substitutions.{phrase}", f"expected a string, got {got(replacement)}",
                                written=phrase)
        return tuple((phrase.lower(), replacement) for phrase, replacement in table.items())

    def check(self) -> str:
        name = self.entry.get("check")
        if name is None:
            raise self.fail("check", "missing")
        if not isinstance(name, str):
            raise self.fail("check", f'expected "module.function" naming a check in lint/checks/, got {got(name)}')
        if name not in kinds.CHECK_FIELDS:
            raise self.fail("check", f"no check {name!r} in lint/checks/ (lint/checks/__init__.py lists them)")
        return name
