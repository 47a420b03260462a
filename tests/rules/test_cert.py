"""CERT-001…005: adoptions are filed, retired properly, list majors, and have one primary each."""

from __future__ import annotations

import pytest

CERT = "colleges/info/certificates/web-frontend.yaml"
CLOUD = "colleges/info/certificates/cloud-ops.yaml"
TRAINING = "colleges/info/trainings/2026/web-mid-spring.yaml"
SESSION = "colleges/info/sessions/2026/web-mid-june.yaml"
PRIMARY = '  - {code: "510201", role: primary}\n'


def _zh_differs(reg, rule: str) -> None:
    zh, en = reg.messages(rule, "zh"), reg.messages(rule, "en")
    assert zh and all(zh) and zh != en


def _add_cloud_ops(reg, role: str = "primary", status: str = "active") -> None:
    """A second adoption in info listing 510201 with `role`."""
    retired = "retired_on: 2026-01-20\nretirement_note: 已报教务处更新备案\n" if status == "retired" else ""
    reg.write(
        CLOUD,
        f"lead: t2019001\nstatus: {status}\nfiled_on: 2024-03-15\n{retired}levels: [junior]\n"
        f'majors:\n  - {{code: "510201", role: {role}}}\n'
        "job_standard: {ref: 信息院〔2024〕6号, adopted_on: 2024-04-01}\n"
        "integration_standard: {ref: 信息院〔2024〕7号, adopted_on: 2024-04-01}\n"
        "coverage:\n  云平台部署: {courses: [WEB101]}\n",
    )


# --- CERT-001 ---------------------------------------------------------------------------------


def test_cert001_no_filed_on(reg):
    reg.edit(CERT, "filed_on: 2024-03-15\n", "")
    assert reg.problems(rule="CERT-001") == [("CERT-001", CERT, 1)]
    assert reg.messages("CERT-001") == [
        "the adoption of Web前端开发 (web-frontend) has no filed_on: file it with the Academic Affairs Office and write the filing date (§4.1)"
    ]
    _zh_differs(reg, "CERT-001")


@pytest.mark.parametrize(
    ("filed_on", "expected"),
    [
        ("2026-04-01", []),  # the training starts on the filing day: fine
        ("2026-04-02", [TRAINING]),
        ("2026-06-12", [TRAINING]),  # the exam is on the filing day: fine
        ("2026-06-13", [SESSION, TRAINING]),
    ],
)
def test_cert001_used_before_filing(reg, filed_on, expected):
    reg.edit(CERT, "filed_on: 2024-03-15", f"filed_on: {filed_on}")
    lines = {TRAINING: reg.line_of(TRAINING, "start:"), SESSION: reg.line_of(SESSION, "date:")}
    assert sorted(reg.problems(rule="CERT-001")) == [("CERT-001", f, lines[f]) for f in expected]


def test_cert001_message_before_filing(reg):
    reg.edit(CERT, "filed_on: 2024-03-15", "filed_on: 2026-05-01")
    assert reg.messages("CERT-001") == [
        "the training of Web前端开发 (web-frontend) is dated 2026-04-01, before the certificate was filed with the office on 2026-05-01 "
        f"({CERT}): a certificate is filed before it is trained or examined, so correct the date, or filed_on if it was filed earlier (§4.1)"
    ]
    _zh_differs(reg, "CERT-001")


# --- CERT-002 ---------------------------------------------------------------------------------


def test_cert002_retired_without_date_and_note(reg):
    reg.edit(CERT, "status: active", "status: retired")
    line = reg.line_of(CERT, "status:")
    assert reg.problems(rule="CERT-002") == [("CERT-002", CERT, line), ("CERT-002", CERT, line)]
    assert sorted(reg.messages("CERT-002")) == [
        "Web前端开发 (web-frontend) is retired but has no retired_on: write the date it was retired (§4.1)",
        "Web前端开发 (web-frontend) is retired but has no retirement_note: write the explanation filed with the office (§4.1)",
    ]
    _zh_differs(reg, "CERT-002")


@pytest.mark.parametrize(
    ("extra", "count"),
    [
        ("retired_on: 2026-12-31\nretirement_note: 已报教务处更新备案\n", 0),
        ("retired_on: 2026-12-31\n", 1),
        ('retired_on: 2026-12-31\nretirement_note: "  "\n', 1),  # a blank note explains nothing
        ("retirement_note: 已报教务处更新备案\n", 1),
    ],
)
def test_cert002_fields(reg, extra, count):
    reg.edit(CERT, "status: active\n", "status: retired\n" + extra)
    assert reg.problems(rule="CERT-002") == [("CERT-002", CERT, 2)] * count


def test_cert002_active_needs_neither(reg):
    assert reg.problems(rule="CERT-002") == []


