"""CURR-001…003: standards, module coverage and programmes of active certificates."""

from __future__ import annotations

import pytest

CERT = "colleges/info/certificates/web-frontend.yaml"
COLLEGE = "colleges/info/college.yaml"
JOB = "job_standard: {ref: 信息院〔2024〕3号, adopted_on: 2024-04-01}\n"
INTEGRATION = "integration_standard: {ref: 信息院〔2024〕4号, adopted_on: 2024-04-01}\n"
TRAINING_STANDARD = "training_standard: {ref: 信息院〔2024〕5号, adopted_on: 2024-04-01}\n"
TRAINED = "  前端框架: {courses: [], training: true}\n"
RETIRE = (
    "status: active\n",
    "status: retired\nretired_on: 2026-12-31\nretirement_note: 已报教务处更新备案\n",
)


def _zh_differs(reg, rule: str) -> None:
    zh, en = reg.messages(rule, "zh"), reg.messages(rule, "en")
    assert zh and all(zh) and zh != en


# --- CURR-001 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("removed", "count"), [(JOB, 1), (INTEGRATION, 1), (JOB + INTEGRATION, 2)])
def test_curr001_missing_standards(reg, removed, count):
    reg.edit(CERT, removed, "")
    assert reg.problems(rule="CURR-001") == [("CURR-001", CERT, 1)] * count


def test_curr001_message(reg):
    reg.edit(CERT, INTEGRATION, "")
    assert reg.messages("CURR-001") == [
        "the active certificate Web前端开发 (web-frontend) has no course–certificate integration standard: "
        "write one and record it as integration_standard with its ref and adopted_on (§4.2.1)"
    ]
    _zh_differs(reg, "CURR-001")


def test_curr001_retired_is_not_checked(reg):
    reg.edit(CERT, JOB + INTEGRATION, "")
    reg.edit(CERT, *RETIRE)
    assert reg.problems(rule="CURR-001") == []


# --- CURR-002 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("new", "needle"),
    [
        ("  前端框架: {courses: []}\n", "前端框架"),
        ("  前端框架: {courses: [], training: false}\n", "前端框架"),
        ("  前端框架:\n", "前端框架"),
        ("", "coverage:"),  # the module is not in coverage at all
    ],
)
def test_curr002_uncovered_module(reg, new, needle):
    reg.edit(CERT, TRAINED, new)
    assert reg.problems(rule="CURR-002") == [("CURR-002", CERT, reg.line_of(CERT, needle))]


def test_curr002_no_coverage_at_all(reg):
    reg.edit(CERT, "coverage:\n  网页设计: {courses: [WEB101]}\n" + TRAINED, "")
    assert reg.problems(rule="CURR-002") == [("CURR-002", CERT, 1), ("CURR-002", CERT, 1)]


def test_curr002_uncovered_message(reg):
    reg.edit(CERT, TRAINED, "  前端框架: {courses: []}\n")
    assert reg.messages("CURR-002") == [
        "module 前端框架 of Web前端开发 (web-frontend) is covered neither by a course nor by training: "
        "list the courses that cover it under coverage, or set training: true and plan pre-exam training (§4.2.1)"
    ]
    assert [p.severity for p in reg.result().problems if p.rule == "CURR-002"] == ["error"]
    _zh_differs(reg, "CURR-002")


def test_curr002_training_without_standard_is_one_warning(reg):
    reg.edit(CERT, "  网页设计: {courses: [WEB101]}\n", "  网页设计: {courses: [WEB101], training: true}\n")
    reg.edit(CERT, TRAINING_STANDARD, "")
    assert reg.problems(rule="CURR-002") == [("CURR-002", CERT, reg.line_of(CERT, "网页设计"))]
    problems = [p for p in reg.result().problems if p.rule == "CURR-002"]
    assert [p.severity for p in problems] == ["warning"]
    assert reg.messages("CURR-002") == [
        "modules of Web前端开发 (web-frontend) are covered by training (网页设计, 前端框架) but there is no training standard: "
        "write one and record it as training_standard with its ref and adopted_on (§4.2.1)"
    ]
    _zh_differs(reg, "CURR-002")


def test_curr002_courses_only_need_no_training_standard(reg):
    reg.edit(CERT, TRAINING_STANDARD, "")
    reg.edit(CERT, TRAINED, "  前端框架: {courses: [WEB101]}\n")
    assert reg.problems(rule="CURR-002") == []


def test_curr002_training_with_standard_covers(reg):
    assert reg.problems(rule="CURR-002") == []  # the baseline covers 前端框架 by training only


def test_curr002_retired_is_not_checked(reg):
    reg.edit(CERT, TRAINED, "")
    reg.edit(CERT, *RETIRE)
    assert reg.problems(rule="CURR-002") == []


# --- CURR-003 ---------------------------------------------------------------------------------

PROGRAMME = "    programme: {version: 2025, certificates: [web-frontend]}\n"


@pytest.mark.parametrize(
    ("new", "needle"),
    [
        ("    programme: {version: 2025, certificates: []}\n", "programme:"),
        ("    programme: {version: 2025, certificates: [cloud-ops]}\n", "programme:"),
        ("    programme:\n      version: 2025\n      certificates: []\n", "certificates:"),
        ("    programme:\n      version: 2025\n", "programme:"),
        ("", 'code: "510201"'),
    ],
)
def test_curr003_primary_missing_from_programme(reg, new, needle):
    reg.edit(COLLEGE, PROGRAMME, new)
    assert reg.problems(rule="CURR-003") == [("CURR-003", COLLEGE, reg.line_of(COLLEGE, needle))]


def test_curr003_message(reg):
    reg.edit(COLLEGE, PROGRAMME, "    programme: {version: 2025, certificates: []}\n")
    assert reg.messages("CURR-003") == [
        "the programme of 计算机应用技术 (510201) does not include its primary certificate Web前端开发 (web-frontend): "
        "add web-frontend to programme.certificates (§4.2.2)"
    ]
    _zh_differs(reg, "CURR-003")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("role: primary", "role: auxiliary"),  # auxiliary certificates need not be in the programme
        RETIRE,  # nor retired ones
    ],
)
def test_curr003_only_active_primaries(reg, old, new):
    reg.edit(COLLEGE, PROGRAMME, "    programme: {version: 2025, certificates: []}\n")
    reg.edit(CERT, old, new)
    assert reg.problems(rule="CURR-003") == []


def test_curr003_listed_is_fine(reg):
    assert reg.problems(rule="CURR-003") == []
