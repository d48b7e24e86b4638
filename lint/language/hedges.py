"""Hedge cues: the words of a sentence that make it speculate (may, could, likely, appears to,
seems, suggests), with the verb each governs; and those of them in the reporter's own voice."""
from __future__ import annotations

from typing import NamedTuple, Sequence

from ..model import Lexicon
from .document import Document, Sentence
from .relations import Attribution

# "would" describing what a plan does is not speculation ("the bill would raise taxes"), nor is
# future-in-past narrative ("she would later become mayor") or desire ("would like").
_PLAN_NOUNS = frozenset(
    "bill plan proposal measure law legislation deal agreement rule rules policy budget contract amendment "
    "order program programme scheme treaty reform reforms provision provisions change changes".split()
)
_NOT_SPECULATIVE_WOULD = frozenset(
    "later eventually go become often usually always sometimes like prefer rather soon then never".split()
)
# "may vary", "may also be called": description and permission, not forecast.
_NOT_SPECULATIVE_MAY = frozenset("vary differ include range contain apply choose opt request download".split())
_HYPOTHETICAL = frozenset("if unless otherwise".split())
_EMBEDDING = frozenset("who whom how what whether why where".split())
_NOT_A_VERB = frozenset("than of and or the a an to in on at for with as".split())
# "could" of past ability or perception is not speculation: "she could not attend", "could see".
_NOT_SPECULATIVE_AFTER = frozenset("not never hardly barely only see hear feel smell taste afford".split())
# "Trump's suggestion that talks may fail": the clause after these nouns is the source's content.
_CONTENT_NOUNS = frozenset(
    "suggestion claim claims assertion view belief warning argument prediction fear fears hope hopes "
    "expectation expectations remark remarks comment comments statement concern concerns insistence".split()
)
_SKIP = frozenset("also still even well ultimately eventually soon further then now yet again".split())


class Hedges(NamedTuple):
    """The hedge words of a rule set (hdg.toml's [words]), as sets."""

    modals: frozenset[str]
    adverbs: frozenset[str]
    appears: frozenset[str]  # + "to" or "that"
    seems: frozenset[str]
    inferring: frozenset[str]
    cue_words: frozenset[str]  # every word a cue can start with: a sentence with none has no cue

    @classmethod
    def of(cls, lexicon: Lexicon) -> "Hedges":
        modals, adverbs, appears, seems, inferring = map(lexicon.words, (
            "hedge-modals", "hedge-adverbs", "appear-verbs", "seem-verbs", "inference-verbs"))
        cue_words = modals | {"would", "possible", "likely", "unlikely"} | adverbs | appears | seems | inferring
        return cls(modals, adverbs, appears, seems, inferring, cue_words)


class Cue(NamedTuple):
    first: int  # token indexes in the sentence
    last: int  # exclusive; the cue plus the verb it governs
    weak: bool = False  # "would": a hedge only when stacked ("would likely"); alone it is mostly narrative


def cues(doc: Document, sentence: Sentence) -> list[Cue]:
    """Hedge cues of one sentence, in order."""
    h = doc.lexicon.derived(Hedges.of)
    toks = sentence.norms
    out: list[Cue] = []
    for i in sentence.positions(h.cue_words):
        word = toks[i]
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        if word in h.modals or word == "would":
            if doc.view[sentence.start_of(i)].isupper() and (i or word == "may"):
                continue  # "May 2025", a name
            if not nxt or nxt in _NOT_A_VERB:
                continue  # "military might", "more might than"
            if _EMBEDDING.intersection(toks[max(0, i - 4):i]) and _unbroken(doc, sentence, i):
                continue  # "those who may", "where the plant could be built": describes or asks
            if word == "could" and _past_ability(toks, i):
                continue  # "no record could be found": what could not be done, not a forecast
            if word == "could" and (nxt in _NOT_SPECULATIVE_AFTER or nxt.endswith("n't") or _purpose(toks, i)):
                continue
            if word == "may" and (nxt in _NOT_SPECULATIVE_MAY or nxt in ("also", "not") and i + 2 < len(toks)
                                  and toks[i + 2] == "be" and _naming(toks, i + 3)):
                continue  # "may also be called", "may not be used": naming and permission
            if word == "would" and (nxt in _NOT_SPECULATIVE_WOULD or not _PLAN_NOUNS.isdisjoint(sentence.norms)):
                continue
            # "would" is a forecast in a hypothetical ("if the talks fail, Moscow would gain").
            weak = word == "would" and _HYPOTHETICAL.isdisjoint(sentence.norms)
            out.append(Cue(i, _governed(toks, i + 1, h.adverbs), weak=weak))
        elif word in h.adverbs:
            if word == "likely" and _attributive(toks, i):
                continue  # "likely voters", "the party's likely nominee": a term, not the reporter's guess
            out.append(Cue(i, i + 1))
        elif word in h.appears and nxt in ("to", "that", "likely"):
            out.append(Cue(i, _governed(toks, i + 2, h.adverbs)))
        elif word in h.seems or word in h.inferring:
            out.append(Cue(i, i + 1))
        elif word in ("possible", "likely", "unlikely") and i and toks[i - 1] in ("is", "was", "it's", "seems", "remains"):
            out.append(Cue(i - 1, i + 1))  # "it is possible that"
    return [c for c in out if not _reported_content(toks, c.first)]