# --- CERT-003 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("retired_on", "expected"),
    [
        ("2026-06-12", []),  # the exam is on the retirement day: fine
        ("2026-06-11", [SESSION]),
        ("2026-04-01", [SESSION]),  # the training starts on the retirement day: fine
        ("2026-03-31", [SESSION, TRAINING]),
    ],
)
def test_cert003_used_after_retirement(reg, retired_on, expected):
    reg.edit(
        CERT,
        "status: active\n",
        f"status: retired\nretired_on: {retired_on}\nretirement_note: 已报教务处更新备案\n",
    )
    lines = {TRAINING: reg.line_of(TRAINING, "start:"), SESSION: reg.line_of(SESSION, "date:")}
    assert sorted(reg.problems(rule="CERT-003")) == [("CERT-003", f, lines[f]) for f in expected]


def test_cert003_without_retired_on_is_cert002s(reg):
    reg.edit(CERT, "status: active\n", "status: retired\n")
    assert reg.problems(rule="CERT-003") == []


def test_cert003_message(reg):
    reg.edit(
        CERT,
        "status: active\n",
        "status: retired\nretired_on: 2026-06-01\nretirement_note: 已报教务处更新备案\n",
    )
    assert reg.messages("CERT-003") == [
        "the exam session of Web前端开发 (web-frontend) is dated 2026-06-12, after the certificate was retired on 2026-06-01 "
        f"({CERT}): a retired certificate is no longer trained or examined, so correct the date, or file the certificate with the office again (§4.1)"
    ]
    _zh_differs(reg, "CERT-003")


# --- CERT-004 ---------------------------------------------------------------------------------


def test_cert004_empty_majors(reg):
    reg.edit(CERT, "majors:\n" + PRIMARY, "majors: []\n")
    assert reg.problems(rule="CERT-004") == [("CERT-004", CERT, reg.line_of(CERT, "majors:"))]
    assert reg.messages("CERT-004") == [
        "the adoption of Web前端开发 (web-frontend) lists no major: list the majors it serves in majors, each with its role (primary or auxiliary) (§2.1)"
    ]
    _zh_differs(reg, "CERT-004")


def test_cert004_no_majors_key(reg):
    reg.edit(CERT, "majors:\n" + PRIMARY, "")
    assert reg.problems(rule="CERT-004") == [("CERT-004", CERT, 1)]


def test_cert004_retired_too(reg):
    reg.edit(
        CERT,
        "status: active\nfiled_on: 2024-03-15\n",
        "status: retired\nfiled_on: 2024-03-15\nretired_on: 2026-12-31\nretirement_note: 已报备\n",
    )
    reg.edit(CERT, "majors:\n" + PRIMARY, "majors: []\n")
    assert reg.problems(rule="CERT-004") == [("CERT-004", CERT, reg.line_of(CERT, "majors:"))]


def test_cert004_one_major_is_enough(reg):
    assert reg.problems(rule="CERT-004") == []


# --- CERT-005 ---------------------------------------------------------------------------------


COLLEGE_FILE = "colleges/info/college.yaml"


def test_cert005_two_primaries(reg):
    _add_cloud_ops(reg)  # cloud-ops sorts before web-frontend: it stands, web-frontend is reported
    # SPEC §4.2: located at the major's entry in college.yaml
    assert reg.problems(rule="CERT-005") == [
        ("CERT-005", COLLEGE_FILE, reg.line_of(COLLEGE_FILE, '"510201"'))
    ]
    assert reg.messages("CERT-005") == [
        "Web前端开发 (web-frontend) is a primary certificate of 计算机应用技术 (510201), and so is 云计算平台运维与开发: "
        "a major has one primary certificate, make the others auxiliary (§2.2)"
    ]
    _zh_differs(reg, "CERT-005")


@pytest.mark.parametrize(("role", "status"), [("auxiliary", "active"), ("primary", "retired")])
def test_cert005_exactly_one_primary(reg, role, status):
    _add_cloud_ops(reg, role=role, status=status)
    assert reg.problems(rule="CERT-005") == []


def test_cert005_no_primary(reg):
    _add_cloud_ops(reg, role="auxiliary")
    reg.edit(CERT, "role: primary", "role: auxiliary")
    assert reg.problems(rule="CERT-005") == [
        ("CERT-005", COLLEGE_FILE, reg.line_of(COLLEGE_FILE, '"510201"'))
    ]
    assert reg.messages("CERT-005") == [
        "计算机应用技术 (510201) has active certificates (云计算平台运维与开发, Web前端开发) but no primary one: "
        "set role: primary on the one for its main job role (§2.2)"
    ]
    _zh_differs(reg, "CERT-005")


def test_cert005_retired_primary_does_not_count(reg):
    _add_cloud_ops(reg, role="primary", status="retired")
    reg.edit(CERT, "role: primary", "role: auxiliary")
    assert reg.problems(rule="CERT-005") == [
        ("CERT-005", COLLEGE_FILE, reg.line_of(COLLEGE_FILE, '"510201"'))
    ]
