"""ATT checks: vague, agentless and anonymous sources, unsourced figures, unattributed quotes."""
from __future__ import annotations

import re
from typing import Iterator

from ..attribution import analyse, speaks
from ..model import Finding
from ..phrases import PhraseMatcher
from ..segment import Document, Sentence

# Vague sources that need no verb to be one: the claim rests on them wherever they appear.
_STANDALONE = PhraseMatcher([
    "web searches", "web search", "online discussions", "online discussion", "internet searches",
    "web-based research", "web-based analysis", "online research", "online sources", "social media chatter",
    "online chatter", "according to reports", "according to some", "according to many", "according to experts",
    "according to critics", "according to observers", "according to analysts", "according to estimates",
    "some say", "many say", "some believe", "many believe", "some argue", "many argue", "critics say",
    "experts say", "observers say", "studies show", "research shows", "polls show", "reports suggest",
])


def vague_source(doc: Document, rule, ctx) -> Iterator[Finding]:
    analysis = analyse(doc)
    standalone = {id(s): found for s, found in _STANDALONE.search(analysis.sentences)}
    for s, att in zip(analysis.sentences, analysis.attributions):
        spans = []
        if att and att.kind == "vague":
            spans.append((att.start, att.end))
        for a, b in standalone.get(id(s), ()):
            start, end = s.starts[a], s.ends[b - 1]
            if not any(x <= start < y or start <= x < end for x, y in spans):
                spans.append((start, end))
        for start, end in spans:
            yield Finding(start, end)


def agentless(doc: Document, rule, ctx) -> Iterator[Finding]:
    analysis = analyse(doc)
    for att in analysis.attributions:
        if att and att.kind == "agentless":
            yield Finding(att.start, att.end)


# Reasons a story gives for granting anonymity.
_REASONS = PhraseMatcher([
    "condition of anonymity", "requested anonymity", "asked not to be named", "asked not to be identified",
    "declined to be named", "declined to be identified", "spoke anonymously", "speaking anonymously",
    "not authorized", "not authorised", "were not authorized", "was not authorized", "not permitted",
    "because they were not", "because he was not", "because she was not", "to discuss private",
    "to discuss internal", "to discuss sensitive", "to discuss confidential", "insisted on anonymity",
    "granted anonymity", "on background", "fear of reprisal", "fear of retribution", "for fear of",
    "not allowed to speak", "not authorized to speak", "unauthorized to speak",
])


def anonymous_source(doc: Document, rule, ctx) -> Iterator[Finding]:
    analysis = analyse(doc)
    sentences = analysis.sentences
    for i, att in enumerate(analysis.attributions):
        if not att or att.kind != "anonymous":
            continue
        # The reason may stand in the sentence itself or in its neighbours of the same paragraph.
        near = [s for s in sentences[max(0, i - 1):i + 2] if s.paragraph == sentences[i].paragraph]
        if not any(_REASONS.find(s) for s in near):
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
_DIGIT_OR_MONEY = re.compile(r"[\d$€£¥]")
_MONEY = re.compile(r"[$€£¥]")
_APOSTROPHE = re.compile("['’]")
_FIGURE_WORDS = ("estimated", "hundreds", "thousands", "millions", "billions", "dozens")
# Words FIGURE can begin with, besides numbers.
_OPENERS = frozenset("an over more nearly almost about around roughly some at up hundreds thousands millions "
                     "billions tens dozens".split())


def figures(doc: Document, s: Sentence) -> Iterator[re.Match]:
    """FIGURE's matches in a sentence, as finditer finds them, but tried only where one can
    begin: at a currency sign, a word that is a number or opens a figure, or a word's apostrophe
    (\b holds after one: "x’900"). finditer would try every character, ten branches each."""
    view, starts = doc.view, s.starts
    at = [m.start() for m in _MONEY.finditer(view, s.start, s.end)]
    for k, norm in enumerate(s.norms):
        if norm[0].isdigit() or norm in _OPENERS:
            at.append(starts[k])
        if "'" in norm:
            at += [starts[k] + i + 1 for i, c in enumerate(view[starts[k]:s.ends[k]]) if c in "'’"]
    at.sort()
    end = 0
    for start in at:
        if start >= end:
            m = FIGURE.match(view, start, s.end)
            if m:
                yield m
                end = m.end()


