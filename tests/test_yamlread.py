"""onex.yamlread: every REG-001 refusal at its exact place, the same data as ruamel round-trip
(which onex writes with), positions equal to ruamel's ``.lc``, and no crash on any bytes."""

from __future__ import annotations

import codecs
import datetime
import math
import pickle
from pathlib import Path

import pytest
import yaml_rs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar

from onex import messages, yamlread
from onex.yamlread import MAX_DEPTH, MESSAGES, Positions, ReadError, decode, read_document

REPO = Path(__file__).resolve().parents[1]

SESSION = """\
certificate: web-frontend
level: intermediate
batch: 2027-1
date: 2027-06-12
site: main-campus                     # an exam_sites id, or "external"
approval: {by: 赵华, on: 2027-05-01}  # the leader in charge
inspector: 周芳                        # appointed by the organisation
results_reported_on: 2027-06-30       # to the office
certificates_issued: {by: 王丽, on: 2027-07-15}
reimbursement: {status: paid, finance_ref: 财〔2027〕88号}
candidates:
  - {student: "2024010123", name: 王小明, major: "510201", enrolled: true, result: pass, score: 86, certificate_no: "…"}
  - {student: "2024020456", name: 李小红, major: "530302", result: fail, fee_payer: student}
"""

COLLEGE = """\
name: 信息工程学院
leaders:
  - {name: 李明, role: 院长}
  - {name: 赵华, role: 副院长, in_charge: true}   # exactly one 主管院领导 for 1+X
working_group: [张伟, 刘洋]            # 专项工作小组 (§3)
exam_group: [张伟, 陈静]               # 考核工作小组 (§5)
majors:
  - code: "510201"
    name: 计算机应用技术
    group: 软件技术专业群
    cohorts: {2024: 120, 2025: 110, 2026: 130}   # enrolled students by entry year
    programme: {version: 2025, certificates: [web-frontend]}
courses:
  - {code: WEB101, name: 网页设计基础, majors: ["510201"]}
"""

INSTITUTION = """\
---
institution: {name: 北京工业职业技术学院, code: "4111010853"}
office:
  name: 教务处
  platform_admins: [王丽]            # may issue certificates on the national platform
exam_sites:
  - {id: main-campus, name: 本部考核站点}
fee_budget: {2026: 300000, 2027: 320000}
policy:
  min_certified_per_major: 2
  annual_plan_deadline: "03-31"
waivers:
  - rule: STAFF-001
    college: mech
    reason: 新引入证书，教师培训已排期
    approved_by: 王丽
    expires_on: 2027-06-30
"""

ADOPTION = """\
lead: t2019001
status: active
filed_on: 2024-03-15                  # filed with the office (备案)
retired_on:
retirement_note:                      # retired only
levels: [junior, intermediate]
majors:
  - {code: "510201", role: primary}
job_standard: {ref: 信息院〔2024〕3号, adopted_on: 2024-04-01}
coverage:
  网页设计: {courses: [WEB101]}
  前端框架: {courses: [], training: true}
"""


def refusal(raw: bytes | str, **kwargs: object) -> tuple[str, int, int]:
    with pytest.raises(ReadError) as caught:
        read_document(raw.encode() if isinstance(raw, str) else raw, **kwargs)
    error = caught.value
    return error.message, error.line, error.column


def as_plain(value: object) -> object:
    """ruamel round-trip's objects as the plain Python read_document returns."""
    if isinstance(value, TaggedScalar):  # "=" and "<<" as values: ruamel tags them, the text stays
        return str(value.value)
    if isinstance(value, dict):
        return {as_plain(k): as_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_plain(v) for v in value]
    for kind in (bool, int, float, str):
        if isinstance(value, kind):
            return kind(value)
    if isinstance(value, datetime.datetime):
        return datetime.datetime(*value.timetuple()[:6], value.microsecond, value.tzinfo)
    return value


def ruamel_reads(text: str) -> object:
    return as_plain(YAML().load(text))


def same(a: object, b: object) -> bool:
    """Equal, with the same types all the way down (1 is not True, a date is not a str), NaN == NaN."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or a == b
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def ruamel_positions(text: str) -> dict[tuple, tuple[tuple[int, int], tuple[int, int]]]:
    """{path: (locate, locate_value)} from ruamel round-trip's .lc, made 1-based."""
    found: dict[tuple, tuple[tuple[int, int], tuple[int, int]]] = {}

    def walk(node: object, path: tuple) -> None:
        if isinstance(node, CommentedMap):
            for key in node:
                line, column = node.lc.key(key)
                value_line, value_column = node.lc.value(key)
                found[(*path, key)] = ((line + 1, column + 1), (value_line + 1, value_column + 1))
                walk(node[key], (*path, key))
        elif isinstance(node, CommentedSeq):
            for index, item in enumerate(node):
                line, column = node.lc.item(index)
                found[(*path, index)] = ((line + 1, column + 1), (line + 1, column + 1))
                walk(item, (*path, index))

    walk(YAML().load(text), ())
    return found


# --------------------------------------------------------------------------------------------
# decode


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"a: 1\n", "a: 1\n"),
        (codecs.BOM_UTF8 + b"a: 1\r\nb: 2\r\n", "a: 1\nb: 2\n"),
        (b"a: 1\rb: 2\r", "a: 1\nb: 2\n"),
        ("名字: 王小明\n".encode(), "名字: 王小明\n"),
        (b"", ""),
    ],
)
def test_decode_gives_utf8_text_with_lf(raw: bytes, text: str) -> None:
    assert decode(raw) == text


