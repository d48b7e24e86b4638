"""Memory grows linearly with the draft and stays compact: no object per word (issue 10, item 7)."""
from __future__ import annotations

import random
import tracemalloc

from lint.engine.linter import Linter

LINTER = Linter()

_SUBJECTS = ["Officials", "Experts", "Mayor Ruth Hale", "The ministry", "Critics", "She", "Researchers at Oxford",
             "A spokesman", "Many voters", "The company", "Sen. Maria Cole", "Analysts"]
_VERBS = ["said", "says", "warned", "may", "could", "might", "suggested", "claimed", "told reporters", "argued"]
_WORDS = ("the talks budget plan would likely raise taxes on about 5,000 households in the region by $12 million "
          "next year while residents fear that prices may rise again and the council has not yet decided whether "
          "to act before the vote in June or after").split()


def draft(size: int, seed: int) -> str:
    """Generated news-like plain text of about `size` characters: paragraphs of attributed,
    hedged and quoted sentences, with an occasional heading."""
    rnd = random.Random(seed)
    paragraphs: list[str] = []
    total = 0
    while total < size:
        if rnd.random() < 0.1:
            paragraph = rnd.choice(["What Comes Next", "Reaction", "The Vote", "Analysis"])
        else:
            sentences = []
            for _ in range(rnd.randint(1, 6)):
                words = " ".join(rnd.choice(_WORDS) for _ in range(rnd.randint(4, 24)))
                if rnd.random() < 0.2:
                    sentences.append(f"“{words.capitalize()},” {rnd.choice(_SUBJECTS).lower()} said.")
                else:
                    sentences.append(f"{rnd.choice(_SUBJECTS)} {rnd.choice(_VERBS)} {words}.")
            paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(paragraphs) + "\n"


def peak_bytes(text: str) -> int:
    """tracemalloc's peak while one draft is segmented and linted (the text itself not counted)."""
    tracemalloc.start()
    try:
        LINTER.check_text(text, "draft.txt")
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_grows_linearly_and_compactly() -> None:
    LINTER.check_text(draft(20_000, 0), "draft.txt")  # the syllable table and caches load outside the measure
    small, large = draft(250_000, 1), draft(1_000_000, 2)
    small_peak, large_peak = peak_bytes(small), peak_bytes(large)
    # About 10 bytes a character of this dense draft now (a string, a list slot and two int
    # objects a word took 55 before issue 10); one more int object a word would pass 14.
    assert large_peak < 14 * len(large), f"{large_peak / len(large):.1f} bytes a character"
    # Four times the text, no more memory a character (within 10%): nothing grows faster than the draft.
    assert large_peak / len(large) < 1.1 * small_peak / len(small), (small_peak, large_peak)
