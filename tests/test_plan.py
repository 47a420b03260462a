"""`onex plan`: the forecast arithmetic, the budget, the drafts it writes (docs/planning.md)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from onex.errors import FatalError

AS_OF = dt.date(2026, 12, 31)
PLAN = "colleges/info/plans/2027.yaml"
STAFF = "colleges/info/staff-plans/2027.yaml"
MECH_PLAN = "colleges/mech/plans/2027.yaml"
MECH_STAFF = "colleges/mech/staff-plans/2027.yaml"


@pytest.fixture
def planning(reg):
    """The baseline plus 2027 batches, a 2027 budget and a second college, mech.

    info, web-frontend (junior 300, intermediate 400), 510201 primary, cohorts 2025: 110, 2026: 130;
    2026 intermediate session: 510201 pass, fail, absent; 530302 (not adopted) pass, student-paid.
    mech, cloud-ops (junior 350), 460104 auxiliary, cohort 2026: 45, no certified teacher.
    """
    last = "  - {id: 2026-2, from: 2026-11-01, to: 2026-12-20}\n"
    reg.edit(
        "orgs/edu-tech.yaml",
        last,
        last
        + "  - {id: 2027-1, from: 2027-03-01, to: 2027-04-30}\n"
        + "  - {id: 2027-2, from: 2027-05-01, to: 2027-06-30}\n"
        + "  - {id: 2027-3, from: 2027-11-01, to: 2027-12-20}\n",
    )
    reg.edit("onex.yaml", "fee_budget: {2026: 10000}", "fee_budget: {2026: 10000, 2027: 60000}")
    reg.write(
        "colleges/mech/college.yaml",
        """
        name: 机电工程学院
        leaders:
          - {name: 周强, role: 院长, in_charge: true}
        working_group: [王五]
        exam_group: [王五]
        majors:
          - code: "460104"
            name: 机械制造及自动化
            cohorts: {2026: 45}
        courses:
          - {code: MEC101, name: 云平台基础, majors: ["460104"]}
        """,
    )
    reg.write(
        "colleges/mech/instructors.yaml",
        """
        instructors:
          - {id: t3002, name: 赵六, employment: full_time, majors: ["460104"], qualifications: []}
          - {id: t3001, name: 王五, employment: full_time, majors: ["460104"], qualifications: []}
          - {id: p301, name: 钱七, employment: part_time, source: industry, majors: ["460104"], qualifications: []}
        """,
    )
    reg.write(
        "colleges/mech/certificates/cloud-ops.yaml",
        """
        lead: t3001
        status: active
        filed_on: 2026-03-01
        levels: [junior]
        majors:
          - {code: "460104", role: auxiliary}
        job_standard: {ref: 机电院〔2026〕1号, adopted_on: 2026-03-01}
        integration_standard: {ref: 机电院〔2026〕2号, adopted_on: 2026-03-01}
        coverage:
          云平台部署: {courses: [MEC101]}
        """,
    )
    return reg


def build(reg, year=2027, as_of=AS_OF, colleges=None):
    from onex.load import load
    from onex.plan.forecast import build_plan
    from onex.registry import Registry

    return build_plan(Registry(load(reg.root)), year, as_of, colleges)


def rows(result):
    """(college, certificate, level, major, school-funded, student-paid, school fee, student fee, batch, hours)."""
    return [
        (
            plan.id,
            item.certificate,
            item.level,
            major.code,
            major.school_funded,
            major.student_paid,
            major.school_fee,
            major.student_fee,
            item.batch,
            item.training_hours,
        )
        for plan in result.colleges
        for item in plan.items
        for major in item.majors
    ]


# --- the forecast ----------------------------------------------------------------------------


def test_forecast_exact_numbers(planning):
    result = build(planning)
    assert rows(result) == [
        # 130 (entered 2026, study year 1) x 0.8 = 104; needs training (前端框架) -> ready 05-12 -> 2027-2
        ("info", "web-frontend", "junior", "510201", 104, 0, 31200, 0, "2027-2", 32),
        # 110 (entered 2025) x 0.8 + 0.5 x 2 non-passers (fail, absent) = 89
        ("info", "web-frontend", "intermediate", "510201", 89, 0, 35600, 0, "2027-2", 32),
        # 530302 is adopted nowhere: last year's one student-paid candidate carried forward
        ("info", "web-frontend", "intermediate", "530302", 0, 1, 0, 400, "2027-2", 32),
        # 45 x 0.3 = 13.5 -> 14 (half up); every module covered by a course -> ready 03-31 -> 2027-1
        ("mech", "cloud-ops", "junior", "460104", 14, 0, 4900, 0, "2027-1", 0),
    ]
    info, mech = result.colleges
    assert (info.school_fee, info.student_fee, info.candidates) == (66800, 400, 194)
    assert (mech.school_fee, mech.student_fee, mech.candidates) == (4900, 0, 14)
    assert info.items[0].uncovered_modules == ["前端框架"]


def test_budget_gap_per_college_and_total(planning):
    budget = build(planning).institution
    assert (budget.school_fee, budget.student_fee, budget.budget, budget.gap) == (71700, 400, 60000, 11700)
    # 11700 x 66800/71700 = 10900.42, 11700 x 4900/71700 = 799.58: the remaining yuan goes to mech
    assert [(p.id, p.gap_share) for p in build(planning).all_colleges] == [("info", 10900), ("mech", 800)]


def test_within_budget_has_no_gap(planning):
    planning.edit("onex.yaml", "2027: 60000", "2027: 71700")
    result = build(planning)
    assert result.institution.gap == 0
    assert [p.gap_share for p in result.all_colleges] == [0, 0]


def test_no_budget_for_the_year_leaves_all_fees_unbudgeted(planning, cli):
    planning.edit("onex.yaml", ", 2027: 60000", "")
    assert build(planning).institution.gap == 71700
    code, out, _ = cli(
        "plan", "-r", planning.root, "--as-of", "2026-12-31", "--lang", "en", "--format", "markdown"
    )
    assert code == 0
    assert (
        "onex.yaml has no fee_budget for 2027: all 71700 yuan of expected school-funded fees are unbudgeted (§6.1)"
        in out
    )


def test_college_filter_keeps_the_institution_total(planning):
    result = build(planning, colleges=["mech"])
    assert [p.id for p in result.colleges] == ["mech"]
    assert result.institution.school_fee == 71700


@pytest.mark.parametrize(
    ("total", "weights", "shares"),
    [
        (10, [1, 1, 1], [4, 3, 3]),
        (0, [5, 5], [0, 0]),
        (7, [0, 0], [0, 0]),
        (100, [3, 1], [75, 25]),
        (1, [1, 2], [0, 1]),
    ],
)
def test_split_adds_up_exactly(total, weights, shares):
    from onex.plan.forecast import split

    assert split(total, weights) == shares


def test_settings_change_the_forecast(planning):
    planning.append(
        "onex.yaml",
        """
        planning:
          cohort_levels: {1: 初级, 2: junior}
          participation: {primary: 0.5}
          retake_rate: 0
        """,
    )
    assert [(r[2], r[3], r[4], r[5]) for r in rows(build(planning)) if r[0] == "info"] == [
        ("junior", "510201", 120, 0),  # (130 + 110) x 0.5: two cohorts sit junior
        # no cohort sits intermediate; last year's student-paid candidate still does
        ("intermediate", "530302", 0, 1),
    ]


def test_senior_is_not_planned_when_not_offered(planning):
    # study year 3 (the 2024 cohort) would sit senior, which web-frontend does not offer here
    assert {r[2] for r in rows(build(planning)) if r[0] == "info"} == {"junior", "intermediate"}


def test_no_batch_fits(planning):
    planning.edit(
        "colleges/info/certificates/web-frontend.yaml",
        "前端框架: {courses: [], training: true}",
        "前端框架: {courses: [WEB101]}",
    )
    planning.edit("orgs/edu-tech.yaml", "  - {id: 2027-1, from: 2027-03-01, to: 2027-04-30}\n", "")
    planning.edit("orgs/edu-tech.yaml", "  - {id: 2027-2, from: 2027-05-01, to: 2027-06-30}\n", "")
    planning.edit("orgs/edu-tech.yaml", "  - {id: 2027-3, from: 2027-11-01, to: 2027-12-20}\n", "")
    assert {(r[0], r[8], r[9]) for r in rows(build(planning))} == {("info", None, 0), ("mech", None, 0)}


def test_module_covered_for_one_major_only_needs_training(planning):
    planning.edit(
        "colleges/info/college.yaml",
        "    programme: {version: 2025, certificates: [web-frontend]}\n",
        "    programme: {version: 2025, certificates: [web-frontend]}\n"
        '  - {code: "510202", name: 计算机网络技术, cohorts: {2026: 10}}\n',
    )
    planning.edit(
        "colleges/info/certificates/web-frontend.yaml",
        '  - {code: "510201", role: primary}\n',
        '  - {code: "510201", role: primary}\n  - {code: "510202", role: auxiliary}\n',
    )
    planning.edit(
        "colleges/info/certificates/web-frontend.yaml",
        "前端框架: {courses: [], training: true}",
        "前端框架: {courses: [WEB101]}",
    )
    result = build(planning)
    info = result.colleges[0]
    assert info.items[0].uncovered_modules == ["网页设计", "前端框架"]  # WEB101 lists 510201 only
    assert [(m.code, m.school_funded) for m in info.items[0].majors] == [
        ("510201", 104),
        ("510202", 3),
    ]  # 10 x 0.3


# --- teachers --------------------------------------------------------------------------------


def test_teachers_missing_and_proposed(planning):
    mech = build(planning).colleges[1]
    (gap,) = mech.staff
    assert (gap.certificate, gap.major, gap.missing) == ("cloud-ops", "460104", 3)
    assert [t.name for t in gap.could_train] == ["王五", "赵六"]  # full-time only, by id
    assert [t.id for t in gap.proposed] == ["t3001", "t3002"]


def test_qualification_expiring_before_the_year_leaves_a_gap(planning):
    planning.edit("colleges/info/instructors.yaml", "expires_on: 2029-09-01", "expires_on: 2026-12-31")
    planning.edit(
        "colleges/info/instructors.yaml",
        "  - id: p001\n",
        '  - {id: t2022001, name: 吴敏, employment: full_time, majors: ["510201"], qualifications: []}\n  - id: p001\n',
    )
    (gap,) = build(planning).colleges[0].staff
    assert [t.name for t in gap.certified] == ["张伟", "刘洋"]
    assert gap.missing == 1
    assert [t.name for t in gap.could_train] == ["陈静", "吴敏"]  # t2021003 < t2022001
    assert [t.name for t in gap.proposed] == ["陈静"]


def test_staff_plan_entries_fill_the_gap_first(planning):
    planning.write(
        MECH_STAFF,
        """
        year: 2027
        trainings:
          - {instructor: t3002, certificate: cloud-ops, kind: examiner, month: 2027-05, status: planned}
        """,
    )
    (gap,) = build(planning).colleges[1].staff
    assert [t.id for t in gap.planned] == ["t3002"]
    assert [t.id for t in gap.proposed] == ["t3001"]


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize("year", ["2040", "1999"])
def test_unknown_year(planning, cli, year):
    code, out, err = cli("plan", "-r", planning.root, "--year", year, "--lang", "en")
    assert code == 2 and out == ""
    assert err == (
        f"onex: no cohort sits an exam in {year} (the majors' cohorts entered 2024–2026, so plans can cover "
        "2025–2029): check --year\n"
    )


def test_year_out_of_range(planning, cli):
    code, _, err = cli("plan", "-r", planning.root, "--year", "99", "--lang", "en")
    assert code == 2 and "invalid year 99" in err


def test_college_with_no_adoptions(planning, cli):
    planning.write(
        "colleges/arts/college.yaml", "name: 艺术学院\nleaders:\n  - {name: 孔丽, in_charge: true}\n"
    )
    code, out, err = cli(
        "plan", "-r", planning.root, "--as-of", "2026-12-31", "--college", "arts", "--lang", "en"
    )
    assert code == 2 and out == ""
    assert err == (
        "onex: college arts has no active certificate adoptions (no status: active file in certificates/), "
        "so there is no 2027 plan to make\n"
    )
    code, out, _ = cli("plan", "-r", planning.root, "--as-of", "2026-12-31", "--format", "json", "--write")
    data = json.loads(out)
    assert code == 0
    assert [(c["college"], c["adopted"]) for c in data["colleges"]] == [
        ("arts", False),
        ("info", True),
        ("mech", True),
    ]
    assert not planning.path("colleges/arts/plans").exists()


def test_unknown_college(planning, cli):
    code, _, err = cli("plan", "-r", planning.root, "--college", "nope", "--lang", "en")
    assert code == 2 and "the registry has no college nope" in err


def test_bad_planning_settings(planning, cli):
    planning.append("onex.yaml", "planning:\n  participation: {primary: 1.5}\n")
    code, out, err = cli("plan", "-r", planning.root, "--lang", "en")
    assert code == 2 and out == ""
    assert err.startswith(
        "onex: planning.participation.primary in onex.yaml is invalid: Input should be less than or equal to 1"
    )


def test_unknown_planning_key(planning):
    planning.append("onex.yaml", "planning:\n  participaton: {primary: 0.5}\n")
    with pytest.raises(FatalError) as caught:
        build(planning)
    assert caught.value.params["field"] == "participaton"


def test_bad_format(planning, cli):
    code, _, err = cli("plan", "-r", planning.root, "--format", "xml", "--lang", "en")
    assert code == 2 and "unsupported format xml" in err


# --- output ----------------------------------------------------------------------------------


def test_default_year_is_the_year_after_as_of(planning, cli):
    code, out, _ = cli("plan", "-r", planning.root, "--as-of", "2026-12-31", "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert (data["year"], data["as_of"]) == (2027, "2026-12-31")
    assert data["assumptions"]["participation"] == {"primary": 0.8, "auxiliary": 0.3}
    assert data["institution"] == {
        "school_funded_fees": 71700,
        "student_paid_fees": 400,
        "budget": 60000,
        "gap": 11700,
        "over_budget": True,
        "colleges": [
            {
                "college": "info",
                "school_funded_fees": 66800,
                "student_paid_fees": 400,
                "budget_gap_share": 10900,
                "allocation": None,
                "over_allocation": 0,
            },
            {
                "college": "mech",
                "school_funded_fees": 4900,
                "student_paid_fees": 0,
                "budget_gap_share": 800,
                "allocation": None,
                "over_allocation": 0,
            },
        ],
    }
    mech = data["colleges"][1]
    assert mech["teachers"][0]["missing"] == 3
    assert [t["name"] for t in mech["teachers"][0]["could_train"]] == ["王五", "赵六"]


def test_markdown(planning, cli):
    code, out, _ = cli(
        "plan", "-r", planning.root, "--as-of", "2026-12-31", "--format", "markdown", "--lang", "en"
    )
    assert code == 0
    assert out.startswith("# 1+X plan for 2027 (registry as of 2026-12-31)\n")
    assert (
        "| Web前端开发 | junior | 计算机应用技术 (510201) | 104 | 104 | 31200 | 0 | 0 | 2027-2 | 32 | 0 |"
        in out
    )
    assert (
        "| 云计算平台运维与开发 | junior | 机械制造及自动化 (460104) | 14 | 14 | 4900 | 0 | 0 | 2027-1 | 0 | 3 (could train: 王五, 赵六) |"
        in out
    )
    assert "| 信息工程学院 (info) | 66800 | 400 | 10900 |" in out
    assert "- over budget by 11700 yuan" in out


def test_markdown_in_chinese_writes_a_majors_code_in_full_width_brackets(planning, cli):
    code, out, _ = cli(
        "plan", "-r", planning.root, "--as-of", "2026-12-31", "--format", "markdown", "--lang", "zh"
    )
    assert code == 0
    assert "| Web前端开发 | 初级 | 计算机应用技术（510201） | 104 | 104 | 31200 |" in out
    assert " (510201)" not in out


def test_table_in_chinese(planning, cli):
    code, out, _ = cli("plan", "-r", planning.root, "--as-of", "2026-12-31", "--lang", "zh")
    assert code == 0
    assert "2027 年度 1+X 计划" in out and "超出预算 11700 元" in out and "初级" in out


# --- --write ---------------------------------------------------------------------------------


def write(cli, reg, *extra, lang="en"):
    return cli("plan", "-r", reg.root, "--as-of", "2026-12-31", "--write", "--lang", lang, *extra)


def test_write_creates_drafts(planning, cli):
    code, out, _ = write(cli, planning)
    assert code == 0
    assert planning.read(PLAN) == (
        "# Draft 2027 1+X training and exam plan, made by onex plan --write.\n"
        "# Once a college leader has approved it, record that with onex approve.\n"
        "year: 2027\n"
        "items:\n"
        '  - {certificate: web-frontend, level: junior, majors: ["510201"], candidates: 104, batch: 2027-2, training_hours: 32}\n'
        '  - {certificate: web-frontend, level: intermediate, majors: ["510201", "530302"], candidates: 90, batch: 2027-2, training_hours: 32}\n'
    )
    assert planning.read(MECH_STAFF) == (
        "# Draft 2027 1+X faculty development plan, made by onex plan --write.\n"
        "# Once a college leader has approved it, record that with onex approve.\n"
        "year: 2027\n"
        "trainings:\n"
        "  - {instructor: t3001, certificate: cloud-ops, kind: trainer, month: 2027-07, status: planned}\n"
        "  - {instructor: t3002, certificate: cloud-ops, kind: trainer, month: 2027-07, status: planned}\n"
    )
    assert not planning.path(STAFF).exists()  # info has its recommended three
    assert f"created {PLAN}" in out and f"created {MECH_STAFF}" in out


def test_write_cjk_as_is(planning, cli):
    write(cli, planning, lang="zh")
    raw = planning.path(PLAN).read_bytes()
    assert "年度 1+X 培训与考核计划草稿".encode() in raw and b"\\u" not in raw


def test_write_is_idempotent(planning, cli):
    write(cli, planning)
    before = {
        rel: (planning.path(rel).read_bytes(), planning.path(rel).stat().st_mtime_ns)
        for rel in (PLAN, MECH_PLAN, MECH_STAFF)
    }
    code, out, _ = write(cli, planning)
    assert code == 0
    assert {
        rel: (planning.path(rel).read_bytes(), planning.path(rel).stat().st_mtime_ns) for rel in before
    } == before
    assert f"{PLAN} is up to date" in out and f"{MECH_STAFF} is up to date" in out


HAND_EDITED = """\
# 信息工程学院 2027 年度计划（草稿，张伟整理）
year: 2027