DECODE_REFUSALS = [
    (b"a: 1\nb: \x00\x01\n", "read.binary", 2, 4),
    (codecs.BOM_UTF16_LE + "a: 1\n".encode("utf-16-le"), "read.utf16", 1, 1),
    (codecs.BOM_UTF16_BE + "a: 1\n".encode("utf-16-be"), "read.utf16", 1, 1),
    ("name: 王小明\n".encode("utf-16-le"), "read.utf16", 1, 1),  # no BOM: every other byte NUL
    (codecs.BOM_UTF32_LE + "a: 1\n".encode("utf-32-le"), "read.utf16", 1, 1),
    ("name: 王小明\n".encode("gbk"), "read.not_utf8_gbk", 1, 7),
    (b"a: 1\r\n" + "name: 计算机应用技术\r\n".encode("gb18030"), "read.not_utf8_gbk", 2, 7),
    ("名字: 王\nx: ".encode() + b"\xff\xfe\n", "read.not_utf8", 2, 4),
    # a lone CR where YAML would start a line and git would not: at its git line
    (b"a: 1\nb: 2\rc: 3\nd: 4\n", "read.lone_cr", 2, 5),
    (b'a: 1\r\nb: "x # \r"\r\n', "read.lone_cr", 2, 9),  # "#" inside quotes: not a comment
    (b"a: 1\nb: \xef\xbb\xbf2\n", "read.bom_mid_file", 2, 4),
]


@pytest.mark.parametrize(("raw", "message", "line", "column"), DECODE_REFUSALS)
def test_decode_refuses_what_git_or_yaml_cannot_read(
    raw: bytes, message: str, line: int, column: int
) -> None:
    with pytest.raises(ReadError) as caught:
        decode(raw)
    assert (caught.value.message, caught.value.line, caught.value.column) == (message, line, column)
    assert refusal(raw) == (message, line, column)


def test_decode_names_the_encoding_and_the_byte() -> None:
    with pytest.raises(ReadError) as caught:
        decode(codecs.BOM_UTF32_BE + "a".encode("utf-32-be"))
    assert caught.value.params == {"encoding": "UTF-32"}
    with pytest.raises(ReadError) as caught:
        decode(b"a: \xff\n")
    assert caught.value.params == {"byte": "FF"}


# --------------------------------------------------------------------------------------------
# read_document: REG-001 refusals, each at its place

DEEP_FLOW = "a: " + "[" * 70 + "]" * 70 + "\n"
DEEP_BLOCK = "".join(" " * (2 * i) + f"k{i}:\n" for i in range(70)) + " " * 140 + "x\n"

