"""PolNeAR: whole news articles with every attribution annotated (source, cue, content spans).

Scored as ../shared/data/README.md says, each article linted whole as a plain-text draft:
- the ledger: does each ledger entry share a capitalised word with a gold source of its article
  (precision), and how many of the article's distinct named gold sources does it find (recall);
- the reporter's voice: the share of HDG and OPN flags that start inside a gold content span,
  words the article attributes to someone (lower is better);
- sourcing: how many gold quantified sources ("some Republicans") and gold source-less cues
  ("reportedly") a vague-source, agentless-attribution or anonymous-source flag overlaps;
- relations, where copydesk reports them: source and cue spans against the gold ones.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from quality_scores import PrecisionRecall, Rate, overlaps, span_figures

VOICE_FAMILIES = ("HDG", "OPN")
SOURCING_RULES = ("vague-source", "agentless-attribution", "anonymous-source")
# Gold source spans that begin with these are quantified sources (the data README's list).
_QUANTIFIED = re.compile(r"^(?:a few|a number of|some|many|most|several|few|numerous|various|others?|all)\b",
                         re.I)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
# Capitalised words that name nobody: determiners, pronouns and titles at the start of a span.
_NOT_PROPER = frozenset(
    "the a an he she it they we i you his her its their our my your this that these those who which "
    "some many most several few other others all both each every any no one another and but or "
    "mr mr. mrs mrs. ms ms. dr dr. former".split()
)


Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Article:
    doc: str
    text: str
    sources: tuple[tuple[Spans, str], ...]  # (spans, text) of each attribution that has a source
    cues: tuple[Spans, ...]  # every attribution's cue
    contents: Spans  # every content span of every attribution
    sourceless_cues: Spans  # the cues of Attribution-no-source


def article(row: dict) -> Article:
    atts = row["attributions"]

    def spans(part) -> Spans:
        return tuple(tuple(s) for s in part["spans"]) if part else ()

    return Article(
        doc=row["doc"],
        text=row["text"],
        sources=tuple((spans(a["source"]), a["source"]["text"]) for a in atts if a["source"]),
        cues=tuple(spans(a["cue"]) for a in atts),
        contents=tuple(s for a in atts for s in spans(a["content"])),
        sourceless_cues=tuple(s for a in atts if a["type"] == "Attribution-no-source" for s in spans(a["cue"])),
    )


def _bare(word: str) -> str:
    return re.sub(r"(?:['’]s|['’.])$", "", word).lower()


def capitalised(text: str) -> set[str]:
    """The capitalised words of a text that may name someone, lower-cased, possessive cut."""
    return {_bare(w) for w in _WORD.findall(text) if w[0].isupper() and w.lower() not in _NOT_PROPER}


def gold_head(source: str, proper: Callable[[str], bool] = lambda w: True) -> str | None:
    """The last word of the first run of capitalised words that holds a proper noun
    ("Norman Ornstein, a scholar at …" -> ornstein; "officials" -> None). proper(word) says
    whether the span's first word, when capitalised only because it opens a sentence, is a name."""
    runs: list[list[str]] = [[]]
    for i, m in enumerate(re.finditer(r"\S+", source)):
        word = m.group().strip(",;:()\"“”‘’")
        if m.group()[0] in "(—–-":
            runs.append([])  # an opening bracket or a dash ends the run: "Sen. Susan Collins (Maine)"
        if word[:1].isupper():
            runs[-1].append(word if i or proper(word) else word.lower())
        if not word[:1].isupper() or m.group()[-1] in ",;:)":
            runs.append([])  # a lower-case word or punctuation ends the run
    for run in runs:
        if any(w[:1].isupper() and w.lower() not in _NOT_PROPER for w in run):
            return _bare(run[-1])
    return None


def sentence_start(text: str, at: int) -> bool:
    return not text[:at].strip() or bool(re.search(r"(?:[.!?][\"”’)]*\s+|\n\s*)$", text[:at][-40:]))


def mid_sentence_capitals(text: str) -> set[str]:
    """Words the article capitalises after a lower-case word or a comma: names, not sentence starts."""
    return {_bare(m.group(1)) for m in re.finditer(r"(?:[a-z,]\s+)([A-Z][\w'’-]*)", text)}


def article_heads(art: Article) -> set[str]:
    """The article's distinct named gold sources, by head word."""
    capitals = mid_sentence_capitals(art.text)
    heads = set()
    for spans, text in art.sources:
        first = spans[0][0] if spans else 0
        opens = sentence_start(art.text, first)
        head = gold_head(text, lambda w: not opens or w.isupper() and len(w) > 1 or _bare(w) in capitals)
        if head:
            heads.add(head)
    return heads


