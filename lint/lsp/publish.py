"""Lint a buffer and send its diagnostics: at once, after the typing pauses (debounce), or before a
hover or code action answers from them."""
from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from lsprotocol import types

from ..registry.kinds import INTERNAL_ERROR
from ..render.lsp import SOURCE
from .documents import Buffer, LintResult
from .positions import to_diagnostic

if TYPE_CHECKING:
    from .server import CopydeskServer


def publish(ls: CopydeskServer, uri: str) -> None:
    """Lint now and publish; any failure becomes a log entry and one visible diagnostic."""
    session = ls.session
    buf = session.buffers.get(uri)
    if buf is None:
        return
    buf.cancel_timer()
    try:
        result = session.lint(buf)
        rules = result.linter.by_code
        diagnostics = [to_diagnostic(buf, d, rules.get(d.code), session.encoding) for d in result.diagnostics]
    except Exception as err:
        buf.results = None
        ls.report_server_error(err, None)
        diagnostics = [types.Diagnostic(
            range=types.Range(types.Position(0, 0), types.Position(0, 0)),
            message=f"copydesk could not lint this draft: {type(err).__name__}: {err}. "
                    "The details are in the language server's log.",
            severity=types.DiagnosticSeverity.Error, source=SOURCE, code=INTERNAL_ERROR)]
    buf.published = buf.revision
    ls.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=buf.version))


def publish_all(ls: CopydeskServer) -> None:
    """After a reload: every open buffer, linted again."""
    for uri in list(ls.session.buffers):
        publish(ls, uri)


def schedule(ls: CopydeskServer, uri: str) -> None:
    """Debounce: each change restarts the timer, so a burst of keystrokes lints once."""
    buf = ls.session.buffers.get(uri)
    if buf is None:
        return
    buf.cancel_timer()
    debounce = ls.session.settings.debounce
    if debounce <= 0:
        publish(ls, uri)
    else:
        buf.timer = asyncio.get_running_loop().call_later(debounce, publish, ls, uri)


def fresh(ls: CopydeskServer, uri: str) -> tuple[Buffer, LintResult] | None:
    """The buffer and the lint of its current text (hover and code actions)."""
    buf = ls.session.buffers.get(uri)
    if buf is None:
        return None
    pending = buf.timer is not None
    result = ls.session.lint(buf)
    if pending:  # the client is about to see these anyway: publish now, not later
        publish(ls, uri)
    return buf, result
