"""TRAIN-001…003: pre-exam training approval, trainer team, inspection (§4.5)."""

from __future__ import annotations

import datetime as dt

import pytest

TRAINING = "colleges/info/trainings/2026/web-mid-spring.yaml"
INSTRUCTORS = "colleges/info/instructors.yaml"
COLLEGE = "colleges/info/college.yaml"
APPROVAL = "approval: {by: 赵华, on: 2026-03-20}"

# Baseline training: web-frontend, team [t2019001 张伟, t2021003 陈静] (both trainers),
# 2026-04-01 to 2026-04-20, approved by 赵华 (in charge) on 2026-03-20, inspected on 2026-04-10.


# --- TRAIN-001 ---------------------------------------------------------------------------------


def test_train001_no_approval(reg):
    reg.edit(TRAINING, APPROVAL + "\n", "")
    assert reg.problems(rule="TRAIN-001") == [("TRAIN-001", TRAINING, 1)]
    assert reg.messages("TRAIN-001") == [
        "the training started on 2026-04-01 with no approval: the leader in charge (赵华) must approve it "
        "before it starts; record approval: {by: name, on: date} (§4.5)"
    ]
    zh = reg.messages("TRAIN-001", lang="zh")
    assert zh[0] and "赵华" in zh[0] and zh[0] != reg.messages("TRAIN-001")[0]


@pytest.mark.parametrize("as_of, found", [(dt.date(2026, 3, 31), False), (dt.date(2026, 4, 1), True)])
def test_train001_only_once_started(reg, as_of, found):
    reg.edit(TRAINING, APPROVAL + "\n", "")
    assert reg.problems(as_of=as_of, rule="TRAIN-001") == ([("TRAIN-001", TRAINING, 1)] if found else [])


@pytest.mark.parametrize("on, late", [("2026-04-01", False), ("2026-04-02", True)])
def test_train001_approved_after_start(reg, on, late):
    reg.edit(TRAINING, "on: 2026-03-20", f"on: {on}")
    line = reg.line_of(TRAINING, "approval:")
    assert reg.problems(rule="TRAIN-001") == ([("TRAIN-001", TRAINING, line)] if late else [])


def test_train001_wrong_approver_and_late(reg):
    reg.edit(TRAINING, APPROVAL, "approval:\n  by: 李明\n  on: 2026-04-03")
    assert reg.problems(rule="TRAIN-001") == [
        ("TRAIN-001", TRAINING, reg.line_of(TRAINING, "by: 李明")),
        ("TRAIN-001", TRAINING, reg.line_of(TRAINING, "on: 2026-04-03")),
    ]
    assert sorted(reg.messages("TRAIN-001")) == [
        "the training was approved by 李明, but the leader in charge of 信息工程学院 is 赵华: 赵华 must approve it (§4.5)",
        "the training was approved on 2026-04-03, after it started on 2026-04-01: it must be approved before it starts (§4.5)",
    ]


def test_train001_no_leader_in_charge_skips_approver(reg):
    reg.edit(TRAINING, "by: 赵华", "by: 李明")
    reg.edit(COLLEGE, ", in_charge: true", "")
    assert reg.problems(rule="TRAIN-001") == []


# --- TRAIN-002 ---------------------------------------------------------------------------------


def block_team(reg, *members: str) -> None:
    reg.edit(TRAINING, "team: [t2019001, t2021003]", "team:\n" + "\n".join(f"  - {m}" for m in members))


def test_train002_examiner_does_not_count(reg):
    block_team(reg, "t2019001", "t2020005")
    assert reg.problems(rule="TRAIN-002") == [("TRAIN-002", TRAINING, reg.line_of(TRAINING, "- t2020005"))]
    assert reg.messages("TRAIN-002") == [
        "team member 刘洋 (t2020005) holds no trainer qualification for Web前端开发 valid on 2026-04-01 "
        "(an examiner qualification does not count): replace them with a qualified trainer, or record their "
        "qualification (§4.5)"
    ]
    zh = reg.messages("TRAIN-002", lang="zh")
    assert "考评员" in zh[0] and zh[0] != reg.messages("TRAIN-002")[0]


