"""`plan --write`: merge the forecast into `plans/<year>.yaml` and `staff-plans/<year>.yaml`.

onex owns, in a plan draft, the items whose certificate and level it forecast (matched on
`certificate` + `level`) and in them only `majors`, `candidates`, `batch` (when it proposes one)
and `training_hours`. Everything else — other items, facilities, filing, approval, comments, key
order, quoting — is left as it is. In a staff plan it only ever appends trainer trainings for an
instructor and certificate that have no entry yet. An approved file is never rewritten: the
changes it would need are reported and the file is refused. Every write goes through
:mod:`onex.write` (atomic, under the registry lock), and only when something changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from onex import models as m
from onex.messages import register
from onex.plan.forecast import CollegePlan, ItemForecast, PlanResult
from onex.registry import Registry

MESSAGES = {
    "draft.header": {
        "zh": "{year} 年度 1+X 培训与考核计划草稿，由 onex plan --write 生成。\n学院领导审批后运行 onex approve 记录审批。",
        "en": "Draft {year} 1+X training and exam plan, made by onex plan --write.\nOnce a college leader has approved it, record that with onex approve.",
    },
    "draft.staff_header": {
        "zh": "{year} 年度 1+X 师资培养计划草稿，由 onex plan --write 生成。\n学院领导审批后运行 onex approve 记录审批。",
        "en": "Draft {year} 1+X faculty development plan, made by onex plan --write.\nOnce a college leader has approved it, record that with onex approve.",
    },
    "draft.add_item": {
        "zh": "新增计划项 {certificate} {level}：{candidates} 名考生",
        "en": "add the item {certificate} {level}: {candidates} candidates",
    },
    "draft.set": {
        "zh": "{certificate} {level} 的 {key}：{old} → {new}",
        "en": "{certificate} {level} {key}: {old} → {new}",
    },
    "draft.add_training": {
        "zh": "新增师资培训：{name}（{instructor}）{certificate} 培训讲师，{month}",
        "en": "add a staff training: {name} ({instructor}), {certificate} trainer, {month}",
    },
    "draft.created": {"zh": "已创建 {file}", "en": "created {file}"},
    "draft.updated": {"zh": "已更新 {file}", "en": "updated {file}"},
    "draft.unchanged": {"zh": "{file} 无需改动", "en": "{file} is up to date"},
    "draft.refused_approved": {
        "zh": "{file} 已审批（{by}，{on}），onex 不会改写它；按当前登记库它需要以下改动——如确需修改，请修订后重新审批：",
        "en": "{file} is approved ({by}, {on}), so onex does not rewrite it; the registry now calls for these changes — "
        "revise it by hand and have it approved again if they are wanted:",
    },
    "draft.refused_broken": {
        "zh": "{file} 有格式问题，onex 不会改写它：先用 onex check 找出并修正",
        "en": "{file} breaks its schema, so onex does not rewrite it: fix it first (onex check shows how)",
    },
}
register(MESSAGES)

PLAN_ITEM_KEYS = ("certificate", "level", "majors", "candidates", "batch", "training_hours")


@dataclass
class Change:
    message: str
    params: dict[str, Any]


@dataclass
class DraftOutcome:
    file: str  # relative to the registry root
    action: str  # created | updated | unchanged | refused_approved | refused_broken
    changes: list[Change] = field(default_factory=list)
    approval: dict[str, str] = field(default_factory=dict)  # who approved a refused file

    @property
    def refused(self) -> bool:
        return self.action.startswith("refused")


# --- building ruamel values -------------------------------------------------------------------


def _flow_map(pairs: list[tuple[str, Any]]) -> Any:
    from ruamel.yaml.comments import CommentedMap

    out = CommentedMap(pairs)
    out.fa.set_flow_style()
    return out


def _codes(codes: list[str]) -> Any:
    from ruamel.yaml.comments import CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    out = CommentedSeq(DoubleQuotedScalarString(code) for code in codes)
    out.fa.set_flow_style()
    return out


def _plain(value: Any) -> Any:
    """A ruamel value as plain Python, to compare with what onex would write."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def owned_values(item: ItemForecast) -> dict[str, Any]:
    values: dict[str, Any] = {
        "majors": [major.code for major in item.majors if major.own],  # REG-004: only the college's majors
        "candidates": item.candidates,
        "training_hours": item.training_hours,
    }
    if item.batch is not None:
        values["batch"] = item.batch
    return values


# --- merging (pure, on ruamel trees) -----------------------------------------------------------


def merge_plan(data: Any, items: list[ItemForecast]) -> list[Change]:
    """Bring the owned items of a plan document up to date; return what changed."""
    from ruamel.yaml.comments import CommentedSeq

    changes: list[Change] = []
    existing = data.get("items")
    if not isinstance(existing, list):
        existing = CommentedSeq()
        _insert_key(data, "items", existing, before=("facilities",))
    for item in items:
        values = owned_values(item)
        found = next(
            (
                entry
                for entry in existing
                if hasattr(entry, "get")
                and entry.get("certificate") == item.certificate
                and _level(entry.get("level")) == item.level
            ),
            None,
        )
        where = {"certificate": item.certificate, "level": item.level}
        if found is None:
            pairs = [("certificate", item.certificate), ("level", item.level)]
            pairs += [(key, values[key]) for key in PLAN_ITEM_KEYS[2:] if key in values]
            entry = _flow_map(pairs)
            entry["majors"] = _codes(values["majors"])
            existing.append(entry)
            changes.append(Change("draft.add_item", {**where, "candidates": item.candidates}))
            continue
        for key in PLAN_ITEM_KEYS[2:]:
            if key not in values:
                continue
            new = values[key]
            old = _plain(found.get(key))
            if old == new:
                continue
            found[key] = _codes(new) if key == "majors" else new
            changes.append(Change("draft.set", {**where, "key": key, "old": _show(old), "new": _show(new)}))
    return changes


