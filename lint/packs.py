"""Rule packs: TOML files, one per family, that declare rules as data."""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from .model import SEVERITIES, Docs, Rule

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

KINDS = ("existence", "substitution", "python", "engine")
SCOPES = ("body", "heading", "all", "document")
CODE = re.compile(r"^[A-Z]{3}\d{3}$")
NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_REQUIRED = ("code", "name", "kind", "severity", "message", "help", "docs", "examples")
_KNOWN = set(_REQUIRED) | {
    "scope", "reporter-voice", "relaxes", "phrases", "exceptions", "substitutions", "safe",
    "check", "options", "untestable", "in-quotes", "unless-next",
}


class PackError(Exception):
    """A rule pack that cannot be loaded; the message names the file and the rule."""


@dataclass(frozen=True)
class Example:
    text: str
    path: str | None = None  # picks the format: "x.md" lints the example as Markdown
    kind: str = "news"


def builtin_pack_dir() -> Path:
    """The built-in packs: lint/rules/ in an installed wheel, rules/ beside lint/ in a checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "rules"
    return installed if installed.is_dir() else here.parent / "rules"


def pack_files(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        out += sorted(path.glob("*.toml")) if path.is_dir() else [path]
    return out


def load_packs(paths: Iterable[Path]) -> list[Rule]:
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for file in pack_files(paths):
        for rule in load_pack(file):
            for key in (rule.code, rule.name):
                if key in seen:
                    raise PackError(f"{file}: rule {rule.code} ({rule.name}): {key} is already defined in {seen[key]}")
                seen[key] = str(file)
            rules.append(rule)
    return rules


def load_pack(file: Path) -> list[Rule]:
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise PackError(f"{file}: cannot read rule pack: {err}") from None
    except tomllib.TOMLDecodeError as err:
        raise PackError(f"{file}: invalid TOML: {err}") from None
    entries = data.get("rules")
    if not isinstance(entries, list) or not entries:
        raise PackError(f"{file}: a rule pack needs at least one [[rules]] table")
    return [_rule(file, entry, data.get("words", {})) for entry in entries]


def _rule(file: Path, entry: Any, words: dict) -> Rule:
    ident = entry.get("code") or entry.get("name") or "?"

    def fail(problem: str) -> PackError:
        return PackError(f"{file}: rule {ident}: {problem}")

    missing = [k for k in _REQUIRED if k not in entry]
    if missing:
        raise fail("missing " + ", ".join(missing))
    unknown = sorted(set(entry) - _KNOWN)
    if unknown:
        raise fail("unknown key " + ", ".join(unknown))
    if not CODE.match(entry["code"]):
        raise fail("code must be three capitals and three digits, like ATT001")
    if not NAME.match(entry["name"]):
        raise fail("name must be kebab-case, like vague-source")
    if entry["kind"] not in KINDS:
        raise fail(f"kind must be one of {', '.join(KINDS)}")
    if entry["severity"] not in SEVERITIES:
        raise fail(f"severity must be one of {', '.join(SEVERITIES)}")
    scope = entry.get("scope", "body")
    if scope not in SCOPES:
        raise fail(f"scope must be one of {', '.join(SCOPES)}")
    docs = entry["docs"]
    if not isinstance(docs, dict) or set(docs) != {"what", "why", "example", "instead"}:
        raise fail("docs needs exactly what, why, example and instead")
    examples = entry["examples"]
    if not isinstance(examples, dict) or set(examples) - {"flag", "pass"}:
        raise fail("examples holds flag and pass lists")
    options: dict[str, Any] = dict(entry.get("options", {}))
    kind = entry["kind"]
    if kind == "python":
        if not isinstance(entry.get("check"), str) or "." not in entry["check"]:
            raise fail('a python rule names its check as "module.function" in lint/checks/')
        options["check"] = entry["check"]
    if kind == "existence":
        options["phrases"] = _phrases(entry.get("phrases"), words, fail)
        options["exceptions"] = _phrases(entry.get("exceptions", []), words, fail)
    if kind == "substitution":
        subs = entry.get("substitutions")
        if not isinstance(subs, dict) or not subs:
            raise fail("a substitution rule needs a substitutions table")
        options["substitutions"] = {k.lower(): str(v) for k, v in subs.items()}
        options["safe"] = bool(entry.get("safe", False))
        options["exceptions"] = _phrases(entry.get("exceptions", []), words, fail)
    if "unless-next" in entry:
        options["unless-next"] = frozenset(w.lower() for w in _phrases(entry["unless-next"], words, fail))
    try:
        entry["message"].format(**{k: 0 for k in re.findall(r"{(\w+)", entry["message"])})
    except (KeyError, IndexError, ValueError) as err:
        raise fail(f"message template is broken: {err}") from None
    return Rule(
        code=entry["code"],
        name=entry["name"],
        kind=kind,
        severity=entry["severity"],
        scope=scope,
        message=entry["message"],
        help=entry["help"],
        docs=Docs(**docs),
        flag_examples=_examples(examples.get("flag", []), fail),
        pass_examples=_examples(examples.get("pass", []), fail),
        pack=str(file),
        reporter_voice=bool(entry.get("reporter-voice", False)),
        relaxes=bool(entry.get("relaxes", False)),
        options={**options, "in-quotes": bool(entry.get("in-quotes", False)), "untestable": entry.get("untestable", "")},
    )


def _phrases(value: Any, words: dict, fail) -> tuple[str, ...]:
    """A list of phrases, or the name of a word list in the pack's [words] table."""
    if isinstance(value, str):
        if value not in words:
            raise fail(f"no word list {value!r} in the pack's [words] table")
        value = words[value]
    if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
        raise fail("phrases must be a list of strings or the name of a word list")
    return tuple(value)


def _examples(value: Any, fail) -> tuple:
    out = []
    for item in value:
        if isinstance(item, str):
            out.append(Example(item))
        elif isinstance(item, dict) and "text" in item and set(item) <= {"text", "path", "kind"}:
            out.append(Example(item["text"], item.get("path"), item.get("kind", "news")))
        else:
            raise fail("an example is a string or a table with text, path and kind")
    return tuple(out)
