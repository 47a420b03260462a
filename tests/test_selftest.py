"""`onex test`: the registry's policy self-tests (policy-tests/<name>/ + expected.yaml), and the
loader that never reads policy-tests/ as part of the registry."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[1] / "registry"
RESIT = "colleges/info/sessions/2026/web-mid-resit.yaml"


@pytest.fixture
def sample(tmp_path):
    """A copy of the sample registry with its shipped policy tests."""
    root = tmp_path / "registry"
    shutil.copytree(SAMPLE, root, ignore=shutil.ignore_patterns(".onex-cache"))
    return root


def run(cli, root, *args, lang="en"):
    return cli("test", "-r", root, "--as-of", "2026-12-31", "--lang", lang, *args)


def test_the_shipped_policy_tests_pass(cli):
    code, out, err = run(cli, SAMPLE)
    assert code == 0, out + err
    assert out.splitlines() == [
        "PASS  policy-tests/first-attempt  只支付首次考核时，补考由学生自付",
        "PASS  policy-tests/over-budget  学校支付的报名费超出年度预算",
        "PASS  policy-tests/resit-school-funded  补考仍由学校支付（现行办法）",
        "✓ 3 test(s) passed, 0 failed (policy-tests)",
    ]
    code, out, _ = run(cli, SAMPLE, "--format", "json")
    data = json.loads(out)
    assert data["summary"] == {"passed": 3, "failed": 0}
    resit = next(t for t in data["tests"] if t["name"] == "resit-school-funded")
    assert resit["expectations"][0] == {
        "rule": "FEE-001",
        "file": RESIT,
        "expected": 0,
        "found": 0,
        "passed": True,
        "problems": [],
    }


def test_changing_a_knob_of_the_registry_fails_the_tests_that_inherit_it(sample, cli):
    # The office switches to first_attempt: the test written for the measures as written fails,
    # the test with its own policy is unaffected.
    onex = sample / "onex.yaml"
    onex.write_text(
        onex.read_text(encoding="utf-8") + "  fees:\n    school_pays: first_attempt\n", encoding="utf-8"
    )
    code, out, _ = run(cli, sample)
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("PASS  policy-tests/first-attempt")
    assert lines[1].startswith("PASS  policy-tests/over-budget")
    assert lines[2].startswith("FAIL  policy-tests/resit-school-funded")
    assert lines[3] == f"      FEE-001 in {RESIT}: expected 0, found 1"
    assert lines[4].startswith(
        f"        {RESIT}:11  FEE-001  candidate 李小红 (2024010124) has fee_payer: school"
    )
    assert lines[-1] == "✗ 2 test(s) passed, 1 failed (policy-tests)"
    code, out, _ = run(cli, sample, "--format", "junit", lang="zh")
    suites = ET.fromstring(out)
    assert (suites.get("tests"), suites.get("failures"), suites.get("errors")) == ("3", "1", "0")
    [failure] = suites.iter("failure")
    assert failure.get("message") == f"FEE-001（{RESIT}）：预期 0 个，实际 1 个"


def test_only_the_tests_named(sample, cli):
    code, out, _ = run(cli, sample, "over-budget")
    assert code == 0 and out.splitlines()[0].startswith("PASS  policy-tests/over-budget")
    assert out.splitlines()[-1] == "✓ 1 test(s) passed, 0 failed (policy-tests)"


@pytest.mark.parametrize(
    "expected, line, what",
    [
        ("findings:\n  - {rule: FEE-009, count: 1}\n", 2, "unknown rule FEE-009 (see onex rules)"),
        ("findings:\n  - {rule: FEE-001, count: -1}\n", 2, "count must be a whole number, 0 or more"),
        ("as_of: 2026-12-31\nfindings:\n  - {rule: FEE-001, count: 1, line: 3}\n", 3, "unknown key line"),
        ("as_of: soon\n", 1, "as_of must be a date"),
        ("findings: {rule: FEE-001}\n", 1, "findings must be a list"),
    ],
)
def test_a_wrong_expected_yaml_is_a_failing_test_at_its_line(sample, cli, expected, line, what):
    (sample / "policy-tests" / "over-budget" / "expected.yaml").write_text(expected, encoding="utf-8")
    code, out, _ = run(cli, sample, "over-budget")
    assert code == 1
    assert out.splitlines()[0] == "FAIL  policy-tests/over-budget"
    assert out.splitlines()[1].startswith(f"      expected.yaml line {line}: {what}")
    code, out, _ = run(cli, sample, "over-budget", "--format", "junit")
    assert ET.fromstring(out).get("errors") == "1"


def test_a_folder_without_expected_yaml_or_onex_yaml(sample, cli):
    (sample / "policy-tests" / "empty").mkdir()
    (sample / "policy-tests" / "no-registry").mkdir()
    (sample / "policy-tests" / "no-registry" / "expected.yaml").write_text("findings: []\n", encoding="utf-8")
    code, out, _ = run(cli, sample, "empty", "no-registry", "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert [(t["name"], t["passed"], t["error"]) for t in data["tests"]] == [
        ("empty", False, "no expected.yaml: write the findings it expects (rule, file, count)"),
        (
            "no-registry",
            False,
            "no onex.yaml: each test folder is a small registry of its own and needs its own onex.yaml",
        ),
    ]


def test_no_policy_tests(reg, cli):
    code, out, err = run(cli, reg.root)
    assert (code, out) == (0, "")
    assert "no policy tests in policy-tests" in err


def test_a_broken_registry_policy_cannot_run(sample, cli):
    onex = sample / "onex.yaml"
    onex.write_text(onex.read_text(encoding="utf-8") + "  fees: {school_pays: sometimes}\n", encoding="utf-8")
    code, out, err = run(cli, sample)
    assert (code, out) == (2, "")
    assert "REG-002" in err and "policy tests cannot run" in err


def test_check_never_reads_policy_tests(sample, cli):
    # A broken fixture file under policy-tests/ is no problem of the registry that holds it.
    (sample / "policy-tests" / "over-budget" / "onex.yaml").write_text("institution: [", encoding="utf-8")
    (sample / "policy-tests" / "stray.yaml").write_text("x: 1\n", encoding="utf-8")
    code, out, err = cli("check", "-r", sample, "--as-of", "2026-12-31", "--format", "json", "--no-cache")
    assert code == 0, err
    assert not [p for p in json.loads(out)["problems"] if p["file"].startswith("policy-tests/")]
    from onex.baseline import _walked

    assert not _walked("policy-tests/over-budget/onex.yaml")
    assert _walked("colleges/info/college.yaml")


def test_the_sample_registry_is_the_same_with_or_without_its_policy_tests(sample, cli):
    def check():
        code, out, _ = cli("check", "-r", sample, "--as-of", "2026-12-31", "--format", "json", "--no-cache")
        return code, json.loads(out)

    with_tests = check()
    shutil.rmtree(sample / "policy-tests")
    assert check() == with_tests
