"""`onex policy`: the effective policy, every knob with its default, override, clause and effect."""

from __future__ import annotations

import json

from tests.test_fees import set_fees

KNOBS = [
    "policy.min_certified_per_major",
    "policy.recommended_certified_per_major",
    "policy.annual_plan_deadline",
    "policy.results_report_days",
    "policy.expiry_warning_days",
    "policy.severity",
    "policy.fees.school_pays",
    "policy.fees.max_school_funded_per_student_year",
    "policy.fees.school_funded_levels",
    "policy.fees.college_allocations",
    "policy.fees.fee_caps",
]


def policy_json(cli, reg, lang="en"):
    code, out, err = cli("policy", "-r", reg.root, "--format", "json", "--lang", lang)
    assert code == 0, err
    return {k["knob"]: k for k in json.loads(out)}


def test_the_defaults_are_as_written(reg, cli):
    knobs = policy_json(cli, reg)
    assert list(knobs) == KNOBS
    assert all(
        k["effect"] == "as_written" and not k["overridden"] and k["line"] is None for k in knobs.values()
    )
    assert knobs["policy.fees.school_pays"]["default"] == "every_attempt"
    assert knobs["policy.fees.school_funded_levels"]["value"] == ["junior", "intermediate", "senior"]
    assert knobs["policy.fees.max_school_funded_per_student_year"]["value"] is None


def test_overrides_with_their_line_clause_and_effect(reg, cli):
    set_fees(
        reg,
        """
        school_pays: first_attempt
        school_funded_levels: [初级, 中级]
        fee_caps: {intermediate: 450}
        """,
    )
    reg.edit(
        "onex.yaml",
        "policy:\n",
        "policy:\n  min_certified_per_major: 1\n  results_report_days: 20\n  severity: {STAFF-002: error}\n",
    )
    knobs = policy_json(cli, reg)
    summary = {
        key: (k["value"], k["line"], k["clause"], k["effect"]) for key, k in knobs.items() if k["overridden"]
    }
    line = lambda needle: reg.line_of("onex.yaml", needle)  # noqa: E731
    assert summary == {
        "policy.min_certified_per_major": (1, line("min_certified"), "§4.3.1", "relaxes"),
        "policy.results_report_days": (20, line("results_report_days"), "§5.2.3", "tightens"),
        "policy.severity": ({"STAFF-002": "error"}, line("severity"), "§4", "tightens"),
        "policy.fees.school_pays": ("first_attempt", line("school_pays"), "§6.2", "tightens"),
        "policy.fees.school_funded_levels": (
            ["junior", "intermediate"],
            line("school_funded_levels"),
            "§6.2",
            "tightens",
        ),
        "policy.fees.fee_caps": ({"intermediate": 450}, line("fee_caps"), "§6.1", "tightens"),
    }
    assert policy_json(cli, reg, "zh")["policy.fees.school_pays"]["effect_text"] == "收紧"


def test_table_and_markdown_in_both_languages(reg, cli):
    set_fees(reg, "college_allocations: {info: 120000}")
    code, out, _ = cli("policy", "-r", reg.root, "--lang", "en")
    assert code == 0 and "policy.fees.college_allocations" in out and "{info: 120000}" in out
    assert "tightens" in out and "as written" in out
    code, out, _ = cli("policy", "-r", reg.root, "--lang", "zh", "--format", "markdown")
    assert code == 0 and out.startswith("## 生效的政策设置")
    assert "| policy.fees.college_allocations" in out and "收紧" in out and "与办法一致" in out


def test_a_broken_knob_is_reg002_and_exit_1(reg, cli):
    set_fees(reg, "school_pays: sometimes")
    code, out, err = cli("policy", "-r", reg.root, "--lang", "en")
    assert (code, out) == (1, "")
    line = reg.line_of("onex.yaml", "school_pays")
    assert f"onex.yaml:{line}:" in err and "REG-002" in err and "every_attempt | first_attempt" in err


def test_a_bad_format_is_exit_2(reg, cli):
    code, _, err = cli("policy", "-r", reg.root, "--format", "xml", "--lang", "en")
    assert code == 2 and "xml" in err
