"""PLAN-001…004: the annual training and exam plan (§5.2)."""

from __future__ import annotations

import datetime as dt

import pytest

COLLEGE = "colleges/info/college.yaml"
PLAN = "colleges/info/plans/2026.yaml"
SESSION = "colleges/info/sessions/2026/web-mid-june.yaml"
ADOPTION = "colleges/info/certificates/web-frontend.yaml"

DEADLINE = dt.date(2026, 3, 31)
DAY_AFTER = dt.date(2026, 4, 1)


def _severities(reg, rule: str, as_of: dt.date = dt.date(2026, 12, 31)) -> list[str]:
    return [p.severity for p in reg.result(as_of).problems if p.rule == rule]


# --- PLAN-001 ---------------------------------------------------------------------------------


def test_plan001_no_plan_after_the_deadline(reg):
    reg.remove(PLAN)
    assert reg.problems(rule="PLAN-001") == [("PLAN-001", COLLEGE, 1)]
    assert reg.problems(as_of=DAY_AFTER, rule="PLAN-001") == [("PLAN-001", COLLEGE, 1)]


def test_plan001_nothing_due_on_the_deadline_day(reg):
    reg.remove(PLAN)
    assert reg.problems(as_of=DEADLINE, rule="PLAN-001") == []


def test_plan001_follows_the_policy_deadline(reg):
    reg.remove(PLAN)
    reg.append("onex.yaml", 'policy: {annual_plan_deadline: "06-30"}\n')
    assert reg.problems(as_of=dt.date(2026, 6, 30), rule="PLAN-001") == []
    assert reg.problems(as_of=dt.date(2026, 7, 1), rule="PLAN-001") == [("PLAN-001", COLLEGE, 1)]


def test_plan001_only_colleges_with_active_adoptions(reg):
    reg.remove(PLAN)
    reg.edit(ADOPTION, "status: active", "status: retired\nretired_on: 2026-01-10\nretirement_note: 停考")
    assert reg.problems(rule="PLAN-001") == []


def test_plan001_message(reg):
    reg.remove(PLAN)
    assert reg.messages("PLAN-001") == [
        "信息工程学院 has active certificates (Web前端开发) but no training and exam plan for 2026 (due by 2026-03-31): "
        "add colleges/info/plans/2026.yaml (`onex plan --year 2026 --write` drafts it)"
    ]
    zh = reg.messages("PLAN-001", "zh")
    assert zh and zh[0] and zh != reg.messages("PLAN-001")


# --- PLAN-002 ---------------------------------------------------------------------------------


def test_plan002_no_approval(reg):
    reg.edit(PLAN, "approval: {by: 李明, on: 2026-02-20}\n", "")
    assert reg.problems(rule="PLAN-002") == [("PLAN-002", PLAN, 1)]
    assert _severities(reg, "PLAN-002") == ["error"]
    assert reg.problems(as_of=DEADLINE, rule="PLAN-002") == []


def test_plan002_approved_by_someone_not_a_leader(reg):
    reg.edit(PLAN, "by: 李明", "by: 张伟")
    assert reg.problems(rule="PLAN-002") == [("PLAN-002", PLAN, reg.line_of(PLAN, "approval:"))]
    assert _severities(reg, "PLAN-002") == ["error"]
    assert reg.messages("PLAN-002") == [
        "the 2026 plan was approved by 张伟, who is not a leader of 信息工程学院 (李明, 赵华): a college leader must approve it"
    ]


def test_plan002_any_leader_may_approve(reg):
    reg.edit(PLAN, "by: 李明", "by: 赵华")
    assert reg.problems(rule="PLAN-002") == []


def test_plan002_late_approval_is_a_warning(reg):
    reg.edit(PLAN, "on: 2026-02-20", "on: 2026-04-01")
    assert reg.problems(rule="PLAN-002") == [("PLAN-002", PLAN, reg.line_of(PLAN, "approval:"))]
    assert _severities(reg, "PLAN-002") == ["warning"]
    assert reg.messages("PLAN-002") == [
        "the 2026 plan was approved on 2026-04-01, after its deadline 2026-03-31: the plan is to be approved at the start of the year"
    ]


