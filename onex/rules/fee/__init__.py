"""FEE rules."""

from __future__ import annotations

from onex.rules.fee import fee_001, fee_002, fee_003

RULES = (fee_001.RULE, fee_002.RULE, fee_003.RULE)
