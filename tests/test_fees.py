"""The one definition of school-funded (onex/fees.py) and the fee knobs of `policy.fees`.

The baseline's June 2026 intermediate session of web-frontend (400 yuan) lists 王小明 (pass),
李小红 (fail), 赵小刚 (absent), all of 510201 (matched), and 钱小芳 of 530302 (not matched).
`resits` adds a November session where 李小红 and 赵小刚 re-sit, and a junior session where
王小明 sits his second certificate level of the year.
"""

from __future__ import annotations

import textwrap

import pytest

from onex import fees
from onex import models as m

SESSION = "colleges/info/sessions/2026/web-mid-june.yaml"
RESIT = "colleges/info/sessions/2026/web-mid-nov.yaml"
JUNIOR = "colleges/info/sessions/2026/web-junior-nov.yaml"
ONEX = "onex.yaml"

SESSION_HEAD = """
certificate: web-frontend
level: {level}
batch: 2026-2
date: {date}
site: main-campus
approval: {{by: 赵华, on: 2026-10-20}}
inspector: 周芳
results_reported_on: 2026-11-30
reimbursement: {{status: pending}}
candidates:
"""


def write_session(reg, rel: str, level: str, date: str, candidates: list[str]) -> None:
    body = SESSION_HEAD.format(level=level, date=date) + "".join(f"  - {c}\n" for c in candidates)
    reg.write(rel, body)


@pytest.fixture
def resits(reg):
    write_session(
        reg,
        RESIT,
        "intermediate",
        "2026-11-20",
        [
            '{student: "2024010124", name: 李小红, major: "510201", result: pass, score: 70}',
            '{student: "2024010125", name: 赵小刚, major: "510201", result: fail, score: 40}',
        ],
    )
    write_session(
        reg,
        JUNIOR,
        "junior",
        "2026-11-10",
        ['{student: "2024010123", name: 王小明, major: "510201", result: pass, score: 90}'],
    )
    return reg


def set_fees(reg, yaml_text: str) -> None:
    """Append a `policy: fees:` block (yaml_text indented under `fees:`) to onex.yaml."""
    lines = "".join(f"    {line}\n" for line in textwrap.dedent(yaml_text).strip().splitlines())
    reg.append(ONEX, "policy:\n  fees:\n" + lines)


def funding_of(reg) -> dict[tuple[str, str], fees.Funding]:
    registry = reg.result().registry
    return {
        (record.file, candidate.student): registry.funding(candidate)
        for _college, record, session in registry.sessions()
        for candidate in session.candidates
    }


# --- the definition --------------------------------------------------------------------------

EVERY = m.FeePolicy()


@pytest.mark.parametrize(
    "sitting, policy, expected",
    [
        (fees.Sitting(True, True, "junior"), EVERY, (True, fees.FUNDED)),
        (fees.Sitting(False, True, "junior"), EVERY, (False, fees.NOT_ENROLLED)),
        (fees.Sitting(True, False, "junior"), EVERY, (False, fees.NOT_MATCHED)),
        (fees.Sitting(True, True, "junior", earlier_attempts=3), EVERY, (True, fees.FUNDED)),
        (
            fees.Sitting(True, True, "junior", earlier_attempts=1),
            m.FeePolicy(school_pays="first_attempt"),
            (False, fees.RESIT),
        ),
        (
            fees.Sitting(True, True, "senior"),
            m.FeePolicy(school_funded_levels=["junior", "intermediate"]),
            (False, fees.LEVEL_NOT_FUNDED),
        ),
        (
            fees.Sitting(True, True, "junior", funded_earlier_in_year=1),
            m.FeePolicy(max_school_funded_per_student_year=1),
            (False, fees.YEARLY_LIMIT),
        ),
        (
            fees.Sitting(True, True, "junior", funded_earlier_in_year=1),
            m.FeePolicy(max_school_funded_per_student_year=2),
            (True, fees.FUNDED),
        ),
        # the first condition that fails names the reason
        (
            fees.Sitting(False, False, "senior", earlier_attempts=1),
            m.FeePolicy(school_pays="first_attempt", school_funded_levels=[]),
            (False, fees.NOT_ENROLLED),
        ),
    ],
)
def test_decide(sitting, policy, expected):
    funding = fees.decide(sitting, policy)
    assert (funding.school, funding.reason) == expected
    assert funding.attempt == sitting.earlier_attempts + 1


