"""The records of a registry (SPEC §2) as pydantic v2 models.

Models hold values only; where each value came from lives in :class:`onex.records.Record`.
Every model forbids unknown fields and validates strictly: YAML 1.1 habits (`no` for false,
unquoted `0123` codes, numbers where dates belong) become REG-002 problems instead of silent
conversions. Enum fields accept the Chinese aliases of SPEC §2 and hold the English value.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from onex.enums import ENUMS  # English value -> accepted Chinese aliases (SPEC §2)

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
CODE_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z._-]*$"


def _enum(name: str) -> Any:
    english = ENUMS[name]
    aliases = {zh: en for en, zh in english.items()}

    def to_english(value: Any) -> Any:
        return aliases.get(value, value) if isinstance(value, str) else value

    literal = Literal[tuple(english)]  # type: ignore[valid-type]
    return Annotated[literal, BeforeValidator(to_english)]


Status = _enum("status")
Role = _enum("role")
Level = _enum("level")
Employment = _enum("employment")
QualificationKind = _enum("kind")
Result = _enum("result")
FeePayer = _enum("fee_payer")
ReimbursementStatus = _enum("reimbursement")
StaffTrainingStatus = _enum("staff_training")
Source = _enum("source")

Id = Annotated[str, Field(pattern=ID_PATTERN)]
Code = Annotated[str, Field(pattern=CODE_PATTERN)]
Name = Annotated[str, Field(min_length=1)]
StaffId = Code  # a staff number: not a file name, so upper case is fine (T2019001)
# Sane maxima (issue 19): far above any real college, far below what overflows arithmetic in
# report/plan (10**400 as a fee). Past them a value is REG-002; docs/registry.md lists them.
MAX_MONEY = 1_000_000_000  # yuan: a fee, a budget, an allocation
MAX_COUNT = 1_000_000  # students, candidates, participants, certified teachers
MAX_DAYS = 3660  # a policy period in days: ten years
MAX_HOURS = 10_000  # training hours
MAX_SCORE = 1000
Money = Annotated[int, Field(ge=0, le=MAX_MONEY)]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
Days = Annotated[int, Field(ge=0, le=MAX_DAYS)]
Hours = Annotated[int, Field(ge=0, le=MAX_HOURS)]
Year = Annotated[int, Field(ge=1900, le=2999)]
Month = Annotated[str, Field(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$")]
# a real month-day (SPEC §4.2): 02-29 is allowed (Feb 28 in a common year), 02-30 and 04-31 are not
MonthDay = Annotated[
    str,
    Field(
        pattern=r"^(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31|02-29)$"
    ),
]
StudentNumber = Annotated[str, Field(pattern=r"^[0-9A-Za-z]+$")]  # ASCII letters and digits (SPEC §4.2)
Date = dt.date


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True, frozen=False)


# --- shared pieces ---------------------------------------------------------------------------


class Approval(Record):
    by: Name
    on: Date
    ref: str | None = None


class Signed(Record):
    """Who did something and when (plan filing, certificate issuing)."""

    by: Name
    on: Date


# --- onex.yaml -------------------------------------------------------------------------------


class InstitutionInfo(Record):
    name: Name
    code: str | None = None


class Office(Record):
    name: Name = "教务处"
    platform_admins: list[Name] = []


class ExamSite(Record):
    id: Name
    name: Name


class FeePolicy(Record):
    """policy.fees: the fee knobs (§6); the defaults are the measures as written (onex/fees.py)."""

    school_pays: Literal["every_attempt", "first_attempt"] = "every_attempt"
    max_school_funded_per_student_year: Annotated[int, Field(ge=1, le=MAX_COUNT)] | None = None
    school_funded_levels: list[Level] = list(ENUMS["level"])
    college_allocations: dict[Id, Money] = {}
    fee_caps: dict[Level, Money] = {}


class Policy(Record):
    min_certified_per_major: Count = 2
    recommended_certified_per_major: Count = 3
    annual_plan_deadline: MonthDay = "03-31"
    results_report_days: Days = 30
    expiry_warning_days: Days = 90
    severity: dict[str, Literal["error", "warning"]] = {}
    fees: FeePolicy = FeePolicy()


class Waiver(Record):
    rule: Annotated[str, Field(pattern=r"^[A-Z]+-[0-9]{3}$")]
    college: Id | None = None
    file: str | None = None  # a file, or a folder ending in `/` (everything under it)
    reason: Name  # reason, approved_by and expires_on are required (SPEC §4.2)
    approved_by: Name
    expires_on: Date


class AgendaSettings(Record):
    budget_warning: Annotated[int, Field(ge=1, le=100)] = 90  # percent of a year's fee_budget


class Limits(Record):
    max_file_bytes: Annotated[int, Field(gt=0)] | None = None


# `onex import KIND`: the fields a spreadsheet column may be mapped to (docs/data.md).
IMPORT_FIELDS: dict[str, tuple[str, ...]] = {
    "results": ("student", "name", "major", "score", "result", "certificate_no"),
    "candidates": (
        "file", "student", "name", "major", "enrolled", "result", "score", "certificate_no", "fee_payer",
    ),
    "instructors": (
        "college", "id", "name", "employment", "source", "majors",
        "certificate", "kind", "number", "issued_on", "expires_on",
    ),
    "adoptions": (
        "college", "certificate", "lead", "status", "filed_on", "retired_on", "retirement_note",
        "replaced_by", "levels", "job_standard_ref", "job_standard_adopted_on",
        "integration_standard_ref", "integration_standard_adopted_on", "training_standard_ref",
        "training_standard_adopted_on", "major", "role", "module", "courses", "training",
    ),
}  # fmt: skip


def _mapping(kind: str) -> Any:
    """A saved column mapping: spreadsheet header -> field (empty: ignore the column)."""
    return dict[Name, Literal[tuple(IMPORT_FIELDS[kind])] | None]  # type: ignore[valid-type]


class ImportMappings(Record):
    results: _mapping("results") = {}  # type: ignore[valid-type]
    candidates: _mapping("candidates") = {}  # type: ignore[valid-type]
    instructors: _mapping("instructors") = {}  # type: ignore[valid-type]
    adoptions: _mapping("adoptions") = {}  # type: ignore[valid-type]


class Institution(Record):
    institution: InstitutionInfo
    office: Office = Office()
    exam_sites: list[ExamSite] = []
    fee_budget: dict[Year, Money] = {}
    policy: Policy = Policy()
    waivers: list[Waiver] = []
    planning: dict[str, Any] | None = None  # validated by onex.plan
    limits: Limits = Limits()
    agenda: AgendaSettings = AgendaSettings()
    imports: ImportMappings = ImportMappings()


# --- orgs/<org>.yaml -------------------------------------------------------------------------


class LevelFee(Record):
    fee: Money


class CatalogueEntry(Record):
    name: Name
    levels: dict[Level, LevelFee] = {}
    modules: list[Name] = []


class Batch(Record):
    id: Name
    start: Date = Field(alias="from")
    end: Date = Field(alias="to")


class Org(Record):
    id: Id | None = None
    name: Name
    certificates: dict[Id, CatalogueEntry] = {}
    batches: list[Batch] = []


# --- colleges/<college>/college.yaml ---------------------------------------------------------


class Leader(Record):
    name: Name
    role: str | None = None
    in_charge: bool = False


class Programme(Record):
    version: int | str | None = None
    certificates: list[Id] = []


class Major(Record):
    code: Code
    name: Name
    group: str | None = None
    cohorts: dict[Year, Count] = {}
    programme: Programme | None = None


class Course(Record):
    code: Name
    name: Name
    majors: list[Code] = []


class College(Record):
    id: Id | None = None
    name: Name
    leaders: list[Leader] = []
    working_group: list[Name] = []
    exam_group: list[Name] = []
    majors: list[Major] = []
    courses: list[Course] = []


# --- colleges/<college>/instructors.yaml -----------------------------------------------------


class Qualification(Record):
    certificate: Id
    kind: QualificationKind
    number: str | None = None
    issued_on: Date
    expires_on: Date | None = None

    def valid_on(self, day: dt.date) -> bool:
        return self.issued_on <= day and (self.expires_on is None or self.expires_on >= day)


class Instructor(Record):
    id: StaffId
    name: Name
    employment: Employment
    source: Source | None = None
    majors: list[Code] = []
    qualifications: list[Qualification] = []


class Instructors(Record):
    instructors: list[Instructor] = []


# --- colleges/<college>/certificates/<cert>.yaml ---------------------------------------------


class AdoptedMajor(Record):
    code: Code
    role: Role


class Standard(Record):
    ref: Name
    adopted_on: Date | None = None


class Coverage(Record):
    courses: list[Name] = []
    training: bool = False


class Adoption(Record):
    id: Id | None = None
    lead: StaffId | None = None
    status: Status = "active"
    filed_on: Date | None = None
    retired_on: Date | None = None
    retirement_note: str | None = None
    replaced_by: Id | None = None
    levels: list[Level] = []
    majors: list[AdoptedMajor] = []
    job_standard: Standard | None = None
    integration_standard: Standard | None = None
    training_standard: Standard | None = None
    coverage: dict[str, Coverage | None] = {}


# --- colleges/<college>/plans/<year>.yaml ----------------------------------------------------


class PlanItem(Record):
    certificate: Id
    level: Level
    majors: list[Code] = []
    candidates: Count = 0
    batch: str | None = None
    training_hours: Hours | None = None


class Facility(Record):
    name: Name
    certificates: list[Id] = []
    budget: Money | None = None
    plan_ref: str | None = None


class Plan(Record):
    year: Year
    approval: Approval | None = None
    filed: Signed | None = None
    aggregated_on: Date | None = None
    items: list[PlanItem] = []
    facilities: list[Facility] = []


# --- colleges/<college>/staff-plans/<year>.yaml ----------------------------------------------


class StaffTraining(Record):
    instructor: StaffId
    certificate: Id
    kind: QualificationKind
    month: Month | None = None
    status: StaffTrainingStatus = "planned"


class StaffPlan(Record):
    year: Year
    approval: Approval | None = None
    trainings: list[StaffTraining] = []


# --- colleges/<college>/trainings/<year>/<id>.yaml -------------------------------------------


class Inspection(Record):
    on: Date
    by: Name
    note: str | None = None


class Training(Record):
    id: Id | None = None
    certificate: Id
    level: Level | None = None
    team: list[StaffId] = []
    modules: list[Name] = []
    hours: Annotated[float, Field(ge=0, le=MAX_HOURS, allow_inf_nan=False)] | None = None
    start: Date
    end: Date
    participants: Count | None = None
    approval: Approval | None = None
    inspections: list[Inspection] = []


# --- colleges/<college>/sessions/<year>/<id>.yaml --------------------------------------------


class Reimbursement(Record):
    status: ReimbursementStatus
    finance_ref: str | None = None


class Candidate(Record):
    student: StudentNumber
    name: Name
    major: Code
    enrolled: bool = True
    result: Result = "pending"
    score: Annotated[float, Field(ge=0, le=MAX_SCORE, allow_inf_nan=False)] | None = None
    certificate_no: str | None = None
    fee_payer: FeePayer | None = None


class Session(Record):
    id: Id | None = None
    certificate: Id
    level: Level
    batch: str
    date: Date
    site: Name
    approval: Approval | None = None
    inspector: str | None = None
    results_reported_on: Date | None = None
    certificates_issued: Signed | None = None
    reimbursement: Reimbursement | None = None
    candidates: list[Candidate] = []


# kind -> model; the loader picks the kind from the file's place in the layout.
MODELS: dict[str, type[Record]] = {
    "institution": Institution,
    "org": Org,
    "college": College,
    "instructors": Instructors,
    "adoption": Adoption,
    "plan": Plan,
    "staff_plan": StaffPlan,
    "training": Training,
    "session": Session,
}
