"""REG-001…004: the registry can be read, fits its schema, its ids and references hold."""

from __future__ import annotations

import pytest

SESSION = "colleges/info/sessions/2026/web-mid-june.yaml"
ADOPTION = "colleges/info/certificates/web-frontend.yaml"
COLLEGE = "colleges/info/college.yaml"
INSTRUCTORS = "colleges/info/instructors.yaml"


# --- REG-001 ---------------------------------------------------------------------------------


def test_reg001_syntax_error_is_located_and_the_rest_still_checked(reg):
    reg.edit(COLLEGE, "working_group: [张伟, 刘洋]", "working_group: [张伟, 刘洋")
    reg.edit(SESSION, "site: main-campus", "site: nowhere")
    problems = reg.problems()
    assert ("REG-001", COLLEGE, reg.line_of(COLLEGE, "exam_group")) in problems or any(
        p[:2] == ("REG-001", COLLEGE) for p in problems
    )
    assert ("REG-004", SESSION, reg.line_of(SESSION, "site:")) in problems  # the rest was checked


def test_reg001_duplicate_key(reg):
    reg.edit(SESSION, "inspector: 周芳", "inspector: 周芳\ninspector: 吴敏")
    assert reg.problems(rule="REG-001") == [("REG-001", SESSION, reg.line_of(SESSION, "inspector", 2))]
    assert "inspector" in reg.messages("REG-001")[0]


def test_reg001_gbk_file_names_the_encoding(reg):
    text = reg.read(COLLEGE)
    reg.write_bytes(COLLEGE, text.encode("gb18030"))
    [problem] = reg.problems(rule="REG-001")
    assert problem[:2] == ("REG-001", COLLEGE) and problem[2] == 1
    message = reg.messages("REG-001")[0]
    assert "GB18030" in message and "iconv" in message


