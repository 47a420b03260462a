"""`onex approve`: record an approval on a plan, staff plan, training or session.

Who may approve is the rule that governs the record: the college's leader in charge for a
training (§4.5, TRAIN-001) or an exam session (§5.2.1, EXAM-002); any college leader for an
annual plan (§5.2, PLAN-002) or a staff plan (§4.3.2). The approval is written as
`approval: {by, on[, ref]}` through :mod:`onex.write` (atomic, under the registry lock), keeping
comments, key order and quoting. An existing approval is never replaced without `--force`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from onex.errors import FatalError
from onex.messages import register

MESSAGES = {
    "approve.no_file": {"zh": "文件 {file} 不存在", "en": "there is no file {file}"},
    "approve.outside": {
        "zh": "{file} 不在登记库 {root} 中",
        "en": "{file} is not inside the registry {root}",
    },
    "approve.not_approvable": {
        "zh": "{file} 不是可审批的记录：只有年度计划（plans/）、师资培养计划（staff-plans/）、培训（trainings/）和考核（sessions/）需要审批",
        "en": "{file} is not a record that takes an approval: only plans/, staff-plans/, trainings/ and sessions/ files do",
    },
    "approve.not_mapping": {
        "zh": "{file} 的内容不是键值映射，无法写入 approval：先用 onex check 修正它",
        "en": "{file} does not hold a mapping, so no approval can be written into it: fix it first (onex check shows how)",
    },
    "approve.no_college": {
        "zh": "无法确定谁可以审批：{file} 缺失或有格式问题（需要 leaders）。先用 onex check 修正它",
        "en": "cannot tell who may approve: {file} is missing or breaks its schema (its leaders are needed). Fix it first (onex check shows how)",
    },
    "approve.not_in_charge": {
        "zh": "{by} 不能审批 {file}：{what}须由主管院领导审批（§{clause}），{college} 的主管院领导是 {allowed}",
        "en": "{by} may not approve {file}: {what} is approved by the college's leader in charge (§{clause}), who for {college} is {allowed}",
    },
    "approve.no_leader_in_charge": {
        "zh": "{file} 须由主管院领导审批（§{clause}），但 {college} 的 college.yaml 中没有唯一标注 in_charge: true 的领导：先补上",
        "en": "{file} is approved by the college's leader in charge (§{clause}), but {college} has no single leader marked in_charge: true in college.yaml: add it first",
    },
    "approve.not_leader": {
        "zh": "{by} 不能审批 {file}：{what}须由学院领导审批（§{clause}），{college} 的学院领导是 {allowed}",
        "en": "{by} may not approve {file}: {what} is approved by a college leader (§{clause}); the leaders of {college} are {allowed}",
    },
    "approve.already": {
        "zh": "{file} 已由 {by} 于 {on} 审批：未改动。如确需重新审批，加 --force 替换原审批",
        "en": "{file} is already approved by {by} on {on}: nothing changed. To record a new approval instead, add --force",
    },
    "approve.done": {
        "zh": "已记录审批：{file} —— {by}，{on}",
        "en": "recorded the approval of {file}: {by}, {on}",
    },
    "approve.replaced": {
        "zh": "已替换审批：{file} —— {by}，{on}（原为 {old_by}，{old_on}）",
        "en": "replaced the approval of {file}: {by}, {on} (was {old_by}, {old_on})",
    },
    "approve.unchanged": {
        "zh": "{file} 已有相同的审批，无需改动",
        "en": "{file} already has this approval: nothing to do",
    },
    "approve.late": {
        "zh": "注意：审批日期 {on} 晚于{what} {date}，onex check 会报告 {rule}",
        "en": "note: the approval date {on} is after the {what} {date}; onex check will report {rule}",
    },
    "approve.what.plan": {"zh": "年度计划", "en": "an annual plan"},
    "approve.what.staff_plan": {"zh": "师资培养计划", "en": "a staff plan"},
    "approve.what.training": {"zh": "培训", "en": "a training"},
    "approve.what.session": {"zh": "考核", "en": "an exam session"},
    "approve.when.start": {"zh": "培训开始日期", "en": "training's start"},
    "approve.when.date": {"zh": "考核日期", "en": "exam date"},
    "approve.when.deadline": {"zh": "年度计划截止日期", "en": "plan deadline"},
}
register(MESSAGES)

# kind -> (who approves, clause)
APPROVERS = {
    "plan": ("leader", "5.2"),
    "staff_plan": ("leader", "4.3.2"),
    "training": ("in_charge", "4.5"),
    "session": ("in_charge", "5.2.1"),
}


@dataclass
class ApprovalOutcome:
    file: str  # relative to the registry root
    action: str  # done | replaced | unchanged
    by: str
    on: dt.date
    previous: dict[str, str] = field(default_factory=dict)
    notes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


def registry_of(path: Path, explicit: Path | None) -> Path:
    """--registry (or $ONEX_REGISTRY), else the nearest folder upward from the file holding onex.yaml."""
    import os

    from onex.load import find_registry

    if explicit or os.environ.get("ONEX_REGISTRY"):
        return find_registry(explicit)
    start = path.resolve().parent
    root = next((p for p in (start, *start.parents) if (p / "onex.yaml").is_file()), None)
    if root is None:
        raise FatalError("fatal.no_registry", path=str(start))
    return root


def approve(
    file: Path,
    by: str,
    on: dt.date,
    ref: str | None = None,
    force: bool = False,
    registry: Path | None = None,
) -> ApprovalOutcome:
    """Record `by`'s approval of `file` dated `on`; refuse (FatalError) what the policy does not allow."""
    from onex.load import Place, place_of
    from onex.write import open_document, registry_lock, save

    if not file.is_file():
        raise FatalError("approve.no_file", file=str(file))
    root = registry_of(file, registry).resolve()
    try:
        rel = file.resolve().relative_to(root).as_posix()
    except ValueError:
        raise FatalError("approve.outside", file=str(file), root=str(root)) from None
    place = place_of(rel.split("/"))
    if not isinstance(place, Place) or place.kind not in APPROVERS:
        raise FatalError("approve.not_approvable", file=rel)
    by = by.strip()
    _check_approver(root, rel, place.kind, place.college or "", by)

    with registry_lock(root):
        document = open_document(root / rel)
        data = document.data
        if not hasattr(data, "insert"):
            raise FatalError("approve.not_mapping", file=rel)
        approval = _approval(by, on, ref)
        existing = data.get("approval")
        previous: dict[str, str] = {}
        if existing:
            previous = (
                {k: str(existing.get(k, "?")) for k in ("by", "on")}
                if hasattr(existing, "get")
                else {"by": "?", "on": "?"}
            )
            if hasattr(existing, "get") and _same(existing, by, on, ref):
                return ApprovalOutcome(rel, "unchanged", by, on)
            if not force:
                raise FatalError("approve.already", exit_code=1, file=rel, **previous)
            data["approval"] = approval
        elif "approval" in data:  # `approval:` left empty: fill it where it is
            data["approval"] = approval
        else:
            data.insert(_position(data, place.kind), "approval", approval)
        save(document)
    outcome = ApprovalOutcome(rel, "replaced" if previous else "done", by, on, previous)
    outcome.notes = _late(root, place.kind, data, on)
    return outcome


