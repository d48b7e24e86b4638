"""Flesch readability scores, equal to textstat 0.7.13 (English) with CMU syllables, fully offline.

textstat itself is not imported: it pulls in nltk, which downloads the CMU dictionary at run time.
The tokenising rules below reproduce textstat's so that the numbers match it to the last bit.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from lint.syllables import count_syllables

# An apostrophe survives only before an English contraction ending (case-sensitive, as in textstat:
# "DON'T" loses its apostrophe); every other non-word, non-space character goes, hyphens too.
_STRAY_APOSTROPHE = re.compile(r"'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s']")
# textstat's sentence splitter: a run starting at a word boundary up to its end punctuation.
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")
# textstat counts only sentences of at least this many words, so "Mr." or initials don't count.
_MIN_SENTENCE_WORDS = 3


class Counts(NamedTuple):
    """What the Flesch formulas need; add Counts of parts to score a whole without re-scanning.

    Summed parts can differ slightly from scoring the joined text: textstat's sentence splitter
    runs across paragraph breaks that lack end punctuation, and it counts every non-empty text
    as at least one sentence.
    """

    words: int
    sentences: int
    syllables: int

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.words + other.words,
            self.sentences + other.sentences,
            self.syllables + other.syllables,
        )


def strip_punctuation(text: str) -> str:
    """The text as textstat sees it when it counts words: punctuation gone, contractions kept."""
    return _PUNCTUATION.sub("", _STRAY_APOSTROPHE.sub("", text))


def text_counts(text: str) -> Counts:
    """Words, sentences and syllables of `text`, counted exactly as textstat counts them."""
    if not text:
        return Counts(0, 0, 0)
    # Lowercase the whole stripped text, not each word, as textstat does (Greek final sigma).
    return _counts(text, strip_punctuation(text).lower().split())


# Joins texts that are stripped and lower-cased together: line breaks keep a final apostrophe
# stray and stop final-sigma context, as the end of a text does; the letter is one news copy
# never holds (and when it does, each text is done alone).
_SEPARATOR = "\n\ua66e\n"


def texts_counts(texts: list[str]) -> list[Counts]:
    """text_counts of each text, with the regular-expression work done once for all of them."""
    joined = _SEPARATOR.join(texts)
    if joined.count(_SEPARATOR[1]) != len(texts) - 1:
        return [text_counts(text) for text in texts]
    stripped = strip_punctuation(joined).lower().split(_SEPARATOR)
    return [_counts(text, part.split()) if text else Counts(0, 0, 0) for text, part in zip(texts, stripped)]


def _counts(text: str, words: list[str]) -> Counts:
    pieces = _SENTENCE.findall(text)
    if len(pieces) == 1:
        # One piece holds every word of the text (nothing with a word character lies outside
        # it), so its word count is the text's: no second pass. Most linted sentences take this.
        long_enough = int(len(words) >= _MIN_SENTENCE_WORDS)
    else:
        long_enough = sum(1 for piece in pieces if len(strip_punctuation(piece).split()) >= _MIN_SENTENCE_WORDS)
    return Counts(len(words), max(1, long_enough), sum(map(count_syllables, words)))


def _rates(counts: Counts) -> tuple[float, float]:
    """Words per sentence and syllables per word, 0.0 where textstat would divide by zero."""
    per_sentence = counts.words / counts.sentences if counts.sentences else 0.0
    per_word = counts.syllables / counts.words if counts.words else 0.0
    return per_sentence, per_word


def grade_from_counts(counts: Counts) -> float:
    """Flesch–Kincaid grade level; 0.0 for text with no words or no syllables."""
    per_sentence, per_word = _rates(counts)
    if per_sentence == 0 or per_word == 0:
        return 0.0
    # Same operand order as textstat so the float result is identical.
    return (0.39 * per_sentence) + (11.8 * per_word) - 15.59


def ease_from_counts(counts: Counts) -> float:
    """Flesch reading ease (higher is easier); 0.0 for text with no words or no syllables."""
    per_sentence, per_word = _rates(counts)
    if per_sentence == 0 or per_word == 0:
        return 0.0
    return 206.835 - 1.015 * per_sentence - 84.6 * per_word


def flesch_kincaid_grade(text: str) -> float:
    """Flesch–Kincaid grade of `text`, as textstat.flesch_kincaid_grade with CMU syllables."""
    return grade_from_counts(text_counts(text))


def flesch_reading_ease(text: str) -> float:
    """Flesch reading ease of `text`, equal to textstat.flesch_reading_ease with CMU syllables."""
    return ease_from_counts(text_counts(text))
