"""The dated duties of the policy, defined once: when each falls due, whether it is done, who must
do it and where its record is.

One source of truth for the rules that fire when a duty is missed and for `onex agenda`, which
lists the duties still open: a duty and its rule must never disagree. Each function yields every
duty of one kind with three verdicts at the as-of date:

- `done`: fulfilled (a late fulfilment is done too; the rules report lateness on their own);
- `judged`: the rules look at it now (for most kinds: the as-of date is past `due`, SPEC §3;
  for a qualification: inside the expiry warning window; for the budget: fees past the warning
  threshold; a duty without a rule — certificate issuance — is judged once it is open);
- `overdue`: judged, not done, and reported by `rule` (the agenda marks it, `check` reports it at
  the same record and key path).

A duty that would fall due on date D counts as missed only once the as-of date is past D. So the
approval that must exist *before* a training or exam (TRAIN-001, EXAM-002 judge it from the first
day) falls due the day before, and the staff plan of a year (STAFF-004 judges it from 1 January)
on 31 December of the year before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from onex import models as m
from onex.dates import add_days
from onex.records import Path, Place

if TYPE_CHECKING:
    from onex.records import Record
    from onex.registry import CollegeRecords, Registry
    from onex.rules.base import Context


# kind -> the rule and message id of the problem `check` reports once the duty is overdue
# (certificate issuance has no deadline in the policy, so no rule: it is never overdue).
KINDS: dict[str, tuple[str, tuple[str, ...]] | None] = {
    "plan": ("PLAN-001", ("plan001.missing",)),
    "plan-approval": ("PLAN-002", ("plan002.unapproved",)),
    "plan-filing": ("PLAN-003", ("plan003.not_filed",)),
    "plan-aggregation": ("PLAN-003", ("plan003.not_aggregated",)),
    "staff-plan": ("STAFF-004", ("staff004.no_plan",)),
    "staff-plan-approval": ("STAFF-004", ("staff004.not_approved",)),
    "training-approval": ("TRAIN-001", ("train001.no_approval",)),
    "training-inspection": ("TRAIN-003", ("train003.no_inspection",)),
    "session-approval": ("EXAM-002", ("exam002.unapproved",)),
    "session-inspector": ("EXAM-004", ("exam004.no_inspector",)),
    "results": ("EXAM-005", ("exam005.not_reported",)),
    "certificates": None,
    "renewal": ("STAFF-003", ("staff003.expired",)),
    "waiver": ("WAIVE-001", ("waive001.expired",)),
    "budget": ("FEE-002", ("fee002.over_budget", "fee002.no_budget")),
}


@dataclass(slots=True)
class Duty:
    kind: str  # a key of KINDS
    due: dt.date
    done: bool
    judged: bool
    record: Record  # where the fix belongs (the rule's finding points at the same node)
    path: Path = ()
    college: str | None = None
    who: tuple[str, ...] = ()  # the people the policy makes responsible (names)
    key: tuple[str | int, ...] = ()  # what the duty is about, by ids rather than list indexes
    subject: Any = None  # the model the duty is about (plan, training, session, …)
    params: dict[str, Any] = field(default_factory=dict)  # for the agenda's sentence
    reported: bool = True  # False: judged and open but no rule reports it (issuance, budget near)

    @property
    def overdue(self) -> bool:
        return self.judged and not self.done and self.reported and KINDS[self.kind] is not None

    @property
    def rule(self) -> str | None:
        known = KINDS[self.kind]
        return known[0] if known else None


def missed(due: dt.date, as_of: dt.date) -> bool:
    """SPEC §3: a duty that falls due on `due` is checked only once the as-of date is past it."""
    return as_of > due


# --- who -------------------------------------------------------------------------------------


def leader_in_charge(college: CollegeRecords) -> tuple[str, ...]:
    """The leader in charge; every leader when the college has not exactly one."""
    leader = college.leader_in_charge
    if leader is not None:
        return (leader.name,)
    return tuple(sorted(college.leader_names))


def certificate_lead(college: CollegeRecords, cert: str) -> tuple[str, ...]:
    """The name of the certificate lead of `cert` in `college` (the instructor id when unknown)."""
    record = college.adoptions.get(cert)
    adoption = record.model if record is not None else None
    if not isinstance(adoption, m.Adoption) or not adoption.lead:
        return ()
    instructor = college.instructors_by_id.get(adoption.lead)
    return (instructor.name if instructor else adoption.lead,)


def office(registry: Registry) -> tuple[str, ...]:
    return (registry.settings.office.name,)


def platform_admins(registry: Registry) -> tuple[str, ...]:
    return tuple(registry.settings.office.platform_admins) or office(registry)


def exam_group(college: CollegeRecords) -> tuple[str, ...]:
    group = tuple(college.model.exam_group) if college.model else ()
    return group or leader_in_charge(college)


# --- plans (§5.2, §4.3.2) -------------------------------------------------------------------


def annual_plans(registry: Registry, context: Context, year: int) -> Iterator[Duty]:
    """The annual plan of `year` of every college with active adoptions (SPEC §4.2: plans of past
    years are history), due by the year's `annual_plan_deadline`: a plan (PLAN-001), its approval
    (PLAN-002), then, once approved, its filing and aggregation (PLAN-003)."""
    if year < context.as_of.year:
        return
    deadline = context.deadline(year)
    judged = missed(deadline, context.as_of)
    for college in registry.college_list():
        active = sorted(cert for cert, _record, _adoption in college.active_adoptions())
        if college.record is None or not active:
            continue
        common = {"college": college.id, "due": deadline, "judged": judged}
        params = {"year": year, "college": college.name, "college_id": college.id}
        record = college.plans.get(year)
        if record is None:
            if not registry.known(Place("plan", college.id, year=year)):
                continue  # plans/<year>.yaml may be a file that cannot be read (§4.1)
            yield Duty(
                "plan",
                done=False,
                record=college.record,
                who=leader_in_charge(college),
                key=("plans", year),
                params=params,
                subject=active,
                **common,
            )
            continue
        plan = record.model
        if not isinstance(plan, m.Plan):
            continue  # unreadable: REG-001/002 say why, nothing follows from it (§4.1)
        if not registry.known(record, "approval"):
            continue  # a broken approval is REG-002, not a missing one
        yield Duty(
            "plan-approval",
            done=plan.approval is not None,
            record=record,
            who=leader_in_charge(college),
            key=("approval",),
            subject=plan,
            params=params,
            **common,
        )
        if plan.approval is None:
            continue
        certs = sorted({item.certificate for item in plan.items} & set(active)) or active
        leads = tuple(dict.fromkeys(name for cert in certs for name in certificate_lead(college, cert)))
        yield Duty(
            "plan-filing",
            done=plan.filed is not None or not registry.known(record, "filed"),
            record=record,
            who=leads or leader_in_charge(college),
            key=("filed",),
            subject=plan,
            params=params,
            **common,
        )
        yield Duty(
            "plan-aggregation",
            done=plan.aggregated_on is not None or not registry.known(record, "aggregated_on"),
            record=record,
            who=office(registry),
            key=("aggregated_on",),
            subject=plan,
            params=params,
            **common,
        )


def staff_plans(registry: Registry, context: Context, year: int) -> Iterator[Duty]:
    """The approved staff plan of `year` of every college with active adoptions (§4.3.2, SPEC
    §4.2), due by the start of the year: the plan (STAFF-004 no_plan), its approval
    (STAFF-004 not_approved)."""
    if year < context.as_of.year:
        return
    due = add_days(dt.date(year, 1, 1), -1)  # 31 December of the year before, 0001-01-01 at worst
    judged = missed(due, context.as_of)
    for college in registry.college_list():
        active = sorted(cert for cert, _record, _adoption in college.active_adoptions())
        if not active:
            continue
        common = {"college": college.id, "due": due, "judged": judged, "who": leader_in_charge(college)}
        params = {"year": year, "college": college.name, "college_id": college.id}
        record = college.staff_plans.get(year)
        if record is None:
            if college.record is not None and registry.known(Place("staff_plan", college.id, year=year)):
                yield Duty(
                    "staff-plan",
                    done=False,
                    record=college.record,
                    key=("staff-plans", year),
                    subject=active,
                    params=params,
                    **common,
                )
        elif isinstance(record.model, m.StaffPlan) and registry.known(record, "approval"):
            yield Duty(
                "staff-plan-approval",
                done=record.model.approval is not None,
                record=record,
                key=("approval",),
                subject=record.model,
                params=params,
                **common,
            )


# --- trainings (§4.5) -----------------------------------------------------------------------


def _trainings(registry: Registry) -> Iterator[tuple[CollegeRecords, Record, m.Training]]:
    """Trainings whose dates are known (a duty is dated by them)."""
    for college in registry.college_list():
        for record in college.trainings:
            if registry.known(record, "start") and registry.known(record, "end"):
                yield college, record, record.model


def training_approvals(registry: Registry, context: Context) -> Iterator[Duty]:
    """The leader in charge approves a training before it starts (TRAIN-001 judges it from the
    start day on, so it falls due the day before)."""
    for college, record, training in _trainings(registry):
        if not registry.known(record, "approval"):
            continue
        due = add_days(training.start, -1)
        yield Duty(
            "training-approval",
            due=due,
            done=training.approval is not None,
            judged=missed(due, context.as_of),
            record=record,
            college=college.id,
            who=leader_in_charge(college),
            key=("approval",),
            subject=training,
            params=_training_params(registry, college, training),
        )


def training_inspections(registry: Registry, context: Context) -> Iterator[Duty]:
    """The office inspects a training while it runs: due by its `end` (TRAIN-003)."""
    for college, record, training in _trainings(registry):
        if not registry.known(record, "inspections"):
            continue
        written = isinstance(record.data, dict) and "inspections" in record.data
        yield Duty(
            "training-inspection",
            due=training.end,
            done=bool(training.inspections),
            judged=missed(training.end, context.as_of),
            record=record,
            path=("inspections",) if written else (),
            college=college.id,
            who=office(registry),
            key=("inspections",),
            subject=training,
            params=_training_params(registry, college, training),
        )


def _training_params(registry: Registry, college: CollegeRecords, training: m.Training) -> dict[str, Any]:
    return {
        "certificate": registry.certificate_name(training.certificate),
        "start": training.start.isoformat(),
        "end": training.end.isoformat(),
        "college": college.name,
    }


# --- sessions (§5.2.1–§5.2.3) ---------------------------------------------------------------


def _session_params(registry: Registry, college: CollegeRecords, session: m.Session) -> dict[str, Any]:
    return {
        "certificate": registry.certificate_name(session.certificate),
        "date": session.date.isoformat(),
        "college": college.name,
    }


def _sessions(registry: Registry, field: str) -> Iterator[tuple[CollegeRecords, Record, m.Session]]:
    """Sessions whose date and `field` (what fulfils the duty) are known."""
    for college, record, session in registry.sessions():
        if registry.known(record, "date") and registry.known(record, field):
            yield college, record, session


def session_approvals(registry: Registry, context: Context) -> Iterator[Duty]:
    """The leader in charge approves an exam beforehand (EXAM-002 judges a held session, so it
    falls due the day before the exam)."""
    for college, record, session in _sessions(registry, "approval"):
        due = add_days(session.date, -1)
        yield Duty(
            "session-approval",
            due=due,
            done=session.approval is not None,
            judged=missed(due, context.as_of),
            record=record,
            college=college.id,
            who=leader_in_charge(college),
            key=("approval",),
            subject=session,
            params=_session_params(registry, college, session),
        )


def session_inspectors(registry: Registry, context: Context) -> Iterator[Duty]:
    """The organisation's inspector of a held exam is on record (EXAM-004); the exam group
    arranges it before the exam day."""
    for college, record, session in _sessions(registry, "inspector"):
        due = add_days(session.date, -1)
        yield Duty(
            "session-inspector",
            due=due,
            done=bool((session.inspector or "").strip()),
            judged=missed(due, context.as_of),
            record=record,
            college=college.id,
            who=exam_group(college),
            key=("inspector",),
            subject=session,
            params=_session_params(registry, college, session),
        )


def results_reports(registry: Registry, context: Context) -> Iterator[Duty]:
    """The certificate lead reports results to the office `results_report_days` after the exam
    (EXAM-005)."""
    days = context.policy.results_report_days
    for college, record, session in _sessions(registry, "results_reported_on"):
        due = add_days(session.date, days)
        yield Duty(
            "results",
            due=due,
            done=session.results_reported_on is not None,
            judged=missed(due, context.as_of),
            record=record,
            college=college.id,
            who=certificate_lead(college, session.certificate) or exam_group(college),
            key=("results_reported_on",),
            subject=session,
            params={**_session_params(registry, college, session), "days": days},
        )


def certificate_issuance(registry: Registry, context: Context) -> Iterator[Duty]:
    """Certificates of the candidates who passed at an own exam site are issued by a platform
    admin (§5.2.3) once the results are reported. The policy sets no deadline, so no rule reports
    it: the duty is open from the reporting day until `certificates_issued` is recorded."""
    from onex.registry import candidates_once

    for college, record, session in _sessions(registry, "certificates_issued"):
        reported = session.results_reported_on
        if session.site == "external" or reported is None or reported > context.as_of:
            continue
        passed = sum(1 for candidate in candidates_once(session) if candidate.result == "pass")
        if not passed:
            continue
        yield Duty(
            "certificates",
            due=reported,
            done=session.certificates_issued is not None,
            judged=True,
            reported=False,
            record=record,
            college=college.id,
            who=platform_admins(registry),
            key=("certificates_issued",),
            subject=session,
            params={**_session_params(registry, college, session), "passed": passed},
        )


# --- people (§4.3.1) ------------------------------------------------------------------------


def holder_name(instructor: m.Instructor) -> str:
    """The instructor's name; the staff number when the name could not be read (REG-002)."""
    return instructor.name if isinstance(instructor.name, str) and instructor.name else instructor.id


