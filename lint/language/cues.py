"""Relations a phrase makes rather than a verb: "according to X", "In a Gallup poll, ...", a
headline's "Graham: ...", "X's suggestion that ...", and the cues with no source at all ("it is
believed", "reportedly")."""
from __future__ import annotations

from .document import Sentence
from .sources import SOURCE_CLASSES, Reader, classify
from .subjects import noun_phrase_back, phrase_after, subject_before
from .tokens import (AUX, BE, LABELS, MODALS, PREPOSITIONS, after, around, capital, gap, joined, nounish, sentence_end,
                     text)
from .verbs import Found


def according(r: Reader, s: Sentence, used: set[int]) -> list[Found]:
    """"according to X" (and "as reported by X"): the source after the cue, the content around them."""
    out = []
    for a, b in r.words.according.find(s):
        if s.norms[a] == "per" and (a == 0 or b >= len(s.norms)):
            continue  # "per" alone is a rate ("$5 per head") unless it stands mid-sentence before a name
        np = phrase_after(r, s, b)
        kind, name = classify(r, s, np) if np else (None, "")
        if kind:
            out.append(Found((s.start_of(a), s.end_of(b - 1)), (s.start_of(np[0]), s.end_of(np[-1])),
                             around(r.doc, s, a, np[-1]), kind, name))
            used.update(range(a, np[-1] + 1))
    return out


def agentless(r: Reader, s: Sentence, used: set[int]) -> list[Found]:
    """Cues with no source: "it is widely believed", "is said to", "reportedly"."""
    out = []
    for a, b in r.words.agentless.find(s):
        if not r.doc.in_quote(s.start_of(a)):
            out.append(Found((s.start_of(a), s.end_of(b - 1)), None, around(r.doc, s, a, b - 1), "sourceless", ""))
            used.update(range(a, b))
    return out


def in_source(r: Reader, s: Sentence) -> Found | None:
    """"In a Des Moines Register poll last month, Cruz led": the poll is the source of the rest."""
    norms, doc = s.norms, r.doc
    if len(norms) < 4 or norms[0] not in ("in", "by"):
        return None
    for j in range(1, min(12, len(norms) - 1)):
        if not joined(doc, s, j - 1):
            return None
        if "," in gap(doc, s, j):
            heads = [k for k in range(1, j + 1) if norms[k] in r.words.source_nouns]
            if not heads:
                return None
            kind, name = classify(r, s, list(range(1, heads[-1] + 1)))
            if kind is None:
                kind, name = "document", text(doc, s, 1, heads[-1])
            return Found((s.start_of(0), s.end_of(0)), (s.start_of(1), s.end_of(heads[-1])),
                         after(doc, s, j + 1), kind, name)
    return None


def colon(r: Reader, s: Sentence) -> Found | None:
    """A headline's or a lead's "Graham: Trump is destroying the party"."""
    norms, doc = s.norms, r.doc
    if len(norms) < 2 or doc.view.find(":", s.start, s.start_of(min(4, len(norms) - 1))) < 0:
        return None  # (most sentences)
    for k in range(min(4, len(norms) - 1)):
        between = gap(doc, s, k)
        if between.lstrip().startswith(":"):
            label = text(doc, s, 0, k)
            if norms[0] in LABELS or label.isupper() and (k > 0 or len(label) > 5) or norms[0] == "the" and k == 1:
                return None  # "STAT OF THE WEEK:", "BYLINE:", "The Latest:": labels, not sources
            if all(capital(doc, s, j) or norms[j] in ("the", "a", "an", "of", "and") for j in range(k + 1)) \
                    and capital(doc, s, k):
                kind, name = classify(r, s, list(range(k + 1)))
                if kind in ("person", "organisation", "anonymous", "group", "described"):
                    at = s.end_of(k) + between.index(":")
                    return Found((at, at + 1), (s.start_of(0), s.end_of(k)), after(doc, s, k + 1), kind, name)
            return None
        if not joined(doc, s, k):
            return None
    return None


