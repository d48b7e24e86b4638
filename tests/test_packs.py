"""A broken rule pack is refused when it loads, with one line naming the file, the TOML line, the
rule and the field, and exit status 2 from every command; nothing in a pack can fail at lint time."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from lint import Config, check_text
from lint.checks import FIELDS
from lint.cli.main import cli
from lint.engine.linter import Context, Linter
from lint.registry.packs import load_rules
from lint.registry.kinds import ENGINE_FIELDS, runner
from lint.registry.packs import PackError, builtin_pack_dir, load_packs

# Line numbers below count from this pack's first line.
PACK = """[[rules]]
code = "HSE001"
name = "house-banned-word"
kind = "substitution"
severity = "warning"
safe = true
message = 'House style: "{text}" is "{replacement}".'
help = "Follow the house style guide."
substitutions = { utilize = "use" }
[rules.docs]
what = "Flags words the house style guide bans."
why = "Consistency."
example = "They utilize it."
instead = "They use it."
[rules.examples]
flag = ["They utilize the park."]
pass = ["They use the park."]
"""
DOCS = PACK[PACK.index("[rules.docs]"):PACK.index("[rules.examples]")]
EXAMPLES = PACK[PACK.index("[rules.examples]"):]
DRAFT = "Experts say the vote will pass.\nThe senator claimed the bill would cut costs.\n"
SUBSTITUTION = ('kind = "substitution"\nseverity = "warning"\nsafe = true\n', "substitutions = { utilize = \"use\" }\n")


def as_kind(kind_lines: str, options: str, message: str = 'message = "House style: {text}."') -> str:
    """PACK as a rule of another kind: its kind line and options in place of the substitution's."""
    text = PACK.replace(SUBSTITUTION[0], kind_lines).replace(SUBSTITUTION[1], options)
    return text.replace("""message = 'House style: "{text}" is "{replacement}".'""", message)


def edit(old: str, new: str, text: str = PACK) -> str:
    assert old in text
    return text.replace(old, new)


def add(line: str) -> str:
    """PACK with one more line after `safe = true`: the new line is line 7."""
    return edit("safe = true\n", f"safe = true\n{line}\n")


EXISTENCE = 'kind = "existence"\nseverity = "warning"\n'
PYTHON = 'kind = "python"\nseverity = "warning"\n'

