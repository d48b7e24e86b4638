"""Configuration: discovery, errors that name file, line and key, selection and severities."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from lint import Config, check_text, load_config
from lint.config import ConfigError
from lint.cli.main import cli

DRAFT = "Experts say the vote will pass.\nThe senator claimed the bill would cut costs.\n"
LINE = re.compile(r"^(.+?):(\d+):(\d+): (\w+) ([A-Z]{3}\d{3}) \[([\w-]+)\] ")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def codes(result: Result) -> dict[str, str]:
    """code -> severity of each diagnostic line."""
    return {m.group(5): m.group(4) for m in map(LINE.match, result.stdout.splitlines()) if m}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "desk" / "drafts").mkdir(parents=True)
    (tmp_path / "desk" / "drafts" / "story.txt").write_text(DRAFT)
    return tmp_path / "desk"


def test_no_config_runs_every_rule(project: Path) -> None:
    assert codes(run("check", "desk/drafts/story.txt")) == {"ATT001": "warning", "ATT006": "warning"}


@pytest.mark.parametrize("name", ["copydesk.toml", ".copydesk.toml"])
def test_config_is_discovered_upward(project: Path, name: str) -> None:
    (project / name).write_text('ignore = ["vague-source"]\n')
    assert codes(run("check", "desk/drafts/story.txt")) == {"ATT006": "warning"}


def test_pyproject_tool_copydesk_is_read_and_other_pyprojects_skipped(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.copydesk]\nignore = ["ATT006"]\n')
    (project / "drafts" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert codes(run("check", "desk/drafts/story.txt")) == {"ATT001": "warning"}


def test_nearest_config_wins(project: Path) -> None:
    (project / "copydesk.toml").write_text('ignore = ["ATT001"]\n')
    (project / "drafts" / "copydesk.toml").write_text('ignore = ["ATT006"]\n')
    assert codes(run("check", "desk/drafts/story.txt")) == {"ATT001": "warning"}


def test_config_option_and_no_config(project: Path) -> None:
    (project / "copydesk.toml").write_text('ignore = ["ATT001"]\n')
    (project / "other.toml").write_text('ignore = ["ATT006"]\n')
    assert codes(run("check", "--config", "desk/other.toml", "desk/drafts/story.txt")) == {"ATT001": "warning"}
    assert codes(run("check", "--no-config", "desk/drafts/story.txt")) == {"ATT001": "warning", "ATT006": "warning"}


def test_cli_select_replaces_the_config_selection_and_ignore_adds(project: Path) -> None:
    (project / "copydesk.toml").write_text('select = ["ATT006"]\nignore = ["ATT001"]\n')
    assert codes(run("check", "desk/drafts/story.txt")) == {"ATT006": "warning"}
    assert codes(run("check", "--select", "ATT001", "desk/drafts/story.txt")) == {"ATT001": "warning"}
    assert codes(run("check", "--ignore", "ATT006", "desk/drafts/story.txt")) == {}


def test_broken_toml_names_file_and_line(project: Path) -> None:
    (project / "copydesk.toml").write_text('kind = "news"\nselect = [ATT001]\n')
    result = run("check", "desk/drafts/story.txt")
    assert result.exit_code == 2 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"error: {project / 'copydesk.toml'}: invalid TOML")
    assert "line 2" in line


def test_unknown_key_names_file_line_and_key(project: Path) -> None:
    (project / "copydesk.toml").write_text('kind = "news"\nselekt = ["ATT001"]\n')
    result = run("check", "desk/drafts/story.txt")
    assert result.exit_code == 2
    assert result.stderr == f"error: {project / 'copydesk.toml'}:2: selekt: unknown key\n"


def test_unknown_threshold_and_bad_value(project: Path) -> None:
    config = project / "copydesk.toml"
    config.write_text("[readability]\nmax-sentence-wordz = 20\n")
    assert "readability.max-sentence-wordz: unknown key" in run("check", "desk").stderr
    config.write_text('kind = "blog"\n')
    result = run("check", "desk")
    assert result.exit_code == 2 and f"{config}:1: kind: expected one of news, analysis, opinion" in result.stderr


@pytest.mark.parametrize("key", ["select", "ignore", "extend-select"])
def test_unknown_rule_in_config_names_file_line_and_key(project: Path, key: str) -> None:
    (project / "copydesk.toml").write_text(f'kind = "news"\n{key} = ["ATT001", "NOPE999"]\n')
    result = run("check", "desk/drafts/story.txt")
    assert result.exit_code == 2
    assert result.stderr == f"error: {project / 'copydesk.toml'}:2: {key}: unknown rule or prefix 'NOPE999'\n"


def test_severity_overrides_most_specific_wins(project: Path) -> None:
    (project / "copydesk.toml").write_text('[severity]\nATT = "info"\nvague-source = "error"\n')
    result = run("check", "desk/drafts/story.txt")
    assert codes(result) == {"ATT001": "error", "ATT006": "info"}
    assert result.exit_code == 1
    assert run("check", "--fail-on", "error", "desk/drafts/story.txt").exit_code == 1


def test_severity_off_disables_a_rule(project: Path) -> None:
    (project / "copydesk.toml").write_text('[severity]\nATT006 = "off"\n')
    assert codes(run("check", "desk/drafts/story.txt")) == {"ATT001": "warning"}


def test_fail_on_from_config(project: Path) -> None:
    (project / "copydesk.toml").write_text('fail-on = "error"\n')
    assert run("check", "desk/drafts/story.txt").exit_code == 0
    assert run("check", "--fail-on", "warning", "desk/drafts/story.txt").exit_code == 1


def test_per_file_ignores(project: Path) -> None:
    (project / "drafts" / "wire.txt").write_text(DRAFT)
    (project / "copydesk.toml").write_text('[per-file-ignores]\n"drafts/wire*.txt" = ["ATT", "CPD"]\n')
    result = run("check", "desk/drafts")
    paths = {(Path(m.group(1)).name, m.group(5)) for m in map(LINE.match, result.stdout.splitlines()) if m}
    assert paths == {("story.txt", "ATT001"), ("story.txt", "ATT006")}


def test_exclude_skips_files_when_walking_but_not_when_named(project: Path) -> None:
    (project / "drafts" / "archive").mkdir()
    (project / "drafts" / "archive" / "old.md").write_text(DRAFT)
    (project / "drafts" / "notes.txt").write_text(DRAFT)
    (project / "copydesk.toml").write_text('exclude = ["drafts/archive", "notes.txt"]\n')
    walked = run("check", "desk")
    assert {Path(m.group(1)).name for m in map(LINE.match, walked.stdout.splitlines()) if m} == {"story.txt"}
    named = run("check", "desk/drafts/archive/old.md")
    assert codes(named)


def test_thresholds_reach_the_rules() -> None:
    sentence = "The council met on Tuesday night to discuss the budget and the roads, the clerk said.\n"
    assert not [d for d in check_text(sentence) if d.code == "RDB001"]
    tight = Config(settings=(("readability.max-sentence-words", 10),))
    (d,) = [d for d in check_text(sentence, config=tight) if d.code == "RDB001"]
    assert (d.line, d.column) == (1, 1) and "limit 10" in d.message


def test_kind_from_config(project: Path) -> None:
    (project / "drafts" / "take.txt").write_text(
        "Talks stall\nThe talks stalled on Monday after a week of meetings in Geneva.\n"
        "Our Take\nThe talks were doomed from the start.\n")
    assert "OPN004" in codes(run("check", "desk/drafts/take.txt"))
    (project / "copydesk.toml").write_text('kind = "analysis"\n')
    assert "OPN004" not in codes(run("check", "desk/drafts/take.txt"))
    assert "OPN004" in codes(run("check", "--kind", "news", "desk/drafts/take.txt"))


NEWSROOM_PACK = '''
[[rules]]
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
'''


def test_newsroom_pack_from_config(project: Path) -> None:
    (project / "house").mkdir()
    (project / "house" / "style.toml").write_text(NEWSROOM_PACK)
    (project / "copydesk.toml").write_text('rule-packs = ["house"]\n')
    (project / "drafts" / "story.txt").write_text("Residents utilize the park, the mayor said.\n")
    result = run("check", "desk/drafts/story.txt")
    assert result.stdout.splitlines()[0].endswith('warning HSE001 [house-banned-word] House style: "utilize" is "use".')
    assert "HSE001" in run("rules", "--config", "desk/copydesk.toml").stdout
    assert "HSE001" not in run("rules").stdout


def test_broken_newsroom_pack_is_an_error_naming_file_and_rule(project: Path) -> None:
    (project / "house.toml").write_text(NEWSROOM_PACK.replace('severity = "warning"', 'severity = "loud"'))
    (project / "copydesk.toml").write_text('rule-packs = ["house.toml"]\n')
    result = run("check", "desk/drafts/story.txt")
    assert result.exit_code == 2
    assert result.stderr == (f"error: {project / 'house.toml'}:6: rule HSE001: severity: "
                             "expected one of error, warning, info, hint, got 'loud'\n")


# (config text, the error after "error: CONFIGFILE"), one for each way a value can have the wrong type.
WRONG_TYPES = {
    "kind-a-number": ("kind = 5\n", ":1: kind: expected one of news, analysis, opinion, got 5"),
    "kind-a-list": ("kind = []\n", ":1: kind: expected one of news, analysis, opinion, got []"),
    "select-a-number": ("select = 5\n", ":1: select: expected a list of strings, got 5"),
    "select-a-string": ('select = "ATT"\n', ":1: select: expected a list of strings, got 'ATT'"),
    "ignore-of-numbers": ("ignore = [1]\n", ":1: ignore: expected a list of strings, got [1]"),
    "extend-select-a-table": ("extend-select = {}\n", ":1: extend-select: expected a list of strings, got {}"),
    "exclude-a-bool": ("exclude = true\n", ":1: exclude: expected a list of strings, got True"),
    "opinion-headings-a-number": ("opinion-headings = 5\n", ":1: opinion-headings: expected a list of strings, got 5"),
    "fail-on-a-list": ("fail-on = []\n", ":1: fail-on: expected one of error, warning, info, hint, never, got []"),
    "severity-a-number": ("severity = 5\n", ":1: severity: expected a table of rule = severity, got 5"),
    "severity-value-a-number": ("[severity]\nATT001 = 5\n",
                                ":2: severity.ATT001: expected error, warning, info, hint or off, got 5"),
    "per-file-ignores-a-list": ('per-file-ignores = ["ATT"]\n',
                                ":1: per-file-ignores: expected a table of glob = [rule, ...], got ['ATT']"),
    "per-file-ignores-value-a-string": ('[per-file-ignores]\n"drafts/*.txt" = "ATT"\n',
                                        ":2: per-file-ignores.drafts/*.txt: expected a list of strings, got 'ATT'"),
    "per-file-ignores-value-of-numbers": ('[per-file-ignores]\n"*.md" = [1]\n',
                                          ":2: per-file-ignores.*.md: expected a list of strings, got [1]"),
    "thresholds-a-number": ("readability = 5\n", ":1: readability: expected a table, got 5"),
    "threshold-a-string": ('[readability]\ntarget-grade = "x"\n',
                           ":2: readability.target-grade: expected a grade from 1 to 20, got 'x'"),
    "threshold-a-bool": ("[hedging]\nmin-sentences = true\n",
                         ":2: hedging.min-sentences: expected a sentence count, got True"),
    "threshold-a-list": ("[balance]\nmax-unattributed-share = []\n",
                         ":2: balance.max-unattributed-share: expected a share from 0 to 1, got []"),
    "relaxed-severity-a-number": ("[opinion]\nrelaxed-severity = 5\n",
                                  ":2: opinion.relaxed-severity: expected error, warning, info, hint or off, got 5"),
    "rule-packs-a-string": ('rule-packs = "house.toml"\n',
                            ":1: rule-packs: expected a list of strings, got 'house.toml'"),
    "rule-packs-missing": ('kind = "news"\nrule-packs = ["house.toml"]\n',
                           ":2: rule-packs: no such file or folder: {pack}"),
}


@pytest.mark.parametrize("config,error", WRONG_TYPES.values(), ids=WRONG_TYPES.keys())
def test_a_wrong_typed_config_value_is_one_error_line_and_exit_2(project: Path, config: str, error: str) -> None:
    (project / "copydesk.toml").write_text(config)
    for command in (("check", "desk/drafts/story.txt"), ("report", "desk/drafts/story.txt"), ("rules",)):
        result = run(*command, *(("--config", str(project / "copydesk.toml")) if command == ("rules",) else ()))
        assert (result.exit_code, result.stdout) == (2, ""), command
        expected = error.replace("{pack}", str(project / "house.toml"))
        assert result.stderr == f"error: {project / 'copydesk.toml'}{expected}\n", command


@pytest.mark.parametrize("pyproject,error", [
    ('[[tool.copydesk]]\nkind = "news"\n', ":1: tool.copydesk: expected a table, got an array of tables"),
    ("[tool]\ncopydesk = 5\n", ":2: tool.copydesk: expected a table, got 5"),
    ("tool = 5\n", ":1: tool: expected a table, got 5"),
], ids=["array-of-tables", "a-number", "tool-a-number"])
def test_a_pyproject_whose_tool_copydesk_is_no_table_is_an_error(project: Path, pyproject: str, error: str) -> None:
    (project / "pyproject.toml").write_text(pyproject)
    expected = f"error: {project / 'pyproject.toml'}{error}\n"
    for command in (("check", "desk/drafts/story.txt"), ("report", "desk/drafts/story.txt"), ("rules",),
                    ("rule", "ATT001")):
        result = run(*command, "--config", str(project / "pyproject.toml"))
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", expected), command
    with pytest.raises(ConfigError) as raised:
        load_config(project / "pyproject.toml")
    assert f"error: {raised.value}\n" == expected


def test_an_array_of_copydesk_tables_is_found_and_refused_by_discovery(project: Path) -> None:
    (project / "pyproject.toml").write_text('[[tool.copydesk]]\nkind = "news"\n')
    result = run("check", "desk/drafts/story.txt")
    assert (result.exit_code, result.stderr) == (
        2, f"error: {project / 'pyproject.toml'}:1: tool.copydesk: expected a table, got an array of tables\n")