items:
  # 初级：按新生人数估计
  - certificate: web-frontend
    level: 初级       # 中文别名
    majors: ['510201']
    candidates: 100   # 旧估计
    batch: 2027-2
    training_hours: 32
  - {certificate: cloud-ops, level: junior, majors: ["510201"], candidates: 5}   # 手工加的，onex 不管
facilities:
  - {name: 前端实训室升级, certificates: [web-frontend], budget: 150000}
"""


def test_write_updates_in_place_keeping_everything_else(planning, cli):
    planning.write(PLAN, HAND_EDITED)
    code, out, _ = write(cli, planning)
    assert code == 0
    assert planning.read(PLAN) == HAND_EDITED.replace(
        "candidates: 100   # 旧估计", "candidates: 104   # 旧估计"
    ).replace(
        "   # 手工加的，onex 不管\n",
        "   # 手工加的，onex 不管\n"
        '  - {certificate: web-frontend, level: intermediate, majors: ["510201", "530302"], candidates: 90, batch: 2027-2, training_hours: 32}\n',
    )
    assert "web-frontend junior candidates: 100 → 104" in out
    assert "add the item web-frontend intermediate: 90 candidates" in out
    code, out, _ = write(cli, planning)
    assert code == 0 and f"{PLAN} is up to date" in out


def test_write_adds_staff_trainings_only_for_new_pairs(planning, cli):
    planning.write(
        MECH_STAFF,
        """
        year: 2027
        # 已安排
        trainings:
          - {instructor: t3001, certificate: cloud-ops, kind: examiner, month: 2027-09, status: cancelled}
        """,
    )
    code, _, _ = write(cli, planning)
    assert code == 0
    assert planning.read(MECH_STAFF) == (
        "year: 2027\n"
        "# 已安排\n"
        "trainings:\n"
        "  - {instructor: t3001, certificate: cloud-ops, kind: examiner, month: 2027-09, status: cancelled}\n"
        "  - {instructor: t3002, certificate: cloud-ops, kind: trainer, month: 2027-07, status: planned}\n"
    )


APPROVED = """\
year: 2027
approval: {by: 李明, on: 2027-02-20}   # 已审批
items:
  - {certificate: web-frontend, level: junior, majors: ["510201"], candidates: 100, batch: 2027-2, training_hours: 32}
