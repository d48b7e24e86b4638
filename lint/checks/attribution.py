"""ATT checks: vague, agentless and anonymous sources, unsourced figures, unattributed quotes."""
from __future__ import annotations

import bisect
import functools
import re
from itertools import repeat
from operator import attrgetter
from typing import Iterator, Sequence

from ..language.relations import CREDITED, Relation
from ..model import Finding, Lexicon
from ..language.phrases import PhraseMatcher
from ..language.document import Document, Sentence

def _vague_phrases(lexicon: Lexicon) -> PhraseMatcher:
    """Vague sources that need no verb to be one (att.toml's vague-phrases): "web searches"."""
    return PhraseMatcher(lexicon.phrases("vague-phrases"))


def _reasons(lexicon: Lexicon) -> PhraseMatcher:
    """Reasons a story gives for granting anonymity (att.toml's anonymity-reasons)."""
    return PhraseMatcher(lexicon.phrases("anonymity-reasons"))


# The classes each sourcing rule flags, where the source stands (lint.language.sources).
VAGUE = ("group", "unowned")
_CREDITED_NAMED = ("person", "organisation", "document")


def _where(r: Relation) -> tuple[int, int]:
    """A flag's span: the source with its cue ("Experts say", "according to reports")."""
    if r.source is None:
        return r.cue
    return min(r.source[0], r.cue[0]), max(r.source[1], r.cue[1])


