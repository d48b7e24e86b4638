"""The language server: `copydesk serve`, LSP over stdio with pygls 2.x.

Drafts are linted from the editor's buffer, never from disk. Positions are converted at the
edge (0-based code-point offsets inside, UTF-16 code units on the wire unless the client
negotiates UTF-8 or UTF-32). pygls is imported here and nowhere else, so that `import lint`
and `copydesk --version` stay cheap; lint/cli.py imports this module only for `serve`.
"""
from __future__ import annotations

import asyncio
import ctypes
import functools
import gc
import logging
import re
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, MutableMapping, Sequence

from lsprotocol import types
from lsprotocol.converters import get_converter
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method
from pygls.uris import to_fs_path

from .. import __version__
from ..engine.resolve import Overrides
from ..config import CONFIG_NAMES, KINDS, Config, ConfigError, discover, load_config
from ..engine.linter import Linter
from ..model import Diagnostic, Rule
from ..text.positions import lsp_column, lsp_position
from ..render import lsp as render_lsp
from ..text.markdown import QUOTE_PREFIX
from ..text.source import LINE_BREAK, LineIndex, split_lines

logger = logging.getLogger(__name__)

SERVER_NAME = "copydesk"
DEFAULT_DEBOUNCE = 0.15  # seconds: a burst of keystrokes lints once, after the typing pauses
PROSE_LANGUAGES = frozenset({"plaintext", "text", "markdown", "txt"})
PROSE_SUFFIXES = (".txt", ".md", ".markdown")
_CONVERTER = get_converter()
_SUPPRESS_LINE = re.compile(r"^(?P<head>[ \t]*(?:>[ \t]?)*<!--\s*copydesk-disable-next-line\b.*?)(?P<tail>\s*-->\s*)$")


# --- positions -------------------------------------------------------------------------
# The engine's LineIndex breaks lines at LF, CRLF and CR, exactly as LSP does; pygls's own
# document model uses str.splitlines, which also breaks at U+2028, form feeds and the like,
# so the server keeps its own buffers (see _Protocol below).


def to_position(text: str, lines: LineIndex, offset: int, encoding: str) -> types.Position:
    """A code-point offset as an LSP position."""
    return types.Position(*lsp_position(text, lines, offset, encoding))


def to_range(text: str, lines: LineIndex, start: int, end: int, encoding: str) -> types.Range:
    return types.Range(to_position(text, lines, start, encoding), to_position(text, lines, end, encoding))


