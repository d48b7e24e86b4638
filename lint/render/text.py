"""text: `path:line:col: severity CODE [name] message`, the form editors' quickfix lists parse,
then (unless --quiet) a summary line with counts by severity and of drafts that could not be read."""
from __future__ import annotations

from collections import Counter
from typing import Any

from ..model import SEVERITIES, Diagnostic
from . import FileResult
from . import Renderer as Base

_RESET = "\033[0m"
_STYLE = {
    "path": "\033[1m",
    "code": "\033[1m",
    "error": "\033[31m",
    "warning": "\033[33m",
    "info": "\033[34m",
    "hint": "\033[2m",
}
_PLURAL = {"error": "errors", "warning": "warnings", "info": "info", "hint": "hints"}


class Renderer(Base):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.files = 0
        self.unread = 0
        self.by_severity: Counter[str] = Counter()
        self.by_rule: Counter[tuple[str, str]] = Counter()

    def _paint(self, style: str, text: str) -> str:
        return f"{_STYLE[style]}{text}{_RESET}" if self.options.color else text

    def line(self, d: Diagnostic) -> str:
        where = self._paint("path", f"{d.path}:{d.line}:{d.column}:")
        return f"{where} {self._paint(d.severity, d.severity)} {self._paint('code', d.code)} [{d.name}] {d.message}"

    def file(self, result: FileResult) -> None:
        self.files += 1
        for d in result.diagnostics:
            self.by_severity[d.severity] += 1
            self.by_rule[(d.code, d.name)] += 1
            if not self.options.statistics:
                self.out.write(self.line(d) + "\n")

    def skipped(self, message: str) -> None:
        self.unread += 1

    def finish(self) -> None:
        if self.options.statistics:
            for (code, name), count in sorted(self.by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
                self.out.write(f"{count:6d}  {self._paint('code', code)}  {name}\n")
        if not self.options.quiet:
            self.out.write(summary(self.by_severity, self.files, self.unread) + "\n")


def summary(by_severity: Counter[str], files: int, unread: int = 0) -> str:
    """'Found 3 problems in 2 files: 1 error, 2 warnings.' or 'No problems found in 1 file.', then
    '; 1 could not be read.' when drafts were skipped: never a clean bill for input that was not read."""
    skipped = f"{unread} could not be read"
    if unread and not files:
        return f"No file linted: {skipped}."
    where = f"{files} file" + ("" if files == 1 else "s")
    total = sum(by_severity.values())
    if total:
        parts = [f"{by_severity[s]} {s if by_severity[s] == 1 else _PLURAL[s]}" for s in SEVERITIES if by_severity[s]]
        found = f"Found {total} problem{'' if total == 1 else 's'} in {where}: {', '.join(parts)}"
    else:
        found = f"No problems found in {where}"
    return f"{found}; {skipped}." if unread else f"{found}."
