"""Who each sentence attributes its content to: a named source, a pronoun that refers back to
one, an anonymous or vague source, an agentless passive, or nobody (the reporter's own voice).

Shared by every family: ATT decides what is vague from it, HDG and OPN skip what it attributes,
BAL builds the source ledger from it. Heuristic and deliberately conservative.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from operator import attrgetter
from typing import NamedTuple, Sequence

from ..model import Lexicon
from .document import Document, Sentence
from .phrases import PhraseMatcher


# Words that may stand between a subject and its verb.
BETWEEN = frozenset("has|have|had|was|were|is|are|will|would|also|later|previously|repeatedly|recently|"
                    "publicly|privately|once|again|then|further|been|long|often|did|does|do|not|never|"
                    "already|earlier|separately|told|reportedly|yet|still|even|always|frequently|now|just"
                    .split("|"))
PRONOUNS = frozenset("he she they it we i".split())
CLAUSE_STOPS = frozenset("which who whom that when while because although though since if unless as".split())
DETERMINERS = frozenset("the a an this that these those its their his her our some many several numerous most "
                        "few other others certain various all both each".split())
QUANTIFIERS = frozenset("some many several numerous most few certain various countless multiple".split())
# Sentence-initial capitals that are not names.
COMMON = frozenset(
    "web online public recent new some many most several numerous other others the a an this that these "
    "those it its in on at by for with from during after before while when if as but and or so yet still "
    "however meanwhile independent internet social local national international global western eastern "
    "such one two three several various multiple further additional previous earlier there here critics "
    "experts analysts observers studies reports polls surveys research he she they we i what why how who "
    "their our your my his her all every each any no both either neither much more less few such which whose "
    "conversely moreover furthermore additionally also thus therefore instead nonetheless nevertheless indeed "
    "now today yesterday tomorrow currently then once finally first second third last next even only "
    "yes perhaps maybe while although though because since unlike like despite after users "
    "senior top former current high ranking administration government two several".split()
)
# Capitalised modifiers that say where a group is from, not who it is: "British researchers".
_NATIONALITY = re.compile(r"^(?:[a-z]+(?:ish|ese|an|ic|i)|democratic|democrat|western|eastern|u|s|us)$")
TITLES = frozenset(
    "president vice secretary of state sen senator rep representative gov governor mayor minister prime "
    "foreign defense defence chancellor gen general adm admiral dr mr mrs ms judge justice chief attorney "
    "pope king queen prince princess spokesman spokeswoman host ambassador speaker leader commissioner "
    "director ceo chairman chair former u s us first lady treasury homeland security interior deputy "
    "assistant acting majority minority house senate rev lt col capt sgt".split()
)
def _agentless_phrases(lexicon: Lexicon) -> list[str]:
    """"it is (widely) believed", "is widely seen", "is said to": att.toml's verbs in the passive's
    grammar, and its agentless cues as they are ("reportedly")."""
    return (
        [f"it {aux} {adv} {verb}".replace("  ", " ")
         for aux in ("is", "was", "has been", "had been", "is being", "is now", "has long been")
         for adv in ("", "widely", "generally", "commonly", "often", "increasingly", "also")
         for verb in lexicon.phrases("agentless-it-verbs")]
        + [f"{be} {adv} {verb}" for be in ("is", "are", "was", "were", "has been", "have been", "had been")
           for adv in ("widely", "generally", "commonly", "broadly", "largely", "increasingly", "often")
           for verb in lexicon.phrases("agentless-passive-verbs")]
        + [f"{be} {verb} to" for be in ("is", "are", "was", "were") for verb in lexicon.phrases("agentless-to-verbs")]
        + list(lexicon.phrases("agentless-cues"))
    )


_NORMS = attrgetter("norms")


class Vocabulary:
    """The attribution analysis's word lists, from a rule set's lexicon (att.toml's [words]), made
    into sets and matchers once per rule set."""

    def __init__(self, lexicon: Lexicon):
        words = lexicon.words
        self.reporting = words("reporting-verbs")
        self.inverting = words("inverting-verbs")
        self.participles = words("participle-cues")
        self.vague_heads = words("vague-heads")
        self.anonymous_heads = words("anonymous-heads")
        self.title_heads = words("title-heads")
        self.document_heads = words("document-heads")
        self.speech_nouns = words("speech-nouns")
        self.agentless = PhraseMatcher(_agentless_phrases(lexicon))
        self.according = PhraseMatcher(lexicon.phrases("according-cues"))
        # A phrase matches only where its longest (likely rarest) word is.
        self.according_cues = self.according.longest_words
        self.agentless_cues = self.agentless.longest_words
        # attribute() finds nothing in a sentence without one of these words, so most sentences are
        # passed over by one set test, and the rest test a few words, not all, for each kind of cue.
        self.cues = self.reporting | self.vague_heads | self.according_cues | self.agentless_cues
        # The verbs loose_vague looks for after a vague head: what a vague group says, thinks or feels.
        self.loose_verbs = self.reporting - self.participles | words("cognition-verbs")


def vocabulary(doc: Document) -> Vocabulary:
    return doc.lexicon.derived(Vocabulary)


# Sources that carry a sentence's hedges and judgments for it. A vague or agentless source
# does not: "experts say the deal could collapse" is still the reporter's forecast.
SPEAKER_KINDS = ("named", "pronoun", "anonymous")


class Attribution(NamedTuple):  # (a tuple: built for every attributed sentence)
    kind: str  # named | pronoun | anonymous | vague | agentless
    source: str  # the name as the draft gives it, or the vague words
    start: int  # the cue: subject and verb, or "according to X"
    end: int


def speaks(att: Attribution | None) -> bool:
    """True when a speaker stands behind the sentence: its claims are theirs, not the reporter's."""
    return att is not None and att.kind in SPEAKER_KINDS


@dataclass(frozen=True)
class Analysis:
    starts: tuple[int, ...]  # sentence start offsets, for lookups
    sentences: Sequence[Sentence]  # the document's body_sentences
    attributions: tuple[Attribution | None, ...]
    ledger: tuple[tuple[str, int], ...]  # named source -> sentences attributed to it, most first

    def sentence_index(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def at(self, offset: int) -> Attribution | None:
        i = self.sentence_index(offset)
        return self.attributions[i] if i >= 0 and offset < self.sentences[i].end else None

    def spoken_at(self, offset: int) -> bool:
        """True when the sentence at offset is a speaker's claim, not the reporter's."""
        return speaks(self.at(offset))


def analyse(doc: Document) -> Analysis:
    """Who each body sentence attributes its content to, and the ledger of named sources
    (computed once a document, as doc.analyses.attribution)."""
    sentences = doc.body_sentences
    found: list[Attribution | None] = []
    counts: dict[str, int] = {}
    names: dict[str, str] = {}  # ledger key -> fullest form seen
    last_named: str | None = None
    last_paragraph = -1
    v = vocabulary(doc)
    for s, cues in zip(sentences, map(v.cues.intersection, map(_NORMS, sentences))):
        if s.paragraph > last_paragraph + 2:  # (a heading may stand between)
            last_named = None  # a pronoun refers back only as far as the previous paragraph
        last_paragraph = s.paragraph
        att = attribute(doc, s, cues) if cues else None
        if att and att.kind == "pronoun":
            if last_named is None:
                att = None
            else:
                counts[last_named] = counts.get(last_named, 0) + 1
        elif att and att.kind == "named":
            key = _ledger_key(att.source)
            if att.source.startswith("the ") and last_named is not None:
                key = last_named  # "the president" refers back to the last named person
            if not att.source.startswith("the ") and len(att.source) > len(names.get(key, "")):
                names[key] = att.source
            counts[key] = counts.get(key, 0) + 1
            last_named = key
        elif s.norms:
            # A sentence led by a name ("Mayor Ruth Hale spoke...") gives a later "she said" its referent.
            lead = _leading_subject(doc, s)
            if lead and s.norms[lead[0]] not in PRONOUNS:
                person = _strip_titles(doc, s, lead)
                last_named = _ledger_key(person)
                if len(person) > len(names.get(last_named, "")):
                    names[last_named] = person
        found.append(att)
    ledger = tuple(sorted(((names.get(k, k), n) for k, n in counts.items()), key=lambda kv: (-kv[1], kv[0])))
    return Analysis(tuple(s.start for s in sentences), sentences, tuple(found), ledger)


def _ledger_key(name: str) -> str:
    words = [w for w in name.replace("’s", "").replace("'s", "").split() if w]
    return words[-1] if words else name


def _text(doc: Document, s: Sentence, k: int) -> str:
    return doc.view[s.start_of(k):s.end_of(k)]


def _joined(doc: Document, s: Sentence, k: int) -> bool:
    """True when nothing but a space, hyphen or abbreviation dot separates word k from word k + 1."""
    gap = doc.view[s.end_of(k):s.start_of(k + 1)]
    return gap.strip(" \t\r\n-'’") == "" or (gap == "." and len(s.norms[k]) <= 3) or gap == ". " and len(s.norms[k]) == 1


# Sentence-initial plurals of agent nouns ("Researchers", "Economists") are not names.
_AGENT_PLURAL = re.compile(r"[a-z]{3,}(?:ers|ors|ists|ians|ants|ents|ives)$")


def _is_proper(doc: Document, s: Sentence, i: int, first: int) -> bool:
    if not doc.view[s.start_of(i)].isupper():
        return False
    if i != first:
        return True
    word = _text(doc, s, i)
    if word.isupper() and len(word) > 1:
        return True  # NATO, CNN
    norm = s.norms[i].replace("'s", "")
    if norm in COMMON:
        return False
    if i + 1 < len(s.norms) and doc.view[s.start_of(i + 1)].isupper():
        return True  # "Marco Rubio"
    # A lone capitalised plural opening a sentence ("Methods", "Researchers") is a common noun
    # unless the draft capitalises it mid-sentence too ("Sanders").
    if norm.endswith("s") and not norm.endswith("'s") or _AGENT_PLURAL.match(norm):
        return norm in doc.analyses.capitalised
    return True


def attribute(doc: Document, s: Sentence, cues: frozenset[str] | None = None) -> Attribution | None:
    """The sentence's attribution, strongest evidence first (cues: its words in Vocabulary.cues, if known)."""
    v = vocabulary(doc)
    norms, start_of, end_of = s.norms, s.start_of, s.end_of
    if cues is None:
        cues = v.cues.intersection(s.norms)
    if not cues:
        return None
    if not cues.isdisjoint(v.according_cues):
        for a, b in v.according.find(s):
            if norms[a] == "per" and (a == 0 or b >= len(norms)):
                continue
            np = _phrase_after(doc, s, b)
            if np:
                kind, name = _classify(doc, s, np)
                if kind:
                    return Attribution(kind, name, start_of(a), end_of(np[-1]))
    for i in s.positions(cues.intersection(v.reporting)):
        norm = norms[i]
        if i and doc.view[start_of(i)].isupper():
            continue  # a capital mid-sentence is a noun: "the United States"
        if _not_a_speaker_verb(norms, i):
            continue
        if i + 1 < len(norms) and norm == "point" and norms[i + 1] != "out":
            continue
        subject = _subject_before(doc, s, i)
        if subject:
            kind, name = _classify(doc, s, subject)
            if kind:
                return Attribution(kind, name, start_of(subject[0]), end_of(i))
        if norm in v.inverting and _after_quote_or_comma(doc, s, i):
            np = _phrase_after(doc, s, i + 1)
            if np:
                kind, name = _classify(doc, s, np)
                if kind:
                    return Attribution(kind, name, start_of(i), end_of(np[-1]))
        if norm in v.participles and i and "," in doc.view[end_of(i - 1):start_of(i)]:
            lead = _leading_subject(doc, s)
            if lead:
                kind, name = _classify(doc, s, lead)
                if kind in ("named", "pronoun"):
                    return Attribution(kind, name, start_of(lead[0]), end_of(i))
    if not cues.isdisjoint(v.agentless_cues):
        for a, b in v.agentless.find(s):
            return Attribution("agentless", doc.view[start_of(a):end_of(b - 1)], start_of(a), end_of(b - 1))
    return loose_vague(doc, s) if not cues.isdisjoint(v.vague_heads) else None


_BE = frozenset("is are was were be been being am".split())


_MODALS = frozenset("may might could would can should must".split())


def _not_a_speaker_verb(norms: Sequence[str], i: int) -> bool:
    """Passives ("was described as"), infinitives ("to discuss"), hypotheticals ("may reveal")
    and "what she thought"."""
    k = i - 1
    while k >= 0 and norms[k] in ("also", "widely", "often", "later", "not", "never", "now", "then"):
        k -= 1
    if k < 0:
        return False
    word = norms[k]
    return word in _BE or word in _MODALS or word in ("to", "what") or (k >= 1 and norms[k - 1] == "what")


# Words after which a noun starts a new subject (not a prepositional object or reported content).
_SUBJECT_OPENERS = frozenset("and but while as because so yet since although though when if whereas".split())
_NP_STOPS = frozenset("in of on at by for with from to into about as than like via over under among "
                      "between against through after before during echoing joining including".split())


def loose_vague(doc: Document, s: Sentence) -> Attribution | None:
    """A vague subject whose verb comes a clause later ("polls, as ..., show"), or a vague
    group said to think or feel something ("many lawmakers were reluctant")."""
    norms = s.norms
    v = vocabulary(doc)
    if v.loose_verbs.isdisjoint(s.norms):
        return None  # (most sentences with a vague head: no verb to look for)
    for i in s.positions(v.vague_heads):
        norm = norms[i]
        if norm in ("many", "some", "others", "people"):
            if not (norm in ("people", "others") and i and norms[i - 1] in QUANTIFIERS):
                continue
        np = _noun_phrase_back(doc, s, i)
        if not _opens_subject(doc, s, np[0]):
            continue
        for j in range(i + 1, min(i + 11, len(norms))):
            verb = norms[j]
            if verb in v.loose_verbs and not _not_a_speaker_verb(norms, j):
                kind, name = _classify(doc, s, np)
                if kind == "vague":
                    return Attribution("vague", name, s.start_of(np[0]), s.end_of(j))
                break
    return None


def _opens_subject(doc: Document, s: Sentence, k: int) -> bool:
    if k == 0:
        return True
    gap = doc.view[s.end_of(k - 1):s.start_of(k)]
    return any(c in gap for c in ",;:—–(") or s.norms[k - 1] in _SUBJECT_OPENERS


def _noun_phrase_back(doc: Document, s: Sentence, head: int) -> list[int]:
    norms = s.norms
    out = [head]
    k = head - 1
    while (k >= 0 and len(out) < 6 and _joined(doc, s, k)
           and norms[k] not in CLAUSE_STOPS and norms[k] not in _NP_STOPS
           and norms[k] not in _BE and norms[k] not in vocabulary(doc).reporting):
        out.insert(0, k)
        k -= 1
    return out


def _subject_before(doc: Document, s: Sentence, verb: int) -> list[int]:
    """Word indexes of the noun phrase just before a verb, skipping auxiliaries."""
    norms, reporting = s.norms, vocabulary(doc).reporting
    k = verb - 1
    while k >= 0 and norms[k] in BETWEEN and _joined(doc, s, k):
        k -= 1
    if k < 0 or not _joined(doc, s, k):
        return []
    out = [k]
    k -= 1
    while k >= 0 and len(out) < 8 and _joined(doc, s, k):
        if norms[k] in CLAUSE_STOPS or norms[k] in reporting and norms[k] not in ("report", "study"):
            break
        out.insert(0, k)
        k -= 1
    return out


def _phrase_after(doc: Document, s: Sentence, start: int) -> list[int]:
    out: list[int] = []
    k = start
    while k < len(s.norms) and len(out) < 8 and (not out or _joined(doc, s, k - 1)):
        if out and s.norms[k] in CLAUSE_STOPS:
            break
        out.append(k)
        k += 1
    return out


def _leading_subject(doc: Document, s: Sentence) -> list[int]:
    """The sentence's opening run of name words ('Secretary of State Marco Rubio'), or its pronoun."""
    norms = s.norms
    if norms[0] in ("he", "she", "they"):
        return [0]
    if norms[0] in COMMON:  # most sentences: what _is_proper says of a common word not in capitals
        word = _text(doc, s, 0)
        if not (word.isupper() and len(word) > 1):
            return []
    out = []
    for k, norm in enumerate(norms):
        if k and not _joined(doc, s, k - 1):
            break
        if _is_proper(doc, s, k, 0) or (out and norm in ("of", "the", "and")):
            out.append(k)
        else:
            break
    while out and norms[out[-1]] in ("of", "the", "and"):
        out.pop()
    return out


def _classify(doc: Document, s: Sentence, np: list[int]) -> tuple[str | None, str]:
    """What kind of source a noun phrase names."""
    v = vocabulary(doc)
    words = [s.norms[k] for k in np]
    proper = [k for k in np if _is_proper(doc, s, k, 0)]
    if proper == [0] == np[:1] and len(np) > 1 and not words[0].endswith("'s") \
            and words[0] not in doc.analyses.capitalised:
        proper = []  # "Percussion of the abdomen": a capital only because it opens the sentence
    heads = [w.replace("'s", "") for w in words]
    head = heads[-1]
    if len(np) == 1 and head in PRONOUNS:
        return ("pronoun", head) if head in ("he", "she", "they") else (None, "")
    anon_at = None
    if not v.anonymous_heads.isdisjoint(heads):  # (most phrases: no generator to start)
        anon_at = next(i for i, w in enumerate(heads) if w in v.anonymous_heads)
    if anon_at is not None:
        after = []
        for k in np[anon_at + 1:]:
            if k not in proper:
                break
            after.append(k)
        if after:
            return "named", " ".join(_text(doc, s, k) for k in after)
        agency = [k for k in np[:anon_at] if k in proper and not _NATIONALITY.match(s.norms[k])]
        if agency:  # "FBI officials", "Pentagon officials": the organisation is named
            return "named", " ".join(_text(doc, s, k) for k in agency)
        # "people" alone is a crowd, not a source; "a person familiar with ..." is one.
        crowd = words[anon_at] in ("person", "people") and "familiar" not in words \
            and words[0] not in ("a", "two", "three", "several")
        if not crowd:
            return "anonymous", " ".join(words)
    if head in v.document_heads:
        return "named", " ".join(words)
    vague = head in v.vague_heads or words[0] in QUANTIFIERS
    if vague:
        named_modifier = [k for k in proper if s.norms[k].replace("'s", "") not in COMMON
                          and not _NATIONALITY.match(s.norms[k])]
        if words[0] == "the" and head in v.title_heads:
            return "named", " ".join(words)  # "the report": a specific one, named earlier
        if named_modifier and words[0] not in QUANTIFIERS:
            return "named", " ".join(_text(doc, s, k) for k in named_modifier)
        return "vague", doc.view[s.start_of(np[0]):s.end_of(np[-1])]
    if proper:
        if head not in v.speech_nouns and any(s.norms[k].endswith("'s") for k in proper):
            return None, ""  # "Trump's stance" does not speak; "Trump's comments" do
        return "named", _strip_titles(doc, s, proper)
    if words[0] == "the" and head in v.title_heads:
        return "named", " ".join(words)
    return None, ""


def _strip_titles(doc: Document, s: Sentence, proper: list[int]) -> str:
    words = [_text(doc, s, k).replace("’s", "").replace("'s", "") for k in proper]
    while len(words) > 1 and words[0].lower().strip(".") in TITLES:
        words.pop(0)
    return " ".join(words)


def _after_quote_or_comma(doc: Document, s: Sentence, i: int) -> bool:
    start = s.start_of(i)
    before = doc.view[s.end_of(i - 1):start] if i else doc.view[max(0, start - 3):start]
    return any(c in before for c in ",\"”’'—")