# (pack text, the error after "error: PACKFILE"), one for each way a pack can be wrong.
BROKEN = {
    # the pack as a whole
    "rules-not-a-list": ("rules = {}\n", ":1: rules: a rule pack needs at least one [[rules]] table or a [words] table"),
    "rules-not-tables": ("rules = [5]\n", ": rule #1: expected a table, got 5"),
    "unknown-top-level-table": (PACK + '[word]\nbanned = ["utilize"]\n',
                                ":18: word: unknown key (a pack holds [[rules]] tables and a [words] table)"),
    "words-not-a-table": ("words = 5\n" + PACK, ":1: words: expected a table of word lists, got 5"),
    "word-list-not-a-list": (PACK + "[words]\nbanned = 5\n", ":19: words.banned: expected a list of strings, got 5"),
    "word-list-a-string": (PACK + '[words]\nbanned = "utilize"\n',
                           ":19: words.banned: expected a list of strings, got 'utilize'"),
    "word-list-of-numbers": (PACK + "[words]\nbanned = [1, 2]\n",
                             ":19: words.banned: expected a list of strings, got [1, 2]"),
    # fields every rule has
    "code-a-number": (edit('code = "HSE001"', "code = 5"),
                      ":2: rule house-banned-word: code: expected three capitals and three digits, like ATT001, got 5"),
    "code-malformed": (edit('code = "HSE001"', 'code = "hse1"'),
                       ":2: rule hse1: code: expected three capitals and three digits, like ATT001, got 'hse1'"),
    "name-a-number": (edit('name = "house-banned-word"', "name = 5"),
                      ":3: rule HSE001: name: expected kebab-case, like vague-source, got 5"),
    "kind-a-number": (edit('kind = "substitution"', "kind = 5"),
                      ":4: rule HSE001: kind: expected one of existence, substitution, python, engine, got 5"),
    "kind-engine": (edit('kind = "substitution"', 'kind = "engine"'),
                    ":4: rule HSE001: kind: the engine's rules (CPD) are copydesk's own; "
                    "a pack's rules are existence, substitution or python rules with their own prefix"),
    "code-of-the-engine": (edit('code = "HSE001"', 'code = "CPD009"'),
                           ":2: rule CPD009: code: the engine's rules (CPD) are copydesk's own; "
                           "a pack's rules are existence, substitution or python rules with their own prefix"),
    "code-taken": (edit('code = "HSE001"', 'code = "ATT006"'),
                   f":2: rule ATT006: code: ATT006 is already defined in {builtin_pack_dir() / 'att.toml'}"),
    "severity-a-number": (edit('severity = "warning"', "severity = 5"),
                          ":5: rule HSE001: severity: expected one of error, warning, info, hint, got 5"),
    "scope-a-list": (add("scope = []"), ":7: rule HSE001: scope: expected one of body, heading, all, document, got []"),
    "message-a-number": (edit("""message = 'House style: "{text}" is "{replacement}".'""", "message = 5"),
                         ":7: rule HSE001: message: expected a string, got 5"),
    "help-a-number": (edit('help = "Follow the house style guide."', "help = 5"),
                      ":8: rule HSE001: help: expected a string, got 5"),
    "help-missing": (edit('help = "Follow the house style guide."\n', ""), ":1: rule HSE001: help: missing"),
    "docs-a-string": (edit(DOCS, 'docs = "x"\n'),
                      ":10: rule HSE001: docs: expected a table of what, why, example, instead, got 'x'"),
    "docs-what-a-number": (edit('what = "Flags words the house style guide bans."', "what = 5"),
                           ":11: rule HSE001: docs.what: expected a string, got 5"),
    "docs-why-missing": (edit('why = "Consistency."\n', ""), ":10: rule HSE001: docs.why: missing"),
    "docs-unknown-key": (edit('why = "Consistency."', 'why = "Consistency."\nwho = "us"'),
                         ":13: rule HSE001: docs.who: unknown key"),
    "examples-a-number": (edit(EXAMPLES, "", add("examples = 5")),
                          ":7: rule HSE001: examples: expected a table of flag and pass lists, got 5"),
    "flag-examples-a-string": (edit('flag = ["They utilize the park."]', 'flag = "They utilize the park."'),
                               ":16: rule HSE001: examples.flag: expected a list of examples, "
                               "got 'They utilize the park.'"),
    "flag-example-a-number": (edit('flag = ["They utilize the park."]', "flag = [5]"),
                              ":16: rule HSE001: examples.flag: example 1: "
                              "expected a string or a table of text, path, kind, message and replacement, got 5"),
    "pass-example-a-number": (edit('pass = ["They use the park."]', "pass = [5]"),
                              ":17: rule HSE001: examples.pass: example 1: "
                              "expected a string or a table of text, path and kind, got 5"),
    "example-kind-a-number": (edit('flag = ["They utilize the park."]', 'flag = [{ text = "x", kind = 5 }]'),
                              ":16: rule HSE001: examples.flag: example 1: kind: "
                              "expected one of news, analysis, opinion, got 5"),
    "example-path-a-number": (edit('pass = ["They use the park."]', 'pass = ["x", { text = "x", path = 5 }]'),
                              ":17: rule HSE001: examples.pass: example 2: path: expected a string, got 5"),
    "examples-unknown-key": (edit('pass = ["They use the park."]', 'passes = ["They use the park."]'),
                             ":17: rule HSE001: examples.passes: unknown key"),
    # the spans a flag example marks, and what it pins
    "marker-never-closed": (edit('"They utilize the park."', '"They [[utilize the park."'),
                            ":16: rule HSE001: examples.flag: example 1: text: "
                            "[[ at character 6 is never closed by ]]"),
    "marker-closes-nothing": (edit('"They utilize the park."', '"They utilize]] the park."'),
                              ":16: rule HSE001: examples.flag: example 1: text: ]] at character 13 closes no [["),
    "marker-inside-a-marker": (edit('"They utilize the park."', '"[[They [[utilize]] the]] park."'),
                               ":16: rule HSE001: examples.flag: example 1: text: "
                               "[[ at character 8 opens inside the [[ at character 1"),
    "marker-around-nothing": (edit('"They utilize the park."', '"They [[]]utilize the park."'),
                              ":16: rule HSE001: examples.flag: example 1: text: [[ at character 6 marks nothing"),
    "marker-in-a-pass-example": (edit('"They use the park."', '"They use [[the]] park."'),
                                 ":17: rule HSE001: examples.pass: example 1: text: "
                                 "a pass example marks no span: remove its [[ ]]"),
    "message-on-a-pass-example": (edit('"They use the park."', '{ text = "They use the park.", message = "x" }'),
                                  ":17: rule HSE001: examples.pass: example 1: message: "
                                  "only a flag example pins a message"),
    "example-message-a-number": (edit('"They utilize the park."', '{ text = "They utilize the park.", message = 5 }'),
                                 ":16: rule HSE001: examples.flag: example 1: message: expected a string, got 5"),
    "example-replacement-a-list": (edit('"They utilize the park."', '{ text = "x", replacement = ["use"] }'),
                                   ":16: rule HSE001: examples.flag: example 1: replacement: "
                                   "expected a string, got ['use']"),
    "example-unknown-key": (edit('"They utilize the park."', '{ text = "x", spans = [[5, 12]] }'),
                            ":16: rule HSE001: examples.flag: example 1: spans: unknown key"),
    "reporter-voice-a-string": (add('reporter-voice = "yes"'),
                                ":7: rule HSE001: reporter-voice: expected true or false, got 'yes'"),
    "relaxes-a-number": (add("relaxes = 1"), ":7: rule HSE001: relaxes: expected true or false, got 1"),
    "in-quotes-a-string": (add('in-quotes = "no"'), ":7: rule HSE001: in-quotes: expected true or false, got 'no'"),
    "untestable-a-number": (add("untestable = 5"), ":7: rule HSE001: untestable: expected a string, got 5"),
    "options-a-number": (add("options = 5"), ":7: rule HSE001: options: unknown key"),
    "unknown-key": (add('sevrity = "info"'), ":7: rule HSE001: sevrity: unknown key"),
    # messages: only the fields the rule's findings supply, written plainly
    "message-unknown-field": (edit('is "{replacement}"', 'is "{nope}"'),
                              ":7: rule HSE001: message: {nope} is not a field this rule supplies (text, replacement)"),
    "message-positional-field": (edit('is "{replacement}"', 'is "{0}"'),
                                 ":7: rule HSE001: message: {0} is not a field this rule supplies (text, replacement)"),
    "message-attribute": (edit('is "{replacement}"', 'is "{text.upper}"'),
                          ":7: rule HSE001: message: {text.upper} is not a field this rule supplies "
                          "(text, replacement)"),
    "message-format-spec": (edit('is "{replacement}"', 'is "{replacement:>5}"'),
                            ":7: rule HSE001: message: {replacement:>5}: a field takes no conversion or format; "
                            "write {replacement}"),
    "message-conversion": (edit('"{text}"', "{text!r}"),
                           ":7: rule HSE001: message: {text!r}: a field takes no conversion or format; write {text}"),
    "message-broken": (edit('is "{replacement}"', 'is "{replacement"'),
                       ":7: rule HSE001: message: broken template: expected '}' before end of string"),
    "python-message-field-of-another-check": (
        as_kind(PYTHON, 'check = "hedging.speculation"\n', 'message = "{text}: {source} said it {count} times."'),
        ":6: rule HSE001: message: {source} is not a field this rule supplies (text)"),
    # each kind's own options
    "substitutions-a-number": (edit('substitutions = { utilize = "use" }', "substitutions = 5"),
                               ":9: rule HSE001: substitutions: expected a table of phrase = replacement, got 5"),
    "substitutions-empty": (edit('substitutions = { utilize = "use" }', "substitutions = {}"),
                            ":9: rule HSE001: substitutions: the table is empty: give it a phrase = replacement"),
    "substitutions-missing": (edit('substitutions = { utilize = "use" }\n', ""),
                              ":1: rule HSE001: substitutions: missing"),
    "replacement-a-number": (edit('utilize = "use"', "utilize = 5"),
                             ":9: rule HSE001: substitutions.utilize: expected a string, got 5"),
    "safe-a-string": (edit("safe = true", 'safe = "yes"'), ":6: rule HSE001: safe: expected true or false, got 'yes'"),
    "exceptions-a-number": (add("exceptions = 5"),
                            ":7: rule HSE001: exceptions: expected a list of strings or the name of a word list, "
                            "got 5"),
    "unless-next-a-number": (add("unless-next = 5"),
                             ":7: rule HSE001: unless-next: expected a list of strings or the name of a word list, "
                             "got 5"),
    "unless-next-no-such-list": (add('unless-next = "of"'),
                                 ":7: rule HSE001: unless-next: no word list 'of' in the packs' [words] tables"),
    "phrases-on-a-substitution": (add('phrases = ["utilise"]'),
                                  ":7: rule HSE001: phrases: not an option of substitution rules"),
    "phrases-a-number": (as_kind(EXISTENCE, "phrases = 5\n"),
                         ":8: rule HSE001: phrases: expected a list of strings or the name of a word list, got 5"),
    "phrases-missing": (as_kind(EXISTENCE, ""), ":1: rule HSE001: phrases: missing"),
    "phrases-empty": (as_kind(EXISTENCE, "phrases = []\n"),
                      ":8: rule HSE001: phrases: the list is empty: give it the phrases the rule flags"),
    "safe-on-an-existence-rule": (as_kind(EXISTENCE + "safe = true\n", 'phrases = ["utilize"]\n'),
                                  ":6: rule HSE001: safe: not an option of existence rules"),
    "check-a-number": (as_kind(PYTHON, "check = 5\n"),
                       ':8: rule HSE001: check: expected "module.function" naming a check in lint/checks/, got 5'),
    "check-missing": (as_kind(PYTHON, ""), ":1: rule HSE001: check: missing"),
    "check-unknown": (as_kind(PYTHON, 'check = "hedging.nope"\n'),
                      ":8: rule HSE001: check: no check 'hedging.nope' in lint/checks/ "
                      "(lint/checks/__init__.py lists them)"),
    "check-outside-lint-checks": (as_kind(PYTHON, 'check = "os.system"\n'),
                                  ":8: rule HSE001: check: no check 'os.system' in lint/checks/ "
                                  "(lint/checks/__init__.py lists them)"),
    "phrases-on-a-python-rule": (as_kind(PYTHON, 'check = "hedging.speculation"\nphrases = ["x"]\n'),
                                 ":9: rule HSE001: phrases: not an option of python rules"),
}


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "story.txt").write_text(DRAFT)
    (tmp_path / "copydesk.toml").write_text('rule-packs = ["house.toml"]\n')
    return tmp_path


