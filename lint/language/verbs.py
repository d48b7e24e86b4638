"""Relations a verb makes: a source before it ("Rubio said the talks ..."), after it ('"...,"
said Rubio'), the subject of a participle (", saying that ..."), the agent of a passive ("was
echoed by her campaign"), or none ("it is believed", "is expected to")."""
from __future__ import annotations

import re
from typing import NamedTuple

from .document import Sentence
from .sources import SOURCE_CLASSES, Reader, classify
from .subjects import clause_subject, ends_phrase, leading_subject, phrase_after, subject_before
from .tokens import AUX, BE, CLAUSE_STOPS, MODALS, adverb, after, around, gap, joined, nounish, sentence_end, text

Span = tuple[int, int]
_SUBJECTS = frozenset("he she it they we i".split())


class Found(NamedTuple):
    """A relation as a finder reads it: spans in the view, and the source's class and name."""

    cue: Span
    source: Span | None
    content: tuple[Span, ...]
    kind: str
    name: str


def verb_relation(r: Reader, s: Sentence, i: int) -> Found | None:
    """The relation the cue verb at word i makes, if any."""
    doc, norms = r.doc, s.norms
    if nounish(doc, s, i):
        return None
    # Past the auxiliaries and adverbs before the verb, which are part of the cue; before an -ing
    # form, "is" and "were" too: "is saying" is someone speaking, not a passive.
    progressive = norms[i].endswith("ing")
    k = i - 1
    while k >= 0 and joined(doc, s, k) and (norms[k] in AUX and norms[k] not in BE or progressive and norms[k] in BE
                                            or adverb(doc, s, k)):
        k -= 1
    before = norms[k] if k >= 0 else ""
    if before == "to" or before in MODALS and before not in ("will", "would") or before == "what":
        return None  # "refused to say", "may reveal", "what she thought": no one says it here
    if not progressive and (before in BE or any(norms[j] in BE for j in range(k + 1, i))):
        return _passive(r, s, i, k)
    cue_first, cue_last = k + 1, _cue_tail(r, s, i)
    # A bare -ing form after a noun modifies it ("a super PAC supporting Clinton"): no one speaks;
    # after "he's" or "they're" it is the verb.
    bare = cue_first == i and progressive and not before.endswith(_CONTRACTED)
    subject = subject_before(r, s, cue_first) if not bare else []
    kind, name = classify(r, s, subject) if subject else (None, "")
    unclassed = not kind and norms[i] in r.words.speaker_verbs
    if unclassed:
        subject = clause_subject(r, s, cue_first)
        kind, name = ("described", text(doc, s, subject[0], subject[-1])) if subject else (None, "")
    if kind:
        content = _content_after(r, s, i, cue_last)
        if unclassed and sum(s.word_at(b) - s.word_at(a) for a, b in content) < 2:
            return None  # a clause says who speaks where no class does: "Both said nothing" holds none
        if not content:
            content = _content_before(r, s, subject[0])
        elif subject[0] > 0 and "," in gap(doc, s, subject[0] - 1) and "," in gap(doc, s, cue_last):
            content = _content_before(r, s, subject[0]) + content  # "The deal, Trump said, is dead."
        if cue_first and norms[cue_first - 1] == "who" and content:
            content = _to_comma(r, s, cue_last, content)  # "Cruz, who says ..., said": the aside's own
        elif subject[0] and norms[subject[0] - 1] in _SUBORDINATORS and content:
            content = _to_comma(r, s, cue_last, content)  # "While both parties say ..., they differ"
        content = _own_clause(r, s, cue_last, content)
        return Found((s.start_of(cue_first), s.end_of(cue_last)), (s.start_of(subject[0]), s.end_of(subject[-1])),
                     content, kind, name)
    if norms[i] in r.words.inverting and _after_quote_or_comma(r, s, cue_first):
        np = phrase_after(r, s, i + 1)
        if np and not ends_phrase(r, s, np):  # 'says Stu Rothenberg of the non-partisan ... Report'
            cut = next((j for j in range(1, len(np)) if norms[np[j]] in ("of", "from", "at")), None)
            np = np[:cut] if cut else []
        if np and ends_phrase(r, s, np):
            kind, name = classify(r, s, np)
            if not kind and np[-1] + 1 < len(norms) and "," in gap(doc, s, np[-1]):  # 'said Rubio's deputy campaign manager, Rich Beeson,'
                named = phrase_after(r, s, np[-1] + 1)
                if named and ends_phrase(r, s, named) and classify(r, s, named)[0] == "person":
                    np, (kind, name) = np + named, classify(r, s, named)
            if kind:
                return Found((s.start_of(cue_first), s.end_of(i)), (s.start_of(np[0]), s.end_of(np[-1])),
                             _content_before(r, s, cue_first), kind, name)
    if norms[i] in r.words.participles and i and "," in gap(doc, s, i - 1):
        lead = leading_subject(r, s)
        kind, name = classify(r, s, lead) if lead else (None, "")
        if kind in ("person", "organisation", "pronoun", "anonymous", "group"):
            return Found((s.start_of(i), s.end_of(cue_last)), (s.start_of(lead[0]), s.end_of(lead[-1])),
                         _content_after(r, s, i, cue_last), kind, name)
    return None


