"""`onex import results`: exam results exported from the national 1+X platform, merged into a
session's `candidates`.

The export is a CSV (UTF-8 with or without BOM, or GB18030/GBK as Excel on a Chinese Windows
saves it) or an XLSX (first sheet), with Chinese column headers. Rows are matched to candidates
by student number: known candidates are updated, new ones added; empty cells never erase what the
session holds. Every row is read before anything is written: one unreadable row (no student
number, an unknown result word, a score that is not a number) and nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from onex.errors import FatalError
from onex.messages import Text, register
from onex.models import CODE_PATTERN, ENUMS, IMPORT_FIELDS, Candidate
from onex.spreadsheet import column_mapping, find_header, read_table

MESSAGES = {
    "import.no_student_column": {
        "zh": "{file} 中找不到学号列（表头：{headers}）：用 --map 列名=student 指定",
        "en": "{file} has no student number column (headers: {headers}): name it with --map HEADER=student",
    },
    "import.not_session": {
        "zh": "{file} 不是登记库中的考核记录（应为 colleges/<学院>/sessions/<年份>/<编号>.yaml）",
        "en": "{file} is not an exam session of a registry (colleges/<college>/sessions/<year>/<id>.yaml)",
    },
    "import.candidates_not_list": {
        "zh": "{file} 的 candidates 不是列表：请先修正它（onex check 会指出问题）",
        "en": "the candidates of {file} are not a list: fix them first (onex check shows how)",
    },
    "import.bad_saved_mapping": {
        "zh": "onex.yaml 中的 imports 列映射有误：先用 onex check 修正（REG-002）",
        "en": "the imports column mapping in onex.yaml is invalid: fix it first (onex check shows it as REG-002)",
    },
    "import.row": {"zh": "第 {row} 行：{reason}", "en": "row {row}: {reason}"},
    "import.rows_refused": {
        "zh": "{count} 行无法读取，未写入任何内容：请修正导出文件后重新导入",
        "en": "{count} row(s) cannot be read, nothing was written: correct the export and import it again",
    },
    "import.bad_boolean": {
        "zh": "“{value}”不是是/否：应为 是、否、true 或 false",
        "en": '"{value}" is not a yes or no: use true, false, 是 or 否',
    },
    "import.bad_enum": {
        "zh": "“{value}”无法识别：应为 {known} 之一",
        "en": '"{value}" is not known: use one of {known}',
    },
    "import.no_student": {"zh": "缺少学号", "en": "no student number"},
    "import.bad_student": {
        "zh": "学号 {value} 格式不对：只能包含字母、数字",
        "en": "the student number {value} has the wrong form: letters and digits only",
    },
    "import.scientific_student": {
        "zh": "学号 {value} 被 Excel 变成了科学计数法：把该列设为文本后重新导出",
        "en": "Excel turned the student number into {value}: format the column as text and export again",
    },
    "import.bad_result": {
        "zh": "考核结果“{value}”无法识别：应为 通过/合格、不通过/未通过/不合格、缺考 或 待定",
        "en": 'the result "{value}" is not known: use 通过/合格, 不通过/未通过/不合格, 缺考 or 待定',
    },
    "import.bad_score": {
        "zh": "成绩“{value}”不是数字",
        "en": 'the score "{value}" is not a number',
    },
    "import.negative_score": {"zh": "成绩 {value} 为负数", "en": "the score {value} is negative"},
    "import.bad_major": {
        "zh": "专业代码 {value} 格式不对：应为如 510201 的代码（不是专业名称；可用 --map 指定代码列）",
        "en": "the major code {value} has the wrong form: a code like 510201, not a name (--map the code column)",
    },
    "import.duplicate": {
        "zh": "学号 {student} 与第 {first} 行重复",
        "en": "the student number {student} is already on row {first}",
    },
    "import.new_needs": {
        "zh": "学号 {student} 是新考生，需要{missing}",
        "en": "{student} is a new candidate and needs {missing}",
    },
    "import.summary": {
        "zh": "{file}：更新 {updated} 名考生，新增 {added} 名，{same} 名无变化",
        "en": "{file}: {updated} candidate(s) updated, {added} added, {same} unchanged",
    },
    "import.dry_run": {"zh": "试运行：未写入任何内容", "en": "dry run: nothing was written"},
    "import.not_in_file": {
        "zh": "考核记录中有 {count} 名考生不在导入文件中，保持不变：{students}",
        "en": "{count} candidate(s) of the session are not in the file and were left as they are: {students}",
    },
    "import.col_student": {"zh": "学号", "en": "student"},
    "import.col_name": {"zh": "姓名", "en": "name"},
    "import.col_field": {"zh": "字段", "en": "field"},
    "import.col_change": {"zh": "原值 → 新值", "en": "old → new"},
}
register(MESSAGES)

FIELDS = IMPORT_FIELDS["results"]
# header -> field, in priority order (专业代码 wins over 专业 when an export has both)
DEFAULT_COLUMNS: dict[str, str] = {
    "学号": "student",
    "姓名": "name",
    "专业代码": "major",
    "专业": "major",
    "成绩": "score",
    "考核结果": "result",
    "结果": "result",
    "证书编号": "certificate_no",
}
RESULT_WORDS: dict[str, str] = {
    "通过": "pass",
    "合格": "pass",
    "不通过": "fail",
    "未通过": "fail",
    "不合格": "fail",
    "缺考": "absent",
    "待定": "pending",
    **{english: english for english in ENUMS["result"]},
}
EMPTY_SCORES = {"", "-", "—", "/"}
# how a spreadsheet says yes or no (onex export writes true/false)
BOOLEAN_WORDS: dict[str, bool] = {
    **dict.fromkeys(("true", "yes", "y", "1", "是", "在籍", "√", "✓"), True),
    **dict.fromkeys(("false", "no", "n", "0", "否", "不在籍", "×"), False),
}
_CODE = re.compile(CODE_PATTERN)
_SCIENTIFIC = re.compile(r"^[0-9.]+[eE][+-]?[0-9]+$")
_READS_AS_NON_TEXT = re.compile(r"^([-+.0-9_:eE]+|true|false|null|~|yes|no|on|off|y|n)$", re.IGNORECASE)


@dataclass
class Row:
    number: int  # as the spreadsheet shows it: the header is row 1 (or below a title)
    values: dict[str, Any]


@dataclass
class BadRow:
    number: int
    message: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class Change:
    student: str
    name: str
    field: str
    old: Any
    new: Any
    added: bool = False


@dataclass
class Outcome:
    file: str
    changes: list[Change] = field(default_factory=list)
    bad: list[BadRow] = field(default_factory=list)
    updated: int = 0
    added: int = 0
    same: int = 0
    not_in_file: list[str] = field(default_factory=list)
    written: bool = False


# --- reading the export -----------------------------------------------------------------------


def parse_mapping(overrides: list[str], saved: dict[str, str | None] | None = None) -> dict[str, str | None]:
    """Header -> field: the `--map HEADER=FIELD` overrides, the onex.yaml mapping, the defaults."""
    return column_mapping(overrides, saved or {}, DEFAULT_COLUMNS, FIELDS)


def parse_rows(
    table: list[tuple[int, list[str]]], mapping: dict[str, str | None], file: str
) -> tuple[list[Row], list[BadRow]]:
    """The rows below the header row (the first with a student number column)."""
    found = find_header(table, mapping, "student")
    if found is None:
        headers = [c for _, cells in table[:1] for c in cells if c]
        raise FatalError("import.no_student_column", file=file, headers=headers)
    header_row, columns = found
    rows: list[Row] = []
    bad: list[BadRow] = []
    first_row: dict[str, int] = {}
    for number, cells in table[header_row + 1 :]:
        if not any(cells):
            continue
        values = {f: (cells[i] if i < len(cells) else "") for f, i in columns.items()}
        parsed, problem = _parse(values)
        if problem is None and parsed["student"] in first_row:
            problem = (
                "import.duplicate",
                {"student": parsed["student"], "first": first_row[parsed["student"]]},
            )
        if problem is not None:
            bad.append(BadRow(number, problem[0], problem[1]))
            continue
        first_row[parsed["student"]] = number
        rows.append(Row(number, parsed))
    return rows, bad


def _parse(values: dict[str, str]) -> tuple[dict[str, Any], tuple[str, dict[str, Any]] | None]:
    out: dict[str, Any] = {}
    student = values.get("student", "")
    if not student:
        return out, ("import.no_student", {})
    if _SCIENTIFIC.match(student):
        return out, ("import.scientific_student", {"value": student})
    if not _CODE.match(student):
        return out, ("import.bad_student", {"value": student})
    out["student"] = student
    out["name"] = values.get("name") or None
    major = values.get("major", "")
    if major and not _CODE.match(major):
        return out, ("import.bad_major", {"value": major})
    out["major"] = major or None
    word = values.get("result", "")
    if word and word not in RESULT_WORDS and word.lower() not in RESULT_WORDS:
        return out, ("import.bad_result", {"value": word})
    out["result"] = RESULT_WORDS.get(word, RESULT_WORDS.get(word.lower())) if word else None
    score = values.get("score", "")
    if score in EMPTY_SCORES:
        out["score"] = None
    else:
        try:
            number = float(score)
        except ValueError:
            return out, ("import.bad_score", {"value": score})
        if number != number or number in (float("inf"), float("-inf")):
            return out, ("import.bad_score", {"value": score})
        if number < 0:
            return out, ("import.negative_score", {"value": score})
        out["score"] = int(number) if number.is_integer() else number
    out["certificate_no"] = values.get("certificate_no") or None
    enrolled = values.get("enrolled", "")
    if enrolled:
        if enrolled.lower() not in BOOLEAN_WORDS:
            return out, ("import.bad_boolean", {"value": enrolled})
        out["enrolled"] = BOOLEAN_WORDS[enrolled.lower()]
    payer = values.get("fee_payer", "")
    if payer:
        english = {zh: en for en, zh in ENUMS["fee_payer"].items()}.get(payer, payer.lower())
        if english not in ENUMS["fee_payer"]:
            return out, ("import.bad_enum", {"value": payer, "known": list(ENUMS["fee_payer"])})
        out["fee_payer"] = english
    return out, None


# --- merging into the session -----------------------------------------------------------------

ORDER = list(Candidate.model_fields)
NEEDED = {"name": {"zh": "姓名", "en": "a name"}, "major": {"zh": "专业代码", "en": "a major code"}}


def _text(value: str) -> Any:
    """A string written so that it reads back as a string (codes, student numbers quoted)."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    return DoubleQuotedScalarString(value) if _READS_AS_NON_TEXT.match(value) else value


