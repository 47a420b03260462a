"""onex.escape: one escaping layer per output kind, exact on the strings an attacker would choose."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from urllib.parse import unquote, urlsplit

import pytest

from onex import escape


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\x1b[31mred", "\\x1b[31mred"),  # ESC (CSI)
        ("\x1b]8;;http://x\x07link\x1b]8;;\x07", "\\x1b]8;;http://x\\x07link\\x1b]8;;\\x07"),  # OSC 8, BEL
        ("\x9b31m", "\\x9b31m"),  # C1 CSI
        ("a\r\nb\x00\x7f", "a\\x0d\\x0ab\\x00\\x7f"),
        ("\u202eevil\u2066\u200b\u061c\ufeff", "\\u202eevil\\u2066\\u200b\\u061c\\ufeff"),  # bidi, invisible
        ("\u2028\u2029", "\\u2028\\u2029"),
        ("\ufffe\uffff", "\\ufffe\\uffff"),
        ("\ud83d\ude00", "😀"),  # a pair written as two escapes is its character
        ("\ud83d x \ude00", "\\ud83d x \\ude00"),  # lone surrogates
        ("caf\udce9.yaml", "caf\\xe9.yaml"),  # a byte that is not UTF-8 (surrogateescape)
        ("信息工程学院 [bold]x[/] $x$", "信息工程学院 [bold]x[/] $x$"),  # printable text untouched
    ],
)
def test_visible(text, expected):
    assert escape.visible(text) == expected
    escape.visible(text).encode("utf-8")  # always valid UTF-8


def test_visible_can_keep_newlines():
    assert escape.visible("a\nb\x1b", keep_newlines=True) == "a\nb\\x1b"


def test_terminal_console_prints_markup_of_onex_and_never_of_the_registry():
    console = escape.terminal_console(file=io.StringIO(), width=80, color_system=None)
    console.print(f"[bold]{escape.markup('[bold]x[/] :smile:')}[/] \x1b[2J")
    console.print(escape.rich_text("[/]\x07"))
    assert console.file.getvalue() == "[bold]x[/] :smile: \\x1b[2J\n[/]\\x07\n"


@pytest.mark.parametrize(
    ("text", "cell", "line"),
    [
        ("a|b", "a\\|b", "a\\|b"),
        # the escape's backslash is escaped too: the rendered page shows \x0a
        ("x\n# forged\n|a|b|", r"x\\x0a# forged\\x0a\|a\|b\|", r"x\\x0a# forged\\x0a\|a\|b\|"),
        ("# heading", "# heading", "\\# heading"),
        ("> quote", "\\> quote", "\\> quote"),
        ("- item", "- item", "\\- item"),
        ("1. item", "1. item", "1\\. item"),
        ("=====", "=====", "\\====="),
        ("`code` <script>alert(1)</script>", "\\`code\\` \\<script\\>alert(1)\\</script\\>", None),
        (
            "[x](http://evil) ![i](http://t) *b* $x$ \\",
            "\\[x\\](http://evil) !\\[i\\](http://t) \\*b\\* \\$x\\$ \\\\",
            None,
        ),
    ],
)
def test_markdown(text, cell, line):
    assert escape.markdown_cell(text) == cell
    if line is not None:
        assert escape.markdown_line(text) == line


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x","click")', '\'=HYPERLINK("http://x","click")'),
        ("+1+1", "'+1+1"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("  =1", "'  =1"),
        ("\t=1", "'\\x09=1"),
        ("\r=1", "'\\x0d=1"),
        ("::error::x", "'::error::x"),
        ("信息-1", "信息-1"),
        (-5, -5),  # a number is a number
        (None, None),
    ],
)
def test_csv_cell(value, expected):
    assert escape.csv_cell(value) == expected


def test_csv_cells_round_trip_through_the_csv_module():
    out = io.StringIO()
    csv.writer(out).writerow([escape.csv_cell(v) for v in ['a,"b"\nc', "=1", 3]])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == ['a,"b"\\x0ac', "'=1", "3"]


def test_xlsx_text_is_text_and_numbers_stay_exact():
    from openpyxl import Workbook, load_workbook

    book = Workbook()
    ws = book.active
    escape.xlsx_put(ws, 1, 1, '=HYPERLINK("http://x","click")')
    escape.xlsx_put(ws, 2, 1, "a\x1bb\x00")
    escape.xlsx_put(ws, 3, 1, 10**400)
    escape.xlsx_put(ws, 4, 1, 42)
    escape.xlsx_put(ws, 5, 1, float("inf"))
    out = io.BytesIO()
    book.save(out)
    ws = load_workbook(io.BytesIO(out.getvalue())).active
    assert [ws.cell(row=r, column=1).data_type for r in range(1, 5)] == ["s", "s", "s", "n"]
    assert ws["A1"].value == '=HYPERLINK("http://x","click")'
    assert ws["A2"].value == "a\\x1bb\\x00"
    assert ws["A3"].value.startswith("10,000,000,000,000,000") and ws["A4"].value == 42
    assert ws["A5"].value is None


def test_xlsx_sheet_names():
    taken: set[str] = set()
    assert escape.xlsx_sheet_name("'a[b]:c*d?e/f\\g\x1b'", taken) == "a b  c d e f g x1b"
    assert escape.xlsx_sheet_name("A B  C D E F G x1b", taken) == "A B  C D E F G x1b 2"


def test_html_and_svg_labels():
    assert escape.html("<script>\"&'\x1b") == "&lt;script&gt;&quot;&amp;&#x27;\\x1b"
    assert escape.svg_label("_hidden") == " _hidden"
    assert escape.svg_label("$x$\u202e") == "$x$\\u202e"


def test_json_text_keeps_values_exact_and_output_valid_utf8():
    value = "a\x1b\x9b\u202e\u2028\ufffe😀"
    text = escape.json_text(
        {"v": value, "pair": "\ud83d\ude00", "lone": "\ud83d", "byte": "caf\udce9", "n": float("nan")}
    )
    text.encode("utf-8")
    assert "\x1b" not in text and "\x9b" not in text and "\u202e" not in text and "\u2028" not in text
    assert json.loads(text) == {"v": value, "pair": "😀", "lone": "\\ud83d", "byte": "caf\\xe9", "n": None}


def test_xml_text_never_writes_a_character_xml_forbids():
    element = ET.Element("failure", message=escape.xml_text("a\x1b\ufffe\uffff\ud800"))
    element.text = escape.xml_text("line 1\nline 2\x0c\x00")
    text = ET.tostring(element, encoding="unicode")
    assert ET.fromstring(text).text == "line 1\nline 2\\x0c\\x00"
    assert ET.fromstring(text).get("message") == "a\\x1b\\ufffe\\uffff\\ud800"


@pytest.mark.parametrize(
    "text",
    [
        "a & b <c> \"d\" 'e'",
        "line 1\nline 2\r\n\tx",
        "\x1b\ufffe\ud800 &amp; ]]> --> <!--",
        "信息 \u202e",
    ],
)
def test_xml_written_by_hand_is_what_elementtree_writes(text):
    """`check --format junit` writes its XML itself: text and attributes as ElementTree would."""
    element = ET.Element("failure", message=escape.xml_text(text))
    element.text = escape.xml_text(text)
    by_hand = f'<failure message="{escape.xml_attribute(text)}">{escape.xml_content(text)}</failure>'
    assert by_hand == ET.tostring(element, encoding="unicode")
    assert ET.fromstring(by_hand).text == escape.xml_text(text)
    assert ET.fromstring(by_hand).get("message") == escape.xml_text(text)


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("colleges/a b#c?.yaml", "colleges/a%20b%23c%3F.yaml"),
        ("colleges/[x]%20.yaml", "colleges/%5Bx%5D%2520.yaml"),
        ("colleges/信息/x.yaml", "colleges/%E4%BF%A1%E6%81%AF/x.yaml"),
        ("a:b/c.yaml", "a%3Ab/c.yaml"),  # never a scheme
        ("x\n::error::y.yaml", "x%0A%3A%3Aerror%3A%3Ay.yaml"),
        ("caf\udce9.yaml", "caf%E9.yaml"),
    ],
)
def test_sarif_uri_round_trips(path, uri):
    assert escape.sarif_uri(path) == uri
    assert unquote(uri, errors="surrogateescape") == path
    parts = urlsplit(uri)
    assert parts.scheme == "" and parts.query == "" and parts.fragment == ""


def test_github_workflow_command_escaping():
    assert escape.github_data("100% done\r\n::error::x\x1b") == "100%25 done\\x0d\\x0a::error::x\\x1b"
    assert escape.github_property("a:b,c%d") == "a%3Ab%2Cc%25d"


def test_a_message_part_in_two_languages_is_made_visible_too():
    """Text parameters are onex's words around registry names (FEE-001's reason, FEE-002's
    certificate): the name inside them is made visible like any other parameter."""
    import onex.rules.fee.fee_002  # noqa: F401  (registers the message)
    from onex.messages import Text, render

    name = "Web\x1b[31m\n::error::x"
    params = {
        "certificate": Text({"zh": f"{name}（web）", "en": f"{name} (web)"}),
        "level": "junior",
        "level_zh": "初级",
        "fee": "400",
        "cap": "350",
    }
    for lang in ("zh", "en"):
        text = render("fee002.over_cap", params, lang)
        assert not text.startswith("fee002") and "350" in text
        assert "\x1b" not in text and "\n" not in text
        assert "Web\\x1b[31m\\x0a::error::x" in text
