"""The plan as a rich table, Markdown or JSON. Both tabular forms come from the same sections."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from onex.escape import json_text, markdown_cell, markdown_line, rich_text
from onex.messages import named, register, render
from onex.models import ENUMS
from onex.plan.draft import DraftOutcome
from onex.plan.forecast import CollegePlan, PlanResult, StaffGap

FORMATS = ("table", "markdown", "json")

MESSAGES = {
    "plan.title": {
        "zh": "{year} 年度 1+X 计划（数据截至 {as_of}）",
        "en": "1+X plan for {year} (registry as of {as_of})",
    },
    "plan.study_year": {"zh": "第 {n} 年 {level}", "en": "year {n} {level}"},
    "plan.assumptions": {
        "zh": "假设：各入学年次参加的等级为 {levels}；参考率 主 {primary}、辅 {auxiliary}；上年未通过者重考率 {retake}；每个未被课程覆盖的模块培训 {hours} 学时（onex.yaml 的 planning:，见 docs/planning.md）",
        "en": "Assumptions: level by year of study: {levels}; participation primary {primary}, auxiliary {auxiliary}; "
        "retakes {retake} of last year's non-passers; {hours} training hours per module no course covers "
        "(planning: in onex.yaml, see docs/planning.md)",
    },
    "plan.college_title": {"zh": "{name}（{college}）", "en": "{name} ({college})"},
    "plan.no_adoptions_line": {
        "zh": "没有在用的 X 证书，无需计划",
        "en": "no active certificate adoptions: nothing to plan",
    },
    "plan.no_candidates": {
        "zh": "按当前假设 {year} 年没有预计考生",
        "en": "no candidates expected in {year} under these assumptions",
    },
    "plan.col.certificate": {"zh": "证书", "en": "Certificate"},
    "plan.col.level": {"zh": "等级", "en": "Level"},
    "plan.col.major": {"zh": "专业", "en": "Major"},
    "plan.col.candidates": {"zh": "考生", "en": "Candidates"},
    "plan.col.school_funded": {"zh": "学校支付", "en": "School-funded"},
    "plan.col.school_fee": {"zh": "学校费用", "en": "School fees"},
    "plan.col.student_paid": {"zh": "学生自付", "en": "Student-paid"},
    "plan.col.student_fee": {"zh": "学生费用", "en": "Student fees"},
    "plan.col.batch": {"zh": "批次", "en": "Batch"},
    "plan.col.training_hours": {"zh": "培训学时", "en": "Training hours"},
    "plan.col.teachers_missing": {"zh": "缺持证教师", "en": "Teachers missing"},
    "plan.col.college": {"zh": "二级学院", "en": "College"},
    "plan.col.gap_share": {"zh": "超支分摊", "en": "Share of gap"},
    "plan.total": {"zh": "合计", "en": "Total"},
    "plan.no_batch": {"zh": "无合适批次", "en": "none fits"},
    "plan.missing_cell": {"zh": "{missing}（可培训：{names}）", "en": "{missing} (could train: {names})"},
    "plan.staff_line": {
        "zh": "{cert} · {major}（{code}）：持证 {count} 名（{names}），建议 {recommended} 名，缺 {missing} 名；可培训：{could}；已在师资计划中：{planned}；建议新增：{proposed}",
        "en": "{cert} · {major} ({code}): {count} certified ({names}), {recommended} recommended, {missing} missing; "
        "could train: {could}; already in the staff plan: {planned}; proposed: {proposed}",
    },
    "plan.institution_title": {
        "zh": "全校：学校支付的考核费与 {year} 年预算",
        "en": "Institution: school-funded fees against the {year} budget",
    },
    "plan.budget_line": {
        "zh": "{year} 年预算 {budget} 元，预计学校支付 {fees} 元",
        "en": "{year} budget {budget} yuan, school-funded fees expected {fees} yuan",
    },
    "plan.no_fees": {
        "zh": "{year} 年预计没有学校支付的考核费",
        "en": "no school-funded fees are expected in {year}",
    },
    "plan.over_budget": {"zh": "超出预算 {gap} 元", "en": "over budget by {gap} yuan"},
    "plan.within_budget": {"zh": "在预算内，余 {left} 元", "en": "within budget, {left} yuan left"},
    "plan.allocation_line": {
        "zh": "{college}：policy.fees.college_allocations 额度 {allocation} 元，预计学校支付 {fees} 元，{verdict}",
        "en": "{college}: allocation {allocation} yuan in policy.fees.college_allocations, school-funded fees expected {fees} yuan, {verdict}",
    },
    "plan.no_budget": {
        "zh": "onex.yaml 的 fee_budget 中没有 {year} 年预算：预计学校支付 {fees} 元全部无预算（§6.1）",
        "en": "onex.yaml has no fee_budget for {year}: all {fees} yuan of expected school-funded fees are unbudgeted (§6.1)",
    },
    "plan.registry_problems": {
        "zh": "注意：登记库有 {count} 个文件读取或格式问题，相关记录未计入计划（运行 onex check 查看）",
        "en": "note: {count} registry files could not be read or break their schema and are left out of the plan (run onex check)",
    },
}
register(MESSAGES)


def level_name(level: str, lang: str) -> str:
    return ENUMS["level"][level] if lang == "zh" else level


def percent(rate: float) -> str:
    return f"{rate * 100:g} %"


@dataclass
class Section:
    title: str
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    footer: list[str] | None = None
    notes: list[str] = field(default_factory=list)
    numeric: frozenset[int] = frozenset()


def _t(message: str, lang: str, **params: Any) -> str:
    return render(message, params, lang)


def _missing_cell(gap: StaffGap | None, lang: str) -> str:
    if gap is None:
        return "—"
    if not gap.missing:
        return "0"
    return _t("plan.missing_cell", lang, missing=gap.missing, names=[t.name for t in gap.could_train])


def sections(result: PlanResult, lang: str) -> list[Section]:
    out: list[Section] = []
    for plan in result.colleges:
        out.append(_college_section(plan, result.year, lang))
    out.append(_institution_section(result, lang))
    return out


def _college_section(plan: CollegePlan, year: int, lang: str) -> Section:
    keys = (
        "certificate",
        "level",
        "major",
        "candidates",
        "school_funded",
        "school_fee",
        "student_paid",
        "student_fee",
        "batch",
        "training_hours",
        "teachers_missing",
    )
    section = Section(
        _t("plan.college_title", lang, name=plan.name, college=plan.id),
        [_t(f"plan.col.{key}", lang) for key in keys],
        numeric=frozenset({3, 4, 5, 6, 7, 9}),
    )
    if not plan.adopted:
        section.notes.append(_t("plan.no_adoptions_line", lang))
        return section
    for item in plan.items:
        for major in item.majors:
            section.rows.append(
                [
                    item.certificate_name,
                    level_name(item.level, lang),
                    named(major.name, major.code, lang),
                    str(major.candidates),
                    str(major.school_funded),
                    str(major.school_fee),
                    str(major.student_paid),
                    str(major.student_fee),
                    item.batch or _t("plan.no_batch", lang),
                    str(item.training_hours),
                    _missing_cell(plan.gap_for(item.certificate, major.code) if major.role else None, lang),
                ]
            )
    if not plan.items:
        section.notes.append(_t("plan.no_candidates", lang, year=year))
    else:
        section.footer = [
            _t("plan.total", lang),
            "",
            "",
            str(plan.candidates),
            str(sum(i.school_funded for i in plan.items)),
            str(plan.school_fee),
            str(sum(i.student_paid for i in plan.items)),
            str(plan.student_fee),
            "",
            "",
            "",
        ]
    for gap in plan.staff:
        if gap.missing:
            section.notes.append(
                _t(
                    "plan.staff_line",
                    lang,
                    cert=gap.certificate_name,
                    major=gap.major_name,
                    code=gap.major,
                    count=len(gap.certified),
                    names=[t.name for t in gap.certified],
                    recommended=gap.recommended,
                    missing=gap.missing,
                    could=[t.name for t in gap.could_train],
                    planned=[t.name for t in gap.planned],
                    proposed=[t.name for t in gap.proposed],
                )
            )
    return section


def _institution_section(result: PlanResult, lang: str) -> Section:
    budget = result.institution
    section = Section(
        _t("plan.institution_title", lang, year=result.year),
        [_t(f"plan.col.{key}", lang) for key in ("college", "school_fee", "student_fee", "gap_share")],
        numeric=frozenset({1, 2, 3}),
    )
    for plan in result.all_colleges:
        name = _t("plan.college_title", lang, name=plan.name, college=plan.id)
        section.rows.append([name, str(plan.school_fee), str(plan.student_fee), str(plan.gap_share)])
    section.footer = [
        _t("plan.total", lang),
        str(budget.school_fee),
        str(budget.student_fee),
        str(budget.gap),
    ]
    if budget.budget is None and not budget.school_fee:
        section.notes.append(_t("plan.no_fees", lang, year=result.year))
    elif budget.budget is None:
        section.notes.append(_t("plan.no_budget", lang, year=result.year, fees=budget.school_fee))
    else:
        section.notes.append(
            _t("plan.budget_line", lang, year=result.year, budget=budget.budget, fees=budget.school_fee)
        )
        if budget.gap:
            section.notes.append(_t("plan.over_budget", lang, gap=budget.gap))
        else:
            section.notes.append(_t("plan.within_budget", lang, left=budget.budget - budget.school_fee))
    for plan in result.all_colleges:
        if plan.allocation is None:
            continue
        verdict = (
            _t("plan.over_budget", lang, gap=plan.over_allocation)
            if plan.over_allocation
            else _t("plan.within_budget", lang, left=plan.allocation - plan.school_fee)
        )
        name = _t("plan.college_title", lang, name=plan.name, college=plan.id)
        section.notes.append(
            _t(
                "plan.allocation_line",
                lang,
                college=name,
                allocation=plan.allocation,
                fees=plan.school_fee,
                verdict=verdict,
            )
        )
    return section


def assumptions(result: PlanResult, lang: str) -> str:
    settings = result.settings
    levels = ("、" if lang == "zh" else ", ").join(
        _t("plan.study_year", lang, n=n, level=level_name(level, lang))
        for n, level in sorted(settings.cohort_levels.items())
    )
    return _t(
        "plan.assumptions",
        lang,
        levels=levels,
        primary=percent(settings.participation.primary),
        auxiliary=percent(settings.participation.auxiliary),
        retake=percent(settings.retake_rate),
        hours=settings.training_hours_per_module,
    )


def outcome_lines(outcomes: list[DraftOutcome], lang: str) -> list[str]:
    lines: list[str] = []
    for outcome in outcomes:
        lines.append(_t(f"draft.{outcome.action}", lang, file=outcome.file, **outcome.approval))
        for change in outcome.changes:
            lines.append("  - " + render(change.message, change.params, lang))
    return lines


# --- the three formats ------------------------------------------------------------------------


def print_table(
    result: PlanResult, outcomes: list[DraftOutcome] | None, lang: str, console: Any, notes: list[str]
) -> None:
    """A table per college; on a terminal too narrow for one, each row folds into a block of
    `heading  value` lines, and sentences wrap inside the width (as `onex report` does)."""
    from rich.table import Table

    from onex.render.terminal import folded_table, table_fits, wraps

    wrap = {"soft_wrap": not wraps(console)}
    console.print(
        rich_text(_t("plan.title", lang, year=result.year, as_of=result.as_of.isoformat()), "bold"), **wrap
    )
    console.print(rich_text(assumptions(result, lang), "dim"), **wrap)
    for section in sections(result, lang):  # registry text is never read as rich markup
        cells = [*section.rows, *([section.footer] if section.footer else [])]
        if section.rows and wraps(console) and not table_fits(section.headers, cells, console.width):
            console.print(folded_table(section.title, section.headers, section.rows, section.footer), **wrap)
        elif section.rows:
            table = Table(
                title=rich_text(section.title),
                title_justify="left",
                show_footer=section.footer is not None,
                title_style="bold",
            )
            for index, header in enumerate(section.headers):
                footer = section.footer[index] if section.footer else ""
                table.add_column(
                    rich_text(header),
                    footer=rich_text(footer),
                    justify="right" if index in section.numeric else "left",
                )
            for row in section.rows:
                table.add_row(*(rich_text(cell) for cell in row))
            console.print(table, **wrap)
        else:
            console.print(rich_text(section.title, "bold"), **wrap)
        for note in section.notes:
            console.print(rich_text("  " + note), **wrap)
    for line in [*outcome_lines(outcomes or [], lang), *notes]:
        console.print(rich_text(line), **wrap)


def _cell(text: str) -> str:
    return markdown_cell(text)


def _markdown_line(line: str) -> str:
    """An outcome line: the change lines `outcome_lines` indents as a list stay list items."""
    if line.startswith("  - "):
        return "  - " + markdown_line(line[4:])
    return markdown_line(line)


def as_markdown(result: PlanResult, outcomes: list[DraftOutcome] | None, lang: str, notes: list[str]) -> str:
    lines = [
        f"# {markdown_line(_t('plan.title', lang, year=result.year, as_of=result.as_of.isoformat()))}",
        "",
        markdown_line(assumptions(result, lang)),
        "",
    ]
    for section in sections(result, lang):
        lines += [f"## {markdown_line(section.title)}", ""]
        if section.rows:
            lines.append("| " + " | ".join(_cell(h) for h in section.headers) + " |")
            lines.append(
                "|"
                + "|".join("---:" if i in section.numeric else "---" for i in range(len(section.headers)))
                + "|"
            )
            for row in section.rows:
                lines.append("| " + " | ".join(_cell(c) for c in row) + " |")
            if section.footer:
                lines.append("| " + " | ".join(f"**{_cell(c)}**" if c else "" for c in section.footer) + " |")
            lines.append("")
        for note in section.notes:
            lines.append(f"- {markdown_line(note)}")
        if section.notes:
            lines.append("")
    extra = [_markdown_line(line) for line in [*outcome_lines(outcomes or [], lang), *notes]]
    if extra:
        lines += [*extra, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def as_json(result: PlanResult, outcomes: list[DraftOutcome] | None, registry_path: str, lang: str) -> str:
    def teachers(people: list) -> list[dict[str, str]]:
        return [{"id": t.id, "name": t.name} for t in people]

    def college(plan: CollegePlan) -> dict[str, Any]:
        return {
            "college": plan.id,
            "name": plan.name,
            "adopted": plan.adopted,
            "candidates": plan.candidates,
            "school_funded_fees": plan.school_fee,
            "student_paid_fees": plan.student_fee,
            "budget_gap_share": plan.gap_share,
            "items": [
                {
                    "certificate": item.certificate,
                    "certificate_name": item.certificate_name,
                    "level": item.level,
                    "fee": item.fee,
                    "batch": item.batch,
                    "training_hours": item.training_hours,
                    "uncovered_modules": item.uncovered_modules,
                    "candidates": item.candidates,
                    "school_funded": item.school_funded,
                    "school_funded_fees": item.school_fee,
                    "student_paid": item.student_paid,
                    "student_paid_fees": item.student_fee,
                    "majors": [
                        {
                            "major": major.code,
                            "name": major.name,
                            "role": major.role,
                            "cohort": major.cohort,
                            "last_year_non_passers": major.non_passers,
                            "candidates": major.candidates,
                            "school_funded": major.school_funded,
                            "school_funded_fees": major.school_fee,
                            "student_paid": major.student_paid,
                            "student_paid_fees": major.student_fee,
                        }
                        for major in item.majors
                    ],
                }
                for item in plan.items
            ],
            "teachers": [
                {
                    "certificate": gap.certificate,
                    "major": gap.major,
                    "certified": teachers(gap.certified),
                    "recommended": gap.recommended,
                    "missing": gap.missing,
                    "could_train": teachers(gap.could_train),
                    "planned": teachers(gap.planned),
                    "proposed": teachers(gap.proposed),
                }
                for gap in plan.staff
            ],
        }

    budget = result.institution
    data: dict[str, Any] = {
        "registry": registry_path,
        "as_of": result.as_of.isoformat(),
        "year": result.year,
        "assumptions": result.settings.model_dump(mode="json"),
        "colleges": [college(plan) for plan in result.colleges],
        "institution": {
            "school_funded_fees": budget.school_fee,
            "student_paid_fees": budget.student_fee,
            "budget": budget.budget,
            "gap": budget.gap,
            "over_budget": budget.gap > 0,
            "colleges": [
                {
                    "college": p.id,
                    "school_funded_fees": p.school_fee,
                    "student_paid_fees": p.student_fee,
                    "budget_gap_share": p.gap_share,
                    "allocation": p.allocation,
                    "over_allocation": p.over_allocation,
                }
                for p in result.all_colleges
            ],
        },
    }
    if outcomes is not None:
        data["writes"] = [
            {
                "file": o.file,
                "action": o.action,
                "changes": [render(c.message, c.params, lang) for c in o.changes],
            }
            for o in outcomes
        ]
    return json_text(data, indent=2)
