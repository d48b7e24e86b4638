"""What every lint must keep on any draft, and drafts built to break it.

Shared by tests/test_properties.py (bounded, in the default suite) and bench/fuzz.py (a timed run that
adds large hostile documents), so that both check the same properties. Each check raises
AssertionError with a message naming the property; the oracles here (line starts, code units) are
computed independently of lint.text.source and lint.text.positions, which they check.
"""
from __future__ import annotations

import bisect
from typing import Iterable

from hypothesis import strategies as st

import lint
from lint.registry.packs import load_rules
from lint.text.adapters import adapt
from lint.model import Diagnostic
from lint.text.positions import ENCODINGS, lsp_offset, lsp_position
from lint.text.source import LineIndex

FORMATS = ("x.txt", "x.md")  # the path picks the adapter: plain text or Markdown

# Code units per encoding, for the oracle: (codec, bytes per unit).
_CODECS = {"utf-8": ("utf-8", 1), "utf-16": ("utf-16-le", 2), "utf-32": ("utf-32-le", 4)}


# --- oracles ---------------------------------------------------------------------------------------

def line_starts(text: str) -> list[int]:
    """Offsets where lines begin, by a character walk: LF, CR and CRLF each end a line."""
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n" or (ch == "\r" and text[i + 1:i + 2] != "\n"):
            starts.append(i + 1)
    return starts


def position(starts: list[int], offset: int) -> tuple[int, int]:
    """1-based line and code-point column of an offset."""
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


def inside_crlf(text: str, offset: int) -> bool:
    """Between the CR and the LF of one line break: no editor position is there."""
    return text[offset - 1:offset + 1] == "\r\n" if offset else False


# --- properties ------------------------------------------------------------------------------------

def check_diagnostics(text: str, path: str) -> list[Diagnostic]:
    """check_text returns (no exception, no CPD001) with spans inside the text, line/column pairs
    that agree with the offsets, and each diagnostic's text equal to its span of the source."""
    diagnostics = lint.check_text(text, path=path)
    starts = line_starts(text)
    for d in diagnostics:
        where = f"{path}: {d.code} at {d.start}..{d.end}"
        assert d.code != "CPD001", f"{path}: internal error: {d.message}"
        assert 0 <= d.start <= d.end <= len(text), f"{where}: span outside the text of length {len(text)}"
        assert (d.line, d.column) == position(starts, d.start), \
            f"{where}: line:column {d.line}:{d.column}, the offset says {position(starts, d.start)}"
        assert (d.end_line, d.end_column) == position(starts, d.end), \
            f"{where}: end {d.end_line}:{d.end_column}, the offset says {position(starts, d.end)}"
        assert d.text == text[d.start:d.end], f"{where}: text {d.text!r} is not the source's {text[d.start:d.end]!r}"
    return diagnostics


def check_view(text: str, path: str) -> None:
    """The prose view is as long as the source, keeps every line break where it was (and adds none),
    and its blocks and comments lie inside the text."""
    prose = adapt(text, path)
    view = prose.view
    assert len(view) == len(text), f"{path}: view of length {len(view)} for a source of length {len(text)}"
    for i, (ch, was) in enumerate(zip(view, text)):
        assert ch == was or not (ch in "\r\n" or was in "\r\n"), \
            f"{path}: view has {ch!r} at offset {i} where the source has {was!r}"
    for span in (*prose.blocks, *prose.comments):
        assert 0 <= span.start <= span.end <= len(text), f"{path}: {span} outside the text of length {len(text)}"


