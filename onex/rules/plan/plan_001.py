"""PLAN-001 — past the deadline of the as-of year, a college with active adoptions has no plan for it.

§5.2 asks each college to fix its annual training and exam plan "at the start of the year".
The start of the year ends on `policy.annual_plan_deadline` (default `03-31`); the duty is only
checked once the as-of date is *past* the deadline of the as-of year, so on the deadline day
nothing is due yet. A college is concerned when at least one of its adoptions is `active`
(valid records only). The plan is the file `plans/<as-of year>.yaml`: if the file exists at all
this rule is satisfied (a broken plan is REG-001/002's; an unapproved one PLAN-002's).
Points at the root of the college's `college.yaml` (line 1).
"""

from __future__ import annotations

from collections.abc import Iterator

from onex import duties
from onex.problems import Finding, at
from onex.registry import Registry
from onex.rules.base import Context, Rule

RULE = Rule(
    id="PLAN-001",
    severity="error",
    clause="§5.2",
    title={
        "zh": "过了年度计划截止日期仍无本年度培训考核计划",
        "en": "no annual plan for the year after its deadline",
    },
    why={
        "zh": "办法第5.2条要求每年年初制定本学院年度培训与考核计划。截止日期（policy.annual_plan_deadline，默认 03-31）过后，"
        "有在用证书的学院必须有 plans/<年度>.yaml；截止当天尚不检查。",
        "en": "§5.2 asks each college to fix its annual training and exam plan at the start of the year. Once the "
        "deadline (policy.annual_plan_deadline, default 03-31) of the as-of year has passed, a college with an active "
        "certificate must have plans/<year>.yaml; on the deadline day nothing is due yet.",
    },
    violates="# as of 2027-04-01: colleges/info/certificates/web-frontend.yaml is active,\n"
    "# but colleges/info/plans/ has no 2027.yaml\n",
    satisfies="# colleges/info/plans/2027.yaml\nyear: 2027\napproval: {by: 李明, on: 2027-02-20}\n"
    'items:\n  - {certificate: web-frontend, level: intermediate, majors: ["510201"], candidates: 90, batch: 2027-1}\n',
    messages={
        "plan001.missing": {
            "zh": "{college} 有在用证书（{certificates}），但没有 {year} 年度培训考核计划（截止 {deadline}）："
            "建立 colleges/{college_id}/plans/{year}.yaml（`onex plan --year {year} --write` 可生成草稿）",
            "en": "{college} has active certificates ({certificates}) but no training and exam plan for {year} "
            "(due by {deadline}): add colleges/{college_id}/plans/{year}.yaml "
            "(`onex plan --year {year} --write` drafts it)",
        },
    },
)


@RULE.checker
def check(registry: Registry, context: Context) -> Iterator[Finding]:
    year = context.as_of.year
    for duty in duties.annual_plans(registry, context, year):
        if duty.kind != "plan" or not duty.overdue:
            continue
        college = registry.colleges[duty.college]
        yield at(
            duty.record,
            duty.path,
            "plan001.missing",
            college=college.name,
            college_id=college.id,
            certificates=[registry.certificate_name(cert) for cert in duty.subject],
            year=year,
            deadline=duty.due.isoformat(),
        )
