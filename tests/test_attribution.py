"""Who is speaking: the attribution relations of a draft (source, cue and content, with the
source's class) and the source ledger built from them, as the library hands them out."""
from __future__ import annotations

import pytest

from lint import Linter, relations


def said(text: str) -> list[tuple[str, str | None, str, list[str]]]:
    """Each relation as (class, source words, cue words, content words)."""
    return [(r["class"], r["source"]["text"] if r["source"] else None, r["cue"]["text"],
             [c["text"] for c in r["content"]]) for r in relations(text, "draft.txt")]


def ledger(text: str):
    return Linter().document(text, "draft.txt").analyses.attribution.ledger


@pytest.mark.parametrize("sentence, relation", [
    ("Rubio said the talks would end within weeks.",
     ("person", "Rubio", "said", ["the talks would end within weeks"])),
    ('"The talks will end within weeks," said Secretary of State Marco Rubio.',
     ("person", "Secretary of State Marco Rubio", "said", ['"The talks will end within weeks,"'])),
    ("The strike cost $2 million, according to the Pentagon.",
     ("organisation", "the Pentagon", "according to", ["The strike cost $2 million"])),
    ("The deal, Trump said, is dead.", ("person", "Trump", "said", ["The deal", "is dead"])),
    ("Senior U.S. officials said the talks would end.",
     ("anonymous", "Senior U.S. officials", "said", ["the talks would end"])),
    ("A person familiar with the matter said the bid was dropped.",
     ("anonymous", "A person familiar with the matter", "said", ["the bid was dropped"])),
    ("Experts say the talks will fail.", ("group", "Experts", "say", ["the talks will fail"])),
    ("Many in the region fear the plant could close.",
     ("group", "Many in the region", "fear", ["the plant could close"])),
    ("Several studies have found the drug works.",
     ("unowned", "Several studies", "have found", ["the drug works"])),
    ("Two in three said they would vote again.",
     ("respondents", "Two in three", "said", ["they would vote again"])),
    ("It is widely believed that the deal will collapse.",
     ("sourceless", None, "It is widely believed", ["that the deal will collapse"])),
    ("Police: Suspect fled on foot", ("described", "Police", ":", ["Suspect fled on foot"])),
    ("Rubio told reporters the plan would fail.", ("person", "Rubio", "told", ["the plan would fail"])),
    ("Greenberg's research suggests voters might switch.",
     ("document", "Greenberg's research", "suggests", ["voters might switch"])),
    # Someone speaks though no class fits them: their content is not the reporter's.
    ("The deputy head of the delegation to the forum said the United States should act.",
     ("described", "The deputy head of the delegation to the forum", "said", ["the United States should act"])),
    ("Of the delegates, all but two agreed the party should vote.",
     ("described", "two", "agreed", ["the party should vote"])),
    ("He's suggesting that delegates should flip.", ("pronoun", "He's", "suggesting", ["that delegates should flip"])),
    ("Mrs. Clinton is saying the country should lead.", ("person", "Mrs. Clinton", "is saying", ["the country should lead"])),
    ("Clinton flatly denied the plan would fail.", ("person", "Clinton", "flatly denied", ["the plan would fail"])),
    ("Rates could rise next year, reckons Jane Smith, an economist.",
     ("person", "Jane Smith", "reckons", ["Rates could rise next year"])),
    # A long aside between a name and its cue; an inverted source with a title or an affiliation.
    ("Senator Richard Shelby, the Alabama Republican who heads the committee, which oversees the Fed, said the gifts "
     "were a problem.", ("person", "Senator Richard Shelby", "said", ["the gifts were a problem"])),
    ('"It is one long Election Day," said Rubio\'s deputy campaign manager, Rich Beeson, who ran the ground game.',
     ("person", "Rubio's deputy campaign manager, Rich Beeson", "said", ['"It is one long Election Day,"'])),
    ('"Cruz should gain," says Stu Rothenberg of the non-partisan Rothenberg Political Report.',
     ("person", "Stu Rothenberg", "says", ['"Cruz should gain,"'])),
    # A quantified group's view, however it is framed.
    ("Her displeasure has caused many to wonder if a third candidate should run.",
     ("group", "many", "to wonder", ["if a third candidate should run"])),
    ("For many activists, talk of surrender is hard to swallow.",
     ("group", "many activists", "For", ["talk of surrender is hard to swallow"])),
    ("Some Republicans promote his candidacy to embarrass her.",
     ("group", "Some Republicans", "promote", ["his candidacy to embarrass her"])),
    ("Many Democrats, including her advisers, are mindful of how fast the race changed.",
     ("group", "Many Democrats", "are mindful", ["of how fast the race changed"])),
    ("Despite the pledge, some remained skeptical that he would follow through.",
     ("group", "some", "remained skeptical", ["that he would follow through"])),
    ("In swing states, many Democrats and Republicans yearn for a comeback.",
     ("group", "many Democrats and Republicans", "yearn", ["for a comeback"])),
    ("But many rank-and-file unionists made it clear they disagreed.",
     ("group", "many rank-and-file unionists", "made it clear", ["they disagreed"])),
    ("Delegates were turned away, Roberta Lange, the state party chairwoman, said on Monday.",
     ("person", "Roberta Lange", "said on Monday", ["Delegates were turned away"])),
    ('"Elections matter," Kelly said.', ("person", "Kelly", "said", ['"Elections matter,"'])),
    ('"We have to win," the Texas senator said.', ("pronoun", "the Texas senator", "said", ['"We have to win,"'])),
    # Who puts out a statement is its source.
    ("Trump issued the following statement: our prayers are with them.",
     ("person", "Trump", "issued the following statement", ["our prayers are with them"])),
    ("On Tuesday, the Nevada State Democratic Party issued a formal complaint.",
     ("organisation", "the Nevada State Democratic Party", "issued a formal complaint", [])),
    # The content ends where the reporter's own clause begins.
    ("Aides think the poll helps him, but he must avoid a loss.",
     ("anonymous", "Aides", "think", ["the poll helps him"])),
    ("While both parties say the country must lead, they differ on how.",
     ("described", "both parties", "say", ["the country must lead"])),
    ("The deal renewed speculation on Wall Street that the firm needs a buyer.",
     ("unowned", None, "speculation", ["that the firm needs a buyer"])),
])
def test_a_sentence_holds_its_relation(sentence, relation):
    assert relation in said(sentence)


