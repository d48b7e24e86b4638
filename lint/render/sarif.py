"""sarif: SARIF 2.1.0 for code scanning: a rule descriptor per rule, results with regions."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .. import __version__
from ..model import Diagnostic, Rule
from . import FileResult
from . import Renderer as Base

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note", "hint": "note"}


def artifact_uri(path: str) -> str:
    """Relative paths stay relative (code scanning resolves them against the checkout)."""
    p = Path(path)
    return p.as_uri() if p.is_absolute() else p.as_posix()


def descriptor(rule: Rule) -> dict[str, Any]:
    d = rule.docs
    markdown = (
        f"**What it does.** {d.what}\n\n**Why a standards editor cares.** {d.why}\n\n"
        f"**Example**\n\n> {d.example}\n\n**Use instead**\n\n> {d.instead}\n"
    )
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.help},
        "fullDescription": {"text": d.what},
        "help": {"text": f"{d.why} Example: {d.example} Use instead: {d.instead}", "markdown": markdown},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"tags": [rule.family]},
    }


def result(d: Diagnostic, index: dict[str, int]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": d.code,
        "level": LEVEL[d.severity],
        "message": {"text": d.message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": artifact_uri(d.path)},
                "region": {
                    "startLine": d.line,
                    "startColumn": d.column,
                    "endLine": d.end_line,
                    "endColumn": d.end_column,
                    "snippet": {"text": d.text},
                },
            }
        }],
    }
    if d.code in index:
        out["ruleIndex"] = index[d.code]
    return out


class Renderer(Base):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.diagnostics: list[Diagnostic] = []

    def file(self, result: FileResult) -> None:
        self.diagnostics += result.diagnostics

    def finish(self) -> None:
        rules = [self.options.rules[c] for c in sorted(self.options.rules)]
        index = {r.code: i for i, r in enumerate(rules)}
        log = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "copydesk",
                    "version": __version__,
                    "semanticVersion": __version__,
                    "rules": [descriptor(r) for r in rules],
                }},
                # Our columns count code points; SARIF's default would be UTF-16 code units.
                "columnKind": "unicodeCodePoints",
                "results": [result(d, index) for d in self.diagnostics],
            }],
        }
        self.out.write(json.dumps(log, ensure_ascii=False, indent=2) + "\n")
