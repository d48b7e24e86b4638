"""The three kinds of figure bench/quality.py reports, and the arithmetic behind them.

- PrecisionRecall: flags against gold labels or spans (precision, recall, F1);
- Rate: how often something happens (a class flagged, flags inside attributed words);
- Ordering: whether a score orders graded items (pairs and whole groups in order).

Each is a small frozen value; a report row holds one of them for copydesk and one for the baseline.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence


def ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def rounded(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


@dataclass(frozen=True)
class PrecisionRecall:
    """correct/flagged and found/positives; the two numerators are equal for sentence labels."""

    correct: int = 0
    flagged: int = 0
    found: int = 0
    positives: int = 0

    @property
    def precision(self) -> float | None:
        return ratio(self.correct, self.flagged)

    @property
    def recall(self) -> float | None:
        return ratio(self.found, self.positives)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def __add__(self, other: "PrecisionRecall") -> "PrecisionRecall":
        return PrecisionRecall(self.correct + other.correct, self.flagged + other.flagged,
                               self.found + other.found, self.positives + other.positives)

    def as_dict(self) -> dict:
        return {"precision": rounded(self.precision), "recall": rounded(self.recall), "f1": rounded(self.f1),
                "p": [self.correct, self.flagged], "r": [self.found, self.positives]}


@dataclass(frozen=True)
class Rate:
    """count of total: a share, not a precision."""

    count: int = 0
    total: int = 0

    @property
    def share(self) -> float | None:
        return ratio(self.count, self.total)

    def __add__(self, other: "Rate") -> "Rate":
        return Rate(self.count + other.count, self.total + other.total)

    def as_dict(self) -> dict:
        return {"share": rounded(self.share), "count": self.count, "total": self.total}


@dataclass(frozen=True)
class Ordering:
    """Pairs of differently graded items the score puts in order, and groups wholly in order."""

    in_order: int = 0
    pairs: int = 0
    ties: int = 0
    groups_in_order: int = 0
    groups: int = 0

    @property
    def accuracy(self) -> float | None:
        return ratio(self.in_order, self.pairs)

    def as_dict(self) -> dict:
        return {"accuracy": rounded(self.accuracy), "pairs": [self.in_order, self.pairs], "ties": self.ties,
                "groups": [self.groups_in_order, self.groups]}


def score(predicted: Sequence[bool], gold: Sequence[bool]) -> PrecisionRecall:
    """Precision, recall and F1 of flags against labels."""
    if len(predicted) != len(gold):
        raise ValueError("predictions and labels differ in length")
    tp = sum(1 for p, g in zip(predicted, gold) if p and g)
    return PrecisionRecall(tp, sum(map(bool, predicted)), tp, sum(map(bool, gold)))


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def span_figures(spans: Sequence[Sequence[tuple[int, int]]],
                 gold: Sequence[Sequence[tuple[int, int]]]) -> PrecisionRecall:
    """Span level, item by item: the share of flagged spans that overlap a gold span, and of gold
    spans overlapped by a flagged one."""
    correct = flagged = found = positives = 0
    for ss, gs in zip(spans, gold):
        flagged += len(ss)
        correct += sum(1 for s in ss if any(overlaps(s, g) for g in gs))
        positives += len(gs)
        found += sum(1 for g in gs if any(overlaps(s, g) for s in ss))
    return PrecisionRecall(correct, flagged, found, positives)


def pairwise_order(groups: Iterable[Sequence[tuple[int, float]]]) -> Ordering:
    """How well (level, score) pairs order each group: a pair is in order when the higher level
    scores strictly higher; a tie is not in order."""
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
    return Ordering(good, pairs, ties, whole, n)