REFUSALS = [
    # duplicate keys: the second occurrence
    ("a: 1\nb: 2\na: 3\n", "read.duplicate_key", 3, 1),
    ("a:\n  b: 1\n  c: 2\n  b: 3\n", "read.duplicate_key", 4, 3),
    ("- {x: 1, x: 2}\n", "read.duplicate_key", 1, 10),
    ("1: a\n'1': b\n01: c\n", "read.duplicate_key", 3, 1),  # 01 is the int 1 in YAML 1.2; '1' is text
    ("~: a\nnull: b\n", "read.duplicate_key", 2, 1),
    ("1: a\ntrue: b\n1: c\n", "read.duplicate_key", 3, 1),  # 1 and true are two keys, 1 twice is not
    # git's conflict markers: at the first marker line
    ("a: 1\n<<<<<<< HEAD\nb: 2\n=======\nb: 3\n>>>>>>> main\n", "read.merge_conflict", 2, 1),
    ("a: 1\nb: 2\n>>>>>>> main\n", "read.merge_conflict", 3, 1),
    # one document, no directives
    ("a: 1\n---\nb: 2\n", "read.multiple_documents", 2, 1),
    ("a: 1\n...\nb: 2\n", "read.multiple_documents", 3, 1),
    ("---\n---\n", "read.multiple_documents", 2, 1),
    ("%YAML 1.1\n---\na: yes\n", "read.directive", 1, 1),
    ("# c\n%TAG !e! tag:example.com,2000:\n---\na: 1\n", "read.directive", 2, 1),
    ("%FOO bar\n---\na: 1\n", "read.directive", 1, 1),
    # anchors, aliases, merge keys, tags: refused, never constructed
    ("a: &x 1\n", "read.anchor", 1, 4),
    ("a: &x 1\nb: *x\n", "read.anchor", 1, 4),
    ("a: [1, *x]\n", "read.alias", 1, 8),
    ("<<: {a: 1}\nb: 2\n", "read.merge_key", 1, 1),
    ("a:\n  <<: {b: 1}\n", "read.merge_key", 2, 3),
    ("a: !!str 1\n", "read.tag", 1, 4),
    ("a: !foo bar\n", "read.tag", 1, 4),
    ("a: !!python/object/apply:os.system [ls]\n", "read.tag", 1, 4),
    ("- !!map {a: 1}\n", "read.tag", 1, 3),
    ("a: ! x\n", "read.tag", 1, 4),
    # syntax: yaml-rs's place and reason
    ("a: b: c\n", "read.syntax", 1, 5),
    ("a:\n  b: 1\n c: 2\n", "read.syntax", 3, 2),
    ("名字名字: x: y\n", "read.syntax", 1, 8),  # columns count characters
    ("a: {x: |}\n", "read.syntax", 1, 8),  # yaml-rs reads "|", ruamel refuses it
    ("- 张三：组长\n- x: y: z\n", "read.syntax", 2, 7),  # a list item may hold '：'; the error is later
    # never past the last non-empty line (yaml-rs says line 3, column 1)
    ("a: 1\nb\n", "read.syntax", 2, 2),
    ("a: 1\nb\n\n\n", "read.syntax", 2, 2),
    # syntax errors told at the place to fix: a bracket or quote left open, where it was opened
    ("a: [1, 2\n", "read.unclosed_bracket", 1, 4),
    ("a: [1,\n  2\nb: 3\n", "read.unclosed_bracket", 1, 4),  # yaml-rs: line 3
    ("candidates:\n  - {a: 1, b: 2\n  - {a: 3}\n", "read.unclosed_bracket", 2, 5),
    ("a: {x: 1,\n  y: 2\n  z: 3}\n", "read.unclosed_bracket", 1, 4),  # or a comma is missing
    ("a: 'x\n", "read.unclosed_quote", 1, 4),  # yaml-rs: line 2 of a 1-line file
    ('a: "abc\n\nb: 1\n', "read.unclosed_quote", 1, 4),
    # ... a key followed by a full-width colon (yaml-rs: the next line, or past the last one)
    ("name：信息工程学院\nleaders: []\n", "read.full_width_colon", 1, 5),
    ("name: x\nworking_group：[张伟]\n", "read.full_width_colon", 2, 14),
    ("a:\n  b: 1\n  c：2\nd: 3\n", "read.full_width_colon", 3, 4),
    ("leaders:\n  - name：李明\n    role: 院长\n", "read.full_width_colon", 2, 9),
    # ... indentation holding a full-width space or NBSP (a key's own is read.key_invisible_char)
    ("majors:\n  - code: x\n  \u3000name: y\n", "read.indent_invisible_char", 3, 3),
    ("majors:\n  - code: x\n   \u00a0name: y\n", "read.indent_invisible_char", 3, 4),
    ("a: |\n  \u3000\u3000本规定\n b: x\n", "read.syntax", 3, 2),  # in a block scalar it is text
    # nesting, checked before any parser
    (DEEP_FLOW, "read.too_deep", 1, 3 + MAX_DEPTH),  # the root mapping is level 1
    (DEEP_BLOCK, "read.too_deep", MAX_DEPTH + 1, 2 * MAX_DEPTH + 1),
    ("- " * 70 + "x\n", "read.too_deep", 1, 2 * MAX_DEPTH + 1),
    # tabs outside quotes, block scalars and comments
    ("a:\t1\n", "read.tab", 1, 3),
    ("a: \t1\n", "read.tab", 1, 4),
    ("\ta: 1\n", "read.tab", 1, 1),
    ("a:\n\tb: 1\n", "read.tab", 2, 1),
    ("a: x\ty\n", "read.tab", 1, 5),
    ("- \ta\n", "read.tab", 1, 3),
    ("a: 1\t\n", "read.tab", 1, 5),
    # keys with invisible or full-width spaces
    ("\u3000name: x\n", "read.key_invisible_char", 1, 1),
    ("a:\n  na\u00a0me: x\n", "read.key_invisible_char", 2, 3),
    ("{\u200bkey: 1}\n", "read.key_invisible_char", 1, 2),
    ("a:\n  b: 1\n\u3000\u3000c: 2\n", "read.key_invisible_char", 3, 1),  # IME indentation
    # keys that are collections
    ("[1, 2]: a\n", "read.complex_key", 1, 1),
    ("{a: 1}: b\n", "read.complex_key", 1, 1),
    ("? [a]\n: 1\n", "read.complex_key", 1, 3),
    # control characters YAML forbids (yaml-rs accepts them, ruamel does not)
    ("a: \x07\n", "read.control_char", 1, 4),
    ("a: b\u2028c\n", "read.control_char", 1, 5),
    ("a: \x85\n", "read.control_char", 1, 4),
]


@pytest.mark.parametrize(("text", "message", "line", "column"), REFUSALS)
def test_refuses_each_reg001_case_at_its_place(text: str, message: str, line: int, column: int) -> None:
    assert refusal(text) == (message, line, column)


@pytest.mark.parametrize(
    ("text", "params"),
    [
        ("a: 1\nb: 2\na: 3\n", {"key": "a", "first_line": 1}),
        ("2026: 1\n2026: 2\n", {"key": "2026", "first_line": 1}),
        ("a: &x 1\n", {"name": "x"}),
        ("a: [*ref]\n", {"name": "ref"}),
        ("a: !!python/object:os.system x\n", {"tag": "!!python/object:os.system"}),
        ("%YAML 1.1\n---\na: 1\n", {"directive": "%YAML"}),
        (DEEP_FLOW, {"limit": MAX_DEPTH}),
        ("\u3000name: x\n", {"key": "\u3000name", "char": "U+3000"}),
        ("a: b: c\n", {"reason": "mapping values are not allowed in this context"}),
        ("a: [1,\n  2\nb: 3\n", {"open": "[", "close": "]", "problem_line": 3}),
        ("a: {b: 1\n\n", {"open": "{", "close": "}", "problem_line": 1}),  # not past the last line
        ("a: 'x\n", {"quote": "'"}),
        ("majors:\n  - code: x\n  \u3000name: y\n", {"char": "U+3000"}),
        ("name：x\nb: 1\n", {}),
        ("a: \x01\n", {"char": "U+0001"}),
    ],
)
def test_refusals_carry_the_values_their_message_shows(text: str, params: dict) -> None:
    with pytest.raises(ReadError) as caught:
        read_document(text.encode())
    assert caught.value.params == params


