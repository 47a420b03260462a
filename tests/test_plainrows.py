"""Candidate rows read without the YAML parser (onex.plainrows) are exactly what the parser reads:
same values, same types, same key order; whatever the module is unsure of goes to the parser, and
the loader's findings (ambiguous numbers, NFC names, personal data, syntax) are unchanged."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.generate import generate
from onex import plainrows
from onex.yamlread import ReadError, _read_text, read_record

ROOT = Path(__file__).parent.parent
HEADER = "certificate: web-frontend\nlevel: junior\nbatch: 2026-1\ndate: 2026-06-12\nsite: main-campus\n"


def parsed(text: str) -> object:
    """What the reader makes of the whole text without the row shortcut (yaml-rs or the exact path)."""
    return _read_text(text.encode("utf-8"), text)


def typed(value: object) -> str:
    """Values with their types and key order, so that 1 != 1.0 != True and order counts."""
    return json.dumps(value, default=repr, ensure_ascii=False, sort_keys=False) + repr(
        [(type(v).__name__) for v in _leaves(value)]
    )


def _leaves(value: object) -> list[object]:
    if isinstance(value, dict):
        return [leaf for key, item in value.items() for leaf in (key, *_leaves(item))]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _leaves(item)]
    return [value]


def same_as_parser(text: str) -> bool:
    """True when the shortcut took the text; asserts it read what the parser reads."""
    if plainrows.split(text) is None:
        return False
    data, _, head = read_record(text.encode("utf-8"))
    assert head < len(text)
    assert typed(data) == typed(parsed(text)), text
    return True


ROW = '  - {student: "2025030301", name: 贺家乐, major: "530701", result: pass, score: 93, certificate_no: X2026-ECON-000101}\n'


def test_the_rows_onex_fmt_writes_are_taken_and_read_as_the_parser_reads_them():
    rows = [
        ROW,
        '  - {student: "2024030102", name: 秦雅琪, major: "530302", result: 缺考}\n',
        '  - {student: "S1", name: 阿依古丽·买买提, major: "AB-1", enrolled: false, result: 通过, score: 85.5, certificate_no: "X-1", fee_payer: 学生}\n',
        '  - {student: "7", name: 王, major: "1", enrolled: true, score: 0, fee_payer: school}\n',
        '  - {student: "2025", name: 李四, major: "510201", result: pending, score: 100.25}\n',
    ]
    text = HEADER + "candidates:\n" + "".join(rows)
    assert same_as_parser(text)
    data, _, head = read_record(text.encode())
    assert text[head:] == "".join(rows)
    assert data["candidates"][2] == {
        "student": "S1",
        "name": "阿依古丽·买买提",
        "major": "AB-1",
        "enrolled": False,
        "result": "通过",
        "score": 85.5,
        "certificate_no": "X-1",
        "fee_payer": "学生",
    }


@pytest.mark.parametrize(
    "row, why",
    [
        (ROW.replace("}\n", "}  # note\n"), "a comment"),
        (ROW.replace("}\n", "} \n"), "a trailing space"),
        (ROW.replace("score: 93", "score: 093"), "a leading zero (an ambiguous number)"),
        (ROW.replace("score: 93", "score: 1e3"), "an exponent"),
        (ROW.replace("score: 93", "score: 9_3"), "an underscore"),
        (ROW.replace("score: 93", "score: .inf"), "infinity"),
        (ROW.replace("score: 93", "score: 1000"), "a score past the plain range"),
        (ROW.replace("name: 贺家乐", "name: 贺家乐 "), "a space in the name"),
        (ROW.replace("name: 贺家乐", "name: 한국"), "a name outside the CJK block"),
        (ROW.replace("name: 贺家乐", "name: \u5e73\u5b89\u0301"), "a combining mark (NFC)"),
        (ROW.replace("name: 贺家乐", "name: \uf900"), "a compatibility ideograph (NFC changes it)"),
        (ROW.replace("name: 贺家乐", "name: ·贺"), "a leading middle dot"),
        (ROW.replace("  - {", "xx  - {"), "a row after something else on a line"),
        (ROW.replace("}\n", "}\nstray\n"), "a line that is no row"),
        (ROW.replace('student: "2025030301"', "student: 2025030301"), "an unquoted student number"),
        (ROW.replace('student: "2025030301"', "student: '2025030301'"), "single quotes"),
        (ROW.replace('student: "2025030301"', 'student: "2025\\u0030"'), "an escape"),
        (ROW.replace("certificate_no: X2026-ECON-000101", "certificate_no: null"), "null"),
        (ROW.replace("certificate_no: X2026-ECON-000101", "certificate_no: XYZ"), "a word without a digit"),
        (ROW.replace("result: pass", "result: yes"), "a word that is no enum value"),
        (ROW.replace("result: pass, score: 93", "score: 93, result: pass"), "another key order"),
        (ROW.replace("score: 93", "score: 93, score: 94"), "a duplicate key"),
        (ROW.replace("  - {", "  -  {"), "another indentation"),
        (ROW.replace("\n", "\r\n"), "a carriage return"),
        (ROW.replace("}\n", "}"), "no final line break"),
        (ROW.replace("result: pass", "result: pass\t"), "a tab"),
    ],
)
def test_anything_unsure_goes_to_the_parser(row, why):
    text = HEADER + "candidates:\n" + ROW + row
    assert plainrows.split(text) is None, why
    try:
        data, _, head = read_record(text.encode("utf-8"))
    except ReadError:
        return
    if "\r" not in text:  # the reader turns CRLF into LF first: then the rows are plain
        assert head == len(text)
    assert typed(data) == typed(parsed(text.replace("\r\n", "\n")))


@pytest.mark.parametrize(
    "header, why",
    [
        ("candidates: []\n" + HEADER, "candidates twice"),
        (HEADER + "note: |\n", "a block scalar before the rows"),
        (HEADER.replace("site: main-campus", 'site: "main\n'), "an unclosed quote"),
        (HEADER.replace("site: main-campus", "site: [main,"), "an unclosed flow collection"),
        ("--- |\n  text\n", "a scalar document"),
        (HEADER.replace("site: main-campus", "site: &a main-campus"), "an anchor"),
        ("<<<<<<< HEAD\n" + HEADER, "a merge conflict marker"),
        ("- " + HEADER, "a list at the top"),
    ],
)
def test_a_header_the_shortcut_cannot_vouch_for_is_read_whole(header, why):
    text = header + "candidates:\n" + ROW
    try:
        expected: object = typed(parsed(text))
    except ReadError as exc:
        expected = exc.message
    try:
        data, _, head = read_record(text.encode("utf-8"))
        got: object = typed(data)
    except ReadError as exc:
        got = exc.message
    assert got == expected, why


# a small alphabet of what breaks or bends YAML, around the shapes the module accepts
PIECES = ['"', "'", "#", ":", " ", ",", "{", "}", "[", "]", "-", "\t", "\\", "0", "1", "e", "_", ".", "·",
          "贺", "\u0301", "X", "true", "null", "~", "&", "*", "!", "|", ">", "%", "@", "`", "\n", "\x85"]  # fmt: skip


@settings(max_examples=400, derandomize=True, deadline=None)
@given(st.data())
def test_a_mutated_row_is_either_declined_or_read_as_the_parser_reads_it(data):
    rows = [
        ROW,
        '  - {student: "2024030102", name: 秦雅琪, major: "530302", enrolled: false, result: 缺考}\n',
    ]
    row = data.draw(st.sampled_from(rows))
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(row) - 1))
        piece = data.draw(st.sampled_from(PIECES))
        cut = data.draw(st.integers(0, 2))
        row = row[:at] + piece + row[at + cut :]
    text = HEADER + "candidates:\n" + ROW + row
    if plainrows.split(text) is not None:
        same_as_parser(text)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "student": st.text("0123456789ABCxyz-", min_size=1, max_size=20),
                "name": st.text("贺家乐王李·", min_size=1, max_size=6),
                "major": st.text("0123456789AB-", min_size=1, max_size=8),
            },
            optional={
                "enrolled": st.booleans(),
                "result": st.sampled_from(
                    ["pass", "fail", "absent", "pending", "通过", "未通过", "缺考", "待定"]
                ),
                "score": st.one_of(
                    st.integers(0, 1200), st.floats(0, 999, allow_nan=False).map(lambda f: round(f, 2))
                ),
                "certificate_no": st.text("X0123-ab", min_size=1, max_size=12),
                "fee_payer": st.sampled_from(["school", "student", "学校", "学生"]),
            },
        ),
        min_size=1,
        max_size=5,
    )
)
def test_generated_rows_are_read_as_the_parser_reads_them(candidates):
    order = ["student", "name", "major", "enrolled", "result", "score", "certificate_no", "fee_payer"]
    lines = []
    for row in candidates:
        cells = []
        for key in order:
            if key not in row:
                continue
            value = row[key]
            if key in ("student", "major"):
                value = f'"{value}"'
            elif isinstance(value, bool):
                value = "true" if value else "false"
            cells.append(f"{key}: {value}")
        lines.append("  - {" + ", ".join(cells) + "}\n")
    text = HEADER + "candidates:\n" + "".join(lines)
    try:
        parsed(text)
    except ReadError:
        assert plainrows.split(text) is None
        return
    if plainrows.split(text) is not None:
        same_as_parser(text)


def every_record_file(root: Path) -> list[Path]:
    return [p for p in sorted(root.rglob("*.yaml")) if ".onex-cache" not in p.parts]


def test_every_session_of_the_sample_and_a_generated_registry_reads_the_same(tmp_path):
    generate(tmp_path / "gen", candidates=3_000, seed=3)
    taken = 0
    for root in (ROOT / "registry", ROOT / "tests" / "acceptance" / "clean", tmp_path / "gen"):
        for path in every_record_file(root):
            text = path.read_text("utf-8")
            taken += same_as_parser(text)
    assert taken > 50  # the shortcut is taken: most session files are plain rows


def test_the_loader_still_finds_what_hides_in_the_header_or_the_rows(reg, cli):
    rel = "colleges/info/sessions/2026/web-mid-june.yaml"
    text = reg.read(rel)
    head, _, rows = text.partition("candidates:\n")
    assert plainrows.split(text) is not None
    random.seed(0)
    # an ambiguous number in the header, a phone number as a student number in a plain row
    reg.write(rel, head.replace("batch: ", "batch: 0x1F\nbatch_was: ") + "candidates:\n"
              + rows + '  - {student: "13812345678", name: 王五, major: "510201", result: pass}\n')  # fmt: skip
    assert plainrows.split(reg.read(rel)) is not None
    code, out, _ = cli(
        "check", "--registry", reg.root, "--as-of", "2026-12-31", "--format", "json", "--lang", "en"
    )
    found = {(p["rule"], p["file"], p["line"]) for p in json.loads(out)["problems"]}
    lines = reg.read(rel).split("\n")
    assert ("REG-002", rel, lines.index("batch: 0x1F") + 1) in found
    phone = next(i for i, line in enumerate(lines) if "13812345678" in line) + 1
    assert ("PRIV-001", rel, phone) in found


def test_a_header_in_nfd_is_still_normalised(reg):
    from onex.load import load

    rel = "colleges/info/sessions/2026/web-mid-june.yaml"
    text = reg.read(rel)
    nfd = "Jose\u0301"
    reg.write(rel, text.replace("inspector: 周芳", f"inspector: {nfd}"))
    assert plainrows.split(reg.read(rel)) is not None
    [record] = [r for r in load(reg.root).records if r.file == rel]
    assert record.data["inspector"] == "Jos\u00e9"


# header spellings where yaml-rs and ruamel could part, and rows that send the whole file to the
# exact path (0X, a merge of yaml-rs and ruamel's number corner) or leave it on yaml-rs
SPELLINGS = ["017", "0o7", "0O7", "0x1F", "0X1F", "0b1", "1_000", "_1", "+0", "1e3", ".5e3", "5.", ".inf",
             ".NaN", "NaN", "yes", "on", "~", "null", "2026-06-12", "2026-6-12", "2026-06-12T10:00:00",
             "2026-06-12 10:00:00", "2026-02-30", "10:00:00", "190:20:30", "'2026-06-12'", '"2026-06-12"',
             '"\\x41"', "'a''b'", "2026-1", "周\u3000芳", "Jose\u0301", "13812345678", "x:y", "+_", "1:2:3"]  # fmt: skip
FORMS = ["{key}: {value}\n", "{key}: [{value}]\n", "{key}:\n  a: {value}\n"]


@pytest.mark.parametrize("row", [ROW, ROW.replace("X2026-ECON-000101", "X0X1F")], ids=["yaml-rs", "exact"])
def test_the_loader_finds_the_same_with_and_without_the_shortcut(monkeypatch, tmp_path, row):
    """Each header spelling, under each key, read by the loader with the shortcut and without it
    (the whole file, as before onex.plainrows): the same data, types, key order, and the same
    REG-001/REG-002/ambiguous-number findings at the same place."""
    from onex.load import Loaded, _position_of, _read
    from onex.records import Place
    from onex.yamlread import DEFAULT_MAX_BYTES

    split = plainrows.split
    path = tmp_path / "session.yaml"
    place = Place("session", "info", "web", 2026)

    def outcome(shortcut: bool) -> tuple[object, ...]:
        monkeypatch.setattr(plainrows, "split", split if shortcut else lambda text: None)
        loaded = Loaded(root=tmp_path)
        record = _read(loaded, "colleges/info/sessions/2026/web.yaml", path, place, DEFAULT_MAX_BYTES)
        found = sorted(
            (rule, f.message, repr(sorted(f.params.items(), key=str)), _position_of(f), f.path)
            for rule, f in loaded.findings
        )
        data = typed(record.data) if record is not None else None
        return data, found, sorted(map(repr, record.unknown)) if record is not None else None

    taken = judged = 0
    for key in ("batch", "inspector", "note"):
        for form in FORMS:
            for value in SPELLINGS:
                lines = [line for line in HEADER.splitlines(keepends=True) if not line.startswith(key + ":")]
                text = "".join(lines) + form.format(key=key, value=value) + "candidates:\n" + row
                path.write_bytes(text.encode("utf-8"))
                taken += split(text) is not None
                found = outcome(True)
                assert found == outcome(False), text
                judged += bool(found[1])
    assert taken > 300  # most of them take the shortcut
    assert judged > 100  # and many have findings to compare
