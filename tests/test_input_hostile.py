"""Hostile input, read side (issue 11, 19): link loops, merge-conflict markers, YAML 1.1/1.2
ambiguity, keys that are not text, lone CRs, very long values, out-of-range numbers and dates.

Every case goes through the real CLI and asserts the exit code and the located problem (rule,
file, line); docs/security.md names each test.
"""

from __future__ import annotations

import json
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


# --- merge-conflict markers ---------------------------------------------------------------------


def test_a_merge_conflict_is_named_at_its_first_marker(reg, cli):
    text = reg.read(ORG)
    reg.write(
        ORG, text.replace("  cloud-ops:\n", "<<<<<<< HEAD\n  cloud-ops:\n", 1) + "=======\n>>>>>>> main\n"
    )
    code, report = check_json(cli, reg.root, "--lang", "en")
    assert code == 1
    assert problems(report, ORG) == [("REG-001", ORG, 7)]
    assert messages(report, "REG-001") == [
        "Unresolved merge conflict: git left its <<<<<<< marker line here. Choose what to keep between "
        "<<<<<<< and >>>>>>>, delete every marker line, then commit."
    ]
    _, report = check_json(cli, reg.root, "--lang", "zh")
    assert "未解决的合并冲突" in messages(report, "REG-001")[0]


# --- lone CR ------------------------------------------------------------------------------------


def test_a_lone_cr_in_a_comment_does_not_shift_the_lines_after_it(reg, cli):
    text = reg.read(SESSION).replace("site: main-campus\n", "site: main-campus   # 主校区\r旧注释\n")
    text = text.replace("result: absent", "result: gone")
    reg.write_bytes(SESSION, text.encode())
    code, report = check_json(cli, reg.root)
    assert code == 1
    git_line = text[: text.index("result: gone")].count("\n") + 1  # git counts LF only
    assert git_line == 14
    assert problems(report, SESSION) == [("REG-002", SESSION, git_line)]


def test_a_lone_cr_outside_a_comment_is_refused_at_its_git_line(reg, cli):
    reg.write_bytes(
        SESSION, reg.read(SESSION).replace("site: main-campus\n", "site: main\rcampus\n").encode()
    )
    code, report = check_json(cli, reg.root, "--lang", "en")
    assert problems(report, SESSION) == [("REG-001", SESSION, 5)]
    assert "lone carriage return (CR without LF" in messages(report, "REG-001")[0]


# --- keys that are not text ---------------------------------------------------------------------


def test_keys_that_are_not_text_are_located_and_printed_as_written(reg, cli):
    reg.append(ORG, "1: a\n2027-01-01: c\nnull: d\n")
    code, report = check_json(cli, reg.root, "--lang", "en")
    assert code == 1
    assert problems(report, ORG) == [("REG-002", ORG, 14), ("REG-002", ORG, 15), ("REG-002", ORG, 16)]
    assert messages(report, "REG-002") == [
        "the key 1 is not text (YAML reads it as a number): field names are text; correct the key, or quote it as '1'",
        "the key 2027-01-01 is not text (YAML reads it as a date): field names are text; correct the key, "
        "or quote it as '2027-01-01'",
        "the key null is not text (YAML reads it as null): field names are text; correct the key, or quote it as 'null'",
    ]


def test_one_and_true_are_not_duplicates(reg, cli):
    reg.append(ORG, "true: b\n1: a\n")
    code, report = check_json(cli, reg.root, "--lang", "en")
    assert code == 1
    assert [p for p in problems(report, ORG)] == [("REG-002", ORG, 14)]
    assert "appears twice" not in json.dumps(report)
    assert messages(report, "REG-002")[0].startswith(
        "the key true is not text (YAML reads it as true or false)"
    )


# --- YAML 1.1/1.2 ambiguity ---------------------------------------------------------------------


AMBIGUOUS = [
    (
        "017",
        "is written 017: onex (YAML 1.2) reads 17, but YAML 1.1 tools (PyYAML and others) read the octal number 15. Write the number plainly as 17",
    ),
    (
        "09",
        "is written 09: onex (YAML 1.2) reads 9, but YAML 1.1 tools read it as text. Write the number plainly as 9",
    ),
    (
        "8_8",
        "is written 8_8: onex and YAML 1.1 read 88, but YAML 1.2 core-schema tools read it as text. Write the number plainly as 88",
    ),
    ("0o17", "is written 0o17: this is 15 written in octal"),
    ("0x1F", "is written 0x1F: this is 31 written in hexadecimal"),
    ("0b101", "is written 0b101: this is 5 written in binary"),
    (
        "1e3",
        "is written 1e3: onex (YAML 1.2) reads 1000, but YAML 1.1 tools read it as text. Write the number plainly as 1000",
    ),
    (".inf", "is written .inf, which is not a finite number"),
    ("-.inf", "is written -.inf, which is not a finite number"),
    (".nan", "is written .nan, which is not a finite number"),
]


