"""Code-point offsets to and from LSP positions (0-based line, character in code units).

copydesk counts code points internally. The Language Server Protocol counts UTF-16 code units
by default (an emoji outside the Basic Multilingual Plane counts twice) and lets a client
negotiate "utf-8" or "utf-32" instead. The lsp output format and the language server both
convert here, in one place, so they always agree.
"""
from __future__ import annotations

from .source import LineIndex

ENCODINGS = ("utf-8", "utf-16", "utf-32")  # LSP's PositionEncodingKind values


def units(text: str, encoding: str = "utf-16") -> int:
    """Length of text in the encoding's code units."""
    if encoding == "utf-32" or text.isascii():
        return len(text)
    if encoding == "utf-8":
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)  # astral = surrogate pair


def lsp_position(text: str, lines: LineIndex, offset: int, encoding: str = "utf-16") -> tuple[int, int]:
    """(line, character) of a code-point offset, both 0-based."""
    line, column = lines.position(offset)
    start = lines.starts[line - 1]
    return line - 1, units(text[start:start + column - 1], encoding)


def lsp_offset(text: str, lines: LineIndex, line: int, character: int, encoding: str = "utf-16") -> int:
    """The code-point offset of an LSP position; out-of-range positions clamp, as LSP asks."""
    if line < 0:
        return 0
    if line >= len(lines.starts):
        return len(text)
    start = lines.starts[line]
    end = lines.starts[line + 1] if line + 1 < len(lines.starts) else len(text)
    count = 0
    for i in range(start, end):
        if count >= character or text[i] in "\r\n":
            return i
        count += units(text[i], encoding)
    return end