# --- settings --------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """What the editor may set: initializationOptions or workspace/didChangeConfiguration.

    Accepted at the top level or under a "copydesk" key: kind ("news" | "analysis" |
    "opinion"), select and ignore (lists of rule codes, names or prefixes; as on the command
    line, select replaces the config file's selection and ignore adds to it), debounceMs
    (milliseconds; 0 lints on every change).
    """

    kind: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    debounce: float = DEFAULT_DEBOUNCE

    @classmethod
    def parse(cls, raw: Any, problems: list[str]) -> "Settings":
        if not isinstance(raw, Mapping):
            return cls()
        if isinstance(raw.get("copydesk"), Mapping):
            raw = raw["copydesk"]
        out: dict[str, Any] = {}
        kind = raw.get("kind")
        if kind is not None:
            if kind in KINDS:
                out["kind"] = kind
            else:
                problems.append(f"kind: expected one of {', '.join(KINDS)}, got {kind!r}")
        for key in ("select", "ignore"):
            value = raw.get(key)
            if isinstance(value, str):
                value = [v for v in re.split(r"[\s,]+", value) if v]
            if value is None:
                continue
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                out[key] = tuple(value)
            else:
                problems.append(f"{key}: expected a list of rule codes or names, got {value!r}")
        debounce = raw.get("debounceMs", raw.get("debounce_ms"))
        if debounce is not None:
            if isinstance(debounce, (int, float)) and not isinstance(debounce, bool) and 0 <= debounce <= 10_000:
                out["debounce"] = debounce / 1000
            else:
                problems.append(f"debounceMs: expected milliseconds from 0 to 10000, got {debounce!r}")
        return cls(**out)

    def apply(self, config: Config) -> Config:
        # The same layering as the command line's --select, --ignore and --kind.
        return Overrides(select=self.select, ignore=self.ignore or (), kind=self.kind).apply(config)


# --- per-document state ----------------------------------------------------------------


class ParagraphMemo(MutableMapping):
    """The per-document cache handed to the engine (see CopydeskServer.lint).

    The engine reads and writes entries keyed by what it caches (for instance a paragraph's
    text and context); after each lint the server drops every entry that lint did not touch,
    so the memo holds one document's paragraphs, never the history of all its versions.
    A MutableMapping rather than a dict subclass: get, setdefault and the rest all go through
    __getitem__ and __setitem__ here, so every use is seen.
    """

    def __init__(self) -> None:
        self._data: dict = {}
        self.touched: set = set()

    def __getitem__(self, key):
        value = self._data[key]
        self.touched.add(key)
        return value

    def __setitem__(self, key, value) -> None:
        self.touched.add(key)
        self._data[key] = value

    def __delitem__(self, key) -> None:
        del self._data[key]

    def __iter__(self):
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def clear(self) -> None:
        self._data.clear()
        self.touched = set()

    def sweep(self) -> None:
        self._data = {k: v for k, v in self._data.items() if k in self.touched}
        self.touched = set()


class Buffer:
    """An open document: the editor's text, its version and the last lint of it.

    The text is kept as a list of lines, each with its break: an edit re-splits only the lines it
    touches, so a keystroke costs a line, not the document. The whole text and its LineIndex are
    built again only when something reads them (a lint, a hover), once per revision.
    """

    def __init__(self, uri: str, language_id: str, version: int | None, text: str, path: str) -> None:
        self.uri = uri
        self.language_id = language_id
        self.version = version
        self.path = path  # what the engine sees: picks the format (.md or not) and the config
        self.revision = 0  # counts edits: what results and published refer to, not a copy of the text
        self.text = text
        self.results: tuple[Linter, int, list[Diagnostic]] | None = None  # (linter, revision, diagnostics)
        self.published: int | None = None  # the revision whose diagnostics the client has
        self.memo = ParagraphMemo()
        self.memo_owner: Linter | None = None  # the linter whose work the memo holds
        self.timer: asyncio.TimerHandle | None = None

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = "".join(self.lines)
        return self._text

    @text.setter
    def text(self, text: str) -> None:
        self.lines = split_lines(text)
        self._edited()
        self._text = text

    @property
    def index(self) -> LineIndex:
        if self._index is None:
            self._index = LineIndex.of(self.text)
        return self._index

    @property
    def markdown(self) -> bool:
        return self.path.lower().endswith((".md", ".markdown"))

    def _edited(self) -> None:
        self.revision += 1
        self._text: str | None = None
        self._index: LineIndex | None = None

    def locate(self, position: types.Position, encoding: str) -> tuple[int, int]:
        """An LSP position as (line, code-point column); out-of-range positions clamp, as LSP asks."""
        if position.line >= len(self.lines):
            return len(self.lines) - 1, len(self.lines[-1])
        return position.line, lsp_column(self.lines[position.line], position.character, encoding)

    def offset(self, position: types.Position, encoding: str) -> int:
        """An LSP position as a code-point offset in the text."""
        line, column = self.locate(position, encoding)
        return self.index.starts[line] + column

    def apply(self, change: Any, encoding: str) -> None:
        """One content change: a range edit (incremental sync) or the whole text."""
        rng = getattr(change, "range", None)
        if rng is None:
            self.text = change.text
            return
        first, start = self.locate(rng.start, encoding)
        last, end = max((first, start), self.locate(rng.end, encoding))  # a reversed range inserts
        head = self.lines[first][:start]
        if first and self.lines[first - 1].endswith("\r"):  # that CR and an LF put after it make one break
            first -= 1
            head = self.lines[first] + head
        lines = split_lines(head + change.text + self.lines[last][end:])
        if last < len(self.lines) - 1:
            lines.pop()  # the empty line split_lines finds after the last line's own break
        self.lines[first:last + 1] = lines
        self._edited()

    def cancel_timer(self) -> None:
        if self.timer:
            self.timer.cancel()
            self.timer = None


def release_memory() -> None:
    """Give back what a closed document held.

    Its buffer, memo and results go with it; the rest is small objects that outlive a lint and
    hold whole 1 MB pymalloc arenas, each mostly empty, and pages the C heap keeps. What each step
    gave back after closing a 5 MB draft: the line index cached on the last text linted; CPython's
    type attribute cache, which keeps a reference to each attribute name looked up, some of them
    strings made during a lint (about 20 MB; without it the leftover also grew by about 10 MB at
    each later close); gc.collect, which finds no garbage there but empties the interpreter's
    free lists of tuples, lists and dicts (about 35 MB); and malloc_trim, for the heap pages glibc
    keeps after a free until asked (about 90 MB).
    """
    LineIndex.forget()
    sys._clear_type_cache()
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Any:
    try:
        return ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError, TypeError):  # not glibc: nothing to ask
        return None


def engine_path(uri: str, language_id: str) -> str:
    """The path the engine lints a buffer as; unsaved buffers get a name from the language."""
    path = to_fs_path(uri) if uri.startswith("file:") else None
    name = path or uri.rsplit("/", 1)[-1] or "untitled"
    if language_id == "markdown" and not name.lower().endswith((".md", ".markdown")):
        name += ".md"  # the engine picks the Markdown adapter by suffix
    return name


def lintable(uri: str, language_id: str) -> bool:
    return language_id in PROSE_LANGUAGES or uri.lower().endswith(PROSE_SUFFIXES)


def is_config_file(uri: str) -> bool:
    return uri.rsplit("/", 1)[-1] in CONFIG_NAMES


# --- the server ------------------------------------------------------------------------


class _Protocol(LanguageServerProtocol):
    """Text sync goes to the server's own buffers, which break lines as LSP does.

    pygls's built-in handlers would also keep a copy of each document in its workspace, with
    its own line splitting (see positions above); these replace them and only call ours.
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

    def structure_message(self, data: dict[str, Any]):
        """A request whose params do not parse still gets an error response.

        pygls raises from inside json.loads here and only logs it, which would leave the
        client waiting for an answer forever.
        """
        try:
            return super().structure_message(data)
        except JsonRpcException as err:
            if isinstance(data, dict) and "id" in data and "method" in data:
                self._send_response(data["id"], error=err.to_response_error())
            raise


class CopydeskServer(LanguageServer):
    """Lints open drafts and answers hover and code-action requests about them."""

    def __init__(self) -> None:
        super().__init__(SERVER_NAME, __version__, protocol_cls=_Protocol,
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.buffers: dict[str, Buffer] = {}
        self.init_options: Any = None
        self.settings = Settings()
        self._configs: dict[Path, tuple[Config, str | None]] = {}  # folder -> config, error
        self._linters: dict[Config, Linter] = {}
        self._reported: set[str] = set()  # problems already shown to the user once

    # -- messages to the client ------------------------------------------------------

    def log(self, message: str, kind: types.MessageType = types.MessageType.Info) -> None:
        """window/logMessage; stdout carries the protocol and nothing else."""
        try:
            self.window_log_message(types.LogMessageParams(type=kind, message=message))
        except Exception:  # the transport may be gone; stderr still works
            logger.exception("cannot send window/logMessage")

    def problem(self, message: str) -> None:
        """A problem the writer should see (a broken config): logged and shown once, not on
        every keystroke; a reload forgets what was reported."""
        if message in self._reported:
            return
        self._reported.add(message)
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

    # -- configuration ---------------------------------------------------------------

    def configure(self, raw: Any) -> None:
        problems: list[str] = []
        self.settings = Settings.parse(raw, problems)
        for p in problems:
            self.problem(f"settings: {p}")

    def reload(self) -> None:
        """Config files changed: forget every discovered config and lint every buffer again."""
        self._configs.clear()
        self._linters.clear()
        self._reported.clear()
        for buf in self.buffers.values():
            buf.results = None
            buf.memo.clear()
        for uri in list(self.buffers):
            self.publish(uri)

    def file_config(self, path: str) -> Config:
        """The draft's own config: copydesk.toml, .copydesk.toml or pyproject.toml above it."""
        p = Path(path)
        folder = p.parent if p.is_absolute() else self._root()
        if folder is None:
            return Config()
        cached = self._configs.get(folder)
        if cached is None:
            try:
                found = discover(folder)
                cached = ((load_config(found) if found else None) or Config(), None)
            except ConfigError as err:
                cached = (Config(), f"{err} (using the defaults)")
            except OSError as err:
                cached = (Config(), f"{folder}: cannot look for a config: {err}")
            self._configs[folder] = cached
        config, error = cached
        if error:
            self.problem(error)
        return config

    def _root(self) -> Path | None:
        try:
            root = self.workspace.root_path
        except RuntimeError:
            return None
        return Path(root) if root else None

    def linter_for(self, buf: Buffer) -> Linter:
        base = self.file_config(buf.path)
        for config in (self.settings.apply(base), base, Config()):
            linter = self._linters.get(config)
            if linter is not None:
                return linter
            try:
                linter = Linter(config)
            except Exception as err:  # unknown rule in select/ignore, a broken rule pack...
                where = f" ({config.path})" if config.path else ""
                self.problem(f"cannot use the configuration{where}: {type(err).__name__}: {err}")
                continue
            self._linters[config] = linter
            return linter
        raise RuntimeError("no usable configuration")  # Config() failed: the packs are broken

    # -- linting ---------------------------------------------------------------------

    def lint(self, buf: Buffer) -> list[Diagnostic]:
        """Diagnostics for the buffer's current text, from the cache when nothing changed."""
        linter = self.linter_for(buf)
        if buf.results and buf.results[0] is linter and buf.results[1] == buf.revision:
            return buf.results[2]
        # The engine's per-paragraph cache: only changed paragraphs are re-segmented; the rules
        # run on the whole document. Entries belong to one configuration: another linter starts
        # from an empty memo.
        if buf.memo_owner is not linter:
            buf.memo.clear()
            buf.memo_owner = linter
        found = linter.check_text(buf.text, buf.path, memo=buf.memo)
        buf.memo.sweep()
        buf.results = (linter, buf.revision, found)
        return found

    def lsp_diagnostics(self, buf: Buffer, found: Iterable[Diagnostic]) -> list[types.Diagnostic]:
        enc = self.encoding
        rules = buf.results[0].by_code if buf.results else {}
        return [lsp_diagnostic(d, buf.text, buf.index, enc, rules.get(d.code)) for d in found]

    @property
    def encoding(self) -> str:
        try:
            return self.workspace.position_encoding or types.PositionEncodingKind.Utf16
        except RuntimeError:
            return types.PositionEncodingKind.Utf16

    def publish(self, uri: str) -> None:
        """Lint now and publish; any failure becomes a log entry and one visible diagnostic."""
        buf = self.buffers.get(uri)
        if buf is None:
            return
        buf.cancel_timer()
        try:
            diagnostics = self.lsp_diagnostics(buf, self.lint(buf))
        except Exception as err:
            buf.results = None
            self.report_server_error(err, None)
            diagnostics = [types.Diagnostic(
                range=types.Range(types.Position(0, 0), types.Position(0, 0)),
                message=f"copydesk could not lint this draft: {type(err).__name__}: {err}. "
                        "The details are in the language server's log.",
                severity=types.DiagnosticSeverity.Error, source=SERVER_NAME, code="internal-error")]
        buf.published = buf.revision
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=buf.version))

    def schedule(self, uri: str) -> None:
        """Debounce: each change restarts the timer, so a burst of keystrokes lints once."""
        buf = self.buffers.get(uri)
        if buf is None:
            return
        buf.cancel_timer()
        if self.settings.debounce <= 0:
            self.publish(uri)
        else:
            buf.timer = asyncio.get_running_loop().call_later(self.settings.debounce, self.publish, uri)

    def fresh(self, uri: str) -> tuple[Buffer, list[Diagnostic]] | None:
        """The buffer and diagnostics for its current text (hover and code actions)."""
        buf = self.buffers.get(uri)
        if buf is None:
            return None
        pending = buf.timer is not None
        found = self.lint(buf)
        if pending:  # the client is about to see these anyway: publish now, not later
            self.publish(uri)
        return buf, found


