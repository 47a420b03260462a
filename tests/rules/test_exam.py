"""EXAM-001…006: exam sessions (§5)."""

from __future__ import annotations

import datetime as dt

import pytest

COLLEGE = "colleges/info/college.yaml"
SESSION = "colleges/info/sessions/2026/web-mid-june.yaml"
EXAM_DAY = dt.date(2026, 6, 12)
DAY_BEFORE = dt.date(2026, 6, 11)
DUE = dt.date(2026, 7, 12)  # 30 days after the exam


def _severities(reg, rule: str, as_of: dt.date = dt.date(2026, 12, 31)) -> list[str]:
    return [p.severity for p in reg.result(as_of).problems if p.rule == rule]


def _zh_differs(reg, rule: str, as_of: dt.date = dt.date(2026, 12, 31)) -> None:
    zh = reg.messages(rule, "zh", as_of)
    assert zh and all(zh) and zh != reg.messages(rule, "en", as_of)


# --- EXAM-001 ---------------------------------------------------------------------------------


def test_exam001_empty_exam_group(reg):
    reg.edit(COLLEGE, "exam_group: [张伟, 陈静]", "exam_group: []")
    assert reg.problems(rule="EXAM-001") == [("EXAM-001", COLLEGE, reg.line_of(COLLEGE, "exam_group:"))]
    assert reg.messages("EXAM-001") == [
        "信息工程学院 has 1 exam session(s) but its exam working group (exam_group) is empty: "
        "list the group's members in exam_group of college.yaml"
    ]
    _zh_differs(reg, "EXAM-001")


def test_exam001_missing_exam_group_points_at_the_file(reg):
    reg.edit(COLLEGE, "exam_group: [张伟, 陈静]\n", "")
    assert reg.problems(rule="EXAM-001") == [("EXAM-001", COLLEGE, 1)]


def test_exam001_no_sessions_no_group_needed(reg):
    reg.edit(COLLEGE, "exam_group: [张伟, 陈静]", "exam_group: []")
    reg.remove("colleges/info/sessions")
    assert reg.problems(rule="EXAM-001") == []


# --- EXAM-002 ---------------------------------------------------------------------------------


def test_exam002_no_approval(reg):
    reg.edit(SESSION, "approval: {by: 赵华, on: 2026-05-01}\n", "")
    assert reg.problems(rule="EXAM-002") == [("EXAM-002", SESSION, 1)]
    assert reg.problems(as_of=EXAM_DAY, rule="EXAM-002") == [("EXAM-002", SESSION, 1)]
    assert reg.problems(as_of=DAY_BEFORE, rule="EXAM-002") == []
    assert reg.messages("EXAM-002") == [
        "the Web前端开发 exam of 2026-06-12 has no approval: the leader in charge (赵华) must approve it beforehand; "
        "record approval: {by: …, on: …}"
    ]
    _zh_differs(reg, "EXAM-002")


@pytest.mark.parametrize("on, found", [("2026-06-12", False), ("2026-06-13", True)])
def test_exam002_approval_after_the_exam(reg, on, found):
    reg.edit(SESSION, "on: 2026-05-01", f"on: {on}")
    expected = [("EXAM-002", SESSION, reg.line_of(SESSION, "approval:"))] if found else []
    assert reg.problems(rule="EXAM-002") == expected


def test_exam002_not_the_leader_in_charge(reg):
    reg.edit(SESSION, "by: 赵华", "by: 李明")
    assert reg.problems(rule="EXAM-002") == [("EXAM-002", SESSION, reg.line_of(SESSION, "approval:"))]
    assert reg.messages("EXAM-002") == [
        "the Web前端开发 exam of 2026-06-12 was approved by 李明, but the leader in charge of 信息工程学院 is 赵华: "
        "the leader in charge must approve it"
    ]


def test_exam002_no_leader_in_charge_skips_the_approver_check(reg):
    reg.edit(SESSION, "by: 赵华", "by: 李明")
    reg.edit(COLLEGE, ", in_charge: true", "")
    assert reg.problems(rule="EXAM-002") == []


# --- EXAM-003 ---------------------------------------------------------------------------------


@pytest.mark.parametrize("date", ["2026-05-01", "2026-06-30"])
def test_exam003_batch_window_is_inclusive(reg, date):
    reg.edit(SESSION, "date: 2026-06-12", f"date: {date}")
    assert reg.problems(rule="EXAM-003") == []


@pytest.mark.parametrize("date", ["2026-04-30", "2026-07-01"])
def test_exam003_date_outside_the_batch(reg, date):
    reg.edit(SESSION, "date: 2026-06-12", f"date: {date}")
    assert reg.problems(rule="EXAM-003") == [("EXAM-003", SESSION, reg.line_of(SESSION, "date:"))]


def test_exam003_message(reg):
    reg.edit(SESSION, "date: 2026-06-12", "date: 2026-07-01")
    assert reg.messages("EXAM-003") == [
        "the exam date 2026-07-01 is outside batch 2026-1 of Web前端开发 (2026-05-01 to 2026-06-30): "
        "move the exam into the batch's window, or name the right batch"
    ]
    _zh_differs(reg, "EXAM-003")


def test_exam003_unknown_batch_is_reg004s(reg):
    reg.edit(SESSION, "batch: 2026-1", "batch: 2026-9")
    assert reg.problems(rule="EXAM-003") == []


# --- EXAM-004 ---------------------------------------------------------------------------------


