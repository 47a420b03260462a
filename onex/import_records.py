"""`onex import instructors|candidates|adoptions`: the office's spreadsheets merged into records.

The same reading, column mapping, dry run and row-numbered refusals as `onex import results`
(:mod:`onex.importer`, :mod:`onex.spreadsheet`), for three more record kinds:

| kind | rows (sheets of an XLSX, else its first sheet) | written to |
|---|---|---|
| instructors | `instructors` and `qualifications` | `colleges/<college>/instructors.yaml` |
| adoptions | `adoptions`, `adoption_majors`, `adoption_coverage` | `colleges/<college>/certificates/<certificate>.yaml` |
| candidates | `candidates` | the session in the row's `file` column, else `--session PATH` |

The college is the row's `college` column (an id or a college's name), else `--college`, else the
registry's only college. A row may carry a record's own fields, a list item's (a qualification,
an adoption's major, a module's coverage), or both (an office roster with one row per
qualification). Records and list items are matched by their key (instructor id; certificate and
kind; certificate; major code; module; student number): known ones are updated, new ones added,
and nothing is ever deleted. An empty cell leaves the field as it is. Every row is read and every
file merged before anything is written: one bad row, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from onex import models as m
from onex.errors import FatalError
from onex.importer import BadRow, Change, Outcome, Row, merge, saved_mapping, session_place
from onex.importer import _parse as parse_candidate
from onex.messages import Text, register
from onex.spreadsheet import column_mapping, find_header, read_sheets

MESSAGES = {
    "import.no_key_column": {
        "zh": "{file} 的工作表“{sheet}”中找不到 {field} 列（表头：{headers}）：用 --map 列名={field} 指定",
        "en": 'the sheet "{sheet}" of {file} has no {field} column (headers: {headers}): name it with --map HEADER={field}',
    },
    "import.sheet_row": {
        "zh": "“{sheet}”第 {row} 行：{reason}",
        "en": 'sheet "{sheet}", row {row}: {reason}',
    },
    "import.empty_key": {"zh": "缺少{field}", "en": "no {field}"},
    "import.bad_code": {
        "zh": "{field}“{value}”格式不对：只能包含字母、数字、. _ -",
        "en": 'the {field} "{value}" has the wrong form: letters, digits, . _ - only',
    },
    "import.bad_date": {
        "zh": "{field}“{value}”不是日期：应写作 2026-03-01",
        "en": 'the {field} "{value}" is not a date: write it as 2026-03-01',
    },
    "import.bad_count": {
        "zh": "{field}“{value}”不是非负整数",
        "en": 'the {field} "{value}" is not a whole number of at least 0',
    },
    "import.which_college": {
        "zh": "不知道写入哪个学院：加 college 列，或用 --college 指定（已有：{known}）",
        "en": "which college? add a college column or give --college (there are: {known})",
    },
    "import.unknown_college": {
        "zh": "登记库中没有学院“{value}”（已有：{known}）",
        "en": 'the registry has no college "{value}" (there are: {known})',
    },
    "import.other_college": {
        "zh": "该行属于学院 {value}，而 --college 指定的是 {college}",
        "en": "the row is for the college {value}, but --college says {college}",
    },
    "import.unknown_certificate": {
        "zh": "目录中没有证书“{value}”：写证书代码（如 web-frontend）或目录中的证书名称",
        "en": 'no catalogue certificate "{value}": write its id (web-frontend) or its catalogue name',
    },
    "import.conflict": {
        "zh": "{record} 的 {field} 在此为“{value}”，与第 {first} 行的“{other}”不一致",
        "en": '{record}\'s {field} is "{value}" here but "{other}" on row {first}',
    },
    "import.record_needs": {
        "zh": "{record} 是新记录，需要 {missing}",
        "en": "{record} is new and needs {missing}",
    },
    "import.no_session": {
        "zh": "不知道写入哪次考核：加 file 列（考核记录的路径），或用 --session 指定",
        "en": "which session? add a file column (the session's path) or give --session",
    },
    "import.not_a_list": {
        "zh": "{file} 的 {key} 不是列表：请先修正它（onex check 会指出问题）",
        "en": "the {key} of {file} is not a list: fix it first (onex check shows how)",
    },
    "import.records_not_in_file": {
        "zh": "文件中没有的 {count} 条记录保持不变：{records}",
        "en": "{count} record(s) not in the file were left as they are: {records}",
    },
    "import.one_college": {
        "zh": "导入只能指定一个 --college（收到：{colleges}）",
        "en": "an import takes one --college (got: {colleges})",
    },
    "import.col_record": {"zh": "记录", "en": "record"},
    "import.records_summary": {
        "zh": "{file}：更新 {updated} 条，新增 {added} 条，{same} 条无变化",
        "en": "{file}: {updated} updated, {added} added, {same} unchanged",
    },
}
register(MESSAGES)

KINDS = ("instructors", "candidates", "adoptions")
SHEETS = {
    "instructors": ("instructors", "qualifications"),
    "candidates": ("candidates",),
    "adoptions": ("adoptions", "adoption_majors", "adoption_coverage"),
}
KEY_FIELD = {"instructors": "id", "candidates": "student", "adoptions": "certificate"}
DEFAULT_COLUMNS: dict[str, dict[str, str]] = {
    "instructors": {
        "学院": "college",
        "instructor": "id",
        "工号": "id",
        "教师工号": "id",
        "姓名": "name",
        "教师姓名": "name",
        "专兼职": "employment",
        "聘用方式": "employment",
        "兼职来源": "source",
        "任教专业": "majors",
        "专业代码": "majors",
        "证书": "certificate",
        "证书代码": "certificate",
        "资格类型": "kind",
        "资格证书编号": "number",
        "证书编号": "number",
        "发证日期": "issued_on",
        "有效期至": "expires_on",
        "到期日期": "expires_on",
    },
    "candidates": {
        "学号": "student",
        "姓名": "name",
        "专业代码": "major",
        "专业": "major",
        "在籍": "enrolled",
        "是否在籍": "enrolled",
        "成绩": "score",
        "考核结果": "result",
        "结果": "result",
        "证书编号": "certificate_no",
        "缴费方": "fee_payer",
        "考核记录": "file",
    },
    "adoptions": {
        "学院": "college",
        "证书": "certificate",
        "证书代码": "certificate",
        "证书负责人": "lead",
        "负责人": "lead",
        "状态": "status",
        "备案日期": "filed_on",
        "退出日期": "retired_on",
        "退出说明": "retirement_note",
        "替代证书": "replaced_by",
        "等级": "levels",
        "岗位标准": "job_standard_ref",
        "融通标准": "integration_standard_ref",
        "培训标准": "training_standard_ref",
        "专业代码": "major",
        "主辅": "role",
        "模块": "module",
        "课程": "courses",
        "培训覆盖": "training",
    },
}

_CODE = re.compile(m.CODE_PATTERN)
_LIST_SPLIT = re.compile(r"[;；,，、\s]+")
_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
_FORMULA_ESCAPED = re.compile(r"^'(\s*[=+\-@\t\r])")  # onex.escape.csv_cell's quote, taken back


class _Refused(Exception):
    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message)
        self.message, self.params = message, params
        self.at: SheetRow | None = None  # the row refused, when the refusal is about a group of rows

    def bad(self, default: SheetRow) -> tuple[str | None, BadRow]:
        row = self.at or default
        return row.sheet, BadRow(row.number, self.message, self.params)


# --- cell values -------------------------------------------------------------------------------


def _enum(name: str) -> Callable[[str, str], str]:
    def parse(field_name: str, text: str) -> str:
        english = {zh: en for en, zh in m.ENUMS[name].items()}.get(text, text.lower().replace(" ", "_"))
        if english not in m.ENUMS[name]:
            raise _Refused("import.bad_enum", value=text, known=list(m.ENUMS[name]))
        return english

    return parse


def _code(field_name: str, text: str) -> str:
    if not _CODE.match(text):
        raise _Refused("import.bad_code", field=field_name, value=text)
    return text


def _text(field_name: str, text: str) -> str:
    return text


def _date(field_name: str, text: str) -> dt.date:
    match = _DATE.match(text)
    try:
        if match:
            return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        pass
    raise _Refused("import.bad_date", field=field_name, value=text)


def _bool(field_name: str, text: str) -> bool:
    from onex.importer import BOOLEAN_WORDS

    if text.lower() not in BOOLEAN_WORDS:
        raise _Refused("import.bad_boolean", value=text)
    return BOOLEAN_WORDS[text.lower()]


def _list(item: Callable[[str, str], Any]) -> Callable[[str, str], list[Any]]:
    def parse(field_name: str, text: str) -> list[Any]:
        return [item(field_name, part) for part in _LIST_SPLIT.split(text) if part]

    return parse


PARSERS: dict[str, dict[str, Callable[[str, str], Any]]] = {
    "instructors": {
        "college": _text,
        "id": _code,
        "name": _text,
        "employment": _enum("employment"),
        "source": _enum("source"),
        "majors": _list(_code),
        "certificate": _text,  # an id or a catalogue name, resolved with the registry
        "kind": _enum("kind"),
        "number": _text,
        "issued_on": _date,
        "expires_on": _date,
    },
    "adoptions": {
        "college": _text,
        "certificate": _text,
        "lead": _code,
        "status": _enum("status"),
        "filed_on": _date,
        "retired_on": _date,
        "retirement_note": _text,
        "replaced_by": _text,
        "levels": _list(_enum("level")),
        **{f"{s}_ref": _text for s in ("job_standard", "integration_standard", "training_standard")},
        **{f"{s}_adopted_on": _date for s in ("job_standard", "integration_standard", "training_standard")},
        "major": _code,
        "role": _enum("role"),
        "module": _text,
        "courses": _list(_text),
        "training": _bool,
    },
}


def unescaped(text: str) -> str:
    """A cell as written before `onex export` kept a spreadsheet from running it as a formula."""
    return _FORMULA_ESCAPED.sub(r"\1", text)


# --- reading ---------------------------------------------------------------------------------


@dataclass
class SheetRow:
    sheet: str | None  # None for a CSV or a workbook read by its first sheet only
    number: int
    values: dict[str, Any]


@dataclass
class Imported:
    """What an import did (or would do), per file."""

    outcomes: list[Outcome] = field(default_factory=list)
    bad: list[tuple[str | None, BadRow]] = field(default_factory=list)


def read_rows(
    kind: str, file: Path, overrides: list[str], saved: dict[str, str | None]
) -> tuple[list[SheetRow], list[tuple[str | None, BadRow]]]:
    """Every data row of the file's sheets, parsed; the rows that cannot be read, refused."""
    fields = m.IMPORT_FIELDS[kind]
    mapping = column_mapping(overrides, saved, DEFAULT_COLUMNS[kind], fields)
    sheets = read_sheets(file, SHEETS[kind])
    named = len(sheets) > 1 or (file.suffix.lower() != ".csv" and sheets[0].name.lower() in SHEETS[kind])
    rows: list[SheetRow] = []
    bad: list[tuple[str | None, BadRow]] = []
    for sheet in sheets:
        label = sheet.name if named else None
        found = find_header(sheet.rows, mapping, KEY_FIELD[kind])
        if found is None:
            headers = [c for _, cells in sheet.rows[:1] for c in cells if c]
            raise FatalError(
                "import.no_key_column",
                file=str(file),
                sheet=sheet.name,
                field=KEY_FIELD[kind],
                headers=headers,
            )
        header_row, columns = found
        for number, cells in sheet.rows[header_row + 1 :]:
            texts = {f: unescaped(cells[i]) if i < len(cells) else "" for f, i in columns.items()}
            try:
                values = _parse_row(kind, texts)
            except _Refused as refused:
                bad.append((label, BadRow(number, refused.message, refused.params)))
                continue
            rows.append(SheetRow(label, number, values))
    return rows, bad


