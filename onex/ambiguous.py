"""Numbers whose meaning depends on the YAML version: REG-002 where they are written.

onex reads YAML 1.2 (as ruamel.yaml does); PyYAML, many editors' plugins and older tools read
YAML 1.1; YAML 1.2's core schema (JavaScript, Go tools) reads some spellings as text. A registry
value must mean the same to all of them, so a plain scalar that onex reads as a number is
reported unless it is written the plain way (``17``, ``-3``, ``480.5``, ``+2``):

* a leading zero: ``017`` is 17 in 1.2 and 15 (octal) in 1.1; ``09`` is 9 in 1.2 and text in 1.1;
* ``0o17`` (octal 15 in 1.2, text in 1.1), ``0x1F``, ``0b101`` (hexadecimal, binary);
* underscores: ``8_8`` is 88 to onex and YAML 1.1, text to a YAML 1.2 core-schema reader;
* an exponent: ``1e3`` is 1000.0 in 1.2, text in 1.1;
* ``.inf``, ``-.inf``, ``.nan``: not a finite number, never a fee, a score or a count.

Sexagesimal ``1:20`` (80 in 1.1) is text in 1.2, so onex never reads it as a number: a number
field reports it as "must be a whole number", a text field keeps the text. docs/registry.md
documents all of this. Only files whose bytes hold a candidate spelling pay for the event pass.
"""

from __future__ import annotations

import math
import re
from typing import Any

from onex.messages import Text, register
from onex.problems import Finding

MESSAGES = {
    "reg002.yaml_number": {
        "zh": "{field} 写作 {value}：{why}。请直接写成普通的数字 {plain}；若它本是文本（编号等），加引号写作 '{value}'",
        "en": "`{field}` is written {value}: {why}. Write the number plainly as {plain}, or, if it is text "
        "(an id, a code), quote it as '{value}'",
    },
    "reg002.not_finite": {
        "zh": "{field} 写作 {value}，这不是有限的数字（无穷大或非数）；费用、分数、人数和学时都应写成普通的数字",
        "en": "`{field}` is written {value}, which is not a finite number (infinity or not-a-number); fees, "
        "scores, counts and hours are ordinary numbers",
    },
}
register(MESSAGES)

# a token where a plain scalar can start, spelled like one of the cases above (a cheap byte scan:
# most files have none and never pay for the event pass)
_CANDIDATE = re.compile(
    rb"(?:^|[\s\[{,:])[-+]?(?:0[0-9xXoObB_]|\.(?:inf|Inf|INF|nan|NaN|NAN)|[0-9][0-9_]*(?:\.[0-9_]*)?[_eE])",
    re.M,
)
_PLAIN = re.compile(r"[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")

_WHY = {
    "octal": {
        "zh": "onex（YAML 1.2）读作 {as12}，YAML 1.1 的工具（PyYAML 等）却读作八进制数 {as11}",
        "en": "onex (YAML 1.2) reads {as12}, but YAML 1.1 tools (PyYAML and others) read the octal number {as11}",
    },
    "leading_zero": {
        "zh": "onex（YAML 1.2）读作 {as12}，YAML 1.1 的工具却读作文本",
        "en": "onex (YAML 1.2) reads {as12}, but YAML 1.1 tools read it as text",
    },
    "radix": {
        "zh": "这是 {as12} 的{radix}写法：YAML 各版本的读法不一（1.1 不认 0o，1.2 的核心模式不认 0b），人也容易看错",
        "en": "this is {as12} written in {radix}: YAML versions disagree on such spellings (1.1 has no 0o, the "
        "1.2 core schema no 0b) and people misread them",
    },
    "underscore": {
        "zh": "onex 和 YAML 1.1 读作 {as12}，YAML 1.2 核心模式的工具却读作文本",
        "en": "onex and YAML 1.1 read {as12}, but YAML 1.2 core-schema tools read it as text",
    },
    "exponent": {
        "zh": "onex（YAML 1.2）读作 {as12}，YAML 1.1 的工具却读作文本",
        "en": "onex (YAML 1.2) reads {as12}, but YAML 1.1 tools read it as text",
    },
}
_RADIX = {"x": ("十六进制", "hexadecimal"), "o": ("八进制", "octal"), "b": ("二进制", "binary")}


def _table(shapes: dict[bytes, bytes], default: bytes) -> bytes:
    table = bytearray(default * 256)
    for values, shape in shapes.items():
        for value in values:
            table[value] = shape[0]
    return bytes(table)


# Every match of _CANDIDATE holds one of these byte runs, in one of two reductions of the bytes:
# a leading zero (what may stand before a scalar, then 0, then a digit, radix letter or
# underscore; a sign between them is dropped), or a digit (maybe then a dot) right before an
# underscore or an exponent; `.inf`/`.nan` in any case.
_LEADING = _table({b" \t\n\r\x0b\x0c[{,:": b" ", b"0": b"z", b"123456789xXoObB_": b"n"}, b"a")
_LEADING_NEEDLES = (b" zz", b" zn")
_SIGNS = b"-+"
_TRAILING = _table({b"0123456789": b"d", b"_eE": b"e", b".": b"."}, b"a")
_TRAILING_NEEDLES = (b"de", b"d.e")
_WORD_NEEDLES = (b".inf", b".nan")