@pytest.mark.parametrize("sentence", [
    "The deal could collapse next month.",
    "The United States and Ukraine signed the agreement in April.",
    "A super PAC supporting Clinton spent $2 million.",  # a modifier, not a speaker
    "Both said nothing.",
    "Most likely the vote will slip.",
    "It's a report that says nothing new.",  # "that" is the report's relative pronoun
    "The swing state could flip.",  # a noun, not "state" the verb
    "On second thought, the plan could work.",
    "The release of the report was delayed.",  # a noun, not "released"
    "For many years, the plant ran at a loss.",
    "Many to the south fled.",
    "Many residents, who lost their homes, fled to the hills.",
    "Peace talks resumed on Monday.",
    "Voters will likely reject the plan.",  # the reporter's forecast, not the voters' words
    "Trump, Clinton, and Sanders met on Monday.",
])
def test_a_sentence_with_no_one_speaking_holds_no_relation(sentence):
    assert [r for r in said(sentence) if r[0] != "sourceless"] == []


def test_a_relative_clause_speaks_for_its_antecedent_and_ends_at_its_comma():
    got = said("Cruz, who says Trump is attacking him, said voters should back him.")
    assert ("person", "Cruz", "says", ["Trump is attacking him"]) in got
    assert ("person", "Cruz", "said", ["voters should back him"]) in got


