"""Which Linter lints a buffer: lint.engine.resolve, with the editor's settings as its overrides.

A draft on disk takes the nearest config file above its folder; an unsaved buffer, the workspace
root's (no root: the defaults). When that cannot be used (a broken config or rule pack, an unknown
rule in the settings), the next in line is: the config file without the settings, the defaults with
them, the defaults alone. Each problem is reported with what is used instead, and the outcome is
kept per folder until the next reload, so a broken file is read once, not on every keystroke.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..config import ConfigError
from ..engine.linter import Linter
from ..engine.resolve import Overrides, Resolver, UsageError, linter_for
from ..registry.packs import PackError


class Linters:
    """The linter of each folder's drafts, resolved on first use (see the module's docstring)."""

    def __init__(self, overrides: Overrides | None, root: Path | None, report: Callable[[str], None]) -> None:
        self.root = root
        self.report = report
        # (resolver, what it is, whether it reads a config file), in the order they are tried
        chain: list[tuple[Resolver, str, bool]] = []
        if overrides is not None:
            chain.append((Resolver(overrides), "the config file and the editor's settings", True))
        chain.append((Resolver(), "the config file" + (" without the editor's settings" if overrides else ""), True))
        if overrides is not None:
            chain.append((Resolver(overrides, isolated=True), "the defaults and the editor's settings", False))
        chain.append((Resolver(isolated=True), "the defaults", False))
        self._chain = chain
        self._by_folder: dict[Path | None, Linter] = {}

    def for_path(self, path: str) -> Linter:
        """The linter of a draft the engine sees as path (absolute on disk, else a bare name)."""
        draft = Path(path)
        if not draft.is_absolute():
            draft = self.root / draft if self.root else None
        folder = draft.parent if draft else None
        if folder not in self._by_folder:
            self._by_folder[folder] = self._resolve(draft)
        return self._by_folder[folder]

    def _resolve(self, draft: Path | None) -> Linter:
        problems: list[str] = []
        for resolver, what, reads_file in self._chain:
            if reads_file and draft is None:
                continue
            try:
                linter = linter_for(resolver.for_path(draft or Path("-")))
            except Exception as err:  # noqa: BLE001 (a broken config must never stop the linting)
                problem = _describe(err, draft)
                if problem not in problems:
                    problems.append(problem)
                continue
            for problem in problems:
                self.report(f"{problem} (using {what})")
            return linter
        for problem in problems:
            self.report(problem)
        raise RuntimeError("no usable configuration")  # the defaults failed: the built-in packs are broken


def _describe(err: Exception, draft: Path | None) -> str:
    if isinstance(err, (ConfigError, PackError, UsageError)):
        return str(err)  # each names the file, the key or the setting
    if isinstance(err, OSError) and draft is not None:
        return f"{draft.parent}: cannot look for a config: {err}"
    return f"cannot use the configuration: {type(err).__name__}: {err}"
