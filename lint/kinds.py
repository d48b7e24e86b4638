"""The rule kinds a pack can declare, each a function from a document to findings."""
from __future__ import annotations

import functools
import importlib
from typing import Callable, Iterator

from .model import Finding, Fix, Rule
from .phrases import PhraseMatcher
from .segment import Document, Paragraph, Sentence

Check = Callable[[Document, Rule, "Context"], Iterator[Finding]]  # noqa: F821 (engine.Context)

SCOPE_KINDS = {
    "body": ("paragraph", "list_item", "blockquote"),
    "heading": ("heading",),
    "all": ("paragraph", "list_item", "blockquote", "heading"),
    "document": ("paragraph", "list_item", "blockquote", "heading", "metadata"),
}


def in_scope(rule: Rule, paragraph: Paragraph) -> bool:
    return paragraph.kind in SCOPE_KINDS[rule.scope]


@functools.lru_cache(maxsize=None)
def _matchers(rule: Rule) -> tuple[PhraseMatcher, PhraseMatcher]:
    # Rules are frozen and hashable, so each rule's matchers are compiled once per process.
    phrases = rule.options.get("phrases") or tuple(rule.options.get("substitutions", {}))
    return PhraseMatcher(phrases), PhraseMatcher(rule.options.get("exceptions", ()))


def phrase_hits(doc: Document, rule: Rule) -> Iterator[tuple[int, int]]:
    """Offsets of each phrase of the rule in scope, minus those inside an exception phrase."""
    matcher, exceptions = _matchers(rule)
    unless_next = rule.options.get("unless-next", frozenset())
    for sentence, hits in matcher.search(sentences_in_scope(doc, rule.scope)):
        norms = sentence.norms
        excluded = exceptions.find(sentence) if exceptions else []
        for a, b in hits:
            if b < len(norms) and norms[b] in unless_next:
                continue  # "claims of fraud": the word is a noun here, not the verb the rule means
            if not any(x <= a and b <= y for x, y in excluded):
                yield sentence.start_of(a), sentence.end_of(b - 1)


def sentences_in_scope(doc: Document, scope: str) -> list[Sentence]:
    """The sentences of the paragraphs a scope covers, listed once per document."""
    key = ("scope", scope)
    if key not in doc.cache:
        kinds = SCOPE_KINDS[scope]
        doc.cache[key] = [s for p in doc.paragraphs if p.kind in kinds for s in p.sentences]
    return doc.cache[key]


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
    table = rule.options["substitutions"]
    for start, end in phrase_hits(doc, rule):
        words = doc.view[start:end]
        key = " ".join(w.lower() for w in words.split())
        replacement = table.get(key)
        if replacement is None:
            continue
        yield Finding(start, end, {"replacement": replacement},
                      Fix(match_case(words, replacement), bool(rule.options["safe"])))


def python_check(name: str) -> Check:
    module, _, function = name.rpartition(".")
    try:
        return getattr(importlib.import_module(f"lint.checks.{module}"), function)
    except (ImportError, AttributeError):
        raise LookupError(f"no check {name!r} in lint/checks/") from None


def runner(rule: Rule) -> Check:
    if rule.kind == "python":
        return python_check(str(rule.options["check"]))
    return {"existence": existence, "substitution": substitution}[rule.kind]
