"""Every record kind of a registry as a flat table: what `onex export` writes, what `onex query`
reads and what `onex import` takes back.

One row per record or list item; lists of codes or names in one cell, joined with `;`. Every
table starts with `institution` (onex.yaml's `institution.name`, so tables of many registries
can be stacked), `college` and `file` (the record's file, relative to the registry root). Columns
marked *derived* are computed by the registry's shared queries (never re-derived here) and are
ignored on import. docs/data.md lists the tables; a test keeps it in step with this module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from onex import models as m
from onex.registry import Registry, majors_once

LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # the SQL type: VARCHAR, DATE, INTEGER, DOUBLE, BOOLEAN
    doc: str
    derived: bool = False


@dataclass(frozen=True)
class Table:
    name: str
    doc: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def _c(name: str, type_: str, doc: str, derived: bool = False) -> Column:
    return Column(name, type_, doc, derived)


_WHERE = (
    _c("institution", "VARCHAR", "the institution (onex.yaml `institution.name`)"),
    _c("college", "VARCHAR", "the college id (its folder name)"),
    _c("file", "VARCHAR", "the record's file, relative to the registry root"),
)
_APPROVAL = (
    _c("approval_by", "VARCHAR", "`approval.by`"),
    _c("approval_on", "DATE", "`approval.on`"),
    _c("approval_ref", "VARCHAR", "`approval.ref`"),
)


def _standard(name: str) -> tuple[Column, ...]:
    return (
        _c(f"{name}_ref", "VARCHAR", f"`{name}.ref`"),
        _c(f"{name}_adopted_on", "DATE", f"`{name}.adopted_on`"),
    )


TABLES: tuple[Table, ...] = (
    Table(
        "instructors",
        "colleges/<college>/instructors.yaml: one row per instructor",
        (
            *_WHERE,
            _c("id", "VARCHAR", "staff number"),
            _c("name", "VARCHAR", "name"),
            _c("employment", "VARCHAR", "full_time or part_time"),
            _c("source", "VARCHAR", "part-time only: org or industry"),
            _c("majors", "VARCHAR", "major codes taught, `;`-separated"),
        ),
    ),
    Table(
        "qualifications",
        "one row per qualification of an instructor",
        (
            *_WHERE,
            _c("instructor", "VARCHAR", "the instructor's id"),
            _c("certificate", "VARCHAR", "catalogue id"),
            _c("kind", "VARCHAR", "trainer or examiner"),
            _c("number", "VARCHAR", "qualification certificate number"),
            _c("issued_on", "DATE", "issued on"),
            _c("expires_on", "DATE", "expires on (empty: does not expire)"),
            _c("valid", "BOOLEAN", "valid at the as-of date (SPEC §3)", derived=True),
        ),
    ),
    Table(
        "adoptions",
        "colleges/<college>/certificates/<certificate>.yaml: one row per adopted certificate",
        (
            *_WHERE,
            _c("certificate", "VARCHAR", "catalogue id (the file name)"),
            _c("certificate_name", "VARCHAR", "the catalogue's name for it", derived=True),
            _c("org", "VARCHAR", "the evaluation organisation whose catalogue lists it", derived=True),
            _c("lead", "VARCHAR", "the certificate lead's instructor id"),
            _c("status", "VARCHAR", "active or retired"),
            _c("filed_on", "DATE", "filed with the office"),
            _c("retired_on", "DATE", "retired on"),
            _c("retirement_note", "VARCHAR", "the explanation filed with the office"),
            _c("replaced_by", "VARCHAR", "catalogue id of the replacement"),
            _c("levels", "VARCHAR", "levels adopted, `;`-separated"),
            *_standard("job_standard"),
            *_standard("integration_standard"),
            *_standard("training_standard"),
        ),
    ),
    Table(
        "adoption_majors",
        "one row per major of an adoption (a major listed twice, REG-003, is one row: the first)",
        (
            *_WHERE,
            _c("certificate", "VARCHAR", "catalogue id of the adoption"),
            _c("major", "VARCHAR", "major code"),
            _c("role", "VARCHAR", "primary or auxiliary"),
            _c("major_name", "VARCHAR", "the major's name", derived=True),
            _c(
                "certified_teachers",
                "INTEGER",
                "certified teachers of the college, major and certificate at the as-of date (SPEC §3)",
                derived=True,
            ),
        ),
    ),
    Table(
        "adoption_coverage",
        "one row per catalogue module an adoption covers (its `coverage`)",
        (
            *_WHERE,
            _c("certificate", "VARCHAR", "catalogue id of the adoption"),
            _c("module", "VARCHAR", "the module"),
            _c("courses", "VARCHAR", "course codes covering it, `;`-separated"),
            _c("training", "BOOLEAN", "covered by pre-exam training"),
        ),
    ),
    Table(
        "trainings",
        "colleges/<college>/trainings/<year>/<id>.yaml: one row per training",
        (
            *_WHERE,
            _c("id", "VARCHAR", "the training's id (file name)"),
            _c("certificate", "VARCHAR", "catalogue id"),
            _c("level", "VARCHAR", "junior, intermediate or senior"),
            _c("team", "VARCHAR", "instructor ids, `;`-separated"),
            _c("modules", "VARCHAR", "modules trained, `;`-separated"),
            _c("hours", "DOUBLE", "hours"),
            _c("start", "DATE", "first day"),
            _c("end", "DATE", "last day"),
            _c("participants", "INTEGER", "participants"),
            *_APPROVAL,
            _c("inspections", "INTEGER", "inspections recorded", derived=True),
        ),
    ),
    Table(
        "sessions",
        "colleges/<college>/sessions/<year>/<id>.yaml: one row per exam session",
        (
            *_WHERE,
            _c("id", "VARCHAR", "the session's id (file name)"),
            _c("certificate", "VARCHAR", "catalogue id"),
            _c("level", "VARCHAR", "junior, intermediate or senior"),
            _c("batch", "VARCHAR", "the organisation's batch id"),
            _c("date", "DATE", "exam date"),
            _c("site", "VARCHAR", "exam site id or external"),
            *_APPROVAL,
            _c("inspector", "VARCHAR", "inspector appointed by the organisation"),
            _c("results_reported_on", "DATE", "results reported to the office"),
            _c("certificates_issued_by", "VARCHAR", "`certificates_issued.by`"),
            _c("certificates_issued_on", "DATE", "`certificates_issued.on`"),
            _c("reimbursement_status", "VARCHAR", "`reimbursement.status`"),
            _c("reimbursement_finance_ref", "VARCHAR", "`reimbursement.finance_ref`"),
            _c("candidates", "INTEGER", "candidates listed", derived=True),
            _c("fee", "INTEGER", "registration fee per candidate (the catalogue's, yuan)", derived=True),
        ),
    ),
    Table(
        "candidates",
        "one row per candidate of a session",
        (
            *_WHERE,
            _c("session", "VARCHAR", "the session's id", derived=True),
            _c("certificate", "VARCHAR", "the session's certificate", derived=True),
            _c("level", "VARCHAR", "the session's level", derived=True),
            _c("date", "DATE", "the session's date", derived=True),
            _c("student", "VARCHAR", "student number"),
            _c("name", "VARCHAR", "name"),
            _c("major", "VARCHAR", "major code"),
            _c("enrolled", "BOOLEAN", "enrolled student"),
            _c("result", "VARCHAR", "pass, fail, absent or pending"),
            _c("score", "DOUBLE", "score"),
            _c("certificate_no", "VARCHAR", "certificate number issued"),
            _c("fee_payer", "VARCHAR", "declared fee payer: school or student"),
            _c("school_funded", "BOOLEAN", "the school pays the fee (SPEC §3, §6.2)", derived=True),
            _c("fee", "INTEGER", "registration fee owed for the candidate (yuan)", derived=True),
        ),
    ),
    Table(
        "plans",
        "colleges/<college>/plans/<year>.yaml: one row per annual plan",
        (
            *_WHERE,
            _c("year", "INTEGER", "the plan's year"),
            *_APPROVAL,
            _c("filed_by", "VARCHAR", "`filed.by`"),
            _c("filed_on", "DATE", "`filed.on`"),
            _c("aggregated_on", "DATE", "aggregated by the office"),
            _c("items", "INTEGER", "plan items", derived=True),
        ),
    ),
    Table(
        "plan_items",
        "one row per item of an annual plan",
        (
            *_WHERE,
            _c("year", "INTEGER", "the plan's year"),
            _c("certificate", "VARCHAR", "catalogue id"),
            _c("level", "VARCHAR", "junior, intermediate or senior"),
            _c("majors", "VARCHAR", "major codes, `;`-separated"),
            _c("candidates", "INTEGER", "expected candidates"),
            _c("batch", "VARCHAR", "batch id"),
            _c("training_hours", "INTEGER", "training hours"),
        ),
    ),
    Table(
        "problems",
        "one row per problem `onex check` finds at the as-of date",
        (
            _c("institution", "VARCHAR", "the institution (onex.yaml `institution.name`)"),
            _c("college", "VARCHAR", "the college id, when there is one"),
            _c("file", "VARCHAR", "the file, relative to the registry root"),
            _c("line", "INTEGER", "1-based line"),
            _c("rule", "VARCHAR", "rule id"),
            _c("severity", "VARCHAR", "error or warning"),
            _c("message", "VARCHAR", "the message, in the language of `--lang`"),
            _c("waived", "BOOLEAN", "covered by a waiver"),
        ),
    ),
)
BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}


def joined(items: list[Any] | None) -> str | None:
    return LIST_SEPARATOR.join(str(i) for i in items) if items else None


def _approval(approval: m.Approval | None) -> tuple[Any, Any, Any]:
    return (approval.by, approval.on, approval.ref) if approval else (None, None, None)


def _standard_values(standard: m.Standard | None) -> tuple[Any, Any]:
    return (standard.ref, standard.adopted_on) if standard else (None, None)


def institution_name(registry: Registry) -> str:
    return registry.settings.institution.name


def build(registry: Registry, as_of: dt.date, lang: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, in the order of `TABLES`' columns."""
    out: dict[str, list[tuple[Any, ...]]] = {t.name: [] for t in TABLES}
    inst = institution_name(registry)
    for college in registry.college_list():
        c = college.id
        if college.instructors is not None and college.instructors.model is not None:
            file = college.instructors.file
            for teacher in college.instructor_list():
                out["instructors"].append(
                    (
                        inst,
                        c,
                        file,
                        teacher.id,
                        teacher.name,
                        teacher.employment,
                        teacher.source,
                        joined(teacher.majors),
                    )
                )
                for q in teacher.qualifications:
                    out["qualifications"].append(
                        (
                            inst,
                            c,
                            file,
                            teacher.id,
                            q.certificate,
                            q.kind,
                            q.number,
                            q.issued_on,
                            q.expires_on,
                            None if q.issued_on is None else q.valid_on(as_of),
                        )
                    )
        for cert, record, adoption in college.valid_adoptions():
            item = registry.catalogue.get(cert)
            out["adoptions"].append(
                (
                    inst, c, record.file, cert, registry.certificate_name(cert), item.org if item else None,
                    adoption.lead, adoption.status, adoption.filed_on, adoption.retired_on,
                    adoption.retirement_note, adoption.replaced_by, joined(adoption.levels),
                    *_standard_values(adoption.job_standard),
                    *_standard_values(adoption.integration_standard),
                    *_standard_values(adoption.training_standard),
                )
            )  # fmt: skip
            for _index, major in majors_once(adoption):  # a repeated item (REG-003) is one row, the first
                teachers = registry.certified_teachers(c, major.code, cert, as_of)
                out["adoption_majors"].append(
                    (
                        inst,
                        c,
                        record.file,
                        cert,
                        major.code,
                        major.role,
                        registry.major_name(major.code),
                        len(teachers),
                    )
                )
            for module, coverage in adoption.coverage.items():
                courses = coverage.courses if coverage else []
                training = coverage.training if coverage else False
                out["adoption_coverage"].append(
                    (inst, c, record.file, cert, module, joined(courses), training)
                )
        for record in college.valid_records(college.trainings):
            t: m.Training = record.model  # type: ignore[assignment]
            out["trainings"].append(
                (
                    inst, c, record.file, record.id, t.certificate, t.level, joined(t.team), joined(t.modules),
                    t.hours, t.start, t.end, t.participants, *_approval(t.approval), len(t.inspections),
                )
            )  # fmt: skip
        for record in college.valid_records(college.sessions):
            s: m.Session = record.model  # type: ignore[assignment]
            fee = registry.fee(s.certificate, s.level)
            issued = s.certificates_issued
            money = s.reimbursement
            out["sessions"].append(
                (
                    inst, c, record.file, record.id, s.certificate, s.level, s.batch, s.date, s.site,
                    *_approval(s.approval), s.inspector, s.results_reported_on,
                    issued.by if issued else None, issued.on if issued else None,
                    money.status if money else None, money.finance_ref if money else None,
                    len(s.candidates), fee,
                )
            )  # fmt: skip
            rows = out["candidates"]
            for cand in s.candidates:
                rows.append(
                    (
                        inst, c, record.file, record.id, s.certificate, s.level, s.date, cand.student,
                        cand.name, cand.major, cand.enrolled, cand.result, cand.score, cand.certificate_no,
                        cand.fee_payer, registry.is_school_funded(cand), fee,
                    )
                )  # fmt: skip
        for year, record in sorted(college.plans.items()):
            plan = record.model
            if not isinstance(plan, m.Plan):
                continue
            filed = plan.filed
            out["plans"].append(
                (
                    inst, c, record.file, plan.year, *_approval(plan.approval),
                    filed.by if filed else None, filed.on if filed else None, plan.aggregated_on,
                    len(plan.items),
                )
            )  # fmt: skip
            for it in plan.items:
                out["plan_items"].append(
                    (inst, c, record.file, year, it.certificate, it.level, joined(it.majors), it.candidates, it.batch, it.training_hours)
                )  # fmt: skip
    out["problems"] = list(_problems(registry, as_of, lang, inst))
    return out


def _problems(registry: Registry, as_of: dt.date, lang: str, inst: str) -> Iterator[tuple[Any, ...]]:
    from onex.engine import check

    for p in check(registry, as_of).problems:
        yield (inst, p.college, p.file, p.line, p.rule, p.severity, p.text(lang), p.waived)
