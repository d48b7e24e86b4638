"""The open documents: the editor's text as a list of lines, its edits and versions, the last lint
of it, and the engine's per-paragraph memo.

The engine's LineIndex breaks lines at LF, CRLF and CR, exactly as LSP does; pygls's own document
model uses str.splitlines, which also breaks at U+2028, form feeds and the like, so the server keeps
its own buffers (see protocol.Protocol).
"""
from __future__ import annotations

import asyncio
from typing import Any, Iterator, MutableMapping, NamedTuple

from lsprotocol import types
from pygls.uris import to_fs_path

from ..engine.linter import Linter
from ..model import Diagnostic
from ..text.source import LineIndex, split_lines
from .positions import locate

PROSE_LANGUAGES = frozenset({"plaintext", "text", "markdown", "txt"})
PROSE_SUFFIXES = (".txt", ".md", ".markdown")
MARKDOWN_SUFFIXES = (".md", ".markdown")


class LintResult(NamedTuple):
    """The last lint of a buffer: what hover and code actions answer from, without linting again."""

    linter: Linter
    revision: int  # the buffer's revision it is of (a count of edits, not a copy of the text)
    diagnostics: list[Diagnostic]
    paragraphs: tuple[tuple[int, int], ...]  # the paragraphs' spans (Markdown only: suppression edits)

    def at(self, start: int, end: int | None = None, *, touching: bool = False) -> list[Diagnostic]:
        """Diagnostics under a position (end None) or overlapping a selection.

        touching also takes a span that ends right at the position: a code-action request often
        carries the cursor just after the word it is about.
        """
        found = self.diagnostics
        if end is None or end == start:
            return [d for d in found if d.start <= start < d.end or d.start == d.end == start
                    or (touching and d.end == start and d.start < d.end)]
        return [d for d in found if d.start < end and start < max(d.end, d.start + 1)]


class ParagraphMemo(MutableMapping):
    """The per-document cache handed to the engine (see Session.lint).

    The engine reads and writes entries keyed by what it caches (for instance a paragraph's
    text and context); after each lint the server drops every entry that lint did not touch,
    so the memo holds one document's paragraphs, never the history of all its versions.
    A MutableMapping rather than a dict subclass: get, setdefault and the rest all go through
    __getitem__ and __setitem__ here, so every use is seen.
    """

    def __init__(self) -> None:
        self._data: dict = {}
        self.touched: set = set()

    def __getitem__(self, key: Any) -> Any:
        value = self._data[key]
        self.touched.add(key)
        return value

    def __setitem__(self, key: Any, value: Any) -> None:
        self.touched.add(key)
        self._data[key] = value

    def __delitem__(self, key: Any) -> None:
        del self._data[key]

    def __iter__(self) -> Iterator:
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
        self.revision = 0  # counts edits: what results and published refer to
        self.text = text
        self.results: LintResult | None = None
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
        return self.path.lower().endswith(MARKDOWN_SUFFIXES)

    def _edited(self) -> None:
        self.revision += 1
        self._text: str | None = None
        self._index: LineIndex | None = None

    def apply(self, change: Any, encoding: str) -> None:
        """One content change: a range edit (incremental sync) or the whole text."""
        rng = getattr(change, "range", None)
        if rng is None:
            self.text = change.text
            return
        first, start = locate(self.lines, rng.start, encoding)
        last, end = max((first, start), locate(self.lines, rng.end, encoding))  # a reversed range inserts
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


def engine_path(uri: str, language_id: str) -> str:
    """The path the engine lints a buffer as; unsaved buffers get a name from the language."""
    path = to_fs_path(uri) if uri.startswith("file:") else None
    name = path or uri.rsplit("/", 1)[-1] or "untitled"
    if language_id == "markdown" and not name.lower().endswith(MARKDOWN_SUFFIXES):
        name += ".md"  # the engine picks the Markdown adapter by suffix
    return name


def lintable(uri: str, language_id: str) -> bool:
    return language_id in PROSE_LANGUAGES or uri.lower().endswith(PROSE_SUFFIXES)


def opened(doc: types.TextDocumentItem) -> Buffer | None:
    """A buffer for a document the editor opened, or None when it is not prose copydesk lints."""
    if not lintable(doc.uri, doc.language_id):
        return None
    return Buffer(doc.uri, doc.language_id, doc.version, doc.text, engine_path(doc.uri, doc.language_id))

