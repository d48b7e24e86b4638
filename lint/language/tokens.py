"""Reading a sentence's words as phrases: what stands between two words, capitals and proper names,
and the noun phrase before or after a word. Grammar words live here; the lexicon's lists do not.
Word k of a sentence is s.norms[k], at s.start_of(k) to s.end_of(k) in the view."""
from __future__ import annotations

from .document import Document, Sentence


def forms(*groups: str) -> frozenset[str]:
    """'say|says|said' style groups as one set."""
    return frozenset(w for g in groups for w in g.split("|"))


# Between a subject and its verb, and part of the cue: auxiliaries, negations and adverbs.
AUX = forms("has|have|had|was|were|is|are|will|would|also|later|previously|repeatedly|recently|publicly|"
            "privately|once|again|then|further|been|long|often|did|does|do|not|never|already|earlier|"
            "separately|reportedly|yet|still|even|always|frequently|now|just|since|last|first|initially|openly|"
            "flatly|quickly|simply|clearly|explicitly|bluntly|angrily|famously|herself|himself|themselves|"
            "itself|too|directly|specifically|consistently|don't|doesn't|didn't|won't|can't|isn't|aren't|"
            "wasn't|weren't|haven't|hasn't|wouldn't|couldn't|shouldn't|increasingly|generally|largely|mostly|"
            "strongly|particularly")
MODALS = forms("may|might|could|would|can|should|must|will|shall")
BE = forms("is|are|was|were|be|been|being|am|'s")
PRONOUNS = frozenset("he she they i we it you".split())
RELATIVES = frozenset("who which that whom".split())
# Words a subject noun phrase does not cross going back.
CLAUSE_STOPS = frozenset("which who whom that when while because although though since if unless as "
                         "and but or so yet nor whether where than after before until".split())
DETERMINERS = frozenset("the a an this that these those its their his her our your my some many several "
                        "numerous most few other others certain various all both each every any no "
                        "another one two three four five six seven eight nine ten".split())
POSSESSIVES = frozenset("the a an this that these those his her its their our my your no any every each".split())
PREPOSITIONS = frozenset("of for at with from in on to by among between within".split())
# Words that label a line or a paragraph, not a source: "Contributing: ...", "UPDATE: ...".
LABELS = frozenset("note update updated editor's correction corrections photo photos video watch look byline "
                   "related read more source sources contributing reporting editing writing additional breaking "
                   "exclusive analysis opinion editorial live developing".split())
# Adjectives that describe a source by what it knows: "a person familiar with the matter".
KNOWING = frozenset("familiar close knowledgeable briefed privy involved knowledge".split())
QUANTIFIERS = frozenset("some many several numerous most few various certain countless multiple".split())
NUMBERS = frozenset("one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
                    "sixty seventy eighty ninety hundred".split())
# Before one of these, a quantifier is an adverb or counts things: "most likely", "all gun sales".
NOT_PEOPLE = frozenset("likely recently notably importantly often more less".split())
# Counts that take a plural noun: before a singular form, that form is a verb ("many fear").
PLURAL_COUNTS = frozenset("many several few various numerous multiple both".split()) | NUMBERS - {"one"}
# Words that open a sentence as a subject and name no one: "Both said", "This shows".
NOT_NAMES = DETERMINERS | QUANTIFIERS | PRONOUNS | RELATIVES | frozenset(
    "both all each none neither either everyone everybody nobody someone somebody anyone anybody one "
    "there here what why how when where today yesterday tomorrow tonight such another others furthermore "
    "however moreover meanwhile nevertheless nonetheless additionally instead indeed also yet thus therefore "
    "hence otherwise similarly likewise besides overall finally first second third then now later earlier "
    "still again afterward afterwards separately elsewhere ultimately".split())
CALENDAR = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april "
                     "june july august september october november december tue tues thu thurs fri "
                     "jan feb apr jul aug sep sept oct nov dec".split())
# Cue words that are often nouns: after a determiner or a possessive they are ("a Sunday tweet").
NOUNISH = forms("tweet|tweets|post|posts|report|reports|call|calls|show|shows|note|notes|comment|comments|"
                "question|questions|claim|claims|charge|charges|demand|demands|point|points|estimate|estimates|"
                "figure|figures|hope|hopes|fear|fears|doubt|doubts|remark|remarks|promise|promises|answer|answers|"
                "reply|replies|counter|echo|pledge|pledges|view|views|concern|concerns|record|study|find|"
                "state|states|quip|joke|jokes|release|cite|warning|challenge|challenges|attack|attacks|support|"
                "defense|praise|push|welcome|favor|favour|brand")


def gap(doc: Document, s: Sentence, k: int) -> str:
    """The characters between word k and word k + 1."""
    return s.between(doc.view, k)


_JOINERS = " \t\r\n\xa0\u2009\u202f-'’%"  # (a no-break or thin space joins words like a space; "47% say")


def joined(doc: Document, s: Sentence, k: int) -> bool:
    """Nothing but a space, hyphen, apostrophe or abbreviation dot between word k and the next."""
    between = gap(doc, s, k)
    if between.strip(_JOINERS) == "":
        return not ("-" in between and between.strip() != between)  # " - " is a dash, not a hyphen
    return between in (".", ". ") and len(s.norms[k]) <= 4