def test_plan002_approval_on_the_deadline_day_is_on_time(reg):
    reg.edit(PLAN, "on: 2026-02-20", "on: 2026-03-31")
    assert reg.problems(rule="PLAN-002") == []


def test_plan002_message(reg):
    reg.edit(PLAN, "approval: {by: 李明, on: 2026-02-20}\n", "")
    assert reg.messages("PLAN-002") == [
        "the 2026 plan is still not approved after its deadline 2026-03-31: have a college leader (李明, 赵华) approve it "
        "and record approval: {by: …, on: …}"
    ]
    zh = reg.messages("PLAN-002", "zh")
    assert zh and zh[0] and zh != reg.messages("PLAN-002")


# --- PLAN-003 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, count",
    [("filed: {by: t2019001, on: 2026-03-01}\n", 1), ("aggregated_on: 2026-03-10\n", 1)],
)
def test_plan003_missing_filing_or_aggregation(reg, line, count):
    reg.edit(PLAN, line, "")
    assert reg.problems(rule="PLAN-003") == [("PLAN-003", PLAN, 1)] * count
    assert reg.problems(as_of=DEADLINE, rule="PLAN-003") == []


def test_plan003_one_finding_each(reg):
    reg.edit(PLAN, "filed: {by: t2019001, on: 2026-03-01}\naggregated_on: 2026-03-10\n", "")
    assert reg.problems(rule="PLAN-003") == [("PLAN-003", PLAN, 1), ("PLAN-003", PLAN, 1)]


def test_plan003_unapproved_plan_is_plan002s(reg):
    reg.edit(PLAN, "approval: {by: 李明, on: 2026-02-20}\nfiled: {by: t2019001, on: 2026-03-01}\n", "")
    assert reg.problems(rule="PLAN-003") == []


def test_plan003_message(reg):
    reg.edit(PLAN, "aggregated_on: 2026-03-10\n", "")
    assert reg.messages("PLAN-003") == [
        "the 2026 plan is approved but not aggregated by the office after its deadline 2026-03-31: "
        "record aggregated_on once the office has aggregated it"
    ]
    zh = reg.messages("PLAN-003", "zh")
    assert zh and zh[0] and zh != reg.messages("PLAN-003")


# --- PLAN-004 ---------------------------------------------------------------------------------


def test_plan004_session_not_in_the_plan(reg):
    reg.edit(SESSION, "level: intermediate", "level: junior")
    assert reg.problems(rule="PLAN-004") == [("PLAN-004", SESSION, reg.line_of(SESSION, "level:"))]
    assert reg.messages("PLAN-004") == [
        "Web前端开发 (junior) is not in the 2026 plan of 信息工程学院 (it plans: Web前端开发 intermediate): "
        "add it to the items of plans/2026.yaml, or correct this session's certificate and level"
    ]
    zh = reg.messages("PLAN-004", "zh")
    assert zh and "初级" in zh[0] and "中级" in zh[0]


def test_plan004_planned_level_passes(reg):
    reg.edit(SESSION, "level: intermediate", "level: junior")
    reg.edit(
        PLAN,
        "items:\n",
        "items:\n  - {certificate: web-frontend, level: junior, candidates: 4, batch: 2026-1}\n",
    )
    assert reg.problems(rule="PLAN-004") == []


def test_plan004_no_plan_for_the_year(reg):
    reg.remove(PLAN)
    assert reg.problems(rule="PLAN-004") == [("PLAN-004", SESSION, reg.line_of(SESSION, "level:"))]
    assert reg.messages("PLAN-004") == [
        "Web前端开发 (intermediate) is examined in 2026 but 信息工程学院 has no plan for 2026: add plans/2026.yaml with this item"
    ]


# --- the baseline is clean --------------------------------------------------------------------


def test_baseline_has_no_plan_problems(reg):
    assert [p for p in reg.problems() if p[0].startswith("PLAN-")] == []
