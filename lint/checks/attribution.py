"""ATT checks: vague, agentless and anonymous sources, unsourced figures, unattributed quotes."""
from __future__ import annotations

import bisect
import functools
import re
from itertools import repeat
from operator import attrgetter
from typing import Iterator, Sequence

from ..language.relations import speaks
from ..model import Finding, Lexicon
from ..language.phrases import PhraseMatcher
from ..language.document import Document, Sentence

def _vague_phrases(lexicon: Lexicon) -> PhraseMatcher:
    """Vague sources that need no verb to be one (att.toml's vague-phrases): "web searches"."""
    return PhraseMatcher(lexicon.phrases("vague-phrases"))


def _reasons(lexicon: Lexicon) -> PhraseMatcher:
    """Reasons a story gives for granting anonymity (att.toml's anonymity-reasons)."""
    return PhraseMatcher(lexicon.phrases("anonymity-reasons"))


def vague_source(doc: Document, rule, ctx) -> Iterator[Finding]:
    analysis = doc.analyses.attribution
    standalone = {id(s): found for s, found in doc.lexicon.derived(_vague_phrases).search(analysis.sentences)}
    for s, att in zip(analysis.sentences, analysis.attributions):
        vague = att is not None and att.kind == "vague"
        if not vague and id(s) not in standalone:
            continue  # (most sentences)
        source = [(att.start, att.end)] if vague else []
        spans = list(source)
        # Phrase matches never overlap one another, so each is tested against the source's span only.
        for a, b in standalone.get(id(s), ()):
            start, end = s.start_of(a), s.end_of(b - 1)
            if not any(x <= start < y or start <= x < end for x, y in source):
                spans.append((start, end))
        for start, end in spans:
            yield Finding(start, end)


def agentless(doc: Document, rule, ctx) -> Iterator[Finding]:
    analysis = doc.analyses.attribution
    for att in analysis.attributions:
        if att and att.kind == "agentless":
            yield Finding(att.start, att.end)


def anonymous_source(doc: Document, rule, ctx) -> Iterator[Finding]:
    analysis, reasons = doc.analyses.attribution, doc.lexicon.derived(_reasons)
    sentences = analysis.sentences
    for i, att in enumerate(analysis.attributions):
        if not att or att.kind != "anonymous":
            continue
        # The reason may stand in the sentence itself or in its neighbours of the same paragraph.
        near = [s for s in sentences[max(0, i - 1):i + 2] if s.paragraph == sentences[i].paragraph]
        if not any(reasons.find(s) for s in near):
            yield Finding(att.start, att.end)


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
    analysis = doc.analyses.attribution
    for i in figure_sentences(doc, analysis.sentences, analysis.starts):
        s, att = analysis.sentences[i], analysis.attributions[i]
        sourced = speaks(att)
        if sourced and "estimated" not in s.norms:
            continue  # a speaker's figures are theirs; only "an estimated" ones are flagged
        for m in figures(doc, s):
            figure = m.group()
            if _YEAR.match(figure.strip()):
                continue
            # "An estimated 5,000" begs "estimated by whom?" even when someone else speaks in the sentence.
            if not sourced or figure.lower().startswith("an estimated") and not _estimator_named(doc, s, att):
                yield Finding(m.start(), m.end())


def _estimator_named(doc: Document, s: Sentence, att) -> bool:
    text = doc.view[s.start:s.end]
    return "estimated by" in text or "estimates by" in text or (
        att is not None and att.kind == "named" and doc.view[att.start:att.end].lower().startswith("according"))


def quote_without_speaker(doc: Document, rule, ctx) -> Iterator[Finding]:
    """A quotation of three words or more with no attribution in its sentence or the next."""
    analysis, view = doc.analyses.attribution, doc.view
    sentences, attributions, starts = analysis.sentences, analysis.attributions, analysis.starts
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
            if attributions[k] is not None and sentences[k].paragraph == paragraph \
                    or speaker(k):
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