def _parse_row(kind: str, texts: dict[str, str]) -> dict[str, Any]:
    if kind == "candidates":
        values, problem = parse_candidate(texts)
        if problem is not None:
            raise _Refused(problem[0], **problem[1])
        if texts.get("file"):
            values["file"] = texts["file"]
        return {k: v for k, v in values.items() if v is not None}
    values: dict[str, Any] = {}
    for name, text in texts.items():
        if text:
            values[name] = PARSERS[kind][name](name, text)
    key = KEY_FIELD[kind]
    if not values.get(key):
        raise _Refused("import.empty_key", field=key)
    return values


# --- routing rows to files ---------------------------------------------------------------------


def _college(registry: Any, row: SheetRow, chosen: str | None) -> str:
    known = sorted(registry.colleges)
    value = row.values.get("college")
    if value:
        by_name = {c.name: c.id for c in registry.college_list()}
        college = value if value in registry.colleges else by_name.get(value)
        if college is None:
            raise _Refused("import.unknown_college", value=value, known=known)
        if chosen and college != chosen:
            raise _Refused("import.other_college", value=college, college=chosen)
        return college
    if chosen:
        return chosen
    if len(known) == 1:
        return known[0]
    raise _Refused("import.which_college", known=known)


def _certificate(registry: Any, text: str) -> str:
    if text in registry.catalogue:
        return text
    by_name = {item.entry.name: cert for cert, item in registry.catalogue.items()}
    if text in by_name:
        return by_name[text]
    raise _Refused("import.unknown_certificate", value=text)