@pytest.mark.parametrize(("written", "said"), AMBIGUOUS, ids=[w for w, _ in AMBIGUOUS])
@pytest.mark.parametrize("where", ["fee", "score", "cohort"])
def test_numbers_that_depend_on_the_yaml_version_are_reg002(reg, cli, written, said, where):
    if where == "fee":
        rel, field = ORG, "`certificates.web-frontend.levels.junior.fee`"
        reg.edit(ORG, "{junior: {fee: 300}", f"{{junior: {{fee: {written}}}")
    elif where == "score":
        rel, field = SESSION, "`candidates[0].score`"
        reg.edit(SESSION, "score: 86", f"score: {written}")
    else:
        rel, field = COLLEGE, "`majors[0].cohorts.2025`"
        text = reg.read(COLLEGE)
        start = text.index("cohorts: {")
        number = text[start:].split("2025: ", 1)[1].split(",", 1)[0].split("}", 1)[0]
        reg.edit(COLLEGE, f"2025: {number}", f"2025: {written}")
    code, report = check_json(cli, reg.root, "--lang", "en")
    assert code == 1
    line = reg.line_of(rel, written)
    assert (("REG-002", rel, line)) in problems(report, rel)
    found = [p["message"] for p in report["problems"] if p["file"] == rel and p["line"] == line]
    assert len(found) == 1 and found[0].startswith(f"{field} {said}"), found


def test_plain_numbers_and_sexagesimal_text_are_not_ambiguity(reg, cli):
    reg.edit(SESSION, "score: 86", "score: +86.50")
    reg.edit(SESSION, "site: main-campus", "site: '1:20'")
    code, report = check_json(cli, reg.root, "--lang", "en")
    assert [p for p in problems(report, SESSION) if p[0] == "REG-002"] == []


def test_sexagesimal_in_a_number_field_is_not_a_number(reg, cli):
    reg.edit(SESSION, "score: 86", "score: 1:20")
    code, report = check_json(cli, reg.root, "--lang", "en")
    line = reg.line_of(SESSION, "1:20")
    assert ("REG-002", SESSION, line) in problems(report, SESSION)


# --- long values --------------------------------------------------------------------------------


def test_a_huge_scalar_is_cut_in_every_message(reg, cli):
    big = "长" * 2_500_000
    reg.write("orgs/big.yaml", f"name: x\n{big[:300]}: 1\nlevels: {big}\n")
    for fmt in FORMATS:
        code, out, err = cli("check", "--registry", reg.root, "--as-of", "2026-12-31", "--format", fmt)
        assert code == 1 and err == ""
        assert len(out) < 50_000, fmt
        assert "长" * 199 + "…" in out or "\\u957f" in out


# --- fmt keeps invisible characters escaped (Trojan Source) -------------------------------------


@pytest.mark.parametrize("char", ["\\u202e", "\\u200b", "\\u2066", "\\ufeff", "\\u061c"])
def test_fmt_keeps_escaped_invisible_characters_escaped(reg, cli, char):
    text = reg.read(SESSION).replace("name: 王小明", f'name: "王小{char}明"')
    reg.write(
        SESSION,
        text.replace("level: intermediate", "level: 中级").replace("date: 2026-06-12\n", "")
        + "date: 2026-06-12\n",
    )
    code, out, err = cli("fmt", "--registry", reg.root, "--lang", "en")
    assert code == 0 and f"reformatted {SESSION}" in out, out + err
    written = reg.read(SESSION)
    raw = char.encode().decode("unicode_escape")
    assert raw not in written
    escaped = "\\u" + char[2:].upper()
    assert f'"王小{escaped}明"' in written
    code, out, _ = cli("fmt", "--check", "--registry", reg.root, "--lang", "en")
    assert code == 0  # idempotent


def test_a_writer_escapes_invisible_characters_it_adds(tmp_path):
    from onex.write import open_document, save

    path = tmp_path / "x.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    document = open_document(path)
    document.data["b"] = "x\u202ey"
    save(document)
    assert path.read_text(encoding="utf-8") == 'a: 1\nb: "x\\u202Ey"\n'


# --- scale: the JSON output is written as it is made --------------------------------------------


def test_json_written_problem_by_problem_is_exactly_the_document(reg, cli):
    import io

    from onex.cache import _check
    from onex.render.problems import as_json, write_json

    for i in range(30):
        reg.write(
            f"colleges/info/sessions/2026/s{i}.yaml", f"certificate: web-frontend\nnote: 王{i}\\u202e\n"
        )
    result = _check(reg.root, __import__("datetime").date(2026, 12, 31), None)
    assert len(result.problems) > 60
    for lang in ("zh", "en"):
        streamed = io.StringIO()
        write_json(result, lang, streamed.write)
        assert streamed.getvalue() == as_json(result, lang)
        json.loads(streamed.getvalue())
    code, out, _ = cli("check", "--registry", reg.root, "--as-of", "2026-12-31", "--format", "json")
    assert code == 1 and out == as_json(result, "zh") + "\n"
