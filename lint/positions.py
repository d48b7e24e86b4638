"""Code-point offsets to and from LSP positions (0-based line, UTF-16 code units).

copydesk counts code points internally; the Language Server Protocol counts UTF-16 code units
by default, so a character outside the Basic Multilingual Plane (most emoji) counts twice there.
The lsp output format and the language server both convert here, in one place.
"""
from __future__ import annotations

from .source import LineIndex


def _units(text: str) -> int:
    """UTF-16 code units of a string."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def utf16_position(text: str, lines: LineIndex, offset: int) -> tuple[int, int]:
    """(line, character) of a code-point offset, both 0-based, character in UTF-16 units."""
    line, column = lines.position(offset)
    start = lines.starts[line - 1]
    return line - 1, _units(text[start:start + column - 1])


def utf16_offset(text: str, lines: LineIndex, line: int, character: int) -> int:
    """The code-point offset of an LSP position; clamps to the line's end like editors do."""
    if line >= len(lines.starts):
        return len(text)
    start = lines.starts[line]
    end = lines.starts[line + 1] if line + 1 < len(lines.starts) else len(text)
    units = 0
    for i in range(start, end):
        if units >= character or text[i] in "\r\n":
            return i
        units += 2 if ord(text[i]) > 0xFFFF else 1
    return end
