"""The Markdown adapter: markdown-it-py finds the blocks, offsets stay those of the file.

Inline markup is found by scanners that take time linear in a block's length, whatever it holds:
regular expressions that fail from every opener of an unclosed construct ("[[[[", "<!-- x" repeated)
would take time quadratic in it.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Iterable, Iterator

from markdown_it import MarkdownIt

from .prose import Block, Comment, Prose, blank
from .source import LineIndex

# Front matter, its lines ended by LF, CRLF or CR alike (the re module's ^ and $ know only LF).
_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*(?:\r\n?|\n)(?:.*?(?:\r\n?|\n))??\1[ \t]*(?=[\r\n]|\Z)", re.S)
# A backtick string, or a backslash escape (CommonMark escapes ASCII punctuation only).
_TICKS_OR_ESCAPE = re.compile(r"`+|\\[!-/:-@\[-`{-~]")
_TICKS = re.compile(r"`+")
_BRACKET = re.compile(r"[\[\]]")
_CLOSE_BRACKET = re.compile(r"\]")
_CLOSE_PAREN = re.compile(r"\)")
# What follows a link's text: its destination and title, or a reference label.
_LINK_TARGET = re.compile(r"\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)|\[[^\]]*\]")
# Inline markup that is never prose, blanked whole (after code spans, which hide everything, then links
# and images). An autolink holds no "<", as in CommonMark, and an underscore run is tried from its start
# only: either would otherwise be scanned again from every character.
_NOT_PROSE = re.compile(
    r"<(?:https?|ftp|mailto):[^<>\s]*>|<[\w.+-]+@[\w-]+\.[\w.-]+>"  # autolinks
    r"|</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>"  # inline HTML tags
    r"|\bhttps?://[^\s<>()]+(?:\([^\s()]*\)[^\s<>()]*)*"  # bare URLs
    r"|\\(?=[^\w\s])"  # backslash escapes keep the escaped character
    r"|\*+|(?<!\w)_+|(?<!_)_+(?!\w)|~~"  # emphasis markers
)
# A line's indentation and blockquote markers (the server puts a suppression comment after them).
QUOTE_PREFIX = re.compile(r"[ \t]*(?:>[ \t]?)*")
# The same where more must follow: written so that a run of spaces has one reading, not one per way
# to split it between two [ \t]* (which made a long run of spaces quadratic).
_CONTAINERS = r"[ \t]*(?:>(?:[ \t]?>)*[ \t]*)?"
_LIST_PREFIX = re.compile(rf"{_CONTAINERS}(?:[-*+]|\d{{1,9}}[.)])(?:[ \t]+|$)")
_ATX = re.compile(rf"({_CONTAINERS}#{{1,6}})(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"(?<![ \t])[ \t]+#+[ \t]*$|^#+[ \t]*$")
_SETEXT_RULE = re.compile(rf"^{_CONTAINERS}(?:=+|-+)[ \t]*$")
# Every container marker of a line nested deeper than the parser goes: indentation, ">" and list markers.
_DEEP_PREFIX = re.compile(r"(?:[ \t>]|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))*")
_CONTAINER_KINDS = {"blockquote_open": "blockquote", "list_item_open": "list_item"}


def _comment_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each HTML comment in text[start:end], as `<!--(.*?)-->` finds them but in
    linear time: once an opener has no closer, no later one has either, so the search stops."""
    i = text.find("<!--", start, end)
    while i >= 0:
        j = text.find("-->", i + 4, end)
        if j < 0:
            return
        yield i, j + 3
        i = text.find("<!--", j + 3, end)


