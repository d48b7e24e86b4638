"""The Markdown adapter: markdown-it-py finds the blocks, offsets stay those of the file."""
from __future__ import annotations

import re
from typing import Iterable, Iterator

from markdown_it import MarkdownIt

from .markup import Block, Comment, Prose, blank
from .source import LineIndex

_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n.*?^\1[ \t]*$", re.S | re.M)
# Inline markup that is never prose, blanked whole (after code spans, which hide everything).
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.S)
_NOT_PROSE = re.compile(
    r"!\[[^\]]*\]\([^)]*\)"  # image with its target
    r"|!\[[^\]]*\]\[[^\]]*\]"  # reference image
    r"|<(?:https?|ftp|mailto):[^>\s]*>|<[\w.+-]+@[\w-]+\.[\w.-]+>"  # autolinks
    r"|</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>"  # inline HTML tags
    r"|\bhttps?://[^\s<>()]+(?:\([^\s()]*\)[^\s<>()]*)*"  # bare URLs
    r"|\\(?=[^\w\s])"  # backslash escapes keep the escaped character
    r"|\*+|(?<!\w)_+|_+(?!\w)|~~"  # emphasis markers
)
# A link keeps its text: blank the brackets and the destination.
_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\]]*\])*)\](\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)|\[[^\]]*\])")
# A line's indentation and blockquote markers (the server puts a suppression comment after them).
QUOTE_PREFIX = re.compile(r"[ \t]*(?:>[ \t]?)*")
_LIST_PREFIX = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_ATX = re.compile(r"([ \t]*(?:>[ \t]?)*[ \t]*#{1,6})(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$|^#+[ \t]*$")
_SETEXT_RULE = re.compile(r"^[ \t]*(?:>[ \t]?)*[ \t]*(?:=+|-+)[ \t]*$")


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


def _blanked(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """text with each of the (sorted, disjoint) spans blanked."""
    out, at = [], 0
    for start, end in spans:
        out += (text[at:start], blank(text[start:end]))
        at = end
    out.append(text[at:])
    return "".join(out)


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark")


def _reveal(text: str, start: int, end: int, first_prefix: re.Pattern, heading: bool) -> str:
    """The prose of one block's source lines, markup blanked, same length."""
    lines = text[start:end].splitlines(keepends=True)
    out = []
    for i, line in enumerate(lines):
        body = line.rstrip("\r\n")
        brk = line[len(body):]
        if heading and i and _SETEXT_RULE.match(body):
            out.append(blank(line))
            continue
        m = (first_prefix if i == 0 else QUOTE_PREFIX).match(body)
        cut = m.end() if m else 0
        rest = body[cut:]
        if heading:
            rest = _ATX_CLOSE.sub(lambda x: " " * len(x.group()), rest)
        out.append(" " * cut + rest + brk)
    prose = "".join(out)
    prose = _CODE_SPAN.sub(lambda m: blank(m.group()), prose)
    prose = _blanked(prose, _comment_spans(prose, 0, len(prose)))
    prose = _LINK.sub(lambda m: " " + m.group(1) + blank(m.group(2)) + " ", prose)
    return _NOT_PROSE.sub(lambda m: blank(m.group()), prose)


def markdown_prose(text: str) -> Prose:
    work = _FRONT_MATTER.sub(lambda m: blank(m.group()), text, count=1)
    index = LineIndex.of(text)

    def offset(line: int) -> int:
        return index.starts[line] if line < len(index.starts) else len(text)

    view = list(blank(text))
    blocks: list[Block] = []
    comments: list[Comment] = []
    containers: list[str] = []
    tokens = _parser().parse(work)
    for i, tok in enumerate(tokens):
        if tok.type in ("blockquote_open", "list_item_open"):
            containers.append(tok.type)
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
                kind = {"list_item_open": "list_item", "blockquote_open": "blockquote"}.get(
                    containers[-1] if containers else "", "paragraph"
                )
                level = 0
                first_line_is_item = kind == "list_item" and _LIST_PREFIX.match(work, a)
                prefix = _LIST_PREFIX if first_line_is_item else QUOTE_PREFIX
            prose = _reveal(work, a, b, prefix, heading)
            view[a:b] = prose
            inline = tokens[i + 1]
            if any(c.type == "html_inline" and c.content.startswith("<!--") for c in inline.children or ()):
                masked = _CODE_SPAN.sub(lambda m: blank(m.group()), work[a:b])
                spans = _comment_spans(masked, 0, len(masked))
                comments += [Comment(a + s, a + e, masked[s + 4:e - 3]) for s, e in spans]
            content = prose.strip()
            if content:
                lead = a + len(prose) - len(prose.lstrip())
                blocks.append(Block(kind, lead, lead + len(content), level))
    return Prose("".join(view), tuple(blocks), tuple(comments))