def ledger_figures(entries: Sequence[Sequence[str]], art: Article) -> PrecisionRecall:
    """entries: each ledger entry's forms, its name first, then the other forms the draft uses."""
    gold_words = set().union(*(capitalised(text) for _, text in art.sources))
    heads = article_heads(art)
    entry_words = [set().union(*(capitalised(f) | {_bare(w) for w in f.split()} for f in forms)) for forms in entries]
    correct = sum(1 for forms in entries if set().union(*map(capitalised, forms)) & gold_words)
    found = sum(1 for h in heads if any(h in words for words in entry_words))
    return PrecisionRecall(correct, len(entries), found, len(heads))


def inside(offset: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(a <= offset < b for a, b in spans)


def covered(gold: Sequence[Spans], flags: Sequence[tuple[int, int]]) -> Rate:
    """Gold items (each one or more spans) that a flag overlaps."""
    return Rate(sum(1 for spans in gold if any(overlaps(f, s) for f in flags for s in spans)), len(gold))


@dataclass(frozen=True)
class Prediction:
    """What copydesk says of one article."""

    flags: tuple[tuple[str, str, int, int], ...]  # (family, rule name, start, end)
    ledger: tuple[tuple[str, ...], ...]  # the named sources of the ledger: each one's name, then its other forms
    relations: tuple[tuple[tuple[int, int] | None, tuple[int, int]], ...] | None  # (source, cue); None: unknown


def predict(linter, text: str) -> Prediction:
    """Lint one article as a plain-text draft (the one place that reads copydesk's internals)."""
    doc = linter.document(text, "article.txt")
    flags = tuple((d.code[:3], d.name, d.start, d.end) for d in linter.check_document(doc))
    attribution = doc.analyses.attribution
    ledger = tuple((e.name, *e.forms) for e in attribution.ledger)
    relations = tuple((r.source, r.cue) for r in attribution.relations)
    return Prediction(flags, ledger, relations)


@dataclass(frozen=True)
class ArticleScore:
    ledger: PrecisionRecall
    voice: Rate  # HDG/OPN flags starting inside gold content, of all HDG/OPN flags
    voice_by_rule: dict[str, tuple[int, int]]  # rule -> (inside gold content, outside)
    quantified: Rate  # gold quantified sources a sourcing flag overlaps
    sourceless: Rate  # gold source-less cues a sourcing flag overlaps
    sourcing_on_gold: Rate  # sourcing flags overlapping any gold source or source-less cue
    relation_source: PrecisionRecall | None
    relation_cue: PrecisionRecall | None


def score_article(art: Article, pred: Prediction) -> ArticleScore:
    voice = [(name, inside(start, art.contents)) for family, name, start, _ in pred.flags
             if family in VOICE_FAMILIES]
    by_rule: dict[str, tuple[int, int]] = {}
    for name, hit in voice:
        a, b = by_rule.get(name, (0, 0))
        by_rule[name] = (a + hit, b + (not hit))
    sourcing = [(start, end) for _, name, start, end in pred.flags if name in SOURCING_RULES]
    quantified = [spans for spans, text in art.sources if _QUANTIFIED.match(text.lstrip("“\"'‘"))]
    gold_any = [s for spans, _ in art.sources for s in spans] + list(art.sourceless_cues)
    relation_source = relation_cue = None
    if pred.relations is not None:
        relation_source = span_figures([[s for s, _ in pred.relations if s is not None]],
                                       [[s for spans, _ in art.sources for s in spans]])
        relation_cue = span_figures([[c for _, c in pred.relations]], [[s for spans in art.cues for s in spans]])
    return ArticleScore(
        ledger=ledger_figures(pred.ledger, art),
        voice=Rate(sum(hit for _, hit in voice), len(voice)),
        voice_by_rule=by_rule,
        quantified=covered(quantified, sourcing),
        sourceless=covered([(s,) for s in art.sourceless_cues], sourcing),
        sourcing_on_gold=Rate(sum(1 for f in sourcing if any(overlaps(f, g) for g in gold_any)), len(sourcing)),
        relation_source=relation_source,
        relation_cue=relation_cue,
    )


def total(scores: Sequence[ArticleScore]) -> ArticleScore:
    """The articles' figures summed (micro-averaged)."""
    by_rule: dict[str, tuple[int, int]] = {}
    for s in scores:
        for name, (a, b) in s.voice_by_rule.items():
            x, y = by_rule.get(name, (0, 0))
            by_rule[name] = (x + a, y + b)

    def add(values):
        values = [v for v in values if v is not None]
        return sum(values[1:], values[0]) if values else None

    return ArticleScore(
        ledger=add(s.ledger for s in scores) or PrecisionRecall(),
        voice=add(s.voice for s in scores) or Rate(),
        voice_by_rule=by_rule,
        quantified=add(s.quantified for s in scores) or Rate(),
        sourceless=add(s.sourceless for s in scores) or Rate(),
        sourcing_on_gold=add(s.sourcing_on_gold for s in scores) or Rate(),
        relation_source=add(s.relation_source for s in scores),
        relation_cue=add(s.relation_cue for s in scores),
    )
