"""The Markdown adapter reads what CommonMark (markdown-it-py) reads: code spans, deep nesting."""
from __future__ import annotations

from lint.markup import adapt

CLAIM = "Experts say the bridge will reopen in May."


# --- links -------------------------------------------------------------------------------

def test_a_link_title_on_the_next_line_keeps_the_line_break_in_place() -> None:
    text = '[the vote](vote.html\n"Title") passed. ' + CLAIM
    view = adapt(text, "story.md").view
    assert [i for i, c in enumerate(view) if c == "\n"] == [text.index("\n")]
    assert view.startswith(" the vote ")
