"""EXAM rules."""

from __future__ import annotations

from onex.rules.exam import exam_001, exam_002, exam_003, exam_004, exam_005, exam_006

RULES = (exam_001.RULE, exam_002.RULE, exam_003.RULE, exam_004.RULE, exam_005.RULE, exam_006.RULE)
