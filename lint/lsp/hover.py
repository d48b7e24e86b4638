"""textDocument/hover: what the rules under the cursor say, from the last lint."""
from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types

from ..model import Diagnostic, Rule
from .positions import to_offset, to_range
from .publish import fresh

if TYPE_CHECKING:
    from .server import CopydeskServer


def hover(ls: CopydeskServer, params: types.HoverParams) -> types.Hover | None:
    state = fresh(ls, params.text_document.uri)
    if state is None:
        return None
    buf, result = state
    enc = ls.session.encoding
    hits = result.at(to_offset(buf, params.position, enc))
    hits = [d for d in hits if d.end > d.start] or hits
    if not hits:
        return None
    rules = result.linter.by_code
    body = "\n\n---\n\n".join(hover_markdown(d, rules.get(d.code)) for d in hits)
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=body),
        range=to_range(buf, hits[0].start, hits[0].end, enc))


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


FEATURES = ((types.TEXT_DOCUMENT_HOVER, None, hover),)