def qualification_renewals(registry: Registry, context: Context) -> Iterator[Duty]:
    """Every qualification with `expires_on` is renewed by its holder before it expires (due on
    `expires_on`, still valid that day). STAFF-003 warns inside `expiry_warning_days` (judged) and
    reports it expired once the as-of date is past `expires_on` (overdue)."""
    horizon = add_days(context.as_of, context.policy.expiry_warning_days)
    for college in registry.college_list():
        record = college.instructors
        if record is None or record.model is None:
            continue
        for i, instructor in enumerate(college.instructor_list()):
            for j, qualification in enumerate(instructor.qualifications):
                expires = qualification.expires_on
                if expires is None:
                    continue
                yield Duty(
                    "renewal",
                    due=expires,
                    done=False,
                    judged=expires <= horizon,
                    reported=missed(expires, context.as_of),
                    record=record,
                    path=("instructors", i, "qualifications", j, "expires_on"),
                    college=college.id,
                    who=(holder_name(instructor),),
                    key=("instructors", instructor.id, qualification.certificate, qualification.kind),
                    subject=(instructor, qualification),
                    params={
                        "name": holder_name(instructor),
                        "instructor": instructor.id,
                        "certificate": registry.certificate_name(qualification.certificate),
                        "kind": qualification.kind,
                        "date": expires.isoformat(),
                    },
                )


