"""Every rule of SPEC §4, listed explicitly, in the order `onex rules` shows them.

Each area package (`onex.rules.staff`, …) lists its own rules in a `RULES` tuple.
"""

from __future__ import annotations

from onex.rules import cert, curr, exam, fee, plan, priv, reg, staff, train, waive
from onex.rules.base import Context, Rule

RULES: tuple[Rule, ...] = (
    *reg.RULES,
    *cert.RULES,
    *curr.RULES,
    *staff.RULES,
    *train.RULES,
    *plan.RULES,
    *exam.RULES,
    *fee.RULES,
    *priv.RULES,
    *waive.RULES,
)

BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}

__all__ = ["BY_ID", "RULES", "Context", "Rule"]
