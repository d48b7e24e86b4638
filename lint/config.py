"""Configuration: discovered upward from each draft, validated with file, line and key."""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

from .model import SEVERITIES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_NAMES = ("copydesk.toml", ".copydesk.toml", "pyproject.toml")
KINDS = ("news", "analysis", "opinion")
FAIL_ON = (*SEVERITIES, "never")


class ConfigError(Exception):
    """A configuration problem; the message names the file, the line and the key."""


def _number(low: float, high: float) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and low <= v <= high


# Thresholds and switches the checks read: name -> (default, validator, what a good value is).
SETTINGS: dict[str, tuple[Any, Callable[[Any], bool], str]] = {
    "readability.target-grade": (10.0, _number(1, 20), "a grade from 1 to 20"),
    "readability.max-sentence-words": (35, _number(5, 200), "a word count from 5 to 200"),
    "readability.max-sentence-grade": (20.0, _number(1, 40), "a grade from 1 to 40"),
    "readability.max-paragraph-words": (120, _number(20, 2000), "a word count from 20 to 2000"),
    "readability.max-paragraph-sentences": (5, _number(1, 100), "a sentence count from 1 to 100"),
    "readability.min-words": (100, _number(0, 100000), "a word count"),
    "hedging.max-density": (0.5, _number(0, 1), "a share of sentences from 0 to 1"),
    "hedging.min-sentences": (3, _number(1, 100), "a sentence count"),
    "balance.max-unattributed-share": (0.5, _number(0, 1), "a share from 0 to 1"),
    "balance.min-sentences": (8, _number(1, 1000), "a sentence count"),
    "opinion.relaxed-severity": ("off", lambda v: v in (*SEVERITIES, "off"), "error, warning, info, hint or off"),
}
DEFAULT_OPINION_HEADINGS = ("our take", "opinion", "editorial", "analysis", "commentary", "our view", "perspective")
_TOP_KEYS = {
    "kind", "select", "ignore", "extend-select", "severity", "fail-on", "exclude", "per-file-ignores",
    "rule-packs", "opinion-headings", "readability", "hedging", "balance", "opinion",
}