"""


def test_write_refuses_an_approved_plan(planning, cli):
    planning.write(PLAN, APPROVED)
    before = planning.path(PLAN).read_bytes()
    code, out, _ = write(cli, planning)
    assert code == 1
    assert planning.path(PLAN).read_bytes() == before
    assert (
        f"{PLAN} is approved (李明, 2027-02-20), so onex does not rewrite it; the registry now calls for these changes"
        in out
    )
    assert "  - web-frontend junior candidates: 100 → 104" in out
    assert "  - add the item web-frontend intermediate: 90 candidates" in out
    assert planning.path(MECH_PLAN).exists()  # the other colleges' drafts are written all the same


def test_write_refuses_an_approved_staff_plan(planning, cli):
    planning.write(MECH_STAFF, "year: 2027\napproval: {by: 周强, on: 2027-01-10}\ntrainings: []\n")
    before = planning.path(MECH_STAFF).read_bytes()
    code, out, _ = write(cli, planning)
    assert code == 1 and planning.path(MECH_STAFF).read_bytes() == before
    assert "add a staff training: 王五 (t3001), cloud-ops trainer, 2027-07" in out


def test_an_approved_plan_that_is_up_to_date_is_fine(planning, cli):
    write(cli, planning)
    planning.edit(PLAN, "year: 2027\n", "year: 2027\napproval: {by: 李明, on: 2027-02-20}\n")
    code, out, _ = write(cli, planning)
    assert code == 0 and f"{PLAN} is up to date" in out


def test_write_refuses_a_broken_plan(planning, cli):
    planning.write(
        PLAN, "year: 2027\nitems:\n  - {certificate: web-frontend, level: junior, candidates: many}\n"
    )
    before = planning.path(PLAN).read_bytes()
    code, out, _ = write(cli, planning)
    assert code == 1 and planning.path(PLAN).read_bytes() == before
    assert f"{PLAN} breaks its schema" in out


def test_draft_passes_check_except_the_approval(planning, cli):
    assert write(cli, planning)[0] == 0
    after_deadline = dt.date(2027, 4, 1)
    drafts = {PLAN, MECH_PLAN, MECH_STAFF}
    found = [
        (p.rule, p.file)
        for p in planning.result(after_deadline).problems
        if p.file in drafts and not p.waived
    ]
    # only the approvals they still need: the plans' (PLAN-002) and the staff plan's (STAFF-004)
    assert sorted(found) == [("PLAN-002", PLAN), ("PLAN-002", MECH_PLAN), ("STAFF-004", MECH_STAFF)]


def test_no_progress_bar_outside_a_terminal():
    from onex.commands.plan import _progress_bar

    with _progress_bar(100) as advance:
        assert advance is None  # pytest captures stderr: not a terminal


def test_a_candidate_major_that_broke_is_no_major_to_forecast(reg, cli):
    """Last year's candidate whose `major` broke its schema (REG-002) is left out of the forecast,
    never a crash (it was: sorting None among the major codes)."""
    session = "colleges/info/sessions/2026/web-mid-june.yaml"
    reg.edit(
        session,
        '{student: "2024010124", name: 李小红, major: "510201"',
        '{student: "2024010124", name: 李小红, major: [1, 2]',
    )
    code, out, err = cli("plan", "-r", reg.root, "--as-of", "2026-12-31", "--format", "json", "--lang", "en")
    assert code == 0, err
    assert json.loads(out)["year"] == 2027


def test_a_major_listed_twice_in_an_adoption_is_forecast_once_as_first_listed(planning):
    """A `majors` item repeated within one adoption is REG-003 and counted once, the first
    (registry.majors_once): the forecast neither doubles its teachers' gap nor takes the
    repeat's role (auxiliary would forecast 0.3 of the cohort instead of 0.8)."""
    before = build(planning)
    info = "colleges/info/certificates/web-frontend.yaml"
    planning.edit(
        info,
        '  - {code: "510201", role: primary}\n',
        '  - {code: "510201", role: primary}\n  - {code: "510201", role: auxiliary}\n',
    )
    mech = "colleges/mech/certificates/cloud-ops.yaml"
    planning.edit(
        mech,
        '  - {code: "460104", role: auxiliary}\n',
        '  - {code: "460104", role: auxiliary}\n  - {code: "460104", role: auxiliary}\n',
    )
    assert planning.problems(rule="REG-003") == [
        ("REG-003", info, planning.line_of(info, "role: auxiliary")),
        ("REG-003", mech, planning.line_of(mech, "460104", nth=2)),
    ]
    after = build(planning)
    assert rows(after) == rows(before)
    assert rows(after)[0][3:5] == ("510201", 104)  # 130 x 0.8 (primary), not 130 x 0.3
    (gap,) = after.colleges[1].staff  # one gap for 460104, not two
    assert (gap.major, gap.missing, [t.id for t in gap.proposed]) == ("460104", 3, ["t3001", "t3002"])
    assert [(g.certificate, g.major) for g in after.colleges[0].staff] == [("web-frontend", "510201")]


