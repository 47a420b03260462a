"""The effective policy: every knob of `policy` in onex.yaml, its default, its value, and what the
override does to the clause it tunes (`onex policy`, docs/policy.md).

An override **tightens** its clause when onex then reports, or refuses to fund, something the
measures as written would let through or fund; it **relaxes** it when the opposite holds; it
**changes** it when it does both (severity overrides raising one rule and lowering another, a
deadline moved). A knob left at its default is **as written**.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from onex import models as m
from onex.messages import register, render
from onex.problems import Problem
from onex.registry import Registry

AS_WRITTEN = "as_written"
TIGHTENS = "tightens"
RELAXES = "relaxes"
CHANGES = "changes"

MESSAGES = {
    "policy.effect.as_written": {"zh": "与办法一致", "en": "as written"},
    "policy.effect.tightens": {"zh": "收紧", "en": "tightens"},
    "policy.effect.relaxes": {"zh": "放宽", "en": "relaxes"},
    "policy.effect.changes": {"zh": "调整", "en": "changes"},
    "policy.col.knob": {"zh": "设置项", "en": "Knob"},
    "policy.col.value": {"zh": "生效值", "en": "Value"},
    "policy.col.default": {"zh": "默认值", "en": "Default"},
    "policy.col.source": {"zh": "来源", "en": "Set in"},
    "policy.col.clause": {"zh": "条款", "en": "Clause"},
    "policy.col.effect": {"zh": "作用", "en": "Effect"},
    "policy.col.moves": {"zh": "影响", "en": "Moves"},
    "policy.default_source": {"zh": "默认", "en": "default"},
    "policy.title": {
        "zh": "生效的政策设置（onex.yaml 的 policy，见 docs/policy.md）",
        "en": "The effective policy (policy in onex.yaml, see docs/policy.md)",
    },
    "policy.broken": {
        "zh": "onex.yaml 有错误，生效的政策无法确定：先改正下列问题",
        "en": "onex.yaml has errors, so the effective policy is not known: fix these first",
    },
}
register(MESSAGES)


@dataclass(frozen=True)
class KnobSpec:
    key: tuple[str, ...]  # path under onex.yaml's top level, e.g. ("policy", "fees", "school_pays")
    clause: str
    moves: dict[str, str]  # zh, en: the findings and figures it moves
    effect: Callable[[Any, Any], str]  # (default, value) -> TIGHTENS | RELAXES | CHANGES


@dataclass(frozen=True)
class Knob:
    key: str  # dotted: policy.fees.school_pays
    value: Any
    default: Any
    line: int | None  # where onex.yaml sets it (None: not set, the default applies)
    clause: str
    effect: str
    moves: dict[str, str]

    @property
    def overridden(self) -> bool:
        return self.value != self.default


def _more_is_stricter(default: Any, value: Any) -> str:
    return TIGHTENS if value > default else RELAXES


def _more_is_laxer(default: Any, value: Any) -> str:
    return RELAXES if value > default else TIGHTENS


def _deadline(default: str, value: str) -> str:
    return RELAXES if value > default else TIGHTENS  # "MM-DD" compares as dates in one year


def _severity(default: dict, value: dict) -> str:
    from onex.rules import BY_ID

    raised = any(BY_ID[r].severity == "warning" and s == "error" for r, s in value.items() if r in BY_ID)
    lowered = any(BY_ID[r].severity == "error" and s == "warning" for r, s in value.items() if r in BY_ID)
    if raised and lowered:
        return CHANGES
    return RELAXES if lowered else TIGHTENS


def _always_tightens(default: Any, value: Any) -> str:
    return TIGHTENS


def _levels(default: list, value: list) -> str:
    if set(value) == set(default):
        return AS_WRITTEN  # the same levels in another order
    return TIGHTENS if set(value) < set(default) else CHANGES


KNOBS: tuple[KnobSpec, ...] = (
    KnobSpec(
        ("policy", "min_certified_per_major"),
        "§4.3.1",
        {
            "zh": "STAFF-001；报告的持证教师对照",
            "en": "STAFF-001; the report's certified teachers against the minimum",
        },
        _more_is_stricter,
    ),
    KnobSpec(
        ("policy", "recommended_certified_per_major"),
        "§4.3.1",
        {"zh": "STAFF-002；计划的缺编教师", "en": "STAFF-002; the plan's teachers missing"},
        _more_is_stricter,
    ),
    KnobSpec(
        ("policy", "annual_plan_deadline"),
        "§5.2",
        {"zh": "PLAN-001/002/003；计划建议的批次", "en": "PLAN-001/002/003; the plan's proposed batch"},
        _deadline,
    ),
    KnobSpec(
        ("policy", "results_report_days"),
        "§5.2.3",
        {"zh": "EXAM-005", "en": "EXAM-005"},
        _more_is_laxer,
    ),
    KnobSpec(
        ("policy", "expiry_warning_days"),
        "§4.3.1",
        {"zh": "STAFF-003", "en": "STAFF-003"},
        _more_is_stricter,
    ),
    KnobSpec(
        ("policy", "severity"),
        "§4",
        {"zh": "所列规则的严重程度与退出码", "en": "the severity of the rules listed, and the exit code"},
        _severity,
    ),
    KnobSpec(
        ("policy", "fees", "school_pays"),
        "§6.2",
        {
            "zh": "FEE-001、FEE-002；报告与计划中学校支付/学生自付的人数与金额（补考）",
            "en": "FEE-001, FEE-002; school-funded and student-paid counts and fees in report and plan (re-sits)",
        },
        _always_tightens,
    ),
    KnobSpec(
        ("policy", "fees", "max_school_funded_per_student_year"),
        "§6.2",
        {
            "zh": "FEE-001、FEE-002；报告与计划中学校支付/学生自付的人数与金额",
            "en": "FEE-001, FEE-002; school-funded and student-paid counts and fees in report and plan",
        },
        _always_tightens,
    ),
    KnobSpec(
        ("policy", "fees", "school_funded_levels"),
        "§6.2",
        {
            "zh": "FEE-001、FEE-002；报告与计划中学校支付/学生自付的人数与金额",
            "en": "FEE-001, FEE-002; school-funded and student-paid counts and fees in report and plan",
        },
        _levels,
    ),
    KnobSpec(
        ("policy", "fees", "college_allocations"),
        "§6.1",
        {
            "zh": "FEE-002（各学院额度）；报告的预算使用与计划的各学院额度",
            "en": "FEE-002 (per college); the report's budget use and the plan's allocations",
        },
        _always_tightens,
    ),
    KnobSpec(
        ("policy", "fees", "fee_caps"),
        "§6.1",
        {
            "zh": "FEE-002（评价组织文件中的报名费）；报告与计划中的全部报名费金额",
            "en": "FEE-002 (at the organisation's fee); every fee figure in report and plan",
        },
        _always_tightens,
    ),
)


def _get(model: Any, path: tuple[str, ...]) -> Any:
    for part in path:
        model = getattr(model, part)
    return model


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _set_in(data: Any, path: tuple[str, ...]) -> bool:
    for part in path:
        if not isinstance(data, dict) or part not in data:
            return False
        data = data[part]
    return True


def effective(registry: Registry) -> list[Knob]:
    """Every knob with its default and its effective value (onex.yaml must be valid)."""
    defaults = m.Institution(institution=m.InstitutionInfo(name="?"))
    record = registry.institution_record
    data = record.data if record is not None else None
    out = []
    for spec in KNOBS:
        default = _plain(_get(defaults, spec.key))
        value = _plain(_get(registry.settings, spec.key))
        line = record.at(*spec.key).line if record is not None and _set_in(data, spec.key) else None
        effect = AS_WRITTEN if value == default else spec.effect(default, value)
        out.append(Knob(".".join(spec.key), value, default, line, spec.clause, effect, spec.moves))
    return out


def settings_problems(registry: Registry) -> list[Problem]:
    """What loading found wrong with onex.yaml itself (REG-001, REG-002): while there is any, the
    settings fall back to defaults, so the effective policy is not known."""
    from onex.engine import to_problem

    problems = [to_problem(rule, finding) for rule, finding in registry.loaded.findings]
    wrong = [p for p in problems if p.file == "onex.yaml" and p.rule in ("REG-001", "REG-002")]
    return sorted(wrong, key=Problem.sort_key)


def show_value(value: Any, lang: str) -> str:
    """A knob's value in a table cell: YAML-like flow style."""
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {show_value(v, lang)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(show_value(v, lang) for v in value) + "]"
    return str(value)


def as_rows(knobs: list[Knob], lang: str) -> list[list[str]]:
    return [
        [
            knob.key,
            show_value(knob.value, lang),
            show_value(knob.default, lang),
            f"onex.yaml:{knob.line}" if knob.line else render("policy.default_source", {}, lang),
            knob.clause,
            render(f"policy.effect.{knob.effect}", {}, lang),
            knob.moves[lang],
        ]
        for knob in knobs
    ]


HEADERS = ("knob", "value", "default", "source", "clause", "effect", "moves")


def headers(lang: str) -> list[str]:
    return [render(f"policy.col.{key}", {}, lang) for key in HEADERS]


def as_json(knobs: list[Knob], lang: str) -> list[dict[str, Any]]:
    return [
        {
            "knob": knob.key,
            "value": knob.value,
            "default": knob.default,
            "overridden": knob.overridden,
            "line": knob.line,
            "clause": knob.clause,
            "effect": knob.effect,
            "effect_text": render(f"policy.effect.{knob.effect}", {}, lang),
            "moves": knob.moves[lang],
        }
        for knob in knobs
    ]
