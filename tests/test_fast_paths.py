"""Each shortcut taken for speed gives exactly what the plain way gives, on generated text."""
from __future__ import annotations

import random

import pytest

from lint.checks import attribution as att
from lint.engine.linter import Linter
from lint.language.phrases import PhraseMatcher, words_of
from lint.text.source import LINE_BREAK, LineIndex

LINTER = Linter()


def sentences(text: str):
    doc = LINTER.document(text, "x.txt")
    return doc, [s for p in doc.paragraphs for s in p.sentences]


def generated(pieces: list[str], n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return [" ".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 14))) + "." for _ in range(n)]


FIGURE_PIECES = (
    "an An estimated over more than nearly almost about around some at least up to hundreds of thousands tens "
    "millions dozens 5 5,000 12.5 1,200,000 300 2019 $ € £5 $12 million 40% percent per cent people troops "
    "Ukrainians x’900 x’hundreds it's _5 A380 said"
).split()


def test_figures_are_those_finditer_finds() -> None:
    for text in generated(FIGURE_PIECES, 3000, 1):
        doc, found = sentences(text)
        for s in found:
            plain = [m.span() for m in att.FIGURE.finditer(doc.view, s.start, s.end)]
            assert [m.span() for m in att.figures(doc, s)] == plain, text


def test_the_figure_prefilter_passes_every_sentence_with_a_figure() -> None:
    pieces = FIGURE_PIECES + ["½", "x²", "٣", "İ", "ΣΟΦΟΣ", "ſome", "Hundreds", "dozens of people",
                              "x'thousands of troops", "an estimated billionsx", "tens of thousands of Ukrainians"]
    for text in generated(pieces, 3000, 2):
        doc, found = sentences(text)
        passed = set(att.figure_sentences(doc, found, [s.start for s in found]))
        for i, s in enumerate(found):
            if att.FIGURE.search(doc.view, s.start, s.end):
                assert i in passed, text
            if "estimated" not in s.norms:  # what lets unsourced_figure pass over a sourced sentence
                assert not any(m.group().lower().startswith("an estimated")
                               for m in att.FIGURE.finditer(doc.view, s.start, s.end)), text


SPEAKER_PIECES = "he said SAID Said x'said said's ſaid according to told asked the mayor quote “yes” - _said".split()


def test_speaker_search_skips_only_sentences_without_a_speech_verb() -> None:
    for text in generated(SPEAKER_PIECES, 3000, 3):
        doc, found = sentences(text)
        for s in found:
            plain = any(not doc.in_quote(m.start() + s.start)
                        for m in att._SPEAKER_VERB.finditer(doc.view[s.start:s.end]))
            assert att._speaker_around(doc, s) == plain, text


def naive_find(phrases: list[str], norms: list[str]) -> list[tuple[int, int]]:
    """Longest phrase at each word, left to right, no overlaps: the matcher's contract."""
    options = sorted({words_of(p) for p in phrases}, key=len, reverse=True)
    found, i = [], 0
    while i < len(norms):
        hit = next((len(o) for o in options if tuple(norms[i:i + len(o)]) == o), 0)
        if hit:
            found.append((i, i + hit))
        i += hit or 1
    return found


@pytest.mark.parametrize("seed", range(3))
def test_phrase_matcher_equals_a_naive_search(seed: int) -> None:
    rnd = random.Random(seed)
    vocabulary = "a b c the it is was widely believed said to be".split()
    phrases = [" ".join(rnd.choice(vocabulary) for _ in range(rnd.randint(1, 4))) for _ in range(12)]
    matcher = PhraseMatcher(phrases)
    for text in generated(vocabulary, 500, seed + 10):
        _, found = sentences(text)
        for s in found:
            assert matcher.find(s) == naive_find(phrases, list(s.norms)), (phrases, text)
            wanted = frozenset(phrases[0].split())
            assert s.positions(wanted) == [i for i, w in enumerate(s.norms) if w in wanted]


