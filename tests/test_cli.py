"""The SPEC's outside: JSON shape, exit codes, discovery order, formats — through the real CLI."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import check_json


def test_baseline_has_no_problems(reg, cli):
    code, doc = check_json(cli, reg.root)
    assert code == 0
    assert doc["problems"] == []


def test_json_shape_is_exactly_the_spec(reg, cli):
    reg.edit("colleges/info/sessions/2026/web-mid-june.yaml", "site: main-campus", "site: nowhere")
    code, doc = check_json(cli, reg.root, "--lang", "en")
    assert code == 1
    assert set(doc) == {"registry", "as_of", "problems", "summary"}
    assert doc["as_of"] == "2026-12-31"
    assert doc["registry"] == str(reg.root)
    assert doc["summary"] == {"errors": 1, "warnings": 0, "waived": 0, "files": 9}
    [problem] = doc["problems"]
    assert problem == {
        "rule": "REG-004",
        "severity": "error",
        "file": "colleges/info/sessions/2026/web-mid-june.yaml",
        "line": 5,
        "college": "info",
        "message": "there is no exam site nowhere: use an exam_sites id of onex.yaml (main-campus), or external",
        "waived": False,
    }


def test_exit_2_without_registry(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ONEX_REGISTRY", raising=False)
    code, out, err = cli("check", "--lang", "en")
    assert code == 2
    assert "no registry found" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "args, needle",
    [
        (["--as-of", "2026-02-30"], "invalid date"),
        (["--format", "yaml"], "unsupported format"),
        (["--rule", "NOPE-001"], "there is no rule NOPE-001"),
        (["--college", "nope"], "has no college nope"),
        (["--lang", "fr"], "unsupported language"),
    ],
)
def test_exit_2_on_bad_arguments(reg, cli, args, needle, monkeypatch):
    monkeypatch.setenv("ONEX_LANG", "en")
    code, out, err = cli("check", "--registry", reg.root, *args)
    assert code == 2
    assert needle in err and "Traceback" not in err


def test_unknown_option_is_a_usage_error(reg, cli):
    code, out, err = cli("check", "--registry", reg.root, "--frobnicate")
    assert code == 2


def test_discovery_order(tmp_path, reg, cli, monkeypatch):
    """--registry, then $ONEX_REGISTRY, then the nearest folder upward with onex.yaml, then ./registry."""
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "onex.yaml").write_text("institution: [\n", encoding="utf-8")
    nested = reg.root / "colleges" / "info"
    monkeypatch.chdir(nested)
    monkeypatch.delenv("ONEX_REGISTRY", raising=False)
    code, out, _ = cli("check", "--as-of", "2026-12-31", "--format", "json")
    assert json.loads(out)["registry"] == str(reg.root)  # upward from the working folder
    monkeypatch.setenv("ONEX_REGISTRY", str(broken))
    code, out, _ = cli("check", "--as-of", "2026-12-31", "--format", "json")
    assert json.loads(out)["registry"] == str(broken)  # the environment beats the working folder
    code, out, _ = cli("check", "--registry", str(reg.root), "--as-of", "2026-12-31", "--format", "json")
    assert json.loads(out)["registry"] == str(reg.root)  # --registry beats the environment
    monkeypatch.delenv("ONEX_REGISTRY")
    monkeypatch.chdir(reg.root.parent)  # no onex.yaml upward: ./registry
    code, out, _ = cli("check", "--as-of", "2026-12-31", "--format", "json")
    assert code == 0 and json.loads(out)["registry"] == str(reg.root)


def test_strict_fails_on_warnings(reg, cli):
    reg.edit("colleges/info/sessions/2026/web-mid-june.yaml", "inspector: 周芳\n", "")
    assert check_json(cli, reg.root)[0] == 0
    code, doc = check_json(cli, reg.root, "--strict")
    assert code == 1
    assert doc["summary"]["warnings"] >= 1 and doc["summary"]["errors"] == 0


def test_rule_filter(reg, cli):
    reg.edit("colleges/info/sessions/2026/web-mid-june.yaml", "site: main-campus", "site: nowhere")
    reg.edit("colleges/info/certificates/web-frontend.yaml", "lead: t2019001", "lead: t2019001\nfoo: 1")
    _, doc = check_json(cli, reg.root, "--rule", "REG-002")
    assert {p["rule"] for p in doc["problems"]} == {"REG-002"}


def test_text_output_is_grouped_by_file_with_summary(reg, cli):
    reg.edit("colleges/info/sessions/2026/web-mid-june.yaml", "site: main-campus", "site: nowhere")
    code, out, _ = cli("check", "--registry", reg.root, "--as-of", "2026-12-31", "--lang", "en")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "colleges/info/sessions/2026/web-mid-june.yaml"
    assert "5:" in lines[1] and "REG-004" in lines[1] and "error" in lines[1]
    assert lines[-1].startswith("✗ 1 error(s), 0 warning(s), 0 waived in 9 file(s)")
    assert "\x1b[" not in out  # plain when piped


def test_text_output_in_chinese(reg, cli):
    code, out, _ = cli("check", "--registry", reg.root, "--as-of", "2026-12-31", "--lang", "zh")
    assert code == 0 and "0 个错误" in out


def test_github_format(reg, cli, tmp_path):
    reg.edit("colleges/info/sessions/2026/web-mid-june.yaml", "site: main-campus", "site: nowhere")
    (reg.root.parent / ".git").mkdir()  # the repository root is the registry's parent
    code, out, _ = cli(
        "check", "--registry", reg.root, "--as-of", "2026-12-31", "--format", "github", "--lang", "en"
    )
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith("::error file=registry/colleges/info/sessions/2026/web-mid-june.yaml,line=5,")
    assert "title=REG-004::there is no exam site nowhere" in first


def test_junit_format(reg, cli):
    reg.edit("colleges/info/sessions/2026/web-mid-june.yaml", "site: main-campus", "site: nowhere")
    code, out, _ = cli("check", "--registry", reg.root, "--as-of", "2026-12-31", "--format", "junit")
    root = ET.fromstring(out.split("\n", 1)[1])
    failures = [case for case in root.iter("testcase") if case.find("failure") is not None]
    assert [case.get("name").split()[0] for case in failures] == ["REG-004"]
    assert root.get("failures") == "1"


def test_sarif_format(reg, cli):
    reg.edit("colleges/info/sessions/2026/web-mid-june.yaml", "site: main-campus", "site: nowhere")
    code, out, _ = cli("check", "--registry", reg.root, "--as-of", "2026-12-31", "--format", "sarif")
    doc = json.loads(out)
    assert doc["version"] == "2.1.0"
    run = doc["runs"][0]
    assert any(
        rule["id"] == "STAFF-001" or rule["id"] == "REG-004" for rule in run["tool"]["driver"]["rules"]
    )
    [result] = run["results"]
    assert result["ruleId"] == "REG-004"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 5


def test_rules_and_explain(cli):
    code, out, _ = cli("rules", "--format", "json", "--lang", "en")
    rules = json.loads(out)
    assert code == 0 and rules[0]["rule"] == "REG-001"
    for rule in rules:
        code, text, err = cli("explain", rule["rule"], "--lang", "zh")
        assert code == 0, err
        assert rule["rule"] in text and "办法原文" in text and "“" in text


def test_explain_unknown_rule(cli):
    code, out, err = cli("explain", "NOPE-1", "--lang", "en")
    assert code == 2 and "there is no rule" in err


def test_version(cli):
    code, out, _ = cli("--version")
    assert code == 0 and out.startswith("onex ")


def test_sample_registry_passes(cli):
    root = Path(__file__).parent.parent / "registry"
    code, doc = check_json(cli, root)
    assert code == 0, [p for p in doc["problems"] if p["severity"] == "error"]
    assert doc["summary"]["errors"] == 0


def test_minimal_example_passes(cli):
    root = Path(__file__).parent.parent / "examples" / "minimal"
    for day in ("2026-12-31", "2030-06-30"):
        code, doc = check_json(cli, root, as_of=day)
        assert code == 0 and doc["problems"] == []


def test_college_filter_shows_only_that_college(reg, cli):
    reg.edit("colleges/info/sessions/2026/web-mid-june.yaml", "site: main-campus", "site: nowhere")
    reg.write(
        "colleges/mech/college.yaml",
        "name: 机械工程学院\nleaders:\n  - {name: 钱进, in_charge: true}\nnope: 1\n",
    )
    _, everything = check_json(cli, reg.root)
    assert {p["college"] for p in everything["problems"]} == {"info", "mech"}
    _, mech = check_json(cli, reg.root, "--college", "mech")
    assert [(p["rule"], p["file"], p["line"]) for p in mech["problems"]] == [
        ("REG-002", "colleges/mech/college.yaml", 4)
    ]


def test_explain_shows_its_snippets_whole_and_in_one_language(cli):
    # the YAML snippets keep their lines (no `\x0a`, not cut), and zh names the severity in Chinese
    code, text, _ = cli("explain", "STAFF-001", "--lang", "zh")
    assert code == 0
    assert "默认级别：错误 " in text and "\\x0a" not in text and "…" not in text
    assert '\n    majors:\n      - {code: "510201", role: primary}\n' in text
    assert "\n          - {certificate: web-frontend, kind: examiner, issued_on: 2024-03-01}\n" in text
    code, text, _ = cli("explain", "STAFF-001", "--lang", "en")
    assert code == 0 and "Default severity: error " in text and "\\x0a" not in text


def test_the_onex_process_ends_with_all_its_output_and_exit_code(reg, cli):
    """`onex.cli.entry` ends the process with os._exit after flushing (nothing freed one by one):
    what a real process prints, piped, equals what `main` prints in-process, byte for byte, with
    the same exit code; an in-process run holds nothing for later."""
    import subprocess
    import sys

    from onex import app

    for n in range(60):  # > 64 KB of SARIF: more than one pipe buffer's worth is flushed
        reg.edit("colleges/info/sessions/2026/web-mid-june.yaml", "site: main-campus", f"site: nowhere-{n}")
        reg.write(
            f"colleges/info/sessions/2026/copy-{n}.yaml",
            reg.read("colleges/info/sessions/2026/web-mid-june.yaml"),
        )
        reg.edit("colleges/info/sessions/2026/web-mid-june.yaml", f"site: nowhere-{n}", "site: main-campus")
    args = ["check", "--registry", str(reg.root), "--as-of", "2026-12-31", "--no-cache", "--lang", "en"]
    for fmt in ("sarif", "text"):
        code, out, _ = cli(*args, "--format", fmt)
        assert app.KEPT_UNTIL_EXIT is None
        run = subprocess.run(
            [sys.executable, "-c", "from onex.cli import entry; entry()", *args, "--format", fmt],
            capture_output=True,
            text=True,
            check=False,
        )
        assert (run.returncode, run.stdout) == (code, out)
        assert code == 1 and len(out) > (65_536 if fmt == "sarif" else 1_000)
