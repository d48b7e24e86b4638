"""copydesk: an editorial-balance linter for news drafts.

The library API for CMS integrations::

    from lint import check_text, check_file, Config
    for d in check_text(draft, path="story.md"):
        print(d.line, d.column, d.code, d.message)
    for r in relations(draft, path="story.md"):  # who is speaking, as plain data
        print(r["class"], r["name"], r["cue"]["line"], r["cue"]["text"])

Names are imported on first use, so `import lint` stays cheap (no nltk, no markdown parser).
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Public name -> the module that defines it.
_EXPORTS = {
    "check_text": "lint.engine.linter",
    "check_file": "lint.engine.linter",
    "relations": "lint.engine.linter",
    "Linter": "lint.engine.linter",
    "Diagnostic": "lint.model",
    "Fix": "lint.model",
    "Config": "lint.config",
    "load_config": "lint.config",
    "InputError": "lint.text.source",
}

__all__ = ["__version__", *_EXPORTS]

if TYPE_CHECKING:  # pragma: no cover
    from .config import Config as Config, load_config as load_config
    from .engine.linter import Linter as Linter, check_file as check_file, check_text as check_text, relations as relations
    from .model import Diagnostic as Diagnostic, Fix as Fix
    from .text.source import InputError as InputError


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'lint' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
