"""Who a sentence attributes its content to, and the source ledger built from it."""
from __future__ import annotations

import pytest

from lint.language.relations import analyse
from lint.engine.linter import Linter


def attributions(text: str):
    a = analyse(Linter().document(text, "draft.txt"))
    return [(att.kind, att.source) if att else None for att in a.attributions]


@pytest.mark.parametrize("sentence,kind,source", [
    ("Rubio said the talks would end within weeks.", "named", "Rubio"),
    ('"The talks will end within weeks," said Secretary of State Marco Rubio.', "named", "Marco Rubio"),
    ("The strike cost $2 million, according to the Pentagon.", "named", "Pentagon"),
    ("In an interview, Trump expressed frustration with the talks, suggesting that they may end.", "named", "Trump"),
    ("Secretary of State Marco Rubio gave a timeframe, suggesting the talks could end.", "named", "Marco Rubio"),
    ("Senior U.S. officials said the talks would end.", "anonymous", None),
    ("A person familiar with the matter said the bid was dropped.", "anonymous", None),
    ("Experts say the talks will fail.", "vague", "Experts"),
    ("Web-based research indicates that the war has no end in sight.", "vague", "Web-based research"),
    ("It is widely believed that the deal will collapse.", "agentless", None),
    ("The deal could collapse next month.", None, None),
    ("The United States and Ukraine signed the agreement in April.", None, None),
    ("Researchers found the vaccine worked.", "vague", "Researchers"),
])
def test_sentence_attribution(sentence, kind, source):
    [got] = attributions(sentence)
    if kind is None:
        assert got is None
    else:
        assert got is not None and got[0] == kind
        if source:
            assert got[1] == source


def test_pronoun_refers_back_to_the_last_named_source():
    text = "Mayor Ruth Hale spoke on Monday. She said the budget was tight.\n\nThe vote is in May.\n"
    assert attributions(text) == [None, ("pronoun", "she"), None]


def test_a_pronoun_with_no_named_source_before_it_attributes_nothing():
    assert attributions("He said the budget was tight.") == [None]


def test_ledger_merges_forms_of_one_name_and_counts_sentences():
    text = ("President Donald Trump said the talks were stuck. Trump added that he was frustrated. "
            "He said the war must end. Rubio said a decision was weeks away.")
    a = analyse(Linter().document(text, "draft.txt"))
    assert a.ledger == (("Donald Trump", 3), ("Rubio", 1))
