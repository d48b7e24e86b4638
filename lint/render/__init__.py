"""Output formats, one renderer per format, apart from the rules.

A renderer has a small lifecycle (as flake8's formatters do): it is created with the output
stream, receives each file's results in input order, and finishes once. Streaming formats
(text, jsonl, github) write as files arrive; document formats (json, lsp, sarif) write at the end.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Mapping, Sequence, TextIO

from ..model import Diagnostic, Rule

# --format name -> module in this package defining `Renderer`.
FORMATS = {
    "text": "text",
    "json": "json",
    "jsonl": "json",
    "lsp": "lsp",
    "sarif": "sarif",
    "github": "github",
}


@dataclass(frozen=True)
class FileResult:
    """One linted file: the path as the user named it, its diagnostics, its text if needed."""

    path: str
    diagnostics: tuple[Diagnostic, ...]
    text: str | None = None  # kept only for formats that need it (lsp: UTF-16 columns)
    uri: str | None = None  # for lsp; derived from path when None


@dataclass(frozen=True)
class Options:
    rules: Mapping[str, Rule] = field(default_factory=dict)  # every rule of the run, by code
    color: bool = False
    statistics: bool = False
    quiet: bool = False


class Renderer:
    """Base renderer: override file() and finish()."""

    needs_text = False

    def __init__(self, out: TextIO, options: Options, fmt: str):
        self.out = out
        self.options = options
        self.format = fmt

    def file(self, result: FileResult) -> None:
        raise NotImplementedError

    def skipped(self, message: str) -> None:
        """A draft that could not be read (missing, binary, ...); its error line is already on stderr."""

    def finish(self) -> None:
        pass


def renderer(fmt: str, out: TextIO, options: Options) -> Renderer:
    """The renderer for a --format name; modules load only when used."""
    module = importlib.import_module(f"{__name__}.{FORMATS[fmt]}")
    return module.Renderer(out, options, fmt)


def render(fmt: str, results: Sequence[FileResult], out: TextIO, options: Options | None = None) -> None:
    """Render all results at once (library use and tests)."""
    r = renderer(fmt, out, options or Options())
    for result in results:
        r.file(result)
    r.finish()
