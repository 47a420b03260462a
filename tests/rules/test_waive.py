"""WAIVE-001 and waivers: severity overrides, marking, expiry, narrowing."""

from __future__ import annotations

import datetime as dt

import pytest

SESSION = "colleges/info/sessions/2026/web-mid-june.yaml"


def _break_site(reg):
    reg.edit(SESSION, "site: main-campus", "site: nowhere")


def test_waiver_marks_the_problem_and_it_no_longer_counts(reg):
    _break_site(reg)
    reg.append(
        "onex.yaml",
        """
        waivers:
          - {rule: REG-004, college: info, file: colleges/info/sessions/2026/web-mid-june.yaml, reason: 站点待建, approved_by: 王丽, expires_on: 2027-06-30}
    """,
    )
    result = reg.result()
    [problem] = result.problems
    assert (problem.rule, problem.waived, problem.waiver) == ("REG-004", True, 0)
    assert result.errors == 0 and result.waived == 1 and result.exit_code() == 0


def test_waiver_for_another_college_does_not_match_and_is_reported(reg):
    _break_site(reg)
    reg.write(
        "colleges/mech/college.yaml", "name: 机械工程学院\nleaders:\n  - {name: 钱进, in_charge: true}\n"
    )
    reg.append(
        "onex.yaml",
        """
        waivers:
          - {rule: REG-004, college: mech, reason: 站点待建, approved_by: 王丽, expires_on: 2027-06-30}
    """,
    )
    line = reg.line_of("onex.yaml", "rule: REG-004")
    assert reg.problems() == [
        ("REG-004", SESSION, reg.line_of(SESSION, "site:")),
        ("WAIVE-001", "onex.yaml", line),
    ]
    assert reg.messages("WAIVE-001") == [
        "the waiver of REG-004 matches no problem: remove it if the problem is solved, otherwise check its college and file"
    ]


def test_expired_waiver_no_longer_applies(reg):
    _break_site(reg)
    reg.append(
        "onex.yaml",
        """
        waivers:
          - {rule: REG-004, reason: 站点待建, approved_by: 王丽, expires_on: 2026-12-30}
    """,
    )
    line = reg.line_of("onex.yaml", "rule: REG-004")
    assert ("WAIVE-001", "onex.yaml", line) in reg.problems()
    assert ("REG-004", SESSION, reg.line_of(SESSION, "site:")) in reg.problems()
    assert reg.messages("WAIVE-001")[0].startswith("the waiver of REG-004 expired on 2026-12-30")


def test_waiver_expiring_on_the_as_of_date_still_applies(reg):
    _break_site(reg)
    reg.append(
        "onex.yaml",
        """
        waivers:
          - {rule: REG-004, file: colleges/info/sessions/, reason: 站点待建, approved_by: 王丽, expires_on: 2026-12-31}
    """,
    )
    assert reg.problems() == []
    assert reg.problems(as_of=dt.date(2027, 1, 1)) != []


def test_severity_override(reg):
    _break_site(reg)
    reg.append(
        "onex.yaml",
        """
        policy:
          severity: {REG-004: warning}
    """,
    )
    [problem] = reg.result().problems
    assert problem.severity == "warning"


def test_a_crashing_rule_becomes_a_problem(reg, monkeypatch):
    from onex.rules import BY_ID

    def boom(registry, context):
        raise ZeroDivisionError("division by zero")
        yield

    monkeypatch.setattr(BY_ID["REG-004"], "check", boom)
    [problem] = reg.result().problems
    assert problem.rule == "REG-004" and problem.severity == "error"
    assert "ZeroDivisionError" in problem.text("en")


def test_waiver_for_a_college_that_does_not_exist_is_only_unused(reg):
    reg.append(
        "onex.yaml",
        """
        waivers:
          - {rule: STAFF-001, college: mech, reason: 新引入证书, approved_by: 王丽, expires_on: 2027-06-30}
    """,
    )
    assert reg.problems() == [("WAIVE-001", "onex.yaml", reg.line_of("onex.yaml", "rule: STAFF-001"))]


# --- SPEC §4.2: a waiver needs reason, approved_by and expires_on -------------------------------

ADOPTION = "colleges/info/certificates/web-frontend.yaml"


@pytest.mark.parametrize("field", ["reason", "approved_by", "expires_on"])
def test_a_waiver_without_a_required_field_is_reg002_and_waives_nothing(reg, field):
    waiver = {
        "reason": "reason: 待定",
        "approved_by": "approved_by: 王丽",
        "expires_on": "expires_on: 2027-06-30",
    }
    del waiver[field]
    reg.append("onex.yaml", "waivers:\n  - {rule: CURR-001, " + ", ".join(waiver.values()) + "}\n")
    reg.edit(ADOPTION, "job_standard: {ref: 信息院〔2024〕3号, adopted_on: 2024-04-01}\n", "")
    found = reg.problems()
    assert ("REG-002", "onex.yaml", reg.line_of("onex.yaml", "CURR-001")) in found
    assert ("CURR-001", ADOPTION, 1) in found  # not waived
    assert not any(rule == "WAIVE-001" for rule, _file, _line in found)


def test_a_waiver_with_every_required_field_waives(reg):
    reg.append(
        "onex.yaml",
        "waivers:\n  - {rule: CURR-001, reason: 待定, approved_by: 王丽, expires_on: 2027-06-30}\n",
    )
    reg.edit(ADOPTION, "job_standard: {ref: 信息院〔2024〕3号, adopted_on: 2024-04-01}\n", "")
    assert reg.problems() == []
