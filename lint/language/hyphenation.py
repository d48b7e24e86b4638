"""Liang hyphenation with pyphen's en_US patterns, for textstat's syllable fallback.

textstat counts a word missing from the CMU dictionary as pyphen's hyphenation points plus one.
Importing pyphen and building its pattern table costs 80-100 ms, a third of a cold run; this
module reads the same dictionary file from the installed pyphen package, builds the table in a
fraction of that, and finds the same points (tests/test_readability.py checks it word by word).
"""
from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from itertools import compress
from operator import itemgetter
from pathlib import Path

_NO_DIGITS = str.maketrans("", "", "0123456789")
_HEADER = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN")
# Lines that are no pattern: headers, comments, and patterns with no non-zero digit, which change
# nothing; pyphen drops them, and so must we, or one could shadow a real pattern with its letters.
_NOT_A_PATTERN = re.compile(rf"^(?:{'|'.join(map(re.escape, _HEADER))}|[^1-9\n]*$).*\n?", re.MULTILINE)
_PIECE = 256  # characters of a long word matched at a time (news words are far shorter)
LEFT, RIGHT = 2, 2  # pyphen's defaults: no break before the 2nd or after the 2nd-to-last letter


def dictionary_path() -> Path:
    # Located without importing pyphen, whose import is part of what this module saves; a pyphen
    # that keeps its dictionaries elsewhere is asked where.
    root = importlib.util.find_spec("pyphen").submodule_search_locations[0]
    path = Path(root) / "dictionaries" / "hyph_en_US.dic"
    if path.is_file():
        return path
    import pyphen

    return Path(str(pyphen.LANGUAGES["en_US"]))


@lru_cache(maxsize=1)
def _patterns() -> tuple[dict[str, str], int]:
    """Letters of each pattern -> the pattern as written ("a2ch4"); its digits are read only
    when a word needs the pattern, which keeps loading to a few milliseconds."""
    text = dictionary_path().read_text(encoding="utf-8").partition("\n")[2]  # line 1 names the encoding
    # Whole-file operations instead of a loop over 11,000 lines (no pattern holds a space); the
    # digits go by bytes.translate, far faster than by regex, and no UTF-8 sequence holds an ASCII byte.
    kept = _NOT_A_PATTERN.sub("", text)
    letters = kept.encode("utf-8").translate(None, b"0123456789").decode("utf-8")
    patterns = dict(zip(letters.split(), kept.split()))
    return patterns, max(map(len, patterns))


@lru_cache(maxsize=None)
def _values(pattern: str) -> tuple[int, tuple[int, ...]]:
    """(offset, scores) of a pattern: the digit before each letter and after the last, with
    leading and trailing zeros cut ("a2ch4" -> (2, (2, 0, 4)))."""
    values = [0] * (len(pattern.translate(_NO_DIGITS)) + 1)
    k = 0
    for ch in pattern:
        if ch.isdigit():
            values[k] = int(ch)
        else:
            k += 1
    nonzero = [i for i, v in enumerate(values) if v]
    if not nonzero:
        return 0, ()
    return nonzero[0], tuple(values[nonzero[0]:nonzero[-1] + 1])


@lru_cache(maxsize=64)
def _windows(length: int, longest: int) -> tuple[itemgetter, list[int]]:
    """What cuts every substring a pattern could match from a word of `length` characters (dots
    included), in one C call, and the start of each substring; two or more, so a tuple comes back."""
    spans = [(i, j) for i in range(length - 1) for j in range(i + 1, min(i + longest, length) + 1)]
    return itemgetter(*(slice(i, j) for i, j in spans)), [i for i, _ in spans]


def break_points(word: str) -> list[int]:
    """Offsets in the lower-cased word where it may be hyphenated (pyphen's positions)."""
    if word.isascii() and word.isdigit():
        return []  # no pattern letter is a digit; only a lone dot could match, too early to count
    patterns, longest = _patterns()
    word = word.lower()
    dotted = f".{word}."
    scores = [0] * (len(dotted) + 1)
    # A longer word is cut in overlapping pieces, each holding every substring that starts in its
    # first _PIECE characters: a 400 KB token would otherwise need 11 million windows (2 GB). A
    # substring seen in two pieces scores the same twice, which changes no maximum.
    for at in range(0, max(len(dotted) - longest, 1), _PIECE):
        piece = dotted[at:at + _PIECE + longest]
        cut, starts = _windows(len(piece), longest)
        found = list(map(patterns.get, cut(piece)))
        # Only the few substrings that are patterns come back to Python.
        for i, pattern in zip(compress(starts, found), filter(None, found)):
            offset, values = _values(pattern)
            for k, value in enumerate(values, at + i + offset):
                if value > scores[k]:
                    scores[k] = value
    # Score k sits before letter k of the word (k - 1 with the leading dot): odd ones from the
    # LEFT-th to the RIGHT-th-to-last letter are break points.
    return [k for k, score in enumerate(scores[LEFT + 1:len(word) - RIGHT + 2], LEFT) if score % 2]