def published(r: Reader, s: Sentence, used: set[int]) -> list[Found]:
    """"The party issued a formal complaint", "Detzner sent out a statement saying ...": who puts a
    statement out is its source; what follows "saying" or "that" or a colon is its content."""
    norms, doc, w, out = s.norms, r.doc, r.words, []
    for v in s.positions(w.publishing):
        if v in used or not v or doc.in_quote(s.start_of(v)):
            continue
        noun = next((j for j in range(v + 1, min(v + 5, len(norms))) if norms[j] in w.published
                     and all(joined(doc, s, x) for x in range(v, j))), None)
        if noun is None or nounish(doc, s, v):
            continue
        first = v
        while first and norms[first - 1] in AUX and joined(doc, s, first - 1):
            first -= 1  # "has released", "also sent"
        np = subject_before(r, s, first)
        kind, name = classify(r, s, np) if np else (None, "")
        if kind not in SOURCE_CLASSES:
            continue
        j = noun + 1
        said = j < len(norms) and (norms[j] in ("saying", "that") or ":" in gap(doc, s, noun))
        out.append(Found((s.start_of(first), s.end_of(noun)), (s.start_of(np[0]), s.end_of(np[-1])),
                         after(doc, s, j) if said else (), kind, name))
        used.update(range(first, noun + 1))
    return out


def reactions(r: Reader, s: Sentence, used: set[int]) -> list[Found]:
    """"met pushback from some", "drew fire from the party establishment": who reacts is a source."""
    norms, out = s.norms, []
    for i in s.positions(r.words.reactions):
        if i in used or norms[i + 1:i + 2] != ("from",) or r.doc.in_quote(s.start_of(i)):
            continue
        np = phrase_after(r, s, i + 2)
        kind, name = classify(r, s, np) if np else (None, "")
        if kind in SOURCE_CLASSES:
            out.append(Found((s.start_of(i), s.end_of(i + 1)), (s.start_of(np[0]), s.end_of(np[-1])), (), kind,
                             name))
            used.update(range(i, np[-1] + 1))
    return out


def claim_nouns(r: Reader, s: Sentence, used: set[int]) -> list[Found]:
    """"Trump's suggestion that ...", "the fear is that ...": the that-clause is someone's claim,
    its owner's when the noun has one ("Trump's"); a claim no one owns otherwise (kind "claim")."""
    norms, doc, w = s.norms, r.doc, r.words
    out = []
    for i in s.positions(w.claim_nouns | w.unowned_heads):
        if i in used or doc.in_quote(s.start_of(i)):
            continue
        j = i + 1
        if j < len(norms) and norms[j] in PREPOSITIONS:  # "speculation on Wall Street that", "his view on it is that"
            j = next((x for x in range(j + 1, min(j + 5, len(norms))) if norms[x] in _GROWING or norms[x] == "that"
                      or not joined(doc, s, x - 1)), j)
        while j < len(norms) and j - i <= 6 and norms[j] in _GROWING:
            j += 1  # "the fear is that", "evidence is growing that"
        if j + 1 >= len(norms) or norms[j] != "that" or not all(joined(doc, s, x) for x in range(i, j)) \
                or norms[j + 1] in _RELATIVE:
            continue  # ("a report that says ...": "that" is its relative pronoun)
        # Evidence, studies and reports no one owns are vague sources ("reports that the plant would close").
        source, kind, name = None, ("unowned" if norms[i] in w.unowned_heads else "claim"), ""
        if i and norms[i - 1].endswith("'s"):
            np = noun_phrase_back(r, s, i - 1)
            owner = classify(r, s, np) if np else (None, "")
            if owner[0] in SOURCE_CLASSES:
                source, (kind, name) = (s.start_of(np[0]), s.end_of(np[-1])), owner
        out.append(Found((s.start_of(i), s.end_of(i)), source, _clause(doc, s, i, j), kind, name))
    return out


_GROWING = frozenset("is was are were growing mounting increasing clear strong".split())
_RELATIVE = BE | MODALS | frozenset("has have had says said shows showed found finds".split())


def _clause(doc, s: Sentence, noun: int, that: int) -> tuple[tuple[int, int], ...]:
    """The that-clause of a claim noun. After a subject ("His assertion that the war 'is not going
    anywhere' reflects ...") it ends at the first comma or closing quote, where the sentence's own
    verb takes over; after an object it runs to the sentence's end."""
    if noun > 3:
        return after(doc, s, that)
    start, end = s.start_of(that), sentence_end(doc, s)
    for k in range(that, len(s.norms) - 1):
        between = gap(doc, s, k)
        mark = next((i for i, c in enumerate(between) if c in ",;”\""), None)
        if mark is not None:
            return ((start, s.end_of(k) + mark + (between[mark] in "”\"")),)
    return ((start, end),)
