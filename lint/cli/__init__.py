"""The `copydesk` command line: click commands, linting many drafts (configs, workers), finding
drafts on disk and writing fixes back. The top layer: it may import everything below it."""
from .main import main

__all__ = ["main"]
