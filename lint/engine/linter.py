"""The engine: runs the selected rules on a document and owns what every rule shares —
scope, quotes, reporter voice, opinion relaxation, suppression, severity and ordering."""
from __future__ import annotations

import functools
import re
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, MutableMapping

from ..config import Config
from ..registry.kinds import INTERNAL_ERROR, UNUSED_SUPPRESSION, in_scope, runner
from ..text.adapters import adapt
from ..model import Diagnostic, Finding, Rule
from ..registry.packs import load_rule_set
from ..language.document import Document
from ..language.segment import segment
from ..registry.selection import UnknownRule, check_selectors, matches_glob, select, specificity
from . import suppress


@dataclass(frozen=True)
class Context:
    """What a check may read besides the document: the run's configuration and settings."""

    config: Config

    def setting(self, name: str):
        return self.config.setting(name)


class Findings:
    """The findings of one document as columns: a 50 MB draft has 180,000 of them, mostly bare
    word spans, and a (rule, severity, Finding, message) tuple each took 200 bytes with its two ints.
    Iterating gives the (rule, severity, Finding, message) tuples back; message is None where the
    rule's message needs only the flagged words (made later, when it cannot fail)."""

    def __init__(self) -> None:
        self.rules: list[Rule] = []
        self.severities: list[str] = []
        self.starts, self.ends = array("q"), array("q")
        self.extras: list[tuple | None] = []  # (args, fix, message); None for most

    def append(self, item: tuple[Rule, str, Finding, str | None]) -> None:
        rule, severity, (start, end, args, fix), message = item
        self.rules.append(rule)
        self.severities.append(severity)
        self.starts.append(start)
        self.ends.append(end)
        self.extras.append(None if args is None and fix is None and message is None else (args, fix, message))

    def __iter__(self) -> Iterator[tuple[Rule, str, Finding, str | None]]:
        for rule, severity, start, end, extra in zip(self.rules, self.severities, self.starts, self.ends,
                                                       self.extras):
            if extra is None:
                yield rule, severity, Finding(start, end), None
            else:
                yield rule, severity, Finding(start, end, extra[0], extra[1]), extra[2]