@pytest.mark.parametrize("pack,error", BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_pack_is_one_error_line_and_exit_2(desk: Path, pack: str, error: str) -> None:
    (desk / "house.toml").write_text(pack)
    result = run("check", "story.txt")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"error: {desk / 'house.toml'}{error}\n"


@pytest.mark.parametrize("command", [("rules",), ("rule", "ATT001"), ("report", "story.txt"),
                                     ("check", "--jobs", "2", "story.txt", "story.txt")])
@pytest.mark.parametrize("case", ["kind-engine", "message-unknown-field", "check-unknown", "code-a-number",
                                  "flag-examples-a-string"])
def test_every_command_refuses_a_broken_pack_the_same_way(desk: Path, command: tuple[str, ...], case: str) -> None:
    pack, error = BROKEN[case]
    (desk / "house.toml").write_text(pack)
    result = run(*command)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"error: {desk / 'house.toml'}{error}\n")


def test_a_pack_that_is_not_utf8_names_its_line(desk: Path) -> None:
    (desk / "house.toml").write_bytes(PACK.replace("Consistency.", "Coh\xe9rence.").encode("latin-1"))
    result = run("check", "story.txt")
    assert (result.exit_code, result.stderr) == (2, f"error: {desk / 'house.toml'}:12: rule pack is not valid UTF-8\n")


