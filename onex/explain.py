"""The text of `onex explain RULE`."""

from __future__ import annotations

from onex.clauses import CLAUSES
from onex.errors import FatalError
from onex.messages import Text, register, render

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

    def own(text: str) -> Text:
        # onex's own text, not registry data: shown whole, its newlines kept (render() would make
        # a plain string visible and cut it, turning the YAML snippets into one `\x0a` line)
        return Text(zh=text, en=text)

    return render(
        "explain.body",
        {
            "rule": rule.id,
            "title": own(rule.title[lang]),
            "severity": own(render(f"explain.severity.{rule.severity}", {}, lang)),
            "clause": rule.clause,
            "heading": own(heading),
            "quote": own(quote),
            "why": own(rule.why[lang]),
            "violates": own(_indent(rule.violates)),
            "satisfies": own(_indent(rule.satisfies)),
        },
        lang,
    )