def test_a_quote_continued_in_the_next_sentence_stays_the_speakers():
    text = '"We will win," Hale said. "Nobody doubts it. The city is ready."\n'
    [first, *rest] = relations(text, "draft.txt")
    assert first["name"] == "Hale" and first["quote"]
    assert [r["name"] for r in rest] == ["Hale", "Hale"]  # one relation for each quoted sentence
    assert rest[0]["content"][0]["text"].startswith('"Nobody') and rest[1]["content"][0]["text"].startswith("The city")


def test_a_pronoun_refers_back_to_the_person_a_sentence_opened_on():
    text = "Mayor Ruth Hale spoke on Monday. She said the budget was tight.\n\nThe vote is in May.\n"
    [r] = relations(text, "draft.txt")
    assert (r["class"], r["name"], r["source"]["text"]) == ("pronoun", "Ruth Hale", "She")


def test_a_pronoun_with_no_one_before_it_refers_to_no_one():
    [r] = relations("He said the budget was tight.", "draft.txt")
    assert (r["class"], r["name"]) == ("pronoun", "He")
    assert ledger("He said the budget was tight.") == ()


def test_relation_spans_are_lines_and_columns_of_the_right_words():
    text = "# Budget\n\nThe council met.\nMayor Ruth Hale said the budget was tight.\n"
    [r] = relations(text, "draft.md")
    assert {k: r["source"][k] for k in ("line", "column", "end_line", "end_column")} == {
        "line": 4, "column": 1, "end_line": 4, "end_column": 16}
    assert (r["cue"]["line"], r["cue"]["column"], r["cue"]["end_column"]) == (4, 17, 21)
    assert r["content"][0]["text"] == "the budget was tight" and r["content"][0]["column"] == 22


def test_the_ledger_merges_forms_of_a_name_and_counts_relations():
    text = ("President Donald Trump said the talks were stuck. Trump added that he was frustrated. "
            "He said the war must end. Mrs. Clinton said a decision was weeks away. "
            '"It is over," Clinton said.')
    entries = {e.name: e for e in ledger(text)}
    assert set(entries) == {"Donald Trump", "Clinton"}
    trump, clinton = entries["Donald Trump"], entries["Clinton"]
    assert (trump.kind, trump.relations, trump.quotes) == ("person", 3, 0)
    assert "Trump" in trump.forms and "He" not in trump.forms
    assert (clinton.relations, clinton.quotes, clinton.paraphrases) == (2, 1, 1)
    assert "Mrs. Clinton" in clinton.forms


def test_the_ledger_merges_an_outlet_with_its_short_name():
    text = "The Washington Post reported the vote was close. The Post said the count went on."
    [entry] = ledger(text)
    assert (entry.name, entry.kind, entry.relations) == ("Washington Post", "organisation", 2)


@pytest.mark.parametrize("text", [
    "PARIS (Reuters) — The talks stalled on Monday.",
    "A US newspaper said the talks stalled.",
    "By Jane Doe\n\nThe talks stalled.",
])
def test_datelines_places_and_bylines_are_not_sources(text):
    assert all(e.name not in ("PARIS", "Paris", "US", "Jane Doe") for e in ledger(text))


def test_a_source_that_declined_to_comment_is_marked():
    [entry] = ledger("The Hale campaign declined to comment on the audit.")
    assert entry.declined


def test_headlines_are_read_for_sourcing_but_not_for_the_reporters_voice():
    from lint import check_text

    text = "# Experts say the bridge could fall\n\nPolice: Suspect fled\n\n# Web searches reveal 5,000 troops massed\n"
    found = [(d.line, d.column, d.name) for d in check_text(text, "draft.md")]
    assert found == [(1, 3, "vague-source"), (5, 3, "vague-source"), (5, 23, "unsourced-figure")]
    # The colon of "Police: Suspect fled" credits the line to the police.
    assert ("described", "Police") in [(r["class"], r["name"]) for r in relations(text, "draft.md")]
