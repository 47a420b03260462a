"""STAFF-001 — an active adoption's major has too few certified teachers (§4.3.1).

For every `active` adoption and every item of its `majors` (a code listed twice counts once: the
first item; REG-003 reports the repeat), count the college's *certified
teachers* of that major and certificate on the as-of date (SPEC §3, `Registry.certified_teachers`):
`full_time` instructors whose `majors` list the major and who hold a trainer OR examiner
qualification for the certificate that is valid that day (`issued_on <= as_of`, `expires_on`
absent or `>= as_of`, so a qualification expiring on the as-of date still counts). Part-time
teachers never count. Fewer than `policy.min_certified_per_major` is an error, pointing at the
adoption's `majors` item. At least the minimum but fewer than the recommended count is STAFF-002,
so an item gets at most one of the two.

A college whose instructors.yaml cannot be read at all is skipped (REG-001/002 report it), so a
broken file does not turn into an error on every major; so is one where a field that decides who
is certified is unknown (an instructor's employment; the id or majors of an instructor not known to
be part-time, or a qualification's certificate, kind or dates: `Registry.teachers_countable`),
never for a field that does not (a qualification's `number`, any field of a `part_time` instructor
or of one known to hold no qualification, who never count).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from onex import models as m
from onex.messages import Text
from onex.problems import Finding, at
from onex.records import Record
from onex.registry import CollegeRecords, Registry, majors_once
from onex.rules.base import Context, Rule

RULE = Rule(
    id="STAFF-001",
    severity="error",
    clause="§4.3.1",
    title={"zh": "专业的持证教师少于最低要求", "en": "a major has fewer certified teachers than the minimum"},
    why={
        "zh": "每个相关专业原则上应有至少 2–3 名持有培训讲师或考评员资格的教师。只统计专职教师（兼职教师是“在此基础上”聘请的），且资格在核查日有效。少于 policy.min_certified_per_major（默认 2）即为错误。",
        "en": "Each related major should, in principle, have at least 2–3 teachers holding a trainer or examiner qualification. Only full-time teachers count (part-time ones are brought in 'on top of that'), with a qualification valid on the as-of date. Fewer than policy.min_certified_per_major (default 2) is an error.",
    },
    violates=(
        "# colleges/info/certificates/web-frontend.yaml\n"
        "majors:\n"
        '  - {code: "510201", role: primary}\n'
        "# colleges/info/instructors.yaml: only 张伟 teaches 510201 with a web-frontend qualification\n"
    ),
    satisfies=(
        "# colleges/info/instructors.yaml\n"
        "  - id: t2020005\n"
        "    name: 刘洋\n"
        "    employment: full_time\n"
        '    majors: ["510201"]\n'
        "    qualifications:\n"
        "      - {certificate: web-frontend, kind: examiner, issued_on: 2024-03-01}\n"
    ),
    messages={
        "staff001.too_few": {
            "zh": "{major}（{code}）持有 {cert} 有效培训讲师或考评员资格的专职教师有 {count} 名（{names}），办法要求至少 {minimum} 名（§4.3.1）：安排本专业专职教师取得资格，或在已持证专职教师的 majors 中写上本专业",
            "en": "{major} ({code}) has {count} certified {teachers} for {cert} ({names}); the policy asks for at least {minimum} (§4.3.1): qualify full-time teachers of the major as trainers or examiners, or add the major to the majors of qualified full-time teachers",
        },
    },
)


@dataclass(frozen=True, slots=True)
class MajorCount:
    """The certified teachers of one `majors` item of an active adoption."""

    college: CollegeRecords
    record: Record
    cert: str
    index: int
    code: str
    teachers: list[m.Instructor]

    def params(self, registry: Registry) -> dict:
        major = self.college.majors_by_code.get(self.code)
        count = len(self.teachers)
        return {
            "major": major.name if major else self.code,
            "code": self.code,
            "cert": registry.certificate_name(self.cert),
            "count": count,
            "teachers": Text({"zh": "", "en": "teacher" if count == 1 else "teachers"}),
            "names": [t.name for t in self.teachers],
        }


def major_counts(registry: Registry, context: Context) -> Iterator[MajorCount]:
    """Every `majors` item of every active adoption with its certified teachers on the as-of date."""
    for college in registry.college_list():
        for cert, record, adoption in college.active_adoptions():
            for index, major in majors_once(adoption):
                if not registry.teachers_countable(college, record, index):
                    continue  # a teacher who may count, or the major, is unknown (REG-001/002/004 say why)
                teachers = registry.certified_teachers(college.id, major.code, cert, context.as_of)
                yield MajorCount(college, record, cert, index, major.code, teachers)


@RULE.checker
def check(registry: Registry, context: Context) -> Iterator[Finding]:
    minimum = context.policy.min_certified_per_major
    for item in major_counts(registry, context):
        if len(item.teachers) < minimum:
            yield at(
                item.record,
                ("majors", item.index),
                "staff001.too_few",
                minimum=minimum,
                **item.params(registry),
            )
