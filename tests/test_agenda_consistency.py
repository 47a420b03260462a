"""A duty and its rule never disagree, on every registry of the acceptance suite: the clean one and
each with one planted breach (broken files, typos, boundaries, waivers included). At each case's
as-of date, the overdue items of `onex agenda` are exactly the problems `onex check` reports for a
missed duty — same rule, file and line."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from onex import duties
from onex.agenda import build_agenda
from onex.engine import check
from onex.load import load
from onex.registry import Registry
from tests.acceptance.test_acceptance import CASES, CLEAN, apply

MISSED = {message for known in duties.KINDS.values() if known for message in known[1]}


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_overdue_items_are_exactly_the_missed_duty_problems(case, tmp_path) -> None:
    root = tmp_path / "reg"
    shutil.copytree(CLEAN, root)
    apply(root, case["edits"])
    as_of = dt.date.fromisoformat(case["as_of"])
    problems = {
        (p.rule, p.file, p.line) for p in check(Registry(load(root)), as_of).problems if p.message in MISSED
    }
    items = build_agenda(Registry(load(root)), as_of, days=0).items
    assert {(i.rule, i.file, i.line) for i in items if i.overdue} == problems