def _written(field_name: str, value: Any) -> Any:
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if field_name in ("student", "major"):
        return DoubleQuotedScalarString(value)
    if isinstance(value, str):
        return _text(value)
    return value


def _same(field_name: str, old: Any, new: Any) -> bool:
    if old is None:  # an absent field holds its default (`enrolled: true`, `result: pending`)
        return new == Candidate.model_fields[field_name].default
    if field_name in ("enrolled",):
        return old is new
    if field_name == "fee_payer":
        aliases = {zh: en for en, zh in ENUMS["fee_payer"].items()}
        return aliases.get(old, old) == new
    if field_name == "result":
        aliases = {zh: en for en, zh in ENUMS["result"].items()}
        return aliases.get(old, old) == new
    if field_name == "score":
        try:
            return float(old) == float(new)
        except (TypeError, ValueError):
            return False
    return str(old) == str(new)


def _set(item: Any, key: str, value: Any) -> None:
    """Set a candidate's field, a new key at its SPEC place (student, name, major, …)."""
    if key in item:
        item[key] = value
        return
    rank = ORDER.index(key)
    position = sum(1 for k in item if k in ORDER and ORDER.index(k) < rank)
    item.insert(position, key, value)


def merge(data: Any, rows: list[Row], file: str) -> Outcome:
    """Apply the rows to a session's round-trip tree (in place); the outcome lists the changes."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    outcome = Outcome(file)
    candidates = data.get("candidates")
    if candidates is None:
        candidates = CommentedSeq()
        data["candidates"] = candidates
    if not isinstance(candidates, list):
        raise FatalError("import.candidates_not_list", file=file)
    existing = {str(item.get("student")): item for item in candidates if isinstance(item, dict)}
    flow = _flow_items(candidates)
    seen: set[str] = set()
    for row in rows:
        values = row.values
        student = values["student"]
        seen.add(student)
        item = existing.get(student)
        if item is None:
            missing = [f for f in ("name", "major") if not values.get(f)]
            if missing:
                needs = Text(
                    {
                        "zh": "和".join(NEEDED[f]["zh"] for f in missing),
                        "en": " and ".join(NEEDED[f]["en"] for f in missing),
                    }
                )
                outcome.bad.append(
                    BadRow(row.number, "import.new_needs", {"student": student, "missing": needs})
                )
                continue
            item = CommentedMap()
            if flow:
                item.fa.set_flow_style()
            for key in ORDER:
                if values.get(key) is not None and (key == "student" or not _same(key, None, values[key])):
                    item[key] = _written(key, values[key])
                    if key != "student":
                        outcome.changes.append(
                            Change(student, values["name"], key, None, values[key], added=True)
                        )
            candidates.append(item)
            existing[student] = item
            outcome.added += 1
            continue
        changed = False
        for key in ORDER:
            new = values.get(key)
            if key == "student" or new is None or _same(key, item.get(key), new):
                continue
            outcome.changes.append(
                Change(student, str(item.get("name") or values.get("name") or ""), key, item.get(key), new)
            )
            _set(item, key, _written(key, new))
            changed = True
        if changed:
            outcome.updated += 1
        else:
            outcome.same += 1
    outcome.not_in_file = [s for s in existing if s not in seen]
    return outcome


def _flow_items(candidates: list[Any]) -> bool:
    """New candidates follow the file's style: one line each, unless the file writes them in blocks."""
    for item in candidates:
        if isinstance(item, dict) and hasattr(item, "fa"):
            return bool(item.fa.flow_style())
    return True


