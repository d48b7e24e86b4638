"""Punkt sentence boundaries with copydesk's parameters, decided without NLTK's machinery.

copydesk used NLTK's PunktSentenceTokenizer built from parameters (the abbreviations and sentence
starters below, no collocations, no orthographic statistics). With those parameters Punkt's
decision at a candidate end (".", "?" or "!") depends only on the word before it and the token
after it, so this module makes the same decisions directly: a regular-expression scan for the
candidates, then a few string tests each. It follows NLTK 3.10's span_tokenize (candidate
contexts, word tokens, both annotation passes, boundary realignment) and gives the same spans,
which tests/test_punkt.py checks against NLTK itself; it runs about ten times faster and needs
no import of NLTK at all.
"""
from __future__ import annotations

import re
from itertools import repeat
from typing import Iterator

# Abbreviations news copy uses, as Punkt stores them: lower case, no final period.
ABBREVIATIONS = frozenset(
    "sen rep gov gen lt col maj sgt capt cmdr adm mr mrs ms dr prof rev st ft mt jr sr "
    "u.s u.k u.n d.c e.u u.s.a a.m p.m jan feb mar apr aug sept sep oct nov dec "
    "inc corp co ltd bros no nos vol dept est approx vs ave blvd pres supt atty "
    "calif colo conn fla ill mass mich minn tenn wash wis ariz ark okla penn va".split()
)
# Words that begin a sentence after an abbreviation-like token.
SENT_STARTERS = frozenset(
    "the a an but and he she it they we i in on at this that these those his her its their "
    "however meanwhile still yet so if when while after before there here some many".split()
)

# White space as NLTK's regex engine has it (Unicode White_Space): Python's \s also takes the
# separators \x1c-\x1f, which mis-encoded copy carries in place of quotes.
_SPACE = "[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
_NOT_SPACE = "[^" + _SPACE[1:]
# Characters that end a word for Punkt: closing and opening brackets and quotes, and "?" "!".
_NON_WORD = r"[)\";}\]*:@'({\[‘’“”«»?!]"
# Hyphen runs, ellipses and spaced ellipses are single tokens.
_MULTI = rf"(?:-{{2,}}|\.{{2,}}|(?:\.{_SPACE}){{2,}}\.)"
# A candidate end, with what follows it: punctuation, or white space and the next token.
_CANDIDATE = re.compile(rf"[.?!](?=(?P<after>{_NON_WORD}|{_SPACE}+(?P<next>{_NOT_SPACE}+)))")
# Punkt's word tokens: a multi-character mark, a word up to its closing punctuation, or one mark.
_WORD_TOKEN = re.compile(
    rf"{_MULTI}"
    rf"|(?=[^(\"`{{\[:;&#*@)}}\]\-,]){_NOT_SPACE}+?(?={_SPACE}|$|{_NON_WORD}|{_MULTI}|,(?=$|{_SPACE}|{_NON_WORD}|{_MULTI}))"
    rf"|{_NOT_SPACE}"
)
# Closing marks after a boundary belong to the sentence before it: '"We will." He left.'
_REALIGN = re.compile(rf"[\"')\]}}‘’“”«»]+?(?:{_SPACE}+|(?=--)|$)", re.MULTILINE)
_ELLIPSIS = re.compile(r"\.\.+$")
_NUMERIC = re.compile(r"^-?[.,]?\d[\d,.-]*\.?$")
_INITIAL = re.compile(r"[^\W\d]\.$")
_ASCII_SPACE = " \t\n\r\x0b\x0c"


def spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of text, as Punkt's span_tokenize gives them."""
    out: list[tuple[int, int]] = []
    pending: tuple[int, int] | None = None
    realign = 0
    for start, end in _slices(text):
        if pending is not None:
            first = (pending[0] + realign, pending[1])
            m = _REALIGN.match(text[start:end])
            if m:
                out.append((first[0], start + len(m.group(0).rstrip())))
                realign = m.end()
            else:
                realign = 0
                if first[1] > first[0]:
                    out.append(first)
        pending = (start, end)
    if pending is not None and pending[1] > pending[0] + realign:
        out.append((pending[0] + realign, pending[1]))
    return out


