"""Who pays a registration fee, and how much: the one definition of "school-funded" (SPEC §3, §6).

Every command that counts money asks here — FEE-001/002, `plan`'s forecast, `report`'s figures,
and whatever else adds up fees — so a figure can never disagree with a finding.

One candidate of one session is **school-funded** when, in this order (the first that fails
names the reason the student pays):

1. the candidate is enrolled (`enrolled`, default true; §6.1: the budget is for enrolled students);
2. the candidate is *matched*: some active adoption of the session's certificate, in any college,
   lists the candidate's major (§6.2; otherwise §6.3);
3. the session's level is one of `policy.fees.school_funded_levels` (default: every level);
4. under `policy.fees.school_pays: first_attempt`, this is the student's first sitting of the
   certificate at that level (default `every_attempt`: re-sits are funded too);
5. under `policy.fees.max_school_funded_per_student_year: N`, the student has fewer than N
   school-funded sittings earlier in the same calendar year (default: no limit).

**Order of sittings.** Attempts and yearly counts follow the registry's sessions in date order:
by the session's `date`, then — for sessions on the same day — by the session's file path
(relative, forward slashes, compared as text), then by the candidate's position in the file.
Every listing counts as a sitting (absent or not: the fee is owed at registration), in whichever
college and year it is filed; a student is known by the student number, a certificate by its
catalogue id. A listing the policy does not fund still counts as an attempt (a re-sit is a re-sit
whoever paid the first time) but does not use up the student's yearly school-funded quota. A
student listed twice in one session (REG-003) sits it once: both listings share the first's answer.
A listing whose student number is unknown (REG-002) is nobody else: it is not a second listing
of anyone, and sits as a first attempt with the yearly quota unused (so the figures count its fee).
A sitting that cannot be placed in that count (its student number, or its session's certificate,
level or date, broke; or a session file could not be read) may be an earlier sitting of anyone it
could be: under `first_attempt`, a later sitting it could turn into a re-sit has an unknown answer
(`a_count_would_change`); under `max_school_funded_per_student_year`, so has a later sitting of
the same year whose answer the school-funded sittings it may add would change
(`yearly_limit_undecided`; `Registry.funding_known`, which FEE-001 asks). The figures count what
is known, as they stand.

**The fee** of a level is the organisation's catalogue fee, or the `policy.fees.fee_caps` cap of
that level when the catalogue fee is above it (FEE-002 reports that catalogue fee): the most the
organisation may lawfully charge is the most the school counts.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import NamedTuple

from onex import models as m

# Why a candidate is, or is not, school-funded (the first condition above that fails).
FUNDED = "funded"
NOT_ENROLLED = "not_enrolled"
NOT_MATCHED = "not_matched"
LEVEL_NOT_FUNDED = "level_not_funded"
RESIT = "resit"
YEARLY_LIMIT = "yearly_limit"


class Sitting(NamedTuple):
    """What the fee policy needs to know about one candidate sitting one session.

    (Named tuples, here and in `Funding`: 100,000 of each are made per check.)"""

    enrolled: bool
    matched: bool
    level: str
    earlier_attempts: int = 0  # earlier sittings of the same certificate and level by this student
    funded_earlier_in_year: int = 0  # earlier school-funded sittings by this student in the same year


class Funding(NamedTuple):
    """Who pays one candidate's registration fee, and why."""

    school: bool
    reason: str  # FUNDED, NOT_ENROLLED, NOT_MATCHED, LEVEL_NOT_FUNDED, RESIT or YEARLY_LIMIT
    attempt: int = 1  # the student's sitting of this certificate and level (counted under first_attempt)

    @property
    def payer(self) -> str:
        """The `fee_payer` value that agrees with the policy."""
        return "school" if self.school else "student"


def decide(sitting: Sitting, fees: m.FeePolicy) -> Funding:
    """The definition of school-funded: the candidate, the session and the policy in, who pays out."""
    attempt = sitting.earlier_attempts + 1
    if not sitting.enrolled:
        return Funding(False, NOT_ENROLLED, attempt)
    if not sitting.matched:
        return Funding(False, NOT_MATCHED, attempt)
    if sitting.level not in fees.school_funded_levels:
        return Funding(False, LEVEL_NOT_FUNDED, attempt)
    if fees.school_pays == "first_attempt" and sitting.earlier_attempts > 0:
        return Funding(False, RESIT, attempt)
    limit = fees.max_school_funded_per_student_year
    if limit is not None and sitting.funded_earlier_in_year >= limit:
        return Funding(False, YEARLY_LIMIT, attempt)
    return Funding(True, FUNDED, attempt)