def test_line_index_equals_the_line_break_scan() -> None:
    rnd = random.Random(4)
    for _ in range(3000):
        text = "".join(rnd.choice(("a", "bc", " ", "\n", "\n\n", "\r\n", "\r")) for _ in range(rnd.randint(0, 20)))
        assert LineIndex.of(text).starts == (0, *(m.end() for m in LINE_BREAK.finditer(text))), repr(text)


def test_sentences_hold_exactly_the_words_found_inside_them() -> None:
    """Words are split once per paragraph and dealt to sentences: none may straddle a boundary."""
    from lint.language.document import WORD

    pieces = ('He said. "Yes." It’s over! (Done.) x’y ‘Quoted’ U.S. Mr. Smith ... ?! rock’n’roll '
              "end.’s ’90s 5.5 don't ΣΟΦΟΣ. İstanbul a_b —dash").split()
    for text in generated(pieces, 3000, 5):
        doc, found = sentences(text)
        for s in found:
            matches = list(WORD.finditer(doc.view, s.start, s.end))
            assert [s.start_of(k) for k in range(len(s.norms))] == [m.start() for m in matches], text
            assert [s.end_of(k) for k in range(len(s.norms))] == [m.end() for m in matches], text
            assert list(s.norms) == [m.group().lower().replace("’", "'") for m in matches], text


def test_lower_casing_a_character_never_moves_a_word_boundary() -> None:
    """segment splits the lower-cased view: sound only if every character that lower-cases to one
    character stays a word character, or a non-word one (the longer ones take the slow path)."""
    import sys

    moved = [hex(i) for i in range(sys.maxunicode + 1)
             if len(chr(i).lower()) == 1 and chr(i).isalnum() != chr(i).lower().isalnum()]
    assert moved == []


# Readability: pieces that stress textstat's rules (apostrophes at word ends, Greek final sigma,
# digits, abbreviations, several sentence pieces in one text, punctuation-only and empty texts).
READABILITY_PIECES = [
    "", " ", "\n", "The", "council", "voted", "don'", "'til", "rock 'n'", "DON'T", "it's", "’s", "students'",
    "ΟΔΟΣ", "Σ.", "ΣΟΦΟΣ", "İstanbul", "naïve", "ﬁnal", "5", "2023", "12.5%", "£810,000", "A380", "covid19",
    "U.S.", "Mr.", "a.m.", "x.y", "?!", "...", "!!!", "—", "“Yes.”", "(Done.)", "snake_case", "blorptastic",
]


def readability_texts(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice((" ", "", "\n", ". ", "? ")) + rnd.choice(READABILITY_PIECES)
                    for _ in range(rnd.randint(0, 8))) for _ in range(n)]


def test_texts_counts_equals_counting_each_generated_text_alone() -> None:
    from lint.language.flesch import text_counts, texts_counts

    texts = readability_texts(4000, 6)
    assert texts_counts(texts) == [text_counts(t) for t in texts]
    with_separator = [*texts[:50], "ꙮ marks", "a\nꙮ\nb"]  # the letter joining texts: each done alone
    assert texts_counts(with_separator) == [text_counts(t) for t in with_separator]


def test_strip_punctuation_equals_the_plain_substitutions() -> None:
    """strip_punctuation deletes ASCII punctuation with bytes.translate and the rest by regex."""
    from lint.language.flesch import _PUNCTUATION, _STRAY_APOSTROPHE, strip_punctuation

    rnd = random.Random(7)
    alphabet = [chr(i) for i in range(128)] + list("’“”–…£€°éÉΣσςİﬁꙮ\u00a0\u2028\u0301_'😀\ud800\udc00")
    for _ in range(3000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30)))
        assert strip_punctuation(text) == _PUNCTUATION.sub("", _STRAY_APOSTROPHE.sub("", text)), repr(text)


