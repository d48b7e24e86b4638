"""json: one object {"version": 1, "diagnostics": [...]}; jsonl: one diagnostic object a line."""
from __future__ import annotations

import json
from collections import Counter
from json.encoder import encode_basestring as _quote  # json's own (C) quoting of a str value
from typing import Any

from ..model import Diagnostic
from . import FileResult
from . import Renderer as Base

VERSION = 1


def diagnostic_dict(d: Diagnostic) -> dict[str, Any]:
    """Exactly the keys the JSON format promises, in this order."""
    return {
        "path": d.path,
        "line": d.line,
        "column": d.column,
        "end_line": d.end_line,
        "end_column": d.end_column,
        "code": d.code,
        "name": d.name,
        "severity": d.severity,
        "message": d.message,
        "text": d.text,
        "fix": None if d.fix is None else {"replacement": d.fix.replacement, "safe": d.fix.safe},
    }


def jsonl_line(d: Diagnostic) -> str:
    """json.dumps(diagnostic_dict(d), ensure_ascii=False), written out directly: setting up json's
    encoder costs more than the object itself, 4 µs a call (tests check the two are equal)."""
    fix = "null" if d.fix is None else (
        f'{{"replacement": {_quote(d.fix.replacement)}, "safe": {"true" if d.fix.safe else "false"}}}')
    return (f'{{"path": {_quote(d.path)}, "line": {d.line}, "column": {d.column}, "end_line": {d.end_line}, '
            f'"end_column": {d.end_column}, "code": {_quote(d.code)}, "name": {_quote(d.name)}, '
            f'"severity": {_quote(d.severity)}, "message": {_quote(d.message)}, "text": {_quote(d.text)}, '
            f'"fix": {fix}}}')


class Renderer(Base):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.items: list[dict[str, Any]] = []
        self.counts: Counter[tuple[str, str]] = Counter()

    def file(self, result: FileResult) -> None:
        for d in result.diagnostics:
            if self.options.statistics:
                self.counts[(d.code, d.name)] += 1
            elif self.format == "jsonl":
                self.out.write(jsonl_line(d) + "\n")
            else:
                self.items.append(diagnostic_dict(d))

    def finish(self) -> None:
        if self.options.statistics:
            rows = [{"code": c, "name": n, "count": k} for (c, n), k in
                    sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0]))]
            if self.format == "jsonl":
                self.out.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
            else:
                self.out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        elif self.format == "json":
            doc = {"version": VERSION, "diagnostics": self.items}
            self.out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
