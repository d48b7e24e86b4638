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
    return len(text.encode("utf-16-le", "surrogatepass")) // 2  # astral = surrogate pair, counted in C


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
    return start + lsp_column(text[start:end], character, encoding)


def lsp_column(line: str, character: int, encoding: str = "utf-16") -> int:
    """The code-point index in one line (with or without its break) of an LSP character offset.

    Past the end of the line it clamps to the line's length, before the break, as LSP asks; inside
    a character (half a surrogate pair, part of a UTF-8 sequence) it moves to the next one.
    """
    body = line.rstrip("\r\n")
    if encoding == "utf-32" or body.isascii():
        return min(max(character, 0), len(body))
    count = 0
    for i, ch in enumerate(body):
        if count >= character:
            return i
        count += units(ch, encoding)
    return len(body)
