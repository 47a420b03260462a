"""PRIV rules."""

from __future__ import annotations

from onex.rules.priv import priv_001

RULES = (priv_001.RULE,)