@pytest.mark.parametrize(
    ("text", "message", "line", "column"),
    [
        (COLLEGE.replace("name: 信息工程学院", "name：信息工程学院"), "read.full_width_colon", 1, 5),
        (COLLEGE.replace("exam_group: [", "exam_group：["), "read.full_width_colon", 6, 11),
        ("name: 信息工程学院\nworking_group：[张伟]\n", "read.full_width_colon", 2, 14),
        (SESSION.replace("fee_payer: student}", "fee_payer: student"), "read.unclosed_bracket", 13, 5),
        (SESSION.replace("result: pass,", "result: pass\n   "), "read.unclosed_bracket", 12, 5),
        (COLLEGE.replace("    group:", "  \u3000group:"), "read.indent_invisible_char", 10, 3),
        (COLLEGE.replace("    group:", "  \u00a0 group:"), "read.indent_invisible_char", 10, 3),
    ],
    ids=["colon-first", "colon-mid", "colon-last", "unclosed", "missing-comma", "u3000", "nbsp"],
)
def test_syntax_errors_of_real_records_are_told_where_to_fix(
    text: str, message: str, line: int, column: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same on the fast and the exact path; never past the text's last line."""
    assert refusal(text) == (message, line, column)
    assert line <= len(text.rstrip().split("\n"))
    monkeypatch.setattr(yamlread, "_fast_path_blocker", lambda *args: "forced")
    assert refusal(text) == (message, line, column)


@pytest.mark.parametrize(("text", "message", "line", "column"), REFUSALS)
def test_refusals_are_the_same_on_the_exact_path(
    text: str, message: str, line: int, column: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yamlread, "_fast_path_blocker", lambda *args: "forced")
    assert refusal(text) == (message, line, column)


def test_refuses_a_file_over_the_size_cap() -> None:
    with pytest.raises(ReadError) as caught:
        read_document(b"a: 1\n", max_bytes=4)
    error = caught.value
    assert (error.message, error.line, error.column, error.params) == (
        "read.too_large",
        1,
        1,
        {"size": 5, "limit": 4},
    )
    assert read_document(b"a: 1\n", max_bytes=5)[0] == {"a": 1}


@pytest.mark.parametrize(
    "text",
    [
        "[" * 60000,  # segfaults ruamel's C composer
        "a: " + "[" * 30000 + "]" * 30000 + "\n",
        "{" * 60000,
        'a: "' + "]" * 30000 + '"\nb: ' + "[" * 30000 + "]" * 30000 + "\n",  # closers in a string
        "- " * 30000 + "x\n",
        "".join(" " * i + "k:\n" for i in range(3000)),
    ],
)
def test_hostile_nesting_is_refused_quickly_without_crashing(text: str) -> None:
    message, _, _ = refusal(text)
    assert message in ("read.too_deep", "read.complex_key", "read.syntax")


def test_crlf_file_positions_count_lines_not_carriage_returns() -> None:
    assert refusal(b"a: 1\r\nb: 2\r\nb: 3\r\n") == ("read.duplicate_key", 3, 1)


# --------------------------------------------------------------------------------------------
# read_document: what it accepts


@pytest.mark.parametrize(
    ("text", "data"),
    [
        ("", None),
        ("# only a comment\n", None),
        ("---\n", None),
        ("--- # header\na: 1\n", {"a": 1}),
        ("a: 1\n...\n# trailing comment\n", {"a": 1}),
        # "&", "*", "!", "%" that are not tokens
        (
            "a: R&D\nb: 5*3\nc: Hi!\nd: a & b\ne: x * y\nf: '&x'\ng: \"*y\"\nh: 100%\ni: '!important'\n"
            "# &anchor *alias !tag %YAML 1.1\nj: 'a: b'  # <<: merge\nk: x!y\n",
            {
                "a": "R&D",
                "b": "5*3",
                "c": "Hi!",
                "d": "a & b",
                "e": "x * y",
                "f": "&x",
                "g": "*y",
                "h": "100%",
                "i": "!important",
                "j": "a: b",
                "k": "x!y",
            },
        ),
        # full-width colon and spaces inside values are data (the schema layer may say more)
        ("名字：王小明\n", "名字：王小明"),
        ("a: 键：值\nname: 王\u3000丽\n", {"a": "键：值", "name": "王\u3000丽"}),
        ("'<<': 1\n", {"<<": 1}),  # a quoted "<<" is an ordinary key
        ("a: <<\nb: =\n", {"a": "<<", "b": "="}),
        # tabs inside quotes, block scalars and comments
        (
            "a: 'x\ty'\nb: \"\\t\"\nc: |\n  x\ty\nd: 1  # c\td\n",
            {"a": "x\ty", "b": "\t", "c": "x\ty\n", "d": 1},
        ),
        (
            "a: {ref: https://x.cn/a?b=1}\nb: [10:30, a:b]\n",
            {"a": {"ref": "https://x.cn/a?b=1"}, "b": ["10:30", "a:b"]},
        ),
        ("a: [x:]\n", {"a": ["x:"]}),
    ],
)
def test_reads_plain_records(text: str, data: object) -> None:
    value, normalised = read_document(text.encode())
    assert same(value, data)
    assert normalised == text


@pytest.mark.parametrize(
    ("text", "levels"),
    [
        ("a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n", MAX_DEPTH),
        ("- " * MAX_DEPTH + "x\n", MAX_DEPTH),
        (
            "".join(" " * (2 * i) + f"k{i}:\n" for i in range(MAX_DEPTH)) + " " * (2 * MAX_DEPTH) + "x\n",
            MAX_DEPTH,
        ),
    ],
)
def test_nesting_up_to_max_depth_is_read(text: str, levels: int) -> None:
    value, _ = read_document(text.encode())
    depth = 0
    while isinstance(value, (dict, list)):
        depth += 1
        value = next(iter(value.values()), None) if isinstance(value, dict) else (value or [None])[0]
    assert depth == levels


# --------------------------------------------------------------------------------------------
# the same data as ruamel round-trip (YAML 1.2), on both reading paths

SEMANTICS = [
    # ints
    "a: 0123\n",
    "a: 0o17\n",
    "a: 0x1F\n",
    "a: +1\n",
    "a: -0\n",
    "a: 1_000\n",
    "a: 12345678901234567890123\n",
    "a: 110105199001011234\nb: 13800138000\n",
    # floats
    "a: 1.10\n",
    "a: .inf\nb: -.Inf\nc: +.INF\n",
    "a: .nan\nb: .NaN\n",
    "a: 1e3\nb: 1E-3\nc: 6.8523015e+5\nd: .5\ne: 1.\nf: 012.5\n",
    # bools: YAML 1.2 knows only true/false
    "a: true\nb: True\nc: TRUE\nd: false\n",
    "a: yes\nb: no\nc: on\nd: off\ne: y\nf: n\ng: tRue\n",
    # nulls
    "a: ~\nb:\nc: null\nd: Null\ne: NULL\nf: nUll\n",
    # dates and times
    "a: 2026-03-11\n",
    "a: 2026-03-11T10:00:00\n",
    "a: 2026-03-11 10:00:00\n",
    "a: 2026-03-11T10:00:00Z\nb: 2026-03-11T10:00:00+08:00\nc: 2026-03-11 10:00:00 +8\n",
    "a: 2026-03-11T10:00:00.5\nb: 2026-03-11T10:00:00.1234567\n",
    "a: '2026-03-11'\nb: \"2026-03-11\"\nc: '2026-03-11T10:00:00'\n",
    "a: 2026-3-1\nb: 10:00:00\nc: 10:00\nd: 2026-03-11 10:00\n",
    "a: |-\n  2026-03-11\nb: >-\n  10:00:00\n",
    "a: 2024-02-29\n",
    # strings
    "a: 'it''s'\nb: \"\\u4e2d\\t\\x41\"\nc: 'x # y'\nd: x#y\ne: \"\"\nf: ''\n",
    "a: 王小明\nb: 计算机应用技术  # 注释\nc: 财〔2027〕88号\nd: 😀\n",
    "a: " + "很长的文本" * 200 + "\n",
    "a: |\n  line one\n  line two\n",
    "a: >\n  folded\n  text\n\n  next paragraph\n",
    "a: |+\n  kept\n\nb: >-\n  stripped\n",
    "- |\n- >\n- |-\n",
    "a: plain\n  continued\n\n  paragraph\n",
    'a: "multi\n  line"\n',
    # collections
    "a: [1, 2, {b: c}]\n",
    "a: {b: [], c: {}}\n",
    "- a\n- - b\n  - c\n-\n",
    "a:\n- 1\n- 2\nb: 3\n",
    "a: {b, c: 1}\nd: [e: 1]\n",
    "a: [1,\n  2]\n",
    # keys
    "2026: 300000\n2027: 320000\n",
    "1.5: x\ntrue: y\n~: z\n2026-03-11: w\n'2026': v\n",
    # comments and markers
    "# only\n",
    "a: 1  # c\n# c\nb: 2\n",
    "--- \na: 1\n...\n",
    # numbers yaml-rs alone reads differently
    "a: 0X1F\nb: .5e3\nc: _1\nd: .iNf\ne: 0B1\nf: 1_0.5\ng: -.5\nh: .5e+3\n",
    # records
    SESSION,
    COLLEGE,
    INSTITUTION,
    ADOPTION,
]


@pytest.mark.parametrize("text", SEMANTICS)
def test_reads_what_ruamel_round_trip_reads(text: str) -> None:
    expected = ruamel_reads(text)
    assert same(read_document(text.encode())[0], expected)
    assert same(yamlread._read_exact(text), expected)  # the exact path alone agrees too


@pytest.mark.parametrize(
    ("text", "yaml_rs_alone", "ours"),
    [
        ("a: '2026-03-11'\n", {"a": datetime.date(2026, 3, 11)}, {"a": "2026-03-11"}),
        ("a: |-\n  2026-03-11\n", {"a": datetime.date(2026, 3, 11)}, {"a": "2026-03-11"}),
        ("a: 10:00:00\n", {"a": datetime.time(10, 0)}, {"a": "10:00:00"}),
        ("a: 0X1F\n", {"a": 31}, {"a": "0X1F"}),
        ("a: .5e3\n", {"a": 500.0}, {"a": ".5e3"}),
        ("a: _1\n", {"a": 1}, {"a": "_1"}),
        ("a: .iNf\n", {"a": math.inf}, {"a": ".iNf"}),
        ("a: [x:]\n", {"a": [{"x": None}]}, {"a": ["x:"]}),
        ("a: [?]\n", {"a": ["?"]}, {"a": [{None: None}]}),
        ("- |\n", ["\n"], [""]),
    ],
)
def test_where_yaml_rs_alone_differs_ruamel_wins(text: str, yaml_rs_alone: object, ours: object) -> None:
    assert same(yaml_rs.loads(text), yaml_rs_alone)
    assert same(ruamel_reads(text), ours)
    assert same(read_document(text.encode())[0], ours)


@pytest.mark.parametrize(
    ("text", "yaml_rs_alone", "message"),
    [
        ("a: \x01\n", {"a": "\x01"}, "read.control_char"),  # ruamel: ReaderError
        ("a: 1 \t\n", {"a": 1}, "read.tab"),  # ruamel: ScannerError
        ("a: !!str 1\n", {"a": "1"}, "read.tag"),  # yaml-rs applies the tag silently
        ("a: &x 1\nb: *x\n", {"a": 1, "b": 1}, "read.anchor"),
        ("%YAML 1.1\n---\na: yes\n", {"a": "yes"}, "read.directive"),  # ruamel then reads True
        ("a: 1\n---\nb: 2\n", [{"a": 1}, {"b": 2}], "read.multiple_documents"),
    ],
)
def test_where_yaml_rs_alone_accepts_onex_refuses(text: str, yaml_rs_alone: object, message: str) -> None:
    assert same(yaml_rs.loads(text), yaml_rs_alone)
    assert refusal(text)[0] == message


@pytest.mark.parametrize(
    ("text", "data"),
    [
        ("a: 2026-02-30\n", {"a": "2026-02-30"}),
        ("a: [2026-13-01, 0000-01-01]\n", {"a": ["2026-13-01", "0000-01-01"]}),
        ("a: 2026-06-31T25:00:00\n", {"a": "2026-06-31T25:00:00"}),
        ("a: +_\nb: 0b_\nc: ._\n", {"a": "+_", "b": "0b_", "c": "._"}),
    ],
)
def test_what_ruamel_cannot_construct_is_read_as_its_text(text: str, data: object) -> None:
    """Kept on purpose: the schema layer then reports the field (REG-002) and checks the rest of
    the record. ruamel round-trip raises a bare ValueError or IndexError, with no line."""
    assert same(read_document(text.encode())[0], data)
    assert same(yamlread._read_exact(text), data)
    assert same(yaml_rs.loads(text), data)
    with pytest.raises((ValueError, IndexError)):
        ruamel_reads(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "9" * 5000 + "\n",
        "a: -1\nb: [0" + "1" * 9000 + "]\n",
        "a: 1_" + "9_" * 2500 + "9\n",  # underscores do not shorten a run
    ],
    ids=["positive", "leading-zero-in-a-list", "underscores"],
)
def test_an_integer_of_more_digits_than_any_record_needs_is_refused_on_both_paths(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """yaml-rs reads long digit runs in quadratic time (8 M digits: a minute), and Python refuses
    to convert more than 4,300 digits at once: both paths refuse the run where it starts."""
    with pytest.raises(ReadError) as fast:
        read_document(text.encode())
    monkeypatch.setattr(yamlread, "_fast_path_blocker", lambda *args: "forced")
    with pytest.raises(ReadError) as exact:
        read_document(text.encode())
    for caught in (fast, exact):
        assert caught.value.message == "read.long_number"
    assert (fast.value.line, fast.value.column) == (exact.value.line, exact.value.column)


def repository_files() -> list[Path]:
    return sorted(
        path
        for folder in ("registry", "examples")
        for pattern in ("**/*.yaml", "**/*.yml")
        for path in (REPO / folder).glob(pattern)
        if path.is_file()
    )


def test_repository_registries_read_the_same_with_both_readers() -> None:
    """Every YAML file under registry/ and examples/ (none yet is fine).

    ruamel round-trip reads ~0.1 MB/s, so it checks files up to 128 KB within a 4 MB budget; every
    file, however large, is also read by the exact path (ruamel's typing over libyaml's events),
    which must give what the fast path gave.
    """
    budget = 4_000_000
    for path in repository_files():
        raw = path.read_bytes()
        try:
            value, text = read_document(raw)
        except ReadError:
            continue  # refusing is a problem to report, not a difference between readers
        assert same(yamlread._read_exact(text), value), path
        if len(raw) <= 128_000 and budget > 0:
            budget -= len(raw)
            assert same(value, ruamel_reads(text)), path
            positions = Positions(text)
            for node_path, (key, value_start) in ruamel_positions(text).items():
                assert (positions.locate(node_path), positions.locate_value(node_path)) == (
                    key,
                    value_start,
                ), (
                    path,
                    node_path,
                )


# --------------------------------------------------------------------------------------------
# the fast path is taken for ordinary records, the exact path for anything unusual


@pytest.mark.parametrize(
    "text",
    [
        SESSION,
        COLLEGE,
        INSTITUTION,
        ADOPTION,
        "a: R&D\nb: 5*3\nc: Hi!\nd: a & b\n",
        "approval: {by: 李明, on: 2027-02-20}  # 2027-02-30 was a typo\nnote: 截止2026-02-30前\n",
        "name: 王\u3000丽\nmajor: 计算机：应用\n",
        "a: 'x: y'\nb: \"[1, 2]\"\n",
        "date: 2026-06-31\n",
    ],
)
def test_ordinary_records_take_the_fast_path(text: str) -> None:
    assert yamlread._fast_path_blocker(text.encode()) is None


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\n",
        "a: *x\n",
        "a: !t 1\n",
        "? a\n: 1\n",
        "a: |\n  x\n",
        "%YAML 1.2\n---\na: 1\n",
        "a: 1\n---\nb: 2\n",
        "<<: {a: 1}\n",
        "a: 0X1F\n",
        'a: "\\x41"\n',
        "a:\t1\n",
        "[1]: a\n",
        "a: [x:]\n",
        "a: 10:00:00\n",
        "\u3000a: 1\n",
        "a: '2026-03-11'\n",
        "a: 2026-03-11T10:00:00\n",
        "a: 1_000\n",
        "a: .5e3\n",
        "a: .iNf\n",
        "a: {b: 1,\n  c: 2}\n",
        DEEP_FLOW,
        DEEP_BLOCK,
    ],
)
def test_unusual_texts_take_the_exact_path(text: str) -> None:
    assert yamlread._fast_path_blocker(text.encode()) is not None


