"""textDocument/codeAction: a diagnostic's fix, and in Markdown the comment that suppresses it, both
from the last lint (its diagnostics and its paragraphs' spans)."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Sequence

from lsprotocol import types

from ..model import Diagnostic
from ..registry.kinds import INTERNAL_ERROR
from ..text.markdown import QUOTE_PREFIX
from ..text.source import LINE_BREAK
from .documents import Buffer
from .positions import to_diagnostic, to_offset, to_range
from .publish import fresh

if TYPE_CHECKING:
    from .server import CopydeskServer

_SUPPRESS_LINE = re.compile(r"^(?P<head>[ \t]*(?:>[ \t]?)*<!--\s*copydesk-disable-next-line\b.*?)(?P<tail>\s*-->\s*)$")
QUICK_FIX = types.CodeActionKind.QuickFix


def code_action(ls: CopydeskServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
    only = params.context.only
    if only and not any(QUICK_FIX.startswith(k) for k in only):
        return None
    state = fresh(ls, params.text_document.uri)
    if state is None:
        return None
    buf, result = state
    enc = ls.session.encoding
    hits = result.at(to_offset(buf, params.range.start, enc), to_offset(buf, params.range.end, enc), touching=True)
    actions: list[types.CodeAction] = []
    for d in hits:
        diag = to_diagnostic(buf, d, result.linter.by_code.get(d.code), enc)
        if d.fix is not None and d.end > d.start:
            edit = types.TextEdit(range=diag.range, new_text=d.fix.replacement)
            actions.append(types.CodeAction(
                title=f"Replace “{d.text}” with “{d.fix.replacement}” ({d.code})",
                kind=QUICK_FIX, diagnostics=[diag], is_preferred=d.fix.safe,
                edit=types.WorkspaceEdit(changes={buf.uri: [edit]})))
        if buf.markdown and d.name != INTERNAL_ERROR:  # an internal error is not the writer's to silence
            edit = suppression_edit(buf, d, result.paragraphs, enc)
            actions.append(types.CodeAction(
                title=f"Suppress {d.code} ({d.name}) on this line", kind=QUICK_FIX, diagnostics=[diag],
                edit=types.WorkspaceEdit(changes={buf.uri: [edit]})))
    return actions or None


def suppression_edit(buf: Buffer, d: Diagnostic, paragraphs: Sequence[tuple[int, int]],
                     encoding: str) -> types.TextEdit:
    """The edit that puts `<!-- copydesk-disable-next-line CODE -->` above d's line.

    Inside a prose block (a wrapped paragraph, a tight list, a heading followed directly by
    text) the comment goes at the end of the previous line, as inline HTML: a comment line of
    its own there would split the paragraph or the list when the Markdown is rendered. Before a
    block it goes on a line of its own, with the block's indentation and quote markers. A
    suppression comment already on the previous line gets the code added instead.
    """
    text, lines = buf.text, buf.index
    line, _ = lines.position(d.start)
    here = lines.starts[line - 1]
    comment = f"<!-- copydesk-disable-next-line {d.code} -->"
    if line > 1:
        prev_start = lines.starts[line - 2]
        prev = text[prev_start:here].rstrip("\r\n")
        m = _SUPPRESS_LINE.match(prev)
        if m:
            at = prev_start + m.end("head")
            return types.TextEdit(range=to_range(buf, at, at, encoding), new_text=f" {d.code}")
        body = prev.rstrip(" \t")
        if body.endswith("\\"):
            body = body[:-1]  # keep a backslash hard break at the end of the line
        last = prev_start + len(body.rstrip()) - 1
        if body.strip() and any(a <= last < b for a, b in paragraphs):
            at = prev_start + len(body)
            return types.TextEdit(range=to_range(buf, at, at, encoding), new_text=f" {comment}")
    eol = LINE_BREAK.search(text)
    newline = eol.group() if eol else "\n"
    prefix = QUOTE_PREFIX.match(text, here).group()
    return types.TextEdit(range=to_range(buf, here, here, encoding), new_text=f"{prefix}{comment}{newline}")


FEATURES = ((types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=[QUICK_FIX]), code_action),)
