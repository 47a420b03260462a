"""TRAIN-001 — a started training was not approved beforehand by the leader in charge (§4.5).

Only trainings that have started (`start <= as_of`) are checked; one starting after the as-of
date may still be approved. For a started training:
- no `approval`: at the training's root;
- `approval.on` after `start`: at `approval.on` (approval on the start day is in time);
- `approval.by` is not the college's leader in charge (`in_charge: true`): at `approval.by`.
  Skipped when the college has no single leader in charge (REG-003/REG-004 report that).
A late approval by the wrong person gives both findings.
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
    id="TRAIN-001",
    severity="error",
    clause="§4.5",
    title={
        "zh": "考前培训未经主管院领导事先审批",
        "en": "a training was not approved beforehand by the leader in charge",
    },
    why={
        "zh": "考前培训方案须在开始前由学院主管院领导审批。已开始的培训没有审批、审批日期晚于开始日期，或审批人不是主管院领导（college.yaml 中 in_charge: true 的领导），均为错误。",
        "en": "A pre-exam training plan is approved before it starts by the college's leader in charge. A training that has started with no approval, an approval dated after its start, or one by someone other than the leader in charge (in_charge: true in college.yaml) is an error.",
    },
    violates=(
        "# colleges/info/trainings/2026/web-mid-spring.yaml\n"
        "start: 2026-04-01\n"
        "approval: {by: 李明, on: 2026-04-03}   # 李明 is not in charge; approved after the start\n"
    ),
    satisfies="start: 2026-04-01\napproval: {by: 赵华, on: 2026-03-20}   # 赵华: in_charge: true\n",
    messages={
        "train001.no_approval": {
            "zh": "培训已于 {start} 开始，但没有审批记录：培训开始前须经主管院领导{leader}审批，写上 approval: {{by: 姓名, on: 日期}}（§4.5）",
            "en": "the training started on {start} with no approval: the leader in charge{leader} must approve it before it starts; record approval: {{by: name, on: date}} (§4.5)",
        },
        "train001.late": {
            "zh": "培训于 {on} 审批，晚于开始日期 {start}：须在培训开始前审批（§4.5）",
            "en": "the training was approved on {on}, after it started on {start}: it must be approved before it starts (§4.5)",
        },
        "train001.wrong_approver": {
            "zh": "培训由 {by} 审批，但{college}的主管院领导是 {leader}：须由 {leader} 审批（§4.5）",
            "en": "the training was approved by {by}, but the leader in charge of {college} is {leader}: {leader} must approve it (§4.5)",
        },
    },
)


@RULE.checker
def check(registry: Registry, context: Context) -> Iterator[Finding]:
    for duty in duties.training_approvals(registry, context):
        if not duty.judged:  # not started yet: it may still be approved
            continue
        college = registry.colleges[duty.college]
        leader = college.leader_in_charge
        named = (
            Text({"zh": f" {leader.name} ", "en": f" ({leader.name})"})
            if leader
            else Text({"zh": "", "en": ""})
        )
        training = duty.subject
        yield from approved_beforehand(
            registry,
            duty.record,
            training.approval,
            training.start,
            college,
            missing="train001.no_approval",
            late="train001.late",
            not_in_charge="train001.wrong_approver",
            leader_text=named,
            start=training.start.isoformat(),
        )
