"""Reading drafts: regular files only, decoded as UTF-8, and offsets mapped to lines and columns."""
from __future__ import annotations

import bisect
import codecs
import os
import re
import stat
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, count
from operator import add
from pathlib import Path

BOM = "\ufeff"
LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LINE = re.compile(rf"[^\r\n]*(?:{LINE_BREAK.pattern})")  # one line and its break


class InputError(Exception):
    """A draft that cannot be read; the message is one line for the user."""


# Byte-order marks of the wide encodings a word processor may save in; UTF-32 LE's begins with
# UTF-16 LE's, so the UTF-32 ones are tried first. (Without a BOM, their NUL bytes read as binary.)
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "UTF-32 (LE)"), (codecs.BOM_UTF32_BE, "UTF-32 (BE)"),
              (codecs.BOM_UTF16_LE, "UTF-16 (LE)"), (codecs.BOM_UTF16_BE, "UTF-16 (BE)"))


def decode(data: bytes, path: str) -> str:
    """UTF-8 with or without a BOM; anything else is an InputError."""
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            raise InputError(f"{path}: {encoding} text, not UTF-8: save it as UTF-8; skipped")
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: binary file (contains NUL bytes), skipped")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(
            f"{path}: not valid UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start}), skipped"
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


@dataclass(frozen=True)
class LineIndex:
    """Offsets of line starts; LF, CRLF and CR each end a line, as editors count them."""

    starts: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> "LineIndex":
        return _line_index(text)

    @staticmethod
    def forget() -> None:
        """Drop the cached index and the text it keeps alive (the server, when a document closes)."""
        _line_index.cache_clear()

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column (code points) of an offset."""
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        """Inverse of position()."""
        return self.starts[line - 1] + column - 1


@lru_cache(maxsize=1)  # the adapter and the document index the same text, one after the other
def _line_index(text: str) -> LineIndex:
    if "\r" not in text:  # LF only: line lengths from one split, summed in C
        lengths = map(len, text.split("\n")[:-1])
        return LineIndex((0, *map(add, accumulate(lengths), count(1))))
    return LineIndex((0, *(m.end() for m in LINE_BREAK.finditer(text))))


def split_lines(text: str) -> list[str]:
    """text's lines as LineIndex counts them, each with its line break; the last (maybe empty) has none."""
    lines = _LINE.findall(text)
    lines.append(text[sum(map(len, lines)):])
    return lines


# What a path that is not a regular file is, for its error line.
_KINDS = ((stat.S_ISFIFO, "named pipe"), (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "character device"),
          (stat.S_ISBLK, "block device"))
# Non-blocking, so that a pipe swapped in after the stat cannot hold the run (no effect on a
# regular file); binary, for Windows.
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


@dataclass(frozen=True)
class Draft:
    text: str
    bom: bool  # the file began with a UTF-8 BOM
    read_as: os.stat_result | None  # the file read (a symlink's target), to tell later whether it changed; None: stdin


def read_draft(path: Path) -> Draft:
    """A regular file's decoded text; a missing file, a folder, a pipe or a device is an InputError."""
    try:
        data, read_as = _read_regular(path)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file, skipped") from None
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror}), skipped") from None
    return Draft(decode(data, str(path)), data.startswith(BOM.encode()), read_as)


def _read_regular(path: Path) -> tuple[bytes, os.stat_result]:
    # A stat first, so that a pipe or device is never opened (opening a pipe waits for a writer);
    # then fstat on the descriptor, in case the path was swapped for one in between.
    _require_regular(path, os.stat(path))
    with open(os.open(path, _READ_FLAGS), "rb") as f:
        read_as = os.fstat(f.fileno())
        _require_regular(path, read_as)
        return f.read(), read_as


def _require_regular(path: Path, status: os.stat_result) -> None:
    if stat.S_ISREG(status.st_mode):
        return
    if stat.S_ISDIR(status.st_mode):
        raise InputError(f"{path}: is a folder, skipped")
    kind = next((name for test, name in _KINDS if test(status.st_mode)), "special file")
    raise InputError(f"{path}: not a regular file ({kind}), skipped")
