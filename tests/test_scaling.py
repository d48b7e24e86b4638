"""Linting time grows linearly with the draft, whatever shape hostile input takes.

Each shape is linted at 50,000 and 400,000 characters; the larger may take at most 12 times as
long as the smaller (8 times the text, with room for noise). Times are the best of three runs of each
size, in CPU seconds of a forked child, so neither the machine's speed nor its other work matters;
a child still running after twice the bound in wall time is stopped, so a quadratic path fails
instead of hanging the suite.
"""
from __future__ import annotations

import gc
import multiprocessing
import time
import tracemalloc
from typing import Callable

import pytest

from lint.engine.linter import Linter
from lint.language.hyphenation import break_points

SMALL, LARGE = 50_000, 400_000
MAX_RATIO = 12
RUNS = 3
SENTENCE = "Experts say the bridge will reopen in May."


def repeated(unit: str, prefix: str = "", suffix: str = "") -> Callable[[int], str]:
    """A draft of `size` characters: prefix, then unit over and over, then suffix."""
    def build(size: int) -> str:
        body = size - len(prefix) - len(suffix)
        return prefix + (unit * (body // len(unit) + 1))[:body] + suffix
    return build


def growing_backticks(size: int) -> str:
    """Backtick strings of lengths 1, 2, 3, ...: none has a closer of its own length."""
    out, length, k = [], 0, 1
    while length < size:
        out.append("`" * k + " a ")
        length += k + 3
        k += 1
    return "".join(out)[:size]


# name -> (draft of a given size, formats it is linted as)
SHAPES: dict[str, tuple[Callable[[int], str], tuple[str, ...]]] = {
    "table of decimals": (repeated("| 12 | 1.12 | 2.5 |\n"), ("txt", "md")),
    "abbreviations": (repeated("Sen. Gov. Mr. Dr. U.S. "), ("txt", "md")),
    "unclosed comments": (repeated("<!-- x "), ("txt", "md")),
    "unclosed comments after a word": (repeated("<!-- x ", prefix="Word "), ("txt", "md")),
    "unclosed comment lines": (repeated("<!-- x\n"), ("md",)),
    "unclosed curly quotes": (repeated("“Experts say the bridge will reopen. "), ("txt", "md")),
    "one sentence of vague sources": (repeated("experts say the bridge "), ("txt",)),
    # (a name opening a sentence that runs on through asides, cues and figures: each cue looked back
    # to it, and each figure through every relation of the sentence)
    "one sentence of names, asides and figures": (
        repeated("the minister, the chief, said 45% of $3 million, Ana Ortiz, a judge, warned ",
                 prefix="Ana Ortiz, the minister, "), ("txt",)),
    "quotes of speech": (repeated('"he said no" '), ("txt",)),
    "straight quote marks": (repeated('"'), ("txt",)),
    "closing curly quote marks": (repeated("”"), ("txt", "md")),
    "opening curly quote marks": (repeated("“"), ("txt",)),
    "mixed quote marks": (repeated("“”\"'’‘"), ("txt",)),
    "unclosed backtick strings": (repeated("``a` "), ("md",)),
    "backtick strings of growing length": (growing_backticks, ("md",)),
    "escaped backticks": (repeated("\\`a "), ("md",)),
    "a line with no spaces": (repeated("abcdefghij"), ("txt", "md")),
    "one line of sentences": (repeated(SENTENCE + " "), ("txt", "md")),
    "deep blockquote": (repeated("> ", suffix=SENTENCE), ("md",)),
    "deep list": (repeated("- ", suffix=SENTENCE), ("md",)),
    "deep lines": (repeated("> " * 30 + SENTENCE + "\n\n"), ("md",)),
    "opening brackets": (repeated("["), ("md",)),
    "nested brackets": (lambda size: "[" * (size // 2) + repeated("b ", prefix="]")(size - size // 2), ("md",)),
    "unclosed link targets": (repeated("[a]("), ("md",)),
    "unclosed image texts": (repeated("!["), ("md",)),
    "opening parentheses": (repeated("("), ("md",)),
    "emphasis runs": (repeated("*a "), ("md",)),
    "an underscore run inside a word": (repeated("_", prefix="a", suffix="b"), ("md",)),
    "headings": (repeated("# Heading here\n"), ("txt", "md")),
    "spaces in a heading": (repeated(" ", prefix="# a", suffix="x\n"), ("md",)),
    "spaces in a setext heading": (repeated(" ", prefix="Title\n", suffix="x\n===\n"), ("md",)),
    "URL-like runs": (repeated("http://a.b/(c) www.x.y/z.html?q=1.2 "), ("txt", "md")),
    "unclosed autolinks": (repeated("<http:" + "/" * 30), ("md",)),
    "suppressed paragraphs": (repeated("<!-- copydesk-disable-next-line vague-source -->\n" + SENTENCE + "\n\n"),
                              ("md",)),
    "one long suppressed range": (repeated(SENTENCE + "\n\n", prefix="<!-- copydesk-disable vague-source -->\n"),
                                  ("md",)),
}
CASES = [(name, fmt) for name, (_, formats) in SHAPES.items() for fmt in formats]


@pytest.fixture(scope="module")
def linter() -> Linter:
    lint = Linter()
    lint.check_text(f"{SENTENCE} “He said so,” she said.", "warm.md")  # load the tables once, before forking
    return lint


def timed(linter: Linter, text: str, path: str, limit: float | None = None) -> float:
    """CPU seconds one lint of text takes in a forked child (other processes on the machine do not
    count); infinity if the child has not finished within twice limit of wall time."""
    def child(conn) -> None:
        # The cycle collector's full passes start only past a count of objects made, which a 400 KB
        # draft reaches and a 50 KB one does not (a third of the time of the larger, none of the
        # smaller); amortized they are linear, so they would measure the collector, not the code.
        gc.disable()
        start = time.process_time()
        try:
            linter.check_text(text, path)
        except Exception as err:  # for the parent to report, which would otherwise see only an end of file
            conn.send(repr(err))
        else:
            conn.send(time.process_time() - start)

    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    process = ctx.Process(target=child, args=(send,))
    process.start()
    seconds = receive.recv() if receive.poll(None if limit is None else 2 * limit + 1) else float("inf")
    process.kill()
    process.join()
    assert isinstance(seconds, float), f"check_text raised {seconds}"
    return seconds


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
@pytest.mark.parametrize("name, fmt", CASES, ids=[f"{name}-{fmt}" for name, fmt in CASES])
def test_time_is_linear_in_the_size_of_the_draft(linter: Linter, name: str, fmt: str) -> None:
    build, _ = SHAPES[name]
    path = f"draft.{fmt}"
    small_text, large_text = build(SMALL), build(LARGE)
    assert (len(small_text), len(large_text)) == (SMALL, LARGE)
    small = min(timed(linter, small_text, path) for _ in range(RUNS))
    bound = MAX_RATIO * small
    large = float("inf")
    for _ in range(RUNS):  # a run within the bound settles it: the best of three could only be lower
        large = min(large, timed(linter, large_text, path, bound))
        if large <= bound:
            break
    assert large <= bound, f"{name} ({fmt}): 8x the text took {large / small:.1f}x as long ({small:.3f} s)"


def test_a_long_word_is_hyphenated_in_memory_proportionate_to_it() -> None:
    """A long token (a pasted blob) once had all its substrings cut at once: 2.2 GB for 400 KB."""
    word = "abcdefghij" * 2_000
    break_points("x" * 600)  # the pattern table and the windows of a piece are made once, not counted
    tracemalloc.start()
    try:
        break_points(word)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 200 * len(word), f"{peak / len(word):.0f} bytes a character"  # before: 5,000


def test_a_long_word_has_pyphens_points() -> None:
    from pyphen import Pyphen

    hyphenator = Pyphen(lang="en_US")
    words = ["x" * 300, "disestablishment" * 40, "ab" * 150 + "tion", "é" * 283 + "ing"]
    assert [break_points(w) for w in words] == [list(hyphenator.positions(w)) for w in words]
