"""Regenerate the generated parts of README.md from the code: the rule table (from the packs)
and the settings table (from lint/config.py). tests/test_readme.py fails when they drift.

    python tools/gen_readme.py          # rewrite README.md
    python tools/gen_readme.py --check  # exit 1 if README.md is out of date
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # runs from a plain checkout, without installing

from lint.config import SETTINGS  # noqa: E402
from lint.registry.packs import load_packs  # noqa: E402
from lint.registry.ruledocs import rules_table  # noqa: E402

README = ROOT / "README.md"


def rules_block() -> str:
    return rules_table(load_packs([ROOT / "rules"]), "markdown")


def settings_block() -> str:
    lines = ["| Key | Default | Value |", "| --- | --- | --- |"]
    for name, (default, _, what) in sorted(SETTINGS.items()):
        section, key = name.split(".", 1)
        shown = f'"{default}"' if isinstance(default, str) else repr(default)
        lines.append(f"| `[{section}]` `{key}` | `{shown}` | {what} |")
    return "\n".join(lines) + "\n"


BLOCKS = {"rules": rules_block, "settings": settings_block}


def update(text: str) -> str:
    for name, make in BLOCKS.items():
        found = re.search(rf"<!-- {name}:start -->\n.*?(<!-- {name}:end -->)", text, re.S)
        if not found:
            raise SystemExit(f"README.md has no <!-- {name}:start --> ... <!-- {name}:end --> markers")
        text = text[:found.start()] + f"<!-- {name}:start -->\n" + make() + text[found.start(1):]
    return text


def main(argv: list[str]) -> int:
    current = README.read_text(encoding="utf-8")
    wanted = update(current)
    if "--check" in argv:
        if wanted != current:
            print("README.md is out of date: run python tools/gen_readme.py", file=sys.stderr)
            return 1
        return 0
    if wanted != current:
        README.write_text(wanted, encoding="utf-8")
        print("README.md updated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