# --------------------------------------------------------------------------------------------
# positions equal ruamel round-trip's .lc

POSITION_DOCUMENTS = [
    SESSION,
    COLLEGE,
    INSTITUTION,
    ADOPTION,
    "a: 1\nb:\nc: 3\n",  # an empty value is where ruamel puts it: the next token
    "x:\n  b:\n  c: 1\nd:   # comment after the colon\ne:\n",
    "- a:\n  b:\n-\n- c\n",
    "a: {j: , k: 1}\nb: [x, {y: }]\n",  # flow: right after the colon
    "名字😀: [值, x]\n专业:\n  - 计算机\n",  # columns count characters
    "a: |\n  text\nb: >-\n  t\nc: 'q'\nd: \"r\"\n",
    "a:\n- 1\n- - 2\n  - 3\nb:\n  c:\n    d: e\n",
    "# header\n\n---\nx: {a: 1,\n  b: [1,\n   2]}\n",
    "a: {ref: https://x.cn/a, t: 10:30}\nb:\n  - c: [a:b]\n",  # libyaml refuses; ruamel's parser decides
    "fee_budget: {2026: 300000, 2027: 320000}\n1.5: x\n~: y\n",
]


@pytest.mark.parametrize("text", POSITION_DOCUMENTS)
def test_positions_equal_ruamel_lc_for_every_key_and_item(text: str) -> None:
    positions = Positions(text)
    expected = ruamel_positions(text)
    assert expected
    actual = {path: (positions.locate(path), positions.locate_value(path)) for path in expected}
    assert actual == expected


