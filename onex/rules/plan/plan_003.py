"""PLAN-003 — past the deadline, an approved plan has not been filed or aggregated.

§5.2: after approval, the certificate lead enters the plan on the national 1+X platform
(`filed: {by, on}`) and the Academic Affairs Office aggregates it (`aggregated_on`). Checked for
the valid, approved plan of the as-of year of every college with active adoptions once the year's
deadline has passed (`as_of > deadline`; the duties are `onex.duties.annual_plans`); an unapproved
plan is PLAN-002's. A missing `filed` and a missing `aggregated_on` are one finding
each, both at the plan's root.
"""

from __future__ import annotations

from collections.abc import Iterator

from onex import duties
from onex.problems import Finding, at
from onex.registry import Registry
from onex.rules.base import Context, Rule

RULE = Rule(
    id="PLAN-003",
    severity="warning",
    clause="§5.2",
    title={
        "zh": "已审批的年度计划未报平台或未经教务处汇总",
        "en": "an approved plan not filed on the platform or not aggregated",
    },
    why={
        "zh": "办法第5.2条规定年度计划经学院审定后，由证书负责人录入全国1+X信息管理服务平台，并由教务处汇总。截止日期过后，"
        "已审批的计划应有 filed 和 aggregated_on。",
        "en": "§5.2: once approved, the plan is entered on the national 1+X platform by the certificate lead and "
        "aggregated by the Academic Affairs Office. After the deadline an approved plan needs filed and aggregated_on.",
    },
    violates="year: 2027\napproval: {by: 李明, on: 2027-02-20}\nitems: []\n",
    satisfies="year: 2027\napproval: {by: 李明, on: 2027-02-20}\nfiled: {by: t2019001, on: 2027-03-01}\n"
    "aggregated_on: 2027-03-10\nitems: []\n",
    messages={
        "plan003.not_filed": {
            "zh": "{year} 年度计划已审批，但截止日期 {deadline} 后仍未录入1+X平台：由证书负责人录入后填写 filed: {{by: …, on: …}}",
            "en": "the {year} plan is approved but not entered on the 1+X platform after its deadline {deadline}: "
            "have the certificate lead enter it and record filed: {{by: …, on: …}}",
        },
        "plan003.not_aggregated": {
            "zh": "{year} 年度计划已审批，但截止日期 {deadline} 后仍未经教务处汇总：汇总后填写 aggregated_on",
            "en": "the {year} plan is approved but not aggregated by the office after its deadline {deadline}: "
            "record aggregated_on once the office has aggregated it",
        },
    },
)


@RULE.checker
def check(registry: Registry, context: Context) -> Iterator[Finding]:
    message = {"plan-filing": "plan003.not_filed", "plan-aggregation": "plan003.not_aggregated"}
    for duty in duties.annual_plans(registry, context, context.as_of.year):
        if duty.kind in message and duty.overdue:
            yield at(
                duty.record,
                duty.path,
                message[duty.kind],
                year=duty.record.year,
                deadline=duty.due.isoformat(),
            )