def _code_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each code span, backticks included, by CommonMark's rule: a backtick string
    opens one only when a string of exactly as many backticks follows, which closes it; one with no
    such closer is literal text, and an escaped backtick opens nothing (inside a span a backslash is
    literal). Closers are looked up by length, so an unclosed opener costs no scan to the end."""
    closers: dict[int, list[int]] = {}  # length -> starts of the backtick strings that long
    for m in _TICKS.finditer(text):
        closers.setdefault(m.end() - m.start(), []).append(m.start())
    spans = []
    m = _TICKS_OR_ESCAPE.search(text)
    while m:
        at = m.end()
        if m.group()[0] == "`":
            length = at - m.start()
            starts = closers.get(length, ())
            i = bisect_left(starts, at)
            if i < len(starts):
                at = starts[i] + length
                spans.append((m.start(), at))
        m = _TICKS_OR_ESCAPE.search(text, at)
    return spans


def _link_spans(text: str) -> list[tuple[int, int, int]]:
    r"""(start, close, end) of each link: its "[", the "]" ending its text and the end of its target,
    found left to right as `\[((?:[^\[\]]|\[[^\]]*\])*)\]` then _LINK_TARGET would find them (a text
    may hold bracket pairs one deep), but with each stretch of the text read once: where a text goes on
    after a "]", and what target follows a "]", are kept for the next "[" that gets there."""
    closes = [m.start() for m in _CLOSE_BRACKET.finditer(text)]
    resumed: dict[int, int] = {}  # "]" of a pair inside a text -> the "]" ending that text, or -1
    targets: dict[int, int] = {}  # "]" ending a text -> the end of the target after it, or -1
    spans = []
    at = text.find("[")
    while at >= 0:
        close, end = _text_end(text, at, closes, resumed), -1
        if close >= 0:
            if close not in targets:
                m = _LINK_TARGET.match(text, close + 1)
                targets[close] = m.end() if m else -1
            end = targets[close]
        if end >= 0:
            spans.append((at, close, end))
        at = text.find("[", max(end, at + 1))
    return spans


def _text_end(text: str, start: int, closes: list[int], resumed: dict[int, int]) -> int:
    """The "]" ending a link text opened at start, or -1 when there is none."""
    passed: list[int] = []  # the pairs' "]" this text went on after
    at = start + 1
    while True:
        m = _BRACKET.search(text, at)
        if m is None:
            end = -1
            break
        if m.group() == "]":
            end = m.start()
            break
        i = bisect_right(closes, m.start())  # a "[" inside a text pairs with the next "]"
        if i == len(closes):
            end = -1
            break
        if closes[i] in resumed:
            end = resumed[closes[i]]
            break
        passed.append(closes[i])
        at = closes[i] + 1
    for close in passed:
        resumed[close] = end
    return end


def _image_spans(text: str) -> list[tuple[int, int]]:
    r"""(start, end) of each image, as `!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]` finds them: each
    bracket or parenthesis wanted is the next one, looked up rather than scanned for."""
    closes = [m.start() for m in _CLOSE_BRACKET.finditer(text)]
    parens = [m.start() for m in _CLOSE_PAREN.finditer(text)]
    spans = []
    at = text.find("![")
    while at >= 0:
        end = -1
        i = bisect_left(closes, at + 2)
        if i < len(closes):
            after = text[closes[i] + 1:closes[i] + 2]
            if after == "(":
                k = bisect_left(parens, closes[i] + 2)
                end = parens[k] + 1 if k < len(parens) else -1
            elif after == "[" and i + 1 < len(closes):
                end = closes[i + 1] + 1
        if end >= 0:
            spans.append((at, end))
        at = text.find("![", max(end, at + 1))
    return spans


def _blanked(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """text with each of the (sorted, disjoint) spans blanked."""
    out, at = [], 0
    for start, end in spans:
        out += (text[at:start], blank(text[start:end]))
        at = end
    out.append(text[at:])
    return "".join(out)


def _unlinked(text: str) -> str:
    """text with each link's brackets and target blanked, its text kept."""
    out, at = [], 0
    for start, close, end in _link_spans(text):
        out += (text[at:start], " ", text[start + 1:close], blank(text[close:end]))
        at = end
    out.append(text[at:])
    return "".join(out)


def _parser() -> MarkdownIt:
    # Blocks only: inline parsing costs about 25 µs a character on bracket soup ("[[[[", "![![")
    # and is needed only to tell whether a paragraph holds a comment (see _has_comment).
    return MarkdownIt("commonmark").disable("inline")


def _has_comment(parser: MarkdownIt, inline, env: dict) -> bool:
    """Whether the parser reads an HTML comment in a paragraph's inline content."""
    children: list = []
    parser.inline.parse(inline.content, parser, env, children)
    return any(c.type == "html_inline" and c.content.startswith("<!--") for c in children)


