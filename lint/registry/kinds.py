"""The rule kinds a pack can declare: each a frozen options type, which lint.registry.packs fills and checks
when the pack loads, and a function from a document to findings.

Loading a pack imports this module, so the segmenter and the phrase matcher are imported only
when a rule first runs: `copydesk rules` never pays for them.
"""
from __future__ import annotations

import functools
import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterator, Union

from ..checks import FIELDS as CHECK_FIELDS
from ..language.document import SCOPE_KINDS
from ..model import Finding, Fix, Rule

if TYPE_CHECKING:  # pragma: no cover
    from ..language.phrases import PhraseMatcher
    from ..language.document import Document, Paragraph

Check = Callable[["Document", Rule, "Context"], Iterator[Finding]]  # noqa: F821 (engine.Context)

@dataclass(frozen=True)
class ExistenceOptions:
    """Flags every phrase of a list."""

    phrases: tuple[str, ...]
    exceptions: tuple[str, ...] = ()  # longer phrases around a match that clear it
    unless_next: frozenset[str] = frozenset()  # a match followed by one of these words is none


@dataclass(frozen=True)
class SubstitutionOptions:
    """Flags every phrase of a table and offers its replacement as the fix."""

    substitutions: tuple[tuple[str, str], ...]  # (lower-case phrase, replacement)
    safe: bool = False  # whether --fix applies the replacement
    exceptions: tuple[str, ...] = ()
    unless_next: frozenset[str] = frozenset()

    @property
    def phrases(self) -> tuple[str, ...]:
        return tuple(phrase for phrase, _ in self.substitutions)


@dataclass(frozen=True)
class PythonOptions:
    """Runs a check written in Python."""

    check: str  # "module.function" in lint/checks/, a key of lint.checks.FIELDS


@dataclass(frozen=True)
class EngineOptions:
    """One of copydesk's own diagnostics (CPD), reported by the engine; only the built-in pack
    declares them."""


KindOptions = Union[ExistenceOptions, SubstitutionOptions, PythonOptions, EngineOptions]
OPTIONS: dict[str, type] = {
    "existence": ExistenceOptions,
    "substitution": SubstitutionOptions,
    "python": PythonOptions,
    "engine": EngineOptions,
}
# The engine's own rules (rules/cpd.toml), named here once, and what their findings supply to
# their messages.
INTERNAL_ERROR = "internal-error"
UNKNOWN_SUPPRESSION = "unknown-suppression"
UNUSED_SUPPRESSION = "unused-suppression"
BLANKET_SUPPRESSION = "blanket-suppression"
ENGINE_FIELDS: dict[str, tuple[str, ...]] = {
    INTERNAL_ERROR: ("rule", "detail"),
    UNKNOWN_SUPPRESSION: ("rule",),
    UNUSED_SUPPRESSION: ("rule",),
    BLANKET_SUPPRESSION: ("rule",),
}


def message_fields(name: str, options: KindOptions) -> tuple[str, ...]:
    """The fields a rule's findings supply to its message besides {text}, as declared by what
    makes them: a substitution its replacement, a check in lint.checks.FIELDS, the engine above."""
    if isinstance(options, PythonOptions):
        return CHECK_FIELDS[options.check]
    if isinstance(options, EngineOptions):
        return ENGINE_FIELDS[name]
    return ("replacement",) if isinstance(options, SubstitutionOptions) else ()


def in_scope(rule: Rule, paragraph: Paragraph) -> bool:
    return paragraph.kind in SCOPE_KINDS[rule.scope]


@functools.lru_cache(maxsize=None)
def _matchers(rule: Rule) -> tuple[PhraseMatcher, PhraseMatcher]:
    # Rules are frozen and hashable, so each rule's matchers are compiled once per process.
    from ..language.phrases import PhraseMatcher

    options = rule.kind_options
    return PhraseMatcher(options.phrases), PhraseMatcher(options.exceptions)


def phrase_hits(doc: Document, rule: Rule) -> Iterator[tuple[int, int]]:
    """Offsets of each phrase of the rule in scope, minus those inside an exception phrase."""
    matcher, exceptions = _matchers(rule)
    unless_next = rule.kind_options.unless_next
    for sentence, hits in matcher.search(doc.analyses.in_scope(rule.scope)):
        norms = sentence.norms
        excluded = exceptions.find(sentence) if exceptions else []
        for a, b in hits:
            if b < len(norms) and norms[b] in unless_next:
                continue  # "claims of fraud": the word is a noun here, not the verb the rule means
            if not any(x <= a and b <= y for x, y in excluded):
                yield sentence.start_of(a), sentence.end_of(b - 1)


def existence(doc: Document, rule: Rule, ctx) -> Iterator[Finding]:
    for start, end in phrase_hits(doc, rule):
        yield Finding(start, end)


def match_case(word: str, replacement: str) -> str:
    if word.isupper() and len(word) > 1:
        return replacement.upper()
    if word[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def substitution(doc: Document, rule: Rule, ctx) -> Iterator[Finding]:
    options = rule.kind_options
    table = dict(options.substitutions)
    for start, end in phrase_hits(doc, rule):
        words = doc.view[start:end]
        key = " ".join(w.lower() for w in words.split())
        replacement = table.get(key)
        if replacement is None:
            continue
        yield Finding(start, end, {"replacement": replacement}, Fix(match_case(words, replacement), options.safe))


def python_check(name: str) -> Check:
    """The function a python rule names; the pack's loader checked the name against CHECK_FIELDS."""
    module, _, function = name.rpartition(".")
    return getattr(importlib.import_module(f"lint.checks.{module}"), function)


def runner(rule: Rule) -> Check:
    options = rule.kind_options
    if isinstance(options, PythonOptions):
        return python_check(options.check)
    return {"existence": existence, "substitution": substitution}[rule.kind]
