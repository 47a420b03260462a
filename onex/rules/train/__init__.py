"""TRAIN rules."""

from __future__ import annotations

from onex.rules.train import train_001, train_002, train_003

RULES: tuple = (train_001.RULE, train_002.RULE, train_003.RULE)