def merge_staff_plan(data: Any, proposals: list[tuple[m.Instructor, str]], month: str) -> list[Change]:
    """Append a trainer training for each (instructor, certificate) that has no entry yet."""
    from ruamel.yaml.comments import CommentedSeq

    changes: list[Change] = []
    trainings = data.get("trainings")
    if not isinstance(trainings, list):
        trainings = CommentedSeq()
        _insert_key(data, "trainings", trainings, before=())
    present = {(t.get("instructor"), t.get("certificate")) for t in trainings if hasattr(t, "get")}
    for instructor, cert in proposals:
        if (instructor.id, cert) in present:
            continue
        present.add((instructor.id, cert))
        trainings.append(
            _flow_map(
                [
                    ("instructor", instructor.id),
                    ("certificate", cert),
                    ("kind", "trainer"),
                    ("month", month),
                    ("status", "planned"),
                ]
            )
        )
        changes.append(
            Change(
                "draft.add_training",
                {"name": instructor.name, "instructor": instructor.id, "certificate": cert, "month": month},
            )
        )
    return changes


def _level(value: Any) -> Any:
    aliases = {zh: en for en, zh in m.ENUMS["level"].items()}
    return aliases.get(value, value)


def _show(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


def _insert_key(data: Any, key: str, value: Any, before: tuple[str, ...]) -> None:
    keys = list(data.keys())
    if key in data:  # present but empty (`items:`)
        data[key] = value
        return
    position = next((keys.index(k) for k in before if k in keys), len(keys))
    data.insert(position, key, value)


def _new_document(year: int, header: str) -> Any:
    from ruamel.yaml.comments import CommentedMap

    data = CommentedMap([("year", year)])
    data.yaml_set_start_comment(header)
    return data


# --- writing ----------------------------------------------------------------------------------


def write_drafts(registry: Registry, result: PlanResult, lang: str) -> list[DraftOutcome]:
    """Create or update every selected college's drafts; refuse approved or broken files."""
    from onex.messages import render
    from onex.write import registry_lock

    outcomes: list[DraftOutcome] = []
    year = result.year
    month = f"{year}-{result.settings.staff_training_month:02d}"
    with registry_lock(registry.root):
        for plan in result.colleges:
            if not plan.adopted:
                continue
            college = registry.colleges[plan.id]
            outcomes.append(
                _write(
                    registry,
                    f"colleges/{plan.id}/plans/{year}.yaml",
                    college.plans.get(year),
                    lambda: _new_document(year, render("draft.header", {"year": year}, lang)),
                    lambda data, plan=plan: merge_plan(data, plan.items),
                )
            )
            proposals = _proposals(plan)
            if proposals or college.staff_plans.get(year) is not None:
                outcomes.append(
                    _write(
                        registry,
                        f"colleges/{plan.id}/staff-plans/{year}.yaml",
                        college.staff_plans.get(year),
                        lambda: _new_document(year, render("draft.staff_header", {"year": year}, lang)),
                        lambda data, proposals=proposals: merge_staff_plan(data, proposals, month),
                        create=bool(proposals),
                    )
                )
    return [o for o in outcomes if o is not None]


def _proposals(plan: CollegePlan) -> list[tuple[m.Instructor, str]]:
    return [(teacher, gap.certificate) for gap in plan.staff for teacher in gap.proposed]


def _write(
    registry: Registry, rel: str, record: Any, new: Any, merge: Any, create: bool = True
) -> DraftOutcome | None:
    from onex.write import open_document, save

    path: Path = registry.root / rel
    broken = any(
        (finding.file or (finding.record.file if finding.record else None)) == rel
        for rule, finding in registry.loaded.findings
        if rule in ("REG-001", "REG-002")
    )
    if broken or (record is not None and record.model is None):
        return DraftOutcome(rel, "refused_broken")
    document = open_document(path)
    if not document.exists:
        if not create:
            return None
        document.data = new()
        document.indent = (4, 2)  # `items:` then `  - {…}`, as SPEC §2 writes lists
    elif not hasattr(document.data, "get"):
        return DraftOutcome(rel, "refused_broken")
    changes = merge(document.data)
    if not changes and document.exists:
        return DraftOutcome(rel, "unchanged")
    approval = document.data.get("approval") if document.exists else None
    if approval:
        who = {"by": "?", "on": "?"}
        if hasattr(approval, "get"):
            who = {"by": str(approval.get("by", "?")), "on": str(approval.get("on", "?"))}
        return DraftOutcome(rel, "refused_approved", changes, who)
    action = "updated" if document.exists else "created"
    save(document)
    return DraftOutcome(rel, action, changes)