@pytest.mark.parametrize(
    "old, new, error",
    [
        ("issued_on: 2024-09-01", "issued_on: 2026-04-01", False),
        ("issued_on: 2024-09-01", "issued_on: 2026-04-02", True),
        (
            "issued_on: 2024-09-01, expires_on: 2029-09-01",
            "issued_on: 2024-09-01, expires_on: 2026-04-01",
            False,
        ),
        (
            "issued_on: 2024-09-01, expires_on: 2029-09-01",
            "issued_on: 2024-09-01, expires_on: 2026-03-31",
            True,
        ),
    ],
    ids=["issued-on-start", "issued-after-start", "expires-on-start", "expired-before-start"],
)
def test_train002_valid_on_start(reg, old, new, error):
    reg.edit(INSTRUCTORS, old, new)
    block_team(reg, "t2019001", "t2021003")
    expected = [("TRAIN-002", TRAINING, reg.line_of(TRAINING, "- t2021003"))] if error else []
    assert reg.problems(rule="TRAIN-002") == expected


def test_train002_expired_trainer_message(reg):
    reg.edit(INSTRUCTORS, "expires_on: 2029-09-01", "expires_on: 2026-03-31")
    assert reg.messages("TRAIN-002") == [
        "team member 陈静 (t2021003) holds no trainer qualification for Web前端开发 valid on 2026-04-01 "
        "(their trainer qualification runs 2024-09-01 to 2026-03-31): replace them with a qualified trainer, "
        "or record their qualification (§4.5)"
    ]


def test_train002_part_time_trainer_counts(reg):
    reg.edit(
        INSTRUCTORS,
        "    qualifications: []",
        "    qualifications:\n      - {certificate: web-frontend, kind: trainer, issued_on: 2025-01-01}",
    )
    block_team(reg, "t2019001", "p001")
    assert reg.problems(rule="TRAIN-002") == []


def test_train002_unknown_member_is_reg004s(reg):
    block_team(reg, "t2019001", "t9999999")
    assert reg.problems(rule="TRAIN-002") == []


def test_train002_future_training_checked(reg):
    block_team(reg, "t2019001", "p001")
    expected = [("TRAIN-002", TRAINING, reg.line_of(TRAINING, "- p001"))]
    assert reg.problems(as_of=dt.date(2026, 1, 1), rule="TRAIN-002") == expected


# --- TRAIN-003 ---------------------------------------------------------------------------------

INSPECTIONS = "inspections:\n  - {on: 2026-04-10, by: 王丽, note: 抽查课堂}\n"


def test_train003_no_inspections_key(reg):
    reg.edit(TRAINING, INSPECTIONS, "")
    assert reg.problems(rule="TRAIN-003") == [("TRAIN-003", TRAINING, 1)]
    assert reg.messages("TRAIN-003") == [
        "the training ended on 2026-04-20 with no inspection recorded: record the Academic Affairs Office's "
        "inspections (date, inspector) (§4.5)"
    ]
    zh = reg.messages("TRAIN-003", lang="zh")
    assert zh[0] and zh[0] != reg.messages("TRAIN-003")[0]


def test_train003_empty_inspections(reg):
    reg.edit(TRAINING, INSPECTIONS, "inspections: []\n")
    assert reg.problems(rule="TRAIN-003") == [("TRAIN-003", TRAINING, reg.line_of(TRAINING, "inspections"))]


@pytest.mark.parametrize("as_of, found", [(dt.date(2026, 4, 20), False), (dt.date(2026, 4, 21), True)])
def test_train003_only_once_finished(reg, as_of, found):
    reg.edit(TRAINING, INSPECTIONS, "")
    assert reg.problems(as_of=as_of, rule="TRAIN-003") == ([("TRAIN-003", TRAINING, 1)] if found else [])
