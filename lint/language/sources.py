"""Who a noun phrase names as a source: its class, and the name the ledger gives it (where the
phrase stands is lint.language.subjects').

Classes: person, organisation (or outlet), document (a named document or data set), pronoun (he,
she, "the president": resolved to a named source later), anonymous (unnamed, identified by role),
group (a quantified or generic group: "some Republicans", "critics"), unowned (evidence or a
document with no owner: "studies", "reports"), described (an unnamed person described: "the
designer"), speaker (a transcript's label), sourceless (no source: a passive, "reportedly").
"""
from __future__ import annotations

import re
from typing import NamedTuple

from .document import Document, Sentence
from .tokens import (CALENDAR, KNOWING, NOT_NAMES, NOT_PEOPLE, NUMBERS, PRONOUNS, QUANTIFIERS, RELATIVES, capital,
                     joined, proper, text)
from .vocabulary import Words

SOURCE_CLASSES = ("person", "organisation", "pronoun", "anonymous", "group", "document", "unowned", "described",
                  "respondents")
NAMED = ("person", "organisation", "document")


class Reader(NamedTuple):
    """What reading a document's phrases needs: the document, its words, its capitalised words."""

    doc: Document
    words: Words
    capitalised: frozenset[str]

    def proper(self, s: Sentence, k: int) -> bool:
        """Word k is (part of) a name; a capitalised title opening the sentence is ("Secretary of State ...")."""
        return proper(self.doc, s, k, self.capitalised) or (
            capital(self.doc, s, k) and s.norms[k].strip(".") in self.words.titles and k + 1 < len(s.norms)
            and joined(self.doc, s, k) and (capital(self.doc, s, k + 1) or s.norms[k + 1] == "of"))


def classify(r: Reader, s: Sentence, np: list[int]) -> tuple[str | None, str]:
    """The class of source a noun phrase names, and the name the ledger gives it (or its words)."""
    doc, norms, w = r.doc, s.norms, r.words
    phrase = text(doc, s, np[0], np[-1])
    full, np = np, _before_modifier(w, norms, np)  # "a person familiar with the matter": the person speaks
    words = [norms[k].replace("'s", "") for k in np]
    head, first = words[-1], words[0]
    if len(np) == 1 and head.split("'")[0] in PRONOUNS:
        head = head.split("'")[0]  # "I've", "we're"
        return ("pronoun", phrase) if head in ("he", "she", "they", "i", "we") else (None, "")
    if head in RELATIVES:
        return None, ""
    if _respondents(doc, s, np, words):
        return "respondents", phrase
    names = [k for k in np if r.proper(s, k)]
    if first in QUANTIFIERS or first == "a" and len(words) > 2 and words[1] == "number":
        if not people(r, s, np):
            return None, ""  # "most likely", "many of the improper charges"
        return group_kind(w, norms, np[0], np[-1]), phrase
    if head in w.anonymous_heads:
        after = [k for k in np[words.index(head) + 1:] if k in names]
        if after:
            return "person", name_of(r, s, after)  # "spokesman Alex Conant"
        crowd = head in ("people", "person") and np == full and first not in ("a", "two", "three")
        if not crowd:
            return "anonymous", phrase
    if head in w.unowned_heads and not names:
        owned = first in ("the", "this", "that", "its", "their", "his", "her") or norms[np[0]].endswith("'s")
        return ("document" if owned else "unowned"), phrase  # "Greenberg's research", "the study"
    if head in w.vague_heads and all(w.is_place(norms[k]) and norms[k] not in w.parties for k in names):
        return "group", phrase  # "critics", "Americans", "Republican voters"
    if first == "the" and names and names[-1] < np[-1] and head in w.title_heads and head not in w.org_words \
            and all(w.is_place(norms[k]) or norms[k] in w.parties for k in names):
        return "pronoun", phrase  # "the Texas senator", "the Republican presidential candidate": named before
    if names:
        return _named(r, s, np, words, names, phrase)
    if len(np) == 1:
        if head in w.org_words or head in w.title_heads or head in w.role_heads:
            return "described", phrase  # "Police said", "prosecutors say"
        if np[0] == 0 and _opening_name(r, s, head):
            # "Rubio said"; an unknown plural of people is a group ("Politicians say")
            return ("group", phrase) if AGENTS.match(head) else ("person", phrase)
    if first == "the" and head in w.title_heads:
        return "pronoun", phrase  # "the president": someone named before
    if first in ("his", "her", "their", "its") and (head in w.title_heads or head in w.role_heads):
        return "pronoun", phrase  # "her campaign", "his spokesman"
    if head in w.document_heads:
        return "document", phrase
    if first in ("the", "a", "an", "one", "another") and len(words) > 1 and _person_like(w, head):
        return "described", phrase  # "the designer", "a teacher from Mount Pleasant"
    return None, ""