def test_capped_fee():
    capped = m.FeePolicy(fee_caps={"intermediate": 350})
    assert fees.capped_fee(400, "intermediate", capped) == 350
    assert fees.capped_fee(300, "intermediate", capped) == 300
    assert fees.capped_fee(400, "junior", capped) == 400
    assert fees.capped_fee(None, "intermediate", capped) is None


def test_sittings_are_counted_in_date_then_path_order():
    def session(date: str, *students: str) -> m.Session:
        return m.Session.model_validate(
            {
                "certificate": "web-frontend",
                "level": "junior",
                "batch": "b",
                "date": __import__("datetime").date.fromisoformat(date),
                "site": "s",
                "candidates": [{"student": s, "name": "某", "major": "510201"} for s in students],
            }
        )

    later = session("2026-06-02", "A")
    same_day_b = session("2026-06-01", "A")
    same_day_a = session("2026-06-01", "A", "A")  # listed twice in one session: sits once
    found = fees.fund_all(
        [("c/b.yaml", same_day_b), ("c/z.yaml", later), ("c/a.yaml", same_day_a)],
        lambda cert, major: True,
        m.FeePolicy(school_pays="first_attempt"),
    )
    first, duplicate = found[id(same_day_a)].candidates
    assert first == fees.Funding(True, fees.FUNDED, 1)
    assert duplicate == first
    assert found[id(same_day_a)].school_funded == 1  # listed twice, sits (and is paid for) once
    assert found[id(same_day_b)] == fees.SessionFunding([fees.Funding(False, fees.RESIT, 2)], 0)
    assert found[id(later)] == fees.SessionFunding([fees.Funding(False, fees.RESIT, 3)], 0)


def test_the_defaults_fund_every_enrolled_matched_sitting(resits):
    assert {key: f.school for key, f in funding_of(resits).items()} == {
        (SESSION, "2024010123"): True,
        (SESSION, "2024010124"): True,
        (SESSION, "2024010125"): True,
        (SESSION, "2024020456"): False,
        (RESIT, "2024010124"): True,
        (RESIT, "2024010125"): True,
        (JUNIOR, "2024010123"): True,
    }


def test_first_attempt_makes_resits_student_paid(resits):
    set_fees(resits, "school_pays: first_attempt")
    found = funding_of(resits)
    assert found[(RESIT, "2024010124")] == fees.Funding(False, fees.RESIT, 2)
    assert found[(RESIT, "2024010125")] == fees.Funding(False, fees.RESIT, 2)
    assert found[(JUNIOR, "2024010123")].school  # another level is a first attempt
    assert found[(SESSION, "2024010124")].school


def test_yearly_limit_funds_the_earliest_sessions(resits):
    set_fees(resits, "max_school_funded_per_student_year: 1")
    found = funding_of(resits)
    assert found[(SESSION, "2024010123")].school  # June: his first of 2026
    assert found[(JUNIOR, "2024010123")] == fees.Funding(False, fees.YEARLY_LIMIT, 1)
    assert not found[(RESIT, "2024010124")].school


def test_unfunded_level(resits):
    set_fees(resits, "school_funded_levels: [初级]")
    found = funding_of(resits)
    assert found[(JUNIOR, "2024010123")].school
    assert found[(SESSION, "2024010123")] == fees.Funding(False, fees.LEVEL_NOT_FUNDED, 1)


