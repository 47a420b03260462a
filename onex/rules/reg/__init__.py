"""REG rules: the registry can be read, fits its schema, its ids and references hold."""

from __future__ import annotations

from onex.rules.reg import reg_001, reg_002, reg_003, reg_004

RULES = (reg_001.RULE, reg_002.RULE, reg_003.RULE, reg_004.RULE)
