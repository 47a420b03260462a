"""TRAIN-003 — a finished training has no inspection (§4.5).

A training is finished when `end < as_of` (one ending on the as-of date is still running). A
finished training with no `inspections` is a warning: at `inspections` when the key is written
(an empty list), else at the training's root. Who inspected and when is not checked.
"""

from __future__ import annotations

from collections.abc import Iterator

from onex import duties
from onex.problems import Finding, at
from onex.registry import Registry
from onex.rules.base import Context, Rule

RULE = Rule(
    id="TRAIN-003",
    severity="warning",
    clause="§4.5",
    title={"zh": "已结束的培训没有检查记录", "en": "a finished training has no inspection"},
    why={
        "zh": "教务处在考前培训实施过程中进行检查。培训结束后仍没有任何检查记录（inspections），说明检查未做或未登记。",
        "en": "The Academic Affairs Office inspects pre-exam training while it runs. A training that has ended with no inspections recorded was either not inspected or the inspection was not recorded.",
    },
    violates=(
        "# colleges/info/trainings/2026/web-mid-spring.yaml\n"
        "start: 2026-04-01\n"
        "end: 2026-04-20\n"
        "inspections: []\n"
    ),
    satisfies="start: 2026-04-01\nend: 2026-04-20\ninspections:\n  - {on: 2026-04-10, by: 王丽, note: 抽查课堂}\n",
    messages={
        "train003.no_inspection": {
            "zh": "培训已于 {end} 结束，但没有教务处的检查记录：在 inspections 中登记检查（日期、检查人）（§4.5）",
            "en": "the training ended on {end} with no inspection recorded: record the Academic Affairs Office's inspections (date, inspector) (§4.5)",
        },
    },
)


@RULE.checker
def check(registry: Registry, context: Context) -> Iterator[Finding]:
    for duty in duties.training_inspections(registry, context):
        if duty.overdue:  # finished (end < as_of) and never inspected
            yield at(duty.record, duty.path, "train003.no_inspection", end=duty.due.isoformat())
