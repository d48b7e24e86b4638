"""LSP positions and ranges to code-point offsets in a buffer, and back: the one module of the
server that converts (lint.text.positions counts the code units, for the lsp output format too).

Inside, offsets are 0-based code points; on the wire, UTF-16 code units unless the client
negotiates UTF-8 or UTF-32. Positions out of range clamp, as LSP asks.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from lsprotocol import types
from lsprotocol.converters import get_converter

from ..model import Diagnostic, Rule
from ..render import lsp as render_lsp
from ..text.positions import lsp_column, lsp_position

if TYPE_CHECKING:
    from .documents import Buffer

_CONVERTER = get_converter()


def locate(lines: Sequence[str], position: types.Position, encoding: str) -> tuple[int, int]:
    """An LSP position in a list of lines (each with its break) as (line, code-point column)."""
    if position.line >= len(lines):
        return len(lines) - 1, len(lines[-1])
    return position.line, lsp_column(lines[position.line], position.character, encoding)


def to_offset(buf: Buffer, position: types.Position, encoding: str) -> int:
    """An LSP position as a code-point offset in the buffer's text."""
    line, column = locate(buf.lines, position, encoding)
    return buf.index.starts[line] + column


def to_position(buf: Buffer, offset: int, encoding: str) -> types.Position:
    return types.Position(*lsp_position(buf.text, buf.index, offset, encoding))


def to_range(buf: Buffer, start: int, end: int, encoding: str) -> types.Range:
    return types.Range(to_position(buf, start, encoding), to_position(buf, end, encoding))


def to_diagnostic(buf: Buffer, d: Diagnostic, rule: Rule | None, encoding: str) -> types.Diagnostic:
    """Exactly what `copydesk check --format lsp` prints, in the client's position encoding."""
    found = render_lsp.lsp_diagnostic(d, buf.text, buf.index, rule, encoding)
    return _CONVERTER.structure(found, types.Diagnostic)
