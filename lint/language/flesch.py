"""Flesch readability scores, equal to textstat 0.7.13 (English) with CMU syllables, fully offline.

textstat itself is not imported: it pulls in nltk, which downloads the CMU dictionary at run time.
The tokenising rules below reproduce textstat's so that the numbers match it to the last bit.
"""
from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from itertools import accumulate, repeat
from operator import sub
from typing import NamedTuple

from .syllables import count_syllables, counted

# An apostrophe survives only before an English contraction ending (case-sensitive, as in textstat:
# "DON'T" loses its apostrophe); every other non-word, non-space character goes, hyphens too.
_STRAY_APOSTROPHE = re.compile(r"'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s']")
# The same characters split in two, as scanning 1.2 MB for a class that needs Unicode categories
# costs ~20 ms: the ASCII ones go by one bytes.translate (no UTF-8 sequence holds an ASCII byte),
# the others by a class that tests ASCII by range first.
_ASCII_PUNCTUATION = bytes(c for c in range(128) if _PUNCTUATION.match(chr(c)))
_OTHER_PUNCTUATION = re.compile(r"[^\x00-\x7f\w\s]")
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
    # surrogatepass carries lone surrogates through unchanged (the second step removes them).
    data = _STRAY_APOSTROPHE.sub("", text).encode("utf-8", "surrogatepass")
    return _OTHER_PUNCTUATION.sub("", data.translate(None, _ASCII_PUNCTUATION).decode("utf-8", "surrogatepass"))


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
# End punctuation followed, within the same text, by a word character: where a text can have
# more than one of textstat's sentence pieces (every .!? of any other text comes after its words).
_WORD_AFTER_END = re.compile(rf"[.!?]\W*[^\W{_SEPARATOR[1]}]")


def texts_counts(texts: list[str]) -> list[Counts]:
    """text_counts of each text, with the work done in C over all of them joined, not per text."""
    joined = _SEPARATOR.join(texts)
    if joined.count(_SEPARATOR[1]) != len(texts) - 1:
        return [text_counts(text) for text in texts]
    words = strip_punctuation(joined).lower().split()
    # The separator is a word of its own; the words of text i lie between separators i-1 and i.
    ends = _positions(words, _SEPARATOR[1], len(texts) - 1)
    ends.append(len(words))
    starts = [0, *(end + 1 for end in ends[:-1])]
    word_counts = list(map(sub, ends, starts))
    syllables = list(map(counted.__getitem__, words))
    sentences = [1 if text else 0 for text in texts]
    # A text with a word after an end punctuation mark may be more than one of textstat's sentence
    # pieces; any other is at most one, which _sentences counts as one sentence, or zero if empty.
    # Each such text is counted once, however many marks it has (a table of decimals has thousands).
    offsets = [0, *accumulate(len(text) + len(_SEPARATOR) for text in texts)]
    for i in {bisect_right(offsets, match.start()) - 1 for match in _WORD_AFTER_END.finditer(joined)}:
        sentences[i] = _sentences(texts[i], word_counts[i])
    per_text = zip(word_counts, sentences, map(sum, map(syllables.__getitem__, map(slice, starts, ends))))
    return list(map(tuple.__new__, repeat(Counts), per_text))  # Counts(*t) without a Python call


def _positions(items: list[str], item: str, n: int) -> list[int]:
    """Indexes of the n occurrences of item, found by C searches (faster than comparing each)."""
    found, i = [], -1
    for _ in range(n):
        i = items.index(item, i + 1)
        found.append(i)
    return found


def _counts(text: str, words: list[str]) -> Counts:
    return Counts(len(words), _sentences(text, len(words)), sum(map(count_syllables, words)))


def _sentences(text: str, words: int) -> int:
    """textstat's sentence count of a non-empty text having `words` words."""
    pieces = _SENTENCE.findall(text)
    if len(pieces) == 1:
        # One piece holds every word of the text (nothing with a word character lies outside
        # it), so its word count is the text's: no second pass. Most linted sentences take this.
        long_enough = int(words >= _MIN_SENTENCE_WORDS)
    else:
        long_enough = sum(1 for piece in pieces if len(strip_punctuation(piece).split()) >= _MIN_SENTENCE_WORDS)
    return max(1, long_enough)


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


_BATCH = 500  # sentences counted together


class SentenceCounts(NamedTuple):
    """The counts of sentences, a column each: three C ints a sentence, where a Counts and a
    tuple for each would take 130 bytes (60 MB for a 50 MB draft)."""

    sentences: list
    words: array
    pieces: array  # textstat's sentences in each
    syllables: array

    def total(self) -> Counts:
        """Counts of all the sentences together, summed from their own."""
        return Counts(sum(self.words), sum(self.pieces), sum(self.syllables))


def sentence_counts(view: str, sentences: list) -> SentenceCounts:
    """The counts of each sentence of the view. In batches, so that the texts and words of one are
    freed before the next: a whole book at once would hold its text twice more than the draft does."""
    counted = SentenceCounts(sentences, array("i"), array("i"), array("i"))
    for i in range(0, len(sentences), _BATCH):
        counts = texts_counts([view[s.start:s.end] for s in sentences[i:i + _BATCH]])
        for column, values in zip(counted[1:], zip(*counts)):
            column.extend(values)
    return counted
