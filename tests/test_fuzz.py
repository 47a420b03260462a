"""Property-based tests: whatever a pull request does to a valid registry file, `onex check` ends
with exit 1 (the sentinel error is always there), well-formed JSON, located problems, and no rule
that crashed — never an exception.

Mutations start from the baseline's files: at the data level (drop, duplicate, retype, rename,
garble; dumped back as YAML) and at the text level (lines and bytes dropped, repeated, moved,
inserted). Bounded and reproducible: `derandomize=True`, a fixed number of examples, no database.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import yaml_rs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onex.cli import main
from onex.rules import BY_ID
from tests.conftest import BASELINE

TRAINING = "colleges/info/trainings/2026/web-mid-spring.yaml"
# two known errors in a file no mutation touches, to prove the rest of the registry was still checked:
SCHEMA_SENTINEL = ("REG-002", TRAINING, 8)  # participants: 四个 (a per-file check: always there)
REFERENCE_SENTINEL = ("REG-004", TRAINING, 3)  # team: [t2019001, t9999999] (rules ran across files)
# a broken instructors.yaml or college.yaml is reported once: references into it are not checked
REFERENCED = {"colleges/info/instructors.yaml", "colleges/info/college.yaml"}
FILES = sorted(
    p.relative_to(BASELINE).as_posix()
    for p in BASELINE.rglob("*.yaml")
    if p.relative_to(BASELINE).as_posix() != TRAINING
)

FUZZ = settings(
    max_examples=80,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# values a coordinator (or an attacker) might put where another type belongs
ODD_VALUES = [
    None,
    True,
    False,
    0,
    -1,
    2**63,
    10**30,
    1.5,
    float("inf"),
    float("nan"),
    "",
    " ",
    "no",
    "on",
    "0123",
    "1.10",
    "2026-02-30",
    "2026-06-12",
    dt.date(1900, 1, 1),
    dt.date(2999, 12, 31),
    "信息工程学院",
    "name：张三",
    "\u3000缩进",
    "x" * 5000,
    "13812345678",
    "11010519491231002X",
    "\x1b[2J",
    "a\nb",
    "\x00",
    "\ufeff",
    "t9999999",
    "web-frontend",
    [],
    {},
    [None],
    [1, "a"],
    {"x": 1},
    {"by": "李明", "on": dt.date(2026, 1, 1)},
    [[[[]]]],
]
ODD_KEYS = [
    "",
    "id",
    "x",
    "name：",
    "\u3000name",
    "<<",
    "0123",
    "null",
    "on",
    "certificate",
    "candidates",
    "名字",
]
SNIPPETS = [
    b"&a ",
    b"*a",
    b"!!python/object/apply:os.system ['true'] ",
    b"!foo ",
    b"<<: ",
    b"%YAML 1.1\n---\n",
    b"---\n",
    b"[",
    b"]",
    b"{",
    b"}",
    b", ",
    b": ",
    b"- ",
    b"? ",
    b"|\n",
    b">-\n",
    b"'",
    b'"',
    b"#",
    b"\t",
    b"\r",
    b"\r\n",
    b"\x00",
    b"\xef\xbb\xbf",
    "：".encode(),
    "\u3000".encode(),
    "张三".encode("gb18030"),
    b"\xff\xfe",
    b"\\",
    b"\x1b",
    b"~",
    b"0123",
    b"no",
    b"1.10",
    b"2026-02-30",
    b"\n" + b"  " * 40 + b"a: 1",
    b"[" * 200,
    b"9" * 5000,
]


@contextlib.contextmanager
def _registry(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz") / "registry"
    shutil.copytree(BASELINE, root)
    text = (BASELINE / TRAINING).read_text(encoding="utf-8")
    text = text.replace("team: [t2019001, t2021003]", "team: [t2019001, t9999999]").replace(
        "participants: 4", "participants: 四个"
    )
    (root / TRAINING).write_text(text, encoding="utf-8")
    try:
        yield root
    finally:
        shutil.rmtree(root.parent, ignore_errors=True)


def _check(root: Path, fmt: str = "json") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(
            ["check", "--registry", str(root), "--as-of", "2026-12-31", "--format", fmt, "--lang", "en"]
        )
    return code, out.getvalue(), err.getvalue()


def _assert_well_behaved(root: Path, rel: str, *, formats: tuple[str, ...] = ()) -> None:
    code, out, err = _check(root)
    assert err == "", err
    assert code == 1, out[-2000:]
    report = json.loads(out)
    assert set(report) == {"registry", "as_of", "problems", "summary"}
    for problem in report["problems"]:
        assert problem["rule"] in BY_ID
        assert isinstance(problem["line"], int) and problem["line"] >= 1
        assert (root / problem["file"]).exists() or problem["rule"] == "REG-002", (
            problem
        )  # a missing college.yaml
        assert "failed while checking" not in problem["message"], problem  # a rule crashed on this input
    found = [(p["rule"], p["file"], p["line"]) for p in report["problems"]]
    assert SCHEMA_SENTINEL in found
    assert REFERENCE_SENTINEL in found or rel in REFERENCED
    for fmt in formats:
        code, out, err = _check(root, fmt)
        assert code == 1 and err == "", err
        if fmt == "junit":
            ET.fromstring(out)
        elif fmt == "sarif":
            json.loads(out)


# --- data-level mutations --------------------------------------------------------------------------


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path to a node of the document (the root is ())."""
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


