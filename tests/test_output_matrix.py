"""Hostile strings × every command × every format (issue 11): generated attacker's text goes into
the institution's, a college's, a certificate's and a teacher's names, a session's site, a
training's inspection note and a file name of a small registry; every command in every format must exit 0, 1 or 2 without a traceback,
print nothing a terminal would execute, and produce output that parses back as what it claims to
be (JSON, SARIF against its schema, JUnit XML, HTML, xlsx without formulas, csv without formulas,
markdown whose tables keep their columns and whose headings are onex's own).

Bounded and reproducible: `derandomize=True`, a dozen examples per command, no database.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from onex.cli import main
from tests.conftest import BASELINE
from tests.test_output_escaping import RAW_CONTROL, RFC3986_PATH, _sarif_schema, yaml_quoted

MATRIX = settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

FRAGMENTS = [
    "\x1b[31m", "\x1b[2J", "\x1b]8;;http://x\x07", "\x07", "\x9b", "\x85", "\x00", "\x7f",
    "\u202e", "\u2066", "\u200b", "\ufeff", "\u2028", "\ufffe", "\uffff",
    "\ud83d", "\ude00", "\ud83d\ude00", "\udce9",
    '=HYPERLINK("http://x","click")', "=1+1", "+1", "-1", "@x", "\t", "\r",
    "$x$", "$", "[bold]", "[/]", "[link=http://x]", ":smile:",
    "|", "\r\n", "\n", "\n# forged\n", "# ", "> ", "- ", "1. ", "===", "`", "\\",
    "<script>alert(1)</script>", "&amp;", '"', "'", "%", "%20", ":", ",", "::error::x", "#", "?",
    "[", "]", "信息", " ", "x" * 2000,
]  # fmt: skip
HOSTILE = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS),
        st.sampled_from(FRAGMENTS),  # twice as likely as arbitrary characters
        st.text(st.characters(exclude_categories=[]), min_size=1, max_size=3),  # surrogates too
    ),
    min_size=1,
    max_size=5,
).map("".join)

# the strings of issue 11, always tried (each registry holds one in every place)
SEEN = [
    '=HYPERLINK("http://x","click") $x^2$ [bold]b[/]',
    "\ud83d\ude00 <script>alert(1)</script> | a |\n# forged\n> quote",
    "\ufffe\uffff\x1b]8;;http://x\x07link\x1b]8;;\x07\x9b31m\u202e",
    "-1+1 @x \t\r %20 :, ::error::x",
    "x" * 2000 + "\udce9",
    "\ud83d",
]


def seen(test):  # noqa: ANN001, ANN201
    for text in SEEN:
        test = example(text=text)(test)
    return test


AS_OF = ["--as-of", "2026-12-31", "--lang", "en"]
PLACES = [  # (file, text as written in the baseline, its key)
    ("onex.yaml", "institution: {name: 北京工业职业技术学院, ", "institution: {name: "),
    ("colleges/info/college.yaml", "name: 信息工程学院", "name: "),
    ("colleges/info/instructors.yaml", "name: 孙强", "name: "),
    ("orgs/edu-tech.yaml", "name: Web前端开发", "name: "),
    ("colleges/info/sessions/2026/web-mid-june.yaml", "site: main-campus", "site: "),
    ("colleges/info/trainings/2026/web-mid-spring.yaml", "note: 抽查课堂", "note: "),
]


def _file_name(text: str) -> bytes:
    """The hostile text as a file name's bytes (a lone surrogate becomes bytes that are not UTF-8)."""
    name = text.encode("utf-8", "surrogatepass").replace(b"/", b"_").replace(b"\0", b"_")[:200]
    return (b"f" + name if name in (b"", b".", b"..") else name) + b".yaml"


@contextlib.contextmanager
def _registry(text: str) -> Iterator[Path]:
    """A copy of the baseline holding `text` in every place, inside a folder that is the cwd."""
    import tempfile

    top = Path(tempfile.mkdtemp(prefix="onex-matrix-"))
    root = top / "registry"
    shutil.copytree(BASELINE, root)
    for rel, old, key in PLACES:
        path = root / rel
        content = path.read_text(encoding="utf-8")
        assert content.count(old) == 1, (rel, old)
        new = key + yaml_quoted(text) + (", " if old.endswith(", ") else "")
        path.write_text(content.replace(old, new), encoding="utf-8")
    folder = os.fsencode(root / "colleges/info/sessions/2026")
    with open(folder + b"/" + _file_name(text), "w", encoding="utf-8") as handle:
        handle.write("x: 1\n")
    cwd = Path.cwd()
    os.chdir(root)
    try:
        yield root
    finally:
        os.chdir(cwd)
        shutil.rmtree(top, ignore_errors=True)


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([*args])
    return code, out.getvalue(), err.getvalue()


def _well_behaved(code: int, out: str, err: str, codes: tuple[int, ...] = (0, 1, 2)) -> None:
    assert code in codes, (code, err)
    assert "Traceback" not in err and "internal error" not in err, err
    for text in (out, err):
        found = RAW_CONTROL.search(text)
        assert found is None, repr(found.group())
        text.encode("utf-8")  # valid UTF-8 (a lone surrogate would raise)


# --- what each format must parse back as -------------------------------------------------------

