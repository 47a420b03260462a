"""PLAN rules."""

from __future__ import annotations

from onex.rules.plan import plan_001, plan_002, plan_003, plan_004

RULES = (plan_001.RULE, plan_002.RULE, plan_003.RULE, plan_004.RULE)