# --- the command's work -----------------------------------------------------------------------


def session_place(session: Path, registry: Path | None) -> tuple[Path, str]:
    """(registry root, registry-relative path) of a session file; refuses anything else."""
    from onex.fmt import registry_root_of
    from onex.load import Place, place_of

    if not session.is_file():
        raise FatalError("import.no_file", file=str(session))
    root = registry.resolve() if registry else registry_root_of(session)
    absolute = session.resolve()
    if root is None or not absolute.is_relative_to(root):
        raise FatalError("import.not_session", file=str(session))
    rel = absolute.relative_to(root).as_posix()
    place = place_of(rel.split("/"))
    if not isinstance(place, Place) or place.kind != "session":
        raise FatalError("import.not_session", file=str(session))
    return root, rel


def saved_mapping(root: Path, kind: str) -> dict[str, str | None]:
    """The column mapping `onex.yaml` saves for `kind` (`imports: {KIND: {HEADER: FIELD}}`); a
    mapping that breaks its schema is refused rather than silently not applied."""
    from pydantic import ValidationError

    from onex.models import ImportMappings
    from onex.yamlread import ReadError, read_document

    try:
        data, _ = read_document((root / "onex.yaml").read_bytes())
    except (OSError, ReadError):
        return {}  # onex check reports the file; the defaults still work
    imports = data.get("imports") if isinstance(data, dict) else None
    if not imports:
        return {}
    try:
        return dict(getattr(ImportMappings.model_validate(imports), kind))
    except ValidationError:
        raise FatalError("import.bad_saved_mapping") from None


def import_results(
    file: Path, session: Path, registry: Path | None, overrides: list[str], dry_run: bool
) -> Outcome:
    """Read the export, merge it into the session and write it (unless dry run or bad rows)."""
    from onex.write import open_document, registry_lock, save

    root, rel = session_place(session, registry)
    mapping = parse_mapping(overrides, saved_mapping(root, "results"))
    rows, bad = parse_rows(read_table(file), mapping, str(file))
    with registry_lock(root):
        document = open_document(session)
        if not isinstance(document.data, dict):
            raise FatalError("import.not_session", file=str(session))
        outcome = merge(document.data, rows, rel)
        outcome.bad = sorted(bad + outcome.bad, key=lambda b: b.number)
        if not outcome.bad and not dry_run:
            outcome.written = save(document)
    return outcome
