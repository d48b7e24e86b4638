"""The Markdown adapter reads what CommonMark (markdown-it-py) reads: code spans, deep nesting."""
from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from lint import check_text
from lint.text.adapters import adapt
from lint.language.document import WORD

CLAIM = "Experts say the bridge will reopen in May."
VAGUE = 'Vague source "Experts say": name who found this, or say how it was verified.'


def vague_sources(text: str) -> list[tuple[int, int, str, str]]:
    return [(d.line, d.column, d.text, d.message) for d in check_text(text, "story.md") if d.code == "ATT001"]


# --- nesting deeper than the parser's limit (maxNesting 20) ------------------------------

@pytest.mark.parametrize("marker", ["> ", "- ", "1. ", "> - "])
@pytest.mark.parametrize("depth", [1, 19, 20, 21, 25, 10_000])
def test_a_claim_nested_at_any_depth_is_linted_where_it_stands(marker: str, depth: int) -> None:
    prefix = marker * depth
    assert vague_sources(prefix + CLAIM) == [(1, len(prefix) + 1, "Experts say", VAGUE)]


def test_deep_paragraphs_are_split_at_blank_lines_and_the_rest_of_the_draft_is_read_as_before() -> None:
    deep = "> " * 25
    text = f"{deep}The plan is bold.\n{deep}{CLAIM}\n{deep}\n{deep}{CLAIM}\n\n{CLAIM}\n"
    assert vague_sources(text) == [(2, 51, "Experts say", VAGUE), (4, 51, "Experts say", VAGUE),
                                   (6, 1, "Experts say", VAGUE)]
    prose = adapt(text, "story.md")
    deep_blocks = [(b.kind, prose.view[b.start:b.end]) for b in prose.blocks][:2]
    assert deep_blocks == [("blockquote", f"The plan is bold.\n{' ' * 50}{CLAIM}"), ("blockquote", CLAIM)]


def test_a_deep_list_item_keeps_its_markup_out_of_the_prose() -> None:
    text = "- " * 30 + "Use `experts say` or [the vote](experts-say.html) as a link. " + CLAIM
    assert vague_sources(text) == [(1, text.index(CLAIM) + 1, "Experts say", VAGUE)]


@pytest.mark.parametrize("depth", [1, 25])
def test_a_suppression_comment_deep_inside_a_quote_still_applies(depth: int) -> None:
    comment = "> " * depth + "<!-- copydesk-disable-next-line vague-source -->\n"
    claim = "> " * depth + CLAIM
    assert [d.code for d in check_text(claim, "story.md")] == ["ATT001"]
    assert [d.code for d in check_text(comment + claim, "story.md")] == []


# --- code spans, as CommonMark reads them ---------------------------------------------------

TRICKY_CODE_SPANS = [
    "``not closed` and `experts say` the bridge",  # "``" has no closer: "` and `" is the span
    "``a` experts say ` the bridge",  # the single backticks pair around the words
    "\\`experts say` the bridge",  # an escaped backtick opens nothing
    "\\\\`code` experts say",  # an escaped backslash: the backtick opens
    "`a ``experts say`` b` the bridge",
    "```a`` experts say ``` the bridge",
    "\\``a`` experts say",  # the escape takes one backtick; the single one left has no closer
    "``` `` ` experts say",  # no string has a closer
    "` `` ` experts say ``",
    "`a` `b` `` `c` `` experts say `",
    "``a`b`` experts say",
    "`experts\nsay` the bridge",  # a span crosses a line break
    "> `experts\n> say` the bridge ``x",
    "- ``experts` say `` the bridge",
    "```` experts say",
]


def markdown_it_words(text: str) -> list[str]:
    """The words markdown-it-py reads as text, code spans left out."""
    words = []
    for token in MarkdownIt("commonmark").parse(text):
        for child in token.children or ():
            if child.type == "text":
                words += WORD.findall(child.content)
    return words


@pytest.mark.parametrize("text", TRICKY_CODE_SPANS)
def test_code_spans_are_blanked_exactly_where_markdown_it_reads_code(text: str) -> None:
    assert WORD.findall(adapt(text, "story.md").view) == markdown_it_words(text)


def test_text_after_an_unclosed_double_backtick_is_linted() -> None:
    text = "``not closed` and `experts say` the bridge will reopen."
    assert [(d.line, d.column, d.code) for d in check_text(text, "story.md")] == [(1, 3, "ATT001")]


def test_text_inside_a_code_span_of_single_backticks_is_not_linted() -> None:
    assert vague_sources("``a` experts say ` the bridge will reopen.") == []


# --- links -------------------------------------------------------------------------------

def test_a_link_title_on_the_next_line_keeps_the_line_break_in_place() -> None:
    text = '[the vote](vote.html\n"Title") passed. ' + CLAIM
    view = adapt(text, "story.md").view
    assert [i for i, c in enumerate(view) if c == "\n"] == [text.index("\n")]
    assert view.startswith(" the vote ")
