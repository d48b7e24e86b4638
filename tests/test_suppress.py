"""Inline suppression in Markdown: only real comments, naming rules, and checked themselves."""
from __future__ import annotations

from lint import Config, check_text

PHRASE = "Experts say the vote will pass."
ONLY = Config(select=("ATT001",))


def lint(text: str, path: str = "draft.md", config: Config = ONLY) -> list[tuple[int, int, str, str]]:
    return [(d.line, d.column, d.code, d.message) for d in check_text(text, path, config)]


def codes(text: str, path: str = "draft.md") -> list[tuple[int, str]]:
    return [(line, code) for line, _, code, _ in lint(text, path)]


def test_disable_next_line_by_name_or_code() -> None:
    for word in ("vague-source", "ATT001", "ATT"):
        text = f"<!-- copydesk-disable-next-line {word} -->\n{PHRASE}\n\n{PHRASE}\n"
        assert codes(text) == [(4, "ATT001")], word


def test_disable_next_line_skips_blank_lines_and_covers_one_line() -> None:
    text = f"<!-- copydesk-disable-next-line vague-source -->\n\n{PHRASE} {PHRASE}\n{PHRASE}\n"
    assert codes(text) == [(4, "ATT001")]


def test_disable_then_enable_covers_the_range() -> None:
    text = (f"{PHRASE}\n\n<!-- copydesk-disable ATT001 -->\n{PHRASE}\n\n- {PHRASE}\n"
            f"<!-- copydesk-enable ATT001 -->\n\n{PHRASE}\n")
    assert codes(text) == [(1, "ATT001"), (9, "ATT001")]


def test_disable_without_enable_runs_to_the_end() -> None:
    text = f"{PHRASE}\n\n<!-- copydesk-disable vague-source -->\n\n{PHRASE}\n\n{PHRASE}\n"
    assert codes(text) == [(1, "ATT001")]


def test_suppressing_one_rule_leaves_the_others() -> None:
    text = ("<!-- copydesk-disable-next-line ATT001 -->\n"
            "Experts say it will pass. The senator claimed the bill would cut costs.\n")
    both = Config(select=("ATT001", "ATT006"))
    assert [(d.line, d.code) for d in check_text(text, "d.md", both)] == [(2, "ATT006")]


def test_unknown_rule_in_a_suppression_is_reported() -> None:
    text = f"<!-- copydesk-disable-next-line vauge-source -->\n{PHRASE}\n"
    assert lint(text) == [
        (1, 1, "CPD002", 'Suppression names unknown rule "vauge-source".'),
        (2, 1, "ATT001", 'Vague source "Experts say": name who found this, or say how it was verified.'),
    ]


def test_unused_suppression_is_reported() -> None:
    text = "Intro.\n\n<!-- copydesk-disable-next-line vague-source -->\nThe vote passed.\n"
    assert lint(text) == [(3, 1, "CPD003", 'Suppression of "vague-source" suppresses nothing here: remove it.')]


def test_blanket_suppression_is_reported_and_suppresses_nothing() -> None:
    text = f"<!-- copydesk-disable-next-line -->\n{PHRASE}\n"
    assert codes(text) == [(1, "CPD004"), (2, "ATT001")]


def test_suppression_inside_code_is_not_honoured() -> None:
    fenced = f"```\n<!-- copydesk-disable ATT001 -->\n```\n\n{PHRASE}\n"
    inline = f"Write `<!-- copydesk-disable ATT001 -->` to silence it.\n\n{PHRASE}\n"
    indented = f"Intro.\n\n    <!-- copydesk-disable ATT001 -->\n\n{PHRASE}\n"
    assert codes(fenced) == [(5, "ATT001")]
    assert codes(inline) == [(3, "ATT001")]
    assert codes(indented) == [(5, "ATT001")]


def test_plain_text_has_no_inline_marker() -> None:
    text = f"<!-- copydesk-disable-next-line vague-source -->\n{PHRASE}\n"
    assert codes(text, "draft.txt") == [(2, "ATT001")]


def test_suppression_checks_can_be_ignored_by_code() -> None:
    text = "Intro.\n\n<!-- copydesk-disable-next-line vague-source -->\nThe vote passed.\n"
    assert lint(text, config=Config(select=("ATT001",), ignore=("CPD003",))) == []
