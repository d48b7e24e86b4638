"""Who is speaking: every attribution relation of a draft — its cue, its source and the content the
source owns — read from the body and the headlines, with each source's class (lint.language.sources).

Every family reads these: the reporter's-voice rules leave content alone, the sourcing rules flag
weak sources where they stand, and the balance rules and the scorecard build the ledger from them.
Heuristic and conservative: a relation is found where a cue and its source are plain to see.
"""
from __future__ import annotations

import bisect
import itertools
import re
from array import array
from dataclasses import dataclass
from typing import NamedTuple

from . import cues, groups
from .document import Document, Paragraph, Sentence
from .ledger import Entry, ledger_of
from .sources import Reader, classify
from .subjects import leading_subject
from .tokens import CLAUSE_STOPS, LABELS, NOT_NAMES, PREPOSITIONS, capital, joined, sentence_end
from .verbs import Found, verb_relation
from .vocabulary import words_of

Span = tuple[int, int]
# A source that stands behind its content: the reporter's voice is not in it. (The content of a vague
# or source-less cue is not the reporter's either; the sourcing rules flag its source instead.)
CREDITED = ("person", "organisation", "document", "pronoun", "anonymous", "described", "respondents", "speaker")
# "Q:", "A:", "FALLIN:" opening a paragraph of an interview or a transcript.
_LABEL = re.compile(r"[A-Z][A-Za-z.'’-]*(?: [A-Z][A-Za-z.'’-]*){0,2}:\s")

class Relation(NamedTuple):
    """One attribution: spans are offsets into the draft (its prose view)."""

    cue: Span
    source: Span | None  # None: a cue with no source ("it is believed", "reportedly")
    content: tuple[Span, ...]  # what the source owns: one span, or two around a trailing cue
    kind: str  # the source's class (lint.language.sources), or "sourceless", "claim"
    name: str  # the source as the ledger names it, or its words
    sentence: int  # index into Attribution.sentences
    quote: bool = False  # the content is a direct quote
    referent: str | None = None  # for a pronoun or a title: the named source it refers back to


@dataclass(frozen=True)
class Attribution:
    sentences: tuple[Sentence, ...]  # of the body and the headlines, in order
    relations: tuple[Relation, ...]  # in order of their sentences
    ledger: tuple[Entry, ...]
    starts: array  # of the sentences, for lookups
    # Lookup tables kept as arrays (a dense megabyte draft holds thousands of relations):
    _sentence_of: array  # each relation's sentence, in order
    _content: tuple[array, array, array, array]  # start, end, relation of every content span by start; the
    # furthest end of the spans up to each, so a lookup stops where no earlier span reaches

    def in_sentence(self, i: int) -> tuple[Relation, ...]:
        of = self._sentence_of
        return self.relations[bisect.bisect_left(of, i):bisect.bisect_right(of, i)]

    def owner(self, offset: int) -> Relation | None:
        """The relation whose content holds an offset: the words are its source's, not the reporter's."""
        starts, ends, owners, reach = self._content
        i = bisect.bisect_right(starts, offset) - 1
        while i >= 0 and reach[i] > offset:
            if offset < ends[i]:
                return self.relations[owners[i]]
            i -= 1
        return None

    def cue_at(self, start: int, end: int) -> bool:
        """True when a span lies within a relation's cue ("suggested" in "Rubio suggested that")."""
        return any(r.cue[0] <= start and end <= r.cue[1] for r in self._near(start))

    def _near(self, offset: int) -> tuple[Relation, ...]:
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.in_sentence(i) if i >= 0 and offset < self.sentences[i].end else ()


def _span_record(doc: Document, span: tuple[int, int]) -> dict:
    """A span as an editor jumps to it: its words, and 1-based lines and columns (code points)."""
    (line, column), (end_line, end_column) = doc.lines.position(span[0]), doc.lines.position(span[1])
    return {"text": doc.text[span[0]:span[1]], "line": line, "column": column, "end_line": end_line,
            "end_column": end_column}


