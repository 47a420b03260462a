"""`onex diff` on real temporary git repositories: problems introduced and resolved, figures moved."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.test_git import commit_all, git

GOLDEN = Path(__file__).parent / "golden"
SESSION = "colleges/info/sessions/2026/web-mid-june.yaml"
INSTRUCTORS = "colleges/info/instructors.yaml"
EXAMINER = "      - {certificate: web-frontend, kind: examiner, number: WF-E-0002, issued_on: 2024-03-01}\n"
NEWCOMER = '  - {student: "2024010199", name: 孙小亮, major: "510201", result: absent}\n'


@pytest.fixture
def change(reg):
    """main: the baseline plus an old warning (no inspector); a branch that loses a certified
    teacher, adds a candidate (fees move) and fixes the warning."""
    git(reg.root, "init", "-q", "-b", "main")
    reg.edit(SESSION, "inspector: 周芳\n", "")
    commit_all(reg.root, "baseline with an old warning")
    git(reg.root, "checkout", "-q", "-b", "pull-request")
    reg.edit(INSTRUCTORS, EXAMINER, "")
    reg.edit(INSTRUCTORS, "    qualifications:\n  - id: t2021003", "    qualifications: []\n  - id: t2021003")
    reg.edit(INSTRUCTORS, "name: 陈静\n    employment: full_time", "name: 陈静\n    employment: part_time")
    reg.edit(SESSION, "candidates:\n", "candidates:\n" + NEWCOMER)
    reg.edit(SESSION, "site: main-campus\n", "site: main-campus\ninspector: 周芳\n")
    return reg


def run(cli, reg, *args: str) -> tuple[int, str, str]:
    return cli("diff", *args, "--registry", reg.root, "--as-of", "2026-12-31")


def test_markdown_golden(change, cli):
    commit_all(change.root, "the pull request")
    code, out, err = run(cli, change, "main", "HEAD", "--format", "markdown", "--lang", "zh")
    assert code == 0, err
    out = out.replace(git(change.root, "rev-parse", "main").strip()[:12], "<main>")
    out = out.replace(git(change.root, "rev-parse", "HEAD").strip()[:12], "<head>")
    golden = GOLDEN / "diff-baseline.md"
    if os.environ.get("ONEX_UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def test_json_defaults_to_the_merge_base_with_main_and_the_work_tree(change, cli):
    code, out, err = run(cli, change, "--format", "json", "--lang", "en")
    assert code == 0, err
    document = json.loads(out)
    main = git(change.root, "rev-parse", "main").strip()
    assert document["before"] == {"rev": main[:12], "commit": main}
    assert document["after"] == {"rev": None, "commit": None}
    assert [(p["rule"], p["file"]) for p in document["introduced"]] == [
        ("STAFF-001", "colleges/info/certificates/web-frontend.yaml")
    ]
    assert [(p["rule"], p["file"]) for p in document["resolved"]] == [("EXAM-004", SESSION)]
    figures = [(f["kind"], f["before"], f["after"], f["limit"], f["breached"]) for f in document["figures"]]
    # names are data, no brackets of any language: the major's name and its code apart
    teachers = document["figures"][0]
    assert (teachers["college"], teachers["major"], teachers["major_code"], teachers["cert"]) == (
        "信息工程学院",
        "计算机应用技术",
        "510201",
        "Web前端开发",
    )
    assert figures == [
        ("teachers", 3, 1, 2, True),
        ("candidates", 4, 5, None, False),
        ("fees", 1200, 1600, 10000, False),
    ]


def test_text_names_both_sides(change, cli):
    code, out, err = run(cli, change, "main", "--lang", "en")
    assert code == 0, err
    assert out.startswith("onex diff: main (")
    assert "→ work tree\n" in out
    assert (
        "certified teachers 信息工程学院 · 计算机应用技术 (510201) · Web前端开发: 3 → 1  (at least 2 (below))"
        in out
    )


def test_text_in_chinese_uses_full_width_brackets(change, cli):
    code, out, err = run(cli, change, "main", "--lang", "zh")
    assert code == 0, err
    assert out.startswith("onex diff：main（")
    assert "持证教师 信息工程学院 · 计算机应用技术（510201） · Web前端开发: 3 → 1  （至少 2（不足））" in out
    assert "(" not in out and ")" not in out  # no ASCII bracket anywhere in the Chinese text


def test_a_major_that_does_not_exist_moves_no_figure(reg, cli):
    """A pull request that adds a majors item naming no major of the college introduces REG-004,
    and no certified-teacher figure for a major that is not there (SPEC §4.1, as STAFF-001)."""
    adoption = "colleges/info/certificates/web-frontend.yaml"
    git(reg.root, "init", "-q", "-b", "main")
    commit_all(reg.root, "baseline")
    git(reg.root, "checkout", "-q", "-b", "pull-request")
    reg.edit(
        adoption,
        '  - {code: "510201", role: primary}\n',
        '  - {code: "510201", role: primary}\n  - {code: "999999", role: auxiliary}\n',
    )
    commit_all(reg.root, "a typo")
    code, out, err = run(cli, reg, "main", "HEAD", "--format", "json", "--lang", "en")
    assert code == 0, err
    document = json.loads(out)
    assert [(p["rule"], p["file"]) for p in document["introduced"]] == [("REG-004", adoption)]
    assert document["figures"] == []


def test_an_unknown_revision_is_exit_2(change, cli):
    code, out, err = run(cli, change, "no-such-branch", "--lang", "en")
    assert code == 2
    assert "has no commit no-such-branch" in err


def test_the_default_branch_is_found_through_origin_head_in_a_clone(change, cli, tmp_path):
    import subprocess

    git(change.root, "checkout", "-q", "main")
    git(change.root, "branch", "-q", "-m", "main", "trunk")  # not called main: only origin/HEAD says so
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(change.root), str(clone)], check=True, capture_output=True)
    git(clone, "checkout", "-q", "-b", "topic")
    (clone / SESSION).write_text(
        (clone / SESSION)
        .read_text(encoding="utf-8")
        .replace("site: main-campus\n", "site: main-campus\ninspector: 周芳\n"),
        encoding="utf-8",
    )
    commit_all(clone, "fix the warning")
    code, out, err = cli("diff", "--registry", clone, "--as-of", "2026-12-31", "--format", "json")
    assert code == 0, err
    document = json.loads(out)
    assert document["before"]["commit"] == git(clone, "rev-parse", "origin/trunk").strip()
    assert [p["rule"] for p in document["resolved"]] == ["EXAM-004"]


def test_markdown_keeps_a_hostile_value_inside_its_table_cell(change, cli):
    first = '王小明, major: "510201", enrolled: true, result: pass, score: 86'
    change.edit(SESSION, first, first + ', fee_payer: "x | y\\n## <b>z</b> [a](http://e.invalid)"')
    code, out, err = run(cli, change, "main", "--format", "markdown", "--lang", "en")
    assert code == 0, err
    rows = [line for line in out.splitlines() if "REG-002" in line]
    assert len(rows) == 1
    assert rows[0].count(" | ") == 3  # the four cells' separators only: the value's bar is escaped
    assert "x \\| y" in rows[0] and "\\<b\\>" in rows[0] and "\\[a\\]" in rows[0]
    assert "\n## " not in out
