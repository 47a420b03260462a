"""FEE-003 — a reimbursement marked `approved` or `paid` has no `finance_ref` (§6.4).

Reimbursing registration fees follows the school's finance approval procedure (§6.4); the
approval or payment has a finance document number, and the registry keeps it so the fee can be
traced. Exactly: a session whose `reimbursement.status` is `approved` (已审批) or `paid` (已支付)
and whose `finance_ref` is missing, empty or blank is reported at `reimbursement.status`.
`pending` and `submitted` need no reference yet. A session without `reimbursement` is not
reported here.

Violates::

    # colleges/info/sessions/2026/web-mid-june.yaml
    reimbursement: {status: paid}

Satisfies::

    reimbursement: {status: paid, finance_ref: 财〔2026〕88号}
"""

from __future__ import annotations

from collections.abc import Iterator

from onex import models as m
from onex.messages import Text
from onex.problems import Finding, at
from onex.registry import Registry
from onex.rules.base import Context, Rule

RULE = Rule(
    id="FEE-003",
    severity="error",
    clause="§6.4",
    title={
        "zh": "报销已审批或已支付，但没有财务单据号",
        "en": "a reimbursement marked approved or paid has no finance_ref",
    },
    why={
        "zh": "报名费的报销要符合学校财务审批制度和流程（§6.4）。已审批或已支付的报销必定有财务审批单据号；没有 finance_ref，就无法核对这笔报销走过审批。",
        "en": "Reimbursing registration fees follows the school's finance approval procedure (§6.4). A reimbursement that is approved or paid has a finance document number; without finance_ref nobody can check that it went through approval.",
    },
    violates="# colleges/info/sessions/2026/web-mid-june.yaml\nreimbursement: {status: paid}\n",
    satisfies="# colleges/info/sessions/2026/web-mid-june.yaml\nreimbursement: {status: paid, finance_ref: 财〔2026〕88号}\n",
    messages={
        "fee003.no_finance_ref": {
            "zh": "报销状态为 {status}，但没有财务单据号 finance_ref（§6.4）：填写财务审批单据号，如 finance_ref: 财〔2026〕88号；若尚未审批，改正 status",
            "en": "the reimbursement is {status} but has no finance_ref (§6.4): write the finance approval document number, e.g. finance_ref: 财〔2026〕88号, or correct the status if it is not approved yet",
        },
    },
)

STATUS = {
    "approved": Text({"zh": "已审批（approved）", "en": "approved"}),
    "paid": Text({"zh": "已支付（paid）", "en": "paid"}),
}


@RULE.checker
def check(registry: Registry, context: Context) -> Iterator[Finding]:
    for _college, record, session in registry.sessions():
        if not isinstance(session, m.Session) or session.reimbursement is None:
            continue
        reimbursement = session.reimbursement
        if (
            reimbursement.status in STATUS
            and not (reimbursement.finance_ref or "").strip()
            and registry.known(record, "reimbursement", "finance_ref")
        ):
            yield at(
                record,
                ("reimbursement", "status"),
                "fee003.no_finance_ref",
                status=STATUS[reimbursement.status],
            )
