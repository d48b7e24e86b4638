"""`copydesk rule ID --sample FOLDER`: what one rule would flag across an archive, with a random
sample of its hits in context, so a rule author sees the false alarms before a reporter does."""
from __future__ import annotations

import functools
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from ..engine.pool import Outcome, Task
from ..engine.resolve import linter_for
from ..text.source import read_draft
from ..model import Rule
from ..language.document import Document
from ..text.source import InputError

CONTEXT_WORDS = 8  # words shown on each side of a hit


@dataclass(frozen=True)
class Hit:
    path: str
    line: int
    column: int
    before: str  # the words before the hit in its paragraph ("…" where cut)
    text: str
    after: str


@dataclass(frozen=True)
class DraftHits:
    path: str
    words: int  # words of the body's sentences
    hits: tuple[Hit, ...]


def context(doc: Document, start: int, end: int) -> tuple[str, str, str]:
    """The words before and after a span within its paragraph, and the span's own words."""
    paragraph = doc.paragraph_at(start)
    lo, hi = (paragraph.start, paragraph.end) if paragraph else (0, len(doc.view))
    before = doc.view[lo:start].split()
    after = doc.view[end:max(end, hi)].split()
    left = ("… " if len(before) > CONTEXT_WORDS else "") + " ".join(before[-CONTEXT_WORDS:])
    right = " ".join(after[:CONTEXT_WORDS]) + (" …" if len(after) > CONTEXT_WORDS else "")
    return left, " ".join(doc.view[start:end].split()), right


def sample_task(task: Task, code: str) -> DraftHits | Outcome:
    """One draft linted with the configured rule set narrowed to one rule; runs in a worker with --jobs."""
    try:
        text = read_draft(Path(task.path)).text
    except InputError as err:
        return Outcome(task.path, error=str(err), fail_on=task.config.fail_on)
    linter = linter_for(task.config)
    doc = linter.document(text, task.path)
    hits = tuple(Hit(task.path, d.line, d.column, *context(doc, d.start, d.end))
                 for d in linter.check_document(doc) if d.code == code)
    return DraftHits(task.path, sum(len(s.norms) for p in doc.body for s in p.sentences), hits)


def work_for(rule: Rule) -> Callable[[Task], DraftHits | Outcome]:
    return functools.partial(sample_task, code=rule.code)


def draw(hits: Sequence[Hit], count: int, seed: int) -> list[Hit]:
    """count hits drawn at random (the same seed, the same hits), shown in path order."""
    chosen = random.Random(seed).sample(range(len(hits)), min(count, len(hits)))
    return [hits[i] for i in sorted(chosen)]


def render(rule: Rule, where: str, drafts: Sequence[DraftHits], count: int, seed: int,
           bold: Callable[[str], str] = str) -> str:
    hits = [hit for d in drafts for hit in d.hits]
    words = sum(d.words for d in drafts)
    rate = 1000 * len(hits) / words if words else 0.0
    out = [f"{rule.code} {rule.name} on {where}: {len(hits):,} hit{'s' * (len(hits) != 1)} in {len(drafts):,} "
           f"draft{'s' * (len(drafts) != 1)} of {words:,} words, {rate:.2f} per 1,000 words."]
    if hits:
        chosen = draw(hits, count, seed)
        out.append(f"{len(chosen)} drawn at random (--seed {seed} draws the same):")
        for hit in chosen:
            line = " ".join(filter(None, (hit.before, bold(f"[{hit.text}]"), hit.after)))
            out.append(f"  {hit.path}:{hit.line}:{hit.column}: {line}")
    return "\n".join(out) + "\n"
