"""What the server knows between messages: the open documents, the editor's settings, the linter of
each draft and the problems already shown. Nothing here talks to the client: problems go to the
callback the server gives, so a session can be driven and tested without one."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from lsprotocol import types

from .configs import Linters
from .documents import Buffer, LintResult
from .settings import Settings


class Session:
    """The open buffers by URI, the settings and the linters; show is how a problem reaches the writer."""

    def __init__(self, show: Callable[[str], None] = lambda message: None) -> None:
        self.buffers: dict[str, Buffer] = {}
        self.init_options: Any = None
        self.settings = Settings()
        self.encoding: str = types.PositionEncodingKind.Utf16
        self.root: Path | None = None  # where unsaved buffers find their config
        self._show = show
        self._reported: set[str] = set()
        self.linters = Linters(None, None, self.problem)

    def problem(self, message: str) -> None:
        """A problem the writer should see (a broken config): shown once, not on every keystroke;
        a reload forgets what was shown."""
        if message not in self._reported:
            self._reported.add(message)
            self._show(message)

    def configure(self, raw: Any) -> None:
        """New settings from the editor: parsed, their problems shown, every draft's config again."""
        problems: list[str] = []
        self.settings = Settings.parse(raw, problems)
        self.reload()
        for p in problems:
            self.problem(f"settings: {p}")

    def reload(self) -> None:
        """Config files changed: forget every resolved config and every lint (the caller lints again)."""
        self._reported.clear()
        self.linters = Linters(self.settings.overrides(), self.root, self.problem)
        for buf in self.buffers.values():
            buf.results = None
            buf.memo.clear()

    def lint(self, buf: Buffer) -> LintResult:
        """The lint of the buffer's current text, from the last one when nothing changed."""
        linter = self.linters.for_path(buf.path)
        last = buf.results
        if last and last.linter is linter and last.revision == buf.revision:
            return last
        # The engine's per-paragraph cache: only changed paragraphs are re-segmented; the rules
        # run on the whole document. Entries belong to one configuration: another linter starts
        # from an empty memo.
        if buf.memo_owner is not linter:
            buf.memo.clear()
            buf.memo_owner = linter
        doc = linter.document(buf.text, buf.path, buf.memo)
        paragraphs = tuple((p.start, p.end) for p in doc.paragraphs) if buf.markdown else ()
        found = linter.check_document(doc, release=True)  # drops the paragraphs: their spans are kept
        buf.memo.sweep()
        buf.results = LintResult(linter, buf.revision, found, paragraphs)
        return buf.results
