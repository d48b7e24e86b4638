#!/usr/bin/env python3
"""Precision and recall of copydesk's rule families on the labelled sets in ../shared/data/.

Scored exactly as ../shared/data/README.md says, with a naive word-list baseline beside every
figure. The data are read at run time and never copied into the project; only --errors prints
their text, and only to the terminal.

    python bench/quality.py                      # every set, every family
    python bench/quality.py --family HDG --split dev
    python bench/quality.py --set babe --errors 10
    python bench/quality.py --json > before.json # diff two runs

Sentence sets are linted fast: many sentences go into one plain-text document, each in its own
paragraph with separator paragraphs between them, and each diagnostic is mapped back to the
sentence it starts in by offset. --verify N (default 100 per set) lints a sample of sentences
alone and checks that the batch gives the same diagnostics; --alone lints every sentence alone.
"""
from __future__ import annotations

import argparse
import bisect
import hashlib
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

FAMILIES = ("ATT", "HDG", "OPN", "RDB")
SENTENCE_FAMILIES = ("ATT", "HDG", "OPN")  # what sentence sets score; BAL and RDB are per document
SETS = ("babe", "newssd", "wikiweasel", "onestop", "news")
FILES = {
    "babe": "opinion_babe.jsonl",
    "newssd": "opinion_newssd.jsonl",
    "wikiweasel": "hedging_wikiweasel.jsonl",
    "onestop": "readability_onestop.jsonl",
    "news": "attribution_news.jsonl",
}

# ---------------------------------------------------------------------------------------------
# The naive word-list baseline: short fixed lists a newsroom would write down in five minutes,
# written here plainly and never tuned on the data.

HEDGE_WORDS = ("may", "might", "could", "possibly", "likely", "perhaps", "suggests", "appears", "seems")
OPINION_WORDS = (
    "disastrous", "reckless", "shocking", "outrageous", "absurd", "ridiculous", "stunning", "sobering",
    "pragmatic", "risky", "premature", "radical", "extreme", "dangerous", "terrible", "brilliant",
    "disgraceful", "clearly", "obviously", "unfortunately", "so-called", "should", "must",
)
VAGUE_PHRASES = ("experts say", "critics", "studies show", "reports", "sources said", "it is believed",
                 "reportedly")
ANONYMOUS_PHRASES = ("officials said", "sources said", "a source", "aides", "person familiar",
                     "people familiar")
LOADED_VERBS = ("claimed", "admitted", "insisted", "conceded", "touted", "boasted", "slammed", "blasted")


def _words(phrases: Iterable[str]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.I)


BASELINE = {
    "hedge": _words(HEDGE_WORDS),
    "opinion": _words(OPINION_WORDS),
    "vague": _words(VAGUE_PHRASES),
    "anonymous": _words(ANONYMOUS_PHRASES),
    "figure": re.compile(r"\d"),
    "loaded": _words(LOADED_VERBS),
}


def baseline_spans(kind: str, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in BASELINE[kind].finditer(text)]


def baseline_flags(kinds: Sequence[str], text: str) -> bool:
    return any(BASELINE[k].search(text) for k in kinds)


def words_per_sentence(text: str) -> float:
    """The readability baseline: words over sentence ends, nothing more."""
    words = len(text.split())
    ends = len(re.findall(r"[.!?]+(?:\s|$)", text))
    return words / max(1, ends)


# ---------------------------------------------------------------------------------------------
# Data and the dev/test split


