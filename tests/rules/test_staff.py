"""STAFF-001…004: certified teachers per major, qualification expiry, the staff plan (§4.3)."""

from __future__ import annotations

import datetime as dt

import pytest

ADOPTION = "colleges/info/certificates/web-frontend.yaml"
INSTRUCTORS = "colleges/info/instructors.yaml"
COLLEGE = "colleges/info/college.yaml"
STAFF_PLAN = "colleges/info/staff-plans/2026.yaml"

# Baseline: 510201 has three certified teachers for web-frontend: 张伟 (trainer), 刘洋 (examiner),
# 陈静 (trainer); 孙强 is part-time with no qualification.


def part_time(reg, name: str) -> None:
    """Make the instructor called `name` part-time (part-time teachers never count)."""
    text = reg.read(INSTRUCTORS)
    start = text.index(f"name: {name}\n")
    end = text.index("full_time", start) + len("full_time")
    reg.write(INSTRUCTORS, text[:start] + text[start:end].replace("full_time", "part_time") + text[end:])


def major_line(reg) -> int:
    return reg.line_of(ADOPTION, 'code: "510201"')


# --- STAFF-001 ---------------------------------------------------------------------------------


def test_staff001_below_minimum(reg):
    part_time(reg, "刘洋")
    part_time(reg, "陈静")
    assert reg.problems(rule="STAFF-001") == [("STAFF-001", ADOPTION, major_line(reg))]
    assert reg.problems(rule="STAFF-002") == []  # only one of the two per item


def test_staff001_message(reg):
    part_time(reg, "刘洋")
    part_time(reg, "陈静")
    assert reg.messages("STAFF-001") == [
        "计算机应用技术 (510201) has 1 certified teacher for Web前端开发 (张伟); the policy asks for at least 2 "
        "(§4.3.1): qualify full-time teachers of the major as trainers or examiners, or add the major to the "
        "majors of qualified full-time teachers"
    ]
    zh = reg.messages("STAFF-001", lang="zh")
    assert len(zh) == 1 and "张伟" in zh[0] and zh[0] != reg.messages("STAFF-001")[0]


def test_staff001_each_major_item(reg):
    # a major of the college (a code of no major would be REG-004 alone, SPEC §4.1)
    reg.edit("colleges/info/college.yaml", "courses:\n", '  - {code: "510299", name: "510299"}\ncourses:\n')
    reg.edit(
        ADOPTION,
        '  - {code: "510201", role: primary}\n',
        '  - {code: "510201", role: primary}\n  - {code: "510299", role: auxiliary}\n',
    )
    assert reg.problems(rule="STAFF-001") == [("STAFF-001", ADOPTION, reg.line_of(ADOPTION, "510299"))]
    assert "510299 (510299) has 0 certified teachers for Web前端开发 (none)" in reg.messages("STAFF-001")[0]


def test_staff001_policy_minimum(reg):
    reg.append("onex.yaml", "policy: {min_certified_per_major: 4, recommended_certified_per_major: 5}\n")
    assert reg.problems(rule="STAFF-001") == [("STAFF-001", ADOPTION, major_line(reg))]


@pytest.mark.parametrize(
    "old, new",
    [
        (
            'majors: ["510201"]\n    qualifications:\n      - {certificate: web-frontend, kind: examiner',
            "majors: []\n    qualifications:\n      - {certificate: web-frontend, kind: examiner",
        ),
        ("issued_on: 2024-03-01}", "issued_on: 2027-01-01}"),
        ("issued_on: 2024-03-01}", "issued_on: 2024-03-01, expires_on: 2026-12-30}"),
        (
            'employment: full_time\n    majors: ["510201"]\n    qualifications:\n      - {certificate: web-frontend, kind: examiner',
            'employment: part_time\n    majors: ["510201"]\n    qualifications:\n      - {certificate: web-frontend, kind: examiner',
        ),
    ],
    ids=["major-not-listed", "not-issued-yet", "expired", "part-time"],
)
def test_staff001_what_does_not_count(reg, old, new):
    """刘洋 (examiner) stops counting; with 陈静 part-time only 张伟 is left."""
    part_time(reg, "陈静")
    reg.edit(INSTRUCTORS, old, new)
    assert reg.problems(rule="STAFF-001") == [("STAFF-001", ADOPTION, major_line(reg))]


def test_staff001_qualification_expiring_on_as_of_counts(reg):
    part_time(reg, "陈静")
    reg.edit(INSTRUCTORS, "issued_on: 2024-03-01}", "issued_on: 2024-03-01, expires_on: 2026-12-31}")
    assert reg.problems(rule="STAFF-001") == []
    assert reg.problems(as_of=dt.date(2027, 1, 1), rule="STAFF-001") == [
        ("STAFF-001", ADOPTION, major_line(reg))
    ]


def test_staff001_retired_adoption_not_checked(reg):
    part_time(reg, "刘洋")
    part_time(reg, "陈静")
    reg.edit(ADOPTION, "status: active", "status: retired\nretired_on: 2026-06-30\nretirement_note: 停考")
    assert reg.problems(rule="STAFF-001") == []


