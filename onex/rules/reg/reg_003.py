"""REG-003 — a duplicate id, or an id or year that does not match the path.

Ids are the folder and file names. A record that repeats its id in `id:` must repeat it exactly;
a plan's `year`, a training's `start` and a session's `date` must fall in the `<year>` of the
path. Ids that must be unique: catalogue certificates (across all orgs), an org's batches,
a college's majors, courses and instructors, an adoption's majors, exam sites, a session's
students; and a college has at most one leader in charge. A repeat is reported at the repeated
item, naming the first, and every other rule counts the item once (the first); a value that is
itself unknown (REG-002) repeats nothing. Files outside the layout are reported here too (by the loader).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from onex import models as m
from onex.messages import Text
from onex.problems import Finding, at
from onex.records import Record
from onex.rules.base import Context, Rule

RULE = Rule(
    id="REG-003",
    severity="error",
    clause="§3",
    title={"zh": "编号重复或与路径不符", "en": "a duplicate id, or an id that does not match its path"},
    why={
        "zh": "文件名和目录名就是记录的编号，年度目录就是记录的年份。编号重复或与路径不一致时，引用会指向错误的记录。",
        "en": "File and folder names are the records' ids, and year folders their years. A duplicate id, or one that disagrees with its path, makes references point at the wrong record.",
    },
    violates="# colleges/info/sessions/2026/web-mid.yaml\ndate: 2027-06-12\n",
    satisfies="# colleges/info/sessions/2027/web-mid.yaml\ndate: 2027-06-12\n",
    messages={
        "reg003.id_mismatch": {
            "zh": "id: {value} 与文件路径给出的编号 {expected} 不一致：改为 {expected} 或删除 id 字段",
            "en": "id: {value} does not match the id {expected} given by the file's path: write {expected} or remove the id field",
        },
        "reg003.year_mismatch": {
            "zh": "{field} 为 {value}，但文件位于 {year} 年度目录：把文件移到 {actual} 目录，或改正日期",
            "en": "{field} is {value} but the file is in the {year} folder: move the file to {actual}, or correct the date",
        },
        "reg003.duplicate": {
            "zh": "{what} {value} 重复（第一次出现在 {first}）：每个{what}只能出现一次",
            "en": "{what} {value} appears twice (first at {first}): each must be unique",
        },
        "reg003.two_leaders_in_charge": {
            "zh": "有多位领导标记为 in_charge: true（{names}）：1+X 工作只能有一位主管院领导",
            "en": "more than one leader has in_charge: true ({names}): 1+X has exactly one leader in charge",
        },
    },
)

WHAT = {
    "certificate": {"zh": "证书编号", "en": "certificate id"},
    "batch": {"zh": "考核批次", "en": "batch id"},
    "major": {"zh": "专业代码", "en": "major code"},
    "course": {"zh": "课程代码", "en": "course code"},
    "instructor": {"zh": "教师编号", "en": "instructor id"},
    "site": {"zh": "考核站点", "en": "exam site id"},
    "student": {"zh": "学号", "en": "student number"},
}


# The field that must fall in a record's `<year>` (the folder or file name).
YEAR_FIELD = {"plan": "year", "staff_plan": "year", "training": "start", "session": "date"}


def _duplicates(record: Record, items: list[Any], key: str, list_path: tuple, what: str) -> Iterator[Finding]:
    values = [getattr(item, key) for item in items]
    if len(set(values)) == len(values):
        return  # each once: the usual case, and the quick one for a session of 100 candidates
    first: dict[Any, int] = {}
    for index, value in enumerate(values):
        if value is None:
            continue  # unknown (REG-002 left no value): it repeats nothing (SPEC §4.1)
        if value in first:
            where = record.at(*list_path, first[value])
            yield at(
                record,
                (*list_path, index),
                "reg003.duplicate",
                what=Text(WHAT[what]),
                value=value,
                first=f"{where.file}:{where.line}",
            )
        else:
            first[value] = index


@RULE.checker
def check(registry: Any, context: Context) -> Iterator[Finding]:
    for record in registry.records:
        model = record.model
        if model is None:
            continue
        if (
            record.id
            and getattr(model, "id", None) not in (None, record.id)
            and record.kind != "instructors"
            and registry.known(record, "id")
        ):
            yield at(record, ("id",), "reg003.id_mismatch", value=model.id, expected=record.id)
        if record.year is not None:
            field = YEAR_FIELD[record.kind]
            if not registry.known(record, field):
                continue
            value = getattr(model, field)
            actual = value if isinstance(value, int) else value.year
            if actual != record.year:
                yield at(
                    record,
                    (field,),
                    "reg003.year_mismatch",
                    field=field,
                    value=str(value),
                    year=record.year,
                    actual=actual,
                )
    seen_certs: dict[str, Record] = {}
    for org_id in sorted(registry.orgs):
        record = registry.orgs[org_id]
        if not isinstance(record.model, m.Org):
            continue
        for cert in record.model.certificates:
            if cert in seen_certs:
                where = seen_certs[cert].at("certificates", cert)
                yield at(
                    record,
                    ("certificates", cert),
                    "reg003.duplicate",
                    what=Text(WHAT["certificate"]),
                    value=cert,
                    first=f"{where.file}:{where.line}",
                )
            else:
                seen_certs[cert] = record
        yield from _duplicates(record, record.model.batches, "id", ("batches",), "batch")
    if registry.institution_record and registry.institution_record.model is not None:
        record = registry.institution_record
        yield from _duplicates(record, record.model.exam_sites, "id", ("exam_sites",), "site")
    for college in registry.college_list():
        if college.model is not None:
            record = college.record
            yield from _duplicates(record, college.model.majors, "code", ("majors",), "major")
            yield from _duplicates(record, college.model.courses, "code", ("courses",), "course")
            in_charge = [i for i, leader in enumerate(college.model.leaders) if leader.in_charge]
            if len(in_charge) > 1:
                names = [college.model.leaders[i].name for i in in_charge]
                # one problem on `leaders` (SPEC §4.2); approvals are then not judged
                yield at(record, ("leaders",), "reg003.two_leaders_in_charge", names=names)
        for _cert, record, adoption in college.valid_adoptions():
            yield from _duplicates(record, adoption.majors, "code", ("majors",), "major")
        if college.instructors is not None and college.instructors.model is not None:
            record = college.instructors
            yield from _duplicates(record, record.model.instructors, "id", ("instructors",), "instructor")
        for record in college.sessions:
            if record.model is not None:
                yield from _duplicates(record, record.model.candidates, "student", ("candidates",), "student")
