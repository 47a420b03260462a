"""`onex agenda`: every kind of duty due soon, due today, overdue (and then reported by `check` at
the same file and line), and fulfilled (absent); the formats; the ics feed read back by two
independent parsers."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import pytest

from onex import duties
from tests.conftest import Reg

INFO = "colleges/info"
COLLEGE = f"{INFO}/college.yaml"
PLAN = f"{INFO}/plans/2026.yaml"
SESSION = f"{INFO}/sessions/2026/web-mid-june.yaml"
TRAINING = f"{INFO}/trainings/2026/web-mid-autumn.yaml"
NOV_SESSION = f"{INFO}/sessions/2026/web-mid-nov.yaml"


def agenda(cli, reg: Reg, as_of: str, *extra: str, lang: str = "en") -> dict:
    code, out, err = cli(
        "agenda", "--registry", reg.root, "--as-of", as_of, "--format", "json", "--lang", lang, *extra
    )
    assert code == 0, err
    return json.loads(out)


def of_kind(cli, reg: Reg, as_of: str, kind: str, *extra: str) -> list[tuple]:
    """(due, who, file, line, overdue) of the items of one kind."""
    return [
        (i["due"], i["who"], i["file"], i["line"], i["overdue"])
        for i in agenda(cli, reg, as_of, *extra)["items"]
        if i["kind"] == kind
    ]


# --- the changes that open one duty each ------------------------------------------------------


def no_plan(reg: Reg) -> None:
    reg.remove(PLAN)


def plan_unapproved(reg: Reg) -> None:
    reg.edit(PLAN, "approval: {by: 李明, on: 2026-02-20}\n", "")


def plan_not_filed(reg: Reg) -> None:
    reg.edit(PLAN, "filed: {by: t2019001, on: 2026-03-01}\n", "")


def plan_not_aggregated(reg: Reg) -> None:
    reg.edit(PLAN, "aggregated_on: 2026-03-10\n", "")


def no_staff_plan_2027(reg: Reg) -> None:
    pass  # the baseline has no staff plan for 2027


def staff_plan_2027_unapproved(reg: Reg) -> None:
    reg.write(f"{INFO}/staff-plans/2027.yaml", "year: 2027\ntrainings: []\n")


def training(reg: Reg, approval: bool = True, inspections: bool = True) -> None:
    reg.write(
        TRAINING,
        "certificate: web-frontend\nlevel: intermediate\nteam: [t2019001]\nmodules: [前端框架]\nhours: 16\n"
        "start: 2026-09-01\nend: 2026-09-10\nparticipants: 4\n"
        + ("approval: {by: 赵华, on: 2026-08-20}\n" if approval else "")
        + ("inspections:\n  - {on: 2026-09-05, by: 王丽}\n" if inspections else ""),
    )


def session(reg: Reg, approval: bool = True, inspector: bool = True, reported: bool = True) -> None:
    reg.write(
        NOV_SESSION,
        "certificate: web-frontend\nlevel: intermediate\nbatch: 2026-2\ndate: 2026-11-20\nsite: main-campus\n"
        + ("approval: {by: 赵华, on: 2026-11-01}\n" if approval else "")
        + ("inspector: 周芳\n" if inspector else "")
        + (
            "results_reported_on: 2026-12-01\ncertificates_issued: {by: 王丽, on: 2026-12-05}\n"
            if reported
            else ""
        )
        + "candidates:\n"
        '  - {student: "2024010126", name: 孙小强, major: "510201", result: pass, certificate_no: WF-2026-000130}\n',
    )
    reg.edit(PLAN, "candidates: 4,", "candidates: 5,")


def not_issued(reg: Reg) -> None:
    reg.edit(SESSION, "certificates_issued: {by: 王丽, on: 2026-07-15}\n", "")


def expiring(reg: Reg, on: str = "2027-02-01") -> None:
    reg.edit(f"{INFO}/instructors.yaml", "expires_on: 2028-06-01", f"expires_on: {on}")


def waiver(reg: Reg) -> None:
    reg.append(
        "onex.yaml",
        "waivers:\n  - {rule: STAFF-002, college: info, reason: 教师培训已排期, approved_by: 王丽, expires_on: 2027-01-15}\n",
    )


def budget(amount: int | None, warning: int | None = None) -> Callable[[Reg], None]:
    def change(reg: Reg) -> None:
        reg.edit(
            "onex.yaml", "fee_budget: {2026: 10000}\n", f"fee_budget: {{2026: {amount}}}\n" if amount else ""
        )
        if warning is not None:
            reg.append("onex.yaml", f"agenda: {{budget_warning: {warning}}}\n")

    return change


# kind, change, [(as-of, expected items of the kind: (due, who, file, line, overdue))]
CASES: list[tuple[str, str, Callable[[Reg], None], list[tuple[str, list[tuple]]]]] = [
    (
        "plan",
        "no plan for the year",
        no_plan,
        [
            ("2026-01-29", []),  # the deadline is 61 days away
            ("2026-03-01", [("2026-03-31", "赵华", COLLEGE, 1, False)]),
            ("2026-03-31", [("2026-03-31", "赵华", COLLEGE, 1, False)]),
            ("2026-04-01", [("2026-03-31", "赵华", COLLEGE, 1, True)]),
        ],
    ),
    (
        "plan-approval",
        "a plan not approved",
        plan_unapproved,
        [
            ("2026-03-31", [("2026-03-31", "赵华", PLAN, 1, False)]),
            ("2026-04-01", [("2026-03-31", "赵华", PLAN, 1, True)]),
        ],
    ),
    (
        "plan-filing",
        "an approved plan not filed",
        plan_not_filed,
        [
            ("2026-03-10", [("2026-03-31", "张伟", PLAN, 1, False)]),
            ("2026-04-01", [("2026-03-31", "张伟", PLAN, 1, True)]),
        ],
    ),
    (
        "plan-aggregation",
        "an approved plan not aggregated",
        plan_not_aggregated,
        [
            ("2026-03-31", [("2026-03-31", "教务处", PLAN, 1, False)]),
            ("2026-04-01", [("2026-03-31", "教务处", PLAN, 1, True)]),
        ],
    ),
    (
        "staff-plan",
        "no staff plan for the next year",
        no_staff_plan_2027,
        [
            ("2026-10-31", []),  # 61 days before
            ("2026-11-01", [("2026-12-31", "赵华", COLLEGE, 1, False)]),
            ("2026-12-31", [("2026-12-31", "赵华", COLLEGE, 1, False)]),
            ("2027-01-01", [("2026-12-31", "赵华", COLLEGE, 1, True)]),
        ],
    ),
    (
        "staff-plan-approval",
        "a staff plan not approved",
        staff_plan_2027_unapproved,
        [
            ("2026-12-31", [("2026-12-31", "赵华", f"{INFO}/staff-plans/2027.yaml", 1, False)]),
            ("2027-01-01", [("2026-12-31", "赵华", f"{INFO}/staff-plans/2027.yaml", 1, True)]),
        ],
    ),
    (
        "training-approval",
        "a training without approval",
        lambda reg: training(reg, approval=False),
        [
            ("2026-08-01", [("2026-08-31", "赵华", TRAINING, 1, False)]),
            ("2026-08-31", [("2026-08-31", "赵华", TRAINING, 1, False)]),
            ("2026-09-01", [("2026-08-31", "赵华", TRAINING, 1, True)]),
        ],
    ),
    (
        "training-inspection",
        "a training never inspected",
        lambda reg: training(reg, inspections=False),
        [
            ("2026-09-10", [("2026-09-10", "教务处", TRAINING, 1, False)]),
            ("2026-09-11", [("2026-09-10", "教务处", TRAINING, 1, True)]),
        ],
    ),
    (
        "session-approval",
        "an exam without approval",
        lambda reg: session(reg, approval=False),
        [
            ("2026-10-20", [("2026-11-19", "赵华", NOV_SESSION, 1, False)]),
            ("2026-11-19", [("2026-11-19", "赵华", NOV_SESSION, 1, False)]),
            ("2026-11-20", [("2026-11-19", "赵华", NOV_SESSION, 1, True)]),
        ],
    ),
    (
        "session-inspector",
        "an exam without an inspector",
        lambda reg: session(reg, inspector=False),
        [
            ("2026-11-19", [("2026-11-19", "张伟, 陈静", NOV_SESSION, 1, False)]),
            ("2026-11-20", [("2026-11-19", "张伟, 陈静", NOV_SESSION, 1, True)]),
        ],
    ),
    (
        "results",
        "results not reported",
        lambda reg: session(reg, reported=False),
        [
            ("2026-11-20", [("2026-12-20", "张伟", NOV_SESSION, 1, False)]),
            ("2026-12-20", [("2026-12-20", "张伟", NOV_SESSION, 1, False)]),
            ("2026-12-21", [("2026-12-20", "张伟", NOV_SESSION, 1, True)]),
        ],
    ),
    (
        "certificates",
        "certificates not issued after the results",
        not_issued,
        [
            ("2026-06-29", []),  # results not reported yet
            ("2026-06-30", [("2026-06-30", "王丽", SESSION, 1, False)]),
            ("2026-12-31", [("2026-06-30", "王丽", SESSION, 1, False)]),  # no deadline: never overdue
        ],
    ),
    (
        "renewal",
        "a qualification expiring",
        expiring,
        [
            ("2026-10-01", []),  # 123 days: outside --days and expiry_warning_days
            ("2026-12-31", [("2027-02-01", "张伟", f"{INFO}/instructors.yaml", 7, False)]),
            ("2027-02-01", [("2027-02-01", "张伟", f"{INFO}/instructors.yaml", 7, False)]),
            ("2027-02-02", [("2027-02-01", "张伟", f"{INFO}/instructors.yaml", 7, True)]),
        ],
    ),
    (
        "waiver",
        "a waiver expiring",
        waiver,
        [
            ("2026-12-31", [("2027-01-15", "王丽", "onex.yaml", 10, False)]),
            ("2027-01-15", [("2027-01-15", "王丽", "onex.yaml", 10, False)]),
            ("2027-01-16", [("2027-01-15", "王丽", "onex.yaml", 10, True)]),
        ],
    ),
    (
        "budget",
        "school-funded fees (1,200 yuan) at 92% of the budget, then over it",
        budget(1300),
        [("2026-12-31", [("2026-06-12", "教务处", "onex.yaml", 8, False)])],
    ),
    (
        "budget",
        "over the budget",
        budget(1100),
        [("2026-12-31", [("2026-06-12", "教务处", "onex.yaml", 8, True)])],
    ),
    (
        "budget",
        "no budget for the year",
        budget(None),
        [("2026-12-31", [("2026-06-12", "教务处", "onex.yaml", 2, True)])],
    ),
    (
        "budget",
        "a lower warning threshold (agenda.budget_warning)",
        budget(2000, warning=60),
        [("2026-12-31", [("2026-06-12", "教务处", "onex.yaml", 8, False)])],
    ),
]


@pytest.mark.parametrize(("kind", "case", "change", "dates"), CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_each_kind_due_soon_today_overdue(cli, reg: Reg, kind, case, change, dates) -> None:
    change(reg)
    for as_of, expected in dates:
        assert of_kind(cli, reg, as_of, kind) == expected, as_of


@pytest.mark.parametrize(
    ("kind", "as_of"),
    [
        ("plan", "2026-04-01"),
        ("plan-approval", "2026-04-01"),
        ("plan-filing", "2026-04-01"),
        ("plan-aggregation", "2026-04-01"),
        ("staff-plan-approval", "2026-12-31"),
        ("training-approval", "2026-09-01"),
        ("training-inspection", "2026-09-11"),
        ("session-approval", "2026-11-20"),
        ("session-inspector", "2026-11-20"),
        ("results", "2026-12-21"),
        ("certificates", "2026-12-31"),
        ("renewal", "2027-02-02"),
        ("budget", "2026-12-31"),
    ],
)
def test_fulfilled_duties_are_absent(cli, reg: Reg, kind: str, as_of: str) -> None:
    """The baseline (plus the records of each case, fulfilled) owes nothing of the kind."""
    training(reg)
    session(reg)
    reg.write(
        f"{INFO}/staff-plans/2027.yaml", "year: 2027\napproval: {by: 李明, on: 2026-12-01}\ntrainings: []\n"
    )
    assert of_kind(cli, reg, as_of, kind) == []


def test_budget_below_the_warning_threshold_is_absent(cli, reg: Reg) -> None:
    budget(2000)(reg)  # 1,200 of 2,000 is 60%: below the default 90%
    assert of_kind(cli, reg, "2026-12-31", "budget") == []


def test_renewal_inside_the_warning_window_is_listed_beyond_days(cli, reg: Reg) -> None:
    """STAFF-003 warns 90 days ahead: the agenda lists what it warns about, whatever --days."""
    expiring(reg, "2027-03-15")
    assert of_kind(cli, reg, "2026-12-31", "renewal", "--days", "10") == [
        ("2027-03-15", "张伟", f"{INFO}/instructors.yaml", 7, False)
    ]
    assert any(p[0] == "STAFF-003" for p in reg.problems(dt.date(2026, 12, 31)))


def _overdue_cases() -> list[tuple[str, Callable[[Reg], None], str]]:
    out = []
    for kind, case, change, dates in CASES:
        for as_of, expected in dates:
            if any(item[-1] for item in expected):
                out.append((f"{kind}: {case}", change, as_of))
    return out


@pytest.mark.parametrize(("case", "change", "as_of"), _overdue_cases(), ids=[c[0] for c in _overdue_cases()])
def test_overdue_items_are_the_problems_check_reports(cli, reg: Reg, case, change, as_of) -> None:
    """One source of truth: at the same date, the overdue items and the problems their rules
    report for a missed duty are the same (rule, file, line), for every kind."""
    change(reg)
    items = agenda(cli, reg, as_of)["items"]
    overdue = {(i["rule"], i["file"], i["line"]) for i in items if i["overdue"]}
    messages = {message for known in duties.KINDS.values() if known for message in known[1]}
    problems = {
        (p.rule, p.file, p.line)
        for p in reg.result(dt.date.fromisoformat(as_of)).problems
        if p.message in messages
    }
    assert overdue and overdue == problems


def test_every_kind_has_a_case() -> None:
    assert {c[0] for c in CASES} == set(duties.KINDS)


# --- exact output --------------------------------------------------------------------------


def test_table_exact(cli, reg: Reg) -> None:
    session(reg, reported=False)
    expiring(reg)
    code, out, err = cli("agenda", "--registry", reg.root, "--as-of", "2026-12-21", "--lang", "en")
    assert code == 0, err
    assert out == (
        "2026-12-20  overdue by 1 day(s)  results report         张伟  colleges/info/sessions/2026/web-mid-nov.yaml:1\n"
        "            report the results of the Web前端开发 exam of 2026-11-20 to the office by 2026-12-20 (30 days after "
        "the exam) and record results_reported_on (§5.2.3)\n"
        "2026-12-31  in 10 day(s)         staff plan             赵华  colleges/info/college.yaml:1\n"
        "            draw up the 2027 staff plan of 信息工程学院 before the year starts and have the college leadership "
        "approve it: add colleges/info/staff-plans/2027.yaml (§4.3.2)\n"
        "2027-02-01  in 42 day(s)         qualification renewal  张伟  colleges/info/instructors.yaml:7\n"
        "            renew the Web前端开发 trainer qualification of 张伟 (t2019001), which expires on 2027-02-01, and "
        "record the new certificate (§4.3.1)\n"
        "3 open duties, 1 overdue (as of 2026-12-21, next 60 days)\n"
    )


def test_markdown_exact_zh(cli, reg: Reg) -> None:
    not_issued(reg)
    code, out, err = cli(
        "agenda", "--registry", reg.root, "--as-of", "2026-12-31", "--format", "markdown", "--lang", "zh"
    )
    assert code == 0, err
    assert out == (
        "# 北京工业职业技术学院 1+X 待办事项（截至 2026-12-31，未来 60 天及已逾期）\n\n"
        "2 项待办，其中 0 项已逾期（截至 2026-12-31，未来 60 天）\n\n"
        "| 到期日 | 状态 | 事项 | 负责人 | 学院 | 位置 | 要做什么 |\n"
        "|---|---|---|---|---|---|---|\n"
        "| 2026-06-30 | 已开始 184 天 | 证书签发 | 王丽 | 信息工程学院 | `colleges/info/sessions/2026/web-mid-june.yaml:1` "
        "| 平台管理员为 2026-06-12 Web前端开发 考核的 2 名通过考生签发证书，并填写 certificates_issued: {by: …, on: …}（§5.2.3） |\n"
        "| 2026-12-31 | 今天到期 | 师资培养计划 | 赵华 | 信息工程学院 | `colleges/info/college.yaml:1` "
        "| 在 2027 年开始前制订 信息工程学院 的 2027 年度师资培养计划并报学院领导审批：新建 colleges/info/staff-plans/2027.yaml（§4.3.2） |\n"
    )


def test_json_keys(cli, reg: Reg) -> None:
    document = agenda(cli, reg, "2026-12-31")
    assert document["summary"] == {"items": 1, "overdue": 0}
    (item,) = document["items"]
    assert set(item) >= {"due", "kind", "who", "college", "file", "line", "message", "overdue"}
    assert item["college"] == "info" and item["kind"] == "staff-plan" and item["people"] == ["赵华"]


def test_filters_who_and_college(cli, reg: Reg) -> None:
    expiring(reg)
    assert [i["kind"] for i in agenda(cli, reg, "2026-12-31")["items"]] == ["staff-plan", "renewal"]
    assert [i["kind"] for i in agenda(cli, reg, "2026-12-31", "--who", "张伟")["items"]] == ["renewal"]
    assert agenda(cli, reg, "2026-12-31", "--who", "无名")["items"] == []
    # an instructor's staff number stands for the instructor's name
    assert [i["kind"] for i in agenda(cli, reg, "2026-12-31", "--who", "t2019001")["items"]] == ["renewal"]
    assert agenda(cli, reg, "2026-12-31", "--who", "t2020005")["items"] == []
    assert len(agenda(cli, reg, "2026-12-31", "--college", "info")["items"]) == 2
    assert agenda(cli, reg, "2026-12-31", "--days", "0")["items"][0]["kind"] == "staff-plan"


def test_bad_arguments_exit_2(cli, reg: Reg) -> None:
    code, out, err = cli("agenda", "--registry", reg.root, "--days", "-1", "--lang", "en")
    assert code == 2 and "invalid --days -1" in err and "Traceback" not in err
    code, out, err = cli("agenda", "--registry", reg.root, "--format", "pdf", "--lang", "en")
    assert code == 2 and "unsupported format pdf" in err


def test_invalid_budget_warning_is_reg_002(reg: Reg) -> None:
    reg.append("onex.yaml", "agenda: {budget_warning: 150}\n")
    assert ("REG-002", "onex.yaml", 9) in reg.problems()


def test_output_file(cli, reg: Reg, tmp_path) -> None:
    target = tmp_path / "agenda.md"
    code, out, err = cli(
        "agenda", "--registry", reg.root, "--as-of", "2026-12-31", "-f", "markdown", "-o", target
    )
    assert code == 0 and out == "" and target.read_text(encoding="utf-8").startswith("# ")


# --- ics -------------------------------------------------------------------------------------


def _ics(cli, reg: Reg, as_of: str, lang: str = "en") -> str:
    code, out, err = cli(
        "agenda", "--registry", reg.root, "--as-of", as_of, "--format", "ics", "--lang", lang
    )
    assert code == 0, err
    return out


def test_ics_parsed_back_by_icalendar_and_vobject(cli, reg: Reg) -> None:
    import icalendar
    import vobject

    session(reg, reported=False)
    expiring(reg)
    text = _ics(cli, reg, "2026-12-21", lang="zh")
    expected = agenda(cli, reg, "2026-12-21", lang="zh")["items"]

    events = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert [
        (str(e["UID"]), e.decoded("DTSTART"), e.decoded("DTEND") - e.decoded("DTSTART")) for e in events
    ] == [(i["uid"], dt.date.fromisoformat(i["due"]), dt.timedelta(days=1)) for i in expected]
    assert str(events[0]["SUMMARY"]) == "[逾期] 结果上报 · 张伟"
    assert str(events[0]["DESCRIPTION"]).splitlines() == [
        expected[0]["message"],
        "负责人：张伟",
        "登记库位置：colleges/info/sessions/2026/web-mid-nov.yaml:1",
    ]

    calendar = vobject.readOne(text)
    second = [(e.uid.value, e.dtstart.value, e.summary.value) for e in calendar.vevent_list]
    assert second == [(str(e["UID"]), e.decoded("DTSTART"), str(e["SUMMARY"])) for e in events]
    assert calendar.version.value == "2.0" and calendar.prodid.value == "-//onex//agenda//EN"


def test_ics_uids_stable_when_lines_and_dates_move(cli, reg: Reg) -> None:
    """A calendar re-importing the feed updates its events: the UID ignores the line and the date."""
    session(reg, reported=False)
    before = {e.split("\n")[0] for e in _ics(cli, reg, "2026-12-21").split("UID:")[1:]}
    text = reg.read(NOV_SESSION)
    reg.write(NOV_SESSION, "# 一行注释\n" + text.replace("date: 2026-11-20", "date: 2026-11-25"))
    after = {e.split("\n")[0] for e in _ics(cli, reg, "2026-12-27").split("UID:")[1:]}
    assert before == after and len(before) == 2


def test_ics_a_later_feed_is_a_later_revision_of_each_event(cli, reg: Reg) -> None:
    """SEQUENCE and LAST-MODIFIED grow with the as-of date (a calendar that compares them on
    import replaces the event); the same registry and date give the same feed."""
    import icalendar

    session(reg, reported=False)

    def revisions(as_of: str) -> dict[str, tuple[int, dt.datetime]]:
        events = icalendar.Calendar.from_ical(_ics(cli, reg, as_of)).walk("VEVENT")
        return {str(e["UID"]): (int(e["SEQUENCE"]), e.decoded("LAST-MODIFIED")) for e in events}

    early, late = revisions("2026-12-21"), revisions("2026-12-27")
    assert early.keys() == late.keys() and len(early) == 2
    for uid, (sequence, modified) in early.items():
        assert late[uid][0] == sequence + 6 and late[uid][1] - modified == dt.timedelta(days=6)
        assert modified == dt.datetime(2026, 12, 21, tzinfo=dt.UTC)
    assert _ics(cli, reg, "2026-12-21") == _ics(cli, reg, "2026-12-21")


def test_an_overdue_duty_under_a_waiver_is_marked_waived(cli, reg: Reg) -> None:
    training(reg, inspections=False)
    reg.append(
        "onex.yaml",
        f"waivers:\n  - {{rule: TRAIN-003, file: {TRAINING}, reason: 检查记录待补, approved_by: 王丽, expires_on: 2027-06-30}}\n",
    )
    (item,) = [i for i in agenda(cli, reg, "2026-09-11")["items"] if i["kind"] == "training-inspection"]
    assert (item["overdue"], item["waived"]) == (True, True)
    (problem,) = [p for p in reg.result(dt.date(2026, 9, 11)).problems if p.rule == "TRAIN-003"]
    assert problem.waived and (problem.file, problem.line) == (item["file"], item["line"])
    code, out, _ = cli("agenda", "--registry", reg.root, "--as-of", "2026-09-11", "--lang", "en")
    assert "overdue by 1 day(s) (waived)" in out


def test_hostile_names_stay_text_in_every_format(cli, reg: Reg) -> None:
    """A leader and a college named to break out (ESC, rich markup, a table pipe, a newline that
    would end the calendar event, a bidi override) stay one visible value in every format."""
    import icalendar
    import vobject

    reg.edit(COLLEGE, "{name: 赵华,", '{name: "赵华\\e[31m|*x*\\nEND:VEVENT [bold]",')
    reg.edit(COLLEGE, "name: 信息工程学院", 'name: "# 信息|学院\\u202e"')
    shown = "赵华\\x1b[31m|*x*\\x0aEND:VEVENT [bold]"

    def run(format: str) -> str:
        code, out, err = cli(
            "agenda", "--registry", reg.root, "--as-of", "2026-12-31", "-f", format, "--lang", "en"
        )
        assert code == 0, err
        assert "\x1b" not in out and "\u202e" not in out
        return out

    table = run("table").splitlines()
    assert len(table) == 3 and shown in table[0]
    markdown = [line for line in run("markdown").splitlines() if line.startswith("|")]
    assert len(markdown) == 3 and all(line.replace("\\|", "").count("|") == 8 for line in markdown)
    assert json.loads(run("json"))["items"][0]["people"] == [shown]
    ics = run("ics")
    (event,) = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    assert str(event["SUMMARY"]) == f"staff plan · {shown}"
    assert len(vobject.readOne(ics).vevent_list) == 1


def test_salvaged_records_neither_crash_nor_invent_duties(cli, reg: Reg) -> None:
    """Fields broken by REG-002 (a name, dates, the threshold, a waiver's expiry) are unknown: no
    duty is concluded from them, and a holder whose name is broken is named by staff number."""
    reg.edit(f"{INFO}/instructors.yaml", "    name: 张伟", "    name: [张伟]")
    expiring(reg, "2027-01-10")
    reg.edit(SESSION, "date: 2026-06-12", "date: 2026-13-12")
    reg.edit(f"{INFO}/trainings/2026/web-mid-spring.yaml", "end: 2026-04-20", "end: soon")
    reg.append(
        "onex.yaml",
        'agenda: {budget_warning: "90%"}\n'
        "waivers:\n  - {rule: STAFF-002, reason: x, approved_by: 王丽, expires_on: 2027-13-01}\n",
    )
    items = agenda(cli, reg, "2026-12-31")["items"]
    assert [(i["kind"], i["who"], i["line"]) for i in items] == [
        ("staff-plan", "赵华", 1),
        ("renewal", "t2019001", 7),
    ]
    assert "of t2019001 (t2019001)" in items[1]["message"]
    # the waiver with a broken expires_on waives nothing and is not judged (SPEC §4.1/§4.2): no WAIVE-001
    assert sorted(p[0] for p in reg.problems() if p[0] != "REG-002") == ["STAFF-003"]


def test_the_example_in_docs_is_current(cli) -> None:
    from pathlib import Path

    top = Path(__file__).resolve().parents[1]
    code, out, err = cli("agenda", "--registry", top / "registry", "--as-of", "2026-12-31", "--lang", "zh")
    assert code == 0, err
    assert out in (top / "docs" / "agenda.md").read_text(encoding="utf-8")