# --- onex.yaml: waivers, budget (§3, §6.1) --------------------------------------------------


def waiver_expiries(registry: Registry, context: Context) -> Iterator[Duty]:
    """A waiver is renewed or dropped by its `expires_on` (WAIVE-001 once the as-of date is past
    it); the office, which approves waivers, is responsible."""
    record = registry.institution_record
    if record is None or not isinstance(record.model, m.Institution):
        return
    for index, waiver in enumerate(record.model.waivers):
        if waiver.expires_on is None:
            continue
        yield Duty(
            "waiver",
            due=waiver.expires_on,
            done=False,
            judged=missed(waiver.expires_on, context.as_of),
            record=record,
            path=("waivers", index),
            college=waiver.college,
            who=(waiver.approved_by,) if waiver.approved_by else office(registry),
            key=("waivers", waiver.rule, waiver.college or "", waiver.file or ""),
            subject=waiver,
            params={"rule": waiver.rule, "date": waiver.expires_on.isoformat()},
        )


def over_budget(fees: int, budget: int | None) -> bool:
    """FEE-002: school-funded fees of a year above its budget, or fees and no budget at all."""
    return fees > 0 and (budget is None or fees > budget)


def fee_budgets(registry: Registry, context: Context) -> Iterator[Duty]:
    """The year's school-funded registration fees against its `fee_budget` (§6.1): over it, or a
    year with fees and no budget, is FEE-002 (overdue, whatever the date: a planned session needs
    its budget as much as a held one); from `agenda.budget_warning` percent of it on (default
    90), the office is warned for the as-of year and later ones. Due: the date of the session at
    which the fees cross the budget (or the warning threshold)."""
    record = registry.institution_record
    if record is None or not isinstance(record.model, m.Institution):
        return
    budgets = record.model.fee_budget
    percent = record.model.agenda.budget_warning
    has_budgets = isinstance(record.data, dict) and "fee_budget" in record.data
    for year, by_college in sorted(registry.school_funded_fees_by_college.items()):
        fees = sum(by_college.values())
        if fees <= 0:
            continue
        budget = budgets.get(year)
        over = over_budget(fees, budget)
        near = not over and budget is not None and fees * 100 >= budget * percent
        if not over and not (near and year >= context.as_of.year):
            continue
        limit = 0 if budget is None else (budget if over else -(-budget * percent // 100))
        yield Duty(
            "budget",
            due=_date_fees_reach(registry, year, limit, over),
            done=False,
            judged=True,
            reported=over,
            record=record,
            path=("fee_budget", year) if budget is not None else (("fee_budget",) if has_budgets else ()),
            who=office(registry),
            key=("fee_budget", year),
            subject=(year, fees, budget, by_college),
            params={
                "year": year,
                "fees": f"{fees:,}",
                "budget": f"{budget:,}" if budget is not None else "—",
                "percent": round(Fraction(fees * 100, budget)) if budget else 100,  # exact: fees may be huge
            },
        )


def _date_fees_reach(registry: Registry, year: int, limit: int, strictly: bool) -> dt.date:
    """The date of the first session of `year` at which the school-funded fees (the one definition,
    onex/fees.py, as `Registry.school_funded_fees` sums them), summed in date order, pass `limit`
    (reach it when not `strictly`); the last session's date otherwise."""
    total, last = 0, dt.date(year, 12, 31)
    for session in sorted(
        (s for _c, r, s in registry.sessions() if registry.known(r, "date") and s.date.year == year),
        key=lambda s: s.date,
    ):
        fee = registry.fee(session.certificate, session.level) or 0
        total += fee * registry.school_funded_sittings(session)
        last = session.date
        if total > limit or (not strictly and total >= limit):
            return session.date
    return last


# --- all of them ----------------------------------------------------------------------------


def all_duties(registry: Registry, context: Context, until: dt.date) -> list[Duty]:
    """Every duty of every kind; plans and staff plans of the years from the as-of year to
    `until`'s year."""
    years = range(context.as_of.year, min(max(until.year, context.as_of.year) + 2, dt.MAXYEAR + 1))
    out: list[Duty] = []
    for year in years:
        out += annual_plans(registry, context, year)
        out += staff_plans(registry, context, year)
    for kinds in (
        training_approvals,
        training_inspections,
        session_approvals,
        session_inspectors,
        results_reports,
        certificate_issuance,
        qualification_renewals,
        waiver_expiries,
        fee_budgets,
    ):
        out += kinds(registry, context)
    return out
