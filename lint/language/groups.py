"""Relations of groups and evidence with no one named: "many in the region fear", "most Republicans
are frustrated", "convinced many Republicans", "several studies have found"."""
from __future__ import annotations


from .document import Sentence
from .sources import AGENTS, Reader, group_kind, people
from .tokens import AUX, BE, CLAUSE_STOPS, MODALS, adverb, around, after, capital, gap, joined, nounish, text
from .verbs import Found

OPENERS = frozenset("some many most several few various numerous all other others".split())
_NUMBERED = OPENERS | {"a"}  # "a number of"
CLAUSE_OPENERS = frozenset("and but while as because though although even yet so now still also already "
                           "however meanwhile indeed perhaps then when if since where whereas after before until "
                           "which that what".split())
# Prepositions whose object holds a view: "a sense among some", "interpreted by some"; and "to"
# after a judgment: "troubling to many", "clear to most" (not "ceded influence to other powers").
EXPERIENCER_PREPOSITIONS = frozenset("among by".split())


def quantified(r: Reader, s: Sentence, used: set[int]) -> list[Found]:
    """Each quantified group of the sentence that says, thinks, wants or feels something."""
    norms, doc = s.norms, r.doc
    out = []
    for q in s.positions(_NUMBERED if "number" in norms else OPENERS):
        word = norms[q]
        if word == "a" and norms[q + 1:q + 3] != ("number", "of"):
            continue
        if q in used or doc.in_quote(s.start_of(q)) or word in ("other", "all") and norms[q + 1:q + 2] == ("the",):
            continue
        prev = norms[q - 1] if q else ""
        opening = not q or any(c in gap(doc, s, q - 1) for c in ",;:—–(\"“") or prev in CLAUSE_OPENERS
        judged = prev == "to" and q > 1 and (norms[q - 2].endswith("ing") or norms[q - 2] in r.words.feelings)
        experiencer = bool(q) and joined(doc, s, q - 1) and (
            prev in EXPERIENCER_PREPOSITIONS or prev in r.words.experiencer_verbs or judged)
        end = _phrase_end(r, s, q)
        # "caused many to wonder", "led some allies to worry": the view is theirs, however it is framed.
        led = end + 2 < len(norms) and norms[end + 1] == "to" and (norms[end + 2] in r.words.cognition
                                                                     or norms[end + 2] in r.words.group_verbs)
        # "For many activists, talk of surrender is ...": the sentence is their view.
        framed = q == 1 and prev == "for" and "," in gap(doc, s, end)
        if not (opening or experiencer or led or framed) or not people(r, s, list(range(q, end + 1))):
            continue
        if led:
            found = Found((s.start_of(end + 1), s.end_of(end + 2)), (s.start_of(q), s.end_of(end)),
                          after(doc, s, end + 3), group_kind(r.words, norms, q, end), text(doc, s, q, end))
        elif framed:
            found = Found((s.start_of(0), s.end_of(0)), (s.start_of(q), s.end_of(end)), after(doc, s, end + 1),
                          group_kind(r.words, norms, q, end), text(doc, s, q, end))
        elif experiencer:
            found = Found((s.start_of(q - 1), s.end_of(q - 1)), (s.start_of(q), s.end_of(end)),
                          around(doc, s, q - 1, end), group_kind(r.words, norms, q, end), text(doc, s, q, end))
        else:
            found = _predicate(r, s, q, end, used)
        if found is not None:
            out.append(found)
            used.update(range(q, end + 1))
    return out


def _phrase_end(r: Reader, s: Sentence, q: int) -> int:
    """The last word of a quantified phrase: "some (close Clinton) allies", "a number of Democrats"."""
    norms, w = s.norms, r.words
    j = q
    while j + 1 < len(norms) and j - q < 8 and joined(r.doc, s, j):
        word = norms[j + 1]
        verb = word in w.cue_verbs and not nounish(r.doc, s, j + 1) and not _verb_follows(r, s, j + 2)
        if word == "and" and gap(r.doc, s, j) in ("-", "–") or word == "and" and _people_next(r, s, j + 2):
            j += 1  # "rank-and-file unionists", "many Democrats and Republicans"
            continue
        if verb or word in BE or word in MODALS or word in AUX or word in w.group_verbs or word in w.feelings \
                or word in CLAUSE_STOPS or word == "to" or word in _LINKING or norms[j + 2:j + 4] == ("it", "clear"):
            break
        j += 1
    return j


