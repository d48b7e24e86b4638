"""bench/quality.py's scoring, on small synthetic data written here (none of it from shared/data)."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _load():
    spec = importlib.util.spec_from_file_location("bench_quality", REPO / "bench" / "quality.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_quality"] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


q = _load()


# --- arithmetic -----------------------------------------------------------------------------

def test_precision_recall_f1():
    predicted = [True, True, True, False, False, True, False]
    gold = [True, False, True, True, False, False, False]
    f = q.score(predicted, gold)
    assert (f.correct, f.flagged, f.found, f.positives) == (2, 4, 2, 3)
    assert f.precision == pytest.approx(0.5)
    assert f.recall == pytest.approx(2 / 3)
    assert f.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))


def test_no_flags_and_no_hits():
    assert q.score([False, False], [True, False]).precision is None
    assert q.score([False, False], [True, False]).f1 is None
    f = q.score([True, False], [False, True])
    assert (f.precision, f.recall, f.f1) == (0.0, 0.0, 0.0)
    with pytest.raises(ValueError):
        q.score([True], [True, False])


def test_cue_overlap():
    spans = [[(0, 3), (10, 14)], [], [(5, 9)]]
    cues = [[(2, 6)], [(0, 4)], [(9, 12)]]  # (5, 9) touches (9, 12) but does not overlap it
    f = q.span_figures(spans, cues)
    assert (f.correct, f.flagged) == (1, 3)
    assert (f.found, f.positives) == (1, 3)


def test_pairwise_order_counts_ties_as_wrong():
    groups = [
        [(0, 5.0), (1, 7.0), (2, 9.0)],  # all three pairs in order
        [(2, 8.0), (0, 6.0), (1, 8.0)],  # 1-2 tie: two of three pairs
        [(0, 9.0), (1, 3.0), (2, 4.0)],  # only 1<2 in order
    ]
    o = q.pairwise_order(groups)
    assert (o.in_order, o.pairs, o.ties, o.groups_in_order, o.groups) == (6, 9, 1, 1, 3)


def test_split_is_deterministic_and_about_half():
    ids = [f"synthetic-{i}" for i in range(2000)]
    first = [q.half(i) for i in ids]
    assert first == [q.half(i) for i in ids]
    assert 850 < first.count("dev") < 1150
    items = [{"id": i} for i in ids]
    dev, test = q.split_items(items, "dev"), q.split_items(items, "test")
    assert len(dev) + len(test) == len(items) and not {r["id"] for r in dev} & {r["id"] for r in test}
    assert q.split_items(items, "all") == items


def test_baseline_lists():
    assert q.baseline_flags(["hedge"], "The vote might slip.")
    assert not q.baseline_flags(["hedge"], "The vote slipped.")
    assert q.baseline_flags(["figure"], "It cost 4 dollars.")
    assert q.baseline_spans("loaded", "She claimed it and he insisted.") == [(4, 11), (22, 30)]
    assert q.words_per_sentence("One two three. Four five six seven eight!") == pytest.approx(4.0)


# --- offsets --------------------------------------------------------------------------------

class FakeDiagnostic:
    def __init__(self, start, end, code="HDG001", name="reporter-speculation"):
        self.start, self.end, self.code, self.name = start, end, code, name


def test_batch_offsets_and_assignment():
    texts = ["Alpha beta.", "Gamma\ndelta.", "Epsilon."]
    document, starts = q.batch(texts)
    for text, start in zip(texts, starts):
        assert document[start:start + len(text)] == q.one_line(text)
    assert "\n" not in document[starts[1]:starts[1] + len(texts[1])]
    diags = [
        FakeDiagnostic(starts[0], starts[0] + 5),            # "Alpha"
        FakeDiagnostic(starts[1] + 6, starts[1] + 11),       # "delta"
        FakeDiagnostic(starts[2] + 7, starts[2] + 8),        # the last "."
        FakeDiagnostic(starts[0] + len(texts[0]) + 3, starts[0] + len(texts[0]) + 4),  # in the separator
    ]
    hits, stray = q.assign(diags, starts, [len(t) for t in texts])
    assert [[(h.start, h.end) for h in hs] for hs in hits] == [[(0, 5)], [(6, 11)], [(7, 8)]]
    assert texts[1][hits[1][0].start:hits[1][0].end] == "delta"
    assert stray == [diags[3]]
    assert hits[0][0].family == "HDG"


# Written for this test: sentences whose diagnostics would leak between neighbours if they
# were simply joined with blank lines (a pronoun referring back, a quote's speaker next door,
# a short line read as an opinion heading).
SYNTHETIC = [
    "Mayor Dana Price announced the budget on Monday.",
    "She said the library could close next year.",
    "The bridge could close next year.",
    "Opinion",
    "The council should reject the pragmatic plan.",
    '"We will not raise the fare this winter," the transit chief told reporters.',
    '"The fare will not rise this winter either way."',
    "Commuters said the plan was reckless.",
    "Experts say the deficit could reach $40 million, reportedly the largest in a decade.",
    "Officials said the mayor admitted the error.",
    "We think it is unfortunately too late.",
    "",
]


def test_batch_equals_linting_each_sentence_alone():
    linter = q.SentenceLinter(chunk=5)
    batched = linter.lint_batch(SYNTHETIC)
    for text, hits in zip(SYNTHETIC, batched):
        assert q.scored(hits) == q.scored(linter.lint_alone(text)), text
    assert not linter.stray and not linter.internal_errors
    for text, hits in zip(SYNTHETIC, batched):
        for h in hits:  # offsets are the sentence's own
            assert 0 <= h.start < h.end <= len(text)


# --- the whole script on a synthetic data folder --------------------------------------------

def _write(folder: Path, name: str, rows: list[dict]) -> None:
    with open(folder / q.FILES[name], "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row) + "\n")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    _write(tmp_path, "babe", [
        {"id": "b1", "text": "The city should scrap this reckless plan.", "label": "Biased",
         "label_opinion": "Expresses writer's opinion", "biased_words": ["reckless"]},
        {"id": "b2", "text": "The council met on Tuesday.", "label": "Non-biased",
         "label_opinion": "Entirely factual", "biased_words": []},
        {"id": "b3", "text": "The mayor's plan drew a modest crowd.", "label": "Biased",
         "label_opinion": "Somewhat factual but also opinionated", "biased_words": ["modest"]},
    ])
    _write(tmp_path, "newssd", [
        {"id": "n1", "text": "The strike could spread to other ports.", "label": "SUBJ"},
        {"id": "n2", "text": "The union filed its notice on Friday.", "label": "OBJ"},
    ])
    _write(tmp_path, "wikiweasel", [
        {"id": "w1", "text": "The castle may date from the 12th century.", "label": "uncertain",
         "cues": [{"start": 11, "end": 14, "text": "may", "type": "speculation_modal_probable"}]},
        {"id": "w2", "text": "The castle was rebuilt in 1870.", "label": "certain", "cues": []},
    ])
    grades = ("Cats sit. Dogs run. Birds fly.",
              "The cat sat on the warm mat while the dog ran around the garden.",
              "Notwithstanding considerable institutional reluctance, municipal authorities "
              "subsequently authorised comprehensive infrastructural rehabilitation.")
    _write(tmp_path, "onestop", [
        {"id": f"t-{lvl}", "text": text, "label_ordinal": lvl, "topic": "t"} for lvl, text in enumerate(grades)
    ])
    _write(tmp_path, "news", [
        {"id": "a1", "text": "Experts say the program cost $40 million.", "vague_source": True,
         "anonymous_source": False, "unsourced_figure": True, "loaded_verb": False, "named_source": False,
         "needs_attribution": True, "note": ""},
        {"id": "a2", "text": "Governor Lee said the program cost $40 million.", "vague_source": False,
         "anonymous_source": False, "unsourced_figure": False, "loaded_verb": False, "named_source": True,
         "needs_attribution": False, "note": ""},
    ])
    text = ("Mayor Dana Price said the bridge could close in May. The council should act. "
            "Officials said the work would start soon.")
    said, officials = text.index("said"), text.index("Officials")
    content = text.index("the bridge"), text.index(" in May.")
    _write(tmp_path, "polnear", [{
        "doc": "synthetic-article", "publisher": "x", "date": "2016-01-01", "title": "t", "annotator": "a",
        "text": text, "attributions": [
            {"id": "E1", "type": "Attribution", "source": {"spans": [[0, 16]], "text": "Mayor Dana Price"},
             "cue": {"spans": [[said, said + 4]], "text": "said"},
             "content": {"spans": [list(content)], "text": text[content[0]:content[1]]}},
            {"id": "E2", "type": "Attribution", "source": {"spans": [[officials, officials + 9]], "text": "Officials"},
             "cue": {"spans": [[officials + 10, officials + 14]], "text": "said"}, "content": None},
        ]}])
    return tmp_path


def test_gold_heads_and_ledger_matching():
    assert q.polnear.gold_head("Norman Ornstein, a scholar at the American Enterprise Institute") == "ornstein"
    assert q.polnear.gold_head("officials") is None
    assert q.polnear.gold_head("He") is None
    assert q.polnear.gold_head("The New York Times") == "times"
    assert q.polnear.gold_head("Trump's campaign") == "trump"
    assert q.polnear.gold_head("Mr. Trump") == "trump"
    assert q.polnear.gold_head("Sen. Susan Collins (Maine)") == "collins"
    art = q.polnear.Article("d", "", ((((0, 5),), "Hillary Clinton"), (((9, 12),), "officials")), (), (), ())
    f = q.polnear.ledger_figures([("Clinton",), ("Paris",)], art)
    assert (f.correct, f.flagged, f.found, f.positives) == (1, 2, 1, 1)


def test_article_scores():
    text = "Some aides said the plan could fail. It reportedly will. The plan should pass."
    aides, could, should = text.index("Some aides"), text.index("could"), text.index("should")
    art = q.polnear.Article(
        "d", text, sources=((((aides, aides + 10),), "Some aides"),),
        cues=(((aides + 11, aides + 15),), ((text.index("reportedly"), text.index(" will")),)),
        contents=((text.index("the plan"), text.index(".")),),
        sourceless_cues=((text.index("reportedly"), text.index(" will")),))
    pred = q.polnear.Prediction(
        flags=(("HDG", "reporter-speculation", could, could + 5), ("OPN", "prescriptive-voice", should, should + 6),
               ("ATT", "vague-source", aides, aides + 15)),
        ledger=(), relations=(((aides, aides + 10), (aides + 11, aides + 15)),))
    s = q.polnear.score_article(art, pred)
    assert (s.voice.count, s.voice.total) == (1, 2)
    assert s.voice_by_rule == {"reporter-speculation": (1, 0), "prescriptive-voice": (0, 1)}
    assert (s.quantified.count, s.quantified.total) == (1, 1)
    assert (s.sourceless.count, s.sourceless.total) == (0, 1)
    assert (s.sourcing_on_gold.count, s.sourcing_on_gold.total) == (1, 1)
    assert (s.relation_source.correct, s.relation_source.found, s.relation_cue.found) == (1, 1, 1)
    assert s.relation_cue.positives == 2
    both = q.polnear.total([s, s])
    assert (both.voice.count, both.quantified.total, both.voice_by_rule["prescriptive-voice"]) == (2, 2, (0, 2))


def test_run_on_synthetic_folder(data: Path, capsys):
    args = q.parse_args(["--data", str(data), "--verify", "10"])
    result = q.run(args)
    rows = {r.id: r for r in result["rows"]}
    babe = rows["babe.opinion"]
    assert (babe.engine.positives, babe.negatives) == (1, 1)
    assert rows["babe.somewhat"].engine.total == 1
    assert rows["wikiweasel.modal-cues"].engine.positives == 1
    order = rows["onestop.order"]
    assert (order.engine.in_order, order.engine.pairs) == (3, 3)
    assert rows["news.unsourced_figure"].engine.positives == 1
    ledger = rows["polnear.ledger"].engine
    assert (ledger.found, ledger.positives) == (1, 1)  # Dana Price, found; "officials" names nobody
    assert all(v["differ"] == 0 for v in result["verify"].values())
    assert set(result["verify"]) == {"babe", "newssd", "wikiweasel", "news"}
    voice = rows["polnear.voice"]
    assert (voice.engine.count, voice.engine.total) == (0, 1)  # "should" only: what Price said is hers

    assert q.main(["--data", str(data), "--json", "--family", "HDG", "--verify", "0"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {r["set"] for r in out["rows"]} == {"newssd", "wikiweasel", "polnear"}
    assert all("HDG" in r["families"] for r in out["rows"])

    assert q.main(["--data", str(data), "--set", "babe", "--errors", "2", "--split", "dev"]) == 0
    assert "copydesk quality — split dev" in capsys.readouterr().out

    assert q.main(["--data", str(data), "--split", "halves", "--verify", "0"]) == 0
    out = capsys.readouterr().out
    assert "dev and test halves" in out and "babe.opinion" in out