_AGENT = re.compile(r"[a-z]{2,}(?:ers?|ors?|ists?|ians?|ants?|ents?|man|woman|men|women|person|people)$")


SHARES = frozenset("percent per cent majority plurality half third thirds quarter quarters respondents".split())
_POLLED = frozenset("surveyed polled asked questioned interviewed".split())


def people(r: Reader, s: Sentence, np: list[int]) -> bool:
    """A quantified phrase about people, studies or reports: "many in the room", "some
    Republicans", "most of us", "several studies"; not "most likely" or "all gun sales"."""
    norms, w = s.norms, r.words
    q, end = np[0], np[-1]
    if q < end and norms[q + 1] in NOT_PEOPLE:
        return False
    if end == q or norms[end] in ("us", "them", "you", "those"):
        return True  # "Many fear", "most of us", "a number of them"
    head = group_head(norms, q, end)
    one = head[:-1] if head.endswith("s") else head  # "candidates": a candidate
    return (head in ("in", "at", "on") or head in w.vague_heads or head in w.anonymous_heads
            or head in w.role_heads or head in w.unowned_heads or one in w.title_heads or one in w.role_heads
            or AGENTS.match(head) is not None or capital(r.doc, s, end) or head in ("people", "men", "women"))


def group_head(norms: tuple[str, ...], q: int, end: int) -> str:
    """"many recent studies of the minimum wage" -> studies; "many of his advisers" -> advisers;
    "many in the region" -> in (people somewhere)."""
    if q < end and norms[q + 1] in ("in", "at", "on", "across", "within"):
        return "in"
    for k in range(q + 1, end + 1):
        if norms[k] in ("of", "in", "at", "from", "on") and k - 1 > q and norms[k - 1] != "number":
            return norms[k - 1]
    return norms[end]


def group_kind(w: Words, norms: tuple[str, ...], q: int, end: int) -> str:
    """A quantified phrase's class: evidence ("several studies"), unnamed people identified by role
    ("several officials", "multiple sources"), or a group ("some Republicans", "many in the region")."""
    head = group_head(norms, q, end)
    if head in w.unowned_heads:
        return "unowned"
    return "anonymous" if head in w.anonymous_heads and head not in w.vague_heads else "group"


def _respondents(doc: Document, s: Sentence, np: list[int], words: list[str]) -> bool:
    """A poll's respondents as a share of them: "47% say", "two in three said", "most of those
    surveyed", "a majority of Americans": the poll stands behind them, not a vague crowd."""
    if words[-1] in _POLLED and len(words) >= 2 and words[-2] == "those" or words[-1] == "respondents":
        return True
    for j, k in enumerate(np):
        if words[j] in SHARES or doc.view[s.end_of(k):s.end_of(k) + 1] == "%":
            return True
        if words[j] == "in" and 0 < j < len(words) - 1 and _count(words[j - 1]) and _count(words[j + 1]):
            return True  # "two in three", "1 in 4"
    return False


def _count(word: str) -> bool:
    return word.isdigit() or word in NUMBERS


