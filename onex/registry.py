"""The loaded registry, arranged for questions, with the shared queries every command asks.

Built once from :func:`onex.load.load`; `check`, `plan` and `report` all read this. Queries that
several rules need (certified teachers of a major, matched majors of a certificate, the fee of a
level, who pays each candidate, school-funded fees per year) are computed here once and cached, never per item.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import EllipsisType
from typing import TYPE_CHECKING, Any

from onex import fees
from onex import models as m
from onex.load import Loaded
from onex.records import Place, Record

if TYPE_CHECKING:
    from onex.problems import Finding


@dataclass
class CollegeRecords:
    id: str
    record: Record | None = None  # college.yaml
    instructors: Record | None = None
    adoptions: dict[str, Record] = field(default_factory=dict)  # certificate id -> record
    plans: dict[int, Record] = field(default_factory=dict)  # year -> record
    staff_plans: dict[int, Record] = field(default_factory=dict)
    trainings: list[Record] = field(default_factory=list)
    sessions: list[Record] = field(default_factory=list)

    @property
    def model(self) -> m.College | None:
        return self.record.model if self.record else None  # type: ignore[return-value]

    @property
    def name(self) -> str:
        return (self.model.name if self.model else None) or self.id

    def valid_adoptions(self) -> list[tuple[str, Record, m.Adoption]]:
        return [(cert, r, r.model) for cert, r in self.adoptions.items() if r.model is not None]  # type: ignore[misc]

    def active_adoptions(self) -> list[tuple[str, Record, m.Adoption]]:
        return [(c, r, a) for c, r, a in self.valid_adoptions() if a.status == "active"]

    def instructor_list(self) -> list[m.Instructor]:
        model = self.instructors.model if self.instructors else None
        return list(model.instructors) if model else []  # type: ignore[union-attr]

    @cached_property
    def instructors_by_id(self) -> dict[str, m.Instructor]:
        return {i.id: i for i in self.instructor_list()}

    @cached_property
    def instructor_index(self) -> dict[str, int]:
        """Instructor id -> its index in instructors.yaml (the first, when an id repeats)."""
        out: dict[str, int] = {}
        for index, instructor in enumerate(self.instructor_list()):
            out.setdefault(instructor.id, index)
        return out

    @cached_property
    def majors_by_code(self) -> dict[str, m.Major]:
        return {major.code: major for major in (self.model.majors if self.model else [])}

    @cached_property
    def courses_by_code(self) -> dict[str, m.Course]:
        return {course.code: course for course in (self.model.courses if self.model else [])}

    @property
    def leader_names(self) -> set[str]:
        return {
            leader.name for leader in (self.model.leaders if self.model else []) if leader.name is not None
        }

    @property
    def leader_in_charge(self) -> m.Leader | None:
        """The college's one leader with `in_charge: true` (None when there is not exactly one, or
        when a leader's `name` or `in_charge` is unknown: approvals are then not judged, §4.1)."""
        record = self.record
        if record is None or not all(record.known("leaders", ..., key) for key in ("name", "in_charge")):
            return None
        leaders = [leader for leader in self.model.leaders if leader.in_charge]
        return leaders[0] if len(leaders) == 1 else None

    def valid_records(self, records: list[Record]) -> list[Record]:
        return [r for r in records if r.model is not None]

    @cached_property
    def dated_activities(self) -> list[tuple[Record, str, dt.date, str]]:
        """Valid trainings and sessions of the college as (record, date field, date, certificate):
        a training is dated by its `start`, a session by its `date`."""
        out: list[tuple[Record, str, dt.date, str]] = []
        for record in self.trainings:
            if record.known("start") and record.known("certificate"):
                out.append((record, "start", record.model.start, record.model.certificate))
        for record in self.sessions:
            if record.known("date") and record.known("certificate"):
                out.append((record, "date", record.model.date, record.model.certificate))
        return out


# what makes a certified teacher (SPEC §3): of the instructor, and of each qualification (never its
# `number`: a broken number, REG-002, leaves who is certified known)
COUNTED: tuple[tuple[str | EllipsisType, ...], ...] = (
    ("id",),
    ("employment",),
    ("majors",),
    *(("qualifications", ..., field) for field in ("certificate", "kind", "issued_on", "expires_on")),
)


