"""Word lists are data: a newsroom's own pack extends the built-in lists by naming them, and the
rules that read those lists (vague-source, anonymous-source) follow."""
from __future__ import annotations

from pathlib import Path

from lint import Config, check_text
from lint.registry.packs import load_rule_set

DRAFT = (
    "Netizens say the levy will double next year.\n\n"
    "Two aides said the levy was drafted in March. They spoke per newsroom policy 7.\n"
)


def found(config: Config) -> list[tuple[str, str]]:
    return [(d.name, d.text) for d in check_text(DRAFT, "story.txt", config) if d.code.startswith("ATT")]


def test_a_house_pack_adds_a_vague_head_and_an_anonymity_formula(tmp_path: Path) -> None:
    pack = tmp_path / "house.toml"
    pack.write_text('[words]\nvague-heads = ["netizens"]\nanonymity-reasons = ["per newsroom policy"]\n',
                    encoding="utf-8")
    before = found(Config())
    after = found(Config(rule_packs=(pack,)))
    assert ("vague-source", "Netizens say") not in before
    assert ("anonymous-source", "Two aides said") in before
    assert ("vague-source", "Netizens say") in after  # a vague head the newsroom added
    assert ("anonymous-source", "Two aides said") not in after  # the reason it accepts is given
    assert set(after) - {("vague-source", "Netizens say")} == set(before) - {("anonymous-source", "Two aides said")}


def test_a_house_list_extends_the_built_in_one_and_keeps_its_words(tmp_path: Path) -> None:
    pack = tmp_path / "house.toml"
    pack.write_text('[words]\nvague-heads = ["netizens", "experts"]\nnewsroom-terms = ["copy"]\n', encoding="utf-8")
    built_in = load_rule_set().lexicon
    merged = load_rule_set((pack,)).lexicon
    assert merged.words("vague-heads") == built_in.words("vague-heads") | {"netizens"}
    assert merged.phrases("vague-heads").count("experts") == 1  # a word already there is not added twice
    assert merged.phrases("newsroom-terms") == ("copy",)


def test_word_forms_on_one_line_are_separate_words() -> None:
    assert {"say", "says", "said", "saying"} <= load_rule_set().lexicon.words("reporting-verbs")
