"""PLAN-002 — past the deadline, a plan has no approval by a college leader, or a late one.

§5.2: the annual plan is approved by the college's leadership at the start of the year. Checked
for the valid plan of the as-of year of every college with active adoptions, once the year's
deadline (`policy.annual_plan_deadline`) has passed, i.e. `as_of > deadline` (SPEC §4.2: plans of
past years are history); the duty is `onex.duties.annual_plans`:

- no `approval` → error, at the plan's root;
- `approval.by` is not one of the college's leaders (`leaders[].name` in college.yaml; any
  leader, not only the one in charge) → error, at `approval.by`; skipped when college.yaml is
  broken;
- `approval.on` after the deadline → *warning*, at `approval.on`. Approval on the deadline day
  is on time.
"""

from __future__ import annotations

from collections.abc import Iterator

from onex import duties
from onex.problems import Finding, at
from onex.records import Place
from onex.registry import Registry
from onex.rules.base import Context, Rule

RULE = Rule(
    id="PLAN-002",
    severity="error",
    clause="§5.2",
    title={
        "zh": "年度计划未经学院领导审批，或审批晚于截止日期",
        "en": "an annual plan not approved by a college leader, or approved late",
    },
    why={
        "zh": "办法第5.2条要求年度培训计划在年初经学院领导审定。截止日期过后，计划必须有 approval，审批人必须是 college.yaml "
        "中的学院领导；审批日期晚于截止日期时给出警告（截止当天审批不算晚）。",
        "en": "§5.2 has the annual plan approved by the college's leadership at the start of the year. Once the deadline "
        "has passed the plan needs an approval by one of the leaders in college.yaml; an approval dated after the "
        "deadline is a warning (approving on the deadline day is on time).",
    },
    violates="# colleges/info/plans/2027.yaml, as of 2027-04-01\nyear: 2027\napproval: {by: 张伟, on: 2027-04-15}\n",
    satisfies="year: 2027\napproval: {by: 李明, on: 2027-02-20}\n",
    messages={
        "plan002.unapproved": {
            "zh": "{year} 年度计划在截止日期 {deadline} 后仍未审批：请学院领导（{leaders}）审批并填写 approval: {{by: …, on: …}}",
            "en": "the {year} plan is still not approved after its deadline {deadline}: have a college leader "
            "({leaders}) approve it and record approval: {{by: …, on: …}}",
        },
        "plan002.not_leader": {
            "zh": "{year} 年度计划由 {by} 审批，但 {by} 不是 {college} 的学院领导（{leaders}）：应由学院领导审批",
            "en": "the {year} plan was approved by {by}, who is not a leader of {college} ({leaders}): "
            "a college leader must approve it",
        },
        "plan002.late": {
            "zh": "{year} 年度计划于 {on} 审批，晚于截止日期 {deadline}：计划应在年初审定",
            "en": "the {year} plan was approved on {on}, after its deadline {deadline}: the plan is to be approved "
            "at the start of the year",
        },
    },
)


@RULE.checker
def check(registry: Registry, context: Context) -> Iterator[Finding]:
    for duty in duties.annual_plans(registry, context, context.as_of.year):
        if duty.kind != "plan-approval" or not duty.judged:
            continue
        college = registry.colleges[duty.college]
        leaders = sorted(college.leader_names)
        record, plan, deadline = duty.record, duty.subject, duty.due
        approval = plan.approval
        if duty.overdue:
            yield at(
                record,
                duty.path,
                "plan002.unapproved",
                year=record.year,
                deadline=deadline.isoformat(),
                leaders=leaders,
            )
            continue
        if (
            approval.by not in college.leader_names
            and registry.known(record, "approval", "by")
            and registry.known(Place("college", college.id), "leaders", ..., "name")
        ):
            yield at(
                record,
                ("approval", "by"),
                "plan002.not_leader",
                year=record.year,
                by=approval.by,
                college=college.name,
                leaders=leaders,
            )
        if registry.known(record, "approval", "on") and approval.on > deadline:
            finding = at(
                record,
                ("approval", "on"),
                "plan002.late",
                year=record.year,
                on=approval.on.isoformat(),
                deadline=deadline.isoformat(),
            )
            finding.severity = "warning"
            yield finding