# --- merging -----------------------------------------------------------------------------------


@dataclass
class _Group:
    """The rows of one record: its own fields (first value wins, a different one is refused)."""

    label: str
    rows: list[SheetRow] = field(default_factory=list)
    fields: dict[str, tuple[Any, int]] = field(default_factory=dict)


def _collect(group: _Group, row: SheetRow, names: tuple[str, ...]) -> None:
    for name in names:
        if name in row.values:
            value = row.values[name]
            if name in group.fields and group.fields[name][0] != value:
                other, first = group.fields[name]
                raise _Refused(
                    "import.conflict",
                    record=group.label,
                    field=name,
                    value=_show(value),
                    other=_show(other),
                    first=first,
                )
            group.fields.setdefault(name, (value, row.number))


def _show(value: Any) -> str:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value)


def _written(value: Any) -> Any:
    from ruamel.yaml.comments import CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    from onex.importer import _READS_AS_NON_TEXT

    if isinstance(value, list):
        seq = CommentedSeq([_written(v) for v in value])
        seq.fa.set_flow_style()
        return seq
    if isinstance(value, str) and _READS_AS_NON_TEXT.match(value):
        return DoubleQuotedScalarString(value)
    return value


def _equal(old: Any, new: Any, enum: str | None) -> bool:
    if isinstance(new, list):
        return isinstance(old, list) and [_plain(o, enum) for o in old] == [str(n) for n in new]
    if isinstance(new, bool) or isinstance(new, dt.date):
        return old == new and type(old) is type(new)
    return _plain(old, enum) == str(new)


