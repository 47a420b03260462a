"""EXAM-001 — a college with exam sessions has an empty exam working group.

§5: each college sets up an exam working group (考核工作小组), `exam_group` in college.yaml.
A college with at least one session file (`sessions/<year>/<id>.yaml`, whether or not it is
valid and whether or not it was held) must list at least one member. Points at `exam_group` when
the key is written (`exam_group: []`), else at the root of college.yaml. A broken college.yaml is
REG-001/002's and is skipped.
"""

from __future__ import annotations

from collections.abc import Iterator

from onex import models as m
from onex.problems import Finding, at
from onex.registry import Registry
from onex.rules.base import Context, Rule

RULE = Rule(
    id="EXAM-001",
    severity="error",
    clause="§5",
    title={
        "zh": "有考核场次的学院未成立考核工作小组",
        "en": "a college with exam sessions has no exam working group",
    },
    why={
        "zh": "办法第5条要求各二级学院成立考核工作小组，负责本学院的1+X考核。有考核场次的学院，college.yaml 的 exam_group 不能为空。",
        "en": "§5 has each college set up an exam working group that runs its 1+X exams. A college with exam sessions "
        "needs at least one member in exam_group of its college.yaml.",
    },
    violates="# colleges/info/college.yaml (the college has sessions/2027/web-mid.yaml)\nname: 信息工程学院\nexam_group: []\n",
    satisfies="name: 信息工程学院\nexam_group: [张伟, 陈静]\n",
    messages={
        "exam001.no_exam_group": {
            "zh": "{college} 有 {sessions} 个考核场次，但考核工作小组（exam_group）为空：在 college.yaml 的 exam_group 中列出小组成员",
            "en": "{college} has {sessions} exam session(s) but its exam working group (exam_group) is empty: "
            "list the group's members in exam_group of college.yaml",
        },
    },
)


@RULE.checker
def check(registry: Registry, context: Context) -> Iterator[Finding]:
    for college in registry.college_list():
        model = college.model
        if not college.sessions or not isinstance(model, m.College) or model.exam_group:
            continue
        if not registry.known(college.record, "exam_group"):
            continue
        path = ("exam_group",) if "exam_group" in model.model_fields_set else ()
        yield at(
            college.record,
            path,
            "exam001.no_exam_group",
            college=college.name,
            sessions=len(college.sessions),
        )
