"""What a rule finds, and what the engine makes of it.

A rule yields :class:`Finding` objects: *what* is wrong (a message id and its values) and *where*
(a record and a key path inside it, or a bare file). It never sets its own rule id, severity or
waiver: the engine stamps those and resolves the position lazily, so only files that have
problems ever pay for line numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from onex.records import Location, Path, Record

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Collection
    from pathlib import Path as FilePath

__all__ = ["CheckResult", "Finding", "Location", "Path", "Problem", "at"]


@dataclass(slots=True)
class Finding:
    message: str  # message id in the catalogue
    params: dict[str, Any] = field(default_factory=dict)
    record: Record | None = None
    path: Path = ()
    file: str | None = None  # when there is no record (a file that could not be read)
    line: int | None = None  # explicit position (REG-001 knows it from the reader)
    column: int | None = None
    college: str | None = None  # defaults to the record's college
    severity: str | None = None  # a rule with two levels (CURR-002, PLAN-002, EXAM-005) says which
    value: bool = False  # point at the value at `path` rather than its key
    raw: bool = False  # `path` uses the file's list indexes (raw data), not the model's


def at(record: Record, path: Path, message: str, /, **params: Any) -> Finding:
    """The usual finding: `message` about the node at `path` in `record` (its key or list item)."""
    return Finding(message=message, params=params, record=record, path=path)


@dataclass(slots=True)
class Problem:
    rule: str
    severity: str  # "error" | "warning"
    file: str
    line: int
    column: int
    college: str | None
    message: str  # message id
    params: dict[str, Any]
    waived: bool = False
    waiver: int | None = None  # index of the waiver in onex.yaml that covers it
    key: str = ""  # the record's key path (`candidates[student=2023001].fee_payer`), see onex.fingerprint
    new: bool | None = None  # with `check --since`: not among the base revision's problems

    def sort_key(self) -> tuple:
        return (self.file, self.line, self.column, self.rule, self.message)

    def text(self, lang: str) -> str:
        from onex.messages import render

        return render(self.message, self.params, lang)


class RegistryFacts(Protocol):
    """What a rendered check result says about the registry besides its problems (a loaded
    :class:`onex.registry.Registry`, or :class:`onex.cache.CachedRegistry` on a cache hit)."""

    root: FilePath
    files: int
    waiver_reasons: list[str]  # the reason of each waiver of onex.yaml, by index (Problem.waiver)

    @property
    def colleges(self) -> Collection[str]: ...


@dataclass
class Baseline:
    """What `check --since REV` compared with: the revision as given, its commit, and the base
    problems no longer found (fixed, or their file deleted)."""

    rev: str
    commit: str
    resolved: list[Problem] = field(default_factory=list)


@dataclass
class CheckResult:
    registry: RegistryFacts
    as_of: dt.date
    problems: list[Problem] = field(default_factory=list)
    baseline: Baseline | None = None

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error" and not p.waived)

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == "warning" and not p.waived)

    @property
    def waived(self) -> int:
        return sum(1 for p in self.problems if p.waived)

    @property
    def new(self) -> int:
        """Unwaived problems not found at the base revision (all of them without a baseline)."""
        return sum(1 for p in self.problems if not p.waived and p.new is not False)

    @property
    def resolved(self) -> int:
        return len(self.baseline.resolved) if self.baseline else 0

    def exit_code(self, strict: bool = False) -> int:
        """1 for errors (or warnings under `strict`); with a baseline, only for new ones."""
        counted = [p for p in self.problems if not p.waived and p.new is not False]
        failing = any(p.severity == "error" or strict for p in counted)
        return 1 if failing else 0