def test_syllables_and_break_points_equal_pyphen_on_generated_words() -> None:
    """Digit-only words skip the pattern search; every word is looked up once, then remembered."""
    from pyphen import Pyphen

    from lint.language.hyphenation import break_points
    from lint.language.syllables import _cmu_table, count_syllables

    hyphenator = Pyphen(lang="en_US")
    rnd = random.Random(8)
    pieces = ["0", "1", "2", "9", "²", "٣", "a", "e", "x", "st", "ing", "ion", "'", "é", "ﬁ", "."]
    for _ in range(3000):
        word = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 9)))
        assert break_points(word) == list(hyphenator.positions(word)), word
        plain = _cmu_table().get(word, len(hyphenator.positions(word)) + 1)
        assert count_syllables(word) == count_syllables(word) == plain, word


def test_hyphenation_patterns_equal_a_line_by_line_read() -> None:
    import re

    from lint.language.hyphenation import _HEADER, _NO_DIGITS, _patterns, dictionary_path

    lines = dictionary_path().read_text(encoding="utf-8").split("\n")[1:]
    lines = [line.strip() for line in lines if re.search("[1-9]", line) and not line.startswith(_HEADER)]
    plain = dict(zip((line.translate(_NO_DIGITS) for line in lines), lines))
    assert _patterns() == (plain, max(map(len, plain)))


ATTRIBUTION_PIECES = (
    "Rubio RUBIO said says told Experts experts officials Officials Researchers researchers Sanders the The THE "
    "a A he He she They it It is was widely believed reportedly according to per as reported by in the words of "
    "of and, Secretary State Marco President Trump's comments stance polls show many some people lawmakers "
    "feared were reluctant, suggesting that FBI British analysts İstanbul Ωmega ΣΟΦΟΣ x'said it's Percussion "
    "point out report study who which familiar person a person two officials spoke Monday"
).split() + ["according to", "as reported by", "in the words of", "it is widely believed", "is said to",
             "there are reports", "word is", "it has long been held", "rumours have"]


def test_the_relation_screen_passes_over_only_sentences_that_hold_no_relation() -> None:
    """sentence_relations skips a sentence sharing no word with Words.screen: with the screen
    emptied out of the way, every finder still finds nothing in such a sentence (bar a headline's colon)."""
    from lint.language import relations
    from lint.language.sources import Reader
    from lint.language.vocabulary import words_of

    skipped = 0
    for text in generated(ATTRIBUTION_PIECES, 3000, 6):
        doc, found = sentences(text)
        words = words_of(doc.lexicon)
        reader = Reader(doc, words, doc.analyses.capitalised)
        everything = Reader(doc, _Unscreened(words), doc.analyses.capitalised)
        for s in found:
            if s.norms and words.screen.isdisjoint(s.norms):
                skipped += 1
                assert relations.sentence_relations(everything, s) == relations.sentence_relations(reader, s), text
    assert skipped > 100  # the generated sentences exercise the screen


class _Unscreened:
    """A rule set's words with a screen that lets every sentence through."""

    def __init__(self, words):
        self._words = words

    def __getattr__(self, name):
        return getattr(self._words, name)

    @property
    def screen(self):
        return _Everything()


class _Everything(frozenset):
    def isdisjoint(self, other) -> bool:
        return False


def test_capitalised_words_are_those_written_with_a_capital_past_each_sentences_first() -> None:
    for text in generated(ATTRIBUTION_PIECES, 3000, 7):
        doc, _ = sentences(text)
        plain_capitalised = frozenset(
            norm for p in doc.paragraphs for s in p.sentences
            for k, norm in enumerate(s.norms) if k and doc.view[s.start_of(k)].isupper())
        assert doc.analyses.capitalised == plain_capitalised, text


def test_a_quote_of_three_words_is_told_by_a_bounded_split() -> None:
    rnd = random.Random(8)
    for _ in range(3000):
        text = "".join(rnd.choice(("a", "bc", " ", "\n", "\t", "“", "”")) for _ in range(rnd.randint(0, 12)))
        assert (len(text.split(None, 2)) < 3) == (len(text.split()) < 3), repr(text)
