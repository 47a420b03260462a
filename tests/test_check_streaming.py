"""`check --format sarif|junit` is written problem by problem (issue 11, scale: the whole document
took about 2 GB for 400,000 problems), and is byte for byte the document onex built whole before.

The whole-document builders are kept here, as they were, as the oracle: the streamed writers, the
`as_sarif`/`as_junit` strings (now joined from the writers) and the CLI's output must equal them
exactly, on registries with errors, warnings, waivers, hostile text, `--since` marks, none at all.
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import pytest

from onex import __version__, escape
from onex.render import problems as out
from tests.test_git import commit_all, git
from tests.test_output_escaping import _sarif_schema
from tests.test_output_matrix import SEEN, _junit, _registry, _sarif

AS_OF = dt.date(2026, 12, 31)
SARIF_SCHEMA = _sarif_schema()
SESSION = "colleges/info/sessions/2026/web-mid-june.yaml"
REASON = '新考点备案中 <&> "quoted"'


# --- the oracle: the whole-document builders as they were ----------------------------------------


def whole_junit(result, lang: str, strict: bool = False) -> str:
    from onex.rules import RULES

    by_rule = defaultdict(list)
    for p in result.problems:
        by_rule[p.rule].append(p)
    suite = ET.Element("testsuite", name="onex check", tests=str(len(RULES)))
    failures = 0
    for rule in RULES:
        case = ET.SubElement(
            suite, "testcase", classname="onex", name=escape.xml_text(f"{rule.id} {rule.title[lang]}")
        )
        failing = [
            p
            for p in by_rule.get(rule.id, [])
            if not p.waived and p.new is not False and (p.severity == "error" or strict)
        ]
        others = [p for p in by_rule.get(rule.id, []) if p not in failing]
        if failing:
            failures += 1
            failure = ET.SubElement(case, "failure", message=f"{len(failing)} problem(s)", type=rule.id)
            failure.text = "\n".join(
                escape.xml_text(
                    f"{escape.visible(p.file)}:{p.line}: {p.severity}{' (new)' if p.new else ''}: {p.text(lang)}"
                )
                for p in failing
            )
        if others:
            other = ET.SubElement(case, "system-out")
            other.text = "\n".join(
                escape.xml_text(
                    f"{escape.visible(p.file)}:{p.line}: {p.severity}{' (waived)' if p.waived else ''}: {p.text(lang)}"
                )
                for p in others
            )
    suite.set("failures", str(failures))
    suites = ET.Element("testsuites", name="onex", tests=str(len(RULES)), failures=str(failures))
    suites.append(suite)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode")


def whole_sarif(result, lang: str) -> str:
    from onex.rules import RULES

    rules = [
        {
            "id": rule.id,
            "name": rule.id.replace("-", ""),
            "shortDescription": {"text": rule.title[lang]},
            "fullDescription": {"text": rule.why[lang]},
            "help": {"text": f"onex explain {rule.id}"},
            "defaultConfiguration": {"level": rule.severity},
            "properties": {"clause": rule.clause},
        }
        for rule in RULES
    ]
    index = {rule.id: i for i, rule in enumerate(RULES)}
    results = []
    for p in result.problems:
        entry = {
            "ruleId": p.rule,
            "ruleIndex": index.get(p.rule, 0),
            "level": p.severity,
            "message": {"text": p.text(lang)},
            "partialFingerprints": {"onexProblem/v1": out.sarif_fingerprint(p)},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": escape.sarif_uri(out.repository_path(result.registry.root, p.file))
                        },
                        "region": {"startLine": p.line, "startColumn": p.column},
                    }
                }
            ],
        }
        if p.new is not None:
            entry["baselineState"] = "new" if p.new else "unchanged"
        if p.waived:
            reasons = result.registry.waiver_reasons
            reason = reasons[p.waiver] if p.waiver is not None and 0 <= p.waiver < len(reasons) else None
            entry["suppressions"] = [{"kind": "external", "justification": reason or "onex.yaml waiver"}]
        results.append(entry)
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "onex",
                        "version": __version__,
                        **({"informationUri": uri} if (uri := out.information_uri()) else {}),
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return escape.json_text(document, indent=2)


# --- the comparison ------------------------------------------------------------------------------


def streamed(writer, *args) -> list[str]:
    chunks: list[str] = []
    writer(*args, chunks.append)
    return chunks


def assert_streamed_is_whole(cli, root: Path, result, *extra: str) -> None:
    """Library and CLI, zh and en, junit with and without --strict: the same bytes as the oracle;
    the SARIF valid against the 2.1.0 schema, the JUnit read by junitparser."""
    for lang in ("zh", "en"):
        whole = whole_sarif(result, lang)
        assert "".join(streamed(out.write_sarif, result, lang)) == whole
        assert out.as_sarif(result, lang) == whole
        code, text, err = cli(
            "check", "-r", root, "--as-of", "2026-12-31", "--lang", lang, "--format", "sarif", *extra
        )
        assert code == result.exit_code() and err == "", err
        assert text == whole + "\n"
        assert [e.message for e in SARIF_SCHEMA.iter_errors(json.loads(text))] == []
        for strict in (False, True):
            whole = whole_junit(result, lang, strict)
            chunks: list[str] = []
            out.write_junit(result, lang, chunks.append, strict)
            assert "".join(chunks) == whole
            assert out.as_junit(result, lang, strict) == whole
            flags = ["--strict"] if strict else []
            code, text, err = cli(
                "check",
                "-r",
                root,
                "--as-of",
                "2026-12-31",
                "--lang",
                lang,
                "--format",
                "junit",
                *flags,
                *extra,
            )
            assert code == result.exit_code(strict) and err == "", err
            assert text == whole + "\n"
            _junit(text)


def plant(reg) -> None:
    """Errors in several rules and files, a warning, a waived error, and 30 files of four REG-002
    problems each whose notes hold a bidi override."""
    reg.edit(SESSION, "site: main-campus", "site: nowhere")  # REG-004, waived below
    reg.edit(SESSION, "inspector: 周芳\n", "")  # EXAM-004, a warning
    reg.edit(SESSION, "result: fail, score: 52}", "result: fail, score: 52, fee_payer: nobody}")
    reg.append(
        "onex.yaml",
        f"waivers:\n  - {{rule: REG-004, file: {SESSION}, reason: '{REASON}', "
        "approved_by: 王丽, expires_on: 2027-06-30}\n",
    )
    for i in range(30):
        reg.write(
            f"colleges/info/sessions/2026/s{i:02}.yaml", f"certificate: web-frontend\nnote: 王{i}\\u202e<&>\n"
        )


def test_planted_problems_streamed_are_the_whole_document(reg, cli):
    plant(reg)
    result = reg.result()
    severities = {(p.rule, p.severity, p.waived) for p in result.problems}
    assert {
        ("REG-004", "error", True),
        ("EXAM-004", "warning", False),
        ("REG-002", "error", False),
    } <= severities
    assert len(result.problems) > 120
    assert_streamed_is_whole(cli, reg.root, result)
    # the comparison sees order and separators: results differ from one another, so a result
    # moved, dropped or glued without its comma gives other bytes
    results = json.loads(out.as_sarif(result, "en"))["runs"][0]["results"]
    assert len({json.dumps(r) for r in results}) == len(results) == len(result.problems)
    suppressed = [r["suppressions"] for r in results if "suppressions" in r]
    assert suppressed == [[{"kind": "external", "justification": REASON}]]
    shuffled = reg.result()
    shuffled.problems = shuffled.problems[::-1]
    assert whole_sarif(shuffled, "en") != out.as_sarif(result, "en")
    assert whole_junit(shuffled, "en") != out.as_junit(result, "en")


def test_each_problem_is_written_as_it_is_made(reg, monkeypatch):
    """With no buffering every piece reaches `write` on its own: no chunk holds two results (SARIF)
    or two problems' lines (JUnit), and the pieces still join to the whole document."""
    plant(reg)
    result = reg.result()
    monkeypatch.setattr(out._Pieces, "LIMIT", 0)
    chunks = streamed(out.write_sarif, result, "zh")
    assert "".join(chunks) == whole_sarif(result, "zh")
    assert max(chunk.count('"ruleId"') for chunk in chunks) == 1
    assert len(chunks) > len(result.problems)
    chunks = []
    out.write_junit(result, "zh", chunks.append, True)
    assert "".join(chunks) == whole_junit(result, "zh", True)
    assert max(chunk.count(".yaml:") for chunk in chunks) == 1
    assert len(chunks) > len(result.problems)


