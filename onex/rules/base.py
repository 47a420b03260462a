"""What a rule is: an id, a default severity, the clause it enforces, its documentation, its
messages and (for most rules) a check function.

A check is a small pure function `(registry, context) -> Iterator[Finding]`: no I/O, no printing,
no severity or waiver logic, no sorting. The engine does those.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from onex.messages import register

if TYPE_CHECKING:
    from onex.models import Policy
    from onex.problems import Finding
    from onex.registry import Registry


@dataclass(frozen=True)
class Context:
    as_of: dt.date
    policy: Policy

    def deadline(self, year: int) -> dt.date:
        """The annual-plan deadline of `year` (policy.annual_plan_deadline, "MM-DD")."""
        month, day = (int(x) for x in self.policy.annual_plan_deadline.split("-"))
        try:
            return dt.date(year, month, day)
        except ValueError:  # 02-29 in a common year
            return dt.date(year, month, 28)


Check = Callable[["Registry", Context], Iterable["Finding"]]


@dataclass
class Rule:
    id: str
    severity: str  # default: "error" | "warning"
    clause: str  # a clause id of policy/CLAUSES.md, e.g. "§4.3.1"
    title: dict[str, str]  # zh, en: one line
    why: dict[str, str]  # zh, en: why the rule exists, what it checks exactly
    violates: str  # a YAML snippet that breaks it
    satisfies: str  # the same snippet fixed
    messages: dict[str, dict[str, str]] = field(default_factory=dict)
    check: Check | None = None  # None: found while loading (REG-001..003) or by the engine (WAIVE-001)
    # its findings are references to nothing: onex.engine.resolve finds them once per registry,
    # before any other rule or command reads it, and marks each found path unknown, so nothing is
    # said that only follows from the typo (SPEC §4.1). Such a rule reads no as-of date.
    unresolved: bool = False

    def __post_init__(self) -> None:
        register(self.messages)

    def checker(self, function: Check) -> Check:
        """Decorator: the rule's check function."""
        self.check = function
        return function
