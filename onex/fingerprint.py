"""Which problem is which across two revisions: a fingerprint that ignores the line.

`check --since REV` and `diff` match the problems of two revisions. Matching by line makes every
old problem below an inserted line "new" (the complaint about every linter baseline), so a problem
is identified by its rule, its file (followed across a rename), the **key path** of the record
node it is about, its message id and its message as rendered (the message's values).

The key path names list items by what identifies them rather than by their index where the item
says who it is: `candidates[student=2023001].fee_payer`, `instructors[id=t01].qualifications
[certificate=web-frontend,kind=trainer]`, so inserting a candidate above another does not move
the other's problems either. A list of plain values names its items by value (`majors[=510201]`).
A list index quoted in the message itself (REG-002 "`candidates[3].fee_payer` is ...") is left
out of the comparison for the same reason: the key path already says which item it is.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from onex.problems import Path, Problem

# Keys that say which item of a list a mapping is, in the order they are written into the key path.
IDENTITY = ("id", "student", "code", "instructor", "certificate", "kind", "rule", "name", "on")
_MAX_VALUE = 80
_INDEX = re.compile(r"\[\d+\]")


def _scalar(value: Any) -> str | None:
    if isinstance(value, (str, int, float, bool)) or value is None:
        text = str(value)
        return text[:_MAX_VALUE] if len(text) <= _MAX_VALUE else text[:_MAX_VALUE] + "…"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return None


def _item(item: Any, index: int) -> str:
    if isinstance(item, dict):
        parts = [
            f"{key}={text}" for key in IDENTITY if key in item and (text := _scalar(item[key])) is not None
        ]
        if parts:
            return "[" + ",".join(parts) + "]"
    elif (text := _scalar(item)) is not None:
        return f"[={text}]"
    return f"[{index}]"


def key_path(data: Any, path: Path) -> str:
    """The key path of `path` (file indexes) in a record's raw `data`, items named by identity."""
    out = ""
    node = data
    for part in path:
        if isinstance(part, int) and isinstance(node, list):
            item = node[part] if 0 <= part < len(node) else None
            out += _item(item, part) if item is not None else f"[{part}]"
            node = item
        else:
            out += ("." if out else "") + str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out


def fingerprint(problem: Problem, file: str | None = None) -> tuple[str, ...]:
    """What makes two problems the same problem; `file` overrides the problem's (a rename)."""
    text = _INDEX.sub("[]", problem.text("en"))
    return (problem.rule, file or problem.file, problem.key, problem.message, text)
