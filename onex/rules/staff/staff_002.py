"""STAFF-002 — an active adoption's major has fewer certified teachers than recommended (§4.3.1).

The same count as STAFF-001 (full-time instructors of the major with a trainer or examiner
qualification for the certificate valid on the as-of date): at least
`policy.min_certified_per_major` but fewer than `policy.recommended_certified_per_major` is a
warning at the adoption's `majors` item. Below the minimum is STAFF-001 instead, never both.
"""

from __future__ import annotations

from collections.abc import Iterator

from onex.problems import Finding, at
from onex.registry import Registry
from onex.rules.base import Context, Rule
from onex.rules.staff.staff_001 import major_counts

RULE = Rule(
    id="STAFF-002",
    severity="warning",
    clause="§4.3.1",
    title={"zh": "专业的持证教师少于建议人数", "en": "a major has fewer certified teachers than recommended"},
    why={
        "zh": "办法要求每个相关专业有 2–3 名持证教师。达到最低人数（policy.min_certified_per_major）但少于建议人数（policy.recommended_certified_per_major，默认 3）时提醒：一名教师离岗或资格到期，专业就会低于最低要求。",
        "en": "The policy asks for 2–3 certified teachers per related major. Reaching the minimum (policy.min_certified_per_major) but not the recommended count (policy.recommended_certified_per_major, default 3) is a warning: one teacher leaving or one qualification expiring puts the major below the minimum.",
    },
    violates=(
        "# colleges/info/certificates/web-frontend.yaml: 510201 has 2 certified teachers (张伟, 刘洋)\n"
        "majors:\n"
        '  - {code: "510201", role: primary}\n'
    ),
    satisfies=(
        "# colleges/info/instructors.yaml: a third full-time teacher of 510201 qualifies\n"
        "  - id: t2021003\n"
        "    name: 陈静\n"
        "    employment: full_time\n"
        '    majors: ["510201"]\n'
        "    qualifications:\n"
        "      - {certificate: web-frontend, kind: trainer, issued_on: 2024-09-01, expires_on: 2029-09-01}\n"
    ),
    messages={
        "staff002.below_recommended": {
            "zh": "{major}（{code}）持有 {cert} 有效资格的专职教师有 {count} 名（{names}），达到最低 {minimum} 名，但少于建议的 {recommended} 名（§4.3.1）：在师资培养计划中安排本专业教师参加培训",
            "en": "{major} ({code}) has {count} certified {teachers} for {cert} ({names}): the minimum of {minimum} is met, but the policy recommends {recommended} (§4.3.1); plan training for teachers of the major in the staff plan",
        },
    },
)


@RULE.checker
def check(registry: Registry, context: Context) -> Iterator[Finding]:
    minimum = context.policy.min_certified_per_major
    recommended = context.policy.recommended_certified_per_major
    for item in major_counts(registry, context):
        if minimum <= len(item.teachers) < recommended:
            yield at(
                item.record,
                ("majors", item.index),
                "staff002.below_recommended",
                minimum=minimum,
                recommended=recommended,
                **item.params(registry),
            )