@pytest.mark.parametrize("new", ["", 'inspector: ""\n', "inspector: '  '\n"])
def test_exam004_no_inspector(reg, new):
    reg.edit(SESSION, "inspector: 周芳\n", new)
    assert reg.problems(rule="EXAM-004") == [("EXAM-004", SESSION, 1)]
    assert reg.problems(as_of=EXAM_DAY, rule="EXAM-004") == [("EXAM-004", SESSION, 1)]
    assert reg.problems(as_of=DAY_BEFORE, rule="EXAM-004") == []


def test_exam004_message(reg):
    reg.edit(SESSION, "inspector: 周芳\n", "")
    assert reg.messages("EXAM-004") == [
        "the Web前端开发 exam of 2026-06-12 has no inspector recorded: write the organisation's inspector in inspector"
    ]
    _zh_differs(reg, "EXAM-004")


# --- EXAM-005 ---------------------------------------------------------------------------------


def test_exam005_not_reported(reg):
    reg.edit(SESSION, "results_reported_on: 2026-06-30\n", "")
    assert reg.problems(as_of=DUE, rule="EXAM-005") == []
    assert reg.problems(as_of=DUE + dt.timedelta(days=1), rule="EXAM-005") == [("EXAM-005", SESSION, 1)]
    assert _severities(reg, "EXAM-005") == ["error"]
    assert reg.messages("EXAM-005") == [
        "the results of the Web前端开发 exam of 2026-06-12 were due at the office by 2026-07-12 and are not reported: "
        "report them and record results_reported_on"
    ]
    _zh_differs(reg, "EXAM-005")


@pytest.mark.parametrize("on, found", [("2026-07-12", False), ("2026-07-13", True)])
def test_exam005_late_report_is_a_warning(reg, on, found):
    reg.edit(SESSION, "results_reported_on: 2026-06-30", f"results_reported_on: {on}")
    expected = [("EXAM-005", SESSION, reg.line_of(SESSION, "results_reported_on:"))] if found else []
    assert reg.problems(rule="EXAM-005") == expected
    assert _severities(reg, "EXAM-005") == (["warning"] if found else [])


def test_exam005_follows_the_policy_days(reg):
    reg.append("onex.yaml", "policy: {results_report_days: 10}\n")
    assert reg.problems(rule="EXAM-005") == [
        ("EXAM-005", SESSION, reg.line_of(SESSION, "results_reported_on:"))
    ]
    assert reg.messages("EXAM-005") == [
        "the results of the Web前端开发 exam of 2026-06-12 were reported on 2026-06-30, after they were due on 2026-06-22 "
        "(10 days after the exam)"
    ]


@pytest.mark.parametrize(
    "old, new", [("result: fail, score: 52", "result: pending"), (", result: fail, score: 52", "")]
)
def test_exam005_pending_after_reporting(reg, old, new):
    reg.edit(SESSION, old, new)
    expected = [("EXAM-005", SESSION, reg.line_of(SESSION, "李小红"))]
    assert reg.problems(rule="EXAM-005") == expected
    # SPEC §4.2: judged only once results_report_days (30) are past: due 2026-07-12
    assert reg.problems(as_of=DUE + dt.timedelta(days=1), rule="EXAM-005") == expected
    assert reg.problems(as_of=DUE, rule="EXAM-005") == []  # reported 2026-06-30, but not judged yet
    assert reg.messages("EXAM-005") == [
        "the results were reported on 2026-06-30 but candidate 李小红 (2024010124) is still pending: "
        "record the result (pass, fail or absent)"
    ]


# --- EXAM-006 ---------------------------------------------------------------------------------


@pytest.mark.parametrize("result", ["fail", "absent", "pending"])
def test_exam006_certificate_for_a_candidate_who_did_not_pass(reg, result):
    reg.edit(SESSION, "result: fail, score: 52", f"result: {result}, certificate_no: WF-2026-000125")
    assert reg.problems(rule="EXAM-006") == [("EXAM-006", SESSION, reg.line_of(SESSION, "李小红"))]


def test_exam006_not_passed_message(reg):
    reg.edit(SESSION, "result: fail, score: 52", "result: fail, certificate_no: WF-2026-000125")
    assert reg.messages("EXAM-006") == [
        "candidate 李小红 (2024010124) has certificate number WF-2026-000125 although the result is fail: "
        "only candidates who passed get a certificate; remove the number or correct the result"
    ]
    zh = reg.messages("EXAM-006", "zh")
    assert zh and "未通过" in zh[0]


def test_exam006_issued_by_someone_not_a_platform_admin(reg):
    reg.edit(SESSION, "certificates_issued: {by: 王丽", "certificates_issued: {by: 张伟")
    assert reg.problems(rule="EXAM-006") == [
        ("EXAM-006", SESSION, reg.line_of(SESSION, "certificates_issued:"))
    ]
    assert reg.messages("EXAM-006") == [
        "certificates of own exam site main-campus were issued by 张伟, who is not a platform administrator "
        "(office.platform_admins in onex.yaml: 王丽): the office's platform administrator must issue them"
    ]
    _zh_differs(reg, "EXAM-006")


def test_exam006_external_site_issues_its_own(reg):
    reg.edit(SESSION, "certificates_issued: {by: 王丽", "certificates_issued: {by: 张伟")
    reg.edit(SESSION, "site: main-campus", "site: external")
    assert reg.problems(rule="EXAM-006") == []


# --- the baseline is clean --------------------------------------------------------------------


def test_baseline_has_no_exam_problems(reg):
    assert [p for p in reg.problems() if p[0].startswith("EXAM-")] == []
