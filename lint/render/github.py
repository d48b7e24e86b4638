"""github: workflow commands that GitHub Actions shows as annotations on the diff."""
from __future__ import annotations

from ..model import Diagnostic
from . import FileResult
from . import Renderer as Base

LEVEL = {"error": "error", "warning": "warning", "info": "notice", "hint": "notice"}


def escape_data(text: str) -> str:
    """The message part: %, CR and LF are escaped, as the runner's toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Property values also escape the separators ':' and ','."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic) -> str:
    props = {
        "file": d.path,
        "line": d.line,
        "col": d.column,
        "endLine": d.end_line,
        "endColumn": d.end_column,
        "title": d.code,
    }
    joined = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
    return f"::{LEVEL[d.severity]} {joined}::{escape_data(d.message)}"


class Renderer(Base):
    def file(self, result: FileResult) -> None:
        for d in result.diagnostics:
            self.out.write(annotation(d) + "\n")
