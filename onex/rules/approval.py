"""The check that TRAIN-001 (§4.5) and EXAM-002 (§5.2.1) share: a record approved beforehand by
its college's leader in charge. Each rule keeps its own messages; this yields where they go."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from onex import models as m
from onex.problems import Finding, at
from onex.records import Record
from onex.registry import CollegeRecords, Registry


def approved_beforehand(
    registry: Registry,
    record: Record,
    approval: m.Approval | None,
    day: dt.date,
    college: CollegeRecords,
    *,
    missing: str,
    late: str,
    not_in_charge: str,
    leader_text: Any,
    **params: Any,
) -> Iterator[Finding]:
    """No approval (at the record), one dated after `day` (at `approval.on`), one by someone other
    than the leader in charge (at `approval.by`; skipped when the college has no single one).
    Nothing is judged from an approval, or a part of it, that is unknown (REG-002)."""
    if approval is None:
        if registry.known(record, "approval"):
            yield at(record, (), missing, leader=leader_text, **params)
        return
    if registry.known(record, "approval", "on") and approval.on > day:
        yield at(record, ("approval", "on"), late, on=approval.on.isoformat(), **params)
    leader = college.leader_in_charge
    if leader is not None and registry.known(record, "approval", "by") and approval.by != leader.name:
        yield at(
            record,
            ("approval", "by"),
            not_in_charge,
            by=approval.by,
            college=college.name,
            leader=leader.name,
            **params,
        )
