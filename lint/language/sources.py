"""Who a noun phrase names as a source: the phrase before or after a cue, and its class.

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
from .tokens import (BE, CALENDAR, CLAUSE_STOPS, DETERMINERS, KNOWING, MODALS, NOT_NAMES, NOT_PEOPLE, NUMBERS, PREPOSITIONS, PRONOUNS, QUANTIFIERS,
                     RELATIVES, capital, gap, joined, nounish, proper, text)
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


def subject_before(r: Reader, s: Sentence, verb: int) -> list[int]:
    """The noun phrase ending just before the cue at word verb; an aside between commas is passed
    over ("Rubio, the secretary of state, said"), and so is a bracket after a name ("Cruz (R-Texas)")."""
    doc, norms = r.doc, s.norms
    k = verb - 1
    if k < 0:
        return []
    between = gap(doc, s, k)
    if norms[k] == "who" and k >= 1 and joined(doc, s, k):  # "critics who say", "Cruz, who says": its antecedent
        antecedent = noun_phrase_back(r, s, k - 1) if joined(doc, s, k - 1) or gap(doc, s, k - 1) == ", " else []
        return antecedent if antecedent and classify(r, s, antecedent)[0] else []
    if between.rstrip().endswith(")"):
        for j in range(k, max(0, k - 6), -1):
            if "(" in gap(doc, s, j - 1):
                inner = noun_phrase_back(r, s, j - 1)
                return inner if inner and any(r.proper(s, x) for x in inner) else []
        return []
    if any(c in between for c in "”\"") or between.endswith(("'' ", "' ")):
        return []  # '"...," said X': the quote is the content, the source comes after
    if any(c in between for c in ",—–"):
        lead = _named_lead(r, s, k)
        if lead:
            return lead  # "Senator Richard Shelby, the Alabama Republican who heads ..., said"
        spoke = False  # a cue inside the aside: only a relative clause may hold one ("Cruz, who says ..., said")
        for j in range(k - 1, max(-1, k - 40), -1):
            g = gap(doc, s, j)
            if ";" in g or any(c in g for c in "”\""):
                return []
            if norms[j] in MODALS or norms[j] in BE and not spoke:
                return []  # a clause, not an aside: "Citizens, not chiefs, should act, says X"
            spoke = spoke or norms[j] in r.words.cue_verbs and not capital(doc, s, j)
            if any(c in g for c in ",—–("):
                if spoke and norms[j + 1] not in ("who", "which"):
                    return []
                np = noun_phrase_back(r, s, j)
                kind = classify(r, s, np)[0] if np else None
                if kind in SOURCE_CLASSES:
                    aside = noun_phrase_back(r, s, k)  # "Her campaign manager, Robby Mook, said"
                    if kind == "described" and aside and aside[0] == j + 1 and classify(r, s, aside)[0] == "person":
                        return np + aside
                    return np
        return []
    return noun_phrase_back(r, s, k) if joined(doc, s, k) else []


def clause_subject(r: Reader, s: Sentence, verb: int) -> list[int]:
    """The words from the start of a clause to the speaker verb at word verb, when nothing but a noun
    phrase stands there: "The deputy head of China's delegation to the forum said", ", all but two
    said". Someone speaks, though no class fits them."""
    doc, norms = r.doc, s.norms
    out: list[int] = []
    k = verb - 1
    while k >= 0 and joined(doc, s, k) and len(out) < 12:
        word = norms[k]
        if word in CLAUSE_STOPS or word in BE or word in MODALS or word in r.words.cue_verbs:
            break
        out.insert(0, k)
        k -= 1
    if not out or len(out) == 12 or norms[out[-1]] in _NOT_HEADS or norms[out[0]] in PREPOSITIONS:
        return []
    first = out[0]
    opens = first == 0 or norms[first - 1] in CLAUSE_STOPS or any(c in gap(doc, s, first - 1)
                                                                  for c in ",;:—–(\"“”")
    return out if opens else []


_NOT_HEADS = PRONOUNS - {"it"} | PREPOSITIONS | frozenset("the a an this these those what who please let".split())


def _named_lead(r: Reader, s: Sentence, k: int) -> list[int]:
    """The person a clause opens on when an aside between commas runs from that name to the cue
    ending at word k, however long the aside is and whatever it holds (a relative clause, a title):
    "Senator Richard Shelby, the Alabama Republican who heads ..., said"."""
    lead = leading_subject(r, s)
    if not lead or lead[-1] >= k or "," not in gap(r.doc, s, lead[-1]):
        lead = _name_before_aside(r, s, k)
    if not lead or lead[-1] >= k or "," not in gap(r.doc, s, lead[-1]) or s.norms[lead[-1] + 1] in ("and", "or"):
        return []
    if any(";" in gap(r.doc, s, j) or s.norms[j] in ("and", "but") and "," in gap(r.doc, s, j - 1)
           for j in range(lead[-1] + 1, k)):
        return []  # a list or a clause of the reporter's, not an aside
    return lead if classify(r, s, lead)[0] == "person" else []


