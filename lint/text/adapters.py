"""The format adapters, chosen by the draft's name: Markdown for .md and .markdown, plain text
for anything else."""
from __future__ import annotations

from .plain import plain_prose
from .prose import Prose


def adapt(text: str, path: str | None) -> Prose:
    if path and path.lower().endswith((".md", ".markdown")):
        from .markdown import markdown_prose  # (markdown-it-py loads only for Markdown drafts)

        return markdown_prose(text)
    return plain_prose(text)