def test_no_problems_streamed_is_the_whole_document(reg, cli):
    result = reg.result()
    assert result.problems == []
    assert_streamed_is_whole(cli, reg.root, result)
    assert '"results": []' in out.as_sarif(result, "en")


@pytest.mark.parametrize("text", SEEN)
def test_hostile_text_streamed_is_the_whole_document(text, cli):
    from onex.cache import _check

    with _registry(text) as root:
        result = _check(Path("."), AS_OF, None)
        assert result.problems
        assert_streamed_is_whole(cli, Path("."), result)
        _sarif(out.as_sarif(result, "en"), root)  # every URI names a file of the registry


def test_since_marks_streamed_are_the_whole_document(reg, cli):
    from onex.baseline import check_since

    git(reg.root, "init", "-q", "-b", "main")
    plant(reg)
    commit_all(reg.root, "old problems")
    reg.edit(SESSION, "result: pass, score: 86", "result: pass, score: 86, fee_payer: bogus")  # a new one
    result = check_since(reg.root, AS_OF, "HEAD", cache=False)
    assert {p.new for p in result.problems} == {True, False}
    assert_streamed_is_whole(cli, reg.root, result, "--since", "HEAD")
    states = {r["baselineState"] for r in json.loads(out.as_sarif(result, "en"))["runs"][0]["results"]}
    assert states == {"new", "unchanged"}
    assert " (new): " in out.as_junit(result, "en")
