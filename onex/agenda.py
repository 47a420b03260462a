"""`onex agenda`: the duties still open, from `onex.duties` (the definitions the rules use).

An item is listed when its duty is not done and either falls due within `days` after the as-of
date, or is already judged (overdue, a qualification inside its warning window, the budget past
its warning threshold, certificates waiting to be issued). Its file and line are resolved exactly
as `check` resolves the problem its rule reports, so an overdue item and its problem agree.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from onex import duties
from onex import models as m
from onex.dates import add_days
from onex.messages import Text, register, render
from onex.problems import Finding

if TYPE_CHECKING:
    from onex.registry import Registry

DEFAULT_DAYS = 60

MESSAGES = {
    "agenda.plan": {
        "zh": "制定 {college} {year} 年度培训考核计划并报学院领导审批（截止 {due}）：建立 colleges/{college_id}/plans/{year}.yaml"
        "（`onex plan --year {year} --write` 可生成草稿）",
        "en": "draw up the {year} training and exam plan of {college} and have a college leader approve it by {due}: "
        "add colleges/{college_id}/plans/{year}.yaml (`onex plan --year {year} --write` drafts it)",
    },
    "agenda.plan-approval": {
        "zh": "请学院领导在 {due} 前审批 {college} 的 {year} 年度计划，并填写 approval: {{by: …, on: …}}",
        "en": "have a college leader approve the {year} plan of {college} by {due} and record approval: {{by: …, on: …}}",
    },
    "agenda.plan-filing": {
        "zh": "在 {due} 前把 {college} 的 {year} 年度计划录入全国1+X平台，并填写 filed: {{by: …, on: …}}",
        "en": "enter the {year} plan of {college} on the national 1+X platform by {due} and record filed: {{by: …, on: …}}",
    },
    "agenda.plan-aggregation": {
        "zh": "教务处在 {due} 前汇总 {college} 的 {year} 年度计划，并填写 aggregated_on",
        "en": "the office aggregates the {year} plan of {college} by {due}; record aggregated_on",
    },
    "agenda.staff-plan": {
        "zh": "在 {year} 年开始前制订 {college} 的 {year} 年度师资培养计划并报学院领导审批：新建 colleges/{college_id}/staff-plans/{year}.yaml（§4.3.2）",
        "en": "draw up the {year} staff plan of {college} before the year starts and have the college leadership approve it: "
        "add colleges/{college_id}/staff-plans/{year}.yaml (§4.3.2)",
    },
    "agenda.staff-plan-approval": {
        "zh": "请学院领导在 {year} 年开始前审批 {college} 的 {year} 年度师资培养计划，并填写 approval: {{by: …, on: …}}（§4.3.2）",
        "en": "have the college leadership approve the {year} staff plan of {college} before the year starts and record "
        "approval: {{by: …, on: …}} (§4.3.2)",
    },
    "agenda.training-approval": {
        "zh": "请主管院领导在 {start} 开始前审批 {certificate} 考前培训，并填写 approval: {{by: …, on: …}}（§4.5）",
        "en": "have the leader in charge approve the {certificate} training before it starts on {start} and record "
        "approval: {{by: …, on: …}} (§4.5)",
    },
    "agenda.training-inspection": {
        "zh": "教务处在培训期间（{start} 至 {end}）检查 {certificate} 考前培训，并在 inspections 中登记（§4.5）",
        "en": "the office inspects the {certificate} training while it runs ({start} to {end}) and records it under "
        "inspections (§4.5)",
    },
    "agenda.session-approval": {
        "zh": "请主管院领导在 {date} 考核前审批 {certificate} 考核，并填写 approval: {{by: …, on: …}}（§5.2.1）",
        "en": "have the leader in charge approve the {certificate} exam of {date} beforehand and record "
        "approval: {{by: …, on: …}} (§5.2.1)",
    },
    "agenda.session-inspector": {
        "zh": "落实评价组织派出的 {date} {certificate} 考核巡视人员，并在 inspector 中填写（§5.2.2）",
        "en": "arrange the organisation's inspector for the {certificate} exam of {date} and record inspector (§5.2.2)",
    },
    "agenda.results": {
        "zh": "在 {due} 前向教务处上报 {date} {certificate} 考核的结果（考后 {days} 天内），并填写 results_reported_on（§5.2.3）",
        "en": "report the results of the {certificate} exam of {date} to the office by {due} ({days} days after the exam) "
        "and record results_reported_on (§5.2.3)",
    },
    "agenda.certificates": {
        "zh": "平台管理员为 {date} {certificate} 考核的 {passed} 名通过考生签发证书，并填写 certificates_issued: {{by: …, on: …}}（§5.2.3）",
        "en": "the platform administrator issues the certificates of the {passed} candidate(s) who passed the "
        "{certificate} exam of {date}; record certificates_issued: {{by: …, on: …}} (§5.2.3)",
    },
    "agenda.renewal": {
        "zh": "{name}（{instructor}）的 {certificate} {kind}资格 {date} 到期：换证后登记新证书（§4.3.1）",
        "en": "renew the {certificate} {kind} qualification of {name} ({instructor}), which expires on {date}, and record "
        "the new certificate (§4.3.1)",
    },
    "agenda.renewal_unknown_kind": {
        "zh": "{name}（{instructor}）的 {certificate} 资格 {date} 到期：换证后登记新证书（§4.3.1）",
        "en": "renew the {certificate} qualification of {name} ({instructor}), which expires on {date}, and record "
        "the new certificate (§4.3.1)",
    },
    "agenda.waiver": {
        "zh": "{rule} 的豁免 {date} 到期：续期（重新审批并修改 expires_on）或删除它",
        "en": "the waiver of {rule} expires on {date}: renew it (new approval and expires_on) or remove it",
    },
    "agenda.budget.over": {
        "zh": "{year} 年学校支付的报名费 {fees} 元超出预算 {budget} 元：提高 fee_budget 中 {year} 年的预算，或核对考生的专业与在籍状态（§6.1）",
        "en": "school-funded registration fees of {year} ({fees} yuan) exceed the budget of {budget} yuan: raise the "
        "{year} fee_budget, or check the candidates' majors and enrolment (§6.1)",
    },
    "agenda.budget.none": {
        "zh": "{year} 年学校支付的报名费为 {fees} 元，但没有 {year} 年的预算：在 onex.yaml 的 fee_budget 中写上 {year}: <预算金额>（§6.1）",
        "en": "school-funded registration fees of {year} are {fees} yuan and there is no budget for {year}: add "
        "{year}: <amount> to fee_budget in onex.yaml (§6.1)",
    },
    "agenda.budget.near": {
        "zh": "{year} 年学校支付的报名费 {fees} 元已用去预算 {budget} 元的 {percent}%：在再安排学校支付的考核前核对或追加预算（§6.1）",
        "en": "school-funded registration fees of {year} ({fees} yuan) have used {percent}% of the budget of {budget} "
        "yuan: review or raise it before more school-funded exams are scheduled (§6.1)",
    },
    # kinds, as a column shows them
    "agenda.kind.plan": {"zh": "年度计划", "en": "annual plan"},
    "agenda.kind.plan-approval": {"zh": "计划审批", "en": "plan approval"},
    "agenda.kind.plan-filing": {"zh": "计划报平台", "en": "plan filing"},
    "agenda.kind.plan-aggregation": {"zh": "计划汇总", "en": "plan aggregation"},
    "agenda.kind.staff-plan": {"zh": "师资培养计划", "en": "staff plan"},
    "agenda.kind.staff-plan-approval": {"zh": "师资计划审批", "en": "staff plan approval"},
    "agenda.kind.training-approval": {"zh": "培训审批", "en": "training approval"},
    "agenda.kind.training-inspection": {"zh": "培训检查", "en": "training inspection"},
    "agenda.kind.session-approval": {"zh": "考核审批", "en": "exam approval"},
    "agenda.kind.session-inspector": {"zh": "巡视人员", "en": "exam inspector"},
    "agenda.kind.results": {"zh": "结果上报", "en": "results report"},
    "agenda.kind.certificates": {"zh": "证书签发", "en": "certificate issuance"},
    "agenda.kind.renewal": {"zh": "资格换证", "en": "qualification renewal"},
    "agenda.kind.waiver": {"zh": "豁免到期", "en": "waiver expiry"},
    "agenda.kind.budget": {"zh": "报名费预算", "en": "fee budget"},
    # when, relative to the as-of date
    "agenda.when.overdue": {"zh": "逾期 {days} 天", "en": "overdue by {days} day(s)"},
    "agenda.when.today": {"zh": "今天到期", "en": "due today"},
    "agenda.when.soon": {"zh": "还有 {days} 天", "en": "in {days} day(s)"},
    "agenda.when.open": {"zh": "已开始 {days} 天", "en": "open for {days} day(s)"},
    "agenda.overdue_mark": {"zh": "逾期", "en": "overdue"},
    "agenda.waived_mark": {"zh": "（已豁免）", "en": " (waived)"},
    # column headings (the agenda table, the report's upcoming section)
    "agenda.col.due": {"zh": "到期日", "en": "Due"},
    "agenda.col.when": {"zh": "状态", "en": "When"},
    "agenda.col.kind": {"zh": "事项", "en": "Duty"},
    "agenda.col.who": {"zh": "负责人", "en": "Who"},
    "agenda.col.college": {"zh": "学院", "en": "College"},
    "agenda.col.where": {"zh": "位置", "en": "Where"},
    "agenda.col.what": {"zh": "要做什么", "en": "What to do"},
}
register(MESSAGES)

KIND_TEXT = {
    "trainer": Text({"zh": "培训讲师", "en": "trainer"}),
    "examiner": Text({"zh": "考评员", "en": "examiner"}),
}


@dataclass
class Item:
    due: dt.date
    kind: str
    who: tuple[str, ...]
    college: str | None
    file: str
    line: int
    message: str  # message id
    params: dict[str, Any]
    overdue: bool
    rule: str | None  # the rule that reports it once overdue
    uid: str  # stable: kind, file and key path (never the line or the date)
    days: int  # due - as_of (negative: past)
    waived: bool = False  # overdue, and a current waiver in onex.yaml covers the problem `check` reports

    def text(self, lang: str) -> str:
        return render(self.message, self.params, lang)

    def kind_text(self, lang: str) -> str:
        return kind_text(self.kind, lang)

    def when(self, lang: str) -> str:
        return when_text(self.overdue, self.days, lang, self.waived)

    def who_text(self, lang: str) -> str:
        return who_text(self.who, lang)


def kind_text(kind: str, lang: str) -> str:
    return render(f"agenda.kind.{kind}", {}, lang)


def when_text(overdue: bool, days: int, lang: str, waived: bool = False) -> str:
    """When an item falls due, seen from the as-of date (`days` = due - as-of)."""
    if overdue:
        mark = render("agenda.waived_mark", {}, lang) if waived else ""
        return render("agenda.when.overdue", {"days": max(-days, 0)}, lang) + mark
    if days == 0:
        return render("agenda.when.today", {}, lang)
    if days > 0:
        return render("agenda.when.soon", {"days": days}, lang)
    return render("agenda.when.open", {"days": -days}, lang)


def who_text(who: tuple[str, ...] | list[str], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(who)


@dataclass
class Agenda:
    registry: Registry
    as_of: dt.date
    days: int
    items: list[Item] = field(default_factory=list)

    @property
    def overdue(self) -> int:
        return sum(1 for item in self.items if item.overdue)


def _people(registry: Registry, who: str) -> set[str]:
    """The names `--who` stands for: itself (duties name people), and the name of the instructor
    whose staff number it is, in any college (instructors.yaml: `id`)."""
    wanted = _nfc(who)
    names = {wanted}
    for college in registry.colleges.values():
        for instructor in college.instructor_list():
            if _nfc(instructor.id) == wanted and instructor.name:
                names.add(_nfc(instructor.name))
    return names


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def uid(registry: Registry, duty: duties.Duty) -> str:
    """A UID a calendar keeps across re-imports: the institution, the kind, the file and what the
    duty is about (ids, not list indexes), never its line or date."""
    info = registry.settings.institution
    parts = [info.code or info.name, duty.kind, duty.record.file, *(str(part) for part in duty.key)]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32] + "@onex"


def _message(duty: duties.Duty) -> tuple[str, dict[str, Any]]:
    params = dict(duty.params)
    params["due"] = duty.due.isoformat()
    if duty.kind == "budget":
        _year, _fees, budget, _by_college = duty.subject
        variant = "none" if budget is None else ("over" if duty.overdue else "near")
        return f"agenda.budget.{variant}", params
    if duty.kind == "renewal":
        if params["kind"] not in KIND_TEXT:  # broken (REG-002): the renewal is due all the same
            return "agenda.renewal_unknown_kind", params
        params["kind"] = KIND_TEXT[params["kind"]]
    return f"agenda.{duty.kind}", params


def _current_waivers(registry: Registry, context: Any) -> list[m.Waiver]:
    """The waivers of onex.yaml that still apply at the as-of date (WAIVE-001's reading)."""
    record = registry.institution_record
    if record is None or not isinstance(record.model, m.Institution):
        return []
    expired = {duty.path[1] for duty in duties.waiver_expiries(registry, context) if duty.overdue}
    return [waiver for index, waiver in enumerate(record.model.waivers) if index not in expired]


def build_agenda(
    registry: Registry,
    as_of: dt.date,
    days: int = DEFAULT_DAYS,
    who: str | None = None,
    colleges: list[str] | None = None,
) -> Agenda:
    """The open duties at `as_of`: due within `days`, or already judged; optionally only those of
    one person (`who`: a name as the records write it, or an instructor's staff number) or of
    some colleges."""
    from onex.engine import printable, to_problem
    from onex.rules.base import Context
    from onex.rules.waive.waive_001 import waiver_matches

    context = Context(as_of=as_of, policy=registry.policy)
    waivers = _current_waivers(registry, context)
    horizon = add_days(as_of, days)
    wanted = _people(registry, who) if who else None
    items: list[Item] = []
    for duty in duties.all_duties(registry, context, horizon):
        if duty.done or not (duty.judged or duty.due <= horizon):
            continue
        people = [
            person for person in duty.who if isinstance(person, str) and person
        ]  # a broken name is REG-002's
        if wanted is not None and wanted.isdisjoint(_nfc(person) for person in people):
            continue
        message, params = _message(duty)
        # located and made printable exactly as `check` locates and prints the rule's problem
        problem = to_problem(
            duty.rule or "REG-001",
            Finding(
                message, params, record=duty.record, path=duty.path, college=duty.college, severity="warning"
            ),
        )
        if colleges and problem.college not in colleges:
            continue
        items.append(
            Item(
                due=duty.due,
                kind=duty.kind,
                who=tuple(str(printable(person)) for person in people),
                college=problem.college,
                file=problem.file,
                line=problem.line,
                message=message,
                params=problem.params,
                overdue=duty.overdue,
                waived=duty.overdue and any(waiver_matches(waiver, problem) for waiver in waivers),
                rule=duty.rule,
                uid=uid(registry, duty),
                days=(duty.due - as_of).days,
            )
        )
    order = {kind: i for i, kind in enumerate(duties.KINDS)}
    items.sort(key=lambda item: (item.due, order[item.kind], item.file, item.line))
    return Agenda(registry=registry, as_of=as_of, days=days, items=items)
