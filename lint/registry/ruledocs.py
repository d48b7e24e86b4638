"""Rule documentation for people: the `copydesk rules` table and `copydesk rule CODE` pages.

Only rule packs are read here (no nltk, no markdown parser), so both commands start fast.
"""
from __future__ import annotations

import json
import textwrap
from typing import Sequence

from ..model import Rule

FAMILIES = {
    "ATT": "attribution",
    "HDG": "hedging",
    "OPN": "opinion",
    "RDB": "readability",
    "BAL": "balance",
    "CPD": "copydesk",
}
TABLE_FORMATS = ("text", "markdown", "json")


def family_name(code: str) -> str:
    return FAMILIES.get(code[:3], code[:3])


def find_rule(rules: Sequence[Rule], word: str) -> Rule | None:
    """A rule by its code (any case) or its kebab-case name."""
    for rule in rules:
        if word.upper() == rule.code or word == rule.name:
            return rule
    return None


def rules_table(rules: Sequence[Rule], fmt: str = "text") -> str:
    rows = [(r.code, r.name, r.severity, r.kind, r.help) for r in sorted(rules, key=lambda r: r.code)]
    if fmt == "json":
        keys = ("code", "name", "severity", "kind", "help")
        return json.dumps([dict(zip(keys, row)) for row in rows], ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        def cell(text: str) -> str:
            return text.replace("|", "\\|")

        lines = ["| Code | Name | Severity | Kind | Help |", "| --- | --- | --- | --- | --- |"]
        lines += [f"| `{c}` | `{n}` | {s} | {k} | {cell(h)} |" for c, n, s, k, h in rows]
        return "\n".join(lines) + "\n"
    head = ("CODE", "NAME", "SEVERITY", "KIND", "HELP")
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(4)]
    return "".join(
        "  ".join(col.ljust(w) for col, w in zip(row[:4], widths)) + "  " + row[4] + "\n"
        for row in [head, *rows]
    )


def _block(text: str) -> str:
    """An example, indented so that it reads as a quotation of copy."""
    return "\n".join("    " + line if line else "" for line in text.splitlines()) + "\n"


def _para(text: str) -> str:
    return textwrap.fill(text, width=92) + "\n"


def rule_doc(rule: Rule) -> str:
    """The rule's page, under the headings every rule's docs use."""
    d = rule.docs
    out = [
        f"{rule.code} {rule.name}\n",
        "\n",
        f"Default severity: {rule.severity}. Family: {rule.family} ({family_name(rule.code)}). "
        f"Kind: {rule.kind}. Scope: {rule.scope}.\n",
        f"Message: {rule.message}\n",
        f"Help: {rule.help}\n",
        "\nWhat it does\n", _para(d.what),
        "\nWhy a standards editor cares\n", _para(d.why),
        "\nExample\n", _block(d.example),
        "\nUse instead\n", _block(d.instead),
    ]
    for title, examples in (("Flags", rule.flag_examples), ("Passes", rule.pass_examples)):
        if examples:
            out.append(f"\n{title}\n")
            for ex in examples:
                notes = [f"as {ex.path}" if ex.path else "", f"kind {ex.kind}" if ex.kind != "news" else ""]
                note = "; ".join(n for n in notes if n)
                out.append(f"  - {note + ': ' if note else ''}")
                lines = ex.text.strip("\n").splitlines() or [""]
                out.append(lines[0] + "\n" + "".join(f"    {line}\n" for line in lines[1:]))
    return "".join(out)