def _plan_majors(cli, reg) -> list[tuple]:
    """(level, major, last year's non-passers, school-funded, student-paid) of info's web-frontend."""
    code, out, err = cli("plan", "-r", reg.root, "--as-of", "2026-12-31", "--format", "json", "--lang", "en")
    assert code == 0, err
    (info,) = [c for c in json.loads(out)["colleges"] if c["college"] == "info"]
    return [
        (
            item["level"],
            major["major"],
            major["last_year_non_passers"],
            major["school_funded"],
            major["student_paid"],
        )
        for item in info["items"]
        for major in item["majors"]
    ]


SESSION_2026 = "colleges/info/sessions/2026/web-mid-june.yaml"
LI = '  - {student: "2024010124", name: 李小红, major: "510201", result: fail, score: 52}\n'
QIAN = '  - {student: "2024020456", name: 钱小芳, major: "530302", result: pass, score: 75, certificate_no: WF-2026-000124, fee_payer: student}\n'
BEFORE = [
    ("junior", "510201", 0, 104, 0),
    ("intermediate", "510201", 2, 89, 0),  # 110 x 0.8 + 0.5 x 2 (李小红 fail, 赵小刚 absent)
    ("intermediate", "530302", 0, 0, 1),  # 钱小芳, student-paid, carried forward
]


