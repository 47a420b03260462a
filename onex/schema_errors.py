"""Pydantic validation errors as REG-002 findings a coordinator can act on.

One finding per bad field, at the right place: a missing field at its parent mapping, an unknown
field at its key, a bad value at the value. Then the record is *salvaged* (:mod:`onex.salvage`):
it keeps every field that is fine and marks the broken ones unknown, so one bad field neither
hides the record from the other rules nor lets them judge a guess (SPEC §4.1).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from typing import Any

from pydantic import ValidationError

from onex.messages import Text, register
from onex.models import ENUMS, MODELS
from onex.problems import Finding
from onex.records import Record
from onex.salvage import salvage
from onex.yamlread import key_as_written

MESSAGES = {
    "reg002.missing": {
        "zh": "{where}缺少必填字段 {field}",
        "en": "{where}lacks the required field `{field}`",
    },
    "reg002.unknown": {
        "zh": "未知字段 {field}{hint}：请删除或改正它",
        "en": "unknown field `{field}`{hint}: remove it or correct its name",
    },
    "reg002.enum": {
        "zh": "{field} 的值 {value} 不在允许范围内：应为 {allowed}",
        "en": "`{field}` is {value}, which is not allowed: use one of {allowed}",
    },
    "reg002.quote": {
        "zh": "{field} 应写成文本：加引号写作 '{value}'（不加引号时 0123 会变成 123）",
        "en": "`{field}` must be text: quote it as '{value}' (unquoted, 0123 becomes 123)",
    },
    "reg002.string": {
        "zh": "{field} 应为文本，而不是 {value}",
        "en": "`{field}` must be text, not {value}",
    },
    "reg002.bool": {
        "zh": "{field} 应为 true 或 false，而不是 {value}（yes/no/on/off 不是布尔值）",
        "en": "`{field}` must be true or false, not {value} (yes/no/on/off are not booleans)",
    },
    "reg002.date": {
        "zh": "{field} 应为有效日期，不加引号写作 YYYY-MM-DD（如 2026-03-11），而不是 {value}",
        "en": "`{field}` must be a valid date written unquoted as YYYY-MM-DD (e.g. 2026-03-11), not {value}",
    },
    "reg002.int": {
        "zh": "{field} 应为整数，而不是 {value}",
        "en": "`{field}` must be a whole number, not {value}",
    },
    "reg002.number": {
        "zh": "{field} 应为数字，而不是 {value}",
        "en": "`{field}` must be a number, not {value}",
    },
    "reg002.pattern": {
        "zh": "{field} 的值 {value} 格式不对：{expected}",
        "en": "`{field}` is {value}, which has the wrong form: {expected}",
    },
    "reg002.mapping": {
        "zh": "{field} 应为映射（key: value），而不是 {value}",
        "en": "`{field}` must be a mapping (key: value), not {value}",
    },
    "reg002.list": {
        "zh": "{field} 应为列表（- 项），而不是 {value}",
        "en": "`{field}` must be a list (- items), not {value}",
    },
    "reg002.range": {
        "zh": "{field} 的值 {value} 超出范围：{detail}",
        "en": "`{field}` is {value}, out of range: {detail}",
    },
    "reg002.invalid": {
        "zh": "{field} 的值 {value} 无效：{detail}",
        "en": "`{field}` is {value}, which is invalid: {detail}",
    },
    "reg002.empty": {
        "zh": "文件是空的：{kind} 记录应为一个映射（key: value）",
        "en": "the file is empty: a {kind} record is a mapping (key: value)",
    },
    "reg002.not_mapping": {
        "zh": "文件顶层应为映射（key: value），而不是{value}",
        "en": "the top of the file must be a mapping (key: value), not {value}",
    },
    "reg002.full_width_colon": {
        "zh": "文件顶层应为映射（key: value），而不是{value}：这里用了全角冒号“：”，请改用半角冒号加空格“: ”",
        "en": "the top of the file must be a mapping (key: value), not {value}: it uses the full-width colon “：”; "
        "write a plain colon and a space (`: `)",
    },
    "reg002.key_not_text": {
        "zh": "键 {key} 不是文本（YAML 把它读作{kind}）：字段名都是文本；请改正键名，或加引号写作 '{key}'",
        "en": "the key {key} is not text (YAML reads it as {kind}): field names are text; correct the key, or "
        "quote it as '{key}'",
    },
    "reg002.more": {
        "zh": "此文件还有 {count} 处结构问题未逐一列出；请先修正上面列出的问题",
        "en": "{count} more schema problems in this file are not listed one by one: fix the ones above first",
    },
}

# One file gets at most this many REG-002 problems, then one saying how many more: a file of a
# million bad items must not become a million problems (time, memory, a CI log nobody reads).
MAX_FINDINGS_PER_FILE = 100
_MAX_SHOWN = 80  # characters of a value quoted in a message
register(MESSAGES)

PATTERN_HINTS = {
    "id": {
        "zh": "只能用小写字母、数字和连字符，如 web-frontend",
        "en": "lower-case letters, digits and hyphens, e.g. web-frontend",
    },
    "code": {"zh": '字母或数字，如 "510201"', "en": 'letters or digits, e.g. "510201"'},
    "month": {"zh": "年月 YYYY-MM，如 2027-07", "en": "a month YYYY-MM, e.g. 2027-07"},
    "monthday": {"zh": '真实存在的月-日 MM-DD，如 "03-31"', "en": 'a real month-day MM-DD, e.g. "03-31"'},
    "rule": {"zh": "规则编号，如 STAFF-001", "en": "a rule id, e.g. STAFF-001"},
}


def describe_path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= _MAX_SHOWN else f"'{value[:_MAX_SHOWN]}…'"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        digits = len(str(abs(value))) if value.bit_length() < 10_000 else None
        if digits is None or digits > 30:  # str() of a 4,300+ digit int raises ValueError
            return f"{'-' if value < 0 else ''}~10^{int(value.bit_length() * 0.30103)}"
    return str(value)


_SOURCE_TOKEN = re.compile(r"[^\s,\[\]{}#]+")


def _as_written(record: Record, loc: tuple[Any, ...], value: Any) -> str:
    """A plain scalar as it is written in the file (`0123`, `1.10`), else as loaded."""
    shown = _show(value)
    try:
        where = record.at_file_path(loc, value=True)
        found = _SOURCE_TOKEN.match(record.text.split("\n", where.line)[where.line - 1], where.column - 1)
    except Exception:  # noqa: BLE001 - a hint is never worth a crash
        return shown
    token = found.group() if found else ""
    if not token[-1:].isalnum():
        return shown
    return token if len(token) <= _MAX_SHOWN else f"{token[:_MAX_SHOWN]}…"


def _enum_choices(expected: str) -> str:
    """pydantic's "'a', 'b' or 'c'" plus the Chinese alias of each."""
    words = [w.strip(" '") for w in expected.replace(" or ", ",").split(",")]
    words = [w for w in words if w]
    aliases = next((values for values in ENUMS.values() if set(values) == set(words)), {})
    return " | ".join(f"{w}（{aliases[w]}）" if w in aliases else w for w in words)


