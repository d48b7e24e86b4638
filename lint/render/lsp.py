"""lsp: per file {"uri", "diagnostics": [LSP Diagnostic]}, positions 0-based in UTF-16 code units."""
from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from ..model import Diagnostic, Rule
from ..text.positions import lsp_position
from ..text.source import LineIndex
from . import FileResult
from . import Renderer as Base

SOURCE = "copydesk"
SEVERITY = {"error": 1, "warning": 2, "info": 3, "hint": 4}


def path_uri(path: str) -> str:
    """A file URI for a path as the user gave it; standard input has no file."""
    return "untitled:stdin" if path == "-" else Path(path).resolve().as_uri()


@functools.lru_cache(maxsize=None)
def doc_href(rule: Rule | None) -> str | None:
    """Where a rule's documentation lives: its pack, which holds what/why/example/instead
    (resolved on disk once per rule, not once per diagnostic)."""
    return Path(rule.pack).resolve().as_uri() if rule and rule.pack else None


def lsp_diagnostic(d: Diagnostic, text: str, lines: LineIndex, rule: Rule | None = None,
                   encoding: str = "utf-16") -> dict[str, Any]:
    """One LSP Diagnostic as JSON: this format's and, structured, the language server's."""
    start_line, start_char = lsp_position(text, lines, d.start, encoding)
    end_line, end_char = lsp_position(text, lines, d.end, encoding)
    out: dict[str, Any] = {
        "range": {
            "start": {"line": start_line, "character": start_char},
            "end": {"line": end_line, "character": end_char},
        },
        "severity": SEVERITY[d.severity],
        "code": d.code,
        "source": SOURCE,
        "message": d.message,
    }
    href = doc_href(rule)
    if href:
        out["codeDescription"] = {"href": href}
    data: dict[str, Any] = {"name": d.name}
    if d.fix is not None:
        data["fix"] = {"replacement": d.fix.replacement, "safe": d.fix.safe}
    out["data"] = data
    return out


class Renderer(Base):
    needs_text = True

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.items: list[dict[str, Any]] = []

    def file(self, result: FileResult) -> None:
        text = result.text or ""
        lines = LineIndex.of(text)
        rules = self.options.rules
        self.items.append({
            "uri": result.uri or path_uri(result.path),
            "diagnostics": [lsp_diagnostic(d, text, lines, rules.get(d.code)) for d in result.diagnostics],
        })

    def finish(self) -> None:
        self.out.write(json.dumps(self.items, ensure_ascii=False, indent=2) + "\n")