@pytest.mark.parametrize(
    ("text", "path", "located", "value_located"),
    [
        ("# c\n\na: 1\n", (), (3, 1), (3, 1)),  # the root: its first node
        ("", (), (1, 1), (1, 1)),
        ("a:\n  - x\n  - {k: v}\n", ("a",), (1, 1), (2, 3)),
        ("a:\n  - x\n  - {k: v}\n", ("a", 1), (3, 5), (3, 5)),  # an item: its node, after "- "
        ("a:\n  - x\n  - {k: v}\n", ("a", 1, "k"), (3, 6), (3, 9)),
        ("a:\n  - x\n  - {k: v}\n", ("a", 1, "missing", 3), (3, 5), (3, 5)),  # deepest existing node
        ("a:\n  - x\n", ("a", 5), (1, 1), (2, 3)),
        ("a:\n  - x\n", ("a", "x"), (1, 1), (2, 3)),
        ("a: |\n  text\n  more\n", ("a",), (1, 1), (1, 4)),
        ("fee_budget: {2026: 1, 2027: 2}\n", ("fee_budget", 2027), (1, 23), (1, 29)),
        ("fee_budget: {2026: 1, 2027: 2}\n", ("fee_budget", "2027"), (1, 23), (1, 29)),
        ("a: [\n", ("a",), (1, 1), (1, 4)),  # what parsed before the error
        ("}{", ("a",), (1, 1), (1, 1)),
    ],
)
def test_locate(text: str, path: tuple, located: tuple[int, int], value_located: tuple[int, int]) -> None:
    positions = Positions(text)
    assert positions.locate(path) == located
    assert positions.locate_value(path) == value_located