def vague_source(doc: Document, rule, ctx) -> Iterator[Finding]:
    """Groups and evidence with no one named as sources ("critics say", "studies show", "many in
    the region fear"), and the vague sources that need no verb ("web searches")."""
    attribution = doc.analyses.attribution
    by_sentence: dict[int, list[tuple[int, int]]] = {}
    for r in attribution.relations:
        if r.kind in VAGUE:
            by_sentence.setdefault(r.sentence, []).append(_where(r))
    phrases = doc.lexicon.derived(_vague_phrases)
    index = {id(s): i for i, s in enumerate(attribution.sentences)}
    for s, found in phrases.search(attribution.sentences):
        spans = by_sentence.setdefault(index[id(s)], [])
        taken = _union(spans)  # (phrase matches never overlap one another)
        ends = [y for _, y in taken]
        for a, b in found:
            start, end = s.start_of(a), s.end_of(b - 1)
            i = bisect.bisect_right(ends, start)  # the first source ending after the phrase starts
            if i == len(taken) or taken[i][0] >= end:
                spans.append((start, end))
    for spans in by_sentence.values():
        for start, end in sorted(set(spans)):
            yield Finding(start, end)


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans merged where they overlap, in order."""
    out: list[tuple[int, int]] = []
    for x, y in sorted(spans):
        if out and x < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], y))
        else:
            out.append((x, y))
    return out


def agentless(doc: Document, rule, ctx) -> Iterator[Finding]:
    """Cues with no source: "it is believed", "is seen as", "reportedly"."""
    for r in doc.analyses.attribution.relations:
        if r.kind == "sourceless":
            yield Finding(*r.cue)


def anonymous_source(doc: Document, rule, ctx) -> Iterator[Finding]:
    """Unnamed sources with no reason for their anonymity in their sentence or the ones beside it."""
    attribution, reasons = doc.analyses.attribution, doc.lexicon.derived(_reasons)
    sentences = attribution.sentences
    for r in attribution.relations:
        if r.kind != "anonymous":
            continue
        i = r.sentence
        near = [s for s in sentences[max(0, i - 1):i + 2] if s.paragraph == sentences[i].paragraph]
        if not any(reasons.find(s) for s in near):
            yield Finding(*_where(r))


_SCALE = r"(?:\s*(?:thousand|million|billion|trillion|bn|m|k)\b)?"
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDNUM = r"(?:hundreds|thousands|millions|billions|tens of thousands|hundreds of thousands|dozens)"
_PEOPLE = (
    r"(?:people|persons|soldiers|troops|civilians|residents|refugees|migrants|workers|employees|voters|"
    r"children|women|men|students|patients|deaths|dead|casualties|fatalities|victims|lives|protesters|"
    r"protestors|fighters|members|users|customers|jobs|cases|infections|households|families|"
    r"[A-Z][a-z]+(?:ans|ians|ese|ers|is|ites))"
)
FIGURE = re.compile(
    rf"(?:[$€£¥]\s?(?:{_NUM}){_SCALE}"
    rf"|\b(?:{_NUM}){_SCALE}\s?(?:%|percent\b|per cent\b|percentage points\b)"
    rf"|\b(?:{_NUM}){_SCALE}\s+(?:dollars|euros|pounds|yuan|rubles|roubles)\b"
    rf"|\b[Aa]n estimated\s+(?:{_NUM}|{_WORDNUM}){_SCALE}(?:\s+[\w-]+)?"
    rf"|\b(?:(?:over|more than|nearly|almost|about|around|roughly|some|at least|up to)\s+)?"
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d{{3,}}|\d+(?:\.\d+)?\s*(?:thousand|million|billion))\s+"
    rf"(?:[a-z]+\s+)?{_PEOPLE}\b"
    rf"|\b{_WORDNUM}\s+of\s+{_PEOPLE}\b)"
)
_YEAR = re.compile(r"^(?:1[6-9]|20)\d\d$")
# Every match of FIGURE holds a digit (a currency sign needs one after it) or one of these
# lower-case words of _WORDNUM ("tens of thousands" holds "thousands").
_NUMBER_WORDS = ("hundreds", "thousands", "millions", "billions", "dozens")
_MONEY = re.compile(r"[$€£¥]")
# Words FIGURE can begin with, besides numbers.
_OPENERS = frozenset("an over more nearly almost about around roughly some at up hundreds thousands millions "
                     "billions tens dozens".split())
_NORMS = attrgetter("norms")


def figure_sentences(doc: Document, sentences: Sequence[Sentence], starts: Sequence[int]) -> list[int]:
    """Indexes of the sentences FIGURE may match in (starts: theirs), found by C loops rather than
    a search of each. A digit stands only inside a word, so a sentence whose words, apostrophes
    dropped, are all letters holds none; the number words are few, found in the whole text at once."""
    lettered = map(str.isalpha, map(str.replace, map("".join, map(_NORMS, sentences)), repeat("'"), repeat("")))
    found = {i for i, letters in enumerate(lettered) if not letters}
    view = doc.view
    for word in _NUMBER_WORDS:
        at = view.find(word)
        while at >= 0:
            i = bisect.bisect_right(starts, at) - 1
            if i >= 0 and at < sentences[i].end:
                found.add(i)
            at = view.find(word, at + 1)
    return sorted(found)


def figures(doc: Document, s: Sentence) -> Iterator[re.Match]:
    """FIGURE's matches in a sentence, as finditer finds them, but tried only where one can
    begin: at a currency sign, a word that is a number or opens a figure, or a word's apostrophe
    (\b holds after one: "x’900"). finditer would try every character, ten branches each."""
    view = doc.view
    at = [m.start() for m in _MONEY.finditer(view, s.start, s.end)]
    for k, norm in enumerate(s.norms):
        if norm[0].isdigit() or norm in _OPENERS:
            at.append(s.start_of(k))
        if "'" in norm:
            start = s.start_of(k)
            at += [start + i + 1 for i, c in enumerate(view[start:s.end_of(k)]) if c in "'’"]
    at.sort()
    end = 0
    for start in at:
        if start >= end:
            m = FIGURE.match(view, start, s.end)
            if m:
                yield m
                end = m.end()


def unsourced_figure(doc: Document, rule, ctx) -> Iterator[Finding]:
    """Money, percentages and counts of people stated in a sentence nobody is credited with."""
    attribution = doc.analyses.attribution
    for i in figure_sentences(doc, attribution.sentences, attribution.starts):
        s = attribution.sentences[i]
        credited = [r for r in attribution.in_sentence(i) if r.kind in CREDITED]
        theirs = _Spans(credited)
        for m in figures(doc, s):
            figure = m.group()
            if _YEAR.match(figure.strip()):
                continue
            # A speaker's figures are theirs: those in what they say, or in the cue or the source itself
            # ("the $5.7 billion he demanded" is the reporter's figure). "An estimated 5,000" begs
            # "estimated by whom?" even when someone else speaks in the sentence.
            if not theirs.hold(m.start()) or figure.lower().startswith("an estimated") \
                    and not _estimator_named(doc, s, credited):
                yield Finding(m.start(), m.end())


class _Spans:
    """The spans of a sentence's credited relations (content, cue, source), merged and sorted, so a
    figure is looked up by bisection: a run-on sentence may hold thousands of figures and relations."""

    def __init__(self, relations: list[Relation]):
        spans = sorted(span for r in relations for span in (*r.content, r.cue, *((r.source,) if r.source else ())))
        self.starts: list[int] = []
        self.ends: list[int] = []
        for a, b in spans:
            if self.ends and a <= self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], b)
            else:
                self.starts.append(a)
                self.ends.append(b)

    def hold(self, offset: int) -> bool:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.ends[i]


def _estimator_named(doc: Document, s: Sentence, credited: list[Relation]) -> bool:
    text = doc.view[s.start:s.end]
    return "estimated by" in text or "estimates by" in text or any(
        r.kind in _CREDITED_NAMED and doc.view[r.cue[0]:r.cue[1]].lower().startswith("according") for r in credited)


def quote_without_speaker(doc: Document, rule, ctx) -> Iterator[Finding]:
    """A quotation of three words or more with no attribution in its sentence or the next."""
    attribution, view = doc.analyses.attribution, doc.view
    sentences, starts = attribution.sentences, attribution.starts
    # Asked once per sentence, however many of the quotes it holds: the answer is the same for each.
    speaker = functools.cache(lambda k: _speaker_around(doc, sentences[k]))
    for start, end in doc.quotes:
        if len(view[start:end].split(None, 2)) < 3:
            continue  # a word or two in quotes is a term or a scare quote, not testimony
        i = bisect.bisect_right(starts, start) - 1
        if i < 0 or start >= sentences[i].end:
            continue
        last = bisect.bisect_right(starts, max(start, end - 1)) - 1
        paragraph = sentences[i].paragraph
        for k in range(max(0, i - 1), min(len(sentences), last + 2)):
            if attribution.in_sentence(k) and sentences[k].paragraph == paragraph or speaker(k):
                break
        else:
            yield Finding(start, end)


_SPEAKER_VERBS = ("said says say told tells added adds asked asks wrote writes replied stated explained noted "
                  "argued continued recalled warned tweeted posted").split() + ["according to"]
_SPEAKER_VERB = re.compile(r"\b(?:" + "|".join(_SPEAKER_VERBS) + r")\b", re.I)


# The verbs as words, to pass over a sentence without one before the (case-blind) search. It can
# also find a verb inside a word joined by an apostrophe ("x'said"), or spelled with the dotless
# i or long s that case-blind matching takes for i and s: such sentences are searched too.
_SPEAKER_WORDS = frozenset(verb.split()[0] for verb in _SPEAKER_VERBS)
_SEARCH_ANYWAY = re.compile("['’ıſ]")


def _speaker_around(doc: Document, sentence) -> bool:
    """A speech verb outside every quote in a neighbouring sentence ("..." she said.); the quote
    being checked is one of them (quotes do not overlap)."""
    if _SPEAKER_WORDS.isdisjoint(sentence.norms) \
            and not _SEARCH_ANYWAY.search(doc.view, sentence.start, sentence.end):
        return False
    text = doc.view[sentence.start:sentence.end]
    for m in _SPEAKER_VERB.finditer(text):
        pos = sentence.start + m.start()
        if not doc.in_quote(pos):
            return True
    return False