_CONTRACTED = ("'s", "’s", "'re", "’re")


def _passive(r: Reader, s: Sentence, i: int, k: int) -> Found | None:
    """"was echoed by her campaign": the agent is the source and the subject the content; with no
    agent, "is seen as" or "is considered" has no source at all."""
    doc, norms = r.doc, s.norms
    first = next((j for j in range(max(k, 0), i) if norms[j] in BE), i)
    if i + 2 < len(norms) and norms[i + 1] == "by" and joined(doc, s, i):
        np = phrase_after(r, s, i + 2)
        kind, name = classify(r, s, np) if np else (None, "")
        if kind in SOURCE_CLASSES:
            return Found((s.start_of(first), s.end_of(i + 1)), (s.start_of(np[0]), s.end_of(np[-1])),
                         around(doc, s, first, np[-1]), kind, name)
        return None
    as_ = i + 1 < len(norms) and norms[i + 1] == "as" and joined(doc, s, i)
    if norms[i] in r.words.agentless_as and (as_ or norms[i] in ("considered", "deemed")):
        last = i + 1 if as_ else i  # "is seen as", "is considered"
        return Found((s.start_of(first), s.end_of(last)), None, around(doc, s, first, last), "sourceless", "")
    return None


def _cue_tail(r: Reader, s: Sentence, i: int) -> int:
    """The last word of a cue: 'said in a statement', 'wrote on Twitter', 'told reporters'."""
    norms = s.norms
    j = i + 1
    for tail in r.words.cue_tails.get(norms[j], ()) if j < len(norms) else ():
        if tuple(norms[j:j + len(tail)]) == tail and all(joined(r.doc, s, x) for x in range(i, j + len(tail) - 1)):
            return j + len(tail) - 1
    return i


def _content_after(r: Reader, s: Sentence, i: int, last: int) -> tuple[Span, ...]:
    """What a verb governs after it, past the listener of "told reporters (that)"."""
    doc, norms = r.doc, s.norms
    j = last + 1
    if j >= len(norms):
        return ()
    if norms[i] in r.words.listener:
        while j < len(norms) and norms[j] != "that" and joined(doc, s, j - 1) and j - last <= 4 \
                and not doc.in_quote(s.start_of(j)) and not any(c in gap(doc, s, j - 1) for c in ":,"):
            if norms[j] in CLAUSE_STOPS or norms[j] in ("the", "a") and j > last + 1 or norms[j] in _SUBJECTS:
                break  # "told reporters the ...", "warned it could": the content begins
            j += 1
    return after(doc, s, j)


# How far after a cue its content's end is looked for: a run-on "sentence" of a megabyte may hold
# thousands of cues, and no clause runs this long.
_REACH = 60
_CLAUSE_BREAK = re.compile(r";|[,—–]\W*(?:but|yet)\b", re.IGNORECASE)
_SUBORDINATORS = frozenset("while although though because if unless whereas since when as".split())


def _own_clause(r: Reader, s: Sentence, last: int, content: tuple[Span, ...]) -> tuple[Span, ...]:
    """Content after the cue ends where the reporter's next clause begins: at a semicolon, or a comma
    or dash before "but" or "yet" ("Aides think the poll helps, but he must avoid a loss")."""
    if last + 2 >= len(s.norms):
        return content
    # (the gaps after the word that follows the cue, up to _REACH words on)
    m = _CLAUSE_BREAK.search(r.doc.view, s.end_of(last + 1), s.end_of(min(len(s.norms) - 1, last + _REACH)))
    if m is None:
        return content
    cut = s.end_of(s.word_at(m.start() + 1) - 1)  # the end of the word before the break
    return tuple((a, min(b, cut)) for a, b in content if a < cut)


def _to_comma(r: Reader, s: Sentence, last: int, content: tuple[Span, ...]) -> tuple[Span, ...]:
    """Content cut at the first comma after the cue's last word."""
    for j in range(last + 1, min(len(s.norms) - 1, last + _REACH)):
        if "," in gap(r.doc, s, j):
            return tuple((a, min(b, s.end_of(j))) for a, b in content if a < s.end_of(j))
    return content


def _content_before(r: Reader, s: Sentence, first: int) -> tuple[Span, ...]:
    """What a trailing attribution governs: the sentence up to the comma or quote before it."""
    if first == 0:
        return ()
    doc = r.doc
    end = s.end_of(first - 1)
    between = gap(doc, s, first - 1)
    mark = max(between.rfind(","), between.rfind("”"), between.rfind('"'), between.rfind("—"))
    if mark >= 0:
        end += mark + (1 if between[mark] in '”"' else 0)
    start = s.start if doc.view[s.start] in "“\"" else s.start_of(0)
    return ((start, min(end, sentence_end(doc, s))),)


def _after_quote_or_comma(r: Reader, s: Sentence, i: int) -> bool:
    doc = r.doc
    before = gap(doc, s, i - 1) if i else doc.view[max(0, s.start_of(i) - 3):s.start_of(i)]
    return any(c in before for c in ",\"”’'—:")