def _parent(doc: Any, path: tuple) -> Any:
    for part in path[:-1]:
        doc = doc[part]
    return doc


def _odd_value(draw: Any) -> Any:
    return copy.deepcopy(draw(st.sampled_from(ODD_VALUES)))  # never share (and so mutate) the pool's lists


def _mutate(doc: Any, draw: Any) -> Any:
    paths = [p for p in _paths(doc) if p]
    if not paths:
        return _odd_value(draw)
    path = draw(st.sampled_from(paths))
    parent, last = _parent(doc, path), path[-1]
    kind = draw(st.sampled_from(["drop", "duplicate", "retype", "rename", "garble", "nest"]))
    if kind == "drop":
        del parent[last]
    elif kind == "duplicate":
        if isinstance(parent, list):
            parent.insert(last, copy.deepcopy(parent[last]))
        else:
            parent[draw(st.sampled_from(ODD_KEYS))] = copy.deepcopy(parent[last])
    elif kind == "retype":
        parent[last] = _odd_value(draw)
    elif kind == "rename" and isinstance(parent, dict):
        value = parent.pop(last)
        parent[draw(st.sampled_from([*ODD_KEYS, f"{last}：", f"\u3000{last}", str(last).upper()]))] = value
    elif kind == "garble" and isinstance(parent[last], str):
        text = parent[last]
        at = draw(st.integers(0, len(text)))
        parent[last] = text[:at] + draw(st.text(max_size=6)) + text[at + draw(st.integers(0, 3)) :]
    elif kind == "nest":
        parent[last] = [parent[last]] if draw(st.booleans()) else {"value": parent[last]}
    return doc


@FUZZ
@given(rel=st.sampled_from(FILES), data=st.data())
def test_data_mutations_never_crash_check(tmp_path_factory, rel, data):
    with _registry(tmp_path_factory) as root:
        doc, _ = _read(BASELINE / rel)
        for _ in range(data.draw(st.integers(1, 4))):
            doc = _mutate(doc, data.draw)
        (root / rel).write_text(yaml_rs.dumps(doc), encoding="utf-8")
        _assert_well_behaved(root, rel)


def _read(path: Path) -> tuple[Any, str]:
    from onex.yamlread import read_document

    return read_document(path.read_bytes())


# --- text- and byte-level mutations ------------------------------------------------------------------


@st.composite
def _mutated_bytes(draw: Any, raw: bytes) -> bytes:
    for _ in range(draw(st.integers(1, 4))):
        lines = raw.split(b"\n")
        kind = draw(
            st.sampled_from(["drop", "repeat", "move", "indent", "snippet", "bytes", "truncate", "flip"])
        )
        i = draw(st.integers(0, max(0, len(lines) - 1)))
        if kind == "drop":
            del lines[i]
        elif kind == "repeat":
            lines.insert(i, lines[i])
        elif kind == "move":
            lines.insert(draw(st.integers(0, len(lines))), lines.pop(i))
        elif kind == "indent":
            lines[i] = draw(st.sampled_from([b" ", b"  ", b"\t", "\u3000".encode(), b"\xc2\xa0"])) + lines[i]
        if kind in ("drop", "repeat", "move", "indent"):
            raw = b"\n".join(lines)
            continue
        at = draw(st.integers(0, len(raw)))
        if kind == "snippet":
            raw = raw[:at] + draw(st.sampled_from(SNIPPETS)) + raw[at:]
        elif kind == "bytes":
            raw = raw[:at] + draw(st.binary(min_size=1, max_size=8)) + raw[at + draw(st.integers(0, 4)) :]
        elif kind == "truncate":
            raw = raw[:at]
        elif kind == "flip" and raw:
            at = min(at, len(raw) - 1)
            raw = raw[:at] + bytes([raw[at] ^ (1 << draw(st.integers(0, 7)))]) + raw[at + 1 :]
    return raw


@FUZZ
@given(rel=st.sampled_from(FILES), data=st.data())
def test_text_mutations_never_crash_check(tmp_path_factory, rel, data):
    with _registry(tmp_path_factory) as root:
        raw = data.draw(_mutated_bytes((BASELINE / rel).read_bytes()))
        (root / rel).write_bytes(raw)
        _assert_well_behaved(root, rel)


@settings(FUZZ, max_examples=40)
@given(
    rel=st.sampled_from(FILES),
    raw=st.binary(max_size=512) | st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
)
def test_arbitrary_content_never_crashes_any_format(tmp_path_factory, rel, raw):
    with _registry(tmp_path_factory) as root:
        (root / rel).write_bytes(raw)
        _assert_well_behaved(root, rel, formats=("junit", "sarif", "github"))