def record(doc: Document, r: Relation) -> dict:
    """One relation as plain data: its source's class and name, and where its source, cue and content are."""
    return {"class": r.kind, "name": r.referent or r.name, "quote": r.quote,
            "source": _span_record(doc, r.source) if r.source else None, "cue": _span_record(doc, r.cue),
            "content": [_span_record(doc, c) for c in r.content]}


def analyse(doc: Document) -> Attribution:
    """Every relation of the draft (computed once, as doc.analyses.attribution)."""
    reader = Reader(doc, words_of(doc.lexicon), doc.analyses.capitalised)
    sentences: list[Sentence] = []
    found: list[Relation] = []
    mentions: list[tuple[int, str]] = []  # (sentence, name) of people a sentence opens on, not as sources
    for p in doc.paragraphs:
        if p.kind == "metadata":
            continue
        label = _speaker_label(doc, p)
        for s in p.sentences:
            index = len(sentences)
            sentences.append(s)
            here = [_relation(doc, f, index) for f in sentence_relations(reader, s)]
            if label is not None and s.norms:
                cue, source, name = label
                start = cue[1] if s is p.sentences[0] else s.start_of(0)
                here.append(Relation(cue, source, ((start, sentence_end(doc, s)),), "speaker", name, index))
            if not here and doc.in_quote(s.start, s.end) and found:
                here = _continued(doc, found[-1], s, index, sentences)
            if not here and s.norms and capital(doc, s, 0):
                mention = _mention(reader, s, index)  # "Mayor Ruth Hale spoke on Monday." (then "She said")
                if mention is not None:
                    mentions.append(mention)
            found += here
    relations = _resolve(found, mentions, sentences)
    # Content with no source at all ("it is believed that ...") stays the reporter's: no one owns it.
    spans = sorted((a, b, k) for k, r in enumerate(relations) if r.kind != "sourceless" for a, b in r.content)
    content = tuple(array("q", [span[j] for span in spans]) for j in range(3))
    content += (array("q", itertools.accumulate(content[1], max)),)
    return Attribution(tuple(sentences), tuple(relations), ledger_of(doc, relations, sentences),
                       array("q", [s.start for s in sentences]), array("q", [r.sentence for r in relations]), content)


def sentence_relations(r: Reader, s: Sentence) -> list[Found]:
    """The relations one sentence makes, strongest evidence first."""
    norms = s.norms
    if not norms or r.words.screen.isdisjoint(norms):  # (most sentences)
        headline = cues.colon(r, s)
        return [headline] if headline else []
    used: set[int] = set()
    out = cues.according(r, s, used) + cues.agentless(r, s, used)
    in_source = cues.in_source(r, s)
    if in_source:
        out.append(in_source)
    out += groups.quantified(r, s, used) + cues.claim_nouns(r, s, used) + cues.reactions(r, s, used)
    out += cues.published(r, s, used)
    title_case = None  # (counted once, when a verb is capitalised)
    for i in s.positions(r.words.verbs):
        if i in used or r.doc.in_quote(s.start_of(i)):
            continue
        if i and capital(r.doc, s, i):
            title_case = _title_case(r, s) if title_case is None else title_case
            if not title_case:
                continue  # a capital mid-sentence: a name ("Billy Said", "the Post")
        relation = verb_relation(r, s, i)
        if relation is not None:
            out.append(relation)
            used.add(i)
    spoken = {f.cue for f in out if f.source is not None}
    out = [f for f in out if f.source is not None or f.cue not in spoken]  # "the AP reports that": not a noun
    headline = cues.colon(r, s)
    return out + [headline] if headline else out


def _title_case(r: Reader, s: Sentence) -> bool:
    """A headline in title case ("Paul Ryan Thinks About Trump") capitalises its verbs too."""
    n = len(s.norms)
    return n >= 3 and sum(capital(r.doc, s, k) for k in range(n)) >= 0.7 * n