def test_a_folder_with_no_packs_is_an_error(desk: Path) -> None:
    (desk / "house").mkdir()
    (desk / "copydesk.toml").write_text('rule-packs = ["house"]\n')
    result = run("check", "story.txt")
    assert result.exit_code == 2
    assert result.stderr == f"error: {desk / 'house'}: no rule packs (*.toml files) in this folder\n"


@pytest.mark.parametrize("case", ["message-unknown-field", "check-unknown", "kind-engine", "options-a-number"])
def test_the_library_raises_pack_error_when_the_linter_is_made(tmp_path: Path, case: str) -> None:
    pack, error = BROKEN[case]
    (tmp_path / "house.toml").write_text(pack)
    config = Config(rule_packs=(tmp_path / "house.toml",))
    with pytest.raises(PackError) as raised:
        Linter(config)
    assert str(raised.value) == f"{tmp_path / 'house.toml'}{error}"
    with pytest.raises(PackError):
        check_text(DRAFT, "story.txt", config)


@pytest.mark.parametrize("name,error", [("missing.toml", "no such rule pack file or folder"),
                                        ("empty", "no rule packs (*.toml files) in this folder")])
def test_the_library_raises_pack_error_for_a_pack_path_that_holds_none(tmp_path: Path, name: str, error: str) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(PackError, match=f"^{re.escape(f'{tmp_path / name}: {error}')}$"):
        load_packs([tmp_path / name])


