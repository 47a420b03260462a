"""TRAIN-002 — a training team member holds no valid trainer qualification (§4.5).

Every training, started or not. Each `team` member who is an instructor of the college (unknown
ids are REG-004's) needs a `trainer` qualification for the training's certificate that is valid
on the training's `start` (`issued_on <= start`, `expires_on` absent or `>= start`). An examiner
qualification does not count; a part-time member with a valid trainer qualification does. The
error points at the member's item in `team`; the message says what the member does hold.
"""

from __future__ import annotations

from collections.abc import Iterator

from onex import models as m
from onex.messages import Text
from onex.problems import Finding, at
from onex.registry import Registry
from onex.rules.base import Context, Rule

RULE = Rule(
    id="TRAIN-002",
    severity="error",
    clause="§4.5",
    title={
        "zh": "培训团队成员没有有效的培训讲师资格",
        "en": "a training team member has no valid trainer qualification",
    },
    why={
        "zh": "考前培训由持有培训讲师资格的团队实施。团队中每位教师在培训开始当天都须持有该证书有效的培训讲师资格；考评员资格不能代替。",
        "en": "Pre-exam training is run by a team holding trainer qualifications. Every member of the team needs a trainer qualification for the certificate that is valid on the day the training starts; an examiner qualification does not count.",
    },
    violates=(
        "# colleges/info/trainings/2026/web-mid-spring.yaml\n"
        "certificate: web-frontend\n"
        "team: [t2019001, t2020005]     # 刘洋 (t2020005) is only an examiner\n"
        "start: 2026-04-01\n"
    ),
    satisfies="certificate: web-frontend\nteam: [t2019001, t2021003]     # both hold valid trainer qualifications\nstart: 2026-04-01\n",
    messages={
        "train002.no_trainer": {
            "zh": "团队成员 {name}（{instructor}）在 {start} 没有有效的 {cert} 培训讲师资格{held}：换成持证培训讲师，或先登记其资格（§4.5）",
            "en": "team member {name} ({instructor}) holds no trainer qualification for {cert} valid on {start}{held}: replace them with a qualified trainer, or record their qualification (§4.5)",
        },
    },
)


def _held(qualifications: list[m.Qualification]) -> Text:
    """What the member does hold for the certificate, to make the fix obvious."""
    trainer = [q for q in qualifications if q.kind == "trainer"]
    if trainer:
        q = max(trainer, key=lambda q: q.issued_on)
        until = q.expires_on.isoformat() if q.expires_on else "…"
        return Text(
            {
                "zh": f"（其培训讲师资格有效期为 {q.issued_on} 至 {until}）",
                "en": f" (their trainer qualification runs {q.issued_on} to {until})",
            }
        )
    if qualifications:
        return Text(
            {"zh": "（考评员资格不能代替培训讲师资格）", "en": " (an examiner qualification does not count)"}
        )
    return Text({"zh": "", "en": ""})


@RULE.checker
def check(registry: Registry, context: Context) -> Iterator[Finding]:
    for college in registry.college_list():
        instructors = college.instructors_by_id
        if not instructors:
            continue
        for record in college.trainings:
            training = record.model
            if not (registry.known(record, "certificate") and registry.known(record, "start")):
                continue
            for index, member in enumerate(training.team):
                instructor = instructors.get(member)
                if instructor is None or not registry.known(
                    college.instructors, "instructors", college.instructor_index[member], "qualifications"
                ):
                    continue
                held = [q for q in instructor.qualifications if q.certificate == training.certificate]
                if any(q.kind == "trainer" and q.valid_on(training.start) for q in held):
                    continue
                yield at(
                    record,
                    ("team", index),
                    "train002.no_trainer",
                    name=instructor.name,
                    instructor=member,
                    cert=registry.certificate_name(training.certificate),
                    start=training.start.isoformat(),
                    held=_held(held),
                )