def _relation(doc: Document, f: Found, index: int) -> Relation:
    quote = bool(f.content) and all(doc.in_quote(a, b) or _quoted(doc, a, b) for a, b in f.content)
    return Relation(f.cue, f.source, f.content, f.kind, f.name, index, quote)


def _quoted(doc: Document, start: int, end: int) -> bool:
    """A span that opens and closes a quotation ('"We will win,"')."""
    words = doc.view[start:end].strip(" ,.")
    return len(words) > 1 and words[0] in "“\"" and words[-1] in "”\""


def _speaker_label(doc: Document, p: Paragraph) -> tuple[Span, Span, str] | None:
    """An interview's 'Q:' and 'A:' or a transcript's 'FALLIN:' opens a paragraph of what they said."""
    if p.kind == "heading" or not p.sentences:
        return None
    m = _LABEL.match(doc.view, p.start, p.end)
    if not m:
        return None
    label = doc.view[p.start:m.end()].rstrip()[:-1]
    if label.lower() in LABELS or not (label in ("Q", "A") or label.isupper() and len(label) > 1
                                              or len(label.split()) >= 2):
        return None
    colon = doc.view.index(":", p.start)
    return (colon, colon + 1), (p.start, colon), label


def _continued(doc: Document, last: Relation, s: Sentence, index: int, sentences: list[Sentence]) -> list[Relation]:
    """A quoted sentence with no cue of its own that follows a quote's attribution, in its paragraph
    or the next, continues it: '"We will win," he said. "We are going to win big."'"""
    before = sentences[last.sentence]
    if not last.quote or s.paragraph - before.paragraph > 1 or index - last.sentence > 3:
        return []
    return [last._replace(content=((s.start, s.end),), sentence=index)]


def _mention(r: Reader, s: Sentence, index: int) -> tuple[int, str] | None:
    """The person a sentence with no relation opens on, whom a pronoun after it may mean."""
    norms = s.norms
    if norms[0] in NOT_NAMES and norms[0] not in PREPOSITIONS and norms[0] not in CLAUSE_STOPS:
        return None  # "The ...", "It ...", "However ...": it opens on no one (the test below, made early)
    lead = leading_subject(r, s)
    if not lead or norms[lead[0]] in NOT_NAMES or norms[lead[0]] in PREPOSITIONS or norms[lead[0]] in CLAUSE_STOPS:
        return None  # "On Twitter ...", "But Clinton ..."
    if not (norms[lead[0]].strip(".") in r.words.titles or norms[lead[-1]].replace("'s", "") in r.capitalised):
        return None  # a surname the draft writes mid-sentence too, or a title: a person ("Contributing" is not)
    after = lead[-1] + 1
    if after >= len(norms) or capital(r.doc, s, after) or not joined(r.doc, s, lead[-1]):
        return None  # a name runs on into a verb: not a title-case headline, not "Name: ..."
    kind, name = classify(r, s, lead)
    return (index, name) if kind == "person" else None


def _resolve(relations: list[Relation], mentions: list[tuple[int, str]], sentences: list[Sentence]
             ) -> list[Relation]:
    """A pronoun or a definite title ("he", "the president") refers back to the last person named
    as a source, or opening a sentence, in the paragraph before or this one."""
    out = []
    last: str | None = None
    last_paragraph = -1
    m = 0
    for r in relations:
        while m < len(mentions) and mentions[m][0] < r.sentence:
            last, last_paragraph = mentions[m][1], sentences[mentions[m][0]].paragraph
            m += 1
        paragraph = sentences[r.sentence].paragraph
        if paragraph > last_paragraph + 2:  # (a heading may stand between)
            last = None
        last_paragraph = paragraph
        if r.kind == "person":
            last = r.name.split(" and ")[-1]
        elif r.kind == "pronoun" and last is not None:
            r = r._replace(referent=last)
        out.append(r)
    return out