def a_count_would_change(funding: Funding) -> bool:
    """Whether `funding` would be another answer with more earlier sittings — were the sitting a
    re-sit (under `school_pays: first_attempt`), or the student's yearly quota used (under
    `max_school_funded_per_student_year`): only an answer that `decide` reached past the sitting's
    own conditions (enrolled, matched, the level)."""
    return funding.reason in (FUNDED, YEARLY_LIMIT)


def yearly_limit_undecided(funding: Funding, at_least: int, at_most: int, limit: int | None) -> bool:
    """Whether `funding` rests on what is unknown under `max_school_funded_per_student_year`:
    the student had between `at_least` and `at_most` sittings earlier in the same year that are
    school-funded but for the limit (some unknown, or not placed), and the limit answers
    differently at the two ends. Only an answer that `decide` reached past the sitting's own
    conditions can move (`funded_earlier_in_year` is the smaller of the limit and that count)."""
    return limit is not None and a_count_would_change(funding) and (at_least < limit) != (at_most < limit)


def sitting_order(file: str, session: m.Session) -> tuple[dt.date, str]:
    """The order sittings are counted in: the session's date, then its file path."""
    return (session.date, file)


class SessionFunding(NamedTuple):
    """Who pays for the candidates of one session."""

    candidates: list[Funding]  # one per candidate, in the session's order
    school_funded: int  # school-funded sittings: a student listed twice sits, and is counted, once


def fund_all(
    sessions: Iterable[tuple[str, m.Session]],
    is_matched: Callable[[str, str], bool],
    fees: m.FeePolicy,
) -> dict[int, SessionFunding]:
    """Who pays for every candidate of `sessions` ((file, session) pairs), keyed by `id(session)`:
    attempts and yearly quotas counted across all of them in `sitting_order`.

    A session whose `date` is unknown (REG-002 salvaged it) has no place in that order and no
    year: it is left out (who pays is unknown, so FEE-001 says nothing about its candidates).

    Attempts and yearly quotas are counted only under the knobs that read them (`school_pays:
    first_attempt`, `max_school_funded_per_student_year`); under the others every sitting is
    decided as it stands, which `decide` answers the same, and `Funding.attempt` stays 1."""
    count_attempts = fees.school_pays == "first_attempt"
    count_years = fees.max_school_funded_per_student_year is not None
    attempts: dict[tuple[str, str, str], int] = defaultdict(int)  # (student, certificate, level)
    funded_in_year: dict[tuple[str, int], int] = defaultdict(int)  # (student, year)
    out: dict[int, SessionFunding] = {}
    dated = [(file, session) for file, session in sessions if session.date is not None]
    for _file, session in sorted(dated, key=lambda pair: sitting_order(*pair)):
        year, certificate, level = session.date.year, session.certificate, session.level
        # the same facts in one session get the same answer: each is decided once
        decided: dict[tuple[bool, str, int, int], Funding] = {}  # (enrolled, major, attempts, funded in year)
        listed: dict[str, Funding] = {}  # a student listed twice in one session (REG-003) sits once
        fundings: list[Funding] = []
        school_funded = 0
        for candidate in session.candidates:
            student = candidate.student  # None: unknown (REG-002), nobody else
            funding = listed.get(student) if student is not None else None
            if funding is None:
                enrolled, major = candidate.enrolled, candidate.major
                counted = student is not None
                earlier = attempts[student, certificate, level] if count_attempts and counted else 0
                funded_before = funded_in_year[student, year] if count_years and counted else 0
                facts = (enrolled, major, earlier, funded_before)
                funding = decided.get(facts)
                if funding is None:
                    sitting = Sitting(enrolled, is_matched(certificate, major), level, earlier, funded_before)
                    funding = decided[facts] = decide(sitting, fees)
                if counted:
                    if count_attempts:
                        attempts[student, certificate, level] = earlier + 1
                    if count_years and funding.school:
                        funded_in_year[student, year] += 1
                    listed[student] = funding
                school_funded += funding.school
            fundings.append(funding)
        out[id(session)] = SessionFunding(fundings, school_funded)
    return out


def capped_fee(catalogue_fee: int | None, level: str, fees: m.FeePolicy) -> int | None:
    """The fee the school counts for one candidate of `level`: the catalogue fee, at most the cap."""
    cap = fees.fee_caps.get(level)
    if catalogue_fee is None or cap is None:
        return catalogue_fee
    return min(catalogue_fee, cap)
