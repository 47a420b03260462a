"""PRIV-001 — a value holds a PRC resident ID number or a mobile number: personal data does not
belong in a git registry.

The registry is a git repository: every clone, fork and CI log keeps a copy of what was ever
committed. Student numbers and names are what 1+X records need; ID card and phone numbers are
not, yet they arrive by accident with a pasted platform export or contact sheet. Exactly:

- every loaded record is searched (`Registry.records`), including records with schema errors,
  in their raw data: every string value, and every integer value as its decimal digits, anywhere
  in the document (mapping values and list items, however deep). Keys are not searched.
  Comments are not values and are not searched;
- what counts is defined by :mod:`onex.personal_data`: an 18-character resident ID number with
  a valid ISO 7064 MOD 11-2 check digit and a birth date that is a real date not after the as-of
  date (SPEC §4.2), or an 11-digit mobile number
  `1[3-9]…`, each as a whole run of digits anywhere inside the value ("联系电话13812345678").
  10-digit student numbers, certificate numbers, dates, 15-digit numbers, 18-digit runs with a
  wrong check digit and longer digit runs are not personal data here;
- one problem per value, at the value itself, naming the field and what it holds — masked
  (138****5678, 110105********002X), since the report ends up in CI logs.

For speed, a file's text is first searched as a whole; only a file whose text may hold personal
data has its values walked. (A value spelled with YAML escapes, e.g. "\\x31…", is therefore not
seen; the check is about accidents, not about hiding data on purpose.)

Violates::

    candidates:
      - {student: "2024010123", name: 王小明, major: "510201", note: 联系电话13812345678}

Satisfies::

    candidates:
      - {student: "2024010123", name: 王小明, major: "510201"}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from onex.messages import Text
from onex.personal_data import MOBILE, RESIDENT_ID, Match, find_personal_data, may_hold_personal_data
from onex.problems import Finding, Path
from onex.records import Record
from onex.registry import Registry
from onex.rules.base import Context, Rule

RULE = Rule(
    id="PRIV-001",
    severity="error",
    clause="§3",
    title={
        "zh": "登记库中含有身份证号码或手机号码",
        "en": "a value holds a resident ID number or a mobile number",
    },
    why={
        "zh": "登记库是 git 仓库，每个克隆、每次 CI 运行的日志都会保留提交过的内容。1+X 记录需要学号和姓名，不需要身份证号码和手机号码；"
        "这些个人信息往往随粘贴的平台导出表或通讯录误入。任何字段的值（含嵌在文字中的）出现校验位正确的18位身份证号码或11位手机号码都会被报告，报告中的号码已打码。",
        "en": "The registry is a git repository: every clone and every CI log keeps what was ever committed. 1+X records need student numbers and names, "
        "not ID card or phone numbers, which slip in with a pasted platform export or contact sheet. Any value holding an 18-character resident ID number "
        "with a valid check digit or an 11-digit mobile number, even inside other text, is reported; the report masks the number.",
    },
    violates='candidates:\n  - {student: "2024010123", name: 王小明, major: "510201", note: 联系电话13812345678}\n',
    satisfies='candidates:\n  - {student: "2024010123", name: 王小明, major: "510201"}\n',
    messages={
        "priv001.personal_data": {
            "zh": "{field} 含有个人信息：{found}。个人信息不应写入 git 登记库（每个克隆和 CI 日志都会留存）：请删除，改在学校的学生信息系统中保存；若已提交，请仓库管理员从 git 历史中清除",
            "en": "{field} holds personal data: {found}. Personal data does not belong in a git registry (every clone and CI log keeps it): remove it and keep it in the school's student information system; if it was committed, ask the repository admin to purge it from the git history",
        },
    },
)

KIND = {
    RESIDENT_ID: {"zh": "身份证号码", "en": "a resident ID number"},
    MOBILE: {"zh": "手机号码", "en": "a mobile number"},
}


def _values(data: Any) -> Iterator[tuple[Path, str]]:
    """(path in file indexes, text) of every string and integer value, in document order."""
    stack: list[tuple[Path, Any]] = [((), data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, str):
            yield path, node
        elif isinstance(node, int) and not isinstance(node, bool):
            yield path, str(node)
        elif isinstance(node, dict):
            stack.extend(((*path, key), value) for key, value in reversed(list(node.items())))
        elif isinstance(node, (list, tuple)):
            stack.extend(((*path, index), value) for index, value in reversed(list(enumerate(node))))


def _field(path: Path) -> str | Text:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out or Text({"zh": "文件内容", "en": "the document"})


def _found(matches: list[Match]) -> Text:
    return Text(
        {
            lang: ("、" if lang == "zh" else ", ").join(
                f"{KIND[match.kind][lang]}{'' if lang == 'zh' else ' '}{match.masked}" for match in matches
            )
            for lang in ("zh", "en")
        }
    )


def _finding(record: Record, path: Path, matches: list[Match]) -> Finding:
    params = {"field": _field(path), "found": _found(matches)}
    # the raw data's paths are the file's own (also inside list items validation dropped)
    return Finding("priv001.personal_data", params, record=record, path=path, value=True, raw=True)


@RULE.checker
def check(registry: Registry, context: Context) -> Iterator[Finding]:
    for record in registry.records:
        if record.data is None or not may_hold_personal_data(record.text):
            continue
        for path, text in _values(record.data):
            matches = find_personal_data(text, context.as_of)
            if matches:
                yield _finding(record, path, matches)