def test_a_house_pack_may_mark_its_flag_examples_or_not_and_its_rule_page_shows_none(desk: Path) -> None:
    marked = '{ text = "They [[utilize]] the park and [[utilize]] the pool.", replacement = "use" }'
    pack = edit('flag = ["They utilize the park."]', f'flag = ["They utilize the park.", {marked}]')
    (desk / "house.toml").write_text(pack)
    unmarked, pinned = load_packs([desk / "house.toml"])[0].flag_examples
    assert (unmarked.text, unmarked.spans) == ("They utilize the park.", ())
    assert (pinned.text, pinned.spans, pinned.message, pinned.replacement) == \
        ("They utilize the park and utilize the pool.", ((5, 12), (26, 33)), None, "use")
    page = run("rule", "HSE001").stdout
    assert "  - They utilize the park.\n  - They utilize the park and utilize the pool.\n" in page


def test_a_good_house_pack_of_each_kind_loads_and_lints(desk: Path) -> None:
    python = as_kind(PYTHON, 'check = "balance.single_source"\n', 'message = "Only {source} ({count})."')
    existence = as_kind(EXISTENCE, 'phrases = "banned"\nunless-next = ["of"]\n') + '[words]\nbanned = ["utilize"]\n'
    python = python.replace("HSE001", "HSE002").replace("house-banned", "house-one")
    existence = existence.replace("HSE001", "HSE003").replace("house-banned", "house-ex")
    (desk / "house.toml").write_text(f"{PACK}\n{python}\n{existence}")
    (desk / "story.txt").write_text("Residents utilize the park, the mayor said.\n")
    lines = run("check", "--select", "HSE", "story.txt").stdout.splitlines()
    assert lines[:2] == ['story.txt:1:11: warning HSE001 [house-banned-word] House style: "utilize" is "use".',
                         "story.txt:1:11: warning HSE003 [house-ex-word] House style: utilize."]


# -- the message is made inside the rule's own error guard --------------------------------


def test_a_finding_its_message_cannot_take_is_one_internal_error_and_the_rest_still_come_out(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import lint.checks.balance as balance
    from lint.model import Finding

    def lacks_fields(doc, rule, ctx):
        yield Finding(0, 7)  # BAL001's message needs {source} and {count}

    monkeypatch.setattr(balance, "single_source", lacks_fields)
    found = check_text(DRAFT, "story.txt")
    assert [(d.code, d.line, d.column) for d in found] == [("CPD001", 1, 1), ("ATT001", 1, 1), ("ATT006", 2, 13)]
    assert found[0].message.startswith("Internal error in BAL001: KeyError: 'source' (linter.py:")

    (tmp_path / "story.txt").write_text(DRAFT)
    result = run("check", "--no-config", str(tmp_path / "story.txt"))
    assert [line.split(": ", 1)[1][:14] for line in result.stdout.splitlines()[:-1]] == \
        ["error CPD001 [", "warning ATT001", "warning ATT006"]


# -- what the checks and the engine declare they supply ----------------------------------


PYTHON_RULES = [r for r in load_rules() if r.kind == "python"]


@pytest.mark.parametrize("rule", PYTHON_RULES, ids=lambda r: r.code)
def test_a_check_supplies_exactly_the_fields_it_declares(rule) -> None:
    declared = set(FIELDS[rule.kind_options.check])
    supplied = []
    for example in rule.flag_examples:
        config = Config(kind=example.kind)
        doc = Linter(config).document(example.text, example.path or "example.txt")
        supplied += [set(f.args or ()) for f in runner(rule)(doc, rule, Context(config))]
    assert supplied and all(fields == declared for fields in supplied)


def test_every_declared_check_is_a_function_in_lint_checks_and_every_engine_rule_is_declared() -> None:
    import importlib

    for name in FIELDS:
        module, function = name.split(".")
        assert callable(getattr(importlib.import_module(f"lint.checks.{module}"), function)), name
    assert {r.name for r in load_rules() if r.kind == "engine"} == set(ENGINE_FIELDS)


def test_loading_the_packs_imports_no_check_and_no_segmenter() -> None:
    code = ("import sys\nfrom lint.registry.packs import builtin_pack_dir, load_packs\nload_packs([builtin_pack_dir()])\n"
            "print(sorted(m for m in sys.modules if m.startswith(('lint.checks.', 'lint.language.segment', 'lint.language.phrases'))))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout == "[]\n"