def test_positions_of_a_hostile_text_stop_at_max_depth() -> None:
    positions = Positions("a: " + "[" * 100000)
    assert positions.locate(("a",) + (0,) * 200) == (1, 3 + MAX_DEPTH)  # the first node past the limit


# --------------------------------------------------------------------------------------------
# messages and the error object


def test_every_message_has_both_languages_and_is_registered() -> None:
    for message_id, texts in MESSAGES.items():
        assert set(texts) == {"zh", "en"}
        assert messages.has(message_id)


def test_every_message_is_exercised_and_renders_in_both_languages() -> None:
    raised: dict[str, dict] = {}
    samples = [row[0] for row in DECODE_REFUSALS] + [row[0].encode() for row in REFUSALS] + [b"x" * 9]
    for raw in [*samples, b"a: " + b"1" * (yamlread.MAX_DIGITS + 1)]:
        try:
            read_document(raw, max_bytes=8 if raw == b"x" * 9 else 1 << 23)
        except ReadError as error:
            raised.setdefault(error.message, error.params)
    assert set(raised) == set(MESSAGES)
    for message_id, params in raised.items():
        for lang in messages.LANGS:
            assert "{" not in messages.render(message_id, params, lang)


def test_read_error_survives_pickling_between_processes() -> None:
    error = ReadError("read.duplicate_key", 3, 1, key="a", first_line=1)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.message, copy.line, copy.column, copy.params) == ("read.duplicate_key", 3, 1, error.params)
    assert str(copy) == "3:1: read.duplicate_key {'key': 'a', 'first_line': 1}"