def capital(doc: Document, s: Sentence, k: int) -> bool:
    words = s._words  # (start_of inlined: called for most words of every screened sentence)
    return doc.view[words.base + words.starts[s._first + k]].isupper()


def text(doc: Document, s: Sentence, first: int, last: int) -> str:
    """The view from word first to word last, both included."""
    return doc.view[s.start_of(first):s.end_of(last)]


def opens(doc: Document, s: Sentence, k: int) -> bool:
    """Word k starts the sentence, a quote, a bracket or what follows a colon or a dash."""
    return k == 0 or gap(doc, s, k - 1).strip()[-1:] in ("“", '"', ":", "‘", "(", "—")


def proper(doc: Document, s: Sentence, k: int, capitalised: frozenset[str]) -> bool:
    """Word k is (part of) a name: capitalised, and not only because it opens the sentence — then it
    must be an acronym, run into another capital, or be capitalised elsewhere in the draft."""
    if not capital(doc, s, k):
        return False
    word = s.norms[k].replace("'s", "")
    if word in CALENDAR or word in ("the", "a", "an", "i"):
        return False
    if not opens(doc, s, k):
        return True
    written = doc.view[s.start_of(k):s.end_of(k)]
    if written.isupper() and 1 < len(written) <= 5:
        return True  # NATO, CNN
    if word in DETERMINERS or word in PRONOUNS:
        return False
    return (k + 1 < len(s.norms) and capital(doc, s, k + 1) and joined(doc, s, k)) or word in capitalised


# Words in -ly that are nouns ("the family said"), or the reporter's own hedge or stance ("voters will
# likely reject"), not a manner of speaking that belongs to the cue.
_NOT_MANNER = frozenset("family ally rally assembly supply monopoly anomaly bully reply folly homily likely unlikely "
                        "probably possibly presumably surely certainly apparently seemingly allegedly supposedly "
                        "undoubtedly admittedly arguably evidently".split())


def adverb(doc: Document, s: Sentence, k: int) -> bool:
    """Word k is an adverb between a subject and its verb: "Clinton flatly denied", "they generally agree"
    (not "Kelly said")."""
    word, before = s.norms[k], s.norms[k - 1] if k else ""
    return len(word) > 4 and word.endswith("ly") and word not in _NOT_MANNER and k > 0 and not capital(doc, s, k) and not (
        before in POSSESSIVES or before.endswith("'s") or before in _DEGREE)


_DEGREE = frozenset("most more less least very so too".split())  # "who would most likely see": no subject


_IS = frozenset("he she it that there what who where here".split())


def nounish(doc: Document, s: Sentence, i: int) -> bool:
    """Cue word i reads as a noun: part of a compound ("percentage-point"), after a determiner or a
    possessive ("Obama's support", "a Sunday tweet"); "the Associated Press reports" is a verb."""
    norms = s.norms
    if i and gap(doc, s, i - 1) in ("-", "–"):
        return True
    if i and joined(doc, s, i - 1) and (norms[i - 1] in POSSESSIVES or norms[i - 1].endswith("'s")
                                        and norms[i - 1][:-2] not in _IS):
        return True  # (not "he's saying": "he is")
    if norms[i] not in NOUNISH:
        return False
    for j in range(i - 1, max(-1, i - 4), -1):
        word = norms[j]
        if j == i - 1 and word in PLURAL_COUNTS and not norms[i].endswith("s"):
            return False  # "many fear", "few doubt": a plural count before a singular form is its subject
        if word in DETERMINERS or word.endswith("'s") or word in PREPOSITIONS:
            return j == i - 1 or not norms[i].endswith("s") or word in ("a", "an")
        if not joined(doc, s, j):
            return False
        if not capital(doc, s, j) and word not in AUX:
            # an adjective after a possessive: "Vance's recent comments", "his latest remarks"
            return j == i - 1 and j >= 1 and joined(doc, s, j - 1) and (
                norms[j - 1].endswith("'s") or norms[j - 1] in ("his", "her", "their", "its", "our", "my", "your"))
    return False


def sentence_end(doc: Document, s: Sentence) -> int:
    """Where the sentence's words end, its closing punctuation left out."""
    end = s.end
    while end > s.start and doc.view[end - 1] in " .!?\t\r\n":
        end -= 1
    return end


def around(doc: Document, s: Sentence, first: int, last: int) -> tuple[tuple[int, int], ...]:
    """The sentence but words first..last: the words before them and after them, as one or two spans."""
    spans = []
    if first > 0:
        spans.append((s.start_of(0), s.end_of(first - 1)))
    if last + 1 < len(s.norms):
        spans.append((s.start_of(last + 1), sentence_end(doc, s)))
    return tuple(spans)


def after(doc: Document, s: Sentence, k: int) -> tuple[tuple[int, int], ...]:
    """The sentence from word k to its end, or nothing past its last word."""
    return ((s.start_of(k), sentence_end(doc, s)),) if k < len(s.norms) else ()