def _plain(value: Any, enum: str | None) -> str:
    text = str(value)
    if enum:
        return {zh: en for en, zh in m.ENUMS[enum].items()}.get(text, text)
    return text


ENUM_OF = {
    "employment": "employment",
    "source": "source",
    "kind": "kind",
    "status": "status",
    "levels": "level",
    "role": "role",
}


def _put(
    item: Any,
    key: str,
    value: Any,
    order: list[str],
    outcome: Outcome,
    record: str,
    name: str,
    default: Any = None,
) -> bool:
    """Set `item[key]` (at its SPEC place among `order`) unless it already says so; log the change."""
    old = item.get(key)
    if old is None and value == default:
        return False
    if old is not None and _equal(old, value, ENUM_OF.get(key)):
        return False
    if key in item:
        item[key] = _written(value)
    else:
        _insert(item, key, _written(value), order)
    outcome.changes.append(Change(record, name, key, old, _show(value), added=old is None))
    return True


def _insert(item: Any, key: str, value: Any, order: list[str]) -> None:
    """A new key at its SPEC place among `order` (keys onex does not know stay last)."""
    rank = order.index(key) if key in order else len(order)
    position = sum(1 for k in item if k in order and order.index(k) < rank)
    item.insert(position, key, value)


def _flow_map(flow: bool) -> Any:
    from ruamel.yaml.comments import CommentedMap

    item = CommentedMap()
    if flow:
        item.fa.set_flow_style()
    return item


def _first_style(items: list[Any], default: bool) -> bool:
    for item in items:
        if hasattr(item, "fa"):
            return bool(item.fa.flow_style())
    return default


def _list_at(data: Any, key: str, file: str, order: list[str] | None = None) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    items = data.get(key)
    if items is None:
        items = CommentedSeq()
        _insert(data, key, items, order or [key])
    if not isinstance(items, list):
        raise FatalError("import.not_a_list", file=file, key=key)
    return items


def _needs(record: str, missing: list[str]) -> _Refused:
    return _Refused(
        "import.record_needs",
        record=record,
        missing=Text({"zh": "、".join(missing), "en": ", ".join(missing)}),
    )


