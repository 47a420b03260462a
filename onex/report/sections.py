"""The report laid out as titled tables and charts in one language: what every format draws.

Nothing here computes a figure: each cell is a field of :class:`onex.report.build.Report`, put
in a row with a *kind* (int, money, rate, …) that tells a format how to write it. Headings,
labels and enum values come from the message catalogue, in Chinese or English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from onex.messages import join, named, register, render
from onex.report.build import ExamRow, FeeRow, Report, TrainingRow

MESSAGES = {
    "report.title": {
        "zh": "{institution} 1+X 证书试点 {year} 年度总结",
        "en": "{institution}: 1+X certificate pilot, summary of {year}",
    },
    "report.meta": {
        "zh": "年度 {year}（考核按考核日期、培训按开始日期计入）· 截至 {as_of} · 持证教师与在用证书按 {day} 计 · 二级学院：{colleges}",
        "en": "Year {year} (sessions by exam date, trainings by start date) · as of {as_of} · certified teachers and active certificates on {day} · colleges: {colleges}",
    },
    "report.all_colleges": {"zh": "全部", "en": "all"},
    "report.status.errors": {
        "zh": "⚠ 登记库有 {errors} 个未解决的错误、{warnings} 个警告（onex check，已豁免 {waived} 个）：报告照常生成，但相关数字可能不准确。",
        "en": "⚠ The registry has {errors} open error(s) and {warnings} warning(s) (onex check; {waived} waived): the report was written all the same, but figures that depend on them may be wrong.",
    },
    "report.status.unread": {
        "zh": "其中 {files} 个文件无法读取或不符合格式：其记录可能全部或部分未计入本报告。",
        "en": "{files} file(s) could not be read or break their schema: their records may be missing from this report, in whole or in part.",
    },
    "report.status.ok": {
        "zh": "✓ 登记库没有未解决的错误（{warnings} 个警告，已豁免 {waived} 个）。",
        "en": "✓ The registry has no open errors ({warnings} warning(s), {waived} waived).",
    },
    "report.institution": {"zh": "全校", "en": "Institution"},
    "report.selected_total": {"zh": "所选学院合计", "en": "Selected colleges"},
    "report.no_college": {"zh": "（无学院）", "en": "(no college)"},
    "report.none": {"zh": "无", "en": "none"},
    "report.yes": {"zh": "是", "en": "yes"},
    # section titles
    "report.section.overview": {"zh": "概览", "en": "Overview"},
    "report.section.certificates": {"zh": "证书", "en": "Certificates"},
    "report.section.teachers": {"zh": "持证教师", "en": "Certified teachers"},
    "report.section.trainings": {"zh": "考前培训", "en": "Pre-exam trainings"},
    "report.section.exams": {"zh": "考核", "en": "Exams"},
    "report.section.pass_rates": {"zh": "通过率（按证书和等级）", "en": "Pass rate by certificate and level"},
    "report.section.fees": {"zh": "考试报名费", "en": "Registration fees"},
    "report.section.budget": {"zh": "报名费预算使用", "en": "Fee budget use"},
    "report.section.problems": {"zh": "未解决的问题（按规则）", "en": "Open problems by rule"},
    "report.section.trend": {"zh": "趋势 {first}–{last}", "en": "Trend {first}–{last}"},
    "report.section.upcoming": {
        "zh": "待办事项（截至 {as_of}：未来 {days} 天及已逾期，详见 onex agenda）",
        "en": "Upcoming duties (as of {as_of}: the next {days} days and what is overdue; see onex agenda)",
    },
    # short names (xlsx sheets)
    "report.sheet.overview": {"zh": "概览", "en": "Overview"},
    "report.sheet.certificates": {"zh": "证书", "en": "Certificates"},
    "report.sheet.teachers": {"zh": "持证教师", "en": "Teachers"},
    "report.sheet.trainings": {"zh": "培训", "en": "Trainings"},
    "report.sheet.exams": {"zh": "考核", "en": "Exams"},
    "report.sheet.pass_rates": {"zh": "通过率", "en": "Pass rates"},
    "report.sheet.fees": {"zh": "报名费", "en": "Fees"},
    "report.sheet.budget": {"zh": "预算", "en": "Budget"},
    "report.sheet.problems": {"zh": "问题", "en": "Problems"},
    "report.sheet.trend": {"zh": "趋势", "en": "Trend"},
    "report.sheet.upcoming": {"zh": "待办", "en": "Upcoming"},
    # notes under a section
    "report.note.teachers": {
        "zh": "专职教师中持有有效培训讲师或考评员资格者（§4.3.1）；最少 {minimum} 人，建议 {recommended} 人。",
        "en": "Full-time teachers with a valid trainer or examiner qualification (§4.3.1); at least {minimum}, recommended {recommended}.",
    },
    "report.note.exams": {
        "zh": "通过率 = 通过 ÷ 实考（名单 − 缺考 − 待定）。已发证书 = 通过且有证书编号的考生。",
        "en": "Pass rate = passed ÷ sat (listed − absent − pending). Certificates issued = passed candidates with a certificate number.",
    },
    "report.note.fees": {
        "zh": "名单上每名考生（含缺考）均需缴纳报名费；在校且专业匹配者由学校支付（§6.2），其余由学生自付（§6.3）。",
        "en": "Every listed candidate owes the fee, absent or not; the school pays for enrolled candidates whose major matches (§6.2), the student pays otherwise (§6.3).",
    },
    "report.note.fee_policy": {
        "zh": "onex.yaml 的 policy.fees 调整了学校支付的范围或金额（补考、年度次数、等级、收费上限）；各项取值见 onex policy。",
        "en": "policy.fees in onex.yaml changes whom or how much the school pays for (re-sits, sittings per year, levels, fee caps); onex policy lists the values.",
    },
    "report.note.allocations": {
        "zh": "二级学院一行的“预算”为 policy.fees.college_allocations 中该学院的额度。",
        "en": "A college's budget is its allocation in policy.fees.college_allocations.",
    },
    "report.note.no_budget": {
        "zh": "onex.yaml 的 fee_budget 中没有 {year} 年的预算。",
        "en": "onex.yaml fee_budget has no budget for {year}.",
    },
    # column headings
    "report.col.figure": {"zh": "项目", "en": "Figure"},
    "report.col.college": {"zh": "二级学院", "en": "College"},
    "report.col.certificate": {"zh": "证书", "en": "Certificate"},
    "report.col.level": {"zh": "等级", "en": "Level"},
    "report.col.levels": {"zh": "等级", "en": "Levels"},
    "report.col.major": {"zh": "专业", "en": "Major"},
    "report.col.majors": {"zh": "专业", "en": "Majors"},
    "report.col.role": {"zh": "主/辅", "en": "Role"},
    "report.col.status": {"zh": "状态", "en": "Status"},
    "report.col.filed_on": {"zh": "备案日期", "en": "Filed on"},
    "report.col.adopted_in_year": {"zh": "本年引入", "en": "Adopted this year"},
    "report.col.retired_on": {"zh": "退出日期", "en": "Retired on"},
    "report.col.retired_in_year": {"zh": "本年退出", "en": "Retired this year"},
    "report.col.certified": {"zh": "持证教师", "en": "Certified"},
    "report.col.teachers": {"zh": "教师", "en": "Teachers"},
    "report.col.minimum": {"zh": "最少", "en": "Minimum"},
    "report.col.recommended": {"zh": "建议", "en": "Recommended"},
    "report.col.standing": {"zh": "达标情况", "en": "Standing"},
    "report.col.trainings": {"zh": "培训次数", "en": "Trainings"},
    "report.col.hours": {"zh": "学时", "en": "Hours"},
    "report.col.participants": {"zh": "参训人次", "en": "Participants"},
    "report.col.inspected": {"zh": "已巡查", "en": "Inspected"},
    "report.col.sessions": {"zh": "考核场次", "en": "Sessions"},
    "report.col.candidates": {"zh": "报名人数", "en": "Candidates"},
    "report.col.absent": {"zh": "缺考", "en": "Absent"},
    "report.col.pending": {"zh": "待定", "en": "Pending"},
    "report.col.sat": {"zh": "实考", "en": "Sat"},
    "report.col.passed": {"zh": "通过", "en": "Passed"},
    "report.col.failed": {"zh": "未通过", "en": "Failed"},
    "report.col.pass_rate": {"zh": "通过率", "en": "Pass rate"},
    "report.col.certificates_issued": {"zh": "已发证书", "en": "Certificates issued"},
    "report.col.own_site_issued": {
        "zh": "本校站点场次（已发证/全部）",
        "en": "Own-site sessions (issued/all)",
    },
    "report.col.fee": {"zh": "单价（元）", "en": "Fee (CNY)"},
    "report.col.school_funded": {"zh": "学校支付人数", "en": "School-funded"},
    "report.col.student_paid": {"zh": "学生自付人数", "en": "Student-paid"},
    "report.col.not_enrolled": {"zh": "其中非在校", "en": "of which not enrolled"},
    "report.col.not_matched": {"zh": "其中专业不匹配", "en": "of which major not matched"},
    "report.col.school_funded_fees": {"zh": "学校支付（元）", "en": "School-funded (CNY)"},
    "report.col.student_paid_fees": {"zh": "学生自付（元）", "en": "Student-paid (CNY)"},
    "report.col.budget": {"zh": "预算（元）", "en": "Budget (CNY)"},
    "report.col.budget_share": {"zh": "预算使用率", "en": "Share of budget"},
    "report.col.remaining": {"zh": "预算余额（元）", "en": "Remaining (CNY)"},
    "report.col.rule": {"zh": "规则", "en": "Rule"},
    "report.col.title": {"zh": "说明", "en": "Title"},
    "report.col.errors": {"zh": "错误", "en": "Errors"},
    "report.col.warnings": {"zh": "警告", "en": "Warnings"},
    "report.col.year": {"zh": "年度", "en": "Year"},
    # overview figures
    "report.fig.active_certificates": {"zh": "在用证书", "en": "Active certificates"},
    "report.fig.adopted": {"zh": "本年引入证书", "en": "Certificates adopted this year"},
    "report.fig.retired": {"zh": "本年退出证书", "en": "Certificates retired this year"},
    "report.fig.pairs": {"zh": "专业–证书组合", "en": "Major–certificate pairs"},
    "report.fig.pairs_below_minimum": {
        "zh": "持证教师不足最少人数的组合",
        "en": "Pairs below the minimum of certified teachers",
    },
    "report.fig.pairs_below_recommended": {
        "zh": "持证教师未达建议人数的组合",
        "en": "Pairs below the recommended count",
    },
    "report.fig.trainings": {"zh": "考前培训次数", "en": "Pre-exam trainings"},
    "report.fig.training_hours": {"zh": "培训学时", "en": "Training hours"},
    "report.fig.participants": {"zh": "参训人次", "en": "Training participants"},
    "report.fig.trainings_inspected": {"zh": "已巡查的培训", "en": "Trainings inspected"},
    "report.fig.sessions": {"zh": "考核场次", "en": "Exam sessions"},
    "report.fig.candidates": {"zh": "报名人数", "en": "Candidates listed"},
    "report.fig.absent": {"zh": "缺考", "en": "Absent"},
    "report.fig.sat": {"zh": "实考", "en": "Sat"},
    "report.fig.passed": {"zh": "通过", "en": "Passed"},
    "report.fig.pass_rate": {"zh": "通过率", "en": "Pass rate"},
    "report.fig.certificates_issued": {"zh": "已发证书", "en": "Certificates issued"},
    "report.fig.school_funded_fees": {"zh": "学校支付报名费（元）", "en": "School-funded fees (CNY)"},
    "report.fig.student_paid_fees": {"zh": "学生自付报名费（元）", "en": "Student-paid fees (CNY)"},
    "report.fig.budget_share": {"zh": "占全校预算", "en": "Share of the fee budget"},
    "report.fig.open_errors": {"zh": "未解决的错误", "en": "Open errors"},
    "report.fig.open_warnings": {"zh": "未解决的警告", "en": "Open warnings"},
    # values
    "report.level.junior": {"zh": "初级", "en": "junior"},
    "report.level.intermediate": {"zh": "中级", "en": "intermediate"},
    "report.level.senior": {"zh": "高级", "en": "senior"},
    "report.role.primary": {"zh": "主", "en": "primary"},
    "report.role.auxiliary": {"zh": "辅", "en": "auxiliary"},
    "report.active": {"zh": "在用", "en": "active"},
    "report.inactive": {"zh": "退出", "en": "retired"},
    "report.standing.below_minimum": {"zh": "不足最少人数", "en": "below minimum"},
    "report.standing.below_recommended": {"zh": "未达建议人数", "en": "below recommended"},
    "report.standing.ok": {"zh": "达标", "en": "ok"},
    # charts
    "report.chart.pass_rate": {"zh": "通过率（按证书和等级）", "en": "Pass rate by certificate and level"},
    "report.chart.budget": {"zh": "{year} 年报名费预算使用率", "en": "Use of the {year} fee budget"},
    "report.chart.trend_pass_rate": {"zh": "通过率趋势", "en": "Pass rate over the years"},
    "report.chart.trend_spend": {
        "zh": "学校支付报名费趋势（元）",
        "en": "School-funded fees over the years (CNY)",
    },
}
register(MESSAGES)

# How a format writes a cell: text as is, int, money (CNY), rate (0..1), hours, date, flag (bool).
KINDS = ("text", "int", "money", "rate", "hours", "date", "flag")


@dataclass
class Column:
    heading: str
    kind: str = "text"


@dataclass
class Table:
    id: str  # a section id: overview, certificates, …
    title: str
    columns: list[Column]
    rows: list[list[Any]]
    total: list[Any] | None = None  # the institution's row, set apart
    notes: list[str] = field(default_factory=list)
    row_kinds: list[str] | None = None  # per row kind of every cell but the first (overview)
    lang: str = "zh"

    @property
    def sheet(self) -> str:
        """A short name (an xlsx sheet's name is at most 31 characters)."""
        return render(f"report.sheet.{self.id}", {}, self.lang)

    def kind(self, row: int | None, column: int) -> str:
        """The kind of a cell; `row` None is the total row."""
        if self.row_kinds is not None and column > 0 and row is not None:
            return self.row_kinds[row]
        return self.columns[column].kind


@dataclass
class Chart:
    id: str
    table: str  # the section it illustrates (its xlsx sheet)
    title: str
    kind: str  # "bar" (horizontal) | "line"
    categories: list[str]
    series: list[tuple[str, list[float | int | None]]]
    value: str  # "rate" | "money"
    total: str | None = None  # the category (bar) or series (line) that is the institution's total
    reference: str | None = None  # a series drawn as a reference line (the budget)


@dataclass
class Document:
    title: str
    meta: str
    status: list[str]
    has_errors: bool
    tables: list[Table]
    charts: list[Chart]


def _t(message_id: str, lang: str, **params: Any) -> str:
    return render(message_id, params, lang)


def _cols(lang: str, *specs: tuple[str, str]) -> list[Column]:
    return [Column(_t(f"report.col.{key}", lang), kind) for key, kind in specs]


def _level(level: str, lang: str) -> str:
    return _t(f"report.level.{level}", lang) if level else ""


def _cert_level(name: str, level: str, lang: str) -> str:
    return f"{name} {_level(level, lang)}".strip()


OVERVIEW = (
    ("active_certificates", "int"),
    ("adopted", "int"),
    ("retired", "int"),
    ("pairs", "int"),
    ("pairs_below_minimum", "int"),
    ("pairs_below_recommended", "int"),
    ("trainings", "int"),
    ("training_hours", "hours"),
    ("participants", "int"),
    ("trainings_inspected", "int"),
    ("sessions", "int"),
    ("candidates", "int"),
    ("absent", "int"),
    ("sat", "int"),
    ("passed", "int"),
    ("pass_rate", "rate"),
    ("certificates_issued", "int"),
    ("school_funded_fees", "money"),
    ("student_paid_fees", "money"),
    ("budget_share", "rate"),
    ("open_errors", "int"),
    ("open_warnings", "int"),
)


def document(report: Report, lang: str) -> Document:
    total_label = _t("report.selected_total" if report.selected else "report.institution", lang)
    status = report.status
    if status.errors:
        lines = [
            _t(
                "report.status.errors",
                lang,
                errors=status.errors,
                warnings=status.warnings,
                waived=status.waived,
            )
        ]
        if status.unread_files:
            lines.append(_t("report.status.unread", lang, files=status.unread_files))
    else:
        lines = [_t("report.status.ok", lang, warnings=status.warnings, waived=status.waived)]
    colleges = (
        join([c.name for c in report.colleges], lang) if report.selected else _t("report.all_colleges", lang)
    )
    meta = _t(
        "report.meta",
        lang,
        year=report.year,
        as_of=report.as_of.isoformat(),
        day=report.reference_day.isoformat(),
        colleges=colleges,
    )
    tables = [
        overview(report, lang, total_label),
        certificates(report, lang),
        teachers(report, lang),
        trainings(report, lang, total_label),
        exams(report, lang, total_label),
        pass_rates(report, lang),
        fees(report, lang, total_label),
        budget(report, lang, total_label),
        problems(report, lang),
    ]
    if report.trend:
        tables.append(trend(report, lang, total_label))
    tables.append(upcoming(report, lang))
    for table in tables:
        table.lang = lang
    return Document(
        title=_t("report.title", lang, institution=report.institution, year=report.year),
        meta=meta,
        status=lines,
        has_errors=bool(status.errors),
        tables=tables,
        charts=charts(report, lang, total_label),
    )


def overview(report: Report, lang: str, total_label: str) -> Table:
    columns = [Column(_t("report.col.figure", lang))]
    columns += [Column(c.name, "int") for c in report.colleges] + [Column(total_label, "int")]
    rows = []
    for name, _kind in OVERVIEW:
        values = [getattr(c.totals, name) for c in report.colleges] + [getattr(report.total, name)]
        rows.append([_t(f"report.fig.{name}", lang), *values])
    return Table(
        "overview", _t("report.section.overview", lang), columns, rows, row_kinds=[k for _n, k in OVERVIEW]
    )


def certificates(report: Report, lang: str) -> Table:
    columns = _cols(
        lang,
        ("college", "text"),
        ("certificate", "text"),
        ("status", "text"),
        ("levels", "text"),
        ("majors", "text"),
        ("filed_on", "date"),
        ("adopted_in_year", "flag"),
        ("retired_on", "date"),
        ("retired_in_year", "flag"),
    )
    rows = [
        [
            r.college_name,
            r.certificate_name,
            _t("report.active" if r.active else "report.inactive", lang),
            join([_level(level, lang) for level in r.levels], lang),
            join(r.majors, lang),
            r.filed_on,
            r.adopted_in_year,
            r.retired_on,
            r.retired_in_year,
        ]
        for r in report.certificates
    ]
    return Table("certificates", _t("report.section.certificates", lang), columns, rows)


def teachers(report: Report, lang: str) -> Table:
    columns = _cols(
        lang,
        ("college", "text"),
        ("major", "text"),
        ("certificate", "text"),
        ("role", "text"),
        ("certified", "int"),
        ("minimum", "int"),
        ("recommended", "int"),
        ("standing", "text"),
        ("teachers", "text"),
    )
    rows = [
        [
            r.college_name,
            named(r.major_name, r.major, lang),
            r.certificate_name,
            _t(f"report.role.{r.role}", lang),
            r.certified,
            r.minimum,
            r.recommended,
            _t(f"report.standing.{r.standing}", lang),
            join(r.teachers, lang),
        ]
        for r in report.teachers
    ]
    note = _t("report.note.teachers", lang, minimum=report.minimum, recommended=report.recommended)
    return Table("teachers", _t("report.section.teachers", lang), columns, rows, notes=[note])


def trainings(report: Report, lang: str, total_label: str) -> Table:
    columns = _cols(
        lang,
        ("college", "text"),
        ("certificate", "text"),
        ("trainings", "int"),
        ("hours", "hours"),
        ("participants", "int"),
        ("inspected", "int"),
    )

    def cells(r: TrainingRow) -> list[Any]:
        return [r.trainings, r.hours, r.participants, r.inspected]

    rows = [[r.college_name, r.certificate_name, *cells(r)] for r in report.trainings]
    total = [total_label, "", *cells(report.trainings_total)]
    return Table("trainings", _t("report.section.trainings", lang), columns, rows, total)


def _exam_cells(r: ExamRow) -> list[Any]:
    return [
        r.sessions,
        r.candidates,
        r.absent,
        r.pending,
        r.sat,
        r.passed,
        r.failed,
        r.pass_rate,
        r.certificates_issued,
    ]


EXAM_COLUMNS = (
    ("sessions", "int"),
    ("candidates", "int"),
    ("absent", "int"),
    ("pending", "int"),
    ("sat", "int"),
    ("passed", "int"),
    ("failed", "int"),
    ("pass_rate", "rate"),
    ("certificates_issued", "int"),
)


def exams(report: Report, lang: str, total_label: str) -> Table:
    columns = _cols(
        lang,
        ("college", "text"),
        ("certificate", "text"),
        ("level", "text"),
        *EXAM_COLUMNS,
        ("own_site_issued", "text"),
    )

    def own_site(r: ExamRow) -> str:
        return f"{r.own_site_sessions_issued}/{r.own_site_sessions}"

    rows = [
        [r.college_name, r.certificate_name, _level(r.level, lang), *_exam_cells(r), own_site(r)]
        for r in report.exams
    ]
    t = report.exams_total
    total = [total_label, "", "", *_exam_cells(t), own_site(t)]
    return Table(
        "exams", _t("report.section.exams", lang), columns, rows, total, notes=[_t("report.note.exams", lang)]
    )


def pass_rates(report: Report, lang: str) -> Table:
    columns = _cols(lang, ("certificate", "text"), ("level", "text"), *EXAM_COLUMNS)
    rows = [[r.certificate_name, _level(r.level, lang), *_exam_cells(r)] for r in report.pass_rates]
    return Table("pass_rates", _t("report.section.pass_rates", lang), columns, rows)


def fees(report: Report, lang: str, total_label: str) -> Table:
    columns = _cols(
        lang,
        ("college", "text"),
        ("certificate", "text"),
        ("level", "text"),
        ("fee", "money"),
        ("candidates", "int"),
        ("school_funded", "int"),
        ("student_paid", "int"),
        ("not_enrolled", "int"),
        ("not_matched", "int"),
        ("school_funded_fees", "money"),
        ("student_paid_fees", "money"),
    )

    def cells(r: FeeRow) -> list[Any]:
        return [
            r.candidates,
            r.school_funded,
            r.student_paid,
            r.not_enrolled,
            r.not_matched,
            r.school_funded_fees,
            r.student_paid_fees,
        ]

    rows = [
        [r.college_name, r.certificate_name, _level(r.level, lang), r.fee, *cells(r)] for r in report.fees
    ]
    total = [total_label, "", "", None, *cells(report.fees_total)]
    return Table(
        "fees", _t("report.section.fees", lang), columns, rows, total, notes=_fee_notes(report, lang)
    )


def _fee_notes(report: Report, lang: str) -> list[str]:
    notes = [_t("report.note.fees", lang)]
    if report.fee_policy_changed:
        notes.append(_t("report.note.fee_policy", lang))
    return notes


def budget(report: Report, lang: str, total_label: str) -> Table:
    columns = _cols(
        lang,
        ("college", "text"),
        ("school_funded_fees", "money"),
        ("student_paid_fees", "money"),
        ("budget", "money"),
        ("budget_share", "rate"),
        ("remaining", "money"),
    )
    b = report.budget
    rows = [
        [r.college_name, r.school_funded_fees, r.student_paid_fees, r.allocation, r.share, r.remaining]
        for r in b.by_college
    ]
    total = [total_label, b.school_funded_fees, b.student_paid_fees, b.budget, b.share, b.remaining]
    notes = [] if b.budget is not None else [_t("report.note.no_budget", lang, year=b.year)]
    if any(r.allocation is not None for r in b.by_college):
        notes.append(_t("report.note.allocations", lang))
    return Table("budget", _t("report.section.budget", lang), columns, rows, total, notes=notes)


def _college_name(report: Report, college: str, lang: str) -> str:
    if not college:
        return _t("report.no_college", lang)
    return next((c.name for c in report.colleges if c.college == college), college)


def upcoming(report: Report, lang: str) -> Table:
    """The open duties of `onex agenda` at the as-of date, in its order."""
    from onex.agenda import DEFAULT_DAYS, kind_text, when_text, who_text

    columns = [
        Column(_t(f"agenda.col.{key}", lang), "date" if key == "due" else "text")
        for key in ("due", "when", "kind", "who", "college", "where", "what")
    ]
    rows = [
        [
            r.due,
            when_text(r.overdue, r.days, lang),
            kind_text(r.kind, lang),
            who_text(r.who, lang),
            _college_name(report, r.college, lang) if r.college else "",
            f"{r.file}:{r.line}",
            r.text[lang],
        ]
        for r in report.upcoming
    ]
    title = _t("report.section.upcoming", lang, as_of=report.as_of.isoformat(), days=DEFAULT_DAYS)
    return Table("upcoming", title, columns, rows)


def problems(report: Report, lang: str) -> Table:
    from onex.rules import BY_ID

    columns = _cols(lang, ("rule", "text"), ("title", "text"), ("errors", "int"), ("warnings", "int"))
    columns += [Column(_college_name(report, c, lang), "int") for c in report.problem_colleges]
    rows = []
    for r in report.problems:
        rule = BY_ID.get(r.rule)
        title = rule.title[lang] if rule else ""
        rows.append(
            [r.rule, title, r.errors, r.warnings, *(r.by_college[c] for c in report.problem_colleges)]
        )
    return Table("problems", _t("report.section.problems", lang), columns, rows)


def trend(report: Report, lang: str, total_label: str) -> Table:
    assert report.trend is not None
    columns = _cols(
        lang,
        ("certificate", "text"),
        ("year", "text"),
        ("candidates", "int"),
        ("sat", "int"),
        ("passed", "int"),
        ("pass_rate", "rate"),
        ("school_funded_fees", "money"),
        ("budget", "money"),
        ("budget_share", "rate"),
    )
    rows = [
        [
            r.certificate_name,
            str(r.year),
            r.candidates,
            r.sat,
            r.passed,
            r.pass_rate,
            r.school_funded_fees,
            None,
            None,
        ]
        for r in report.trend.rows
    ]
    rows += [
        [
            total_label,
            str(r.year),
            r.candidates,
            r.sat,
            r.passed,
            r.pass_rate,
            r.school_funded_fees,
            r.budget,
            r.budget_share,
        ]
        for r in report.trend.institution
    ]
    title = _t("report.section.trend", lang, first=report.trend.first, last=report.trend.last)
    return Table("trend", title, columns, rows)


def charts(report: Report, lang: str, total_label: str) -> list[Chart]:
    out = []
    if report.pass_rates:
        out.append(
            Chart(
                id="pass_rate",
                table="pass_rates",
                title=_t("report.chart.pass_rate", lang),
                kind="bar",
                categories=[_cert_level(r.certificate_name, r.level, lang) for r in report.pass_rates],
                series=[(_t("report.col.pass_rate", lang), [r.pass_rate for r in report.pass_rates])],
                value="rate",
            )
        )
    b = report.budget
    if b.budget:
        out.append(
            Chart(
                id="budget",
                table="budget",
                title=_t("report.chart.budget", lang, year=b.year),
                kind="bar",
                categories=[r.college_name for r in b.by_college] + [total_label],
                series=[(_t("report.col.budget_share", lang), [r.share for r in b.by_college] + [b.share])],
                value="rate",
                total=total_label,
            )
        )
    if report.trend and report.trend.rows:
        t = report.trend
        years = [str(y) for y in range(t.first, t.last + 1)]
        by_cert: dict[str, list] = {}
        spend: dict[str, list] = {}
        for r in t.rows:
            by_cert.setdefault(r.certificate_name, []).append(r.pass_rate)
            spend.setdefault(r.certificate_name, []).append(r.school_funded_fees)
        spend[total_label] = [r.school_funded_fees for r in t.institution]
        budget_label = _t("report.col.budget", lang)
        if any(r.budget is not None for r in t.institution):
            spend[budget_label] = [r.budget for r in t.institution]
        out.append(
            Chart(
                "trend_pass_rate",
                "trend",
                _t("report.chart.trend_pass_rate", lang),
                "line",
                years,
                list(by_cert.items()),
                "rate",
            )
        )
        out.append(
            Chart(
                "trend_spend",
                "trend",
                _t("report.chart.trend_spend", lang),
                "line",
                years,
                list(spend.items()),
                "money",
                total_label,
                budget_label,
            )
        )
    return out


def cell_text(value: Any, kind: str) -> str:
    """A cell as people read it (table, markdown, html); "—" when there is no value."""
    if value is None:
        return "—"
    if kind == "rate":
        # rates are kept to 4 decimals: round their decimal text half-up, once
        percent = (Decimal(str(value)) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        return f"{percent}%"
    if kind == "money":
        return f"{value:,}"
    if kind == "hours":
        return f"{value:g}"
    if kind == "flag":
        return "✓" if value else ""
    if kind == "date":
        return value.isoformat()
    return str(value)