def test_a_student_listed_twice_in_last_years_session_is_one_sitting_of_the_forecast(reg, cli):
    """李小红 (fail) and 钱小芳 (student-paid) listed twice in one 2026 session: REG-003 for each
    repeat, and the 2027 forecast is the same as with each listed once (not 3 non-passers, 89.5 ->
    90, nor 2 student-paid carried forward), as FEE-002 and the report count one sitting."""
    assert _plan_majors(cli, reg) == BEFORE
    reg.path(SESSION_2026).write_text(reg.read(SESSION_2026) + LI + QIAN, encoding="utf-8")
    assert reg.problems(rule="REG-003") == [
        ("REG-003", SESSION_2026, 16),
        ("REG-003", SESSION_2026, 17),
    ]
    assert _plan_majors(cli, reg) == BEFORE


def test_other_students_of_last_years_session_each_count_in_the_forecast(reg, cli):
    """The same two rows under new student numbers are two more sittings: 3 non-passers (110 x 0.8
    + 0.5 x 3 = 89.5 -> 90) and 2 student-paid candidates carried forward."""
    others = LI.replace("2024010124", "2024010126") + QIAN.replace("2024020456", "2024020457")
    reg.path(SESSION_2026).write_text(reg.read(SESSION_2026) + others, encoding="utf-8")
    assert reg.problems() == []
    assert _plan_majors(cli, reg) == [
        ("junior", "510201", 0, 104, 0),
        ("intermediate", "510201", 3, 90, 0),
        ("intermediate", "530302", 0, 0, 2),
    ]