# --- findings --------------------------------------------------------------------------------


def test_fee001_a_resit_declared_school_under_first_attempt(resits):
    resits.edit(RESIT, "result: fail, score: 40}", "result: fail, score: 40, fee_payer: school}")
    assert resits.problems(rule="FEE-001") == []
    set_fees(resits, "school_pays: first_attempt")
    assert resits.problems(rule="FEE-001") == [("FEE-001", RESIT, resits.line_of(RESIT, "2024010125"))]
    assert resits.messages("FEE-001") == [
        "candidate 赵小刚 (2024010125) has fee_payer: school, but the student pays the fee: this is the student's "
        "attempt 2 at Web前端开发 (web-frontend) intermediate, and under policy.fees.school_pays: first_attempt a "
        "re-sit is student-paid (§6.3). Write fee_payer: student, or remove fee_payer"
    ]
    assert "第 2 次" in resits.messages("FEE-001", "zh")[0]


def test_fee001_yearly_limit_and_level_messages(resits):
    resits.edit(JUNIOR, "score: 90}", "score: 90, fee_payer: school}")
    set_fees(resits, "max_school_funded_per_student_year: 1")
    assert resits.problems(rule="FEE-001") == [("FEE-001", JUNIOR, resits.line_of(JUNIOR, "2024010123"))]
    assert "the limit of policy.fees.max_school_funded_per_student_year" in resits.messages("FEE-001")[0]


def test_fee001_level_not_funded_message(reg):
    reg.edit(SESSION, "result: fail, score: 52}", "result: fail, score: 52, fee_payer: school}")
    set_fees(reg, "school_funded_levels: [junior]")
    assert reg.problems(rule="FEE-001") == [("FEE-001", SESSION, reg.line_of(SESSION, "2024010124"))]
    assert "the intermediate level is not in policy.fees.school_funded_levels" in reg.messages("FEE-001")[0]


def test_fee002_college_allocation(resits):
    # info's 2026 school-funded fees: June 3 x 400 + Nov re-sits 2 x 400 + junior 1 x 300 = 2,300
    set_fees(resits, "college_allocations: {info: 2299}")
    line = resits.line_of(ONEX, "info: 2299")
    assert resits.problems(rule="FEE-002") == [("FEE-002", ONEX, line)]
    assert resits.messages("FEE-002") == [
        "school-funded registration fees of 信息工程学院 in 2026 are 2,300 yuan, 1 yuan over its allocation of "
        "2,299 yuan in policy.fees.college_allocations (§6.1): raise the allocation, or check the candidates' "
        "majors and enrolment"
    ]


def test_fee002_allocation_exactly_met_passes(resits):
    set_fees(resits, "college_allocations: {info: 2300}")
    assert resits.problems(rule="FEE-002") == []


def test_fee002_fee_above_the_cap_is_reported_at_the_org_fee(reg):
    set_fees(reg, "fee_caps: {intermediate: 350, junior: 350}")
    org = "orgs/edu-tech.yaml"
    assert reg.problems(rule="FEE-002") == [("FEE-002", org, reg.line_of(org, "intermediate: {fee: 400}"))]
    assert reg.messages("FEE-002") == [
        "the intermediate fee of Web前端开发 (web-frontend) is 400 yuan, above the intermediate cap of 350 yuan in "
        "policy.fees.fee_caps (§6.1): correct the fee to what the organisation may charge, or revise the cap; "
        "the school counts 350 yuan"
    ]
    [zh] = reg.messages("FEE-002", lang="zh")
    assert "Web前端开发（web-frontend）" in zh and "(" not in zh
    assert reg.result().registry.school_funded_fees == {2026: 3 * 350}


