"""The forecast: pure arithmetic from the loaded registry to a PlanResult (docs/planning.md).

Per college, active adoption, level and major:

    cohort       = Σ cohorts[E] for every entry year E with cohort_levels[year − E] == level
    expected      = round_half_up(cohort × participation[role] + retake_rate × non-passers)
    school-funded = round_half_up(the parts of that sum the fee policy funds)
    student-paid  = last year's candidates of that certificate, level and major who were not
                    school-funded (carried forward as is) + (expected − school-funded)

where non-passers are last year's school-funded candidates of the same certificate, level and
major whose result was `fail` or `absent`. Who is funded is `onex.fees.decide`, the one
definition: the cohort's newcomers sit for the first time, the non-passers re-sit (student-paid
under `policy.fees.school_pays: first_attempt`); a level outside `school_funded_levels` funds
neither. Fees are the org's fee of the level per candidate, at most `policy.fees.fee_caps`.
Nothing here reads files or prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext

from onex import models as m
from onex.dates import add_days
from onex.errors import FatalError
from onex.fees import Sitting, decide
from onex.messages import register
from onex.plan.settings import PlanningSettings, planning_settings
from onex.registry import CollegeRecords, Registry, candidates_once, majors_once
from onex.rules.base import Context

MESSAGES = {
    "plan.bad_year": {
        "zh": "年份 {value} 无效：应为 1900 至 2999 之间的年份，如 2027",
        "en": "invalid year {value}: a year from 1900 to 2999, e.g. 2027",
    },
    "plan.unknown_year": {
        "zh": "{year} 年没有任何在校生年级参加考核（各专业 cohorts 的入学年份为 {first}–{last}，可计划 {plan_first}–{plan_last} 年）：请检查 --year",
        "en": "no cohort sits an exam in {year} (the majors' cohorts entered {first}–{last}, so plans can cover {plan_first}–{plan_last}): check --year",
    },
    "plan.no_cohorts": {
        "zh": "登记库中没有任何专业填写 cohorts（各入学年份的在校生人数），无法预测 {year} 年的考生：请在 college.yaml 的 majors 中填写",
        "en": "no major in the registry has cohorts (students by entry year), so there is nothing to forecast for {year}: add them to the majors in college.yaml",
    },
    "plan.no_adoptions": {
        "zh": "二级学院 {college} 没有在用的 X 证书（certificates/ 下没有 status: active 的证书），无需制定 {year} 年度计划",
        "en": "college {college} has no active certificate adoptions (no status: active file in certificates/), so there is no {year} plan to make",
    },
}
register(MESSAGES)

ATTEMPTED_NOT_PASSED = frozenset({"fail", "absent"})


def round_half_up(value: Decimal) -> int:
    """`value` rounded half up, however many digits it has (a cohort of 10**400 is REG-002, but the
    plan must not crash on it: the default context holds 28 digits)."""
    with localcontext() as context:
        context.prec = max(context.prec, value.adjusted() + 2)
        return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _decimal(rate: float) -> Decimal:
    return Decimal(str(rate))  # 0.8 is 0.8, not 0.8000000000000000444


@dataclass
class MajorForecast:
    code: str
    name: str
    role: str | None  # None: a major no active adoption lists (its candidates pay themselves)
    cohort: int  # students of the cohorts that sit this level in the plan year
    non_passers: int  # last year's school-funded candidates who failed or were absent
    school_funded: int
    student_paid: int
    fee: int  # per candidate
    own: bool = True  # a major of the college (plan items list only those)

    @property
    def candidates(self) -> int:
        return self.school_funded + self.student_paid

    @property
    def school_fee(self) -> int:
        return self.school_funded * self.fee

    @property
    def student_fee(self) -> int:
        return self.student_paid * self.fee


@dataclass
class ItemForecast:
    """One plan item: a certificate and level, with its majors."""

    certificate: str
    certificate_name: str
    level: str
    fee: int
    batch: str | None
    training_hours: int
    uncovered_modules: list[str]
    majors: list[MajorForecast] = field(default_factory=list)

    @property
    def candidates(self) -> int:
        return sum(major.candidates for major in self.majors)

    @property
    def school_funded(self) -> int:
        return sum(major.school_funded for major in self.majors)

    @property
    def student_paid(self) -> int:
        return sum(major.student_paid for major in self.majors)

    @property
    def school_fee(self) -> int:
        return sum(major.school_fee for major in self.majors)

    @property
    def student_fee(self) -> int:
        return sum(major.student_fee for major in self.majors)


@dataclass
class StaffGap:
    """Certified teachers of one adopted major against the recommended count."""

    certificate: str
    certificate_name: str
    major: str
    major_name: str
    certified: list[m.Instructor]
    recommended: int
    could_train: list[m.Instructor]  # full-time teachers of the major not certified yet
    planned: list[m.Instructor]  # already in the year's staff plan (or proposed for another major)
    proposed: list[m.Instructor]  # new staff-plan entries onex proposes

    @property
    def missing(self) -> int:
        return max(0, self.recommended - len(self.certified))


@dataclass
class CollegePlan:
    id: str
    name: str
    adopted: bool  # has active adoptions
    items: list[ItemForecast] = field(default_factory=list)
    staff: list[StaffGap] = field(default_factory=list)
    gap_share: int = 0  # its share of the institution's budget gap
    allocation: int | None = None  # policy.fees.college_allocations (None: bounded by the budget only)

    @property
    def over_allocation(self) -> int:
        """How much its school-funded fees exceed its allocation (0 without an allocation)."""
        return 0 if self.allocation is None else max(0, self.school_fee - self.allocation)

    @property
    def school_fee(self) -> int:
        return sum(item.school_fee for item in self.items)

    @property
    def student_fee(self) -> int:
        return sum(item.student_fee for item in self.items)

    @property
    def candidates(self) -> int:
        return sum(item.candidates for item in self.items)

    def gap_for(self, certificate: str, major: str) -> StaffGap | None:
        return next((g for g in self.staff if g.certificate == certificate and g.major == major), None)


@dataclass
class Budget:
    school_fee: int
    student_fee: int
    budget: int | None  # None: onex.yaml has no fee_budget for the year

    @property
    def gap(self) -> int:
        """How much school-funded fees exceed the budget (all of them when there is no budget)."""
        return self.school_fee if self.budget is None else max(0, self.school_fee - self.budget)


@dataclass
class PlanResult:
    year: int
    as_of: dt.date
    settings: PlanningSettings
    colleges: list[CollegePlan]  # the colleges asked for
    institution: Budget  # always every college: the budget is the institution's
    all_colleges: list[CollegePlan]


def default_year(as_of: dt.date) -> int:
    return as_of.year + 1


def build_plan(
    registry: Registry,
    year: int,
    as_of: dt.date,
    colleges: Iterable[str] | None = None,
    settings: PlanningSettings | None = None,
    progress: Callable[[str], None] | None = None,
) -> PlanResult:
    """The year's plan for every college (all of them count towards the institution's budget)."""
    settings = settings or planning_settings(registry.settings.planning)
    _check_year(registry, year, settings)
    wanted = list(colleges or [])
    for college_id in wanted:
        college = registry.colleges.get(college_id)
        if college is None or not college.active_adoptions():
            raise FatalError("plan.no_adoptions", college=college_id, year=year)
    planner = _Planner(registry, year, as_of, settings)
    plans = []
    for college in registry.college_list():
        if progress:
            progress(college.id)
        plans.append(planner.college(college))
    budget = Budget(
        school_fee=sum(plan.school_fee for plan in plans),
        student_fee=sum(plan.student_fee for plan in plans),
        budget=registry.settings.fee_budget.get(year),
    )
    for plan, share in zip(plans, split(budget.gap, [plan.school_fee for plan in plans]), strict=True):
        plan.gap_share = share
    shown = [plan for plan in plans if not wanted or plan.id in wanted]
    return PlanResult(year, as_of, settings, shown, budget, plans)


def split(total: int, weights: list[int]) -> list[int]:
    """`total` shared in proportion to `weights`, in whole yuan summing exactly to `total`
    (largest remainder; ties go to the earlier entry)."""
    whole = sum(weights)
    if not whole or not total:
        return [0] * len(weights)
    floors = [total * w // whole for w in weights]
    remainders = [total * w % whole for w in weights]
    left = total - sum(floors)
    for index in sorted(range(len(weights)), key=lambda i: (-remainders[i], i))[:left]:
        floors[index] += 1
    return floors


def _check_year(registry: Registry, year: int, settings: PlanningSettings) -> None:
    entries = sorted(
        {
            entry
            for college in registry.colleges.values()
            for major in college.majors_by_code.values()
            for entry in major.cohorts
        }
    )
    if not entries:
        raise FatalError("plan.no_cohorts", year=year)
    study_years = sorted(settings.cohort_levels) or [0]
    if not any(year - entry in settings.cohort_levels for entry in entries):
        raise FatalError(
            "plan.unknown_year",
            year=year,
            first=entries[0],
            last=entries[-1],
            plan_first=entries[0] + study_years[0],
            plan_last=entries[-1] + study_years[-1],
        )


class _Planner:
    def __init__(self, registry: Registry, year: int, as_of: dt.date, settings: PlanningSettings) -> None:
        self.registry = registry
        self.year = year
        self.as_of = as_of
        self.settings = settings
        self.deadline = Context(as_of=as_of, policy=registry.policy).deadline(year)
        # teachers are counted as they stand when the plan year starts (or now, if later)
        self.teachers_on = max(as_of, dt.date(year, 1, 1))

    def college(self, college: CollegeRecords) -> CollegePlan:
        adoptions = college.active_adoptions()
        plan = CollegePlan(
            college.id,
            college.name,
            adopted=bool(adoptions),
            allocation=self.registry.policy.fees.college_allocations.get(college.id),
        )
        proposed: dict[str, set[str]] = {}  # certificate -> instructor ids planned or proposed so far
        for cert, _record, adoption in sorted(adoptions, key=lambda a: a[0]):
            catalogue = self.registry.catalogue.get(cert)
            if catalogue is None:
                continue  # REG-004 reports the unknown certificate
            uncovered = self._uncovered_modules(college, adoption, catalogue.entry)
            hours = len(uncovered) * self.settings.training_hours_per_module
            batch = self._batch(cert, needs_training=hours > 0)
            levels = adoption.levels or list(catalogue.entry.levels)
            for level in [lv for lv in m.ENUMS["level"] if lv in levels and lv in catalogue.entry.levels]:
                item = ItemForecast(
                    certificate=cert,
                    certificate_name=catalogue.entry.name,
                    level=level,
                    fee=self.registry.fee(cert, level) or 0,
                    batch=batch.id if batch else None,
                    training_hours=hours,
                    uncovered_modules=uncovered,
                )
                item.majors = [
                    major
                    for major in self._majors(college, cert, level, adoption, item.fee)
                    if major.candidates
                ]
                if item.majors:
                    plan.items.append(item)
            planned = proposed.setdefault(cert, set())
            for _index, adopted in majors_once(adoption):
                plan.staff.append(self._staff_gap(college, cert, catalogue.entry.name, adopted.code, planned))
        return plan

    # --- candidates ---------------------------------------------------------------------------

    def _cohort(self, college: CollegeRecords, code: str, level: str) -> int:
        major = college.majors_by_code.get(code)
        if major is None:
            return 0
        levels = self.settings.cohort_levels
        return sum(size for entry, size in major.cohorts.items() if levels.get(self.year - entry) == level)

    def _last_year(self, college: CollegeRecords, cert: str, level: str) -> list[m.Candidate]:
        return [
            candidate
            for record in college.sessions
            if isinstance(session := record.model, m.Session)
            and session.certificate == cert
            and session.level == level
            and session.date is not None
            and session.date.year == self.year - 1
            for candidate in candidates_once(session)  # a student listed twice (REG-003) sat once
        ]

    def _majors(
        self, college: CollegeRecords, cert: str, level: str, adoption: m.Adoption, fee: int
    ) -> list[MajorForecast]:
        history = self._last_year(college, cert, level)
        funded = {id(c) for c in history if self.registry.is_school_funded(c)}
        # Who pays for the forecast's candidates, by the one definition (onex/fees.py): newcomers of
        # the cohort sit for the first time, re-sitters for the second; both enrolled and matched.
        policy = self.registry.policy.fees
        newcomer_funded = decide(Sitting(enrolled=True, matched=True, level=level), policy).school
        resitter_funded = decide(
            Sitting(enrolled=True, matched=True, level=level, earlier_attempts=1), policy
        ).school
        out: list[MajorForecast] = []
        roles = {major.code: major.role for _index, major in majors_once(adoption)}
        # a major that broke its schema (REG-002: None) is no major to forecast for
        unlisted = sorted({c.major for c in history if c.major is not None} - set(roles))
        rates = self.settings.participation
        for code in [*roles, *unlisted]:
            role = roles.get(code)
            mine = [c for c in history if c.major == code]
            non_passers = sum(1 for c in mine if id(c) in funded and c.result in ATTEMPTED_NOT_PASSED)
            student_paid = sum(1 for c in mine if id(c) not in funded)
            cohort = self._cohort(college, code, level) if role else 0
            school_funded = 0
            if role:
                rate = _decimal(rates.primary if role == "primary" else rates.auxiliary)
                newcomers = cohort * rate
                resitters = _decimal(self.settings.retake_rate) * non_passers
                expected = round_half_up(newcomers + resitters)
                none = Decimal(0)
                school_funded = round_half_up(
                    (newcomers if newcomer_funded else none) + (resitters if resitter_funded else none)
                )
                student_paid += expected - school_funded
            major = college.majors_by_code.get(code)
            name = major.name if major else self.registry.major_name(code)
            out.append(
                MajorForecast(
                    code, name, role, cohort, non_passers, school_funded, student_paid, fee, major is not None
                )
            )
        return out

    # --- training and batch -------------------------------------------------------------------

    def _uncovered_modules(
        self, college: CollegeRecords, adoption: m.Adoption, entry: m.CatalogueEntry
    ) -> list[str]:
        """Catalogue modules that no course of the college covers for some major of the adoption."""
        majors = [major.code for _index, major in majors_once(adoption)]
        out = []
        for module in entry.modules:
            coverage = adoption.coverage.get(module)
            courses = [college.courses_by_code.get(code) for code in (coverage.courses if coverage else [])]
            courses = [course for course in courses if course is not None]

            def covered(major: str, courses: list[m.Course] = courses) -> bool:
                return any(not course.majors or major in course.majors for course in courses)

            if not courses or not all(covered(major) for major in majors):
                out.append(module)
        return out

    def _batch(self, cert: str, needs_training: bool) -> m.Batch | None:
        """The first batch of the plan year whose window still lets candidates sit after the plan
        is approved (the deadline) and, when modules need training, after `training_weeks`."""
        ready = add_days(self.deadline, 7 * self.settings.training_weeks if needs_training else 0)
        batches = sorted(
            (b for b in self.registry.batches(cert).values() if b.start is not None and b.end is not None),
            key=lambda b: (b.start, b.id or ""),
        )
        return next((b for b in batches if b.start.year == self.year and b.end >= ready), None)

    # --- teachers -----------------------------------------------------------------------------

    def _staff_gap(
        self, college: CollegeRecords, cert: str, cert_name: str, code: str, planned_ids: set[str]
    ) -> StaffGap:
        certified = self.registry.certified_teachers(college.id, code, cert, self.teachers_on)
        certified_ids = {t.id for t in certified}
        recommended = self.registry.policy.recommended_certified_per_major
        could_train = sorted(
            (
                t
                for t in college.instructor_list()
                if t.employment == "full_time" and code in t.majors and t.id not in certified_ids
            ),
            key=lambda t: t.id,
        )
        entries = self._staff_plan_entries(college, cert)
        planned_ids.update(i for i, status in entries.items() if status != "cancelled")
        gap = StaffGap(
            cert,
            cert_name,
            code,
            college.majors_by_code[code].name if code in college.majors_by_code else code,
            certified,
            recommended,
            could_train,
            [],
            [],
        )
        gap.planned = [t for t in could_train if t.id in planned_ids][: gap.missing]
        need = gap.missing - len(gap.planned)
        fresh = [t for t in could_train if t.id not in planned_ids and t.id not in entries]
        gap.proposed = fresh[: max(0, need)]
        planned_ids.update(t.id for t in gap.proposed)
        return gap

    def _staff_plan_entries(self, college: CollegeRecords, cert: str) -> dict[str, str]:
        """Instructor id -> status of the plan year's staff-plan entries for `cert`."""
        record = college.staff_plans.get(self.year)
        plan = record.model if record else None
        if not isinstance(plan, m.StaffPlan):
            return {}
        return {t.instructor: t.status for t in plan.trainings if t.certificate == cert}