def _reveal(text: str, start: int, end: int, first_prefix: re.Pattern, prefix: re.Pattern,
            heading: bool) -> str:
    """The prose of one block's source lines, markup blanked, same length; first_prefix is cut from
    the first line, prefix from the others."""
    lines = text[start:end].splitlines(keepends=True)
    out = []
    for i, line in enumerate(lines):
        body = line.rstrip("\r\n")
        brk = line[len(body):]
        if heading and i and _SETEXT_RULE.match(body):
            out.append(blank(line))
            continue
        m = (prefix if i else first_prefix).match(body)
        cut = m.end() if m else 0
        rest = body[cut:]
        if heading:
            rest = _ATX_CLOSE.sub(lambda x: " " * len(x.group()), rest)
        out.append(" " * cut + rest + brk)
    prose = "".join(out)
    prose = _blanked(prose, _code_spans(prose))
    prose = _blanked(prose, _comment_spans(prose, 0, len(prose)))
    prose = _unlinked(prose)
    prose = _blanked(prose, _image_spans(prose))
    return _NOT_PROSE.sub(lambda m: blank(m.group()), prose)


def _inline_comments(work: str, a: int, b: int) -> list[Comment]:
    """The comments of a block's source, outside its code spans."""
    masked = _blanked(work[a:b], _code_spans(work[a:b]))
    return [Comment(a + s, a + e, masked[s + 4:e - 3]) for s, e in _comment_spans(masked, 0, len(masked))]


def _deep_paragraphs(work: str, starts: tuple[int, ...], first: int, last: int) -> Iterator[tuple[int, int]]:
    """(start, end) of the runs of lines first..last-1 that hold text once their container markers
    are cut, each run from its first line's start to the start of the line after its last."""
    run_start = None
    for line in range(first, last):
        a = starts[line]
        b = starts[line + 1] if line + 1 < len(starts) else len(work)
        body_end = len(work[a:b].rstrip("\r\n")) + a
        if work[_DEEP_PREFIX.match(work, a, body_end).end():body_end].strip():
            run_start = a if run_start is None else run_start
        elif run_start is not None:
            yield run_start, a
            run_start = None
    if run_start is not None:
        yield run_start, starts[last] if last < len(starts) else len(work)


def markdown_prose(text: str) -> Prose:
    work = _FRONT_MATTER.sub(lambda m: blank(m.group()), text, count=1)
    index = LineIndex.of(text)

    def offset(line: int) -> int:
        return index.starts[line] if line < len(index.starts) else len(text)

    view = list(blank(text))
    blocks: list[Block] = []
    comments: list[Comment] = []

    def add(kind: str, level: int, a: int, b: int, prose: str) -> None:
        view[a:b] = prose
        content = prose.strip()
        if content:
            lead = a + len(prose) - len(prose.lstrip())
            blocks.append(Block(kind, lead, lead + len(content), level))

    containers: list[str] = []
    parser = _parser()
    # The parser skips what lies in a container this deep (its nesting limit, against recursion):
    # that is read here as prose, paragraphs split at blank lines.
    deepest = parser.options["maxNesting"] - 1
    env: dict = {}  # link reference definitions, which the inline parser needs
    tokens = parser.parse(work, env)
    for i, tok in enumerate(tokens):
        if tok.type in _CONTAINER_KINDS:
            containers.append(tok.type)
            if tok.level >= deepest and tok.map:
                kind = _CONTAINER_KINDS[tok.type]
                for a, b in _deep_paragraphs(work, index.starts, *tok.map):
                    add(kind, 0, a, b, _reveal(work, a, b, _DEEP_PREFIX, _DEEP_PREFIX, heading=False))
                    comments += _inline_comments(work, a, b)
        elif tok.type in ("blockquote_close", "list_item_close"):
            containers.pop()
        elif tok.type == "html_block" and tok.map:
            a, b = offset(tok.map[0]), offset(tok.map[1])
            comments += [Comment(s, e, work[s + 4:e - 3]) for s, e in _comment_spans(work, a, b)]
        elif tok.type in ("paragraph_open", "heading_open") and tok.map:
            heading = tok.type == "heading_open"
            a, b = offset(tok.map[0]), offset(tok.map[1])
            if heading:
                kind, level, prefix = "heading", int(tok.tag[1]), _ATX
            else:
                kind = _CONTAINER_KINDS.get(containers[-1] if containers else "", "paragraph")
                level = 0
                first_line_is_item = kind == "list_item" and _LIST_PREFIX.match(work, a)
                prefix = _LIST_PREFIX if first_line_is_item else QUOTE_PREFIX
            add(kind, level, a, b, _reveal(work, a, b, prefix, QUOTE_PREFIX, heading))
            if work.find("<!--", a, b) >= 0 and _has_comment(parser, tokens[i + 1], env):
                comments += _inline_comments(work, a, b)
    return Prose("".join(view), tuple(blocks), tuple(comments))