def test_fee002_the_knobs_move_the_budget_check(resits):
    resits.edit(ONEX, "fee_budget: {2026: 10000}", "fee_budget: {2026: 1500}")
    assert resits.problems(rule="FEE-002") == [("FEE-002", ONEX, resits.line_of(ONEX, "fee_budget"))]
    set_fees(resits, "school_pays: first_attempt")  # 2,300 - 2 re-sits x 400 = 1,500: at the budget
    assert resits.problems(rule="FEE-002") == []


@pytest.mark.parametrize(
    "knob, field",
    [
        ("school_pays: sometimes", "school_pays"),
        ("max_school_funded_per_student_year: 0", "max_school_funded_per_student_year"),
        ("school_funded_levels: [expert]", "school_funded_levels"),
        ("college_allocations: {Info: 5}", "college_allocations"),
        ("fee_caps: {intermediate: -1}", "fee_caps"),
        ("caps: {}", "caps"),
    ],
)
def test_an_invalid_knob_is_reg002_at_its_line(reg, knob, field):
    set_fees(reg, knob)
    assert reg.problems(rule="REG-002") == [("REG-002", ONEX, reg.line_of(ONEX, field))]


# --- a session whose date is broken (REG-002 salvages it without a date) ------------------------


def test_a_session_without_a_date_is_in_no_order_and_no_year(resits, cli):
    resits.edit(RESIT, "date: 2026-11-20", "date: someday")
    resits.edit(RESIT, "result: fail, score: 40}", "result: fail, score: 40, fee_payer: student}")
    set_fees(resits, "school_pays: first_attempt")
    registry = resits.result().registry
    undated = next(s for _c, r, s in registry.sessions() if r.file == RESIT)
    assert registry.funding(undated.candidates[0]) is None  # unknown: no place among the attempts
    assert registry.school_funded_fees == {2026: 3 * 400 + 300}  # in no year
    assert resits.problems(rule="FEE-001") == []  # REG-002 says why
    for command in ("check", "report", "plan"):
        code, _, err = cli(command, "-r", resits.root, "--as-of", "2026-12-31", "--lang", "en")
        assert code in (0, 1), err


def test_an_allocation_for_a_college_that_does_not_exist_is_reg004(reg):
    set_fees(reg, "college_allocations: {info: 5000, infoo: 100}")
    assert reg.problems(rule="REG-004") == [("REG-004", ONEX, reg.line_of(ONEX, "infoo"))]
    assert reg.messages("REG-004") == [
        "there is no college infoo for policy.fees.college_allocations (known: info): use a folder name under colleges/"
    ]


# --- first_attempt and a sitting that cannot be placed (SPEC §4.1) -----------------------------

NEWCOMER = (
    '{student: "2024010126", name: 周小雨, major: "510201", result: pass, score: 80, fee_payer: student}'
)


@pytest.fixture
def newcomer(resits):
    """First attempt: 周小雨 sits web-frontend intermediate for the first time in November, so the
    school pays and her `fee_payer: student` is FEE-001."""
    resits.edit(RESIT, "score: 40}\n", f"score: 40}}\n  - {NEWCOMER}\n")
    set_fees(resits, "school_pays: first_attempt")
    assert resits.problems(rule="FEE-001") == [("FEE-001", RESIT, resits.line_of(RESIT, "2024010126"))]
    return resits


def test_first_attempt_an_earlier_listing_of_unknown_student_leaves_who_pays_unknown(newcomer):
    newcomer.edit(SESSION, '{student: "2024010123"', '{student: "12-34"')  # June: maybe 周小雨
    assert newcomer.problems(rule="FEE-001") == []
    assert newcomer.problems(rule="REG-002") == [("REG-002", SESSION, newcomer.line_of(SESSION, "12-34"))]


def test_first_attempt_a_broken_list_of_candidates_may_hold_an_earlier_attempt(newcomer):
    june = newcomer.read(SESSION)
    newcomer.write(SESSION, june[: june.index("candidates:")] + "candidates: 5\n")
    assert newcomer.problems(rule="FEE-001") == []


