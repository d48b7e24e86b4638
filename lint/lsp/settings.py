"""What the editor may set, and the options it puts on top of each draft's config."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator, Mapping

from ..config import KINDS
from ..engine.resolve import Overrides

DEFAULT_DEBOUNCE = 0.15  # seconds: a burst of keystrokes lints once, after the typing pauses
_LIST = re.compile(r"[\s,]+")


def section(raw: Any) -> Any:
    """The "copydesk" part of what the editor sent, when it sent one."""
    if isinstance(raw, Mapping) and isinstance(raw.get("copydesk"), Mapping):
        return raw["copydesk"]
    return raw


@dataclass(frozen=True)
class SettingsOverrides(Overrides):
    """Overrides that name the editor's settings, not the command line's options, in a message."""

    def selectors(self) -> Iterator[tuple[str, str]]:
        for option, value in super().selectors():
            yield f"settings: {option.lstrip('-')}", value


@dataclass(frozen=True)
class Settings:
    """What the editor may set: initializationOptions or workspace/didChangeConfiguration.

    Accepted at the top level or under a "copydesk" key: kind ("news" | "analysis" |
    "opinion"), select and ignore (lists of rule codes, names or prefixes; as on the command
    line, select replaces the config file's selection and ignore adds to it), debounceMs
    (milliseconds; 0 lints on every change).
    """

    kind: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    debounce: float = DEFAULT_DEBOUNCE

    @classmethod
    def parse(cls, raw: Any, problems: list[str]) -> "Settings":
        raw = section(raw)
        if not isinstance(raw, Mapping):
            return cls()
        out: dict[str, Any] = {}
        kind = raw.get("kind")
        if kind is not None:
            if kind in KINDS:
                out["kind"] = kind
            else:
                problems.append(f"kind: expected one of {', '.join(KINDS)}, got {kind!r}")
        for key in ("select", "ignore"):
            value = raw.get(key)
            if isinstance(value, str):
                value = [v for v in _LIST.split(value) if v]
            if value is None:
                continue
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                out[key] = tuple(value)
            else:
                problems.append(f"{key}: expected a list of rule codes or names, got {value!r}")
        debounce = raw.get("debounceMs", raw.get("debounce_ms"))
        if debounce is not None:
            if isinstance(debounce, (int, float)) and not isinstance(debounce, bool) and 0 <= debounce <= 10_000:
                out["debounce"] = debounce / 1000
            else:
                problems.append(f"debounceMs: expected milliseconds from 0 to 10000, got {debounce!r}")
        return cls(**out)

    def overrides(self) -> SettingsOverrides | None:
        """The same layering as the command line's --select, --ignore and --kind; None when the
        editor sets none of them."""
        if self.kind is None and self.select is None and self.ignore is None:
            return None
        return SettingsOverrides(select=self.select, ignore=self.ignore or (), kind=self.kind)
