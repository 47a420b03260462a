"""EXAM-004 — a held session has no inspector.

§5.2.2: the evaluation organisation's inspector (巡视人员) supervises the exam. Every valid session
that was held (`date <= as_of`) records who it was in `inspector`; a missing, empty or blank value
is reported at the session's root. A session not yet held is not checked.
"""

from __future__ import annotations

from collections.abc import Iterator

from onex import duties
from onex.problems import Finding, at
from onex.registry import Registry
from onex.rules.base import Context, Rule

RULE = Rule(
    id="EXAM-004",
    severity="warning",
    clause="§5.2.2",
    title={"zh": "已举行的考核没有记录巡视人员", "en": "a held exam has no inspector recorded"},
    why={
        "zh": "办法第5.2.2条要求考核过程由评价组织的巡视人员监督。已举行的场次应在 inspector 中记录巡视人员。",
        "en": "§5.2.2 has the evaluation organisation's inspector supervise the exam. A held session records the "
        "inspector in inspector.",
    },
    violates="date: 2027-06-12\nsite: main-campus\n",
    satisfies="date: 2027-06-12\nsite: main-campus\ninspector: 周芳\n",
    messages={
        "exam004.no_inspector": {
            "zh": "{date} 的 {certificate} 考核没有记录巡视人员：在 inspector 中填写评价组织派出的巡视人员",
            "en": "the {certificate} exam of {date} has no inspector recorded: write the organisation's inspector in inspector",
        },
    },
)


@RULE.checker
def check(registry: Registry, context: Context) -> Iterator[Finding]:
    for duty in duties.session_inspectors(registry, context):
        if duty.overdue:  # held, and no inspector on record
            session = duty.subject
            yield at(
                duty.record,
                duty.path,
                "exam004.no_inspector",
                certificate=registry.certificate_name(session.certificate),
                date=session.date.isoformat(),
            )