_FOUND = frozenset("found seen heard reached located identified confirmed verified determined traced".split())
_NEGATIVES = frozenset("no not nothing none never nobody neither".split())
_DETERMINED = frozenset("the a an his her their its our your".split())


def _past_ability(toks: Sequence[str], i: int) -> bool:
    """ "no record could be found", "nothing could be confirmed": a search that failed."""
    return toks[i + 1:i + 2] == ("be",) and toks[i + 2:i + 3] != () and toks[i + 2] in _FOUND \
        and not _NEGATIVES.isdisjoint(toks[max(0, i - 6):i])


def _attributive(toks: Sequence[str], i: int) -> bool:
    """ "likely" before the noun it describes: after a determiner or a possessive, or "likely (Republican)
    voters", the pollsters' term."""
    before = toks[i - 1] if i else ""
    return not _ELECTORATE.isdisjoint(toks[i + 1:i + 3]) or (before in _DETERMINED or before.endswith("'s")) \
        and i + 1 < len(toks) and toks[i + 1] not in ("to", "that")


_ELECTORATE = frozenset("voters voter caucusgoers electorate".split())


def _unbroken(doc: Document, sentence: Sentence, i: int) -> bool:
    """No comma or clause mark between the embedding word (within four words) and the modal."""
    start = sentence.start_of(max(0, i - 4))
    return not any(c in doc.view[start:sentence.start_of(i)] for c in ",;:—")


def _reported_content(toks: Sequence[str], i: int) -> bool:
    """True when a cue sits in a 'suggestion that ...' clause within a few words."""
    for k in range(max(1, i - 8), i):
        if toks[k] == "that" and toks[k - 1] in _CONTENT_NOUNS:
            return True
    return False


def _purpose(toks: Sequence[str], i: int) -> bool:
    """ "so (that) he could", "in order that they could": purpose, not forecast."""
    window = toks[max(0, i - 3):i]
    return "so" in window or "order" in window


def _naming(toks: Sequence[str], k: int) -> bool:
    return k < len(toks) and toks[k] in ("called", "known", "referred", "spelled", "written", "used", "seen")


def _governed(toks: Sequence[str], k: int, adverbs: frozenset[str]) -> int:
    """End of the verb a modal governs, past adverbs: "could (ultimately) strain"."""
    while k < len(toks) and (toks[k] in _SKIP or toks[k] in adverbs):
        k += 1
    return min(k + 1, len(toks))


def reporter_cues(doc: Document, attribution: Attribution) -> list[tuple[Sentence, list[Cue]]]:
    """Cues in the reporter's own voice, by body sentence: outside quotes, outside every content a
    source owns, and not an attribution's own verb ("web searches suggest" is ATT's to flag)."""
    cue_words = doc.lexicon.derived(Hedges.of).cue_words
    out = []
    for s in doc.body_sentences:
        if cue_words.isdisjoint(s.norms):  # (most sentences: no cue word)
            continue
        keep = []
        for c in cues(doc, s):
            start, end = s.start_of(c.first), s.end_of(c.first)
            if not doc.in_quote(start) and attribution.owner(start) is None and not attribution.cue_at(start, end):
                keep.append(c)
        out.append((s, keep))
    return out