def lsp_diagnostic(d: Diagnostic, text: str, lines: LineIndex, encoding: str,
                   rule: Rule | None = None) -> types.Diagnostic:
    """Exactly what `copydesk check --format lsp` prints, in the client's position encoding."""
    return _CONVERTER.structure(render_lsp.lsp_diagnostic(d, text, lines, rule, encoding), types.Diagnostic)


# --- hover and code actions (pure functions of a buffer and its diagnostics) -------------


def at(found: Sequence[Diagnostic], start: int, end: int | None = None, *,
       touching: bool = False) -> list[Diagnostic]:
    """Diagnostics under a position (end None) or overlapping a selection.

    touching also takes a span that ends right at the position: a code-action request often
    carries the cursor just after the word it is about.
    """
    if end is None or end == start:
        return [d for d in found if d.start <= start < d.end or d.start == d.end == start
                or (touching and d.end == start and d.start < d.end)]
    return [d for d in found if d.start < end and start < max(d.end, d.start + 1)]


def hover_markdown(d: Diagnostic, rule: Rule | None) -> str:
    parts = [f"**{d.code}** `{d.name}` · {d.severity}", d.message]
    if rule is not None:
        parts.append(f"**Why it matters.** {rule.docs.why}")
        parts.append(f"**What to do.** {rule.help}")
        if rule.docs.example and rule.docs.instead:
            parts.append(f"**Instead of** _{rule.docs.example}_  \n**write** _{rule.docs.instead}_")
    if d.fix is not None:
        safety = "safe fix" if d.fix.safe else "fix to review"
        parts.append(f"Quick fix: replace with “{d.fix.replacement}” ({safety}).")
    return "\n\n".join(parts)


