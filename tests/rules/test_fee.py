"""FEE-001…003: who pays the registration fee, the year's fee budget, reimbursement records (§6)."""

from __future__ import annotations

import datetime as dt

import pytest

SESSION = "colleges/info/sessions/2026/web-mid-june.yaml"
ADOPTION = "colleges/info/certificates/web-frontend.yaml"
ONEX = "onex.yaml"

# The baseline's four candidates: three of major 510201 (matched, enrolled: school-funded; one
# absent) and 钱小芳 of major 530302 (not matched: she pays, fee_payer: student).
WANG = '{student: "2024010123", name: 王小明, major: "510201", enrolled: true,'
QIAN = 'major: "530302", result: pass, score: 75, certificate_no: WF-2026-000124, fee_payer: student}'


# --- FEE-001 ---------------------------------------------------------------------------------


def test_fee001_school_declared_for_an_unmatched_major(reg):
    reg.edit(SESSION, QIAN, QIAN.replace("fee_payer: student", "fee_payer: school"))
    assert reg.problems(rule="FEE-001") == [("FEE-001", SESSION, reg.line_of(SESSION, "2024020456"))]
    assert reg.messages("FEE-001") == [
        "candidate 钱小芳 (2024020456) has fee_payer: school, but the student pays the fee: the major 大数据与会计 (530302) "
        "is not listed by any active adoption of Web前端开发 (web-frontend), so the certificate does not match "
        "the major (§6.3). Write fee_payer: student, or remove fee_payer"
    ]
    [zh] = reg.messages("FEE-001", "zh")
    assert zh and zh != reg.messages("FEE-001")[0] and "钱小芳" in zh


def test_fee001_student_declared_for_an_enrolled_matched_candidate(reg):
    reg.edit(SESSION, WANG, WANG.replace("enrolled: true,", "enrolled: true, fee_payer: 学生,"))
    assert reg.problems(rule="FEE-001") == [("FEE-001", SESSION, reg.line_of(SESSION, "2024010123"))]
    assert reg.messages("FEE-001") == [
        "candidate 王小明 (2024010123) has fee_payer: student, but the school pays the fee: the student is enrolled "
        "and the major 计算机应用技术 (510201) is listed by an active adoption of Web前端开发 (web-frontend) (§6.2). "
        "Write fee_payer: school, or remove fee_payer"
    ]


def test_fee001_school_declared_for_a_candidate_who_is_not_enrolled(reg):
    reg.edit(SESSION, WANG, WANG.replace("enrolled: true,", "enrolled: false, fee_payer: school,"))
    assert reg.problems(rule="FEE-001") == [("FEE-001", SESSION, reg.line_of(SESSION, "2024010123"))]
    assert "the student is not enrolled (enrolled: false) (§6.3)" in reg.messages("FEE-001")[0]


@pytest.mark.parametrize(
    "old, new",
    [
        ("enrolled: true,", "enrolled: true, fee_payer: school,"),  # matched and enrolled
        ("enrolled: true,", "enrolled: false, fee_payer: student,"),  # not enrolled
        ("enrolled: true,", "enrolled: true,"),  # no fee_payer: never reported
    ],
)
def test_fee001_agreeing_fee_payers_pass(reg, old, new):
    reg.edit(SESSION, WANG, WANG.replace(old, new))
    assert reg.problems(rule="FEE-001") == []


def test_fee001_a_retired_adoption_does_not_match(reg):
    reg.edit(ADOPTION, "status: active", "status: retired\nretired_on: 2026-12-01\nretirement_note: 证书更迭")
    reg.edit(SESSION, WANG, WANG.replace("enrolled: true,", "enrolled: true, fee_payer: school,"))
    assert reg.problems(rule="FEE-001") == [("FEE-001", SESSION, reg.line_of(SESSION, "2024010123"))]


def _mech_adopts_web_frontend_for_530302(reg):
    """A second college whose active adoption of web-frontend lists major 530302."""
    reg.write(
        "colleges/mech/college.yaml",
        """
        name: 机电工程学院
        leaders:
          - {name: 孙磊, role: 院长, in_charge: true}
        majors:
          - {code: "530302", name: 机电一体化技术}
        """,
    )
    reg.write(
        "colleges/mech/certificates/web-frontend.yaml",
        """
        status: active
        filed_on: 2024-03-15
        levels: [junior]
        majors:
          - {code: "530302", role: auxiliary}
        """,
    )


def test_fee001_an_adoption_in_another_college_matches(reg):
    # mech adopts web-frontend for 530302: 钱小芳's major now matches, so the school pays.
    _mech_adopts_web_frontend_for_530302(reg)
    assert reg.problems(rule="FEE-001") == [("FEE-001", SESSION, reg.line_of(SESSION, "2024020456"))]
    assert "the major 机电一体化技术 (530302) is listed by an active adoption" in reg.messages("FEE-001")[0]


# --- FEE-002 ---------------------------------------------------------------------------------
# School-funded fees of 2026: 3 candidates of 510201 (one absent) x 400 (intermediate) = 1,200.