INSTRUCTOR_ORDER = list(m.Instructor.model_fields)
QUALIFICATION_ORDER = list(m.Qualification.model_fields)
INSTRUCTOR_FIELDS = ("name", "employment", "source", "majors")
QUALIFICATION_FIELDS = ("number", "issued_on", "expires_on")


def _merge_instructors(data: Any, groups: dict[str, _Group], outcome: Outcome, bad: list) -> None:
    teachers = _list_at(data, "instructors", outcome.file)
    existing = {str(t.get("id")): t for t in teachers if isinstance(t, dict)}
    block = not _first_style([t for t in teachers if isinstance(t, dict)], False)
    for key, group in groups.items():
        item = existing.get(key)
        try:
            _collect_all(group, INSTRUCTOR_FIELDS)
            name = str(group.fields.get("name", (None,))[0] or (item or {}).get("name") or "")
            if item is None:
                missing = [f for f in ("name", "employment") if f not in group.fields]
                if missing:
                    raise _needs(key, missing)
            quals = _qualifications(group)
        except _Refused as refused:
            bad.append(refused.bad(group.rows[0]))
            continue
        changed = False
        new = item is None
        if item is None:
            item = _flow_map(not block)
            item["id"] = _written(key)
            teachers.append(item)
            existing[key] = item
        for field_name in INSTRUCTOR_FIELDS:
            if field_name in group.fields:
                changed = (
                    _put(item, field_name, group.fields[field_name][0], INSTRUCTOR_ORDER, outcome, key, name)
                    or changed
                )
        if quals:
            seq = _list_at(item, "qualifications", outcome.file, INSTRUCTOR_ORDER)
            flow = _first_style([q for q in seq if isinstance(q, dict)], True)
            by_key = {
                (str(q.get("certificate")), _plain(q.get("kind"), "kind")): q
                for q in seq
                if isinstance(q, dict)
            }
            for (cert, kind), values in quals.items():
                qual = by_key.get((cert, kind))
                label = f"{key} {cert}/{kind}"
                if qual is None:
                    qual = _flow_map(flow)
                    qual["certificate"], qual["kind"] = cert, kind
                    seq.append(qual)
                    by_key[(cert, kind)] = qual
                    outcome.changes.append(
                        Change(key, name, "qualifications", None, f"{cert}/{kind}", added=True)
                    )
                    changed = True
                for field_name, value in values.items():
                    changed = (
                        _put(qual, field_name, value, QUALIFICATION_ORDER, outcome, label, name) or changed
                    )
        if new:
            outcome.added += 1
        elif changed:
            outcome.updated += 1
        else:
            outcome.same += 1
    seen = set(groups)
    outcome.not_in_file = [k for k in existing if k not in seen]


def _collect_all(group: _Group, names: tuple[str, ...]) -> None:
    for row in group.rows:
        try:
            _collect(group, row, names)
        except _Refused as refused:
            refused.at = refused.at or row
            raise


def _qualifications(group: _Group) -> dict[tuple[str, str], dict[str, Any]]:
    out: dict[tuple[str, str], dict[str, Any]] = {}
    first: dict[tuple[str, str], _Group] = {}
    for row in group.rows:
        cert = row.values.get("certificate")
        if not cert:
            continue
        kind = row.values.get("kind")
        if not kind:
            refused = _Refused(
                "import.record_needs",
                record=f"{group.label} {cert}",
                missing=Text({"zh": "资格类型 kind", "en": "kind"}),
            )
            refused.at = row
            raise refused
        key = (cert, kind)
        sub = first.setdefault(key, _Group(f"{group.label} {cert}/{kind}"))
        try:
            _collect(sub, row, QUALIFICATION_FIELDS)
        except _Refused as refused:
            refused.at = row
            raise
        out[key] = {f: v for f, (v, _) in sub.fields.items()}
    return out


ADOPTION_ORDER = list(m.Adoption.model_fields)
ADOPTION_FIELDS = ("lead", "status", "filed_on", "retired_on", "retirement_note", "replaced_by", "levels")
STANDARDS = ("job_standard", "integration_standard", "training_standard")


