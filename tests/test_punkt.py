"""lint.language.punkt makes Punkt's sentence decisions: hand-checked cases, and the same spans as NLTK's
own PunktSentenceTokenizer with copydesk's parameters on generated and real text."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from lint.language import punkt

ONESTOP = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "readability_onestop.jsonl"


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in punkt.spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The vote passed. It was close.", ["The vote passed.", "It was close."]),
        ("Sen. Warren spoke. Then she left.", ["Sen. Warren spoke.", "Then she left."]),
        ("He moved to the U.S. The move was hard.", ["He moved to the U.S.", "The move was hard."]),
        ("He lives in the U.S. and works there.", ["He lives in the U.S. and works there."]),
        ("J. R. R. Tolkien wrote it.", ["J. R. R. Tolkien wrote it."]),
        ("It rose 5. percent", ["It rose 5. percent"]),
        ("Is it over?! Not yet... Maybe never!!! Who knows?",
         ["Is it over?!", "Not yet... Maybe never!!!", "Who knows?"]),
        ('"We will win." He left.', ['"We will win."', "He left."]),
        ("(It ended.) Then it began.", ["(It ended.)", "Then it began."]),
        ("“It’s over,” she said. “Done.” They left.", ["“It’s over,” she said.", "“Done.”", "They left."]),
        ("No end mark here", ["No end mark here"]),
        ("Trailing space.   ", ["Trailing space."]),
        ("", []),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_spans_point_into_the_text() -> None:
    text = "  First one.\nSecond one!  Third?"
    assert punkt.spans(text) == [(0, 12), (13, 24), (26, 32)]


def _nltk_punkt():
    nltk_punkt = pytest.importorskip("nltk.tokenize.punkt")
    import nltk

    if not nltk.__version__.startswith("3.10."):
        pytest.skip(f"lint.language.punkt follows NLTK 3.10's Punkt; NLTK {nltk.__version__} is installed")
    params = nltk_punkt.PunktParameters()
    params.abbrev_types = set(punkt.ABBREVIATIONS)
    params.sent_starters = set(punkt.SENT_STARTERS)
    return nltk_punkt.PunktSentenceTokenizer(params)


# Pieces that exercise every decision: abbreviations, initials, numbers, ellipses, repeated
# marks, quotes and brackets of both kinds, dashes, line breaks and separator characters.
PIECES = (
    "The the He she It In however However word Word. x Mr. Dr. Sen. Jan. jan. No. Inc. Co., vs. "
    "U.S. U.S.A. a.m. i.e. e.g. etc. J. a. B. 5. 3.5 1,200. 2024. -3. ex-Gov. well-known. "
    "... . . . !!! ?! ? ! . , ; : -- — – - * @ ( ) [ ] \" “ ” ‘ ’ ' « »"
).split() + ["\n", "\n\n", "\t", "\x1c", "  "]


# Cases the generator found once: a separator alone on the next line is no token for Punkt.
FOUND = ["word ; etc. \n \x1c ... \n ", "Word.\n \x1c ;Jan. ", "The end. \n\x1c\x1d", "The end.\x1c Next."]


def test_same_spans_as_nltk_on_generated_text() -> None:
    reference = _nltk_punkt()
    rnd = random.Random(2026)
    generated = ("".join(rnd.choice(PIECES) + rnd.choice(("", " ", " ", " ")) for _ in range(rnd.randint(1, 25)))
                 for _ in range(5000))
    for text in [*FOUND, *generated]:
        assert punkt.spans(text) == list(reference.span_tokenize(text)), repr(text)


@pytest.mark.skipif(not ONESTOP.exists(), reason="needs ../shared/data")
def test_same_spans_as_nltk_on_news_articles() -> None:
    reference = _nltk_punkt()
    with ONESTOP.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines]
    for text in texts:
        for part in [text, *text.split("\n\n")]:
            assert punkt.spans(part) == list(reference.span_tokenize(part))
