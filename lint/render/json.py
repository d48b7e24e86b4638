"""json: one object {"version": 1, "diagnostics": [...]}; jsonl: one diagnostic object a line."""
from __future__ import annotations

import json
from collections import Counter
from typing import Any

from ..model import Diagnostic
from . import FileResult
from . import Renderer as Base

VERSION = 1
_JSONL = json.JSONEncoder(ensure_ascii=False)  # built once: json.dumps with options builds one per call


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
                self.out.write(_JSONL.encode(diagnostic_dict(d)) + "\n")
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