def _people_next(r: Reader, s: Sentence, k: int) -> bool:
    """The word at k names people too: "many Democrats and Republicans", "marchers and spectators"."""
    return k < len(s.norms) and joined(r.doc, s, k - 1) and (
        capital(r.doc, s, k) or s.norms[k] in r.words.vague_heads or AGENTS.match(s.norms[k]) is not None)


def _verb_follows(r: Reader, s: Sentence, k: int) -> bool:
    """The word at k is the phrase's verb, so the one before it is a noun: "most member states believe"."""
    w = r.words
    return k < len(s.norms) and joined(r.doc, s, k - 1) and (
        s.norms[k] in w.cue_verbs or s.norms[k] in w.group_verbs or s.norms[k] in BE or s.norms[k] in MODALS)


_LINKING = frozenset("seem seems seemed sound sounds sounded remain remains remained appear appears appeared "
                     "grow grows grew become becomes became feel feels felt look looks looked".split())
_INTENSIFIERS = frozenset("far less more very so too much increasingly deeply vehemently still even".split())


def _past_aside(r: Reader, s: Sentence, end: int) -> int:
    """The word after an aside that follows a group's phrase (", including her advisers,", ", though,",
    ", who were insured at a higher rate,"), or the word after the phrase."""
    norms = s.norms
    if end + 1 >= len(norms) or "," not in gap(r.doc, s, end):
        return end + 1
    for k in range(end + 1, min(len(norms) - 1, end + 25)):
        between = gap(r.doc, s, k)
        if ";" in between or r.doc.in_quote(s.start_of(k)):
            break
        if "," in between:
            return k + 1
    return end + 1


def _predicate(r: Reader, s: Sentence, q: int, end: int, used: set[int]) -> Found | None:
    """The group's verb or feeling after its phrase, past auxiliaries and adverbs."""
    norms, w = s.norms, r.words
    j = first = _past_aside(r, s, end)  # "Many Democrats, including her advisers, are mindful"
    while j < len(norms) and (norms[j] in AUX or norms[j] in MODALS or norms[j] in ("have", "been", "be", "do")
                              or adverb(r.doc, s, j)):
        j += 1
    if j >= len(norms) or j in used:
        return None
    word = norms[j]
    if word in _LINKING or word in BE:  # "remained skeptical", "sounded far less welcoming", "are so opposed"
        k = j + 1
        while k < len(norms) and k - j <= 3 and (norms[k] in _INTENSIFIERS or adverb(r.doc, s, k)):
            k += 1
        if k < len(norms) and norms[k] in w.feelings:
            used.update(range(j, k + 1))
            return Found((s.start_of(min(first, j)), s.end_of(k)), (s.start_of(q), s.end_of(end)),
                         after(r.doc, s, k + 1), group_kind(w, norms, q, end), text(r.doc, s, q, end))
    if (word in w.cue_verbs or word in w.group_verbs) and not (j > first and nounish(r.doc, s, j)) \
            or word in w.feelings:
        last = j
    elif word in ("made", "make", "makes") and norms[j + 1:j + 3] == ("it", "clear"):
        last = j + 2
    elif word in BE and norms[j + 1:j + 2] and norms[j + 1] in w.feelings:
        last = j + 1
    else:
        return None
    used.update(range(j, last + 1))
    kind = group_kind(w, norms, q, end)
    return Found((s.start_of(min(first, j)), s.end_of(last)), (s.start_of(q), s.end_of(end)),
                 after(r.doc, s, last + 1), kind, text(r.doc, s, q, end))