def test_reg001_passes_bom_and_crlf(reg):
    text = reg.read(SESSION)
    reg.write_bytes(SESSION, b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert reg.problems() == []


# --- REG-002 ---------------------------------------------------------------------------------


def test_reg002_missing_field_at_its_parent(reg):
    reg.edit(SESSION, '{student: "2024010124", name: 李小红, ', '{student: "2024010124", ')
    assert reg.problems(rule="REG-002") == [("REG-002", SESSION, reg.line_of(SESSION, "2024010124"))]
    assert reg.messages("REG-002") == ["candidates[1] lacks the required field `name`"]


def test_reg002_unknown_field_at_its_key_with_suggestion(reg):
    reg.edit(SESSION, "inspector: 周芳", "inspecter: 周芳")
    assert reg.problems(rule="REG-002") == [("REG-002", SESSION, reg.line_of(SESSION, "inspecter"))]
    assert reg.messages("REG-002") == [
        "unknown field `inspecter` (did you mean `inspector`?): remove it or correct its name"
    ]


def test_reg002_one_problem_per_field_and_bad_items_do_not_hide_the_rest(reg):
    reg.edit(SESSION, "result: fail, score: 52", "result: failed, enrolled: no, score: 52")
    reg.edit(SESSION, "site: main-campus", "site: nowhere")
    line = reg.line_of(SESSION, "2024010124")
    assert reg.problems(rule="REG-002") == [("REG-002", SESSION, line), ("REG-002", SESSION, line)]
    messages = sorted(reg.messages("REG-002"))
    assert messages[0].startswith("`candidates[1].enrolled` must be true or false, not 'no'")
    assert (
        messages[1]
        == "`candidates[1].result` is 'failed', which is not allowed: use one of pass（通过） | fail（未通过） | absent（缺考） | pending（待定）"
    )
    assert (
        "REG-004",
        SESSION,
        reg.line_of(SESSION, "site:"),
    ) in reg.problems()  # the session is still checked


def test_reg002_unquoted_code_gets_the_quote_hint(reg):
    reg.edit(COLLEGE, '- code: "510201"', "- code: 510201")
    assert reg.problems(rule="REG-002") == [("REG-002", COLLEGE, reg.line_of(COLLEGE, "code: 510201"))]
    assert reg.messages("REG-002") == [
        "`majors[0].code` must be text: quote it as '510201' (unquoted, 0123 becomes 123)"
    ]


def test_reg002_bad_date(reg):
    reg.edit(SESSION, "date: 2026-06-12", "date: 2026-06-31")
    assert reg.problems(rule="REG-002") == [("REG-002", SESSION, reg.line_of(SESSION, "date:"))]


def test_reg002_missing_college_file(reg):
    reg.remove(COLLEGE)
    assert ("REG-002", COLLEGE, 1) in reg.problems(rule="REG-002")


def test_reg002_empty_file(reg):
    reg.write(INSTRUCTORS, "# 还没有教师\n")
    assert reg.problems(rule="REG-002") == [("REG-002", INSTRUCTORS, 1)]


def test_reg002_chinese_aliases_pass(reg):
    reg.edit(SESSION, "result: fail, score: 52", "result: 未通过, score: 52")
    reg.edit(ADOPTION, "status: active", "status: 在用")
    assert reg.problems() == []


# --- REG-003 ---------------------------------------------------------------------------------


def test_reg003_id_field_must_match_path(reg):
    reg.edit(SESSION, "certificate: web-frontend", "id: web-mid-july\ncertificate: web-frontend")
    assert reg.problems(rule="REG-003") == [("REG-003", SESSION, 1)]


def test_reg003_id_field_matching_path_passes(reg):
    reg.edit(SESSION, "certificate: web-frontend", "id: web-mid-june\ncertificate: web-frontend")
    assert reg.problems(rule="REG-003") == []


def test_reg003_year_folder_must_match_date(reg):
    reg.edit(SESSION, "date: 2026-06-12", "date: 2027-06-12")
    assert ("REG-003", SESSION, reg.line_of(SESSION, "date:")) in reg.problems(rule="REG-003")


def test_reg003_duplicate_instructor(reg):
    reg.edit(INSTRUCTORS, "- id: t2020005", "- id: t2019001")
    assert reg.problems(rule="REG-003") == [
        ("REG-003", INSTRUCTORS, reg.line_of(INSTRUCTORS, "id: t2019001", 2))
    ]


def test_reg003_duplicate_student_in_a_session(reg):
    reg.edit(SESSION, '{student: "2024010124"', '{student: "2024010123"')
    assert reg.problems(rule="REG-003") == [("REG-003", SESSION, reg.line_of(SESSION, "2024010123", 2))]


MAJOR_ITEM = '  - {code: "510201", role: primary}\n'


def test_reg003_major_listed_twice_in_an_adoption_is_reported_once_and_counted_once(reg):
    reg.append("onex.yaml", "policy: {min_certified_per_major: 4, recommended_certified_per_major: 5}\n")
    reg.edit(ADOPTION, MAJOR_ITEM, MAJOR_ITEM + '  - {code: "510201", role: auxiliary}\n')
    first, repeat = reg.line_of(ADOPTION, '"510201"'), reg.line_of(ADOPTION, '"510201"', 2)
    # STAFF-001 (3 certified teachers, 4 asked) counts the major once: at the first item only
    assert reg.problems() == [("STAFF-001", ADOPTION, first), ("REG-003", ADOPTION, repeat)]
    assert reg.messages("REG-003") == [
        f"major code 510201 appears twice (first at {ADOPTION}:{first}): each must be unique"
    ]


def test_reg003_another_major_in_an_adoption_is_no_repeat(reg):
    reg.edit(ADOPTION, MAJOR_ITEM, MAJOR_ITEM + '  - {code: "530302", role: auxiliary}\n')
    assert reg.problems(rule="REG-003") == []


def test_reg003_a_repeated_unknown_major_is_one_reg004_and_one_reg003(reg):
    reg.edit(
        ADOPTION, MAJOR_ITEM, '  - {code: "999999", role: primary}\n  - {code: "999999", role: primary}\n'
    )
    assert reg.problems() == [
        ("REG-004", ADOPTION, reg.line_of(ADOPTION, '"999999"')),
        ("REG-003", ADOPTION, reg.line_of(ADOPTION, '"999999"', 2)),
    ]


def test_reg003_the_repeat_role_is_not_counted(reg):
    """CERT-005 reads the first listing: a primary role on the repeat makes no primary."""
    reg.edit(ADOPTION, MAJOR_ITEM, '  - {code: "510201", role: auxiliary}\n' + MAJOR_ITEM)
    assert reg.problems() == [
        ("REG-003", ADOPTION, reg.line_of(ADOPTION, '"510201"', 2)),
        ("CERT-005", COLLEGE, reg.line_of(COLLEGE, '"510201"')),
    ]


def test_reg003_unknown_values_repeat_nothing(reg):
    """Two broken codes or student numbers are REG-002 each, not a repeat of each other (SPEC §4.1)."""
    reg.edit(
        ADOPTION,
        MAJOR_ITEM,
        MAJOR_ITEM + "  - {code: 12, role: auxiliary}\n  - {code: 13, role: auxiliary}\n",
    )
    reg.edit(SESSION, '{student: "2024010123"', '{student: "12-34"')
    reg.edit(SESSION, '{student: "2024010124"', '{student: "56-78"')
    assert sorted(reg.problems()) == [
        ("REG-002", ADOPTION, reg.line_of(ADOPTION, "code: 12")),
        ("REG-002", ADOPTION, reg.line_of(ADOPTION, "code: 13")),
        ("REG-002", SESSION, reg.line_of(SESSION, "12-34")),
        ("REG-002", SESSION, reg.line_of(SESSION, "56-78")),
    ]


def test_reg003_file_outside_the_layout(reg):
    reg.write("colleges/info/notes.yaml", "a: 1\n")
    reg.write("colleges/info/certificates/Web_Frontend.yaml", "lead: t2019001\n")
    assert reg.problems(rule="REG-003") == [
        ("REG-003", "colleges/info/certificates/Web_Frontend.yaml", 1),
        ("REG-003", "colleges/info/notes.yaml", 1),
    ]


def test_reg003_two_leaders_in_charge(reg):
    """SPEC §4.2: one problem, on `leaders`, and approvals by the leader in charge are not judged
    (the training and the session are approved by 赵华, who is no longer the only one)."""
    reg.edit(COLLEGE, "{name: 李明, role: 院长}", "{name: 李明, role: 院长, in_charge: true}")
    assert reg.problems() == [("REG-003", COLLEGE, reg.line_of(COLLEGE, "leaders:"))]


def test_approvals_by_someone_else_are_judged_with_exactly_one_leader_in_charge(reg):
    reg.edit("colleges/info/sessions/2026/web-mid-june.yaml", "by: 赵华", "by: 李明")
    assert reg.problems(rule="EXAM-002") == [("EXAM-002", "colleges/info/sessions/2026/web-mid-june.yaml", 6)]


# --- REG-004 ---------------------------------------------------------------------------------


def test_reg004_unknown_batch_names_the_known_ones(reg):
    reg.edit(SESSION, "batch: 2026-1", "batch: 2026-3")
    assert reg.problems(rule="REG-004") == [("REG-004", SESSION, reg.line_of(SESSION, "batch:"))]
    assert reg.messages("REG-004") == [
        "the organisation of web-frontend has no exam batch 2026-3 (it has: 2026-1, 2026-2)"
    ]


def test_reg004_unknown_team_member_and_module(reg):
    training = "colleges/info/trainings/2026/web-mid-spring.yaml"
    reg.edit(training, "team: [t2019001, t2021003]", "team: [t2019001, t9999999]")
    reg.edit(training, "modules: [前端框架]", "modules: [后端框架]")
    assert reg.problems(rule="REG-004") == [
        ("REG-004", training, reg.line_of(training, "team:")),
        ("REG-004", training, reg.line_of(training, "modules:")),
    ]


def test_reg004_adoption_of_a_certificate_no_org_offers(reg):
    reg.write("colleges/info/certificates/no-such-cert.yaml", reg.read(ADOPTION))
    assert ("REG-004", "colleges/info/certificates/no-such-cert.yaml", 1) in reg.problems(rule="REG-004")


def test_reg004_session_of_a_certificate_not_adopted(reg):
    reg.edit(SESSION, "certificate: web-frontend", "certificate: cloud-ops")
    assert ("REG-004", SESSION, 1) in reg.problems(rule="REG-004")


def test_reg004_no_leader_in_charge(reg):
    reg.edit(COLLEGE, ", in_charge: true}", "}")
    assert reg.problems() == [("REG-004", COLLEGE, reg.line_of(COLLEGE, "leaders:"))]  # and nothing else


def test_reg004_external_site_passes(reg):
    reg.edit(SESSION, "site: main-campus", "site: external")
    assert reg.problems(rule="REG-004") == []


# --- SPEC §4.2 decisions --------------------------------------------------------------------------

SESSION_FILE = "colleges/info/sessions/2026/web-mid-june.yaml"


def test_reg004_an_enrolled_candidate_of_no_major(reg):
    reg.edit(SESSION_FILE, 'major: "530302"', 'major: "530399"')
    line = reg.line_of(SESSION_FILE, "530399")
    assert reg.problems() == [("REG-004", SESSION_FILE, line)]
    assert reg.messages("REG-004")[0].startswith(
        "major code 530399 of an enrolled candidate is no major of any college"
    )


def test_reg004_a_candidate_who_is_not_enrolled_may_be_of_any_major(reg):
    reg.edit(SESSION_FILE, 'major: "530302"', 'major: "530399", enrolled: false')
    assert reg.problems() == []


def test_reg004_a_level_the_org_does_not_offer(reg):
    reg.edit("orgs/edu-tech.yaml", "levels: {junior: {fee: 350}}", "levels: {}")
    reg.write(
        "colleges/info/certificates/cloud-ops.yaml",
        reg.read("colleges/info/certificates/web-frontend.yaml")
        .replace("levels: [junior, intermediate]", "levels: [junior]")
        .replace(
            "  网页设计: {courses: [WEB101]}\n  前端框架: {courses: [], training: true}\n",
            "  云平台部署: {courses: [], training: true}\n",
        ),
    )
    found = reg.problems(rule="REG-004")
    assert found == [("REG-004", "colleges/info/certificates/cloud-ops.yaml", 4)]  # cloud-ops offers no level


@pytest.mark.parametrize(
    ("deadline", "found"), [('"02-29"', False), ('"02-30"', True), ('"04-31"', True), ('"12-31"', False)]
)
def test_reg002_annual_plan_deadline_is_a_real_month_day(reg, deadline, found):
    reg.append("onex.yaml", f"policy: {{annual_plan_deadline: {deadline}}}\n")
    expected = [("REG-002", "onex.yaml", reg.line_of("onex.yaml", "annual_plan_deadline"))] if found else []
    assert reg.problems(rule="REG-002") == expected


def test_a_02_29_deadline_is_february_28_in_a_common_year(reg):
    import datetime as dt

    reg.append("onex.yaml", 'policy: {annual_plan_deadline: "02-29"}\n')
    reg.edit(
        "colleges/info/plans/2026.yaml",
        "approval: {by: 李明, on: 2026-02-20}",
        "approval: {by: 李明, on: 2026-03-01}",
    )
    assert reg.problems(as_of=dt.date(2026, 3, 1), rule="PLAN-002") == [
        ("PLAN-002", "colleges/info/plans/2026.yaml", 2)
    ]


@pytest.mark.parametrize(
    ("student", "found"), [('"2024A0123"', False), ('"2024-0123"', True), ('"２０２４０１２３"', True)]
)
def test_reg002_student_numbers_are_ascii_letters_and_digits(reg, student, found):
    reg.edit(SESSION_FILE, 'student: "2024010124"', f"student: {student}")
    expected = [("REG-002", SESSION_FILE, reg.line_of(SESSION_FILE, "李小红"))] if found else []
    assert reg.problems() == expected


@pytest.mark.parametrize(("key", "found"), [("2026", False), ("2026.5", True), ('"2026"', True)])
def test_reg002_fee_budget_years_are_whole_numbers(reg, key, found):
    reg.edit("onex.yaml", "fee_budget: {2026: 10000}", f"fee_budget: {{{key}: 10000}}")
    assert [rule for rule, _f, _l in reg.problems()] == (["REG-002"] if found else [])


def test_reg004_reads_no_date(reg):
    """engine.resolve finds unresolved references once, before any as-of date is known (app.open_registry)."""
    import datetime as dt

    from onex.load import load
    from onex.registry import Registry
    from onex.rules import BY_ID, Context

    reg.edit(SESSION, "site: main-campus", "site: nowhere")
    registry = Registry(load(reg.root))
    found = [
        [(f.record.file, f.path) for f in BY_ID["REG-004"].check(registry, Context(day, registry.policy))]
        for day in (dt.date(2000, 1, 1), dt.date(2100, 1, 1))
    ]
    assert found[0] == found[1] == [(SESSION, ("site",))]