GITHUB_LINE = re.compile(r"::(error|warning) file=[^,:\r\n]*,line=\d+,col=\d+,title=[A-Z]+-\d{3}::[^\r\n]*")
UNESCAPED_PIPE = re.compile(r"(?<!\\)(?:\\\\)*\|")
FORMULA = re.compile(r"^[=+\-@\t\r]")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
DANGEROUS_TAGS = {"script", "iframe", "img", "a", "object", "embed", "link", "base", "form", "input", "meta"}
VOID = {"meta", "br", "hr", "img", "input", "link"}


def _markdown(text: str) -> list[str]:
    """Every table keeps its column count; return the heading lines (to compare with onex's own)."""
    lines = text.splitlines()
    for block in re.findall(r"(?:^\|.*\n?)+", text, flags=re.M):
        widths = {len(UNESCAPED_PIPE.findall(row)) for row in block.splitlines()}
        assert len(widths) == 1, block[:500]
    return [line.split(" ", 1)[0] for line in lines if line.startswith("#")]


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.add(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.tags.add(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-5:])
        self.stack.pop()


def _html(text: str) -> None:
    parser = _Html()
    parser.feed(text)
    parser.close()
    assert parser.stack == [], parser.stack
    assert not (parser.tags & DANGEROUS_TAGS - {"meta"}), parser.tags & DANGEROUS_TAGS


def _csv(text: str) -> None:
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            assert not FORMULA.match(cell) or NUMBER.match(cell), cell


def _xlsx(path: Path) -> None:
    from openpyxl import load_workbook

    for ws in load_workbook(path).worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)


def _sarif(text: str, root: Path) -> None:
    document = json.loads(text)
    assert [e.message for e in _SARIF.iter_errors(document)] == []
    for result in document["runs"][0]["results"]:
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert RFC3986_PATH.match(uri), uri
        assert (root / unquote(uri, errors="surrogateescape")).exists(), uri


def _junit(text: str) -> None:
    from junitparser import JUnitXml

    ET.fromstring(text)
    for suite in JUnitXml.fromstring(text):
        for case in suite:
            assert case.name


def _github(text: str) -> None:
    *annotations, summary = text.rstrip("\n").split("\n")
    for line in annotations:
        assert GITHUB_LINE.fullmatch(line), line
    assert not summary.startswith("::"), summary


_SARIF = _sarif_schema()
_HEADINGS: dict[tuple[str, str], list[str]] = {}


def _headings(command: str, fmt: str) -> list[str]:
    """The heading lines of a benign registry built the same way (the same sections)."""
    if (command, fmt) not in _HEADINGS:
        with _registry("benign"):
            code, out, _ = _run(command, "-r", ".", *AS_OF, "--format", fmt)
        assert code == 0
        _HEADINGS[command, fmt] = _markdown(out)
    return _HEADINGS[command, fmt]


# --- the matrix ---------------------------------------------------------------------------------


@MATRIX
@seen
@given(text=HOSTILE)
def test_check_in_every_format(text):
    with _registry(text) as root:
        for fmt in ("text", "json", "github", "junit", "sarif"):
            code, out, err = _run("check", "-r", ".", *AS_OF, "--format", fmt)
            _well_behaved(code, out, err, codes=(0, 1))
            if fmt == "json":
                json.loads(out)
            elif fmt == "sarif":
                _sarif(out, root)
            elif fmt == "junit":
                _junit(out)
            elif fmt == "github":
                _github(out)


@MATRIX
@seen
@given(text=HOSTILE)
def test_report_in_every_format(text):
    with _registry(text) as root:
        for fmt in ("table", "markdown", "csv", "json", "html"):
            code, out, err = _run("report", "-r", ".", *AS_OF, "--format", fmt)
            _well_behaved(code, out, err)
            if code != 0:
                continue
            if fmt == "markdown":
                assert _markdown(out) == _headings("report", "markdown")
            elif fmt == "csv":
                _csv(out)
            elif fmt == "json":
                json.loads(out)
            elif fmt == "html":
                _html(out)
        target = root.parent / "report.xlsx"
        code, out, err = _run("report", "-r", ".", *AS_OF, "--output", str(target))
        _well_behaved(code, out, err)
        if code == 0:
            _xlsx(target)


@MATRIX
@seen
@given(text=HOSTILE)
def test_plan_agenda_and_explain_in_every_format(text):
    with _registry(text):
        for command, fmt in [(c, f) for c in ("plan", "agenda") for f in ("table", "markdown", "json")] + [
            ("agenda", "ics")
        ]:
            code, out, err = _run(command, "-r", ".", *AS_OF, "--format", fmt)
            _well_behaved(code, out.replace("\r\n", "\n") if fmt == "ics" else out, err)  # RFC 5545: CRLF
            if code != 0:
                continue
            if fmt == "markdown":
                assert _markdown(out) == _headings(command, "markdown")
            elif fmt == "json":
                json.loads(out)
            elif fmt == "ics":
                from icalendar import Calendar

                Calendar.from_ical(out)
        code, out, err = _run("explain", "--lang", "en", "--", text)
        _well_behaved(code, out, err)
        assert code == 2 and out == "" and err.count("\n") == 1, (code, out, err)


@pytest.mark.parametrize("command", ["check", "report", "plan", "agenda"])
def test_the_benign_registry_of_the_matrix_runs(command):
    """The matrix's registry itself is sound: a benign text leaves every command working."""
    with _registry("benign"):
        code, out, err = _run(command, "-r", ".", *AS_OF)
    assert code == (1 if command == "check" else 0), err  # the extra file is a REG problem