def _approval(by: str, on: dt.date, ref: str | None) -> Any:
    from ruamel.yaml.comments import CommentedMap

    approval = CommentedMap([("by", by), ("on", on)])
    if ref:
        approval["ref"] = ref
    approval.fa.set_flow_style()
    return approval


def _same(existing: Any, by: str, on: dt.date, ref: str | None) -> bool:
    old_on = existing.get("on")
    return (
        str(existing.get("by")) == by
        and isinstance(old_on, dt.date)
        and old_on.isoformat()[:10] == on.isoformat()
        and (existing.get("ref") or None) == (ref or None)
    )


# Where `approval` goes in a file that has none: the place SPEC §2 shows it.
_AFTER = {
    "plan": ("year",),
    "staff_plan": ("year",),
    "training": ("participants", "end", "start"),
    "session": ("site", "date", "batch"),
}


def _position(data: Any, kind: str) -> int:
    keys = list(data.keys())
    for key in _AFTER[kind]:
        if key in keys:
            return keys.index(key) + 1
    return 0 if kind in ("plan", "staff_plan") else len(keys)


def _check_approver(root: Path, rel: str, kind: str, college_id: str, by: str) -> None:
    from onex.messages import Text, render

    college = _college(root, college_id)
    rule, clause = APPROVERS[kind]
    what = Text({lang: render(f"approve.what.{kind}", {}, lang) for lang in ("zh", "en")})
    params = {"file": rel, "by": by, "what": what, "clause": clause, "college": college.name}
    if rule == "in_charge":
        leader = college.leader_in_charge
        if leader is None:
            raise FatalError("approve.no_leader_in_charge", exit_code=1, **params)
        if by != leader.name:
            raise FatalError("approve.not_in_charge", exit_code=1, allowed=leader.name, **params)
    elif by not in college.leader_names:
        raise FatalError("approve.not_leader", exit_code=1, allowed=sorted(college.leader_names), **params)


def _college(root: Path, college_id: str) -> Any:
    """The college's leaders, read from its college.yaml alone (approving needs nothing else)."""
    from onex import models as m
    from onex.records import Record
    from onex.registry import CollegeRecords
    from onex.schema_errors import validate
    from onex.yamlread import ReadError, read_document

    rel = f"colleges/{college_id}/college.yaml"
    try:
        data, text = read_document((root / rel).read_bytes())
    except (OSError, ReadError):
        raise FatalError("approve.no_college", exit_code=2, file=rel) from None
    record = Record(kind="college", file=rel, text=text, data=data, college=college_id, id=college_id)
    validate(record)
    if not isinstance(record.model, m.College) or not record.model.leaders:
        raise FatalError("approve.no_college", exit_code=2, file=rel)
    return CollegeRecords(college_id, record=record)


def _late(root: Path, kind: str, data: Any, on: dt.date) -> list[tuple[str, dict[str, Any]]]:
    """A note when the approval is dated after the date the rule compares it with."""
    from onex.messages import Text, render

    field_, rule = {"training": ("start", "TRAIN-001"), "session": ("date", "EXAM-002")}.get(
        kind, (None, None)
    )
    date = data.get(field_) if field_ else None
    if kind == "plan" and isinstance(data.get("year"), int) and not isinstance(data.get("year"), bool):
        from onex.models import Institution, Policy
        from onex.rules.base import Context
        from onex.yamlread import ReadError, read_document

        policy = Policy()
        try:
            settings, _ = read_document((root / "onex.yaml").read_bytes())
            policy = Institution.model_validate(settings).policy
        except (ReadError, ValueError, OSError):
            pass  # a broken onex.yaml: the default deadline (onex check reports the file)
        field_, rule = "deadline", "PLAN-002"
        date = Context(as_of=on, policy=policy).deadline(data["year"])
    if not isinstance(date, dt.date) or on <= date:
        return []
    when = Text({lang: render(f"approve.when.{field_}", {}, lang) for lang in ("zh", "en")})
    return [("approve.late", {"on": on.isoformat(), "what": when, "date": date.isoformat(), "rule": rule})]