def _merge_adoption(data: Any, key: str, group: _Group, outcome: Outcome, existed: bool) -> None:
    names = ADOPTION_FIELDS + tuple(f"{s}_{p}" for s in STANDARDS for p in ("ref", "adopted_on"))
    _collect_all(group, names)
    majors: dict[str, _Group] = {}
    modules: dict[str, _Group] = {}
    for row in group.rows:
        for column, table, fields_ in (
            ("major", majors, ("role",)),
            ("module", modules, ("courses", "training")),
        ):
            value = row.values.get(column)
            if value:
                sub = table.setdefault(value, _Group(f"{key} {value}"))
                sub.rows.append(row)
                try:
                    _collect(sub, row, fields_)
                except _Refused as refused:
                    refused.at = row
                    raise
    for standard in STANDARDS:
        if f"{standard}_adopted_on" in group.fields and f"{standard}_ref" not in group.fields:
            current = data.get(standard)
            if not isinstance(current, dict) or not current.get("ref"):
                raise _needs(key, [f"{standard}_ref"])
    for code, sub in majors.items():
        if "role" not in sub.fields:
            current = [
                x for x in (data.get("majors") or []) if isinstance(x, dict) and str(x.get("code")) == code
            ]
            if not current:
                refused = _needs(f"{key} {code}", ["role"])
                refused.at = sub.rows[0]
                raise refused
    changed = False
    for field_name in ADOPTION_FIELDS:
        if field_name in group.fields:
            default = "active" if field_name == "status" else None
            changed = (
                _put(
                    data, field_name, group.fields[field_name][0], ADOPTION_ORDER, outcome, key, key, default
                )
                or changed
            )
    for standard in STANDARDS:
        given = {
            p: group.fields[f"{standard}_{p}"][0]
            for p in ("ref", "adopted_on")
            if f"{standard}_{p}" in group.fields
        }
        if not given:
            continue
        target = data.get(standard)
        if not isinstance(target, dict):
            target = _flow_map(True)
            _insert(data, standard, target, ADOPTION_ORDER)
        for part, value in given.items():
            changed = (
                _put(target, part, value, ["ref", "adopted_on"], outcome, key, f"{standard}.{part}")
                or changed
            )
    if majors:
        seq = _list_at(data, "majors", outcome.file, ADOPTION_ORDER)
        by_code = {str(x.get("code")): x for x in seq if isinstance(x, dict)}
        flow = _first_style(list(by_code.values()), True)
        for code, sub in majors.items():
            item = by_code.get(code)
            if item is None:
                item = _flow_map(flow)
                item["code"] = _written(code)
                seq.append(item)
                outcome.changes.append(Change(key, key, "majors", None, code, added=True))
                changed = True
            if "role" in sub.fields:
                changed = (
                    _put(item, "role", sub.fields["role"][0], ["code", "role"], outcome, f"{key} {code}", key)
                    or changed
                )
    if modules:
        from ruamel.yaml.comments import CommentedMap

        coverage = data.get("coverage")
        if not isinstance(coverage, dict):
            coverage = CommentedMap()
            _insert(data, "coverage", coverage, ADOPTION_ORDER)
        for module, sub in modules.items():
            entry = coverage.get(module)
            if not isinstance(entry, dict):
                entry = _flow_map(True)
                coverage[module] = entry
                outcome.changes.append(Change(key, key, "coverage", None, module, added=True))
                changed = True
            for part, default in (("courses", []), ("training", False)):
                if part in sub.fields:
                    changed = (
                        _put(
                            entry,
                            part,
                            sub.fields[part][0],
                            ["courses", "training"],
                            outcome,
                            f"{key} {module}",
                            key,
                            default,
                        )
                        or changed
                    )
            if "courses" not in entry:
                entry.insert(0, "courses", _written([]))
    if not existed:
        outcome.added += 1
    elif changed:
        outcome.updated += 1
    else:
        outcome.same += 1


# --- the command's work ------------------------------------------------------------------------