def test_first_attempt_an_unreadable_session_file_may_hold_an_earlier_attempt(newcomer):
    newcomer.write("colleges/info/sessions/2025/web-old.yaml", "certificate: [web-frontend\n")
    assert newcomer.problems(rule="FEE-001") == []


@pytest.mark.parametrize(
    "rel, old, new",
    [
        (JUNIOR, '{student: "2024010123"', '{student: "12-34"'),  # another level: not an attempt at this one
        (SESSION, "certificate_no: WF-2026-000123", "certificate_no: 5"),  # not a field that places a sitting
    ],
)
def test_first_attempt_what_cannot_be_an_earlier_attempt_leaves_the_finding(newcomer, rel, old, new):
    newcomer.edit(rel, old, new)
    assert ("FEE-001", RESIT, newcomer.line_of(RESIT, "2024010126")) in newcomer.problems()


def test_first_attempt_an_earlier_session_of_unknown_date_leaves_its_students_unknown(resits):
    """李小红 sat in June; with June's date unknown her November sitting may or may not be a re-sit."""
    resits.edit(RESIT, "result: pass, score: 70}", "result: pass, score: 70, fee_payer: student}")
    set_fees(resits, "school_pays: first_attempt")
    assert resits.problems(rule="FEE-001") == []  # a re-sit: the student pays, as declared
    resits.edit(SESSION, "date: 2026-06-12", "date: someday")
    assert resits.problems(rule="FEE-001") == []  # the known sittings say first attempt; June may be earlier
    resits.edit(SESSION, '{student: "2024010124"', '{student: "2024010199"')  # June no longer lists her
    assert resits.problems(rule="FEE-001") == [("FEE-001", RESIT, resits.line_of(RESIT, "2024010124"))]


def test_first_attempt_a_known_resit_stays_a_resit(resits):
    """赵小刚 re-sits (June is known); an unplaced listing cannot make him a first-timer."""
    resits.edit(RESIT, "result: fail, score: 40}", "result: fail, score: 40, fee_payer: school}")
    resits.edit(SESSION, '{student: "2024010123"', '{student: "12-34"')
    set_fees(resits, "school_pays: first_attempt")
    assert ("FEE-001", RESIT, resits.line_of(RESIT, "2024010125")) in resits.problems()


def test_an_unknown_level_leaves_who_pays_unknown(reg):
    """The level decides (school_funded_levels, attempts per level): unknown, FEE-001 says nothing."""
    reg.edit(
        SESSION,
        "score: 86, certificate_no: WF-2026-000123}",
        "score: 86, certificate_no: WF-2026-000123, fee_payer: school}",
    )
    assert reg.problems(rule="FEE-001") == []
    reg.edit(SESSION, "level: intermediate", "level: expert")
    assert reg.problems() == [("REG-002", SESSION, reg.line_of(SESSION, "level:"))]


# --- the yearly limit and a sitting that cannot be counted (SPEC §4.1) ---------------------------

LATER = "colleges/info/sessions/2026/web-mid-dec.yaml"


@pytest.fixture
def within(resits):
    """Limit 1: 周小雨's November re-sit session is her first sitting of 2026, so the school pays
    and her `fee_payer: student` is FEE-001."""
    resits.edit(RESIT, "score: 40}\n", f"score: 40}}\n  - {NEWCOMER}\n")
    set_fees(resits, "max_school_funded_per_student_year: 1")
    assert resits.problems(rule="FEE-001") == [("FEE-001", RESIT, resits.line_of(RESIT, "2024010126"))]
    return resits


@pytest.mark.parametrize(
    "rel, old, new",
    [
        (SESSION, '{student: "2024010123"', '{student: "12-34"'),  # June's 王小明 may be 周小雨
        (JUNIOR, '{student: "2024010123"', '{student: "12-34"'),  # another level counts towards the limit too
    ],
)
def test_limit_an_earlier_listing_of_unknown_student_leaves_who_pays_unknown(within, rel, old, new):
    within.edit(rel, old, new)
    assert within.problems(rule="FEE-001") == []
    assert within.problems(rule="REG-002") == [("REG-002", rel, within.line_of(rel, "12-34"))]


