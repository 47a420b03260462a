"""WAIVE rules: waivers in onex.yaml are current and used."""

from __future__ import annotations

from onex.rules.waive import waive_001

RULES = (waive_001.RULE,)
