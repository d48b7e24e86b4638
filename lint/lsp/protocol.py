"""The wire: pygls's LanguageServerProtocol with text sync sent to the server's own buffers and
bad params answered, and the reader that finds the next frame again after a malformed one."""
from __future__ import annotations

import logging
import re
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

logger = logging.getLogger(__name__)


class Protocol(LanguageServerProtocol):
    """Text sync goes to the server's own buffers, which break lines as LSP does.

    pygls's built-in handlers would also keep a copy of each document in its workspace, with
    its own line splitting (see documents.py); these replace them and only call ours. pygls has no
    public way to replace a built-in handler: protocol_cls and lsp_method are how it defines them.
    """

    def _user(self, method: str, params: Any) -> None:
        # A plain call: pygls 2.1 keeps the future of each notification a generator handler
        # serves in _request_futures for good (about 2 KB a keystroke, never freed).
        handler = self.fm.features.get(method)
        if handler is not None:
            handler(params)

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams) -> None:
        self._user(types.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams) -> None:
        self._user(types.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: types.DidCloseTextDocumentParams) -> None:
        self._user(types.TEXT_DOCUMENT_DID_CLOSE, params)

    def structure_message(self, data: dict[str, Any]) -> Any:
        """A request whose params do not parse still gets an error response.

        pygls raises from inside json.loads here and only logs it, which would leave the
        client waiting for an answer forever. (_send_response is private: the only way to answer
        a request whose message never became one.)
        """
        try:
            return super().structure_message(data)
        except JsonRpcException as err:
            if isinstance(data, dict) and "id" in data and "method" in data:
                self._send_response(data["id"], error=err.to_response_error())
            raise


class FrameReader:
    """stdin as pygls reads it, made to find the next frame again after a malformed one.

    pygls 2.1's reader (pygls/io_.py, run_async) takes a body's length only from a header line
    that is exactly "Content-Length: <digits>\\r\\n". After a frame whose length is not a number,
    or a body sent without any header, it reads that body as header lines; a body does not end in
    a line break, so the next frame's header arrives on the same line as the body, never matches,
    and neither does any header after it: the server still runs but hears nothing, not even
    shutdown. Here a line that ends in a Content-Length header is cut down to that header, which
    skips the bad frame and reads the next one as usual; whatever is skipped is logged. A body is
    read in chunks, so a huge Content-Length costs only the bytes that really come. (start_io takes
    any object with readline and read: this one relies on how pygls calls them, not on its internals.)
    """

    LENGTH = b"content-length:"
    HEADER = re.compile(rb"[A-Za-z0-9!#$%&'*+.^_`|~-]+:[^\r\n]*\r?\n")  # a field name, a colon, a value
    CHUNK = 1 << 20

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def readline(self) -> bytes:
        line = self.stream.readline()
        at = line.lower().rfind(self.LENGTH)
        skipped = at if at >= 0 else 0 if not line.strip() or self.HEADER.fullmatch(line) else len(line)
        if skipped:
            logger.warning("skipped %d bytes outside any frame: %.60r", skipped, line)
        if at < 0:
            return line
        value = line[at + len(self.LENGTH):].strip()
        if not value.isdigit():
            logger.warning("bad Content-Length %.40r: the frame is skipped", value)
            return line[at:]
        return b"Content-Length: " + value + b"\r\n"

    def read(self, size: int) -> bytes:
        chunks: list[bytes] = []
        while size > 0:
            chunk = self.stream.read(min(size, self.CHUNK))
            if not chunk:
                logger.warning("the input ended %d bytes short of a frame's end", size)
                return b""  # pygls stops at an empty body, as at the end of the input
            chunks.append(chunk)
            size -= len(chunk)
        return b"".join(chunks)