def _pattern_kind(pattern: str) -> str:
    if "a-z0-9][a-z0-9-]" in pattern:
        return "id"
    if "0-9A-Za-z" in pattern:
        return "code"
    if "[A-Z]+-" in pattern:
        return "rule"
    if r"[0-9]{4}-(0[1-9]" in pattern:
        return "month"
    return "monthday"


def _unknown_hint(key: str, known: list[str]) -> dict[str, str]:
    if any(ch in key for ch in "：\u3000\u00a0"):
        return {
            "zh": "（含全角冒号或全角空格：请改用半角 `: `）",
            "en": " (it holds a full-width colon or space: use a plain `: `)",
        }
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return {"zh": f"（是不是 {close[0]}？）", "en": f" (did you mean `{close[0]}`?)"}
    return {"zh": "", "en": ""}


def _known_fields(kind: str, loc: tuple[Any, ...]) -> list[str]:
    """Field names of the model at `loc` (best effort, for 'did you mean')."""
    model: Any = MODELS[kind]
    for part in loc:
        if isinstance(part, int) or model is None:
            continue
        info = getattr(model, "model_fields", {}).get(part) if hasattr(model, "model_fields") else None
        if info is None:
            info = next((f for f in getattr(model, "model_fields", {}).values() if f.alias == part), None)
        if info is None:
            return []
        model = _inner_model(info.annotation)
    if model is None or not hasattr(model, "model_fields"):
        return []
    return [f.alias or n for n, f in model.model_fields.items()]


