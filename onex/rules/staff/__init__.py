"""STAFF rules."""

from __future__ import annotations

from onex.rules.staff import staff_001, staff_002, staff_003, staff_004

RULES: tuple = (staff_001.RULE, staff_002.RULE, staff_003.RULE, staff_004.RULE)
