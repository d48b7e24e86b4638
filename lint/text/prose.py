"""The prose view every adapter makes of a draft: exactly as long as the source, with markup,
code, URLs, comments and front matter blanked to spaces (line breaks kept), so an offset in the
view is an offset in the file and nothing is ever searched for again; and its blocks."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

BLOCK_KINDS = ("paragraph", "heading", "list_item", "blockquote", "metadata")


class Block(NamedTuple):
    """A paragraph-like stretch of the view (a tuple: a draft has thousands)."""

    kind: str  # one of BLOCK_KINDS
    start: int
    end: int
    level: int = 0  # heading level, 0 elsewhere


@dataclass(frozen=True)
class Comment:
    """An HTML comment the parser saw; suppressions are read from these only."""

    start: int
    end: int
    body: str


@dataclass(frozen=True)
class Prose:
    view: str
    blocks: tuple[Block, ...]
    comments: tuple[Comment, ...] = ()


def blank(text: str) -> str:
    """Spaces for every character but line breaks."""
    return re.sub(r"[^\r\n]", " ", text)