def test_limit_an_unreadable_session_file_may_hold_an_earlier_sitting(within):
    within.write("colleges/info/sessions/2026/web-old.yaml", "certificate: [web-frontend\n")
    assert within.problems(rule="FEE-001") == []


def test_limit_a_broken_list_of_candidates_may_hold_an_earlier_sitting(within):
    june = within.read(SESSION)
    within.write(SESSION, june[: june.index("candidates:")] + "candidates: 5\n")
    assert within.problems(rule="FEE-001") == []


def test_limit_an_earlier_sitting_of_unknown_date_or_certificate_may_have_used_it(within):
    """周小雨 sat in June too, so November is over her limit and student-paid, as declared; with
    June's date, or its certificate, unknown, June may or may not be a school-funded sitting of
    2026 before November (it was: FEE-001 from the sittings left, which say within)."""
    june = '{student: "2024010126", name: 周小雨, major: "510201", result: fail, score: 30}'
    within.edit(SESSION, '  - {student: "2024010125"', f'  - {june}\n  - {{student: "2024010125"')
    assert within.problems(rule="FEE-001") == []
    for old, new in (
        ("date: 2026-06-12", "date: someday"),
        ("certificate: web-frontend", "certificate: [x]"),
    ):
        within.edit(SESSION, old, new)
        assert within.problems(rule="FEE-001") == [], new
        within.edit(SESSION, new, old)


def test_limit_an_earlier_sitting_whose_own_conditions_are_unknown_may_have_used_it(resits):
    """王小明's junior sitting in November is over his limit of 1 because June was school-funded;
    with June's major of his unknown, June may not have been, and he may be within it."""
    resits.edit(JUNIOR, "score: 90}", "score: 90, fee_payer: student}")
    set_fees(resits, "max_school_funded_per_student_year: 1")
    assert resits.problems(rule="FEE-001") == []
    resits.edit(SESSION, '王小明, major: "510201"', "王小明, major: [1]")
    assert resits.problems(rule="FEE-001") == []  # before: FEE-001, from June read as not matched


@pytest.mark.parametrize(
    "rel, old, new",
    [
        # an unknown listing in another year, or later in the year, cannot be an earlier sitting of 2026
        (
            LATER,
            None,
            '{student: "12-34", name: 某, major: "510201", result: pass, score: 80}',
        ),
        (
            "colleges/info/sessions/2025/web-mid-2025.yaml",
            None,
            '{student: "12-34", name: 某, major: "510201"}',
        ),
        # a listing whose own conditions say the school does not fund it uses no quota
        (
            SESSION,
            '{student: "2024010123", name: 王小明, major: "510201", enrolled: true',
            '{student: "12-34", name: 王小明, major: "510201", enrolled: false',
        ),
        # a field that neither places a sitting nor decides it
        (SESSION, "certificate_no: WF-2026-000123", "certificate_no: 5"),
    ],
)
def test_limit_what_cannot_be_an_earlier_funded_sitting_leaves_the_finding(within, rel, old, new):
    if old is None:
        date = "2026-12-10" if rel == LATER else "2025-06-10"
        write_session(within, rel, "intermediate", date, [new])
    else:
        within.edit(rel, old, new)
    assert ("FEE-001", RESIT, within.line_of(RESIT, "2024010126")) in within.problems()


def test_limit_one_unknown_sitting_cannot_reach_a_limit_of_two(within):
    """Each session is one sitting at most of any student: with a limit of 2 and no known sitting
    before November, one unreadable session file leaves her within it."""
    within.edit(ONEX, "max_school_funded_per_student_year: 1", "max_school_funded_per_student_year: 2")
    within.write("colleges/info/sessions/2026/web-old.yaml", "certificate: [web-frontend\n")
    assert ("FEE-001", RESIT, within.line_of(RESIT, "2024010126")) in within.problems()
    within.write("colleges/info/sessions/2026/web-older.yaml", "certificate: [web-frontend\n")
    assert within.problems(rule="FEE-001") == []  # two may be two earlier sittings