def check_lsp(text: str, offsets: Iterable[int] | None = None) -> None:
    """LSP positions (UTF-16, and UTF-8 and UTF-32) count the line's code units before the offset,
    and convert back to the same offset; offsets default to every one of the text."""
    lines = LineIndex.of(text)
    starts = line_starts(text)
    for offset in range(len(text) + 1) if offsets is None else offsets:
        line = position(starts, offset)[0] - 1
        before = text[starts[line]:offset]
        for encoding in ENCODINGS:
            codec, width = _CODECS[encoding]
            expected = (line, len(before.encode(codec)) // width)
            got = lsp_position(text, lines, offset, encoding)
            assert got == expected, f"{encoding} position of offset {offset} is {got}, expected {expected}"
            if not inside_crlf(text, offset):
                back = lsp_offset(text, lines, *got, encoding)
                assert back == offset, f"{encoding} position {got} of offset {offset} converts back to {back}"


# --- drafts ----------------------------------------------------------------------------------------
# Pieces are ordered simplest first: hypothesis shrinks a choice towards the start of its list.

WORDS = ("the", "said", "minister", "may", "could", "experts", "say", "critics", "argue", "reportedly",
         "officials", "according", "to", "sources", "clearly", "shocking", "should", "we", "our", "I",
         "claimed", "believed", "it", "is", "that", "plan", "war", "Ukraine", "city", "council", "percent")
NAMES = ("Smith", "Ana Ortiz", "Olena Kovalenko", "O'Brien", "José Núñez", "Zelenskyy", "AP", "NATO", "WASHINGTON")
ABBREVIATIONS = ("Dr.", "Mr.", "U.S.", "U.K.", "Sen.", "Jan.", "No.", "St.", "Inc.", "e.g.", "i.e.", "a.m.",
                 "etc.", "Ph.D.", "...", "…", ".", "?!")
NUMBERS = ("12", "1.12", "2.5", "45%", "3.2%", "$3", "$3.2 billion", "1,000", "-7", "8 million", "½", "2024",
           "| 12 | 1.12 | 2.5 |")
QUOTES = ('"', "“", "”", "'", "‘", "’", "«", "»", "„", "‹", "›", "``", "''", '"It is shocking," she said.')
MARKDOWN = ("> ", ">", "- ", "* ", "+ ", "1. ", "#", "# ", "## ", "###### ", "`", "``", "```", "~~~",
            "<!--", "-->", "<!-- copydesk-disable ATT001 -->", "<!-- copydesk-enable ATT001 -->",
            "<!-- copydesk-disable-next-line HDG001 -->", "<!-- copydesk-disable -->", "<!-- copydesk-enable",
            "[", "]", "](", ")", "[a](http://example.com/a_b)", "![", "![x](y.png)", "*", "**", "_", "__",
            "|", "| --- |", "---", "***", "===", "\\", "<div>", "</div>", "<br>", "&amp;", "&#8220;", "    ",
            "[^1]", "[^1]: ", "http://example.com/x.y", "<https://e.com>", "[x]: http://e.com")
BREAKS = ("\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\r\r", "\n\r")
# Block syntax counts only at a line's start.
LINE_STARTS = tuple(b + m for b in ("\n", "\r\n", "\r")
                    for m in ("> ", "- ", "# ", "```", "    ", "| ", "<!--", "---"))
ODD = ("é", "🎉", "😀", "𝔸", "👩‍👩‍👧", "e\u0301", "\u0301", "\u200d", "\ufeff", "中文", "\u202e", "ﬁ",
       "İ", "ẞ", "ŉ", "ǅ", "\u00a0", "\u3000")  # İ, ẞ, ŉ and ﬁ change length when their case changes
CONTROLS = ("\t", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1c", "\x1d", "\x1e", "\x1f", "\x7f", "\x85",
            "\u2028", "\u2029")  # no NUL: a NUL makes a file binary, never linted
FRONT_MATTER = ("", "---\ntitle: A\n---\n", "---\r\ntitle: A\r\n---\r\n", "+++\ntitle = 'A'\n+++\n", "---\n",
                "---\n---\n", "+++\n")
SEPARATORS = (" ", " ", " ", "", "  ", ", ", ". ", "\n")
# The rules' own examples: whole sentences that make diagnostics whose spans can be checked.
SENTENCES = tuple(dict.fromkeys(example.text for rule in load_rules()
                                for example in (*rule.flag_examples, *rule.pass_examples)))

# Any character but a surrogate (never in decoded UTF-8) or NUL.
_ANY = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), min_size=1, max_size=4)
_WORD = st.sampled_from(WORDS)
PIECES = st.one_of(
    _WORD, _WORD, st.sampled_from(NAMES), st.sampled_from(ABBREVIATIONS), st.sampled_from(NUMBERS),
    st.sampled_from(QUOTES), st.sampled_from(MARKDOWN), st.sampled_from(BREAKS), st.sampled_from(LINE_STARTS),
    st.sampled_from(ODD), st.sampled_from(CONTROLS), st.sampled_from(SENTENCES), _ANY,
)


def drafts(paragraphs: int = 8, pieces: int = 20) -> st.SearchStrategy[str]:
    """Drafts of news-like words, names and sentences mixed with the syntax that breaks linters, in
    paragraphs (lists of lists: hypothesis keeps a list short, and nested lists make longer drafts)."""
    piece = st.tuples(PIECES, st.sampled_from(SEPARATORS)).map("".join)
    paragraph = st.tuples(st.lists(piece, max_size=pieces).map("".join), st.sampled_from(BREAKS + LINE_STARTS))
    body = st.lists(paragraph.map("".join), max_size=paragraphs).map("".join)
    return st.tuples(st.sampled_from(FRONT_MATTER), body).map("".join)
