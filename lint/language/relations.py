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
from collections.abc import Sequence
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


class Relations(Sequence):
    """A draft's relations in order, kept as columns of numbers (a 50 MB draft holds 185,000 of
    them; as tuples of tuples they took 0.5 KB each): each is built as a Relation when it is read."""

    def __init__(self) -> None:
        self._cue = array("q")  # start, end of each
        self._source = array("q")  # start, end of each; -1, -1 for none
        self._content = array("q")  # start, end of every content span, relation after relation
        self._content_at = array("q", [0])  # where each relation's spans begin in _content
        self._kind = array("B")  # index into _kinds
        self._kinds: list[str] = []
        self.sentence = array("q")  # each relation's sentence (Attribution.sentences), in order
        self._quote = bytearray()
        self._names: list[str] = []
        self._strings: dict[str, str] = {}  # one string for each distinct name
        self._referents: dict[int, str] = {}

    def append(self, r: Relation) -> None:
        self._cue.extend(r.cue)
        self._source.extend(r.source or (-1, -1))
        for span in r.content:
            self._content.extend(span)
        self._content_at.append(len(self._content))
        if r.kind not in self._kinds:
            self._kinds.append(r.kind)
        self._kind.append(self._kinds.index(r.kind))
        self.sentence.append(r.sentence)
        self._quote.append(r.quote)
        self._names.append(self._strings.setdefault(r.name, r.name))
        if r.referent is not None:
            self._referents[len(self) - 1] = r.referent

    def refer(self, i: int, name: str) -> None:
        self._referents[i] = name

    def kind(self, i: int) -> str:
        return self._kinds[self._kind[i]]

    def name(self, i: int) -> str:
        return self._names[i]

    def spans(self, i: int) -> list[Span]:
        """The content spans of relation i."""
        c, a, b = self._content, self._content_at[i], self._content_at[i + 1]
        return [(c[k], c[k + 1]) for k in range(a, b, 2)]

    def __len__(self) -> int:
        return len(self.sentence)

    def __iter__(self):
        return map(self._build, range(len(self)))

    def __getitem__(self, i):
        if isinstance(i, slice):
            start, stop, step = i.indices(len(self))
            return tuple(map(self._build, range(start, stop, step)))
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self._build(i)

    def _build(self, i: int) -> Relation:
        cue, source = self._cue, self._source
        spoken = (source[2 * i], source[2 * i + 1]) if source[2 * i] >= 0 else None
        return Relation((cue[2 * i], cue[2 * i + 1]), spoken, tuple(self.spans(i)), self.kind(i), self._names[i],
                        self.sentence[i], bool(self._quote[i]), self._referents.get(i))


@dataclass(frozen=True)
class Attribution:
    sentences: tuple[Sentence, ...]  # of the body and the headlines, in order
    relations: Relations  # in order of their sentences
    ledger: tuple[Entry, ...]
    starts: array  # of the sentences, for lookups
    # Content spans kept as arrays (a dense megabyte draft holds thousands of relations):
    _content: tuple[array, array, array, array]  # start, end, relation of every content span by start; the
    # furthest end of the spans up to each, so a lookup stops where no earlier span reaches

    def in_sentence(self, i: int) -> tuple[Relation, ...]:
        of = self.relations.sentence
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
    found = Relations()
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
            if not here and doc.in_quote(s.start, s.end) and len(found):
                here = _continued(doc, found[-1], s, index, sentences)
            if not here and s.norms and capital(doc, s, 0):
                mention = _mention(reader, s, index)  # "Mayor Ruth Hale spoke on Monday." (then "She said")
                if mention is not None:
                    mentions.append(mention)
            for r in here:
                found.append(r)
    _resolve(found, mentions, sentences)
    # Content with no source at all ("it is believed that ...") stays the reporter's: no one owns it.
    spans = sorted((a, b, k) for k in range(len(found)) if found.kind(k) != "sourceless" for a, b in found.spans(k))
    content = tuple(array("q", [span[j] for span in spans]) for j in range(3))
    content += (array("q", itertools.accumulate(content[1], max)),)
    return Attribution(tuple(sentences), found, ledger_of(doc, found, sentences),
                       array("q", [s.start for s in sentences]), content)


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


def _resolve(relations: Relations, mentions: list[tuple[int, str]], sentences: list[Sentence]) -> None:
    """A pronoun or a definite title ("he", "the president") refers back to the last person named
    as a source, or opening a sentence, in the paragraph before or this one."""
    last: str | None = None
    last_paragraph = -1
    m = 0
    for i, sentence in enumerate(relations.sentence):
        while m < len(mentions) and mentions[m][0] < sentence:
            last, last_paragraph = mentions[m][1], sentences[mentions[m][0]].paragraph
            m += 1
        paragraph = sentences[sentence].paragraph
        if paragraph > last_paragraph + 2:  # (a heading may stand between)
            last = None
        last_paragraph = paragraph
        kind = relations.kind(i)
        if kind == "person":
            last = relations.name(i).split(" and ")[-1]
        elif kind == "pronoun" and last is not None:
            relations.refer(i, last)