def test_limit_a_known_sitting_over_it_stays_over(resits):
    """赵小刚's November re-sit is over his limit (June is known); an unplaced listing can only
    add sittings, never make him within it."""
    resits.edit(RESIT, "result: fail, score: 40}", "result: fail, score: 40, fee_payer: school}")
    resits.edit(SESSION, '{student: "2024010123"', '{student: "12-34"')
    set_fees(resits, "max_school_funded_per_student_year: 1")
    assert ("FEE-001", RESIT, resits.line_of(RESIT, "2024010125")) in resits.problems()


def test_a_listing_of_unknown_student_is_nobody_else(reg, cli):
    """Two broken student numbers are two students (8eb71a3: an unknown repeats nothing): each
    listing owes its fee, in FEE-002's total and in the report, and neither uses the other's
    quota. They were one student, sitting once: 400 yuan short."""
    reg.edit(SESSION, '{student: "2024010123"', '{student: "12-34"')
    reg.edit(SESSION, '{student: "2024010124"', '{student: "56-78"')
    set_fees(reg, "max_school_funded_per_student_year: 1")
    registry = reg.result().registry
    assert registry.school_funded_fees == {2026: 3 * 400}
    code, out, err = cli(
        "report", "-r", reg.root, "--as-of", "2026-12-31", "--format", "json", "--lang", "en"
    )
    assert code in (0, 1), err
    assert '"school_funded_fees": 1200' in out


@pytest.mark.parametrize("school_pays", ["every_attempt", "first_attempt"])
def test_two_listings_whose_student_numbers_broke_are_two_sittings_and_two_fees(reg, school_pays):
    """王小明 and 李小红 keep their fee when their student numbers break: an unknown number is
    nobody's duplicate (REG-003 says nothing) nor anybody's earlier attempt, so the June session
    still costs the school 3 x 400 yuan, over a budget of 1,000, as the report counts it."""
    set_fees(reg, f"school_pays: {school_pays}")
    reg.edit(ONEX, "fee_budget: {2026: 10000}", "fee_budget: {2026: 1000}")
    reg.edit(SESSION, '{student: "2024010123"', '{student: "2024-010123"')
    reg.edit(SESSION, '{student: "2024010124"', '{student: "2024-010124"')
    assert reg.problems() == [
        ("REG-002", SESSION, reg.line_of(SESSION, "2024-010123")),
        ("REG-002", SESSION, reg.line_of(SESSION, "2024-010124")),
        ("FEE-002", ONEX, reg.line_of(ONEX, "fee_budget")),
    ]
    assert "are 1,200 yuan" in reg.messages("FEE-002")[0]
    registry = reg.result().registry
    assert registry.school_funded_fees_by_college == {2026: {"info": 1200}}


def test_first_attempt_a_broken_student_number_is_nobodys_earlier_attempt(resits):
    """June's 李小红 and November's 赵小刚 lose their student numbers: neither is a re-sit any more
    as far as the registry knows, so the school's fees are June's 3 x 400, November's 2 x 400 and
    王小明's junior 300 (a broken number in June does not make November's broken number a re-sit)."""
    set_fees(resits, "school_pays: first_attempt")
    assert resits.result().registry.school_funded_fees_by_college == {2026: {"info": 1500}}
    resits.edit(SESSION, '{student: "2024010124"', '{student: "2024-010124"')
    resits.edit(RESIT, '{student: "2024010125"', '{student: "2024-010125"')
    assert resits.result().registry.school_funded_fees_by_college == {2026: {"info": 2300}}
