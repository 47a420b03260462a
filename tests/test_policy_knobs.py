"""Each fee knob both ways: the same registry gives different findings, report figures and plan
figures with and without it (docs/policy.md), through the CLI's json outputs.

The registry is the baseline plus `resits` (tests/test_fees.py): 2026 school-funded fees under the
defaults are 2,300 yuan (June: 3 x 400; November re-sits: 2 x 400; 王小明's junior: 300), one
yuan over a 2026 budget of 2,299.
"""

from __future__ import annotations

import json

import pytest

from tests.test_fees import resits, set_fees  # noqa: F401  (resits is a fixture)

ONEX = "onex.yaml"


def figures(reg, cli) -> dict:
    code, out, err = cli(
        "check",
        "-r",
        reg.root,
        "--as-of",
        "2026-12-31",
        "--format",
        "json",
        "--rule",
        "FEE-001",
        "--rule",
        "FEE-002",
    )
    assert code in (0, 1), err
    findings = sorted((p["rule"], p["file"], p["line"]) for p in json.loads(out)["problems"])
    code, out, err = cli(
        "report", "-r", reg.root, "--as-of", "2026-12-31", "--year", "2026", "--format", "json"
    )
    assert code in (0, 1), err
    budget = json.loads(out)["budget"]
    code, out, err = cli(
        "plan", "-r", reg.root, "--as-of", "2026-12-31", "--year", "2027", "--format", "json"
    )
    assert code == 0, err
    institution = json.loads(out)["institution"]
    return {
        "findings": findings,
        "report": (
            budget["school_funded_fees"],
            budget["student_paid_fees"],
            [(r["college"], r["allocation"], r["remaining"]) for r in budget["by_college"]],
        ),
        "plan": (
            institution["school_funded_fees"],
            institution["student_paid_fees"],
            [(c["college"], c["allocation"], c["over_allocation"]) for c in institution["colleges"]],
        ),
    }


@pytest.fixture
def budgeted(resits):  # noqa: F811
    resits.edit(ONEX, "fee_budget: {2026: 10000}", "fee_budget: {2026: 2299, 2027: 100000}")
    return resits


def test_the_defaults(budgeted, cli):
    assert figures(budgeted, cli) == {
        "findings": [("FEE-002", ONEX, budgeted.line_of(ONEX, "fee_budget"))],
        "report": (2300, 400, [("info", None, None)]),
        "plan": (67200, 400, [("info", None, 0)]),
    }


@pytest.mark.parametrize(
    "knob, report, plan",
    [
        # re-sits are student-paid: November's two re-sits (800) move to the students; the plan's
        # re-sitters (50 % of June's 2 non-passers) are student-paid, and November's re-sits carry forward
        (
            "school_pays: first_attempt",
            (1500, 1200, [("info", None, None)]),
            (66400, 1600, [("info", None, 0)]),
        ),
        # one funded sitting a year: 王小明's junior (300) and both re-sits (800) are student-paid
        (
            "max_school_funded_per_student_year: 1",
            (1200, 1500, [("info", None, None)]),
            (66800, 1500, [("info", None, 0)]),
        ),
        # intermediate is not school-funded: only the junior sitting (300) is
        (
            "school_funded_levels: [junior]",
            (300, 2400, [("info", None, None)]),
            (31200, 37600, [("info", None, 0)]),
        ),
    ],
)
def test_a_knob_that_shrinks_school_funding(budgeted, cli, knob, report, plan):
    before = figures(budgeted, cli)
    set_fees(budgeted, knob)
    after = figures(budgeted, cli)
    assert after["findings"] == [] != before["findings"]
    assert after["report"] == report != before["report"]
    assert after["plan"] == plan != before["plan"]


def test_fee_caps(budgeted, cli):
    before = figures(budgeted, cli)
    set_fees(budgeted, "fee_caps: {intermediate: 350}")
    after = figures(budgeted, cli)
    org = "orgs/edu-tech.yaml"
    # 5 intermediate sittings at 350 + 300 = 2,050: within the budget; the 400 fee is reported
    assert after == {
        "findings": [("FEE-002", org, budgeted.line_of(org, "intermediate: {fee: 400}"))],
        "report": (2050, 350, [("info", None, None)]),
        "plan": (62700, 350, [("info", None, 0)]),
    }
    assert after != before


def test_college_allocations(budgeted, cli):
    before = figures(budgeted, cli)
    budgeted.edit(ONEX, "fee_budget: {2026: 2299, 2027: 100000}", "fee_budget: {2026: 3000, 2027: 100000}")
    set_fees(budgeted, "college_allocations: {info: 2000}")
    after = figures(budgeted, cli)
    assert after == {
        "findings": [("FEE-002", ONEX, budgeted.line_of(ONEX, "info: 2000"))],
        "report": (2300, 400, [("info", 2000, -300)]),
        "plan": (67200, 400, [("info", 2000, 65200)]),
    }
    assert after["findings"] != before["findings"]
    assert after["report"] != before["report"] and after["plan"] != before["plan"]
