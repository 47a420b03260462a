"""STAFF-004 — no approved staff plan for the as-of year (§4.3.2).

- A college with at least one `active` adoption and no `staff-plans/<as_of.year>.yaml`: a
  warning at the root of its college.yaml.
- A staff plan for the as-of year without `approval`: a warning at that staff plan's root (only
  for a college with active adoptions, SPEC §4.2).
The duties are `onex.duties.staff_plans` (due by 31 December of the year before).
Who approved and when is not checked here. A staff plan that cannot be read is skipped
(REG-001/002 report it).
"""

from __future__ import annotations

from collections.abc import Iterator

from onex import duties
from onex.problems import Finding, at
from onex.registry import Registry
from onex.rules.base import Context, Rule

RULE = Rule(
    id="STAFF-004",
    severity="warning",
    clause="§4.3.2",
    title={"zh": "没有经审批的本年度师资培养计划", "en": "no approved staff plan for the year"},
    why={
        "zh": "各二级学院要制订 1+X 师资培养计划，培训安排须经学院领导审批。有在用证书的学院，每年应有 staff-plans/<年度>.yaml，并写明 approval。",
        "en": "Each college keeps a 1+X faculty development plan whose training arrangements the college leadership approves. A college with active certificates needs staff-plans/<year>.yaml for the year, with its approval.",
    },
    violates=(
        "# colleges/info/staff-plans/2026.yaml\n"
        "year: 2026\n"
        "trainings:\n"
        "  - {instructor: t2021003, certificate: web-frontend, kind: examiner, month: 2026-07}\n"
    ),
    satisfies=(
        "year: 2026\n"
        "approval: {by: 李明, on: 2026-01-15}\n"
        "trainings:\n"
        "  - {instructor: t2021003, certificate: web-frontend, kind: examiner, month: 2026-07}\n"
    ),
    messages={
        "staff004.no_plan": {
            "zh": "{college} 有在用的 X 证书（{certs}），但没有 {year} 年度的师资培养计划：新建 colleges/{id}/staff-plans/{year}.yaml 并报学院领导审批（§4.3.2）",
            "en": "{college} has active certificates ({certs}) but no staff plan for {year}: add colleges/{id}/staff-plans/{year}.yaml and have the college leadership approve it (§4.3.2)",
        },
        "staff004.not_approved": {
            "zh": "{year} 年度师资培养计划没有审批记录：报学院领导审批后写上 approval: {{by: 姓名, on: 日期}}（§4.3.2）",
            "en": "the staff plan for {year} has no approval: have the college leadership approve it and add approval: {{by: name, on: date}} (§4.3.2)",
        },
    },
)


@RULE.checker
def check(registry: Registry, context: Context) -> Iterator[Finding]:
    year = context.as_of.year
    for duty in duties.staff_plans(registry, context, year):
        if not duty.overdue:
            continue
        if duty.kind == "staff-plan":
            college = registry.colleges[duty.college]
            certs = [registry.certificate_name(cert) for cert in duty.subject]
            yield at(
                duty.record,
                duty.path,
                "staff004.no_plan",
                college=college.name,
                id=college.id,
                certs=certs,
                year=year,
            )
        else:
            yield at(duty.record, duty.path, "staff004.not_approved", year=year)