def _budget(reg, text: str) -> None:
    reg.edit(ONEX, "fee_budget: {2026: 10000}", text)


def test_fee002_over_budget_points_at_the_year(reg):
    _budget(reg, "fee_budget:\n  2025: 50000\n  2026: 1199\n  2027: 500")
    assert reg.problems(rule="FEE-002") == [("FEE-002", ONEX, reg.line_of(ONEX, "2026: 1199"))]
    assert reg.messages("FEE-002") == [
        "school-funded registration fees of 2026 are 1,200 yuan (信息工程学院 1,200), 1 yuan over the budget of "
        "1,199 yuan (§6.1): raise the 2026 fee_budget, or check the candidates' majors and enrolment"
    ]
    [zh] = reg.messages("FEE-002", "zh")
    assert zh and zh != reg.messages("FEE-002")[0] and "1,200" in zh


def test_fee002_fees_exactly_at_budget_pass(reg):
    _budget(reg, "fee_budget: {2026: 1200}")
    assert reg.problems(rule="FEE-002") == []


def test_fee002_absent_candidates_count(reg):
    # Without the absent candidate the fees would be 800; the budget of 1,000 is still overrun.
    _budget(reg, "fee_budget: {2026: 1000}")
    assert reg.problems(rule="FEE-002") == [("FEE-002", ONEX, reg.line_of(ONEX, "fee_budget"))]


def test_fee002_future_sessions_count_too(reg):
    _budget(reg, "fee_budget: {2026: 1199}")
    assert reg.problems(as_of=dt.date(2026, 1, 1), rule="FEE-002") == [
        ("FEE-002", ONEX, reg.line_of(ONEX, "fee_budget"))
    ]


def test_fee002_no_budget_for_the_year(reg):
    _budget(reg, "fee_budget:\n  2025: 50000")
    assert reg.problems(rule="FEE-002") == [("FEE-002", ONEX, reg.line_of(ONEX, "fee_budget:"))]
    assert reg.messages("FEE-002") == [
        "school-funded registration fees of 2026 are 1,200 yuan (信息工程学院 1,200), but fee_budget has no budget "
        "for 2026 (§6.1): add 2026: <amount> to fee_budget in onex.yaml"
    ]


def test_fee002_no_fee_budget_at_all_points_at_the_top(reg):
    # the top of the file is its root mapping: the first key, after the header comment
    _budget(reg, "")
    assert reg.problems(rule="FEE-002") == [("FEE-002", ONEX, reg.line_of(ONEX, "institution:"))]


def test_fee002_a_year_without_school_funded_fees_needs_no_budget(reg):
    # Every candidate pays for themselves: no fees for the school, so no budget is needed.
    _budget(reg, "")
    reg.edit(ADOPTION, "status: active", "status: retired\nretired_on: 2026-12-01\nretirement_note: 证书更迭")
    assert reg.problems(rule="FEE-002") == []


# --- FEE-003 ---------------------------------------------------------------------------------

PAID = "reimbursement: {status: paid, finance_ref: 财〔2026〕88号}"


@pytest.mark.parametrize("status", ["paid", "approved", "已支付", "已审批"])
@pytest.mark.parametrize("ref", ["", ", finance_ref: ''", ", finance_ref: ' '", ", finance_ref: null"])
def test_fee003_approved_or_paid_without_finance_ref(reg, status, ref):
    reg.edit(SESSION, PAID, f"reimbursement: {{status: {status}{ref}}}")
    assert reg.problems(rule="FEE-003") == [("FEE-003", SESSION, reg.line_of(SESSION, "reimbursement"))]


def test_fee003_points_at_the_status(reg):
    reg.edit(SESSION, PAID, "reimbursement:\n  finance_ref:\n  status: paid")
    assert reg.problems(rule="FEE-003") == [("FEE-003", SESSION, reg.line_of(SESSION, "status: paid"))]
    assert reg.messages("FEE-003") == [
        "the reimbursement is paid but has no finance_ref (§6.4): write the finance approval document number, "
        "e.g. finance_ref: 财〔2026〕88号, or correct the status if it is not approved yet"
    ]
    [zh] = reg.messages("FEE-003", "zh")
    assert zh and zh != reg.messages("FEE-003")[0] and "已支付" in zh


@pytest.mark.parametrize("text", ["reimbursement: {status: pending}", "reimbursement: {status: 已提交}", ""])
def test_fee003_before_approval_no_ref_is_needed(reg, text):
    reg.edit(SESSION, PAID, text)
    assert reg.problems(rule="FEE-003") == []


def test_fee002_fees_by_college_add_up_to_the_registry_totals(reg):
    _mech_adopts_web_frontend_for_530302(reg)
    registry = reg.result().registry
    assert registry.school_funded_fees_by_college == {2026: {"info": 1600}}  # 钱小芳 now counts too
    assert registry.school_funded_fees == {2026: 1600}