def may_hold(data: bytes) -> bool:
    """Whether the file's bytes hold a spelling worth the event pass.

    The regular expression tries its alternatives at every byte; most files hold none of the
    byte runs every match contains, which a few substring searches over reductions of the bytes
    rule out first, several times faster."""
    leading = b" " + data.translate(_LEADING, _SIGNS)
    trailing = data.translate(_TRAILING)
    lower = data.lower()
    if not (
        any(needle in leading for needle in _LEADING_NEEDLES)
        or any(needle in trailing for needle in _TRAILING_NEEDLES)
        or any(needle in lower for needle in _WORD_NEEDLES)
    ):
        return False
    return _CANDIDATE.search(data) is not None


def findings(record: Any) -> list[Finding]:
    """REG-002 findings for every ambiguous number in the record's text (see the module doc);
    the loader asks only for files whose bytes `may_hold` one."""
    found = []
    for path, line, column, written, value in _numbers(record.text):
        if _PLAIN.fullmatch(written):
            continue
        field = _describe(path) or record.kind
        if isinstance(value, float) and not math.isfinite(value):
            finding = Finding("reg002.not_finite", {"field": field, "value": written}, record=record)
        else:
            finding = Finding(
                "reg002.yaml_number",
                {"field": field, "value": written, "why": Text(_why(written, value)), "plain": _plain(value)},
                record=record,
            )
        finding.line, finding.column = line, column
        finding.path, finding.raw = tuple(path), True  # the field, which is then unknown (§4.1)
        found.append(finding)
    return found


def _why(written: str, value: int | float) -> dict[str, str]:
    digits = written.lstrip("+-")
    as12 = _plain(value)
    if digits[:2].lower() in ("0x", "0o", "0b"):
        zh, en = _RADIX[digits[1].lower()]
        return {
            "zh": _WHY["radix"]["zh"].format(as12=as12, radix=zh),
            "en": _WHY["radix"]["en"].format(as12=as12, radix=en),
        }
    if "_" in digits:
        key = "underscore"
    elif "e" in digits.lower():
        key = "exponent"
    elif re.fullmatch(r"0[0-7]+", digits):
        sign = -1 if written.startswith("-") else 1
        return {
            lang: text.format(as12=as12, as11=sign * int(digits, 8)) for lang, text in _WHY["octal"].items()
        }
    else:
        key = "leading_zero"
    return {lang: text.format(as12=as12) for lang, text in _WHY[key].items()}


def _plain(value: int | float) -> str:
    if isinstance(value, float):
        return format(value, "f").rstrip("0").rstrip(".") if abs(value) < 1e16 else format(value, "g")
    return str(value)


def _describe(path: list[Any]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out


def _numbers(text: str) -> list[tuple[list[Any], int, int, str, int | float]]:
    """(key path, line, column, as written, value) of every plain scalar YAML 1.2 reads as a number."""
    from onex.yamlread import _c_parser, _events_module, _plain_scalar, key_as_written

    events = _events_module()
    scalar, map_start, seq_start = events.ScalarEvent, events.MappingStartEvent, events.SequenceStartEvent
    ends = (events.MappingEndEvent, events.SequenceEndEvent)
    out: list[tuple[list[Any], int, int, str, int | float]] = []
    # a frame: [is_mapping, awaiting_key, current key or next index]
    stack: list[list[Any]] = []
    path: list[Any] = []
    try:
        get_event = _c_parser(text).get_event
        while True:
            event = get_event()
            kind = type(event)
            if kind in ends:
                stack.pop()
                if path:
                    path.pop()
                continue
            if kind is not scalar and kind is not map_start and kind is not seq_start:
                if kind is events.StreamEndEvent:
                    break
                continue
            is_key = bool(stack) and stack[-1][0] and stack[-1][1]
            if stack:
                frame = stack[-1]
                if not frame[0]:
                    here = frame[2]
                    frame[2] += 1
                elif frame[1]:
                    here = None
                else:
                    here = frame[2]
            if kind is scalar and event.implicit[0] and event.value:
                value = _plain_scalar(event.value)
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    mark = event.start_mark
                    where = path + ([] if not stack or is_key else [here])
                    out.append((where, mark.line + 1, mark.column + 1, event.value, value))
            if stack and stack[-1][0]:
                frame = stack[-1]
                if frame[1]:
                    frame[2] = key_as_written(_plain_scalar(event.value)) if kind is scalar else "?"
                frame[1] = not frame[1]
            if kind is not scalar:
                if stack:
                    path.append(here if not stack[-1][0] else stack[-1][2])
                stack.append([kind is map_start, True, 0])
    except Exception:  # noqa: BLE001 - the file was read before; a hint is never worth a crash
        pass
    return out