@dataclass(frozen=True)
class Config:
    """Everything a run is configured with; CLI options are applied on top with replace()."""

    kind: str = "news"
    select: tuple[str, ...] = ("ALL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    fail_on: str = "warning"
    exclude: tuple[str, ...] = ()
    rule_packs: tuple[Path, ...] = ()
    opinion_headings: tuple[str, ...] = DEFAULT_OPINION_HEADINGS
    settings: tuple[tuple[str, Any], ...] = ()
    path: Path | None = None  # the file it came from
    root: Path = field(default_factory=Path.cwd)  # relative globs and packs start here

    def setting(self, name: str) -> Any:
        return dict(self.settings).get(name, SETTINGS[name][0])

    def with_options(self, **changes: Any) -> "Config":
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def line_of(text: str, key: str, tables: str = "tool.copydesk.", start: int = 0, end: int | None = None) -> int | None:
    """The 1-based line where key is set ("key = ...") in text[start:end], or else where its table
    opens ("[key]", "[tables + key]", "[[...]]"); None when it is written in neither way."""
    end = len(text) if end is None else end
    key = re.escape(key)
    m = re.compile(rf'^\s*"?{key}"?\s*=', re.M).search(text, start, end) or re.compile(
        rf"^\s*\[\[?(?:{re.escape(tables)})?{key}\]", re.M).search(text, start, end)
    return text.count("\n", 0, m.start()) + 1 if m else None


def line_of_value(path: Path, value: str) -> int | None:
    """The 1-based line where a quoted value ("ATT999") is first written in a config file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    m = re.search(rf"""["']{re.escape(value)}["']""", text)
    return text.count("\n", 0, m.start()) + 1 if m else None


def load_config(path: Path) -> Config | None:
    """The config in one file; None for a pyproject.toml with no [tool.copydesk]."""
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except OSError as err:
        raise ConfigError(f"{path}: cannot read config: {err.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: config is not valid UTF-8") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: invalid TOML: {err}") from None
    if path.name == "pyproject.toml":
        return _pyproject_config(data, path, text)
    return parse_config(data, path, text)


def _pyproject_config(data: dict, path: Path, text: str) -> Config | None:
    """[tool.copydesk], which must be one table ([[tool.copydesk]] makes a list of them)."""
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise _error(path, text, "tool", f"expected a table, got {tool!r}", "")
    if "copydesk" not in tool:
        return None
    if not isinstance(tool["copydesk"], dict):
        got = "an array of tables" if isinstance(tool["copydesk"], list) else repr(tool["copydesk"])
        raise _error(path, text, "tool.copydesk", f"expected a table, got {got}", "tool.")
    return parse_config(tool["copydesk"], path, text)


def _error(path: Path, text: str, key: str, problem: str, tables: str = "tool.copydesk.",
           written: str | None = None) -> ConfigError:
    """One line naming the file, the line where the key is written (written: as it is spelt
    there, by default the key's last part) and the key."""
    line = line_of(text, written or key.split(".")[-1], tables)
    return ConfigError(f"{path}:{line}: {key}: {problem}" if line else f"{path}: {key}: {problem}")


def parse_config(data: dict, path: Path, text: str = "") -> Config:
    def fail(key: str, problem: str, written: str | None = None) -> ConfigError:
        return _error(path, text, key, problem, written=written)

    def strings(key: str, value: Any, written: str | None = None) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(key, f"expected a list of strings, got {value!r}", written)
        return tuple(value)

    for key in data:
        if key not in _TOP_KEYS:
            raise fail(key, "unknown key")
    changes: dict[str, Any] = {"path": path, "root": path.parent}
    if "kind" in data:
        if data["kind"] not in KINDS:
            raise fail("kind", f"expected one of {', '.join(KINDS)}, got {data['kind']!r}")
        changes["kind"] = data["kind"]
    if "fail-on" in data:
        if data["fail-on"] not in FAIL_ON:
            raise fail("fail-on", f"expected one of {', '.join(FAIL_ON)}, got {data['fail-on']!r}")
        changes["fail_on"] = data["fail-on"]
    for key in ("select", "ignore", "extend-select", "exclude", "opinion-headings"):
        if key in data:
            changes[key.replace("-", "_")] = strings(key, data[key])
    if "opinion_headings" in changes:
        changes["opinion_headings"] = tuple(h.lower() for h in changes["opinion_headings"])
    if "rule-packs" in data:
        changes["rule_packs"] = tuple(path.parent / p for p in strings("rule-packs", data["rule-packs"]))
        for pack in changes["rule_packs"]:
            if not pack.exists():
                raise fail("rule-packs", f"no such file or folder: {pack}")
    if "per-file-ignores" in data:
        table = data["per-file-ignores"]
        if not isinstance(table, dict):
            raise fail("per-file-ignores", f"expected a table of glob = [rule, ...], got {table!r}")
        changes["per_file_ignores"] = tuple(
            (glob, strings(f"per-file-ignores.{glob}", rules, glob)) for glob, rules in table.items())
    if "severity" in data:
        table = data["severity"]
        if not isinstance(table, dict):
            raise fail("severity", f"expected a table of rule = severity, got {table!r}")
        for rule, sev in table.items():
            if sev not in (*SEVERITIES, "off"):
                raise fail(f"severity.{rule}", f"expected error, warning, info, hint or off, got {sev!r}")
        changes["severity"] = tuple(table.items())
    settings = []
    for section in ("readability", "hedging", "balance", "opinion"):
        table = data.get(section, {})
        if not isinstance(table, dict):
            raise fail(section, f"expected a table, got {table!r}")
        for key, value in table.items():
            name = f"{section}.{key}"
            if name not in SETTINGS:
                raise fail(name, "unknown key")
            if not SETTINGS[name][1](value):
                raise fail(name, f"expected {SETTINGS[name][2]}, got {value!r}")
            settings.append((name, value))
    changes["settings"] = tuple(settings)
    return replace(Config(), **changes)


def discover(directory: Path) -> Path | None:
    """The nearest config file at or above a folder."""
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                if name != "pyproject.toml" or "[tool.copydesk" in candidate.read_text(errors="replace"):
                    return candidate
    return None