def _word_after_apostrophe(view: str, s: Sentence) -> bool:
    """A figure word inside a token an apostrophe joins ("x’hundreds"): rare, but \\b holds there."""
    return _APOSTROPHE.search(view, s.start, s.end) is not None and any(
        word in view[s.start:s.end] for word in _FIGURE_WORDS)


def unsourced_figure(doc: Document, rule, ctx) -> Iterator[Finding]:
    """Money, percentages and counts of people stated in a sentence nobody is credited with."""
    analysis, view = analyse(doc), doc.view
    for s, att in zip(analysis.sentences, analysis.attributions):
        if not _DIGIT_OR_MONEY.search(view, s.start, s.end) and s.words.isdisjoint(_FIGURE_WORDS) \
                and not _word_after_apostrophe(view, s):
            continue
        text = view[s.start:s.end]
        # "An estimated 5,000" begs "estimated by whom?" even when someone else speaks in the sentence.
        estimator_named = "estimated by" in text or "estimates by" in text or (att is not None and att.kind == "named"
                                                                                and doc.view[att.start:att.end].lower().startswith("according"))
        sourced = speaks(att)
        for m in figures(doc, s):
            if _YEAR.match(m.group().strip()):
                continue
            if m.group().lower().startswith("an estimated") and not estimator_named or not sourced:
                yield Finding(m.start(), m.end())


def quote_without_speaker(doc: Document, rule, ctx) -> Iterator[Finding]:
    """A quotation of three words or more with no attribution in its sentence or the next."""
    analysis = analyse(doc)
    sentences = analysis.sentences
    for start, end in doc.quotes:
        words = doc.view[start:end].split()
        if len(words) < 3:
            continue  # a word or two in quotes is a term or a scare quote, not testimony
        i = analysis.sentence_index(start)
        if i < 0 or start >= sentences[i].end:
            continue
        last = analysis.sentence_index(max(start, end - 1))
        near = range(max(0, i - 1), min(len(sentences), last + 2))
        if any(analysis.attributions[k] is not None and sentences[k].paragraph == sentences[i].paragraph
               or _speaker_around(doc, sentences[k], start, end) for k in near):
            continue
        yield Finding(start, end)


_SPEAKER_VERBS = ("said says say told tells added adds asked asks wrote writes replied stated explained noted "
                  "argued continued recalled warned tweeted posted").split() + ["according to"]
_SPEAKER_VERB = re.compile(r"\b(?:" + "|".join(_SPEAKER_VERBS) + r")\b", re.I)


# The verbs as words, to pass over a sentence without one before the (case-blind) search. It can
# also find a verb inside a word joined by an apostrophe ("x'said"), or spelled with the dotless
# i or long s that case-blind matching takes for i and s: such sentences are searched too.
_SPEAKER_WORDS = frozenset(verb.split()[0] for verb in _SPEAKER_VERBS)
_SEARCH_ANYWAY = ("'", "’", "ı", "ſ")


def _speaker_around(doc: Document, sentence, qstart: int, qend: int) -> bool:
    """A speech verb outside the quote in a neighbouring sentence ("..." she said.)."""
    text = doc.view[sentence.start:sentence.end]
    if sentence.words.isdisjoint(_SPEAKER_WORDS) and not any(c in text for c in _SEARCH_ANYWAY):
        return False
    for m in _SPEAKER_VERB.finditer(text):
        pos = sentence.start + m.start()
        if not (qstart <= pos < qend) and not doc.in_quote(pos):
            return True
    return False