def _inner_model(annotation: Any) -> Any:
    from typing import get_args

    stack = [annotation]
    while stack:
        ann = stack.pop()
        if isinstance(ann, type) and hasattr(ann, "model_fields"):
            return ann
        stack.extend(get_args(ann))
    return None


def finding_for(record: Record, error: dict[str, Any]) -> Finding:
    """One pydantic error -> one REG-002 finding, placed where the fix belongs."""
    loc = tuple(p for p in error["loc"] if p != "[key]")
    is_key = "[key]" in error["loc"]
    kind = error["type"]
    value = error.get("input")
    field = describe_path(loc) or record.kind
    params: dict[str, Any] = {"field": field, "value": _show(value)}
    if kind == "missing":
        parent = loc[:-1]
        where = describe_path(parent)
        return Finding(
            "reg002.missing",
            {"field": str(loc[-1]), "where": f"{where} " if where else ""},
            record=record,
            path=parent,
            raw=True,
        )
    if kind == "invalid_key":  # a key that is not text: pydantic's loc holds its repr, not the key
        key = error.get("input")
        return Finding(
            "reg002.key_not_text",
            {"key": key_as_written(key), "kind": Text(_kind_of(key))},
            record=record,
            path=(*loc[:-1], key),
            raw=True,
        )
    if kind == "extra_forbidden":
        hint = _unknown_hint(str(loc[-1]), _known_fields(record.kind, loc[:-1]))
        return Finding(
            "reg002.unknown", {"field": field, "hint": Text(hint)}, record=record, path=loc, raw=True
        )
    if kind in ("literal_error", "enum"):
        params["allowed"] = _enum_choices(error.get("ctx", {}).get("expected", ""))
        message = "reg002.enum"
    elif kind == "string_type":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            message = "reg002.quote"
            params["value"] = _as_written(record, loc, value)  # unquoted 0123 loaded as 123: show 0123
        else:
            message = "reg002.string"
    elif kind == "bool_type":
        message = "reg002.bool"
    elif kind.startswith("date") or kind.startswith("datetime"):
        message = "reg002.date"
    elif kind.startswith("int"):
        message = "reg002.int"
    elif kind.startswith("float"):
        message = "reg002.number"
    elif kind == "string_pattern_mismatch":
        params["expected"] = Text(PATTERN_HINTS[_pattern_kind(error.get("ctx", {}).get("pattern", ""))])
        message = "reg002.pattern"
    elif kind in ("dict_type", "model_type", "model_attributes_type"):
        message = "reg002.mapping"
    elif kind in ("list_type", "tuple_type", "set_type"):
        message = "reg002.list"
    elif kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        params["detail"] = Text(_bound(kind, error.get("ctx", {})))
        message = "reg002.range"
    elif kind == "string_too_short":
        params["detail"] = error.get("msg", "")
        message = "reg002.range"
    else:
        params["detail"] = error.get("msg", "")
        message = "reg002.invalid"
    return Finding(message, params, record=record, path=loc, value=not is_key, raw=True)


def _bound(kind: str, ctx: dict[str, Any]) -> dict[str, str]:
    """The violated bound in both languages; an upper bound is onex's documented maximum."""
    limit = next(iter(ctx.values()), "?")
    if kind == "less_than_equal":
        return {
            "zh": f"最大为 {limit}（见 docs/registry.md）",
            "en": f"at most {limit} (see docs/registry.md)",
        }
    if kind == "less_than":
        return {"zh": f"应小于 {limit}", "en": f"less than {limit}"}
    if kind == "greater_than":
        return {"zh": f"应大于 {limit}", "en": f"more than {limit}"}
    return {"zh": f"至少为 {limit}", "en": f"at least {limit}"}