# --------------------------------------------------------------------------------------------
# any bytes: a value or a ReadError, never a crash

SEEDS = [SESSION, COLLEGE, ADOPTION, "a:\n  - {b: 'x', c: [1, 2]}\n  - |\n    text\nd: 2026-03-11  # c\n"]
NOISE = b" \t\n:-[]{},#'\"&*!|>?%\\0123456789aT_.\xe3\x80\x80\xef\xbb\xbf"


@st.composite
def mutated_yaml(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)).encode())
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "delete", "replace", "duplicate line", "insert noise"]))
        if action == "insert":
            data[at:at] = bytes([draw(st.integers(0, 255))])
        elif action == "insert noise":
            data[at:at] = draw(
                st.sampled_from([NOISE[i : i + 1] for i in range(len(NOISE))] + [b"\xe3\x80\x80"])
            )
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 3))]
        elif action == "replace" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        else:
            lines = bytes(data).split(b"\n")
            which = draw(st.integers(0, len(lines) - 1))
            lines.insert(which, lines[which])
            data = bytearray(b"\n".join(lines))
    return bytes(data)


@settings(max_examples=250, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_yaml())
def test_any_bytes_give_data_or_a_read_error_and_positions_never_raise(raw: bytes) -> None:
    try:
        value, text = read_document(raw)
    except ReadError as error:
        assert error.message in MESSAGES
        assert error.line >= 1 and error.column >= 1
        text = raw.decode("utf-8", "replace")
    else:
        try:
            expected = ruamel_reads(text)
        except Exception:  # ruamel's own bugs ("overlap in comment") are not ours
            expected = value
        assert same(value, expected)
    positions = Positions(text)
    for path in [(), ("candidates", 1, "name"), ("majors", 0), ("a", 0, "c", 1), ("coverage", "前端框架")]:
        line, column = positions.locate(path)
        assert line >= 1 and column >= 1
        positions.locate_value(path)


# --------------------------------------------------------------------------------------------
# the benchmark's registries, and problem locations on either path


def test_a_generated_registry_reads_the_same_as_ruamel_on_the_fast_path(tmp_path: Path) -> None:
    """Every file of a small registry from bench.generate (the shape of the 100k benchmark) takes
    the fast path and gives ruamel round-trip's data, and positions equal to its ``.lc``."""
    from bench.generate import generate

    root = tmp_path / "registry"
    generate(root, colleges=2, candidates=300, years=2, seed=7, last_year=2026)
    files = sorted(root.rglob("*.yaml"))
    assert len(files) > 20
    for path in files:
        raw = path.read_bytes()
        assert yamlread._fast_path_blocker(raw) is None, path
        value, text = read_document(raw)
        assert same(value, ruamel_reads(text)), path
        assert same(yamlread._read_exact(text), value), path
        positions = Positions(text)
        for node_path, expected in ruamel_positions(text).items():
            assert (positions.locate(node_path), positions.locate_value(node_path)) == expected, (
                path,
                node_path,
            )


def test_problem_locations_are_the_same_on_the_fast_and_the_exact_path(reg, monkeypatch) -> None:
    """Problems of every kind (REG-001 from the reader, REG-002 from validation, rule findings) are
    reported at the same place whether each file is read by yaml-rs or by the exact path."""
    session = "colleges/info/sessions/2026/web-mid-june.yaml"
    reg.edit(session, "site: main-campus", "site: nowhere")  # a rule finding (REG-004)
    reg.edit(session, "result: absent}", "result: absent, scroe: '1'}")  # an unknown field
    reg.edit(session, "score: 52}", "score: -5}")  # a value out of range
    reg.edit(session, 'student: "2024010123"', "student: 02024010123")  # read as a number: quote it
    # a rule finding in a list whose broken items were dropped: model index 0 is file index 3
    reg.edit(session, "result: pass, score: 75", "result: fail, score: 75")
    reg.edit(session, "on: 2026-05-01}", "on: 2026-02-30}")  # no such day
    reg.write("colleges/info/trainings/2026/broken.yaml", "certificate: web-frontend\nstart: [2026-03-01\n")
    reg.write("colleges/info/trainings/2026/twice.yaml", "certificate: web-frontend\ncertificate: x\n")

    def located() -> list[tuple]:
        return [(p.rule, p.file, p.line, p.column, p.text("en")) for p in reg.result().problems]

    fast = located()
    assert {p[0] for p in fast} >= {"REG-001", "REG-002", "REG-004", "EXAM-006"}
    taken: list[str] = []
    monkeypatch.setattr(yamlread, "_fast_path_blocker", lambda *args: taken.append("exact") or "forced")
    assert located() == fast
    assert len(taken) >= len(list(reg.root.rglob("*.yaml")))  # every file took the exact path


def test_a_run_of_too_many_digits_is_refused_where_it_starts():
    run = "1" * (yamlread.MAX_DIGITS + 1)
    with pytest.raises(ReadError) as caught:
        read_document(f"name: x\nnote: 'a{run}'\n".encode())
    assert (caught.value.message, caught.value.line, caught.value.column) == ("read.long_number", 2, 9)
    data, _ = read_document(f"n: {run[:-1]}\n".encode())  # exactly the limit is read
    assert data == {"n": int(run[:-1])}