def _name_before_aside(r: Reader, s: Sentence, k: int) -> list[int]:
    """Mid-sentence, the name before the comma that opens the aside ending at word k: "..., Roberta
    Lange, the state party chairwoman, said"; the name must open its clause (a comma or a clause word
    before it)."""
    doc, norms = r.doc, s.norms
    for c in range(k - 1, max(-1, k - 30), -1):
        between = gap(doc, s, c)
        if ";" in between or any(q in between for q in "”\""):
            return []
        if c < k - 1 and "," in between:
            np = noun_phrase_back(r, s, c)
            if np and (np[0] == 0 or "," in gap(doc, s, np[0] - 1) or norms[np[0] - 1] in CLAUSE_STOPS) \
                    and all(r.proper(s, x) for x in np) and classify(r, s, np)[0] == "person":
                return np
    return []


def noun_phrase_back(r: Reader, s: Sentence, k: int) -> list[int]:
    """The noun phrase ending at word k, going back to its determiner: "a spokesman for the campaign",
    "Donald Trump and Ted Cruz", "Trump's campaign manager"."""
    doc, norms, w = r.doc, s.norms, r.words
    if norms[k] in PRONOUNS:
        return [k]
    if norms[k] in CLAUSE_STOPS - {"that"} or norms[k] in PREPOSITIONS or (
            norms[k] in w.cue_verbs and not nounish(doc, s, k) and norms[k] not in w.document_heads
            and norms[k] not in w.unowned_heads):
        return []  # a verb, not a head ("Trump's comments" and "the report" are heads)
    out = [k]
    j = k - 1
    while j >= 0 and len(out) < 12 and joined(doc, s, j):
        word = norms[j]
        if word == "and" and j >= 1 and capital(doc, s, j - 1) and capital(doc, s, j + 1) and joined(doc, s, j - 1):
            out.insert(0, j)
            j -= 1
            continue
        if word in CLAUSE_STOPS or word in BE or word in MODALS or (
                word in w.cue_verbs and not capital(doc, s, j) and word not in w.unowned_heads):
            break
        if word in PREPOSITIONS:  # "a spokesman for the campaign": after a source's head or a name
            if j >= 1 and (norms[j - 1] in w.anonymous_heads or norms[j - 1] in w.title_heads
                           or norms[j - 1] in w.vague_heads or norms[j - 1] in _SHARES
                           or capital(doc, s, j - 1)) and joined(doc, s, j - 1):
                out.insert(0, j)
                j -= 1
                continue
            if j >= 2 and norms[j - 1] in KNOWING and joined(doc, s, j - 2) and joined(doc, s, j - 1):
                out[:0] = [j - 1, j]  # "a person familiar with the matter"
                j -= 2
                continue
            break
        out.insert(0, j)
        if word in DETERMINERS and not (j >= 1 and (norms[j - 1] in PREPOSITIONS or norms[j - 1] == "and")):
            break
        j -= 1
    while out and (norms[out[0]] in PREPOSITIONS or norms[out[0]] == "and"):
        out.pop(0)
    return out


def phrase_after(r: Reader, s: Sentence, start: int) -> list[int]:
    """The noun phrase from word start: an inverted source ('said Rubio') or the one after
    "according to", up to a clause word, a verb or punctuation."""
    doc, norms = r.doc, s.norms
    out: list[int] = []
    k = start
    while k < len(norms) and len(out) < 8 and (not out or joined(doc, s, k - 1)):
        word = norms[k]
        joins = word == "and" and k + 1 < len(norms) and norms[k + 1] not in CLAUSE_STOPS | MODALS | BE \
            and norms[k + 1] not in r.words.cue_verbs  # "said the entrepreneur and author"
        if out and not joins and (word in CLAUSE_STOPS or word in MODALS or word in BE
                                  or word in r.words.cue_verbs and not capital(doc, s, k)):
            break
        out.append(k)
        k += 1
    return out


def ends_phrase(r: Reader, s: Sentence, np: list[int]) -> bool:
    """An inverted source ends the sentence or runs into punctuation or an aside ("said Rubio, who")."""
    last = np[-1]
    if last + 1 >= len(s.norms):
        return True
    return any(c in gap(r.doc, s, last) for c in ",;:—–(\"”") or s.norms[last + 1] in (
        "who", "whose", "of", "in", "at", "on")


def leading_subject(r: Reader, s: Sentence) -> list[int]:
    """The sentence's opening name ("Secretary of State Marco Rubio gave ..."), or its pronoun."""
    norms = s.norms
    first = 0
    if norms[0] in PREPOSITIONS or norms[0] in CLAUSE_STOPS:  # "On Tuesday, Sanders went further"
        first = next((k + 1 for k in range(min(8, len(norms) - 1)) if "," in gap(r.doc, s, k)), len(norms))
        if first >= len(norms):
            return []
    if norms[first] in ("he", "she", "they"):
        return [first]
    out: list[int] = []
    for k in range(first, len(norms)):
        if k > first and not joined(r.doc, s, k - 1):
            break
        if r.proper(s, k) or (out and norms[k] in ("of", "the", "and")):
            out.append(k)
        else:
            break
    while out and norms[out[-1]] in ("of", "the", "and"):
        out.pop()
    return out


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


_SHARES = frozenset("percent per cent majority plurality half third thirds quarter quarters respondents".split())
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
        if words[j] in _SHARES or doc.view[s.end_of(k):s.end_of(k) + 1] == "%":
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