def _never_certified(record: Record, index: int, instructor: m.Instructor) -> bool:
    """An instructor known to hold no qualification at all certifies nothing, whatever another
    broken field of theirs (majors, id) would say."""
    return record.known("instructors", index, "qualifications") and not instructor.qualifications


def majors_once(adoption: m.Adoption) -> list[tuple[int, m.AdoptedMajor]]:
    """An adoption's `majors` items with their model indexes, each code once (the first): an item
    listed twice is REG-003 once and counted once by every other rule (SPEC §4.1). An item whose
    code is unknown (REG-002) repeats nothing."""
    seen: set[str] = set()
    out = []
    for index, major in enumerate(adoption.majors):
        if major.code is None or major.code not in seen:
            seen.add(major.code)
            out.append((index, major))
    return out


def candidates_once(session: m.Session) -> list[m.Candidate]:
    """A session's candidates, each student once (the first listing): a student listed twice is
    REG-003 once and one sitting, one fee and one result for every other rule and figure (SPEC
    §4.1; onex/fees.py gives both listings the first's funding). A candidate whose student number
    is unknown (REG-002) repeats nobody."""
    seen: set[str] = set()
    out = []
    for candidate in session.candidates:
        if candidate.student is None or candidate.student not in seen:
            seen.add(candidate.student)
            out.append(candidate)
    return out


@dataclass(frozen=True)
class CatalogueItem:
    org: str
    record: Record
    entry: m.CatalogueEntry


