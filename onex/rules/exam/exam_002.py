"""EXAM-002 — a held session has no prior approval by the leader in charge.

§5.2.1: each exam plan is approved beforehand by the college's leader in charge (主管院领导, the
leader with `in_charge: true`). Checked for every valid session that was held (`date <= as_of`):

- no `approval` → at the session's root;
- `approval.on` after the exam `date` → at `approval.on` (approving on the exam day is fine);
- `approval.by` is not the leader in charge → at `approval.by`; skipped when the college has no
  single leader in charge (REG-003/REG-004 report that).
"""

from __future__ import annotations

from collections.abc import Iterator

from onex import duties
from onex.messages import Text
from onex.problems import Finding
from onex.registry import Registry
from onex.rules.approval import approved_beforehand
from onex.rules.base import Context, Rule

RULE = Rule(
    id="EXAM-002",
    severity="error",
    clause="§5.2.1",
    title={
        "zh": "已举行的考核未经主管院领导事前审批",
        "en": "a held exam was not approved beforehand by the leader in charge",
    },
    why={
        "zh": "办法第5.2.1条要求每次考核计划事前报主管院领导审批。已举行的场次必须有 approval，审批日期不得晚于考核日期，"
        "审批人必须是 college.yaml 中标记 in_charge: true 的领导。",
        "en": "§5.2.1 has each exam plan approved beforehand by the college's leader in charge. A held session needs an "
        "approval dated no later than the exam, by the leader marked in_charge: true in college.yaml.",
    },
    violates="# colleges/info/sessions/2027/web-mid.yaml\ndate: 2027-06-12\napproval: {by: 李明, on: 2027-06-20}\n",
    satisfies="date: 2027-06-12\napproval: {by: 赵华, on: 2027-05-01}    # 赵华 has in_charge: true\n",
    messages={
        "exam002.unapproved": {
            "zh": "{date} 的 {certificate} 考核没有事前审批记录：应由{leader}在考前审批，并填写 approval: {{by: …, on: …}}",
            "en": "the {certificate} exam of {date} has no approval: {leader} must approve it beforehand; "
            "record approval: {{by: …, on: …}}",
        },
        "exam002.late": {
            "zh": "{date} 的 {certificate} 考核于 {on} 才审批，晚于考核日期：考核须事前审批",
            "en": "the {certificate} exam of {date} was approved on {on}, after the exam: it must be approved beforehand",
        },
        "exam002.not_in_charge": {
            "zh": "{date} 的 {certificate} 考核由 {by} 审批，但 {college} 的主管院领导是 {leader}：应由主管院领导审批",
            "en": "the {certificate} exam of {date} was approved by {by}, but the leader in charge of {college} is "
            "{leader}: the leader in charge must approve it",
        },
    },
)


@RULE.checker
def check(registry: Registry, context: Context) -> Iterator[Finding]:
    for duty in duties.session_approvals(registry, context):
        if not duty.judged:  # not held yet: it may still be approved
            continue
        college = registry.colleges[duty.college]
        leader = college.leader_in_charge
        leader_text = (
            Text({"zh": f"主管院领导（{leader.name}）", "en": f"the leader in charge ({leader.name})"})
            if leader
            else Text({"zh": "主管院领导", "en": "the leader in charge"})
        )
        session = duty.subject
        yield from approved_beforehand(
            registry,
            duty.record,
            session.approval,
            session.date,
            college,
            missing="exam002.unapproved",
            late="exam002.late",
            not_in_charge="exam002.not_in_charge",
            leader_text=leader_text,
            certificate=registry.certificate_name(session.certificate),
            date=session.date.isoformat(),
        )