class Linter:
    """Lints drafts under one configuration."""

    def __init__(self, config: Config | None = None):
        self.config = config or Config()
        self.rules, self.lexicon = load_rule_set(self.config.rule_packs)
        self.by_code = {r.code: r for r in self.rules}
        self.by_name = {r.name: r for r in self.rules}
        cfg = self.config
        check_selectors(  # an unknown rule is an error now, before any file is read
            [*cfg.select, *cfg.extend_select, *cfg.ignore, *(s for _, group in cfg.per_file_ignores for s in group),
             *(s for s, _ in cfg.severity)],
            self.rules,
        )

    def lookup(self, word: str) -> list[Rule]:
        try:
            return specificity(word, self.rules)[1]
        except UnknownRule:
            return []

    def enabled(self, path: str) -> dict[str, str]:
        cfg = self.config
        relative = _relative(path, cfg.root)
        ignores = list(cfg.ignore)
        for pattern, selectors in cfg.per_file_ignores:
            if matches_glob(relative, pattern):
                ignores += selectors
        return select(self.rules, cfg.select, cfg.extend_select, ignores, cfg.severity)

    def document(self, text: str, path: str, memo: MutableMapping | None = None) -> Document:
        return segment(adapt(text, path), text, path, self.lexicon, self.config.kind, memo)

    def check_text(self, text: str, path: str = "-", *, memo: MutableMapping | None = None) -> list[Diagnostic]:
        """Diagnostics for one draft. memo, a mapping kept by the caller between versions of
        one document (the language server's), lets unchanged paragraphs skip segmentation."""
        return self.check_document(self.document(text, path, memo), release=True)

    def check_document(self, doc: Document, *, release: bool = False) -> list[Diagnostic]:
        """Diagnostics for a document already segmented (the scorecard reads it too). With release,
        the document's sentences and analyses are dropped once the rules have run, before the
        diagnostics are built: a large draft then never holds both at once."""
        enabled = self.enabled(doc.path)
        found = Findings()
        for rule in self.rules:
            if rule.code not in enabled or rule.kind == "engine":
                continue
            try:  # the message too is made in here: nothing one rule does can drop the others' results
                for finding in self.run_rule(doc, rule):
                    severity = self.relaxed(doc, rule, finding, enabled[rule.code])
                    if severity != "off":
                        deferred = finding.args is None and _words_only(rule)
                        message = None if deferred else self.message(doc, rule, finding)
                        found.append((rule, severity, finding, message))
            except Exception as err:
                found.append(self.internal_error(doc, rule, err))
        found = self.suppressed(doc, found, enabled)
        if release:
            doc.release()
        diagnostics = {self.diagnostic(doc, *item) for item in found}
        return sorted(diagnostics, key=Diagnostic.sort_key)

    def run_rule(self, doc: Document, rule: Rule) -> Iterable[Finding]:
        ctx = Context(self.config)
        for finding in runner(rule)(doc, rule, ctx):
            if rule.scope == "document":
                yield finding
                continue
            paragraph = doc.paragraph_at(finding.start)
            if paragraph is None or not in_scope(rule, paragraph):
                continue
            if not rule.in_quotes and doc.in_quote(finding.start, finding.end):
                continue
            if rule.reporter_voice and doc.analyses.attribution.owner(finding.start) is not None:
                continue
            yield finding

    def relaxed(self, doc: Document, rule: Rule, finding: Finding, severity: str) -> str:
        """Opinion rules relax in analysis and opinion pieces and under opinion headings."""
        if not rule.relaxes:
            return severity
        paragraph = doc.paragraph_at(finding.start)
        heading = paragraph.heading.lower().strip(" :.") if paragraph else ""
        if doc.kind != "news" or heading in self.config.opinion_headings:
            return self.config.setting("opinion.relaxed-severity")
        return severity

    def internal_error(self, doc: Document, rule: Rule, err: Exception) -> tuple[Rule, str, Finding, str]:
        import traceback  # (a broken rule is rare: a plain check does not pay for importing it)

        where = traceback.extract_tb(err.__traceback__)[-1]
        detail = f"{type(err).__name__}: {err} ({Path(where.filename).name}:{where.lineno})"
        engine_rule = self.by_name[INTERNAL_ERROR]
        finding = Finding(0, 0, {"rule": rule.code, "detail": detail})
        return engine_rule, engine_rule.severity, finding, self.message(doc, engine_rule, finding)

    def suppressed(self, doc: Document, found: Findings, enabled: dict[str, str]) -> Findings:
        if not doc.comments:
            return found
        suppressions, problems = suppress.parse(doc, self.lookup)
        items = list(found)
        hits = suppress.covering(suppressions, [(rule.code, finding.start) for rule, _, finding, _ in items])
        used = {hit for hit in hits if hit is not None}
        kept = Findings()
        for (rule, sev, finding, message), hit in zip(items, hits):
            if hit is None or rule.name == INTERNAL_ERROR:
                kept.append((rule, sev, finding, message))
        for p in problems:
            rule, finding = self.by_name[p.name], Finding(p.start, p.end, {"rule": p.detail})
            kept.append((rule, enabled.get(rule.code, "off"), finding, self.message(doc, rule, finding)))
        unused = self.by_name[UNUSED_SUPPRESSION]
        for i, s in enumerate(suppressions):
            if i not in used and s.rule.code in enabled:
                finding = Finding(*s.comment, {"rule": s.word})
                kept.append((unused, enabled.get(unused.code, "off"), finding, self.message(doc, unused, finding)))
        out = Findings()
        for item in kept:
            if item[1] != "off":
                out.append(item)
        return out

    def message(self, doc: Document, rule: Rule, f: Finding) -> str:
        """The rule's message for a finding; its pack was checked to use only the fields supplied."""
        return rule.message.format(text=" ".join(doc.text[f.start:f.end].split()), **(f.args or {}))

    def diagnostic(self, doc: Document, rule: Rule, severity: str, f: Finding, message: str | None) -> Diagnostic:
        if message is None:
            message = self.message(doc, rule, f)
        line, col = doc.lines.position(f.start)
        end_line, end_col = doc.lines.position(f.end)
        return Diagnostic(doc.path, line, col, end_line, end_col, rule.code, rule.name,
                          severity, message, doc.text[f.start:f.end], f.fix, f.start, f.end)


@functools.lru_cache(maxsize=None)
def _words_only(rule: Rule) -> bool:
    """True when the rule's message names no field but {text}: it is made after the rules have run,
    from the document's text, and cannot fail (its pack was checked when it loaded)."""
    return set(re.findall(r"{(\w+)", rule.message)) <= {"text"}


def _relative(path: str, root: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(root.resolve()))
    except ValueError:
        return path


def preload() -> None:
    """Build now the read-only data every lint needs (the syllable table, hyphenation patterns),
    so that worker processes forked afterwards share it instead of each building it."""
    from ..language import hyphenation, syllables

    syllables.count_syllables("copydesk")
    hyphenation.break_points("copydesk")


def check_text(text: str, path: str | None = None, config: Config | None = None) -> list[Diagnostic]:
    return Linter(config).check_text(text, path or "-")


def relations(text: str, path: str | None = None, config: Config | None = None) -> list[dict]:
    """Every attribution relation of a draft as plain data: each source's class and name, whether it
    is quoted, and where its source, cue and content are (text, 1-based lines and columns)."""
    from ..language.relations import record

    doc = Linter(config).document(text, path or "-")
    return [record(doc, r) for r in doc.analyses.attribution.relations]


def check_file(path: str | Path, config: Config | None = None) -> list[Diagnostic]:
    """Diagnostics for a draft on disk (a regular file, UTF-8); an InputError says why one cannot be read."""
    from ..text.source import read_draft

    return Linter(config).check_text(read_draft(Path(path)).text, str(path))
