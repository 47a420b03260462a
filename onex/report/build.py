"""The annual report (§7.3) as plain numbers: the single source every format renders.

`build_report` reads the loaded, indexed registry (the same one `onex check` reads) and the
problems of the same engine; it never reads a file and never formats. Every figure a format
shows is a field here, computed once: a format may lay figures out, never derive one.
Definitions (the year, the reference day, pass rate, fees) are in docs/report.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from onex import fees as fee_policy
from onex import models as m
from onex.engine import check
from onex.problems import Problem
from onex.registry import CollegeRecords, Registry, candidates_once, majors_once

LEVEL_ORDER = {"junior": 0, "intermediate": 1, "senior": 2}


def rate(part: int | float, whole: int | float | None) -> float | None:
    """part / whole rounded to 4 decimals; None when there is nothing to divide by, or when the
    quotient is past any float (a registry number past every sane bound: REG-002 reports it)."""
    if not whole:
        return None
    try:
        return round(part / whole, 4)
    except OverflowError:
        return None


# --- the figures -----------------------------------------------------------------------------


@dataclass
class Status:
    """What `onex check` says about the whole registry at the as-of date (unwaived counts)."""

    errors: int = 0
    warnings: int = 0
    waived: int = 0
    files: int = 0
    unread_files: int = 0  # files with REG-001/REG-002 errors: their figures may be missing


@dataclass
class Totals:
    """The key figures of one college, or of the institution (the sum over the colleges shown)."""

    active_certificates: int = 0
    adopted: int = 0
    retired: int = 0
    pairs: int = 0  # (major, active certificate) pairs
    pairs_below_minimum: int = 0
    pairs_below_recommended: int = 0  # at least the minimum, below the recommended count
    trainings: int = 0
    training_hours: float = 0
    participants: int = 0
    trainings_inspected: int = 0
    sessions: int = 0
    candidates: int = 0
    absent: int = 0
    pending: int = 0
    sat: int = 0
    passed: int = 0
    pass_rate: float | None = None
    certificates_issued: int = 0
    school_funded_fees: int = 0
    student_paid_fees: int = 0
    budget_share: float | None = None
    open_errors: int = 0
    open_warnings: int = 0


@dataclass
class CollegeSummary:
    college: str
    name: str
    totals: Totals


@dataclass
class CertificateRow:
    college: str
    college_name: str
    certificate: str
    certificate_name: str
    active: bool  # on the reference day
    filed_on: dt.date | None
    retired_on: dt.date | None
    adopted_in_year: bool
    retired_in_year: bool
    levels: list[str]
    majors: list[str]


@dataclass
class TeacherRow:
    college: str
    college_name: str
    major: str
    major_name: str
    certificate: str
    certificate_name: str
    role: str
    certified: int
    teachers: list[str]
    minimum: int
    recommended: int
    standing: str  # "below_minimum" | "below_recommended" | "ok"


@dataclass
class TrainingRow:
    college: str
    college_name: str
    certificate: str
    certificate_name: str
    trainings: int = 0
    hours: float = 0
    participants: int = 0
    inspected: int = 0


@dataclass
class ExamRow:
    college: str  # "" on the institution's rows by certificate and level
    college_name: str
    certificate: str
    certificate_name: str
    level: str
    sessions: int = 0
    candidates: int = 0  # listed
    absent: int = 0
    pending: int = 0
    sat: int = 0  # listed - absent - pending
    passed: int = 0
    failed: int = 0
    pass_rate: float | None = None  # passed / sat
    certificates_issued: int = 0  # passed candidates with a certificate_no
    own_site_sessions: int = 0
    own_site_sessions_issued: int = 0  # own-site sessions with `certificates_issued` recorded


@dataclass
class FeeRow:
    college: str
    college_name: str
    certificate: str
    certificate_name: str
    level: str
    fee: int | None  # the organisation's fee of the level; None when the catalogue has none
    candidates: int = 0  # every listed candidate owes the fee, absent or not
    school_funded: int = 0
    student_paid: int = 0
    not_enrolled: int = 0  # student-paid because not enrolled
    not_matched: int = 0  # student-paid because no active adoption lists the major (may overlap)
    by_fee_policy: int = 0  # student-paid only because a policy.fees knob says so (onex.fees)
    school_funded_fees: int = 0
    student_paid_fees: int = 0


@dataclass
class BudgetRow:
    college: str
    college_name: str
    school_funded_fees: int
    student_paid_fees: int
    share: float | None  # of the institution's budget of the year
    allocation: int | None = None  # policy.fees.college_allocations (None: the college has none)
    remaining: int | None = None  # of its allocation; negative when over it


@dataclass
class Budget:
    year: int
    budget: int | None  # onex.yaml fee_budget[year]
    school_funded_fees: int
    student_paid_fees: int
    share: float | None
    remaining: int | None  # negative when over budget
    by_college: list[BudgetRow] = field(default_factory=list)


@dataclass
class ProblemRow:
    rule: str
    errors: int
    warnings: int
    by_college: dict[str, int]  # college id ("" when the problem has no college) -> open problems


@dataclass
class TrendRow:
    certificate: str  # "" on the institution's row of the year
    certificate_name: str
    year: int
    candidates: int = 0
    sat: int = 0
    passed: int = 0
    pass_rate: float | None = None
    school_funded_fees: int = 0
    budget: int | None = None  # institution rows only
    budget_share: float | None = None  # institution rows only


@dataclass
class Trend:
    first: int
    last: int
    rows: list[TrendRow]  # by certificate, then year
    institution: list[TrendRow]  # by year


@dataclass
class UpcomingRow:
    """An open duty of `onex agenda` (within its default 60 days of the as-of date, or overdue)."""

    due: dt.date
    kind: str
    who: list[str]
    college: str | None
    file: str
    line: int
    overdue: bool
    days: int  # due - as_of
    text: dict[str, str]  # what to do, zh and en


@dataclass
class Report:
    institution: str
    registry: str
    year: int
    as_of: dt.date
    reference_day: dt.date  # the as-of date, or Dec 31 of the year when that is earlier
    selected: list[str]  # the --college filter ([] = every college)
    status: Status
    colleges: list[CollegeSummary]
    total: Totals
    minimum: int
    recommended: int
    certificates: list[CertificateRow]
    teachers: list[TeacherRow]
    trainings: list[TrainingRow]
    trainings_total: TrainingRow
    exams: list[ExamRow]
    exams_total: ExamRow
    pass_rates: list[ExamRow]  # the institution (colleges shown) by certificate and level
    fees: list[FeeRow]
    fees_total: FeeRow
    budget: Budget
    problems: list[ProblemRow]
    problem_colleges: list[str]  # the columns of the problems table
    trend: Trend | None = None
    upcoming: list[UpcomingRow] = field(default_factory=list)
    fee_policy_changed: bool = False  # policy.fees differs from the defaults (docs/policy.md)


# --- building ---------------------------------------------------------------------------------


def reference_day(year: int, as_of: dt.date) -> dt.date:
    return min(as_of, dt.date(year, 12, 31))


def active_on(adoption: m.Adoption, day: dt.date) -> bool:
    """Filed by `day` and not retired by then. A `retired` adoption without `retired_on` (CERT-002)
    counts as retired all along; one with no `filed_on` (CERT-001) as filed all along."""
    if adoption.filed_on is not None and adoption.filed_on > day:
        return False
    if adoption.status == "retired":
        return adoption.retired_on is not None and adoption.retired_on > day
    return adoption.retired_on is None or adoption.retired_on > day


def relevant_in(adoption: m.Adoption, year: int) -> bool:
    """The adoption was active at some point of the year, or was adopted or retired in it."""
    filed = adoption.filed_on
    if filed is not None and filed.year > year:
        return False
    if adoption.retired_on is not None and adoption.retired_on.year < year:
        return False
    return adoption.status == "active" or adoption.retired_on is not None


def _level_key(level: str | None) -> tuple[int, str]:
    return (LEVEL_ORDER.get(level or "", 9), level or "")


def _unknown_last(code: str | None) -> tuple[bool, str]:
    """Sort key of a certificate id that may be unknown (REG-002 salvaged it): after the others."""
    return (code is None, code or "")


def _count_exam(row: ExamRow, session: m.Session, own_site: bool) -> None:
    row.sessions += 1
    row.own_site_sessions += own_site
    row.own_site_sessions_issued += own_site and session.certificates_issued is not None
    for candidate in candidates_once(session):  # a student listed twice sat once (REG-003)
        row.candidates += 1
        row.absent += candidate.result == "absent"
        row.pending += candidate.result == "pending"
        row.passed += candidate.result == "pass"
        row.failed += candidate.result == "fail"
        row.certificates_issued += candidate.result == "pass" and bool(candidate.certificate_no)


def _finish_exam(row: ExamRow) -> ExamRow:
    row.sat = row.candidates - row.absent - row.pending
    row.pass_rate = rate(row.passed, row.sat)
    return row


def _add(target: object, source: object, names: Iterable[str]) -> None:
    for name in names:
        setattr(target, name, getattr(target, name) + getattr(source, name))


EXAM_COUNTS = (
    "sessions",
    "candidates",
    "absent",
    "pending",
    "passed",
    "failed",
    "certificates_issued",
    "own_site_sessions",
    "own_site_sessions_issued",
)
FEE_COUNTS = (
    "candidates",
    "school_funded",
    "student_paid",
    "not_enrolled",
    "not_matched",
    "by_fee_policy",
    "school_funded_fees",
    "student_paid_fees",
)
BY_FEE_POLICY = frozenset({fee_policy.LEVEL_NOT_FUNDED, fee_policy.RESIT, fee_policy.YEARLY_LIMIT})
TOTAL_COUNTS = tuple(
    name for name in Totals.__dataclass_fields__ if name not in ("pass_rate", "budget_share")
)


class _Builder:
    def __init__(self, registry: Registry, year: int, as_of: dt.date, colleges: list[str] | None) -> None:
        self.registry = registry
        self.year = year
        self.as_of = as_of
        self.day = reference_day(year, as_of)
        self.selected = list(colleges or [])
        wanted = set(self.selected)
        self.colleges = [c for c in registry.college_list() if not wanted or c.id in wanted]
        self.policy = registry.policy
        self.budgets = registry.settings.fee_budget

    # each section returns its rows and adds its key figures to `totals[college]`

    def certificates(self, totals: dict[str, Totals]) -> list[CertificateRow]:
        rows = []
        for college in self.colleges:
            for cert, _record, adoption in sorted(college.valid_adoptions(), key=lambda t: t[0]):
                if not relevant_in(adoption, self.year):
                    continue
                row = CertificateRow(
                    college=college.id,
                    college_name=college.name,
                    certificate=cert,
                    certificate_name=self.registry.certificate_name(cert),
                    active=active_on(adoption, self.day),
                    filed_on=adoption.filed_on,
                    retired_on=adoption.retired_on,
                    adopted_in_year=adoption.filed_on is not None and adoption.filed_on.year == self.year,
                    retired_in_year=adoption.retired_on is not None and adoption.retired_on.year == self.year,
                    levels=sorted(adoption.levels, key=_level_key),
                    majors=[major.code for major in adoption.majors],
                )
                rows.append(row)
                figures = totals[college.id]
                figures.active_certificates += row.active
                figures.adopted += row.adopted_in_year
                figures.retired += row.retired_in_year
        return rows

    def teachers(self, totals: dict[str, Totals]) -> list[TeacherRow]:
        minimum = self.policy.min_certified_per_major
        recommended = self.policy.recommended_certified_per_major
        rows = []
        for college in self.colleges:
            for cert, record, adoption in sorted(college.valid_adoptions(), key=lambda t: t[0]):
                if not active_on(adoption, self.day):
                    continue
                for index, major in majors_once(adoption):
                    if not self.registry.teachers_countable(college, record, index):
                        continue  # unknown: check says why (REG-001/002/004), STAFF-001/002 say nothing
                    teachers = self.registry.certified_teachers(college.id, major.code, cert, self.day)
                    count = len(teachers)
                    standing = (
                        "below_minimum"
                        if count < minimum
                        else "below_recommended"
                        if count < recommended
                        else "ok"
                    )
                    major_model = college.majors_by_code.get(major.code)
                    rows.append(
                        TeacherRow(
                            college=college.id,
                            college_name=college.name,
                            major=major.code,
                            major_name=major_model.name
                            if major_model
                            else self.registry.major_name(major.code),
                            certificate=cert,
                            certificate_name=self.registry.certificate_name(cert),
                            role=major.role,
                            certified=count,
                            teachers=[t.name for t in teachers],  # as instructors.yaml lists them
                            minimum=minimum,
                            recommended=recommended,
                            standing=standing,
                        )
                    )
                    figures = totals[college.id]
                    figures.pairs += 1
                    figures.pairs_below_minimum += standing == "below_minimum"
                    figures.pairs_below_recommended += standing == "below_recommended"
        return rows

    def trainings(self, totals: dict[str, Totals]) -> tuple[list[TrainingRow], TrainingRow]:
        rows = []
        total = TrainingRow("", "", "", "")
        for college in self.colleges:
            by_cert: dict[str, TrainingRow] = {}
            for record in college.valid_records(college.trainings):
                training: m.Training = record.model  # type: ignore[assignment]
                if training.start is None or training.start.year != self.year:
                    continue
                row = by_cert.get(training.certificate)
                if row is None:
                    name = self.registry.certificate_name(training.certificate)
                    row = by_cert[training.certificate] = TrainingRow(
                        college.id, college.name, training.certificate, name
                    )
                row.trainings += 1
                row.hours += training.hours or 0
                row.participants += training.participants or 0
                row.inspected += bool(training.inspections)
            for cert in sorted(by_cert, key=_unknown_last):
                row = by_cert[cert]
                rows.append(row)
                _add(total, row, ("trainings", "hours", "participants", "inspected"))
                figures = totals[college.id]
                figures.trainings += row.trainings
                figures.training_hours += row.hours
                figures.participants += row.participants
                figures.trainings_inspected += row.inspected
        return rows, total

    def sessions_of_year(self, college: CollegeRecords, year: int) -> list[m.Session]:
        sessions = [r.model for r in college.valid_records(college.sessions)]
        return [s for s in sessions if s.date is not None and s.date.year == year]

    def exams(self, totals: dict[str, Totals]) -> tuple[list[ExamRow], ExamRow, list[ExamRow]]:
        rows = []
        total = ExamRow("", "", "", "", "")
        by_level: dict[tuple[str, str], ExamRow] = {}
        own_sites = self.registry.exam_site_ids
        for college in self.colleges:
            by_key: dict[tuple[str, str], ExamRow] = {}
            for session in self.sessions_of_year(college, self.year):
                key = (session.certificate, session.level)
                name = self.registry.certificate_name(session.certificate)
                row = by_key.get(key)
                if row is None:
                    row = by_key[key] = ExamRow(
                        college.id, college.name, session.certificate, name, session.level
                    )
                institution = by_level.get(key)
                if institution is None:
                    institution = by_level[key] = ExamRow("", "", session.certificate, name, session.level)
                own_site = session.site in own_sites
                for target in (row, institution, total):
                    _count_exam(target, session, own_site)
            for key in sorted(by_key, key=lambda k: (_unknown_last(k[0]), _level_key(k[1]))):
                row = _finish_exam(by_key[key])
                rows.append(row)
                figures = totals[college.id]
                _add(
                    figures,
                    row,
                    ("sessions", "candidates", "absent", "pending", "sat", "passed", "certificates_issued"),
                )
        pass_rates = [
            _finish_exam(by_level[k])
            for k in sorted(by_level, key=lambda k: (_unknown_last(k[0]), _level_key(k[1])))
        ]
        return rows, _finish_exam(total), pass_rates

    def fee_rows(self, college: CollegeRecords, year: int) -> list[FeeRow]:
        by_key: dict[tuple[str, str], FeeRow] = {}
        for session in self.sessions_of_year(college, year):
            cert = session.certificate
            key = (cert, session.level)
            row = by_key.get(key)
            fee = self.registry.fee(cert, session.level)
            if row is None:
                name = self.registry.certificate_name(cert)
                row = by_key[key] = FeeRow(college.id, college.name, cert, name, session.level, fee)
            # a student listed twice (REG-003): one sitting, one fee, as FEE-002 counts it
            for candidate in candidates_once(session):
                row.candidates += 1
                funding = self.registry.funding(candidate)  # dated sessions: always known
                if funding is not None and funding.school:
                    row.school_funded += 1
                    row.school_funded_fees += fee or 0
                else:
                    row.student_paid += 1
                    row.student_paid_fees += fee or 0
                    row.not_enrolled += not candidate.enrolled
                    row.not_matched += not self.registry.is_matched(cert, candidate.major)
                    row.by_fee_policy += funding is not None and funding.reason in BY_FEE_POLICY
        return [by_key[k] for k in sorted(by_key, key=lambda k: (_unknown_last(k[0]), _level_key(k[1])))]

    def fees(self, totals: dict[str, Totals]) -> tuple[list[FeeRow], FeeRow, Budget]:
        rows = []
        total = FeeRow("", "", "", "", "", None)
        budget_of_year = self.budgets.get(self.year)
        by_college = []
        for college in self.colleges:
            college_rows = self.fee_rows(college, self.year)
            rows.extend(college_rows)
            figures = totals[college.id]
            for row in college_rows:
                _add(total, row, FEE_COUNTS)
                figures.school_funded_fees += row.school_funded_fees
                figures.student_paid_fees += row.student_paid_fees
            figures.budget_share = rate(figures.school_funded_fees, budget_of_year)
            allocation = self.registry.policy.fees.college_allocations.get(college.id)
            by_college.append(
                BudgetRow(
                    college.id,
                    college.name,
                    figures.school_funded_fees,
                    figures.student_paid_fees,
                    figures.budget_share,
                    allocation,
                    None if allocation is None else allocation - figures.school_funded_fees,
                )
            )
        budget = Budget(
            year=self.year,
            budget=budget_of_year,
            school_funded_fees=total.school_funded_fees,
            student_paid_fees=total.student_paid_fees,
            share=rate(total.school_funded_fees, budget_of_year),
            remaining=None if budget_of_year is None else budget_of_year - total.school_funded_fees,
            by_college=by_college,
        )
        return rows, total, budget

    def problems(self, found: list[Problem], totals: dict[str, Totals]) -> tuple[list[ProblemRow], list[str]]:
        shown = {c.id for c in self.colleges}
        open_problems = [p for p in found if not p.waived and (not self.selected or p.college in shown)]
        by_rule: dict[str, ProblemRow] = {}
        for problem in open_problems:
            row = by_rule.setdefault(problem.rule, ProblemRow(problem.rule, 0, 0, {}))
            row.errors += problem.severity == "error"
            row.warnings += problem.severity == "warning"
            college = problem.college or ""
            row.by_college[college] = row.by_college.get(college, 0) + 1
            if problem.college in totals:
                totals[problem.college].open_errors += problem.severity == "error"
                totals[problem.college].open_warnings += problem.severity == "warning"
        columns = [c.id for c in self.colleges]
        if any("" in row.by_college for row in by_rule.values()):
            columns.append("")
        for row in by_rule.values():
            row.by_college = {c: row.by_college.get(c, 0) for c in columns}
        return [by_rule[r] for r in sorted(by_rule, key=_rule_key)], columns

    def trend(self, first: int, last: int) -> Trend:
        by_cert: dict[tuple[str, int], TrendRow] = {}
        institution = {y: TrendRow("", "", y) for y in range(first, last + 1)}
        for year in range(first, last + 1):
            for college in self.colleges:
                for session in self.sessions_of_year(college, year):
                    cert = session.certificate
                    row = by_cert.get((cert, year))
                    if row is None:
                        row = by_cert[(cert, year)] = TrendRow(
                            cert, self.registry.certificate_name(cert), year
                        )
                    for target in (row, institution[year]):
                        for candidate in candidates_once(session):
                            target.candidates += 1
                            target.sat += candidate.result in ("pass", "fail")
                            target.passed += candidate.result == "pass"
                for fee_row in self.fee_rows(college, year):
                    by_cert[(fee_row.certificate, year)].school_funded_fees += fee_row.school_funded_fees
                    institution[year].school_funded_fees += fee_row.school_funded_fees
        certs = sorted({cert for cert, _year in by_cert}, key=_unknown_last)
        rows = []
        for cert in certs:  # every year of the range, zeros included, so a series has no holes
            name = self.registry.certificate_name(cert)
            for year in range(first, last + 1):
                row = by_cert.get((cert, year)) or TrendRow(cert, name, year)
                row.pass_rate = rate(row.passed, row.sat)
                rows.append(row)
        for year, row in institution.items():
            row.pass_rate = rate(row.passed, row.sat)
            row.budget = self.budgets.get(year)
            row.budget_share = rate(row.school_funded_fees, row.budget)
        return Trend(first, last, rows, list(institution.values()))


def _rule_key(rule: str) -> tuple[int, str]:
    """The order `onex rules` lists them in."""
    from onex.rules import RULES

    order = {r.id: i for i, r in enumerate(RULES)}
    return (order.get(rule, len(order)), rule)


def _status(registry: Registry, found: list[Problem]) -> Status:
    open_problems = [p for p in found if not p.waived]
    unread = {p.file for p in open_problems if p.rule in ("REG-001", "REG-002") and p.severity == "error"}
    return Status(
        errors=sum(p.severity == "error" for p in open_problems),
        warnings=sum(p.severity == "warning" for p in open_problems),
        waived=sum(p.waived for p in found),
        files=registry.files,
        unread_files=len(unread),
    )


def build_report(
    registry: Registry,
    year: int,
    as_of: dt.date,
    colleges: list[str] | None = None,
    years: tuple[int, int] | None = None,
    problems: list[Problem] | None = None,
) -> Report:
    """The report of `year` at `as_of`, for `colleges` (None: all) and, with `years`, the trend.

    `problems` are those of `onex.engine.check(registry, as_of)`; they are computed here when not
    given, so a caller that has already checked the registry does not check it twice.
    """
    found = check(registry, as_of).problems if problems is None else problems
    builder = _Builder(registry, year, as_of, colleges)
    totals: dict[str, Totals] = {c.id: Totals() for c in builder.colleges}
    certificates = builder.certificates(totals)
    teachers = builder.teachers(totals)
    trainings, trainings_total = builder.trainings(totals)
    exams, exams_total, pass_rates = builder.exams(totals)
    fees, fees_total, budget = builder.fees(totals)
    problem_rows, problem_colleges = builder.problems(found, totals)
    total = Totals()
    for figures in totals.values():
        figures.pass_rate = rate(figures.passed, figures.sat)
        _add(total, figures, TOTAL_COUNTS)
    total.pass_rate = rate(total.passed, total.sat)
    total.budget_share = budget.share
    if not builder.selected:  # problems without a college (onex.yaml, orgs) count for the institution
        loose = [p for p in found if not p.waived and p.college not in totals]
        total.open_errors += sum(p.severity == "error" for p in loose)
        total.open_warnings += sum(p.severity == "warning" for p in loose)
    return Report(
        institution=registry.settings.institution.name,
        registry=str(registry.root),
        year=year,
        as_of=as_of,
        reference_day=builder.day,
        selected=builder.selected,
        status=_status(registry, found),
        colleges=[CollegeSummary(c.id, c.name, totals[c.id]) for c in builder.colleges],
        total=total,
        minimum=registry.policy.min_certified_per_major,
        recommended=registry.policy.recommended_certified_per_major,
        certificates=certificates,
        teachers=teachers,
        trainings=trainings,
        trainings_total=trainings_total,
        exams=exams,
        exams_total=exams_total,
        pass_rates=pass_rates,
        fees=fees,
        fees_total=fees_total,
        budget=budget,
        problems=problem_rows,
        problem_colleges=problem_colleges,
        trend=builder.trend(*years) if years else None,
        upcoming=_upcoming(registry, as_of, colleges),
        fee_policy_changed=registry.policy.fees != m.FeePolicy(),
    )


def _upcoming(registry: Registry, as_of: dt.date, colleges: list[str] | None) -> list[UpcomingRow]:
    from onex.agenda import build_agenda
    from onex.messages import LANGS

    return [
        UpcomingRow(
            due=item.due,
            kind=item.kind,
            who=list(item.who),
            college=item.college,
            file=item.file,
            line=item.line,
            overdue=item.overdue,
            days=item.days,
            text={lang: item.text(lang) for lang in LANGS},
        )
        for item in build_agenda(registry, as_of, colleges=colleges).items
    ]
