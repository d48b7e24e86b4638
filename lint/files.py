"""Finding drafts on disk, reading them, and writing a fixed draft back atomically."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterator

from .source import InputError, decode
from .selection import matches_glob

SUFFIXES = (".md", ".markdown", ".txt")
# Folders never walked into: version control, virtual environments, dependencies.
SKIP_DIRS = ("node_modules", "__pycache__", "venv")
BOM = "\ufeff"

# Whether a walked file or folder is excluded by its config.
Excluder = Callable[[Path], bool]


def walk(folder: Path, excluded: Excluder) -> Iterator[Path]:
    """Drafts under a folder in path order, skipping hidden and excluded folders."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS and not excluded(here / d)]
        found += [here / name for name in files if name.lower().endswith(SUFFIXES)]
    # Sorted by path components, so "a/x.md" comes before "b.md" as in a file tree.
    return iter(sorted((p for p in found if not excluded(p)), key=lambda p: p.parts))


def is_excluded(path: Path, root: Path, patterns: tuple[str, ...]) -> bool:
    if not patterns:
        return False
    try:
        relative = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        relative = path.as_posix()
    return any(matches_glob(relative, p.rstrip("/")) for p in patterns)


def read_draft(path: Path) -> tuple[str, bool]:
    """The decoded text and whether the file began with a UTF-8 BOM."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file, skipped") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, skipped") from None
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror}), skipped") from None
    return decode(data, str(path)), data.startswith(BOM.encode())


def write_atomic(path: Path, text: str, bom: bool = False) -> None:
    """Replace a file's contents all at once: a temporary file in the same folder, then rename,
    so a crash or a full disk leaves either the old draft or the new one, never half of each."""
    import tempfile  # (only --fix writes: a plain check does not pay for importing it)

    mode = path.stat().st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".copydesk-tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write((BOM if bom else "") + text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