def _before_modifier(w: Words, norms: tuple[str, ...], np: list[int]) -> list[int]:
    """A source phrase cut before what describes it by what it knows ("officials familiar with the
    talks", "people close to her", "an official with knowledge of the plan")."""
    for p in range(1, len(np)):
        word, nxt = norms[np[p]], norms[np[p + 1]] if p + 1 < len(np) else ""
        if word in KNOWING or word == "with" and nxt in KNOWING:
            head = norms[np[p - 1]]
            if head in w.anonymous_heads or head in w.vague_heads or head in w.title_heads or head in w.role_heads:
                return np[:p]
            return np
    return np


def _opening_name(r: Reader, s: Sentence, head: str) -> bool:
    """A lone capitalised word opening the sentence as a cue's subject ("Rubio said"): a name, as
    a common noun there would need a determiner, unless it is a known word or a place."""
    return (capital(r.doc, s, 0) and head.isalpha() and head not in NOT_NAMES and head not in CALENDAR
            and not r.words.is_place(head))


AGENTS = re.compile(r"[a-z]{3,}(?:ers|ors|ists|ians|ants|ents|ives|ites|ans)$")  # people, counted


def _person_like(w: Words, head: str) -> bool:
    """A head that names someone by what they do ("designer", "teacher", "chairwoman"), not a thing
    ("acknowledgment", "parties"): only people are described sources."""
    return head not in CALENDAR and (head in w.role_heads or head in w.title_heads or _AGENT.match(head) is not None)


def _named(r: Reader, s: Sentence, np: list[int], words: list[str], names: list[int], phrase: str
           ) -> tuple[str | None, str]:
    doc, norms, w = r.doc, s.norms, r.words
    head, last = words[-1], names[-1]
    if head in w.vague_heads:
        return "organisation", phrase  # a group a name says whose: "Senate Republicans", "Mr. Trump's supporters"
    if last != np[-1] and head not in w.document_heads and head not in w.org_words and head not in w.title_heads:
        if any(norms[k].endswith("'s") for k in names) and head not in w.speech_nouns:
            return None, ""  # "Trump's stance" does not speak; "Trump's comments" do
    if head in w.document_heads and not (last == np[-1] and head in w.org_words):
        return "document", phrase  # "a Gallup poll"; "The Washington Post" is an outlet
    # "Donald Trump and Ted Cruz": the names with the "and" between them, for the ledger to split
    name = name_of(r, s, [k for k in np if k in names or norms[k] == "and" and names[0] < k < names[-1]])
    of = next((k for k in np if norms[k] in ("of", "from")), None)
    if of is not None and w.is_place(name) and any(k < of for k in names):
        name = name_of(r, s, [k for k in names if k < of])  # "Senator Chris Murphy of Connecticut"
    if not name:
        return None, ""
    if w.is_place(name):
        # "Paris", "American": where or what, not who; "a US newspaper" is someone unnamed
        return ("described", phrase) if last != np[-1] and _person_like(w, head) or head in w.org_words else (None, "")
    if any(word in w.org_words for word in words) or doc.view[s.start_of(last):s.end_of(last)].isupper():
        return "organisation", name
    return "person", name


def name_of(r: Reader, s: Sentence, ks: list[int]) -> str:
    """The name as the draft writes it, titles and places before it cut ("Montana Sen. Jon Tester"
    -> "Jon Tester"), a possessive cut; coordinated names joined by " and "."""
    norms = s.norms
    ands = [i for i, k in enumerate(ks) if norms[k] == "and"]
    if ands:
        parts, start = [], 0
        for a in [*ands, len(ks)]:
            if ks[start:a]:
                parts.append(name_of(r, s, ks[start:a]))
            start = a + 1
        return " and ".join(p for p in parts if p)
    ks = [k for k in ks if norms[k] not in CALENDAR]
    if not ks:
        return ""
    titled = [i for i, k in enumerate(ks[:-1]) if norms[k].strip(".") in r.words.titles]
    if titled:
        ks = ks[titled[-1] + 1:]
    run = [ks[-1]]
    for k in reversed(ks[:-1]):
        if k != run[0] - 1 or not joined(r.doc, s, k):
            break
        run.insert(0, k)
    written = text(r.doc, s, run[0], run[-1])
    return written[:-2] if written.endswith(("’s", "'s")) else written

