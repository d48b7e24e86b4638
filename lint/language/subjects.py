"""Where a cue's source stands: the noun phrase before a verb ("Rubio said"), across an aside
("Senator Richard Shelby, the Alabama Republican who heads ..., said"), after an inverted cue ('said
Rubio') or "according to", the clause a speaker verb opens on, and the name a sentence opens on.
What the phrase names, and its class, is lint.language.sources'."""
from __future__ import annotations

from .document import Sentence
from .sources import SHARES, SOURCE_CLASSES, Reader, classify
from .tokens import (BE, CLAUSE_STOPS, DETERMINERS, KNOWING, MODALS, PREPOSITIONS, PRONOUNS, capital, gap, joined,
                     nounish)


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
    if not lead or lead[-1] >= k or k - lead[-1] > _ASIDE or "," not in gap(r.doc, s, lead[-1]) \
            or s.norms[lead[-1] + 1] in ("and", "or"):
        return []
    if any(";" in gap(r.doc, s, j) or s.norms[j] in ("and", "but") and "," in gap(r.doc, s, j - 1)
           for j in range(lead[-1] + 1, k)):
        return []  # a list or a clause of the reporter's, not an aside
    return lead if classify(r, s, lead)[0] == "person" else []


_ASIDE = 40  # words an aside may run: a run-on "sentence" of a megabyte holds thousands of cues


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
                           or norms[j - 1] in w.vague_heads or norms[j - 1] in SHARES
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