class Registry:
    def __init__(self, loaded: Loaded, policy: m.Policy | None = None) -> None:
        """`policy`, when given, replaces onex.yaml's (`onex test` runs a fixture registry under the
        policy of the registry that holds it)."""
        self.root: Path = loaded.root
        self._policy = policy
        self.loaded = loaded
        self.records = loaded.records
        self.files = loaded.files
        self.institution_record: Record | None = None
        self.orgs: dict[str, Record] = {}
        self.colleges: dict[str, CollegeRecords] = {}
        self.failed: list[Place] = loaded.failed
        self._by_kind: dict[str, list[Record]] = defaultdict(list)
        self._known_places: dict[tuple[Place, tuple], bool] = {}
        # rule id -> findings of the rules that find references to nothing (onex.engine.resolve)
        self.unresolved: dict[str, list[Finding]] | None = None
        for record in loaded.records:
            self._by_kind[record.kind].append(record)
            self._place(record)

    # --- what is known (SPEC §4.1) -------------------------------------------------------------

    def mark_unresolved(self, found: Iterable[tuple[Record, tuple[str | int, ...]]]) -> None:
        """Each (record, path) is a reference to nothing (REG-004): what it means is unknown.
        `onex.engine.resolve` finds them once per registry, before anyone asks `known`."""
        for record, path in found:
            record.unknown = record.unknown | {path}
        self._known_places.clear()  # answers given while they were being found

    def known(self, where: Record | Place, *path: str | int) -> bool:
        """THE question a rule asks before it concludes anything from a value or from an absence.

        `known(record, *path)`: the value at `path` in `record` (model indexes; `()` for the whole
        record) was read and is fully valid. `known(Place(kind, college, id, year), *path)`: what
        the registry holds there is complete: no file that failed to read could have been such a
        record (None in the place matches any college, id or year), and every record there knows
        `path`. So "there is no plan for 2027" is concluded only when
        `known(Place("plan", college, year=2027))`, and "the major is not in college.yaml" only
        when `known(Place("college", college), "majors")`.
        """
        if isinstance(where, Record):
            return where.known(*path)
        question = (where, path)
        answer = self._known_places.get(question)
        if answer is None:  # the registry does not change: each question is answered once
            answer = not any(failed.covers(where) for failed in self.failed) and all(
                record.known(*path)
                for record in self._by_kind.get(where.kind, ())
                if record.place.covers(where)
            )
            self._known_places[question] = answer
        return answer

    def _place(self, record: Record) -> None:
        if record.kind == "institution":
            self.institution_record = record
            return
        if record.kind == "org":
            self.orgs[record.id or ""] = record
            return
        college = self.colleges.setdefault(record.college or "", CollegeRecords(record.college or ""))
        if record.kind == "college":
            college.record = record
        elif record.kind == "instructors":
            college.instructors = record
        elif record.kind == "adoption":
            college.adoptions[record.id or ""] = record
        elif record.kind == "plan":
            college.plans[record.year or 0] = record
        elif record.kind == "staff_plan":
            college.staff_plans[record.year or 0] = record
        elif record.kind == "training":
            college.trainings.append(record)
        elif record.kind == "session":
            college.sessions.append(record)

    # --- settings -------------------------------------------------------------------------

    @cached_property
    def settings(self) -> m.Institution:
        """onex.yaml as validated, or defaults when it is broken (its problems are reported)."""
        model = self.institution_record.model if self.institution_record else None
        if not isinstance(model, m.Institution):
            model = m.Institution(institution=m.InstitutionInfo(name="?"))
        model = _defaults_for_unknown(model)
        info = model.institution
        if info is None or info.name is None:  # broken (REG-002): named as a broken onex.yaml is
            known = m.InstitutionInfo(name="?", code=info.code if info is not None else None)
            model = model.model_copy(update={"institution": known})
        if self._policy is not None:
            return model.model_copy(update={"policy": self._policy})
        return model

    @property
    def policy(self) -> m.Policy:
        return self.settings.policy

    @property
    def waiver_reasons(self) -> list[str]:
        """The `reason` of each waiver of onex.yaml, by index (`Problem.waiver`)."""
        model = self.institution_record.model if self.institution_record else None
        return [waiver.reason for waiver in model.waivers] if isinstance(model, m.Institution) else []

    @cached_property
    def exam_site_ids(self) -> set[str]:
        return {site.id for site in self.settings.exam_sites}

    # --- catalogue ------------------------------------------------------------------------

    @cached_property
    def catalogue(self) -> dict[str, CatalogueItem]:
        """Certificate id -> its catalogue entry (the first org that lists it; REG-003 reports repeats)."""
        out: dict[str, CatalogueItem] = {}
        for org_id, record in sorted(self.orgs.items()):
            if isinstance(record.model, m.Org):
                for cert, entry in record.model.certificates.items():
                    out.setdefault(cert, CatalogueItem(org_id, record, entry))
        return out

    def certificate_name(self, cert: str) -> str:
        item = self.catalogue.get(cert)
        return item.entry.name if item else cert

    def catalogue_fee(self, cert: str, level: str) -> int | None:
        """The organisation's fee for one candidate of `cert` at `level`, as its catalogue lists it."""
        item = self.catalogue.get(cert)
        level_fee = item.entry.levels.get(level) if item else None
        return level_fee.fee if level_fee else None

    def fee(self, cert: str, level: str) -> int | None:
        """The fee counted for one candidate: the catalogue fee, at most `policy.fees.fee_caps`."""
        return fees.capped_fee(self.catalogue_fee(cert, level), level, self.policy.fees)

    def batches(self, cert: str) -> dict[str, m.Batch]:
        item = self.catalogue.get(cert)
        org = self.orgs.get(item.org) if item else None
        if org is None or not isinstance(org.model, m.Org):
            return {}
        return {batch.id: batch for batch in org.model.batches}

    # --- colleges and people ----------------------------------------------------------------

    def college_list(self) -> list[CollegeRecords]:
        return [self.colleges[c] for c in sorted(self.colleges)]

    @cached_property
    def all_major_codes(self) -> set[str]:
        """The codes of every major of every college."""
        return {code for college in self.colleges.values() for code in college.majors_by_code}

    def major_name(self, code: str) -> str:
        for college in self.colleges.values():
            major = college.majors_by_code.get(code)
            if major:
                return major.name
        return code

    @cached_property
    def matched_majors(self) -> dict[str, set[str]]:
        """Certificate id -> majors listed by some active adoption of it, in any college (SPEC §3)."""
        out: dict[str, set[str]] = defaultdict(set)
        for college in self.colleges.values():
            for cert, _record, adoption in college.active_adoptions():
                out[cert].update(major.code for major in adoption.majors)
        return dict(out)

    def is_matched(self, cert: str, major: str) -> bool:
        return major in self.matched_majors.get(cert, ())

    def funding_known(self, session: Record, index: int) -> bool:
        """Whether who pays for candidate `index` of `session` is known: the session's date,
        certificate and level, the candidate's `enrolled` and `major`, every adoption of the
        certificate, under `school_pays: first_attempt` whether the student sat it before, and
        under `max_school_funded_per_student_year` how many school-funded sittings the student
        had earlier that year."""
        return (
            self.known(session, "date")
            and self._sitting_known(session, index)
            and not self._may_have_sat_before(session, index)
            and not self._may_have_used_the_limit(session, index)
        )

    def _sitting_known(self, session: Record, index: int) -> bool:
        """Whether the conditions of candidate `index` of `session` on its own are known (enrolled,
        matched, the level): the candidate's `enrolled` and `major`, the session's certificate and
        level, every adoption of the certificate."""
        adoptions = Place("adoption", None, session.model.certificate)
        return (
            self.known(session, "certificate")
            and self.known(session, "level")
            and self.known(session, "candidates", index, "enrolled")
            and self.known(session, "candidates", index, "major")
            and self.known(adoptions, "status")
            and self.known(adoptions, "majors", ..., "code")
        )

    def _may_have_sat_before(self, session: Record, index: int) -> bool:
        """Under `school_pays: first_attempt`, whether a sitting the registry cannot place (see
        `_unplaced_sittings`) may be an earlier attempt of this candidate at the session's
        certificate and level, and so change who pays (SPEC §4.1: nothing is concluded from an
        unknown). An answer that a re-sit would not change is known as it stands."""
        found = self.session_funding(session.model)
        if self.policy.fees.school_pays != "first_attempt" or found is None:
            return False
        if not fees.a_count_would_change(found.candidates[index]):
            return False
        if not self.known(session, "candidates", index, "student"):
            return True
        model: m.Session = session.model
        order = fees.sitting_order(session.file, model)
        unplaced = self._unplaced_sittings
        return any(
            certificate in (None, model.certificate)
            and level in (None, model.level)
            and (when is None or when < order)
            for certificate, level, when in (
                *unplaced.get(model.candidates[index].student, ()),
                *unplaced.get(None, ()),
            )
        )

    @cached_property
    def _unplaced_sittings(self) -> dict[str | None, list[tuple[str | None, str | None, tuple | None]]]:
        """Listings whose student number, session certificate, level or date is unknown, so that
        they cannot be counted among a student's attempts: student (None: unknown, any student)
        -> [(certificate, level, sitting order)], each None when unknown. A session file that
        could not be read may hold any sitting."""
        out: dict[str | None, list[tuple[str | None, str | None, tuple | None]]] = defaultdict(list)
        if any(place.kind == "session" for place in self.failed):
            out[None].append((None, None, None))
        for _college, record, session in self.sessions():
            certificate = session.certificate if self.known(record, "certificate") else None
            level = session.level if self.known(record, "level") else None
            when = fees.sitting_order(record.file, session) if self.known(record, "date") else None
            if ("candidates",) in record.unknown:  # the list itself broke: anyone may be on it
                out[None].append((certificate, level, when))
            placed = None not in (certificate, level, when)
            if placed and not any(path[:1] == ("candidates",) for path in record.unknown):
                continue  # every listing of the session is placed (the usual case)
            for index, candidate in enumerate(session.candidates):
                student = candidate.student if self.known(record, "candidates", index, "student") else None
                if student is None or not placed:
                    out[student].append((certificate, level, when))
        return dict(out)

    def _may_have_used_the_limit(self, session: Record, index: int) -> bool:
        """Under `max_school_funded_per_student_year: N`, whether sittings whose part in the
        student's count is unknown may change who pays for candidate `index` of `session` (SPEC
        §4.1): earlier sittings of the same year that may be the student's and school-funded but
        for the limit — an unplaced one (see `_yearly_sittings`: a listing of unknown student or
        date, a broken list of candidates, an unreadable session file) or one of the student's
        whose own conditions are unknown. An answer they cannot change is known as it stands."""
        limit = self.policy.fees.max_school_funded_per_student_year
        found = self.session_funding(session.model)
        if limit is None or found is None:
            return False
        funding = found.candidates[index]
        if not fees.a_count_would_change(funding):
            return False  # decided before the limit (not enrolled, not matched, the level, a re-sit)
        if not self.known(session, "candidates", index, "student"):
            return True  # anyone: any number of earlier sittings
        model: m.Session = session.model
        order = fees.sitting_order(session.file, model)
        year = model.date.year

        def earlier(when: tuple | None) -> bool:  # None: in any year, at any time
            return when is None or (when[0].year == year and when < order)

        by_student, anyone = self._yearly_sittings
        mine = by_student.get(model.candidates[index].student, {})
        at_least = at_most = 0
        for when, uses in mine.values():
            if uses is not False and earlier(when):
                at_most += 1
                at_least += uses is True and when is not None
        # a session that lists the student is decided by that listing (one student sits once)
        at_most += sum(1 for key, when in anyone if key not in mine and earlier(when))
        return fees.yearly_limit_undecided(funding, at_least, at_most, limit)

    @cached_property
    def _yearly_sittings(
        self,
    ) -> tuple[dict[str, dict[object, tuple[tuple | None, bool | None]]], list[tuple[object, tuple | None]]]:
        """The sittings the yearly limit counts, for `_may_have_used_the_limit`: student ->
        {session: (sitting order or None when the date is unknown, whether it is school-funded but
        for the limit: True, False or None when unknown)}, one per session (a student listed twice
        sits once, the first); and [(session, sitting order or None)] for the sessions that may
        hold a school-funded sitting of anyone: a listing of unknown student (unless its own
        conditions say it is not funded), a broken list of candidates, a session file that could
        not be read. Each session is one sitting at most for any one student."""
        by_student: dict[str, dict[object, tuple[tuple | None, bool | None]]] = defaultdict(dict)
        anyone: list[tuple[object, tuple | None]] = [
            (place, None) for place in self.failed if place.kind == "session"
        ]
        for _college, record, session in self.sessions():
            when = fees.sitting_order(record.file, session) if self.known(record, "date") else None
            unknown_student = ("candidates",) in record.unknown  # the list itself broke
            for index, candidate in enumerate(session.candidates):
                if not self.known(record, "candidates", index, "student"):
                    unknown_student = (
                        unknown_student or self._funded_but_for_the_limit(record, index) is not False
                    )
                    continue
                by_student[candidate.student].setdefault(
                    record, (when, self._funded_but_for_the_limit(record, index))
                )
            if unknown_student:
                anyone.append((record, when))
        return dict(by_student), anyone

    def _funded_but_for_the_limit(self, session: Record, index: int) -> bool | None:
        """Whether candidate `index` of `session` is school-funded by every condition before the
        yearly limit (`fees.decide`'s own order), so that it counts towards the limit of the
        sittings after it; None when that is unknown."""
        if not self._sitting_known(session, index):
            return None
        model: m.Session = session.model
        candidate = model.candidates[index]
        on_its_own = fees.decide(
            fees.Sitting(
                candidate.enrolled, self.is_matched(model.certificate, candidate.major), model.level
            ),
            self.policy.fees,
        )
        if not on_its_own.school:
            return False  # not enrolled, not matched, or a level the school does not fund
        if self.policy.fees.school_pays != "first_attempt":
            return True
        found = self.session_funding(model)
        if found is None or not self.known(session, "candidates", index, "student"):
            return None  # which attempt it is cannot be known
        if found.candidates[index].reason == fees.RESIT:
            return False  # a known earlier attempt stays one
        return None if self._may_have_sat_before(session, index) else True

    @cached_property
    def _qualified(self) -> dict[tuple[str, str, str], list[tuple[m.Instructor, m.Qualification]]]:
        """(college, major, certificate) -> full-time instructors with a trainer/examiner
        qualification for it, whatever its dates (filtered by date in certified_teachers)."""
        out: dict[tuple[str, str, str], list[tuple[m.Instructor, m.Qualification]]] = defaultdict(list)
        for college in self.colleges.values():
            for instructor in college.instructor_list():
                if instructor.employment != "full_time":
                    continue
                for qualification in instructor.qualifications:
                    for major in instructor.majors:
                        out[(college.id, major, qualification.certificate)].append(
                            (instructor, qualification)
                        )
        return dict(out)

    def teachers_countable(self, college: CollegeRecords, adoption: Record, index: int) -> bool:
        """Whether the certified teachers of the adoption's `majors[index]` can be counted: its
        code is known (neither broken, REG-002, nor a major the college lacks, REG-004) and so is
        everything that makes a certified teacher of every instructor of the college who may be
        one (SPEC §4.1): every instructor's `employment`, and the rest of `COUNTED` of each one
        not known to be part-time and not known to hold no qualification (neither ever counts,
        whatever the broken field would say). STAFF-001/002, `report` and `diff` all ask this
        before they count."""
        return self.known(adoption, "majors", index, "code") and self._teachers_known.get(college.id, False)

    @cached_property
    def _teachers_known(self) -> dict[str, bool]:
        """College -> whether who is a certified teacher there is known (`teachers_countable`)."""
        out = {}
        for college in self.colleges:
            place = Place("instructors", college)
            # a file that failed, a list or an instructor unknown, or whether one is part-time
            known = self.known(place, "instructors", ..., "employment")
            for record in self._by_kind.get("instructors", ()) if known else ():
                if record.place.covers(place):
                    known = known and all(
                        record.known("instructors", i, *path)
                        for i, instructor in enumerate(record.model.instructors)
                        if instructor.employment == "full_time"
                        and not _never_certified(record, i, instructor)
                        for path in COUNTED
                    )
            out[college] = known
        return out

    def certified_teachers(self, college: str, major: str, cert: str, on: dt.date) -> list[m.Instructor]:
        """Full-time instructors of `college` teaching `major` with a valid trainer or examiner
        qualification for `cert` on `on` (SPEC §3); part-time teachers never count (§4.3.1)."""
        seen: dict[str, m.Instructor] = {}
        for instructor, qualification in self._qualified.get((college, major, cert), ()):
            if qualification.issued_on is not None and qualification.valid_on(on):
                seen.setdefault(instructor.id, instructor)
        return list(seen.values())

    # --- fees -----------------------------------------------------------------------------

    def sessions(self) -> list[tuple[CollegeRecords, Record, m.Session]]:
        return [
            (college, record, record.model)  # type: ignore[misc]
            for college in self.college_list()
            for record in college.sessions
            if record.model is not None
        ]

    @cached_property
    def _funding(self) -> dict[int, fees.SessionFunding]:
        return fees.fund_all(  # a session of unknown date is owed in some year, not known which
            ((record.file, session) for _college, record, session in self.sessions() if record.known("date")),
            self.is_matched,
            self.policy.fees,
        )

    def session_funding(self, session: m.Session) -> fees.SessionFunding | None:
        """Who pays for each candidate of `session` (one of this registry's sessions), and how
        many of them the school pays for: the one definition of school-funded (onex/fees.py),
        never re-derived elsewhere. None when it cannot be known: the session's date is unknown
        (attempts are counted in date order)."""
        return self._funding.get(id(session))

    @cached_property
    def _funding_by_candidate(self) -> dict[int, fees.Funding]:
        return {
            id(candidate): funding
            for _college, _record, session in self.sessions()
            if (found := self.session_funding(session)) is not None
            for candidate, funding in zip(session.candidates, found.candidates, strict=True)
        }

    def funding(self, candidate: m.Candidate) -> fees.Funding | None:
        """Who pays `candidate`'s fee and why (`session_funding`, for one candidate)."""
        return self._funding_by_candidate.get(id(candidate))

    def is_school_funded(self, candidate: m.Candidate) -> bool:
        funding = self.funding(candidate)
        return funding is not None and funding.school

    def school_funded_sittings(self, session: m.Session) -> int:
        """How many of `session`'s candidates are school-funded, a student listed twice counted
        once (REG-003: one sitting, one fee); 0 when the session's date is unknown."""
        found = self.session_funding(session)
        return found.school_funded if found is not None else 0

    @cached_property
    def school_funded_fees_by_college(self) -> dict[int, dict[str, int]]:
        """Year -> college id -> registration fees the school pays for that college's sessions:
        every school-funded candidate listed, absent or not, at the level's fee."""
        out: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for college, record, session in self.sessions():
            if not record.known("date"):
                continue
            fee = self.fee(session.certificate, session.level) or 0
            out[session.date.year][college.id] += fee * self.school_funded_sittings(session)
        return {year: dict(by_college) for year, by_college in out.items()}

    @cached_property
    def school_funded_fees(self) -> dict[int, int]:
        """Year -> registration fees the school pays (`school_funded_fees_by_college` summed)."""
        return {
            year: sum(by_college.values()) for year, by_college in self.school_funded_fees_by_college.items()
        }


def _defaults_for_unknown(model: Any) -> Any:
    """A setting that was unknown (invalid, hence reported as REG-002, and left None by the
    salvage) takes its default, all the way down: a rule, `report` or `plan` compares with
    `policy.min_certified_per_major` or adds `results_report_days` days, never with None."""
    from pydantic import BaseModel
    from pydantic_core import PydanticUndefined

    updates: dict[str, Any] = {}
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            fixed = _defaults_for_unknown(value)
            if fixed is not value:
                updates[name] = fixed
        elif value is None and info.default is not None and info.default is not PydanticUndefined:
            updates[name] = copy.deepcopy(info.default)
    return model.model_copy(update=updates) if updates else model
