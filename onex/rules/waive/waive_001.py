"""WAIVE-001 — a waiver has expired, or matches no problem.

A waiver in `onex.yaml` (`rule`, optional `college` and `file`, `reason`, `approved_by`,
`expires_on`) marks the problems it matches as waived: they are still listed, with
`waived: true`, but do not count as errors or warnings. A waiver past its `expires_on` no longer
applies (the as-of date is after it). Either way, a waiver that waives nothing is reported so the
list does not rot. `file` matches a file exactly, or every file under a folder ending in `/`.
"""

from __future__ import annotations

import datetime as dt

from onex import duties
from onex import models as m
from onex.problems import Problem
from onex.registry import Registry
from onex.rules.base import Context, Rule

RULE = Rule(
    id="WAIVE-001",
    severity="warning",
    clause="§3",
    title={"zh": "豁免已过期或未匹配任何问题", "en": "a waiver has expired or matches no problem"},
    why={
        "zh": "豁免是教务处批准的临时例外，必须有期限、有对象。过期的豁免不再生效；不匹配任何问题的豁免说明问题已解决或写错了，应删除或改正。"
        "豁免必须写明 reason、approved_by 和 expires_on（否则为 REG-002，且该豁免不生效）。",
        "en": "A waiver is a temporary exception the office approved: it needs an end and a target. An expired waiver no longer applies; one that matches nothing means the problem is fixed or the waiver is mistyped, so remove or correct it. "
        "A waiver needs reason, approved_by and expires_on (REG-002 otherwise, and it waives nothing).",
    },
    violates="waivers:\n  - {rule: STAFF-001, college: mech, reason: 教师培训已排期, approved_by: 王丽, expires_on: 2026-06-30}\n",
    satisfies="waivers:\n  - {rule: STAFF-001, college: mech, reason: 教师培训已排期, approved_by: 王丽, expires_on: 2027-06-30}\n",
    messages={
        "waive001.expired": {
            "zh": "{rule} 的豁免已于 {expires_on} 到期，不再生效：续期（重新审批并修改 expires_on）或删除它",
            "en": "the waiver of {rule} expired on {expires_on} and no longer applies: renew it (new approval and expires_on) or remove it",
        },
        "waive001.unused": {
            "zh": "{rule} 的豁免没有匹配任何问题：问题已解决就删除它，否则检查 college 和 file 是否写对",
            "en": "the waiver of {rule} matches no problem: remove it if the problem is solved, otherwise check its college and file",
        },
    },
)


def waiver_matches(waiver: m.Waiver, problem: Problem) -> bool:
    """Whether `waiver` covers `problem` (its rule, and its college and file when given)."""
    if problem.rule != waiver.rule or problem.rule == RULE.id:
        return False
    if waiver.college is not None and problem.college != waiver.college:
        return False
    if waiver.file is not None:
        wanted = waiver.file.replace("\\", "/").lstrip("./")
        if not (problem.file == wanted or (wanted.endswith("/") and problem.file.startswith(wanted))):
            return False
    return True


def apply_waivers(registry: Registry, problems: list[Problem], as_of: dt.date) -> list[Problem]:
    """Mark the problems each current waiver covers; return the WAIVE-001 problems."""
    record = registry.institution_record
    if record is None or not isinstance(record.model, m.Institution):
        return []
    found: list[Problem] = []
    context = Context(as_of=as_of, policy=registry.policy)
    expired = {duty.path[1] for duty in duties.waiver_expiries(registry, context) if duty.overdue}
    for index, waiver in enumerate(record.model.waivers):
        if not registry.known(record, "waivers", index):
            continue  # a waiver that breaks its schema (REG-002) waives nothing and is not judged
        location = record.at("waivers", index)
        if index in expired:
            message, params = (
                "waive001.expired",
                {"rule": waiver.rule, "expires_on": waiver.expires_on.isoformat()},
            )
        else:
            used = False
            for problem in problems:
                if waiver_matches(waiver, problem):
                    problem.waived, problem.waiver, used = True, index, True
            if used:
                continue
            message, params = "waive001.unused", {"rule": waiver.rule}
        found.append(
            Problem(
                RULE.id, RULE.severity, location.file, location.line, location.column, None, message, params
            )
        )
    return found