def import_records(
    kind: str,
    file: Path,
    registry_path: Path | None,
    overrides: list[str],
    dry_run: bool,
    college: str | None = None,
    session: Path | None = None,
) -> Imported:
    """Read the spreadsheet, merge it into the registry's files, write them (unless dry run or
    bad rows: then nothing is written)."""
    from onex.app import open_registry
    from onex.write import registry_lock, save

    if session is not None:
        root, _ = session_place(session, registry_path)
        registry = open_registry(root)
    else:
        registry = open_registry(registry_path)
        root = registry.root
    if college is not None and college not in registry.colleges:
        raise FatalError("fatal.unknown_college", college=college, known=sorted(registry.colleges))
    saved = saved_mapping(root, kind)
    rows, bad = read_rows(kind, file, overrides, saved)
    result = Imported(bad=bad)
    documents: list[Any] = []
    with registry_lock(root):
        if kind == "candidates":
            _import_candidates(rows, root, session, result, documents)
        elif kind == "instructors":
            groups: dict[str, dict[str, _Group]] = {}
            for row in rows:
                try:
                    target = _college(registry, row, college)
                    if "certificate" in row.values:
                        row.values["certificate"] = _certificate(registry, row.values["certificate"])
                except _Refused as refused:
                    result.bad.append((row.sheet, BadRow(row.number, refused.message, refused.params)))
                    continue
                key = str(row.values["id"])
                groups.setdefault(target, {}).setdefault(key, _Group(key)).rows.append(row)
            for target, by_id in sorted(groups.items()):
                rel = f"colleges/{target}/instructors.yaml"
                document = _opened(root / rel, {"instructors": []})
                outcome = Outcome(rel)
                _merge_instructors(document.data, by_id, outcome, result.bad)
                result.outcomes.append(outcome)
                documents.append(document)
        else:
            adoptions: dict[tuple[str, str], _Group] = {}
            for row in rows:
                try:
                    target = _college(registry, row, college)
                    row.values["certificate"] = _certificate(registry, row.values["certificate"])
                    if row.values.get("replaced_by"):
                        row.values["replaced_by"] = _certificate(registry, row.values["replaced_by"])
                except _Refused as refused:
                    result.bad.append((row.sheet, BadRow(row.number, refused.message, refused.params)))
                    continue
                cert = row.values["certificate"]
                adoptions.setdefault((target, cert), _Group(cert)).rows.append(row)
            for (target, cert), group in sorted(adoptions.items()):
                rel = f"colleges/{target}/certificates/{cert}.yaml"
                document = _opened(root / rel)
                outcome = Outcome(rel)
                try:
                    _merge_adoption(document.data, cert, group, outcome, document.exists)
                except _Refused as refused:
                    result.bad.append(refused.bad(group.rows[0]))
                    continue
                result.outcomes.append(outcome)
                documents.append(document)
        result.bad.sort(key=lambda item: (item[0] or "", item[1].number))
        if not result.bad and not dry_run:
            for document, outcome in zip(documents, result.outcomes, strict=True):
                outcome.written = save(document)
    return result


def _opened(path: Path, default: Any = None) -> Any:
    """A file to merge into; a new one indents list items under their key (`key:\n  - item`)."""
    from onex.write import open_document

    document = open_document(path, default)
    if not document.exists:
        document.indent = (4, 2)
    return document


def _import_candidates(
    rows: list[SheetRow], root: Path, session: Path | None, result: Imported, documents: list
) -> None:
    from onex.write import open_document

    by_file: dict[str, list[SheetRow]] = {}
    chosen = session_place(session, root)[1] if session is not None else None
    for row in rows:
        target = chosen or row.values.pop("file", None)
        row.values.pop("file", None)
        if not target:
            result.bad.append((row.sheet, BadRow(row.number, "import.no_session", {})))
            continue
        by_file.setdefault(target, []).append(row)
    for rel, file_rows in sorted(by_file.items()):
        path = root / rel
        try:
            session_place(path, root)
        except FatalError as error:
            for row in file_rows:
                result.bad.append((row.sheet, BadRow(row.number, error.message, error.params)))
            continue
        document = open_document(path)
        if not isinstance(document.data, dict):
            raise FatalError("import.not_session", file=rel)
        duplicates: dict[str, int] = {}
        plain: list[Row] = []
        for row in file_rows:
            student = row.values["student"]
            if student in duplicates:
                result.bad.append(
                    (
                        row.sheet,
                        BadRow(
                            row.number, "import.duplicate", {"student": student, "first": duplicates[student]}
                        ),
                    )
                )
                continue
            duplicates[student] = row.number
            plain.append(Row(row.number, {f: row.values.get(f) for f in m.Candidate.model_fields}))
        outcome = merge(document.data, plain, rel)
        result.bad.extend((file_rows[0].sheet, b) for b in outcome.bad)
        outcome.bad = []
        result.outcomes.append(outcome)
        documents.append(document)
