"""rules -> positions -> severities -> waivers: from a loaded registry to the list of problems.

A rule that raises becomes a problem naming the rule, never a crash. Positions are resolved here,
for the findings that exist, so files without problems never pay for line numbers.
"""

from __future__ import annotations

import datetime as dt
import traceback

from onex.escape import visible
from onex.fingerprint import key_path
from onex.messages import register
from onex.personal_data import find_personal_data, may_hold_personal_data
from onex.problems import CheckResult, Finding, Problem
from onex.registry import Registry
from onex.rules import BY_ID, RULES, Context, Rule

__all__ = ["CheckResult", "check", "resolve", "run_rules", "to_problem"]

MESSAGES = {
    "engine.rule_crashed": {
        "zh": "规则 {rule} 检查时出错（{error}），其结果不完整：请把此信息报告给 onex 维护者",
        "en": "rule {rule} failed while checking ({error}), so its results are incomplete: please report this to the onex maintainers",
    },
}
register(MESSAGES)


# Every registry value a message quotes passes through `printable` (agenda uses it too), as messages end up in CI logs:
# * made visible (onex.escape.visible: controls, separators, bidi and invisible characters become
#   escapes such as `\x1b`): a value must not move the terminal cursor, start a new line that CI
#   reads as a workflow command (`::error ...`), reorder the text, or make XML reports invalid;
# * resident ID and mobile numbers are masked as PRIV-001 masks them (a REG-002 "must be text,
#   not 13812345678" would otherwise print what PRIV-001 hides).
# A problem's file stays as the file system spells it: each output format escapes it its own way
# (a SARIF URI percent-encodes the real name).


def printable(value: object) -> object:
    """A message value safe to print: controls escaped (`\\x1b`), personal data masked."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() >= 33:  # 11+ digits
        text = str(value) if value.bit_length() < 70 else ""
        return _masked(text) if text and may_hold_personal_data(text) else value
    if isinstance(value, str):
        text = visible(value)
        return _masked(text) if may_hold_personal_data(text) else text
    if isinstance(value, (list, tuple)) and any(isinstance(v, str) for v in value):
        return type(value)(printable(v) for v in value)
    return value


def _masked(text: str) -> str:
    out, last = [], 0
    for found in find_personal_data(text):
        out += [text[last : found.start], found.masked]
        last = found.end
    return "".join(out) + text[last:]


def to_problem(rule_id: str, finding: Finding) -> Problem:
    record = finding.record
    if finding.line is not None or record is None:
        file = finding.file or (record.file if record else "onex.yaml")
        line, column = finding.line or 1, finding.column or 1
    else:
        path = finding.path if finding.raw else record.file_path(finding.path)
        location = record.at_file_path(path, value=finding.value)
        file, line, column = location.file, location.line, location.column
    key = ""
    if record is not None:
        key = key_path(record.data, finding.path if finding.raw else record.file_path(finding.path))
    college = finding.college if finding.college is not None else (record.college if record else None)
    if college is None and file.startswith("colleges/"):
        college = file.split("/")[1]
    return Problem(
        rule=rule_id,
        severity=finding.severity or BY_ID[rule_id].severity,
        file=file,
        line=line,
        column=column,
        college=college,
        message=finding.message,
        params={name: printable(value) for name, value in finding.params.items()},
        key=visible(key),
    )


def _found(rule: Rule, registry: Registry, context: Context) -> list[Finding]:
    try:
        return list(rule.check(registry, context))  # type: ignore[misc]
    except Exception as exc:  # a crashing rule is a finding, not a crash (STYLE: beancount)
        where = traceback.extract_tb(exc.__traceback__)[-1]
        error = f"{exc.__class__.__name__}: {exc} @ {where.name}:{where.lineno}"
        return [Finding("engine.rule_crashed", {"rule": rule.id, "error": error}, file="onex.yaml", line=1)]


def resolve(registry: Registry) -> dict[str, list[Finding]]:
    """What the rules marked `unresolved` (REG-004) find, found once per registry: each found
    path is marked unknown, so that every reader of the registry — the other rules, agenda,
    report, plan, diff — knows the same, and says nothing that only follows from a reference to
    nothing (SPEC §4.1). Those rules read no date (a reference exists or not whatever the day)."""
    if registry.unresolved is None:
        context = Context(as_of=dt.date.today(), policy=registry.policy)
        found = {rule.id: _found(rule, registry, context) for rule in RULES if rule.unresolved}
        registry.mark_unresolved(
            (finding.record, finding.path)
            for findings in found.values()
            for finding in findings
            if finding.record is not None and not finding.raw
        )
        registry.unresolved = found
    return registry.unresolved


def run_rules(registry: Registry, as_of: dt.date) -> list[Problem]:
    context = Context(as_of=as_of, policy=registry.policy)
    problems = [to_problem(rule_id, finding) for rule_id, finding in registry.loaded.findings]
    unresolved = resolve(registry)
    for rule in RULES:
        if rule.check is None:
            continue
        found = unresolved[rule.id] if rule.unresolved else _found(rule, registry, context)
        problems.extend(to_problem(rule.id, finding) for finding in found)
    return problems


def check(registry: Registry, as_of: dt.date, rules: list[str] | None = None) -> CheckResult:
    """Every problem of the registry at `as_of`, stamped, waived and sorted."""
    from onex.rules.waive.waive_001 import apply_waivers

    problems = run_rules(registry, as_of)
    overrides = registry.policy.severity
    for problem in problems:
        if problem.rule in overrides:
            problem.severity = overrides[problem.rule]
    problems.extend(apply_waivers(registry, problems, as_of))
    if "WAIVE-001" in overrides:
        for problem in problems:
            if problem.rule == "WAIVE-001":
                problem.severity = overrides["WAIVE-001"]
    if rules:
        wanted = set(rules)
        problems = [p for p in problems if p.rule in wanted]
    problems.sort(key=Problem.sort_key)
    return CheckResult(registry=registry, as_of=as_of, problems=problems)
