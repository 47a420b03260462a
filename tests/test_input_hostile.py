"""Hostile input, read side (issue 11, 19): link loops, merge-conflict markers, YAML 1.1/1.2
ambiguity, keys that are not text, lone CRs, very long values, out-of-range numbers and dates.

Every case goes through the real CLI and asserts the exit code and the located problem (rule,
file, line); docs/security.md names each test.
"""

from __future__ import annotations

import os

import pytest

from tests.conftest import check_json

SESSION = "colleges/info/sessions/2026/web-mid-june.yaml"
COLLEGE = "colleges/info/college.yaml"
TRAINING = "colleges/info/trainings/2026/web-mid-spring.yaml"
ORG = "orgs/edu-tech.yaml"
FORMATS = ("text", "json", "github", "junit", "sarif")


def problems(report: dict, rel: str | None = None) -> list[tuple[str, str, int]]:
    found = [(p["rule"], p["file"], p["line"]) for p in report["problems"]]
    return [p for p in found if rel is None or p[1] == rel]


def messages(report: dict, rule: str) -> list[str]:
    return [p["message"] for p in report["problems"] if p["rule"] == rule]


# --- link loops ---------------------------------------------------------------------------------


@pytest.fixture
def loops(reg):
    os.symlink("loop-b.yaml", reg.path("orgs/loop-a.yaml"))
    os.symlink("loop-a.yaml", reg.path("orgs/loop-b.yaml"))
    os.symlink("self", reg.path("colleges/self"))
    return reg


def test_link_loops_are_reg001_on_each_link_in_every_format(loops, cli):
    code, report = check_json(cli, loops.root, "--lang", "en")
    assert code == 1
    assert sorted(p for p in problems(report) if p[0] == "REG-001") == [
        ("REG-001", "colleges/self", 1),
        ("REG-001", "orgs/loop-a.yaml", 1),
        ("REG-001", "orgs/loop-b.yaml", 1),
    ]
    assert "a symbolic link that loops (loop-b.yaml)" in messages(report, "REG-001")[1]
    for fmt in FORMATS:
        code, out, err = cli("check", "--registry", loops.root, "--as-of", "2026-12-31", "--format", fmt)
        assert (code, err) == (1, ""), fmt


def test_link_loops_do_not_crash_report_or_fmt(loops, cli, tmp_path):
    code, _, err = cli("report", "--registry", loops.root, "--as-of", "2026-12-31", "-o", tmp_path / "r.json")
    assert (code, err.count("internal error")) == (0, 0)
    code, out, err = cli("fmt", "--registry", loops.root, "--check", "--lang", "en")
    assert code in (0, 1) and "internal error" not in err
