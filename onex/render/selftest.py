"""`onex test` output: text (people), json (tools), junit (CI dashboards), all through onex.escape."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from onex import escape
from onex.messages import render
from onex.selftest import CaseResult, Outcome, SuiteResult

FORMATS = ("text", "json", "junit")


def _error_text(case: CaseResult, lang: str) -> str | None:
    return render(case.error[0], case.error[1], lang) if case.error else None


def _mismatch(outcome: Outcome, lang: str) -> str:
    e = outcome.expectation
    where = render("selftest.in_file", {"file": e.file}, lang) if e.file else ""
    return render(
        "selftest.mismatch",
        {"rule": e.rule, "where": where, "expected": e.count, "found": len(outcome.found)},
        lang,
    )


def _problem_line(problem: Any, lang: str) -> str:
    return f"{problem.file}:{problem.line}  {problem.rule}  {problem.text(lang)}"


def summary(result: SuiteResult, lang: str) -> str:
    mark = "✗" if result.failed else "✓"
    return render(
        "selftest.summary",
        {"mark": mark, "passed": result.passed, "failed": result.failed, "folder": "policy-tests"},
        lang,
    )


def print_text(result: SuiteResult, lang: str, console: Any) -> None:
    for case in result.cases:
        status = render("selftest.pass" if case.passed else "selftest.fail", {}, lang)
        colour = "bold green" if case.passed else "bold red"
        about = f"  {escape.markup(case.description)}" if case.description else ""
        console.print(f"[{colour}]{status:<5}[/] {escape.markup(case.folder)}{about}")
        error = _error_text(case, lang)
        if error:
            console.print(f"      {escape.markup(error)}")
        for outcome in case.outcomes:
            if outcome.passed:
                continue
            console.print(f"      {escape.markup(_mismatch(outcome, lang))}")
            for problem in outcome.found:
                console.print(f"        [dim]{escape.markup(_problem_line(problem, lang))}[/]")
    colour = "bold red" if result.failed else "bold green"
    console.print(f"[{colour}]{escape.markup(summary(result, lang))}[/]")


def as_json(result: SuiteResult, lang: str) -> str:
    document = {
        "registry": str(result.root),
        "tests": [
            {
                "name": case.name,
                "folder": case.folder,
                "description": case.description,
                "as_of": case.as_of.isoformat() if case.as_of else None,
                "passed": case.passed,
                "error": _error_text(case, lang),
                "expectations": [
                    {
                        "rule": o.expectation.rule,
                        "file": o.expectation.file,
                        "expected": o.expectation.count,
                        "found": len(o.found),
                        "passed": o.passed,
                        "problems": [
                            {"file": p.file, "line": p.line, "message": p.text(lang)} for p in o.found
                        ],
                    }
                    for o in case.outcomes
                ],
            }
            for case in result.cases
        ],
        "summary": {"passed": result.passed, "failed": result.failed},
    }
    return escape.json_text(document, indent=2)


def as_junit(result: SuiteResult, lang: str) -> str:
    """One test case per policy test; a mismatch is a failure, a test that cannot run an error."""
    suite = ET.Element("testsuite", name="onex test", tests=str(len(result.cases)))
    failures = errors = 0
    for case in result.cases:
        element = ET.SubElement(suite, "testcase", classname="policy-tests", name=escape.xml_text(case.name))
        error = _error_text(case, lang)
        if error:
            errors += 1
            ET.SubElement(element, "error", message=escape.xml_text(error), type="policy-test")
            continue
        wrong = [o for o in case.outcomes if not o.passed]
        if wrong:
            failures += 1
            failure = ET.SubElement(
                element, "failure", message=escape.xml_text(_mismatch(wrong[0], lang)), type="policy-test"
            )
            lines = []
            for outcome in wrong:
                lines.append(_mismatch(outcome, lang))
                lines.extend(f"  {_problem_line(p, lang)}" for p in outcome.found)
            failure.text = escape.xml_text("\n".join(lines))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suites = ET.Element(
        "testsuites", name="onex", tests=str(len(result.cases)), failures=str(failures), errors=str(errors)
    )
    suites.append(suite)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode")
