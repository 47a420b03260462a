"""CURR rules."""

from __future__ import annotations

from onex.rules.curr import curr_001, curr_002, curr_003

RULES = (curr_001.RULE, curr_002.RULE, curr_003.RULE)
