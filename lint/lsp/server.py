"""The language server: `copydesk serve`, LSP over stdio with pygls 2.x.

Drafts are linted from the editor's buffer, never from disk. This module wires the parts: the
session (session.py: buffers, settings, linters), one module per method family (lifecycle.py,
sync.py, hover.py, actions.py), the wire (protocol.py); lint/cli imports it only for `serve`.
"""
from __future__ import annotations

import logging
import sys
import traceback
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from .. import __version__
from . import actions, hover, lifecycle, sync
from .protocol import FrameReader, Protocol
from .session import Session

logger = logging.getLogger(__name__)

SERVER_NAME = "copydesk"


class CopydeskServer(LanguageServer):
    """Lints open drafts and answers hover and code-action requests about them."""

    def __init__(self) -> None:
        super().__init__(SERVER_NAME, __version__, protocol_cls=Protocol,
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.session = Session(self.show_problem)

    def log(self, message: str, kind: types.MessageType = types.MessageType.Info) -> None:
        """window/logMessage; stdout carries the protocol and nothing else."""
        try:
            self.window_log_message(types.LogMessageParams(type=kind, message=message))
        except Exception:  # the transport may be gone; stderr still works
            logger.exception("cannot send window/logMessage")

    def show_problem(self, message: str) -> None:
        """A problem the writer should see (the session shows each once): logged and shown."""
        self.log(message, types.MessageType.Error)
        try:
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning,
                                                             message=f"copydesk: {message}"))
        except Exception:
            logger.exception("cannot send window/showMessage")

    def report_server_error(self, error: Exception, source: Any) -> None:
        # pygls would show every error in a pop-up; they belong in the client's log.
        detail = "".join(traceback.format_exception(type(error), error, error.__traceback__)).strip()
        self.log(f"copydesk: {type(error).__name__}: {error}\n{detail}", types.MessageType.Error)


def build() -> CopydeskServer:
    server = CopydeskServer()
    for method, options, handler in (*lifecycle.FEATURES, *sync.FEATURES, *hover.FEATURES, *actions.FEATURES):
        server.feature(method, options)(handler)
    return server


def main() -> None:
    """Serve LSP on stdin/stdout until the client says exit."""
    protocol_out = sys.stdout.buffer
    # Anything a library prints must not corrupt the protocol stream: send it to stderr.
    sys.stdout = sys.stderr
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING,
                        format="copydesk serve: %(levelname)s %(name)s: %(message)s")
    build().start_io(FrameReader(sys.stdin.buffer), protocol_out)


if __name__ == "__main__":
    main()
