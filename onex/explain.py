"""The text of `onex explain RULE`."""

from __future__ import annotations

from onex.clauses import CLAUSES
from onex.errors import FatalError
from onex.messages import Verbatim, register, render

MESSAGES = {
    "explain.body": {
        "zh": "{rule} — {title}\n默认级别：{severity}    条款：{clause} {heading}\n\n办法原文（{clause}）：\n  “{quote}”\n\n说明：\n  {why}\n\n违反示例：\n{violates}\n改正后：\n{satisfies}",
        "en": "{rule} — {title}\nDefault severity: {severity}    Clause: {clause} {heading}\n\nThe policy says ({clause}):\n  “{quote}”\n\nWhy:\n  {why}\n\nViolates:\n{violates}\nFixed:\n{satisfies}",
    },
    "explain.severity.error": {"zh": "错误", "en": "error"},
    "explain.severity.warning": {"zh": "警告", "en": "warning"},
}
register(MESSAGES)


def _indent(snippet: str) -> str:
    return "".join(f"    {line}\n" for line in snippet.rstrip("\n").split("\n"))


def explanation(rule_id: str, lang: str) -> str:
    from onex.rules import BY_ID

    rule = BY_ID.get(rule_id.strip().upper())
    if rule is None:
        raise FatalError("fatal.unknown_rule", rule=rule_id)
    heading, quote = CLAUSES[rule.clause]
    return render(
        "explain.body",
        {
            "rule": rule.id,  # all onex's own text: shown as it is (examples span lines)
            "title": Verbatim(rule.title[lang]),
            "severity": Verbatim(render(f"explain.severity.{rule.severity}", {}, lang)),
            "clause": rule.clause,
            "heading": Verbatim(heading),
            "quote": Verbatim(quote),
            "why": Verbatim(rule.why[lang]),
            "violates": Verbatim(_indent(rule.violates)),
            "satisfies": Verbatim(_indent(rule.satisfies)),
        },
        lang,
    )
