"""EXAM-003 — a session's date is outside its batch's window.

§5.2: exams run inside the evaluation organisation's annual schedule. The session's `batch` is
looked up among the batches of the organisation whose catalogue lists the session's certificate
(`orgs/<org>.yaml`); the exam `date` must satisfy `from <= date <= to` (both days included).
An unknown certificate or batch is REG-004's and is skipped here. Points at the session's `date`.
"""

from __future__ import annotations

from collections.abc import Iterator

from onex import models as m
from onex.problems import Finding, at
from onex.registry import Registry
from onex.rules.base import Context, Rule

RULE = Rule(
    id="EXAM-003",
    severity="error",
    clause="§5.2",
    title={"zh": "考核日期不在评价组织的批次时间内", "en": "an exam date outside its batch's window"},
    why={
        "zh": "办法第5.2条要求考核在第三方评价组织的年度考核计划内进行。场次的日期必须落在所属批次的 from 与 to 之间（含首尾两天）。",
        "en": "§5.2 has exams run inside the evaluation organisation's annual schedule. A session's date must fall "
        "between its batch's from and to (both days included).",
    },
    violates="# orgs/edu-tech.yaml: - {id: 2027-1, from: 2027-05-01, to: 2027-06-30}\nbatch: 2027-1\ndate: 2027-07-05\n",
    satisfies="batch: 2027-1\ndate: 2027-06-12\n",
    messages={
        "exam003.outside_batch": {
            "zh": "考核日期 {date} 不在 {certificate} 批次 {batch} 的时间内（{start} 至 {end}）：改到批次时间内，或改为正确的批次",
            "en": "the exam date {date} is outside batch {batch} of {certificate} ({start} to {end}): "
            "move the exam into the batch's window, or name the right batch",
        },
    },
)


@RULE.checker
def check(registry: Registry, context: Context) -> Iterator[Finding]:
    batches_of: dict[str, dict[str, m.Batch]] = {}
    for _college, record, session in registry.sessions():
        if not isinstance(session, m.Session):
            continue
        if session.certificate not in batches_of:
            batches_of[session.certificate] = registry.batches(session.certificate)
        batch = batches_of[session.certificate].get(session.batch)
        if batch is None or not (registry.known(record, "date") and registry.known(record, "batch")):
            continue
        org = registry.orgs[registry.catalogue[session.certificate].org]
        if not (registry.known(org, "batches", ..., "from") and registry.known(org, "batches", ..., "to")):
            continue
        if batch.start <= session.date <= batch.end:
            continue
        yield at(
            record,
            ("date",),
            "exam003.outside_batch",
            date=session.date.isoformat(),
            batch=batch.id,
            certificate=registry.certificate_name(session.certificate),
            start=batch.start.isoformat(),
            end=batch.end.isoformat(),
        )