def _kind_of(value: Any) -> dict[str, str]:
    if value is None:
        return {"zh": "空值 null", "en": "null"}
    if isinstance(value, bool):
        return {"zh": "布尔值", "en": "true or false"}
    if isinstance(value, (int, float)):
        return {"zh": "数字", "en": "a number"}
    if isinstance(value, dt.date):
        return {"zh": "日期", "en": "a date"}
    return {"zh": "非文本的值", "en": "a value that is not text"}


KEY_ERRORS = ("missing", "invalid_key")  # errors whose last `loc` part is not a key of the data


def _one_per_field(errors: list[dict[str, Any]], data: Any) -> list[dict[str, Any]]:
    """Drop pydantic's union-member tags from each `loc` (`version.int`, `version.str`) and keep
    one error per field: the text one when there is one, as it carries the "quote it" hint."""
    chosen: dict[tuple[Any, ...], dict[str, Any]] = {}
    for error in errors:
        loc: list[Any] = []
        node, known = data, True
        for part in error["loc"]:
            if known and part != "[key]" and not isinstance(node, (dict, list)):
                break  # a scalar has no children: what follows names a union member
            if known and isinstance(node, dict) and part not in node and error["type"] not in KEY_ERRORS:
                break  # a mapping given where a union of scalars belongs: `part` names a member
            loc.append(part)
            if known and part != "[key]":
                try:
                    node = node[part]
                except (KeyError, IndexError, TypeError):
                    known = False  # a missing field, an alias: keep the rest of the path as it is
        key = tuple(loc)
        if key not in chosen or (error["type"] == "string_type" and chosen[key]["type"] != "string_type"):
            chosen[key] = {**error, "loc": key}
    return list(chosen.values())


def _misspelt_once(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A required field written with a misspelt key is one defect: report the unknown key (with
    its "did you mean"), not also the missing field it resembles (SPEC §4.1)."""
    unknown: dict[tuple[Any, ...], list[str]] = {}
    for error in errors:
        if error["type"] == "extra_forbidden" and error["loc"]:
            unknown.setdefault(tuple(error["loc"][:-1]), []).append(str(error["loc"][-1]))
    if not unknown:
        return errors
    return [
        error
        for error in errors
        if error["type"] != "missing"
        or not difflib.get_close_matches(
            str(error["loc"][-1]), unknown.get(tuple(error["loc"][:-1]), []), 1, 0.6
        )
    ]


def _nfc(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {_nfc(key): _nfc(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_nfc(item) for item in value]
    return value


def validate(record: Record, head: int | None = None) -> list[Finding]:
    """Validate `record.data` into `record.model`; return the REG-002 findings. `head`: only the
    text before it may hold text NFC changes (the reader proved the rest plain: onex.plainrows)."""
    model_cls = MODELS[record.kind]
    if not unicodedata.is_normalized("NFC", record.text if head is None else record.text[:head]):
        # names and ids are compared after NFC (SPEC §4.2): 曹阳 typed in NFD is the leader 曹阳
        record.data = _nfc(record.data)
    data = record.data
    if data is None:
        return [Finding("reg002.empty", {"kind": record.kind}, record=record, line=1, column=1)]
    if not isinstance(data, dict):
        message = (
            "reg002.full_width_colon" if isinstance(data, str) and "：" in data else "reg002.not_mapping"
        )
        return [Finding(message, {"value": _show(data)}, record=record, line=1, column=1)]
    try:
        record.model = model_cls.model_validate(data)
        return []
    except ValidationError as exc:
        errors = _one_per_field(exc.errors(include_url=False), data)
    reported = _misspelt_once(errors)
    findings = [finding_for(record, e) for e in reported[:MAX_FINDINGS_PER_FILE]]
    if len(reported) > MAX_FINDINGS_PER_FILE:
        first_unlisted = tuple(p for p in reported[MAX_FINDINGS_PER_FILE]["loc"] if p != "[key]")
        more = len(reported) - MAX_FINDINGS_PER_FILE
        findings.append(Finding("reg002.more", {"count": more}, record=record, path=first_unlisted, raw=True))
    record.model, record.kept, record.unknown = salvage(model_cls, data, errors)
    return findings