def load(data: Path, name: str) -> list[dict]:
    with open(data / FILES[name], encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _hash(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8")).digest()


# The shared sets are themselves halves picked by a hash of the id, so an unsalted hash would put
# every item of some sets on the same side; the salt makes this split independent of that one.
SPLIT_SALT = "copydesk-quality-split:"


def half(key: str) -> str:
    """'dev' or 'test', fixed by a salted hash of the item's id (for OneStopEnglish, its topic)."""
    return "dev" if _hash(SPLIT_SALT + key)[0] % 2 == 0 else "test"


def split_items(items: list[dict], split: str, key: Callable[[dict], str] = lambda r: r["id"]) -> list[dict]:
    return items if split == "all" else [r for r in items if half(key(r)) == split]


# ---------------------------------------------------------------------------------------------
# Linting sentences and mapping diagnostics back


@dataclass(frozen=True)
class Hit:
    """One diagnostic, its offsets relative to the sentence it starts in."""

    code: str
    name: str
    start: int
    end: int

    @property
    def family(self) -> str:
        return self.code[:3]


# Paragraphs between two sentences. The heading resets the heading a sentence sits under (a
# sentence that reads as an "Opinion" heading must not relax the next one); the neutral sentence
# is the neighbour a quote looks at for its speaker; the empty paragraphs put more than two
# paragraphs between sentences, so a pronoun never refers back to the previous item.
SEPARATOR = "\n\n*\n\nNext\n\n*\n\nItem ends here.\n\n*\n\n*\n\n"


def one_line(text: str) -> str:
    """A sentence's own line breaks become spaces (same length), so it stays one paragraph."""
    return text.replace("\r", " ").replace("\n", " ")


def batch(texts: Sequence[str]) -> tuple[str, list[int]]:
    """One document holding every text in its own paragraph, and each text's start offset."""
    parts, starts, offset = [], [], 0
    for i, text in enumerate(texts):
        if i:
            parts.append(SEPARATOR)
            offset += len(SEPARATOR)
        starts.append(offset)
        parts.append(one_line(text))
        offset += len(text)
    return "".join(parts), starts


def assign(diagnostics: Iterable, starts: Sequence[int], lengths: Sequence[int]) -> tuple[list[list[Hit]], list]:
    """Each diagnostic to the sentence its start falls in; those in no sentence are returned apart."""
    out: list[list[Hit]] = [[] for _ in starts]
    stray = []
    for d in diagnostics:
        i = bisect.bisect_right(starts, d.start) - 1
        if i >= 0 and d.start < starts[i] + max(1, lengths[i]):
            out[i].append(Hit(d.code, d.name, d.start - starts[i], d.end - starts[i]))
        else:
            stray.append(d)
    return out, stray


class SentenceLinter:
    """Lints sentences as the data README says: each alone in its own paragraph."""

    def __init__(self, chunk: int = 200):
        from lint.config import Config
        from lint.engine import Linter

        self.chunk = chunk
        # Document-level families cannot score a sentence; in a batch they would land on its first.
        self.batch_linter = Linter(Config(ignore=("BAL", "RDB")))
        self.alone_linter = Linter(Config())
        self.stray: list = []
        self.internal_errors: list = []

    def lint_batch(self, texts: Sequence[str]) -> list[list[Hit]]:
        hits: list[list[Hit]] = []
        for k in range(0, len(texts), self.chunk):
            part = texts[k:k + self.chunk]
            document, starts = batch(part)
            found, stray = assign(self.batch_linter.check_text(document, "-"), starts, [len(t) for t in part])
            self.stray += [d for d in stray if d.code[:3] in SENTENCE_FAMILIES]
            self.internal_errors += [d for d in stray + [h for hs in found for h in hs] if d.code == "CPD001"]
            hits += found
        return hits

    def lint_alone(self, text: str) -> list[Hit]:
        hits = [Hit(d.code, d.name, d.start, d.end) for d in self.alone_linter.check_text(one_line(text), "-")]
        self.internal_errors += [h for h in hits if h.code == "CPD001"]
        return hits


def scored(hits: Iterable[Hit]) -> set[tuple[str, int, int]]:
    return {(h.name, h.start, h.end) for h in hits if h.family in SENTENCE_FAMILIES}


# ---------------------------------------------------------------------------------------------
# Figures


def ratio(num: int, den: int) -> float | None:
    return num / den if den else None


@dataclass
class Figures:
    """Precision num/den and recall num/den; equal numerators for sentence-level scores."""

    p_num: int = 0
    p_den: int = 0
    r_num: int = 0
    r_den: int = 0

    @property
    def precision(self) -> float | None:
        return ratio(self.p_num, self.p_den)

    @property
    def recall(self) -> float | None:
        return ratio(self.r_num, self.r_den)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def as_dict(self) -> dict:
        return {"precision": _round(self.precision), "recall": _round(self.recall), "f1": _round(self.f1),
                "p": [self.p_num, self.p_den], "r": [self.r_num, self.r_den]}


def score(predicted: Sequence[bool], gold: Sequence[bool]) -> Figures:
    """Precision, recall and F1 of flags against labels."""
    if len(predicted) != len(gold):
        raise ValueError("predictions and labels differ in length")
    tp = sum(1 for p, g in zip(predicted, gold) if p and g)
    return Figures(tp, sum(map(bool, predicted)), tp, sum(map(bool, gold)))


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def cue_figures(spans: Sequence[Sequence[tuple[int, int]]], cues: Sequence[Sequence[tuple[int, int]]]) -> Figures:
    """Span level: the share of flagged spans that overlap a cue, and of cues overlapped by a span."""
    f = Figures()
    for ss, cs in zip(spans, cues):
        f.p_den += len(ss)
        f.p_num += sum(1 for s in ss if any(overlaps(s, c) for c in cs))
        f.r_den += len(cs)
        f.r_num += sum(1 for c in cs if any(overlaps(s, c) for s in ss))
    return f


def pairwise_order(groups: Iterable[Sequence[tuple[int, float]]]) -> tuple[int, int, int, int, int]:
    """(pairs in order, pairs, ties, groups wholly in order, groups) for (level, score) groups.

    A pair is in order when the higher level scores strictly higher; a tie is not in order.
    """
    good = pairs = ties = whole = n = 0
    for group in groups:
        n += 1
        ok = True
        items = sorted(group)
        for i in range(len(items)):
            for j in range(i + 1, len(items)):
                (la, sa), (lb, sb) = items[i], items[j]
                if la == lb:
                    continue
                pairs += 1
                ties += sa == sb
                if sb > sa:
                    good += 1
                else:
                    ok = False
        whole += ok
    return good, pairs, ties, whole, n


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


# ---------------------------------------------------------------------------------------------
# The rows of the report


@dataclass
class Row:
    set: str
    target: str
    families: tuple[str, ...]
    engine: Figures
    baseline: Figures
    kind: str = "prf"  # prf | rate | order
    note: str = ""
    n_neg: int | None = None  # negatives of a sentence-level row
    by_rule: dict = field(default_factory=dict)  # rule name -> [on positives, on negatives]
    errors: tuple[list, list] = ((), ())  # false positives, false negatives: (item, hits)

    def as_dict(self) -> dict:
        d = {"set": self.set, "target": self.target, "families": list(self.families), "kind": self.kind,
             "engine": self.engine.as_dict(), "baseline": self.baseline.as_dict()}
        if self.note:
            d["note"] = self.note
        if self.n_neg is not None:
            d["positives"], d["negatives"] = self.engine.r_den, self.n_neg
        if floor_status(self) is not None:
            d["floor"] = floor_status(self)
        if self.by_rule:
            d["by_rule"] = {k: list(v) for k, v in sorted(self.by_rule.items())}
        return d


def by_rule(hits: Sequence[list[Hit]], gold: Sequence[bool], families: Sequence[str],
            names: Sequence[str] | None = None) -> dict:
    out: dict[str, list[int]] = {}
    for hs, g in zip(hits, gold):
        for name in {h.name for h in hs if h.family in families and (names is None or h.name in names)}:
            out.setdefault(name, [0, 0])[0 if g else 1] += 1
    return out


def sentence_row(set_name: str, target: str, families: tuple[str, ...], items: list[dict],
                 hits: list[list[Hit]], gold: list[bool], baseline: list[bool],
                 names: Sequence[str] | None = None, note: str = "") -> Row:
    def wanted(h: Hit) -> bool:
        return h.family in families and (names is None or h.name in names)

    predicted = [any(wanted(h) for h in hs) for hs in hits]
    fps = [(it, [h for h in hs if wanted(h)]) for it, hs, p, g in zip(items, hits, predicted, gold) if p and not g]
    fns = [(it, []) for it, p, g in zip(items, predicted, gold) if g and not p]
    return Row(set_name, target, families, score(predicted, gold), score(baseline, gold), note=note,
               n_neg=sum(1 for g in gold if not g), by_rule=by_rule(hits, gold, families, names), errors=(fps, fns))


def rate_row(set_name: str, target: str, families: tuple[str, ...], hits: list[list[Hit]],
             baseline: list[bool]) -> Row:
    """How often a class that is neither positive nor negative is flagged (in the precision slot)."""
    flagged = sum(1 for hs in hits if any(h.family in families for h in hs))
    return Row(set_name, target, families, Figures(flagged, len(hits)), Figures(sum(baseline), len(baseline)),
               kind="rate")


# ---------------------------------------------------------------------------------------------
# The sets


OPINION = "Expresses writer's opinion"
FACTUAL = "Entirely factual"
MODAL = "speculation_modal_probable"
SENTENCE_HDG_RULES = ("reporter-speculation", "stacked-hedges")  # hedge-density marks a paragraph, not a cue
ATT_TARGETS = (
    ("vague_source", ("vague-source", "agentless-attribution"), ("vague",)),
    ("unsourced_figure", ("unsourced-figure",), ("figure",)),
    ("loaded_verb", ("loaded-attribution-verb",), ("loaded",)),
    ("anonymous_source", ("anonymous-source",), ("anonymous",)),
    ("needs_attribution", ("vague-source", "agentless-attribution", "unsourced-figure", "anonymous-source"),
     ("vague", "figure", "anonymous")),
)


def rows_babe(items, hits, families) -> list[Row]:
    if "OPN" not in families:
        return []
    rows = []
    pairs = [(it, hs) for it, hs in zip(items, hits) if it["label_opinion"] in (OPINION, FACTUAL)]
    its, hs = [p[0] for p in pairs], [p[1] for p in pairs]
    rows.append(sentence_row("babe", "writer's opinion vs entirely factual", ("OPN",), its, hs,
                             [it["label_opinion"] == OPINION for it in its],
                             [baseline_flags(["opinion"], it["text"]) for it in its]))
    some = [(it, h) for it, h in zip(items, hits) if it["label_opinion"] not in (OPINION, FACTUAL)]
    rows.append(rate_row("babe", "'somewhat opinionated' flagged (rate)", ("OPN",), [h for _, h in some],
                         [baseline_flags(["opinion"], it["text"]) for it, _ in some]))
    rows.append(sentence_row("babe", "Biased vs Non-biased", ("OPN",), items, hits,
                             [it["label"] == "Biased" for it in items],
                             [baseline_flags(["opinion"], it["text"]) for it in items]))
    return rows


def rows_newssd(items, hits, families) -> list[Row]:
    gold = [it["label"] == "SUBJ" for it in items]
    rows = []
    if "OPN" in families or "HDG" in families:
        rows.append(sentence_row("newssd", "SUBJ vs OBJ (OPN or HDG flag)", ("OPN", "HDG"), items, hits, gold,
                                 [baseline_flags(["opinion", "hedge"], it["text"]) for it in items]))
    if "OPN" in families:
        rows.append(sentence_row("newssd", "SUBJ vs OBJ, OPN alone", ("OPN",), items, hits, gold,
                                 [baseline_flags(["opinion"], it["text"]) for it in items]))
    if "HDG" in families:
        rows.append(sentence_row("newssd", "SUBJ vs OBJ, HDG alone", ("HDG",), items, hits, gold,
                                 [baseline_flags(["hedge"], it["text"]) for it in items]))
    return rows


def rows_wikiweasel(items, hits, families) -> list[Row]:
    if "HDG" not in families:
        return []
    gold = [it["label"] == "uncertain" for it in items]
    rows = [sentence_row("wikiweasel", "uncertain vs certain", ("HDG",), items, hits, gold,
                         [baseline_flags(["hedge"], it["text"]) for it in items])]
    spans = [[(h.start, h.end) for h in hs if h.name in SENTENCE_HDG_RULES] for hs in hits]
    modal = [[(c["start"], c["end"]) for c in it["cues"] if c["type"] == MODAL] for it in items]
    base = [baseline_spans("hedge", it["text"]) for it in items]
    rows.append(Row("wikiweasel", "modal cues (span overlap)", ("HDG",), cue_figures(spans, modal),
                    cue_figures(base, modal), note="P: flagged spans on a modal cue; R: modal cues flagged"))
    every = [[(c["start"], c["end"]) for c in it["cues"]] for it in items]
    rows.append(Row("wikiweasel", "any cue (span overlap)", ("HDG",), cue_figures(spans, every),
                    cue_figures(base, every), note="P: flagged spans on any cue; R: cues of any type flagged"))
    return rows


def rows_news(items, hits, families) -> list[Row]:
    if "ATT" not in families:
        return []
    return [
        sentence_row("news", key, ("ATT",), items, hits, [bool(it[key]) for it in items],
                     [baseline_flags(kinds, it["text"]) for it in items], names=names)
        for key, names, kinds in ATT_TARGETS
    ]


def rows_onestop(items, families) -> list[Row]:
    """Within each topic, does the document grade order Elementary < Intermediate < Advanced?"""
    if "RDB" not in families:
        return []
    from lint.readability import flesch_kincaid_grade

    topics: dict[str, list[dict]] = {}
    for it in items:
        topics.setdefault(it["topic"], []).append(it)
    grades = {t: sorted((it["label_ordinal"], flesch_kincaid_grade(it["text"])) for it in g)
              for t, g in sorted(topics.items())}
    naive = [[(it["label_ordinal"], words_per_sentence(it["text"])) for it in g] for g in topics.values()]
    good, pairs, ties, whole, n = pairwise_order(grades.values())
    bgood, bpairs, bties, bwhole, bn = pairwise_order(naive)
    row = Row("onestop", "pairwise order (document FK grade)", ("RDB",), Figures(good, pairs, whole, n),
              Figures(bgood, bpairs, bwhole, bn), kind="order",
              note=f"ties {ties} (baseline {bties}); baseline: words per sentence")
    misordered = [({"id": t, "text": "grades by level " + ", ".join(f"{lvl}: {g:.2f}" for lvl, g in gs)}, [])
                  for t, gs in grades.items() if any(b[1] <= a[1] for a, b in zip(gs, gs[1:]))]
    row.errors = ([], misordered)
    return [row]


# The acceptance floors of issue 3: (precision, recall), or (accuracy, None) for an ordering.
FLOORS = {
    ("news", "vague_source"): (0.80, 0.45),
    ("news", "unsourced_figure"): (0.70, 0.50),
    ("babe", "writer's opinion vs entirely factual"): (0.75, 0.25),
    ("newssd", "SUBJ vs OBJ (OPN or HDG flag)"): (0.70, 0.25),
    ("wikiweasel", "uncertain vs certain"): (0.80, 0.45),
    ("onestop", "pairwise order (document FK grade)"): (0.98, None),
}


def floor_status(row: "Row") -> str | None:
    """'met' or what falls short of the row's acceptance floor; None for rows without one."""
    floor = FLOORS.get((row.set, row.target))
    if floor is None:
        return None
    short = []
    for label, want, got in (("P", floor[0], row.engine.precision), ("R", floor[1], row.engine.recall)):
        if want is not None and (got is None or round(got, 4) < want):
            short.append(f"{label} < {want:.2f}")
    return "met" if not short else ", ".join(short)


SET_FAMILIES = {"babe": ("OPN",), "newssd": ("OPN", "HDG"), "wikiweasel": ("HDG",), "onestop": ("RDB",),
                "news": ("ATT",)}
ROWS = {"babe": rows_babe, "newssd": rows_newssd, "wikiweasel": rows_wikiweasel, "news": rows_news}


# ---------------------------------------------------------------------------------------------
# Running


def verify(linter: SentenceLinter, items: list[dict], hits: list[list[Hit]], n: int) -> dict:
    """Lint a fixed sample of sentences alone; the batch must give the same scored diagnostics."""
    order = sorted(range(len(items)), key=lambda i: _hash(items[i]["id"]))[:n]
    bad = [items[i]["id"] for i in order if scored(linter.lint_alone(items[i]["text"])) != scored(hits[i])]
    return {"checked": len(order), "differ": len(bad), "ids": bad[:10]}


def run(args) -> dict:
    families = tuple(args.family or FAMILIES)
    sets = [s for s in (args.set or SETS) if set(SET_FAMILIES[s]) & set(families)]
    linter = SentenceLinter(args.chunk)
    rows: list[Row] = []
    timing: dict[str, float] = {}
    checks: dict[str, dict] = {}
    sizes: dict[str, int] = {}
    for name in sets:
        started = time.perf_counter()
        key = (lambda r: r["topic"]) if name == "onestop" else (lambda r: r["id"])
        items = split_items(load(args.data, name), args.split, key)
        sizes[name] = len(items)
        if name == "onestop":
            rows += rows_onestop(items, families)
        else:
            texts = [it["text"] for it in items]
            hits = [linter.lint_alone(t) for t in texts] if args.alone else linter.lint_batch(texts)
            rows += ROWS[name](items, hits, families)
            if args.verify and not args.alone:
                checks[name] = verify(linter, items, hits, args.verify)
        timing[name] = round(time.perf_counter() - started, 2)
    return {"rows": rows, "timing": timing, "verify": checks, "sizes": sizes,
            "stray": len(linter.stray), "internal_errors": len(linter.internal_errors)}


def _fmt(x: float | None) -> str:
    return "  —  " if x is None else f"{x:5.2f}"


def render_text(result: dict, args) -> str:
    out = [f"copydesk quality — split {args.split} — data {args.data}", ""]
    head = f"{'set':<11}{'target':<40}{'n':>11}  {'P':>5} {'R':>5} {'F1':>5}  | base {'P':>5} {'R':>5} {'F1':>5}"
    out += [head, "-" * len(head)]
    for row in result["rows"]:
        e, b = row.engine, row.baseline
        if row.kind == "prf":
            n = f"{e.r_den}+/{row.n_neg}-" if row.n_neg is not None else f"{e.r_den} cues"
            out.append(f"{row.set:<11}{row.target:<40}{n:>11}  {_fmt(e.precision)} {_fmt(e.recall)} {_fmt(e.f1)}"
                       f"  |      {_fmt(b.precision)} {_fmt(b.recall)} {_fmt(b.f1)}")
        elif row.kind == "rate":
            out.append(f"{row.set:<11}{row.target:<40}{e.p_den:>11}  flagged {_fmt(e.precision)}"
                       f"             |      flagged {_fmt(b.precision)}")
        else:
            out.append(f"{row.set:<11}{row.target:<40}{f'{e.p_den} pairs':>11}  accuracy {_fmt(e.precision)}"
                       f" (topics {e.r_num}/{e.r_den}) | accuracy {_fmt(b.precision)} (topics {b.r_num}/{b.r_den})")
        if row.note:
            out.append(f"{'':<11}  {row.note}")
        if floor_status(row) is not None:
            out.append(f"{'':<11}  acceptance floor {_floor_text(FLOORS[(row.set, row.target)])}: {floor_status(row)}")
        if row.by_rule:
            parts = [f"{k} {v[0]}/{v[1]}" for k, v in sorted(row.by_rule.items(), key=lambda kv: -sum(kv[1]))]
            out.append(f"{'':<11}  by rule (on positives/negatives): " + ", ".join(parts))
    out.append("")
    for name, v in result["verify"].items():
        status = ("the same diagnostics as in the batch" if not v["differ"]
                  else f"DIFFERENT diagnostics for {v['differ']}: {', '.join(v['ids'])}")
        out.append(f"verify {name}: {v['checked']} sentences linted alone give {status}")
    if result["stray"]:
        out.append(f"warning: {result['stray']} scored diagnostics fell outside every sentence")
    if result["internal_errors"]:
        out.append(f"warning: {result['internal_errors']} internal errors (CPD001): a rule crashed")
    sizes = ", ".join(f"{k} {v}" for k, v in result["sizes"].items())
    timing = ", ".join(f"{k} {v:.2f}s" for k, v in result["timing"].items())
    out.append(f"items: {sizes}")
    out.append(f"time: {timing}; total {result['total']:.2f}s")
    return "\n".join(out)


def _floor_text(floor: tuple) -> str:
    p, r = floor
    return f"accuracy {p:.2f}" if r is None else f"P {p:.2f} R {r:.2f}"


def render_errors(result: dict, n: int) -> str:
    out = []
    for row in result["rows"]:
        fps, fns = row.errors
        if not fps and not fns:
            continue
        labels = ("false positives", "topics out of order" if row.kind == "order" else "false negatives")
        for label, cases in zip(labels, (fps, fns)):
            if not cases:
                continue
            chosen = sorted(cases, key=lambda c: _hash(c[0]["id"]))[:n]
            out.append(f"\n== {row.set} / {row.target} / {'+'.join(row.families)}: {label} "
                       f"({len(chosen)} of {len(cases)})")
            for item, hits in chosen:
                out.append(f"- [{item['id']}] {item['text']}")
                for h in hits:
                    out.append(f"    {h.name}: {item['text'][h.start:h.end]!r}")
                detail = _gold_detail(item)
                if detail and label == "false negatives":
                    out.append(f"    gold: {detail}")
    return "\n".join(out)


def _gold_detail(item: dict) -> str:
    if item.get("cues"):
        return "; ".join(f"{c['text']!r} {c['type'].replace('speculation_', '')}" for c in item["cues"])
    if "biased_words" in item:
        return f"{item['label_opinion']}; biased words {item['biased_words']}"
    if "note" in item:
        return item["note"] or ""
    return ""


def parse_args(argv: Sequence[str] | None = None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA, help="folder of the labelled .jsonl sets")
    ap.add_argument("--family", action="append", choices=FAMILIES, type=str.upper,
                    help="score only this family (repeatable)")
    ap.add_argument("--set", action="append", choices=SETS, help="score only this set (repeatable)")
    ap.add_argument("--split", choices=("dev", "test", "all"), default="all",
                    help="half of every set, fixed by a hash of the item id: tune on dev, measure on test")
    ap.add_argument("--json", action="store_true", help="machine-readable figures (timing goes to stderr)")
    ap.add_argument("--errors", type=int, default=0, metavar="N",
                    help="print N false positives and N false negatives per row (terminal only)")
    ap.add_argument("--verify", type=int, default=100, metavar="N",
                    help="lint N sentences per set alone and compare with the batch (0: skip)")
    ap.add_argument("--alone", action="store_true", help="lint every sentence alone (slow reference)")
    ap.add_argument("--chunk", type=int, default=200, help="sentences per batch document")
    return ap.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    result = run(args)
    result["total"] = time.perf_counter() - started
    if args.json:
        doc = {"split": args.split, "sizes": result["sizes"], "rows": [r.as_dict() for r in result["rows"]],
               "verify": result["verify"], "stray": result["stray"], "internal_errors": result["internal_errors"]}
        print(json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False))
        print(f"time: {result['timing']} total {result['total']:.2f}s", file=sys.stderr)
        if args.errors:
            print(render_errors(result, args.errors), file=sys.stderr)
    else:
        print(render_text(result, args))
        if args.errors:
            print(render_errors(result, args.errors))
    differ = any(v["differ"] for v in result["verify"].values())
    return 1 if differ or result["internal_errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