def suppression_edit(buf: Buffer, d: Diagnostic, prose_spans: Sequence[tuple[int, int]],
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
            at_ = prev_start + m.end("head")
            return types.TextEdit(range=to_range(text, lines, at_, at_, encoding), new_text=f" {d.code}")
        body = prev.rstrip(" \t")
        if body.endswith("\\"):
            body = body[:-1]  # keep a backslash hard break at the end of the line
        last = prev_start + len(body.rstrip()) - 1
        if body.strip() and any(a <= last < b for a, b in prose_spans):
            at_ = prev_start + len(body)
            return types.TextEdit(range=to_range(text, lines, at_, at_, encoding), new_text=f" {comment}")
    eol = LINE_BREAK.search(text)
    newline = eol.group() if eol else "\n"
    prefix = QUOTE_PREFIX.match(text, here).group()
    return types.TextEdit(range=to_range(text, lines, here, here, encoding),
                          new_text=f"{prefix}{comment}{newline}")


def code_actions(server: CopydeskServer, uri: str, rng: types.Range,
                 only: Sequence[str] | None) -> list[types.CodeAction]:
    if only and not any(types.CodeActionKind.QuickFix.startswith(k) for k in only):
        return []
    state = server.fresh(uri)
    if state is None:
        return []
    buf, found = state
    enc = server.encoding
    start = buf.offset(rng.start, enc)
    end = buf.offset(rng.end, enc)
    hits = at(found, start, end, touching=True)
    if not hits:
        return []
    spans: list[tuple[int, int]] = []
    if buf.markdown:
        doc = buf.results[0].document(buf.text, buf.path) if buf.results else None
        spans = [(p.start, p.end) for p in doc.paragraphs] if doc else []
    actions: list[types.CodeAction] = []
    rules = buf.results[0].by_code if buf.results else {}
    for d in hits:
        diag = lsp_diagnostic(d, buf.text, buf.index, enc, rules.get(d.code))
        if d.fix is not None and d.end > d.start:
            edit = types.TextEdit(range=diag.range, new_text=d.fix.replacement)
            actions.append(types.CodeAction(
                title=f"Replace “{d.text}” with “{d.fix.replacement}” ({d.code})",
                kind=types.CodeActionKind.QuickFix, diagnostics=[diag], is_preferred=d.fix.safe,
                edit=types.WorkspaceEdit(changes={uri: [edit]})))
        if buf.markdown and d.code != "CPD001":
            edit = suppression_edit(buf, d, spans, enc)
            actions.append(types.CodeAction(
                title=f"Suppress {d.code} ({d.name}) on this line",
                kind=types.CodeActionKind.QuickFix, diagnostics=[diag],
                edit=types.WorkspaceEdit(changes={uri: [edit]})))
    return actions


# --- wiring ----------------------------------------------------------------------------


class FrameReader:
    """stdin as pygls reads it, made to find the next frame again after a malformed one.

    pygls 2.1's reader (pygls/io_.py, run_async) takes a body's length only from a header line
    that is exactly "Content-Length: <digits>\\r\\n". After a frame whose length is not a number,
    or a body sent without any header, it reads that body as header lines; a body does not end in
    a line break, so the next frame's header arrives on the same line as the body, never matches,
    and neither does any header after it: the server still runs but hears nothing, not even
    shutdown. Here a line that ends in a Content-Length header is cut down to that header, which
    skips the bad frame and reads the next one as usual; whatever is skipped is logged. A body is
    read in chunks, so a huge Content-Length costs only the bytes that really come.
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


def build() -> CopydeskServer:
    server = CopydeskServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: CopydeskServer, params: types.InitializeParams) -> None:
        ls.init_options = params.initialization_options
        ls.configure(params.initialization_options)

    @server.feature(types.INITIALIZED)
    def initialized(ls: CopydeskServer, params: types.InitializedParams) -> None:
        encoding = getattr(ls.encoding, "value", ls.encoding)
        ls.log(f"copydesk {ls.version} ready; positions in {encoding}")
        caps = ls.client_capabilities.workspace
        watched = caps.did_change_watched_files if caps else None
        if watched and watched.dynamic_registration:
            # Ask the client to tell us when a config file changes on disk.
            watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_NAMES]
            registration = types.Registration(
                id="copydesk-config-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))
            future = ls.client_register_capability(types.RegistrationParams(registrations=[registration]))

            def registered(f: Any) -> None:
                error = None if f.cancelled() else f.exception()
                if error is not None:  # saving a config file still reloads it
                    ls.log(f"cannot watch config files: {error}", types.MessageType.Warning)

            future.add_done_callback(registered)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: CopydeskServer, params: types.DidOpenTextDocumentParams) -> None:
        doc = params.text_document
        if not lintable(doc.uri, doc.language_id):
            return
        ls.buffers[doc.uri] = Buffer(doc.uri, doc.language_id, doc.version, doc.text,
                                     engine_path(doc.uri, doc.language_id))
        ls.publish(doc.uri)  # no debounce: the writer wants the flags as the file opens

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: CopydeskServer, params: types.DidChangeTextDocumentParams) -> None:
        buf = ls.buffers.get(params.text_document.uri)
        if buf is None:
            return
        enc = ls.encoding
        for change in params.content_changes:
            buf.apply(change, enc)
        buf.version = params.text_document.version
        ls.schedule(buf.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: CopydeskServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if is_config_file(uri):
            ls.log(f"config saved: {uri}; reloading")
            ls.reload()
        elif uri in ls.buffers and ls.buffers[uri].published != ls.buffers[uri].revision:
            ls.publish(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: CopydeskServer, params: types.DidCloseTextDocumentParams) -> None:
        buf = ls.buffers.pop(params.text_document.uri, None)
        if buf is None:
            return
        buf.cancel_timer()
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=buf.uri, diagnostics=[]))
        del buf  # the last reference: release_memory frees what it held
        release_memory()

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: CopydeskServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(is_config_file(c.uri) for c in params.changes):
            ls.log("config files changed; reloading")
            ls.reload()

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def change_configuration(ls: CopydeskServer, params: types.DidChangeConfigurationParams) -> None:
        raw = params.settings
        if isinstance(raw, Mapping) and isinstance(raw.get("copydesk"), Mapping):
            raw = raw["copydesk"]
        caps = ls.client_capabilities.workspace
        if not raw and caps and caps.configuration:
            # Pull model: the notification only says "something changed"; ask for our section.
            try:
                items = await ls.workspace_configuration_async(types.ConfigurationParams(
                    items=[types.ConfigurationItem(section="copydesk")]))
                raw = items[0] if items else None
            except Exception as err:
                ls.log(f"workspace/configuration failed: {err}", types.MessageType.Warning)
        base = ls.init_options if isinstance(ls.init_options, Mapping) else {}
        if isinstance(base.get("copydesk"), Mapping):
            base = base["copydesk"]
        ls.configure({**base, **(raw if isinstance(raw, Mapping) else {})})
        ls.reload()

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: CopydeskServer, params: types.HoverParams) -> types.Hover | None:
        state = ls.fresh(params.text_document.uri)
        if state is None:
            return None
        buf, found = state
        enc = ls.encoding
        hits = at(found, buf.offset(params.position, enc))
        hits = [d for d in hits if d.end > d.start] or hits
        if not hits:
            return None
        linter = buf.results[0] if buf.results else None
        rules = linter.by_code if linter else {}
        body = "\n\n---\n\n".join(hover_markdown(d, rules.get(d.code)) for d in hits)
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=body),
            range=to_range(buf.text, buf.index, hits[0].start, hits[0].end, enc))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: CopydeskServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        return code_actions(ls, params.text_document.uri, params.range, params.context.only) or None

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
