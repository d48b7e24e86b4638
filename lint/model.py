"""The values that flow through copydesk: rules, findings and diagnostics."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Mapping, NamedTuple, TypeVar

if TYPE_CHECKING:  # pragma: no cover
    from .registry.kinds import KindOptions

SEVERITIES = ("error", "warning", "info", "hint")
# Lower rank is more severe; used for --fail-on and sorting summaries.
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}


@dataclass(frozen=True)
class Fix:
    replacement: str
    safe: bool


@dataclass(frozen=True)
class Docs:
    what: str
    why: str
    example: str
    instead: str


@dataclass(frozen=True, eq=False)
class Rule:
    """One rule as its pack declares it, every field checked when the pack loaded; compared and
    hashed by identity (each is loaded once, and caches key on it)."""

    code: str
    name: str
    kind: str  # existence | substitution | python | engine
    severity: str
    scope: str  # body | heading | all | document
    message: str  # a template; {text} is the flagged words, other fields come from the findings
    help: str
    docs: Docs
    flag_examples: tuple  # of registry.entries.Example
    pass_examples: tuple
    pack: str  # the file the rule came from
    kind_options: KindOptions  # the kind's own settings: phrases, substitutions, the check's name
    # Reporter-voice rules skip quotes and attributed sentences (HDG, OPN).
    reporter_voice: bool = False
    # Opinion rules relax in analysis/opinion pieces and opinion sections.
    relaxes: bool = False
    in_quotes: bool = False  # findings inside quotation marks are kept (ATT005 flags quotes)
    untestable: str = ""  # why the rule has no examples, which the example tests then skip

    @property
    def family(self) -> str:
        return self.code[:3]


class Finding(NamedTuple):
    """What a rule reports: an offset span in the source; the engine writes the message.
    A tuple, not a dataclass: rules build thousands of them and a tuple builds 3x faster."""

    start: int
    end: int
    args: Mapping[str, object] | None = None  # extra fields for the rule's message template
    fix: Fix | None = None


@dataclass(frozen=True)
class Diagnostic:
    """One reported problem; lines and columns are 1-based, columns count code points."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: str
    message: str
    text: str
    fix: Fix | None
    start: int  # 0-based code-point offsets into the source, for fixes and the editor
    end: int

    def sort_key(self) -> tuple:
        return (self.path, self.start, self.end, self.code, self.message)


T = TypeVar("T")


@dataclass(frozen=True, eq=False)
class Lexicon:
    """The word lists of a rule set, by name: the [words] tables of its packs, where a newsroom's
    own pack extends a built-in list by naming it. Compared by identity: one per set of packs."""

    lists: Mapping[str, tuple[str, ...]]
    _derived: dict = field(default_factory=dict, repr=False)

    def phrases(self, name: str) -> tuple[str, ...]:
        return self.lists.get(name, ())

    def words(self, name: str) -> frozenset[str]:
        """The list as lower-case words; "say|says|said" writes a word's forms on one line."""
        return frozenset(w for entry in self.phrases(name) for w in entry.lower().split("|"))

    def derived(self, build: Callable[["Lexicon"], T]) -> T:
        """What build makes of this lexicon (compiled sets and matchers), made once."""
        if build not in self._derived:
            self._derived[build] = build(self)
        return self._derived[build]
