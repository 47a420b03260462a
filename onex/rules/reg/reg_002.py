"""REG-002 — a record breaks its schema.

Found while loading (onex.schema_errors): a missing or unknown field, a wrong type or enum value,
one problem per field. A missing field is reported at its parent mapping, an unknown field at its
key, a bad value at the value. YAML 1.1 habits (`no`, unquoted `0123`) get a hint.
"""

from __future__ import annotations

from onex.rules.base import Rule

RULE = Rule(
    id="REG-002",
    severity="error",
    clause="§3",
    title={"zh": "记录不符合格式", "en": "a record breaks its schema"},
    why={
        "zh": "每类记录都有固定字段（SPEC §2）。缺字段、拼错字段、类型或枚举值不对，都会让规则得出错误结论，所以逐个字段报告。编码类字段（专业代码、学号）必须加引号，否则 0123 会变成 123。数字对所有 YAML 读取器都应是同一个值（017、8_8、1e3、.inf 不是），且不超过文档规定的上限。",
        "en": "Every record kind has fixed fields (SPEC §2). A missing or misspelt field, a wrong type or enum value would make the rules conclude wrongly, so each is reported on its own line. Codes (major codes, student numbers) must be quoted, or 0123 becomes 123. A number must mean the same to every YAML reader (017, 8_8, 1e3 and .inf do not) and stay below its documented maximum.",
    },
    violates='candidates:\n  - {student: 2024010123, name: 王小明, major: "510201", result: passed}\n',
    satisfies='candidates:\n  - {student: "2024010123", name: 王小明, major: "510201", result: pass}\n',
)