def _slices(text: str) -> Iterator[tuple[int, int]]:
    last_break = 0
    for match, word in _candidates(text):
        if _plain_end(match, word) or _has_break(word + match.group() + match.group("after")):
            yield last_break, match.end()
            last_break = match.start("next") if match.group("next") else match.end()
    yield last_break, len(text.rstrip())


def _candidates(text: str) -> Iterator[tuple[re.Match, str]]:
    """Each candidate end with the word before it (the word, the end and what follows make
    Punkt's context); a candidate whose word overlaps the next candidate's ("Hi!!!") gives way."""
    previous = None
    word_start = word_end = 0
    for match in _CANDIDATE.finditer(text):
        at = match.start()
        space = max(map(text.rfind, _ASCII_SPACE, repeat(word_end), repeat(at)))  # C searches, no slice
        start = space + 1 if space > word_end else word_start
        if previous is not None and word_end <= start:
            yield previous, text[word_start:word_end]
        previous, word_start, word_end = match, start, at
    if previous is not None:
        yield previous, text[word_start:word_end]


def _plain_end(match: re.Match, word: str) -> bool:
    """The common case, decided without tokenizing the context: a period after a word of two
    letters or more that is no abbreviation ends a sentence when a token follows (its context
    tokenizes as "word." and at least one token more; neither pass keeps it from breaking). A
    next token of separators alone (\x1c) is no token on a line of its own: Punkt strips it."""
    nxt = match.group("next")
    return (match.group() == "." and len(word) > 1 and word.isalpha() and word.lower() not in ABBREVIATIONS
            and (nxt is None or not nxt.isspace()))


def _has_break(context: str) -> bool:
    """True when some token of the context but the last ends a sentence."""
    toks = [t for line in context.split("\n") if line.strip() for t in _WORD_TOKEN.findall(line)]
    return any(_breaks(a, b) for a, b in zip(toks, toks[1:]))


def _first_pass(tok: str) -> tuple[bool, bool]:
    """(sentence break, abbreviation or ellipsis) from the token alone."""
    if tok in (".", "?", "!"):
        return True, False
    if _ELLIPSIS.match(tok):
        return False, True
    if tok.endswith(".") and not tok.endswith(".."):
        bare = tok[:-1].lower()
        if bare in ABBREVIATIONS or bare.split("-")[-1] in ABBREVIATIONS:
            return False, True
        return True, False
    return False, False


def _type(tok: str) -> str:
    low = tok.lower()
    return "##number##" if _NUMERIC.match(low) else low


def _no_period(typ: str) -> str:
    return typ[:-1] if len(typ) > 1 and typ[-1] == "." else typ


def _starts_sentence(tok: str) -> bool | None:
    """Punkt's orthographic heuristic with no orthographic statistics: punctuation and lower
    case never start a sentence; anything else is unknown (None)."""
    if tok in (";", ":", ",", ".", "!", "?") or tok[0].islower():
        return False
    return None


def _breaks(tok: str, nxt: str) -> bool:
    """Whether tok ends a sentence, given the token after it."""
    brk, abbr_or_ellipsis = _first_pass(tok)
    if not tok.endswith("."):
        return brk
    typ = _no_period(_type(tok))
    initial = _INITIAL.match(tok) is not None
    if abbr_or_ellipsis and not initial:
        next_type = _type(nxt)
        if _first_pass(nxt)[0]:
            next_type = _no_period(next_type)
        if nxt[0].isupper() and next_type in SENT_STARTERS:
            return True
    if initial or typ == "##number##":
        starts = _starts_sentence(nxt)
        if starts is False or (starts is None and initial and nxt[0].isupper()):
            return False
    return brk
