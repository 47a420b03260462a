"""`onex test`: the registry's policy self-tests (docs/policy.md), as Kyverno's `test` and
conftest's `verify` give policy authors.

A registry may hold `policy-tests/<name>/` folders. Each is a small registry of its own (its own
`onex.yaml`, `orgs/`, `colleges/` …) plus an `expected.yaml`:

    as_of: 2026-12-31            # optional: else --as-of, else today
    description: 补考由学生自付    # optional
    findings:                    # each: rule, optional file, count (0: none may be found)
      - {rule: FEE-001, file: colleges/info/sessions/2026/resit.yaml, count: 1}
      - {rule: FEE-002, count: 0}

The fixture is checked by the same engine as `onex check`, under **the policy of the registry that
holds it** unless its own `onex.yaml` has a `policy:` key (then that one applies, whole): so an
office that changes a knob in onex.yaml sees, before it merges, which of its tests now fail.
A test passes when, for every expectation, the number of unwaived problems of that rule (in that
file, when `file` is given) equals `count`; rules and files it does not mention are not judged.
`onex check` never reads `policy-tests/` (onex.load.walk skips it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from onex import models as m
from onex.load import POLICY_TESTS
from onex.messages import LANGS, Text, register, render
from onex.problems import Problem

EXPECTED = "expected.yaml"

MESSAGES = {
    "selftest.missing_expected": {
        "zh": "没有 expected.yaml：写明预期的检查结果（rule、file、count）",
        "en": "no expected.yaml: write the findings it expects (rule, file, count)",
    },
    "selftest.no_registry": {
        "zh": "没有 onex.yaml：每个测试目录都是一个小登记库，需要自己的 onex.yaml",
        "en": "no onex.yaml: each test folder is a small registry of its own and needs its own onex.yaml",
    },
    "selftest.unreadable": {
        "zh": "expected.yaml 第 {line} 行无法读取：{reason}",
        "en": "expected.yaml line {line} cannot be read: {reason}",
    },
    "selftest.bad_expected": {
        "zh": "expected.yaml 第 {line} 行：{what}",
        "en": "expected.yaml line {line}: {what}",
    },
    "selftest.what.not_mapping": {
        "zh": "应为映射（as_of、description、findings）",
        "en": "must be a mapping (as_of, description, findings)",
    },
    "selftest.what.unknown_key": {
        "zh": "未知的键 {key}（可用：{known}）",
        "en": "unknown key {key} (known: {known})",
    },
    "selftest.what.bad_date": {
        "zh": "as_of 应为日期，如 2026-12-31",
        "en": "as_of must be a date, e.g. 2026-12-31",
    },
    "selftest.what.bad_findings": {
        "zh": "findings 应为列表，每项为 {{rule, file, count}}",
        "en": "findings must be a list of {{rule, file, count}}",
    },
    "selftest.what.unknown_rule": {
        "zh": "未知的规则 {rule}（见 onex rules）",
        "en": "unknown rule {rule} (see onex rules)",
    },
    "selftest.what.bad_count": {
        "zh": "count 应为不小于 0 的整数",
        "en": "count must be a whole number, 0 or more",
    },
    "selftest.what.bad_file": {
        "zh": "file 应为相对于测试目录的路径，如 colleges/info/college.yaml",
        "en": "file must be a path relative to the test folder, e.g. colleges/info/college.yaml",
    },
    "selftest.what.no_description": {"zh": "description 应为文字", "en": "description must be text"},
    "selftest.mismatch": {
        "zh": "{rule}{where}：预期 {expected} 个，实际 {found} 个",
        "en": "{rule}{where}: expected {expected}, found {found}",
    },
    "selftest.in_file": {"zh": "（{file}）", "en": " in {file}"},
    "selftest.summary": {
        "zh": "{mark} {passed} 个测试通过，{failed} 个失败（{folder}）",
        "en": "{mark} {passed} test(s) passed, {failed} failed ({folder})",
    },
    "selftest.none": {
        "zh": "{folder} 中没有策略测试：每个测试是 {folder}/<名称>/ 下的一个小登记库加 expected.yaml（见 docs/policy.md）",
        "en": "no policy tests in {folder}: each test is a small registry plus expected.yaml in {folder}/<name>/ (see docs/policy.md)",
    },
    "selftest.broken_settings": {
        "zh": "{file} 第 {line} 行有错误（{rule}），登记库的政策无法确定，无法运行策略测试：{problem}",
        "en": "{file} line {line} has an error ({rule}), so the registry's policy is not known and the policy tests cannot run: {problem}",
    },
    "selftest.pass": {"zh": "通过", "en": "PASS"},
    "selftest.fail": {"zh": "失败", "en": "FAIL"},
}
register(MESSAGES)

KEYS = ("as_of", "description", "findings")
FINDING_KEYS = ("rule", "file", "count")


@dataclass(frozen=True)
class Expectation:
    rule: str
    file: str | None
    count: int


@dataclass
class Outcome:
    """One expectation, judged."""

    expectation: Expectation
    found: list[Problem]

    @property
    def passed(self) -> bool:
        return len(self.found) == self.expectation.count


@dataclass
class CaseResult:
    name: str  # the folder's name
    folder: str  # relative to the registry: policy-tests/<name>
    description: str | None = None
    as_of: dt.date | None = None
    outcomes: list[Outcome] = field(default_factory=list)
    error: tuple[str, dict[str, Any]] | None = None  # (message id, params): the test could not run

    @property
    def passed(self) -> bool:
        return self.error is None and all(o.passed for o in self.outcomes)


@dataclass
class SuiteResult:
    root: Path
    cases: list[CaseResult]

    @property
    def failed(self) -> int:
        return sum(not c.passed for c in self.cases)

    @property
    def passed(self) -> int:
        return len(self.cases) - self.failed


class _Bad(Exception):
    def __init__(self, path: tuple[Any, ...], what: str, **params: Any) -> None:
        super().__init__(what)
        self.path, self.what, self.params = path, what, params


def _expectations(data: Any) -> tuple[dt.date | None, str | None, list[Expectation]]:
    from onex.rules import BY_ID

    if not isinstance(data, dict):
        raise _Bad((), "selftest.what.not_mapping")
    for key in data:
        if key not in KEYS:
            raise _Bad((key,), "selftest.what.unknown_key", key=key, known=", ".join(KEYS))
    as_of = data.get("as_of")
    if as_of is not None and (not isinstance(as_of, dt.date) or isinstance(as_of, dt.datetime)):
        raise _Bad(("as_of",), "selftest.what.bad_date")
    description = data.get("description")
    if description is not None and not isinstance(description, str):
        raise _Bad(("description",), "selftest.what.no_description")
    items = data.get("findings", [])
    if not isinstance(items, list):
        raise _Bad(("findings",), "selftest.what.bad_findings")
    out = []
    for index, item in enumerate(items):
        where = ("findings", index)
        if not isinstance(item, dict) or "rule" not in item or "count" not in item:
            raise _Bad(where, "selftest.what.bad_findings")
        for key in item:
            if key not in FINDING_KEYS:
                raise _Bad((*where, key), "selftest.what.unknown_key", key=key, known=", ".join(FINDING_KEYS))
        rule = item["rule"]
        if not isinstance(rule, str) or rule.strip().upper() not in BY_ID:
            raise _Bad((*where, "rule"), "selftest.what.unknown_rule", rule=rule)
        count = item["count"]
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise _Bad((*where, "count"), "selftest.what.bad_count")
        file = item.get("file")
        if file is not None and (
            not isinstance(file, str) or not file or file.startswith("/") or ".." in file.split("/")
        ):
            raise _Bad((*where, "file"), "selftest.what.bad_file")
        out.append(Expectation(rule.strip().upper(), file, count))
    return as_of, description, out


def _read_expected(case: CaseResult, path: Path) -> list[Expectation] | None:
    """The expectations of one test, or None (and `case.error`) when expected.yaml is wrong."""
    from onex.records import Record
    from onex.yamlread import ReadError, read_document

    try:
        data, text = read_document(path.read_bytes())
    except ReadError as exc:
        case.error = ("selftest.unreadable", {"line": exc.line, "reason": _nested(exc.message, exc.params)})
        return None
    try:
        case.as_of, case.description, expectations = _expectations(data)
    except _Bad as bad:
        record = Record(kind="expected", file=EXPECTED, text=text, data=data)
        line = record.at_file_path(bad.path).line if bad.path else 1
        case.error = ("selftest.bad_expected", {"line": line, "what": _nested(bad.what, bad.params)})
        return None
    return expectations


def _nested(message: str, params: dict[str, Any]) -> Text:
    """A message inside another, in every language (rendered in the language of the output)."""
    return Text({lang: render(message, params, lang) for lang in LANGS})


def case_names(root: Path) -> list[str]:
    folder = root / POLICY_TESTS
    if not folder.is_dir():
        return []
    return sorted(
        entry.name for entry in folder.iterdir() if entry.is_dir() and not entry.name.startswith(".")
    )


def run_case(root: Path, name: str, as_of: dt.date, policy: m.Policy) -> CaseResult:
    from onex.engine import check
    from onex.load import load
    from onex.registry import Registry

    folder = root / POLICY_TESTS / name
    case = CaseResult(name, f"{POLICY_TESTS}/{name}")
    if not (folder / EXPECTED).is_file():
        case.error = ("selftest.missing_expected", {})
        return case
    expectations = _read_expected(case, folder / EXPECTED)
    if expectations is None:
        return case
    if not (folder / "onex.yaml").is_file():
        case.error = ("selftest.no_registry", {})
        return case
    loaded = load(folder)
    own = next((r for r in loaded.records if r.kind == "institution"), None)
    has_policy = own is not None and isinstance(own.data, dict) and "policy" in own.data
    registry = Registry(loaded, policy=None if has_policy else policy)
    case.as_of = case.as_of or as_of
    # expected.yaml sits beside the fixture's onex.yaml but is no record of it (REG-003 otherwise)
    problems = [p for p in check(registry, case.as_of).problems if not p.waived and p.file != EXPECTED]
    for expectation in expectations:
        found = [
            p
            for p in problems
            if p.rule == expectation.rule and (expectation.file is None or p.file == expectation.file)
        ]
        case.outcomes.append(Outcome(expectation, found))
    return case


def run(root: Path, policy: m.Policy, as_of: dt.date, names: list[str] | None = None) -> SuiteResult:
    """Every test of `root`'s policy-tests/ (or those named), under `policy` unless a test has its own."""
    wanted = case_names(root)
    if names:
        wanted = [n for n in wanted if n in names]
    return SuiteResult(root, [run_case(root, name, as_of, policy) for name in wanted])
