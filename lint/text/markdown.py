"""The Markdown adapter: markdown-it-py finds the blocks, offsets stay those of the file."""
from __future__ import annotations

import re

from markdown_it import MarkdownIt

from .prose import Block, Comment, Prose, blank
from .source import LineIndex

_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n.*?^\1[ \t]*$", re.S | re.M)
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
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
    prose = _COMMENT.sub(lambda m: blank(m.group()), prose)
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
            comments += [Comment(m.start(), m.end(), m.group(1)) for m in _COMMENT.finditer(work, a, b)]
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
                comments += [Comment(a + m.start(), a + m.end(), m.group(1)) for m in _COMMENT.finditer(masked)]
            content = prose.strip()
            if content:
                lead = a + len(prose) - len(prose.lstrip())
                blocks.append(Block(kind, lead, lead + len(content), level))
    return Prose("".join(view), tuple(blocks), tuple(comments))
