"""Finding drafts on disk, reading them (regular files only), and writing a fixed draft back atomically."""
from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import Callable, Iterator

from ..text.source import BOM, Draft
from ..registry.selection import matches_glob

SUFFIXES = (".md", ".markdown", ".txt")
# Folders never walked into: version control, virtual environments, dependencies.
SKIP_DIRS = ("node_modules", "__pycache__", "venv")

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


class NotWritten(Exception):
    """Fixes that --fix refuses to write; the message is the reason, for the user."""


def write_fixed(path: Path, text: str, draft: Draft) -> None:
    """Save a draft's fixed text as a careful editor does. A symlink's target is written (the link
    stays a link), through a temporary file beside it and a rename, so a crash or a full disk leaves
    either the old draft or the new one; mode, owner and group are kept where permitted. A file that
    changed since it was read, is read-only or has other hard links is refused (NotWritten)."""
    import tempfile  # (only --fix writes: a plain check does not pay for importing it)

    target = Path(os.path.realpath(path))
    _check_writable(target, draft.read_as)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".copydesk-tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write((BOM if draft.bom else "") + text)
            f.flush()
            os.fsync(f.fileno())
        _keep_owner_and_mode(tmp, draft.read_as)
        _check_writable(target, draft.read_as)  # again: the user may have saved while this one was written
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _check_writable(target: Path, read_as: os.stat_result) -> None:
    now = os.stat(target)
    if _version(now) != _version(read_as):
        raise NotWritten("it changed after copydesk read it")
    if now.st_nlink > 1:
        raise NotWritten(f"it has {now.st_nlink} hard links, which a rewrite would split")
    # No write bit counts even for root, who may write anything: a newsroom marks a file read-only on purpose.
    if not now.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise NotWritten("read-only")


def _version(status: os.stat_result) -> tuple[int, ...]:
    """What changes when a file is saved; ctime too, which no one can set back (mtime can be)."""
    return status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns


def _keep_owner_and_mode(tmp: str, was: os.stat_result) -> None:
    if hasattr(os, "chown"):  # (not on Windows)
        try:
            os.chown(tmp, was.st_uid, was.st_gid)
        except PermissionError:  # only root gives a file away; a user may still keep a group they are in
            with contextlib.suppress(PermissionError):
                os.chown(tmp, -1, was.st_gid)
    os.chmod(tmp, stat.S_IMODE(was.st_mode))  # after chown, which clears the set-id bits