# --- STAFF-002 ---------------------------------------------------------------------------------


def test_staff002_exactly_minimum(reg):
    part_time(reg, "陈静")
    assert reg.problems(rule="STAFF-002") == [("STAFF-002", ADOPTION, major_line(reg))]
    assert reg.problems(rule="STAFF-001") == []


def test_staff002_message(reg):
    part_time(reg, "陈静")
    assert reg.messages("STAFF-002") == [
        "计算机应用技术 (510201) has 2 certified teachers for Web前端开发 (张伟, 刘洋): the minimum of 2 is met, "
        "but the policy recommends 3 (§4.3.1); plan training for teachers of the major in the staff plan"
    ]
    zh = reg.messages("STAFF-002", lang="zh")
    assert zh and "张伟、刘洋" in zh[0] and zh[0] != reg.messages("STAFF-002")[0]


def test_staff002_recommended_reached(reg):
    assert reg.problems(rule="STAFF-002") == []


# --- STAFF-003 ---------------------------------------------------------------------------------

ZHANG = "expires_on: 2028-06-01}"


@pytest.mark.parametrize(
    "expires, warns",
    [("2026-12-30", True), ("2026-12-31", True), ("2027-03-31", True), ("2027-04-01", False)],
)
def test_staff003_window(reg, expires, warns):
    reg.edit(INSTRUCTORS, ZHANG, f"expires_on: {expires}}}")
    expected = [("STAFF-003", INSTRUCTORS, reg.line_of(INSTRUCTORS, "WF-T-0001"))] if warns else []
    assert reg.problems(rule="STAFF-003") == expected


def test_staff003_messages(reg):
    reg.edit(INSTRUCTORS, ZHANG, "expires_on: 2027-01-30}")
    reg.edit(INSTRUCTORS, "issued_on: 2024-03-01}", "issued_on: 2024-03-01, expires_on: 2026-12-01}")
    assert reg.messages("STAFF-003") == [
        "the trainer qualification of 张伟 (t2019001) for Web前端开发 expires on 2027-01-30 (30 days left): "
        "plan its renewal in the staff plan",
        "the examiner qualification of 刘洋 (t2020005) for Web前端开发 expired on 2026-12-01: "
        "record the renewed certificate, or remove the qualification",
    ]
    zh = reg.messages("STAFF-003", lang="zh")
    assert len(zh) == 2 and "还有 30 天" in zh[0] and "考评员" in zh[1]


def test_staff003_today(reg):
    reg.edit(INSTRUCTORS, ZHANG, "expires_on: 2026-12-31}")
    assert "expires on 2026-12-31 (today)" in reg.messages("STAFF-003")[0]


def test_staff003_part_time_and_policy_days(reg):
    reg.edit(
        INSTRUCTORS,
        "    qualifications: []",
        "    qualifications:\n      - {certificate: web-frontend, kind: trainer, issued_on: 2024-01-01, expires_on: 2027-01-10}",
    )
    line = reg.line_of(INSTRUCTORS, "expires_on: 2027-01-10")
    assert reg.problems(rule="STAFF-003") == [("STAFF-003", INSTRUCTORS, line)]
    reg.append("onex.yaml", "policy: {expiry_warning_days: 9}\n")
    assert reg.problems(rule="STAFF-003") == []


# --- STAFF-004 ---------------------------------------------------------------------------------


def test_staff004_no_staff_plan(reg):
    reg.remove(STAFF_PLAN)
    assert reg.problems(rule="STAFF-004") == [("STAFF-004", COLLEGE, 1)]
    assert reg.messages("STAFF-004") == [
        "信息工程学院 has active certificates (Web前端开发) but no staff plan for 2026: add "
        "colleges/info/staff-plans/2026.yaml and have the college leadership approve it (§4.3.2)"
    ]
    zh = reg.messages("STAFF-004", lang="zh")
    assert zh[0] and zh[0] != reg.messages("STAFF-004")[0]


def test_staff004_plan_of_as_of_year(reg):
    assert reg.problems(rule="STAFF-004") == []
    assert reg.problems(as_of=dt.date(2027, 1, 1), rule="STAFF-004") == [("STAFF-004", COLLEGE, 1)]


def test_staff004_not_approved(reg):
    reg.edit(STAFF_PLAN, "approval: {by: 李明, on: 2026-01-15}\n", "")
    assert reg.problems(rule="STAFF-004") == [("STAFF-004", STAFF_PLAN, 1)]
    assert reg.messages("STAFF-004") == [
        "the staff plan for 2026 has no approval: have the college leadership approve it and add "
        "approval: {by: name, on: date} (§4.3.2)"
    ]


def test_staff004_no_active_adoption(reg):
    reg.remove(STAFF_PLAN)
    reg.edit(ADOPTION, "status: active", "status: retired\nretired_on: 2026-06-30\nretirement_note: 停考")
    assert reg.problems(rule="STAFF-004") == []
