"""Segmentation: paragraphs, headings and metadata, sentences, quote spans."""
from __future__ import annotations

from pathlib import Path

from lint import check_text
from lint.language.segment import segment
from lint.registry.packs import load_rule_set
from lint.text.adapters import adapt


def doc(text: str, path: str = "draft.txt"):
    return segment(adapt(text, path), text, path, load_rule_set().lexicon)


def sentences(text: str) -> list[str]:
    d = doc(text)
    return [d.view[s.start:s.end] for s in d.sentences]


def quotes(text: str) -> list[str]:
    d = doc(text)
    return [d.view[a:b] for a, b in d.quotes]


def test_newsroom_abbreviations_do_not_end_sentences():
    text = ("Sen. Maria Cole of the U.S. Senate met Gov. Ray Diaz on Jan. 5 in Washington, D.C. "
            "They spoke for an hour. Dr. Lee joined them at No. 10 Main St. later.")
    assert sentences(text) == [
        "Sen. Maria Cole of the U.S. Senate met Gov. Ray Diaz on Jan. 5 in Washington, D.C.",
        "They spoke for an hour.",
        "Dr. Lee joined them at No. 10 Main St. later.",
    ]


def test_plain_text_headings_bylines_and_datelines():
    text = ("By Jane Doe\n"
            "Talks Resume in Geneva\n"
            "GENEVA (AP) — Negotiators met on Monday. They agreed to meet again.\n"
            "What Comes Next\n"
            "A vote is expected in June.\n")
    d = doc(text)
    kinds = [(p.kind, d.view[p.start:p.end]) for p in d.paragraphs]
    assert kinds == [
        ("metadata", "By Jane Doe"),
        ("heading", "Talks Resume in Geneva"),
        ("metadata", "GENEVA (AP) —"),
        ("paragraph", "Negotiators met on Monday. They agreed to meet again."),
        ("heading", "What Comes Next"),
        ("paragraph", "A vote is expected in June."),
    ]
    assert [p.heading for p in d.paragraphs][-1] == "What Comes Next"


def test_hard_wrapped_paragraphs_stay_whole():
    text = "The council met on Tuesday night to discuss\nthe budget and the new parking rules.\n\nIt adjourned at ten.\n"
    d = doc(text)
    assert [(p.kind, len(p.sentences)) for p in d.paragraphs] == [("paragraph", 1), ("paragraph", 1)]


def test_a_sentence_is_not_a_heading():
    d = doc("The vote passed.\nIt was close\nbut the count held.\n")
    assert "heading" not in [p.kind for p in d.paragraphs]


def test_quote_kinds():
    assert quotes('He said "we will win" and left.') == ['"we will win"']
    assert quotes("He said “we will win” and left.") == ["“we will win”"]
    assert quotes("She said ‘not now’ twice.") == ["‘not now’"]
    assert quotes("“He told me ‘never again’ and meant it,” she said.") == ["“He told me ‘never again’ and meant it,”"]


def test_apostrophes_are_not_quotes():
    assert quotes("Trump’s aides didn't say the '90s were over, nor the officials' view.") == []


def test_a_quote_can_run_over_sentences_and_to_the_paragraph_end():
    text = "“We lost. We will be back next year,” the coach said.\n\n“It is not over. Nothing is.\n"
    assert quotes(text) == ["“We lost. We will be back next year,”", "“It is not over. Nothing is."]


def test_closing_marks_with_no_opener_make_one_quote_from_the_paragraph_start():
    # A quote begun in an earlier paragraph ends at the last of them; no nested spans.
    text = "One two three” four five six” seven eight nine”. Ten."
    assert quotes(text) == ["One two three” four five six” seven eight nine”"]
    flagged = [(d.column, d.end_column, d.code) for d in check_text(text, "draft.txt") if d.code == "ATT005"]
    assert flagged == [(1, text.index(".") + 1, "ATT005")]


def test_view_keeps_offsets_for_crlf():
    text = "Title Line\r\nThe vote passed on Monday.\r\nIt was close.\r\n"
    d = doc(text)
    assert d.view == text
    assert [(p.kind, d.lines.position(p.start)) for p in d.paragraphs] == [("heading", (1, 1)), ("paragraph", (2, 1))]
    assert d.lines.position(text.index("It was")) == (3, 1)


def test_a_memo_changes_nothing_but_the_work_done():
    from lint.engine.linter import Linter

    linter = Linter()
    seed = (Path(__file__).resolve().parent.parent / "seeds" / "ukraine-peace-talks.txt").read_text(encoding="utf-8")
    memo: dict = {}
    first = linter.check_text(seed, "seed.txt", memo=memo)
    assert first == linter.check_text(seed, "seed.txt")
    cached = len(memo)
    edited = seed.replace("touted", "praised", 1).replace("sobering", "stark", 1)
    assert linter.check_text(edited, "seed.txt", memo=memo) == linter.check_text(edited, "seed.txt")
    assert len(memo) == cached + 2, "only the two edited paragraphs are segmented again"
