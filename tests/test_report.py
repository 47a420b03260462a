"""`onex report`: every figure against a small registry worked out by hand, and every format.

The small registry is the baseline plus the edits in `small()`; the comments there give each
candidate, training and adoption, and the expected figures below are computed from them by hand.
Problem counts of policy rules are not asserted here (the rules have their own tests): the
problems section is tested with hand-made problems, and against the engine for consistency.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from onex.problems import Problem

GOLDEN = Path(__file__).parent / "golden"
AS_OF = dt.date(2026, 12, 31)


def registry_of(reg):
    from onex.load import load
    from onex.registry import Registry

    return Registry(load(reg.root))


def build(reg, year=2026, as_of=AS_OF, **options):
    from onex.report.build import build_report

    return build_report(registry_of(reg), year, as_of, **options)


def small(reg):
    """The baseline (college info, web-frontend, session web-mid-june: 王小明 pass, 李小红 fail,
    赵小刚 absent, 钱小芳 of major 530302 pass and student-paid; training web-mid-spring 32 h,
    4 participants, inspected) and these edits."""
    reg.edit("onex.yaml", "fee_budget: {2026: 10000}", "fee_budget: {2025: 2000, 2026: 10000}")
    # the catalogue: big-data (junior 350) and a 2025 batch
    reg.edit(
        "orgs/edu-tech.yaml",
        "batches:\n",
        "  big-data:\n    name: 大数据应用开发\n    levels: {junior: {fee: 350}}\n    modules: [数据采集]\nbatches:\n"
        "  - {id: 2025-1, from: 2025-05-01, to: 2025-06-30}\n",
    )
    # 刘洋's examiner qualification expires on 2026-10-01: web-frontend has 2 certified teachers at the
    # end of 2026 (张伟, 陈静), 3 at the end of 2025. 孙强 is part-time: his cloud-ops one never counts.
    reg.edit(
        "colleges/info/instructors.yaml",
        "issued_on: 2024-03-01}",
        "issued_on: 2024-03-01, expires_on: 2026-10-01}",
    )
    reg.edit(
        "colleges/info/instructors.yaml",
        "    qualifications: []",
        "    qualifications:\n      - {certificate: cloud-ops, kind: trainer, issued_on: 2025-01-01}",
    )
    # cloud-ops adopted in 2026 (auxiliary for 510201, no certified teacher); big-data retired in 2026
    reg.write(
        "colleges/info/certificates/cloud-ops.yaml",
        """
        lead: t2019001
        status: active
        filed_on: 2026-02-01
        levels: [junior]
        majors:
          - {code: "510201", role: auxiliary}
        coverage:
          云平台部署: {courses: [], training: true}
        """,
    )
    reg.write(
        "colleges/info/certificates/big-data.yaml",
        """
        lead: t2019001
        status: retired
        filed_on: 2023-01-01
        retired_on: 2026-09-30
        retirement_note: 专业调整，改为引入云计算证书
        levels: [junior]
        majors:
          - {code: "510201", role: auxiliary}
        """,
    )
    # web-mid-june (intermediate, 400 yuan, own site, certificates issued) gains two candidates:
    # 孙小雨, not enrolled, passes (student-paid); 周小杰 is still pending (school-funded).
    reg.edit(
        "colleges/info/sessions/2026/web-mid-june.yaml",
        "fee_payer: student}\n",
        "fee_payer: student}\n"
        '  - {student: "2023010001", name: 孙小雨, major: "510201", enrolled: false, result: pass, certificate_no: WF-2026-000125}\n'
        '  - {student: "2024010126", name: 周小杰, major: "510201", result: pending}\n',
    )
    # a junior session (300 yuan) at an external site: 2 pass (one certificate not yet issued), 1 fail
    reg.write(
        "colleges/info/sessions/2026/web-junior-nov.yaml",
        """
        certificate: web-frontend
        level: junior
        batch: 2026-2
        date: 2026-11-20
        site: external
        candidates:
          - {student: "2025010001", name: 甲, major: "510201", result: pass, score: 90, certificate_no: WF-2026-000200}
          - {student: "2025010002", name: 乙, major: "510201", result: pass, score: 70}
          - {student: "2025010003", name: 丙, major: "510201", result: fail, score: 40}
        """,
    )
    # 2025: one session (2 pass, 1 fail, 1 absent, all school-funded at 400) and one training
    reg.write(
        "colleges/info/sessions/2025/web-mid-2025.yaml",
        """
        certificate: web-frontend
        level: intermediate
        batch: 2025-1
        date: 2025-06-10
        site: main-campus
        candidates:
          - {student: "2023010011", name: 丁, major: "510201", result: pass}
          - {student: "2023010012", name: 戊, major: "510201", result: pass}
          - {student: "2023010013", name: 己, major: "510201", result: fail}
          - {student: "2023010014", name: 庚, major: "510201", result: absent}
        """,
    )
    reg.write(
        "colleges/info/trainings/2025/web-2025.yaml",
        """
        certificate: web-frontend
        team: [t2019001]
        hours: 24
        start: 2025-04-01
        end: 2025-04-20
        participants: 20
        """,
    )
    # a 2026 cloud-ops training: 16 h, 10 participants, never inspected
    reg.write(
        "colleges/info/trainings/2026/cloud-spring.yaml",
        """
        certificate: cloud-ops
        team: [t2019001]
        hours: 16
        start: 2026-04-01
        end: 2026-04-10
        participants: 10
        """,
    )
    # a second college, econ, adopted cloud-ops in 2026 for its major 530301 only (no certified teacher).
    # Its cloud-ops junior session (350 yuan) has two students of 530302, which no adoption lists
    # (student-paid; one pass, one fail), and one of 510201, which info's cloud-ops adoption lists:
    # school-funded (a match in any college counts), pass.
    reg.write(
        "colleges/econ/college.yaml",
        """
        name: 经济管理学院
        leaders:
          - {name: 吴刚, role: 院长, in_charge: true}
        working_group: [吴刚]
        exam_group: [吴刚]
        majors:
          - {code: "530301", name: 财务管理}
          - {code: "530302", name: 大数据与会计}
        """,
    )
    reg.write(
        "colleges/econ/certificates/cloud-ops.yaml",
        """
        status: active
        filed_on: 2026-01-10
        levels: [junior]
        majors:
          - {code: "530301", role: primary}
        coverage:
          云平台部署: {courses: [], training: true}
        """,
    )
    reg.write(
        "colleges/econ/sessions/2026/cloud-junior.yaml",
        """
        certificate: cloud-ops
        level: junior
        batch: 2026-1
        date: 2026-06-20
        site: external
        candidates:
          - {student: "2024030001", name: 辛, major: "530302", result: pass, certificate_no: CO-2026-1, fee_payer: student}
          - {student: "2024030002", name: 壬, major: "530302", result: fail, fee_payer: student}
          - {student: "2024010999", name: 癸, major: "510201", result: pass, certificate_no: CO-2026-2}
        """,
    )
    return reg


def rows(items, *fields):
    return [tuple(getattr(item, f) for f in fields) for item in items]


# --- the figures of the small registry -------------------------------------------------------


def test_small_registry_is_read_whole(reg):
    """No REG problem: every figure below comes from every file written."""
    small(reg)
    assert [p for p in reg.problems() if p[0].startswith("REG")] == []


def test_certificates(reg):
    report = build(small(reg))
    # econ: cloud-ops filed on 2026-01-10
    # info: big-data retired on 2026-09-30, cloud-ops filed on 2026-02-01, web-frontend since 2024
    assert rows(
        report.certificates, "college", "certificate", "active", "adopted_in_year", "retired_in_year"
    ) == [
        ("econ", "cloud-ops", True, True, False),
        ("info", "big-data", False, False, True),
        ("info", "cloud-ops", True, True, False),
        ("info", "web-frontend", True, False, False),
    ]
    info, econ = (
        {c.college: c.totals for c in report.colleges}["info"],
        {c.college: c.totals for c in report.colleges}["econ"],
    )
    assert (info.active_certificates, info.adopted, info.retired) == (2, 1, 1)
    assert (econ.active_certificates, econ.adopted, econ.retired) == (1, 1, 0)
    assert (report.total.active_certificates, report.total.adopted, report.total.retired) == (3, 2, 1)


def test_certificates_of_an_earlier_year_use_its_last_day(reg):
    report = build(small(reg), year=2025)
    assert report.reference_day == dt.date(2025, 12, 31)
    # cloud-ops was not filed yet; big-data was still active
    assert rows(report.certificates, "certificate", "active", "retired_in_year") == [
        ("big-data", True, False),
        ("web-frontend", True, False),
    ]


def test_certified_teachers(reg):
    report = build(small(reg))
    # econ has no instructors.yaml: 0 for 530301. info cloud-ops: nobody full-time (孙强 is part-time)
    # -> below 2; info web-frontend: 张伟, 陈静 (刘洋's qualification expired) -> below 3
    assert rows(
        report.teachers,
        "major",
        "certificate",
        "role",
        "certified",
        "teachers",
        "minimum",
        "recommended",
        "standing",
    ) == [
        ("530301", "cloud-ops", "primary", 0, [], 2, 3, "below_minimum"),
        ("510201", "cloud-ops", "auxiliary", 0, [], 2, 3, "below_minimum"),
        ("510201", "web-frontend", "primary", 2, ["张伟", "陈静"], 2, 3, "below_recommended"),
    ]
    info = report.colleges[1].totals
    assert (info.pairs, info.pairs_below_minimum, info.pairs_below_recommended) == (2, 1, 1)
    assert (report.total.pairs, report.total.pairs_below_minimum, report.total.pairs_below_recommended) == (
        3,
        2,
        1,
    )


def test_certified_teachers_of_a_major_that_does_not_exist_are_not_counted(reg, cli):
    """A majors item naming no major of the college is REG-004; the report, like STAFF-001, counts
    nothing for it (SPEC §4.1) instead of showing it below the minimum."""
    adoption = "colleges/info/certificates/cloud-ops.yaml"
    small(reg).edit(
        adoption,
        '  - {code: "510201", role: auxiliary}\n',
        '  - {code: "510201", role: auxiliary}\n  - {code: "999999", role: auxiliary}\n',
    )
    assert ("REG-004", adoption, reg.line_of(adoption, "999999")) in reg.problems()
    report = build(reg)
    assert [row.major for row in report.teachers] == ["530301", "510201", "510201"]
    code, out, err = cli("report", "--registry", reg.root, "--as-of", "2026-12-31", "--format", "json")
    assert code == 0, err
    assert "999999" not in [row["major"] for row in json.loads(out)["teachers"]]


def test_certified_teachers_at_an_earlier_as_of(reg):
    # as of 2025-12-31: big-data still active (0 teachers), web-frontend has 刘洋 too (3, ok)
    report = build(small(reg), year=2025)
    assert rows(report.teachers, "certificate", "certified", "standing") == [
        ("big-data", 0, "below_minimum"),
        ("web-frontend", 3, "ok"),
    ]


def test_trainings(reg):
    report = build(small(reg))
    # 2026 only: cloud-spring 16 h / 10, not inspected; web-mid-spring 32 h / 4, inspected (web-2025 is 2025)
    assert rows(report.trainings, "certificate", "trainings", "hours", "participants", "inspected") == [
        ("cloud-ops", 1, 16, 10, 0),
        ("web-frontend", 1, 32, 4, 1),
    ]
    total = report.trainings_total
    assert (total.trainings, total.hours, total.participants, total.inspected) == (2, 48, 14, 1)
    assert build(reg, year=2025).trainings_total.hours == 24


EXAM_FIELDS = (
    "college",
    "certificate",
    "level",
    "sessions",
    "candidates",
    "absent",
    "pending",
    "sat",
    "passed",
    "failed",
    "pass_rate",
    "certificates_issued",
    "own_site_sessions",
    "own_site_sessions_issued",
)


def test_exams(reg):
    report = build(small(reg))
    # econ cloud-ops junior: 辛 pass, 壬 fail, 癸 pass -> 2/3; two certificates; external site
    # info web-frontend junior: 甲 pass, 乙 pass (no certificate_no yet), 丙 fail -> 2/3, 1 issued
    # info web-frontend intermediate: 6 listed, 赵小刚 absent, 周小杰 pending -> sat 4: 王小明, 钱小芳,
    #   孙小雨 pass, 李小红 fail -> 3/4; 3 issued; own site with certificates_issued recorded
    assert rows(report.exams, *EXAM_FIELDS) == [
        ("econ", "cloud-ops", "junior", 1, 3, 0, 0, 3, 2, 1, 0.6667, 2, 0, 0),
        ("info", "web-frontend", "junior", 1, 3, 0, 0, 3, 2, 1, 0.6667, 1, 0, 0),
        ("info", "web-frontend", "intermediate", 1, 6, 1, 1, 4, 3, 1, 0.75, 3, 1, 1),
    ]
    assert rows([report.exams_total], *EXAM_FIELDS[3:]) == [(3, 12, 1, 1, 10, 7, 3, 0.7, 6, 1, 1)]
    info = {c.college: c.totals for c in report.colleges}["info"]
    # info: 9 listed, 1 absent, 1 pending, 7 sat, 5 passed -> 5/7
    assert (
        info.sessions,
        info.candidates,
        info.absent,
        info.sat,
        info.passed,
        info.pass_rate,
        info.certificates_issued,
    ) == (
        2,
        9,
        1,
        7,
        5,
        0.7143,
        4,
    )
    assert (report.total.sat, report.total.passed, report.total.pass_rate) == (10, 7, 0.7)


def test_pass_rate_per_certificate_and_level(reg):
    report = build(small(reg))
    assert rows(report.pass_rates, "certificate", "level", "candidates", "sat", "passed", "pass_rate") == [
        ("cloud-ops", "junior", 3, 3, 2, 0.6667),
        ("web-frontend", "junior", 3, 3, 2, 0.6667),
        ("web-frontend", "intermediate", 6, 4, 3, 0.75),
    ]


def test_fees(reg):
    report = build(small(reg))
    # econ cloud-ops junior 350: 癸 (510201, matched by info's adoption) school; 辛, 壬 (530302) student
    # info junior 300: 甲 乙 丙 school -> 900
    # info intermediate 400: 王小明, 李小红, 赵小刚 (absent: still owes), 周小杰 school -> 1600;
    #   钱小芳 (530302 not matched), 孙小雨 (not enrolled) student -> 800
    assert rows(
        report.fees,
        "college",
        "certificate",
        "level",
        "fee",
        "candidates",
        "school_funded",
        "student_paid",
        "not_enrolled",
        "not_matched",
        "school_funded_fees",
        "student_paid_fees",
    ) == [
        ("econ", "cloud-ops", "junior", 350, 3, 1, 2, 0, 2, 350, 700),
        ("info", "web-frontend", "junior", 300, 3, 3, 0, 0, 0, 900, 0),
        ("info", "web-frontend", "intermediate", 400, 6, 4, 2, 1, 1, 1600, 800),
    ]
    total = report.fees_total
    assert (
        total.candidates,
        total.school_funded,
        total.student_paid,
        total.school_funded_fees,
        total.student_paid_fees,
    ) == (
        12,
        8,
        4,
        2850,
        1500,
    )


def test_budget(reg):
    report = build(small(reg))
    budget = report.budget
    # 2850 of 10000: 28.5%, 7150 left; info 2500 (25%), econ 350 (3.5%)
    assert (
        budget.budget,
        budget.school_funded_fees,
        budget.student_paid_fees,
        budget.share,
        budget.remaining,
    ) == (
        10000,
        2850,
        1500,
        0.285,
        7150,
    )
    assert rows(budget.by_college, "college", "school_funded_fees", "student_paid_fees", "share") == [
        ("econ", 350, 700, 0.035),
        ("info", 2500, 800, 0.25),
    ]
    assert report.total.budget_share == 0.285
    # the same figure as the registry's shared query (FEE-002 reads it too)
    assert registry_of(reg).school_funded_fees[2026] == 2850


def test_a_student_listed_twice_owes_one_fee_as_fee002_counts_it(reg):
    """李小红 listed twice in June is REG-003 once and one sitting (SPEC §4.1): the fee table and
    the budget count her fee once, the figure FEE-002 compares with the budget (1,200, not 1,600)."""
    session = "colleges/info/sessions/2026/web-mid-june.yaml"
    row = '  - {student: "2024010124", name: 李小红, major: "510201", result: fail, score: 52}\n'
    reg.edit(session, row, row + row)
    report = build(reg)
    assert rows(report.fees, "candidates", "school_funded", "student_paid", "school_funded_fees") == [
        (4, 3, 1, 1200)
    ]
    assert report.budget.school_funded_fees == registry_of(reg).school_funded_fees[2026] == 1200


def test_no_budget_for_the_year(reg):
    report = build(reg, year=2027, as_of=dt.date(2027, 12, 31))
    assert (report.budget.budget, report.budget.share, report.budget.remaining) == (None, None, None)


def test_trend(reg):
    report = build(small(reg), years=(2025, 2026))
    # 2025: web-frontend 4 listed, 丁 戊 pass, 己 fail, 庚 absent -> 2/3, 4 x 400 school-funded of 2000
    assert rows(
        report.trend.rows,
        "certificate",
        "year",
        "candidates",
        "sat",
        "passed",
        "pass_rate",
        "school_funded_fees",
    ) == [
        ("cloud-ops", 2025, 0, 0, 0, None, 0),
        ("cloud-ops", 2026, 3, 3, 2, 0.6667, 350),
        ("web-frontend", 2025, 4, 3, 2, 0.6667, 1600),
        ("web-frontend", 2026, 9, 7, 5, 0.7143, 2500),
    ]
    assert rows(
        report.trend.institution,
        "year",
        "candidates",
        "passed",
        "pass_rate",
        "school_funded_fees",
        "budget",
        "budget_share",
    ) == [
        (2025, 4, 2, 0.6667, 1600, 2000, 0.8),
        (2026, 12, 7, 0.7, 2850, 10000, 0.285),
    ]


def test_college_filter(reg):
    report = build(small(reg), colleges=["econ"])
    assert [c.college for c in report.colleges] == ["econ"]
    assert {r.college for r in report.exams} == {"econ"}
    assert (report.total.candidates, report.total.school_funded_fees, report.total.budget_share) == (
        3,
        350,
        0.035,
    )
    assert [r.certificate for r in report.certificates] == ["cloud-ops"] and report.trainings == []


# --- problems ----------------------------------------------------------------------------------


def problem(rule: str, severity: str, college: str | None, waived: bool = False) -> Problem:
    file = f"colleges/{college}/college.yaml" if college else "onex.yaml"
    return Problem(rule, severity, file, 1, 1, college, "x", {}, waived)


def test_open_problems_by_rule_and_college(reg):
    found = [
        problem("STAFF-001", "error", "info"),
        problem("STAFF-001", "error", "info"),
        problem("STAFF-002", "warning", "info"),
        problem("FEE-002", "error", None),
        problem("EXAM-004", "warning", "econ", waived=True),  # waived: not open
    ]
    report = build(small(reg), problems=found)
    assert report.problem_colleges == ["econ", "info", ""]
    assert rows(report.problems, "rule", "errors", "warnings", "by_college") == [
        ("STAFF-001", 2, 0, {"econ": 0, "info": 2, "": 0}),
        ("STAFF-002", 0, 1, {"econ": 0, "info": 1, "": 0}),
        ("FEE-002", 1, 0, {"econ": 0, "info": 0, "": 1}),
    ]
    info = {c.college: c.totals for c in report.colleges}["info"]
    assert (info.open_errors, info.open_warnings) == (2, 1)
    assert (report.total.open_errors, report.total.open_warnings) == (3, 1)
    status = report.status
    assert (status.errors, status.warnings, status.waived) == (3, 1, 1)


def test_problems_come_from_the_check_engine(reg):
    from onex.engine import check

    small(reg)
    result = check(registry_of(reg), AS_OF)
    report = build(reg)
    assert report.status.errors == result.errors and report.status.warnings == result.warnings
    assert sum(r.errors for r in report.problems) == result.errors
    assert sum(r.warnings for r in report.problems) == result.warnings


def test_a_registry_with_errors_still_reports(reg, cli):
    reg.write("colleges/info/sessions/2026/broken.yaml", "certificate: web-frontend\ncandidates: [\n")
    code, out, err = cli(
        "report", "--registry", reg.root, "--as-of", "2026-12-31", "--format", "markdown", "--lang", "en"
    )
    assert code == 0, err
    status = out.split("## ")[0]
    assert "⚠ The registry has" in status and "1 file(s) could not be read" in status
    report = build(reg)
    assert report.status.errors >= 1 and report.status.unread_files == 1
    assert "REG-001" in [r.rule for r in report.problems]
    assert report.exams_total.sessions == 1  # the readable session still counts


# --- formats -------------------------------------------------------------------------------------


def report_of(cli, root, *args: str) -> tuple[int, str, str]:
    return cli("report", "--registry", root, "--as-of", "2026-12-31", *args)


def test_markdown_golden(reg, cli):
    code, out, err = report_of(cli, reg.root, "--year", "2026", "--format", "markdown", "--lang", "zh")
    assert code == 0, err
    golden = GOLDEN / "report-baseline.md"
    if os.environ.get("ONEX_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def test_english_headings(reg, cli):
    code, out, _ = report_of(cli, reg.root, "--format", "markdown", "--lang", "en")
    assert code == 0
    assert "## Pass rate by certificate and level" in out and "| Web前端开发 | intermediate |" in out


def test_table_is_the_default(reg, cli):
    code, out, err = report_of(cli, small(reg).root, "--lang", "en")
    assert code == 0, err
    assert "Registration fees" in out and "2,850" in out and "71.4%" in out


def test_csv(reg, cli):
    code, out, _ = report_of(cli, small(reg).root, "--format", "csv", "--lang", "en")
    assert code == 0
    lines = list(csv.reader(io.StringIO(out)))
    start = lines.index(["Fee budget use"])
    assert lines[start + 1][0] == "College"
    assert lines[start + 4] == ["Institution", "2850", "1500", "10000", "0.285", "7150"]


def test_json(reg, cli):
    code, out, _ = report_of(cli, small(reg).root, "--format", "json", "--years", "2025-2026")
    assert code == 0
    data = json.loads(out)
    assert data["year"] == 2026 and data["as_of"] == "2026-12-31"
    assert data["budget"]["school_funded_fees"] == 2850
    assert data["trend"]["institution"][0]["budget_share"] == 0.8


def test_xlsx_has_a_sheet_per_section_and_native_charts(reg, cli, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "out" / "report.xlsx"
    target.parent.mkdir()
    code, _out, err = report_of(
        cli, small(reg).root, "--output", target, "--lang", "en", "--years", "2025-2026"
    )
    assert code == 0, err
    assert "report written to" in err
    book = load_workbook(target)
    assert book.sheetnames == [
        "Overview",
        "Certificates",
        "Teachers",
        "Trainings",
        "Exams",
        "Pass rates",
        "Fees",
        "Budget",
        "Problems",
        "Trend",
        "Upcoming",
    ]
    charts = {ws.title: len(ws._charts) for ws in book.worksheets}
    assert charts == {
        "Overview": 0,
        "Certificates": 0,
        "Teachers": 0,
        "Trainings": 0,
        "Exams": 0,
        "Pass rates": 1,
        "Fees": 0,
        "Budget": 1,
        "Problems": 0,
        "Trend": 2,
        "Upcoming": 0,
    }
    budget = book["Budget"]
    values = [[c.value for c in row] for row in budget.iter_rows(min_row=2, max_row=5, max_col=6)]
    assert values[-1] == ["Institution", 2850, 1500, 10000, 0.285, 7150]
    assert budget.cell(row=5, column=5).number_format == "0.0%"


def test_xlsx_needs_an_output_file(reg, cli):
    code, out, err = report_of(cli, reg.root, "--format", "xlsx")
    assert code == 2 and out == "" and "--output" in err


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend(attrs)


def test_html_is_self_contained_with_charts(reg, cli, tmp_path):
    target = tmp_path / "report.html"
    code, _out, err = report_of(cli, small(reg).root, "--output", target, "--years", "2025-2026")
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    parser = Tags()
    parser.feed(text)
    parser.close()
    assert parser.tags.count("svg") == 4 and parser.tags.count("figure") == 4
    assert parser.tags.count("table") == 11  # ten sections with rows, and the upcoming duties
    assert not {"script", "link", "img", "iframe"} & set(parser.tags)
    # nothing fetched at view time: no external address but XML namespaces, links only to #fragments
    assert not [v for n, v in parser.attributes if v and "://" in v and not n.startswith("xmlns")]
    assert all(v.startswith("#") for n, v in parser.attributes if n.endswith("href") and v)
    assert not re.findall(r"url\((?!#)", text) and "@import" not in text
    ids = re.findall(r'\bid="([^"]+)"', text)
    assert len(ids) == len(set(ids))
    assert set(re.findall(r'(?:href="#|url\(#)([^")]+)', text)) <= set(ids)
    assert "@page { size: A4" in text and 'id="chart-pass_rate"' in text and "通过率" in text


def test_format_follows_the_extension(reg, cli, tmp_path):
    cases = (
        ("r.md", "# "),
        ("r.json", "{"),
        ("r.csv", "\ufeff"),
        ("r.html", "<!DOCTYPE html>"),
        ("r.txt", "北京"),
    )
    for name, start in cases:
        code, out, err = report_of(cli, reg.root, "--output", tmp_path / name)
        assert code == 0, err
        assert out == ""
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(start), name


@pytest.mark.parametrize(
    "args",
    [
        ("--output", "report.pdf"),
        ("--format", "pdf"),
        ("--years", "2027-2025"),
        ("--years", "last"),
        ("--year", "99"),
        ("--college", "nope"),
        ("--as-of", "2026-13-01"),
    ],
)
def test_bad_arguments_exit_2(reg, cli, args):
    code, out, err = report_of(cli, reg.root, *args)
    assert code == 2 and out == "" and "Traceback" not in err


def test_college_option(reg, cli):
    code, out, err = report_of(cli, small(reg).root, "--college", "econ", "--format", "markdown")
    assert code == 0, err
    assert (
        "二级学院：经济管理学院" in out
        and "**所选学院合计**" in out
        and "信息工程学院" not in out.split("## 未解决")[0]
    )


def test_a_student_listed_twice_is_one_sitting_in_every_count(reg, cli):
    """钱小芳 (passed, certificate issued) listed twice in one session is REG-003 once; the report's
    exams and trend, diff's candidates per year and the agenda's certificates to issue count her
    once, as the rules, the fees and the plan do (registry.candidates_once)."""
    from onex.agenda import build_agenda
    from onex.diff import figures
    from onex.engine import resolve
    from onex.load import load
    from onex.registry import Registry

    session = "colleges/info/sessions/2026/web-mid-june.yaml"
    reg.edit(session, "certificates_issued: {by: 王丽, on: 2026-07-15}\n", "")  # the duty stays open
    qian = next(line for line in reg.read(session).splitlines() if "2024020456" in line)

    def counts() -> tuple:
        code, out, err = cli(
            "report",
            "--registry",
            reg.root,
            "--as-of",
            "2026-12-31",
            "--format",
            "json",
            "--years",
            "2025-2026",
        )
        assert code == 0, err
        document = json.loads(out)
        assert document["trend"]
        registry = Registry(load(reg.root))
        resolve(registry)
        issue = [
            item.params["passed"]
            for item in build_agenda(registry, dt.date(2026, 12, 31), days=400).items
            if item.kind == "certificates"
        ]
        candidates = {key: value for key, value in figures(registry, dt.date(2026, 12, 31)).items()}
        return document["exams"], document["trend"], issue, candidates[("candidates", 2026)][0]

    before = counts()
    assert before[2] == [2]  # two passed in that session
    reg.write(session, reg.read(session) + qian + "\n")
    assert reg.problems(rule="REG-003") == [("REG-003", session, len(reg.read(session).splitlines()))]
    assert counts() == before
    reg.write(session, reg.read(session) + qian.replace("2024020456", "2024020499") + "\n")
    after = counts()
    assert after[2] == [3] and after[3] == before[3] + 1
