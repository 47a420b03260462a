"""Hostile registry files through the real CLI: nothing a pull request adds may crash `onex check`,
hang it, run code, read outside the registry or leak what it reads (docs/security.md).

Each case writes one hostile file into a copy of the baseline and breaks one *other* file in a
known way (an unknown instructor in the training: REG-004 at line 3), to prove the rest of the
registry was still checked. It asserts the exit code and the exact (rule, file, line) problems.
"""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from onex.load import MAX_NODES
from onex.schema_errors import MAX_FINDINGS_PER_FILE
from tests.conftest import BASELINE, check_json

SESSION = "colleges/info/sessions/2026/web-mid-june.yaml"
COLLEGE = "colleges/info/college.yaml"
TRAINING = "colleges/info/trainings/2026/web-mid-spring.yaml"
HOSTILE = "colleges/info/sessions/2026/hostile.yaml"  # a new file nothing else refers to
SENTINEL = ("REG-004", TRAINING, 3)  # team: [t2019001, t9999999]

SESSION_TEXT = (BASELINE / SESSION).read_text(encoding="utf-8")
COLLEGE_TEXT = (BASELINE / COLLEGE).read_text(encoding="utf-8")
HEADER = (
    "certificate: web-frontend\nlevel: intermediate\nbatch: 2026-1\ndate: 2026-06-12\nsite: main-campus\n"
)


def _session(old: str, new: str) -> str:
    assert SESSION_TEXT.count(old) == 1
    return SESSION_TEXT.replace(old, new)


def _college(old: str, new: str) -> str:
    assert COLLEGE_TEXT.count(old) == 1
    return COLLEGE_TEXT.replace(old, new)


def _billion_laughs() -> str:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        ref = f"*{chr(96 + i)}"
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [{', '.join([ref] * 9)}]")
    return "\n".join(lines) + "\n"


def _merge_bomb() -> str:
    """The ~550-byte kind that hangs ruamel typ='safe' for over 30 s (NOTES-yaml, Safety)."""
    lines = ["a0: &a0 {x: 1, y: 2}"]
    for i in range(1, 20):
        lines.append(f"a{i}: &a{i} {{<<: [*a{i - 1}, *a{i - 1}], k{i}: {i}}}")
    return "\n".join(lines) + "\n"


@dataclass
class Case:
    id: str
    rel: str  # the hostile file
    data: str | bytes
    expected: list[tuple[str, int]]  # (rule, line) of every problem in the hostile file
    message: str | None = None  # a fragment the (English) message of the first problem holds
    setup: Callable[[Path], None] | None = None
    others: list[tuple[str, str, int]] = field(default_factory=list)  # expected knock-on problems elsewhere


def _limit_2000(root: Path) -> None:
    with open(root / "onex.yaml", "a", encoding="utf-8") as handle:
        handle.write("limits: {max_file_bytes: 2000}\n")


def _limit_absurd(root: Path) -> None:
    with open(root / "onex.yaml", "a", encoding="utf-8") as handle:
        handle.write("limits: {max_file_bytes: " + "9" * 40 + "}\n")


CASES = [
    # --- bombs: bounded, refused before anything walks them --------------------------------------
    Case("billion-laughs", HOSTILE, _billion_laughs(), [("REG-001", 1)], "Anchors (&a) are not allowed"),
    Case("merge-key-bomb", HOSTILE, _merge_bomb(), [("REG-001", 1)], "Anchors (&a0) are not allowed"),
    Case("merge-key", HOSTILE, HEADER + "<<: {inspector: 周芳}\n", [("REG-001", 6)], "Merge keys (<<)"),
    Case("deep-flow-1000", HOSTILE, "candidates: " + "[" * 1000 + "\n", [("REG-001", 1)], "deeper than"),
    Case(
        "deep-flow-mapping", HOSTILE, "candidates: " + "{a: " * 5000 + "\n", [("REG-001", 1)], "deeper than"
    ),
    Case(
        "deep-block-3000",
        HOSTILE,
        "".join(" " * i + "a:\n" for i in range(3000)),
        [("REG-001", 65)],
        "deeper than",
    ),
    Case(
        "a-million-items",
        HOSTILE,
        HEADER + "candidates:\n" + "- 1\n" * 1_000_000,
        [("REG-001", 1)],
        f"more than {MAX_NODES} values",
    ),
    Case(
        "a-million-flow-items",
        HOSTILE,
        HEADER + "candidates: [" + "1," * 1_000_000 + "1]\n",
        [("REG-001", 1)],
        "values",
    ),
    # --- code: tags refused, never constructed ---------------------------------------------------
    Case(
        "python-tag",
        HOSTILE,
        HEADER + "inspector: !!python/object/apply:os.system ['echo pwned']\n",
        [("REG-001", 6)],
        "YAML tags such as !!python/object/apply:os.system are not allowed",
    ),
    Case(
        "python-name",
        HOSTILE,
        HEADER + "inspector: !!python/name:os.system\n",
        [("REG-001", 6)],
        "!!python/name:os.system",
    ),
    Case("unknown-tag", HOSTILE, HEADER + "candidates: !foo []\n", [("REG-001", 6)], "!foo"),
    Case("str-tag", HOSTILE, HEADER + "inspector: !!str 周芳\n", [("REG-001", 6)], "!!str"),
    Case("yaml-1.1-directive", HOSTILE, "%YAML 1.1\n---\n" + HEADER, [("REG-001", 1)], "%YAML"),
    Case(
        "two-documents", HOSTILE, HEADER + "---\n" + HEADER, [("REG-001", 6)], "more than one YAML document"
    ),
    # --- bytes and encodings ----------------------------------------------------------------------
    Case("binary", HOSTILE, bytes(range(256)) * 8, [("REG-001", 1)], "NUL bytes"),
    Case("nul-byte", HOSTILE, (HEADER + "inspector: 周\0芳\n").encode(), [("REG-001", 6)], "NUL bytes"),
    Case("control-char", HOSTILE, HEADER + "inspector: 周\x07芳\n", [("REG-001", 6)], "U+0007"),
    Case("gb18030", HOSTILE, SESSION_TEXT.encode("gb18030"), [("REG-001", 6)], "iconv -f GB18030 -t UTF-8"),
    Case("gbk", HOSTILE, SESSION_TEXT.encode("gbk"), [("REG-001", 6)], "GBK/GB18030"),
    Case("utf-16-bom", HOSTILE, SESSION_TEXT.encode("utf-16"), [("REG-001", 1)], "UTF-16"),
    Case("utf-16-no-bom", HOSTILE, HEADER.encode("utf-16-le"), [("REG-001", 1)], "UTF-16"),
    Case("bom-mid-file", HOSTILE, HEADER + "\ufeffinspector: 周芳\n", [("REG-001", 6)], "byte order mark"),
    Case("bom-and-crlf-accepted", SESSION, b"\xef\xbb\xbf" + SESSION_TEXT.replace("\n", "\r\n").encode(), []),
    Case("cr-only-accepted", SESSION, SESSION_TEXT.replace("\n", "\r").encode(), []),
    # --- shapes -------------------------------------------------------------------------------------
    Case("zero-bytes", HOSTILE, b"", [("REG-002", 1)], "the file is empty"),
    Case("comments-only", HOSTILE, "# 待填写\n", [("REG-002", 1)], "the file is empty"),
    Case(
        "top-level-list",
        HOSTILE,
        "- certificate: web-frontend\n- level: junior\n",
        [("REG-002", 1)],
        "not a list",
    ),
    Case("top-level-scalar", HOSTILE, "web-frontend\n", [("REG-002", 1)], "not 'web-frontend'"),
    Case(
        "list-where-a-mapping-belongs",
        SESSION,
        _session("approval: {by: 赵华, on: 2026-05-01}", "approval: [赵华, 2026-05-01]"),
        [("REG-002", 6)],  # the approval is unknown, not missing: no EXAM-002 (SPEC §4.1)
        "`approval` must be a mapping",
    ),
    Case(
        "tab-indentation",
        SESSION,
        _session('  - {student: "2024010124"', '\t- {student: "2024010124"'),
        [("REG-001", 13)],
        "tab character",
    ),
    Case(
        "unclosed-bracket",
        HOSTILE,
        HEADER + "candidates: [{student: '1', name: 王\n",
        [("REG-001", 6)],
        "unclosed",
    ),
    Case(
        "duplicate-key",
        SESSION,
        _session("inspector: 周芳\n", "inspector: 周芳\ninspector: 吴敏\n"),
        [("REG-001", 8)],
        "The key inspector appears twice (first on line 7)",
    ),
    Case(
        "duplicate-key-in-flow",
        SESSION,
        _session("result: fail, score: 52", "result: fail, score: 52, score: 53"),
        [("REG-001", 13)],
        "appears twice",
    ),
    Case(
        "impossible-date",
        SESSION,
        _session("date: 2026-06-12", "date: 2026-02-30"),
        [("REG-002", 4)],
        "`date` must be a valid date written unquoted as YYYY-MM-DD (e.g. 2026-03-11), not '2026-02-30'",
    ),
    # --- YAML 1.1 traps: clear REG-002, never a silent conversion ----------------------------------
    Case(
        "enrolled-no",
        SESSION,
        _session("result: fail, score: 52", "result: fail, enrolled: no, score: 52"),
        [("REG-002", 13)],
        "`candidates[1].enrolled` must be true or false, not 'no' (yes/no/on/off are not booleans)",
    ),
    Case(
        "in-charge-yes",
        COLLEGE,
        _college("in_charge: true", "in_charge: yes"),
        [("REG-002", 4)],  # who is in charge is unknown: no REG-004, approvals not judged (SPEC §4.1)
        "`leaders[1].in_charge` must be true or false",
    ),
    Case(
        "student-0123",
        SESSION,
        _session('student: "2024010124"', "student: 0123"),
        [("REG-002", 13)],
        "`candidates[1].student` must be text: quote it as '0123'",
    ),
    Case(
        "code-leading-zero",
        COLLEGE,
        _college('- code: "510201"', "- code: 0510201"),
        [("REG-002", 8)],  # the major stays, its code unknown: no REG-004 anywhere (SPEC §4.1)
        "quote it as '0510201'",
    ),
    Case(
        "version-1.10",
        COLLEGE,
        _college("version: 2025", "version: 1.10"),
        [("REG-002", 12)],  # one bad field of a major is not a missing major
        "`majors[0].programme.version` must be text: quote it as '1.10'",
    ),
    Case(
        "approval-on-on",
        SESSION,
        _session("on: 2026-05-01}", "on: on}"),
        [("REG-002", 6)],
        None,
    ),
    Case(
        "huge-integer",
        HOSTILE,
        HEADER + "inspector: " + "9" * 5000 + "\n",
        [("REG-001", 6)],  # refused before parsing: yaml-rs reads long digit runs in quadratic time
        "more than 1000 digits",
    ),
    Case(
        "long-number-in-range",
        HOSTILE,
        HEADER + "inspector: " + "9" * 1000 + "\n",
        [("EXAM-002", 1), ("EXAM-005", 1), ("REG-002", 6)],  # the inspector is unknown, not missing
        "quote it as '" + "9" * 80 + "…'",
    ),
    # --- Chinese input methods --------------------------------------------------------------------
    Case(
        "full-width-colon-in-flow",
        SESSION,
        _session("name: 李小红", "name：李小红"),
        [("REG-002", 13)],  # the unknown key `name：李小红` is the missing `name`: one problem
        None,
    ),
    Case("full-width-colon-whole-file", HOSTILE, "name：张三\n", [("REG-002", 1)], "full-width colon"),
    Case(
        "u3000-before-a-key",
        SESSION,
        _session("inspector: 周芳", "\u3000inspector: 周芳"),
        [("REG-001", 7)],
        "U+3000",
    ),
    Case(
        "nbsp-before-a-key",
        SESSION,
        _session("inspector: 周芳", "\u00a0inspector: 周芳"),
        [("REG-001", 7)],
        "U+00A0",
    ),
    Case(
        "zero-width-in-a-key",
        SESSION,
        _session("inspector: 周芳", "insp\u200bector: 周芳"),
        [("REG-001", 7)],
        "U+200B",
    ),
    # --- size -----------------------------------------------------------------------------------------
    Case(
        "over-max-file-bytes",
        HOSTILE,
        HEADER + "# pad\n" * 400,
        [("REG-001", 1)],
        "The file is 2495 bytes, over the 2000-byte limit",
        setup=_limit_2000,
    ),
    Case(
        "over-the-default-cap",
        HOSTILE,
        b"# x\n" * (2 * 1024 * 1024 + 1),
        [("REG-001", 1)],
        "over the 8388608-byte limit",
    ),
    Case(
        "absurd-max-file-bytes-is-capped",
        HOSTILE,
        b"# x\n" * (4 * 1024 * 1024 + 1),
        [("REG-001", 1)],
        "over the 16777216-byte limit",
        setup=_limit_absurd,
    ),
    Case(
        "many-bad-items-are-summarised",
        HOSTILE,
        HEADER + "candidates:\n" + "  - 1\n" * 5000,
        [("REG-002", 7 + i) for i in range(MAX_FINDINGS_PER_FILE)]
        + [("REG-002", 7 + MAX_FINDINGS_PER_FILE)]
        + [("EXAM-002", 1), ("EXAM-004", 1), ("EXAM-005", 1)],
        None,
    ),
    # --- files outside the layout: reported, not silently ignored ----------------------------------
    Case(
        "yml-extension",
        "colleges/info/certificates/cloud-ops.yml",
        "lead: t2019001\n",
        [("REG-003", 1)],
        "rename it to cloud-ops.yaml",
    ),
    Case(
        "upper-case-extension",
        "colleges/info/certificates/cloud-ops.YAML",
        "lead: t2019001\n",
        [("REG-003", 1)],
        "rename it",
    ),
    Case(
        "yaml-outside-the-layout",
        "colleges/info/notes.yaml",
        "x: 1\n",
        [("REG-003", 1)],
        "not part of the registry layout",
    ),
    Case("yaml-at-the-top", "students.yaml", "x: 1\n", [("REG-003", 1)], "not part of the registry layout"),
    Case("bad-id", "colleges/info/sessions/2026/Web_June.yaml", HEADER, [("REG-003", 1)], "not a valid id"),
]


@pytest.fixture
def hostile(reg):
    reg.edit(TRAINING, "team: [t2019001, t2021003]", "team: [t2019001, t9999999]")
    return reg


def _problems(report: dict) -> list[tuple[str, str, int]]:
    return [(p["rule"], p["file"], p["line"]) for p in report["problems"]]


def _check(cli, reg) -> tuple[int, dict]:
    return check_json(cli, reg.root, "--lang", "en")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_file(hostile, cli, case):
    if isinstance(case.data, bytes):
        hostile.write_bytes(case.rel, case.data)
    else:
        hostile.path(case.rel).parent.mkdir(parents=True, exist_ok=True)
        hostile.path(case.rel).write_text(case.data, encoding="utf-8")
    if case.setup:
        case.setup(hostile.root)
    code, report = _check(cli, hostile)
    found = _problems(report)
    assert code == 1
    assert sorted(p for p in found if p[1] == case.rel) == sorted(
        (rule, case.rel, line) for rule, line in case.expected
    )
    assert sorted(p for p in found if p[1] != case.rel) == sorted(
        [SENTINEL, *case.others]
    )  # the rest was checked
    if case.message:
        first = next(p for p in report["problems"] if p["file"] == case.rel and p["rule"].startswith("REG"))
        assert case.message in first["message"]


def test_a_python_tag_runs_nothing(hostile, cli, tmp_path):
    marker = tmp_path / "pwned"
    for i, tag in enumerate(["!!python/object/apply:os.system", "!!python/object/apply:subprocess.call"]):
        hostile.write(
            f"colleges/info/sessions/2026/tag-{i}.yaml",
            HEADER + f"inspector: {tag} [['touch', '{marker}']]\n",
        )
    hostile.write(
        "colleges/info/sessions/2026/tag-2.yaml",
        HEADER + f"inspector: !!python/object/apply:os.system ['touch {marker}']\n",
    )
    code, report = _check(cli, hostile)
    assert code == 1 and not marker.exists()
    assert sorted(_problems(report)) == sorted(
        [("REG-001", f"colleges/info/sessions/2026/tag-{i}.yaml", 6) for i in range(3)] + [SENTINEL]
    )


def test_a_30000_deep_bracket_file_does_not_crash_the_process(hostile, tmp_path):
    """ruamel's C composer segfaults on this (NOTES-yaml): run the real console script, so that a
    segfault shows as a negative return code instead of killing the test run."""
    hostile.write(HOSTILE, "candidates: " + "[" * 30000 + "\n")
    hostile.write("colleges/info/sessions/2026/deep-map.yaml", "candidates: " + "{a: " * 30000 + "\n")
    onex = Path(sys.executable).parent / "onex"
    command = [str(onex)] if onex.exists() else [sys.executable, "-m", "onex.cli"]
    result = subprocess.run(
        [
            *command,
            "check",
            "--registry",
            str(hostile.root),
            "--as-of",
            "2026-12-31",
            "--format",
            "json",
            "--lang",
            "en",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert sorted(_problems(json.loads(result.stdout))) == sorted(
        [("REG-001", HOSTILE, 1), ("REG-001", "colleges/info/sessions/2026/deep-map.yaml", 1), SENTINEL]
    )


# --- the file system ------------------------------------------------------------------------------


class _Spy:
    """Records every path opened through `open`/`os.open`, to prove a file was never read."""

    def __init__(self, monkeypatch, refuse: Path | None = None) -> None:
        self.opened: list[str] = []
        self.refuse = os.fspath(refuse) if refuse else None
        real_os_open, real_io_open = os.open, io.open

        def os_open(path, flags, *args, **kwargs):
            self._note(path)
            return real_os_open(path, flags, *args, **kwargs)

        def io_open(path, *args, **kwargs):
            if isinstance(path, (str, bytes, os.PathLike)):
                self._note(path)
            return real_io_open(path, *args, **kwargs)

        monkeypatch.setattr(os, "open", os_open)
        monkeypatch.setattr("builtins.open", io_open)

    def _note(self, path) -> None:
        text = os.path.realpath(os.fsdecode(os.fspath(path)))
        self.opened.append(text)
        if self.refuse and text == self.refuse:
            raise PermissionError(errno.EACCES, "Permission denied", text)


def test_a_symlink_to_etc_passwd_named_like_a_session_is_refused_and_never_read(hostile, cli, monkeypatch):
    link = hostile.path("colleges/info/sessions/2026/passwd.yaml")
    os.symlink("/etc/passwd", link)
    spy = _Spy(monkeypatch)
    code, report = _check(cli, hostile)
    assert code == 1
    assert _problems(report) == [("REG-001", "colleges/info/sessions/2026/passwd.yaml", 1), SENTINEL]
    assert "leaves the registry (/etc/passwd)" in report["problems"][0]["message"]
    assert "/etc/passwd" not in spy.opened


def test_a_symlink_leaving_the_registry_never_leaks_its_target(hostile, cli, tmp_path, monkeypatch):
    secret = tmp_path / "secret.yaml"
    secret.write_text("CANARY-7f3a: 13812345678\ninspector: CANARY-9b1c\n", encoding="utf-8")
    os.symlink(secret, hostile.path(HOSTILE))
    os.symlink(
        os.path.relpath(secret, hostile.path(HOSTILE).parent),
        hostile.path("colleges/info/sessions/2026/rel.yaml"),
    )
    spy = _Spy(monkeypatch)
    for fmt in ("json", "text", "github", "junit", "sarif"):
        code, out, err = cli(
            "check", "--registry", hostile.root, "--as-of", "2026-12-31", "--format", fmt, "--lang", "en"
        )
        assert code == 1, err
        assert "CANARY" not in out + err
    assert str(secret) not in spy.opened
    _, report = _check(cli, hostile)
    assert sorted(_problems(report)) == sorted(
        [("REG-001", HOSTILE, 1), ("REG-001", "colleges/info/sessions/2026/rel.yaml", 1), SENTINEL]
    )


def test_a_symlinked_folder_leaving_the_registry_is_refused_and_not_walked(
    hostile, cli, tmp_path, monkeypatch
):
    outside = tmp_path / "outside"
    (outside / "sessions" / "2026").mkdir(parents=True)
    (outside / "college.yaml").write_text("name: 外部学院\n", encoding="utf-8")
    (outside / "sessions" / "2026" / "x.yaml").write_text("CANARY: 1\n", encoding="utf-8")
    os.symlink(outside, hostile.path("colleges/evil"))
    os.symlink("/etc", hostile.path("colleges/info/sessions/2027"))
    spy = _Spy(monkeypatch)
    code, report = _check(cli, hostile)
    assert code == 1
    assert sorted(_problems(report)) == sorted(
        [("REG-001", "colleges/evil", 1), ("REG-001", "colleges/info/sessions/2027", 1), SENTINEL]
    )
    assert not any(path.startswith((str(outside), "/etc/")) for path in spy.opened)


def test_a_symlink_into_dot_git_is_refused(hostile, cli, monkeypatch):
    """actions/checkout leaves the token in .git/config: a link to it must never be read."""
    git = hostile.path(".git")
    git.mkdir()
    (git / "config").write_text("token: CANARY\n", encoding="utf-8")
    os.symlink("../../../../.git/config", hostile.path(HOSTILE))
    spy = _Spy(monkeypatch)
    code, report = _check(cli, hostile)
    assert code == 1 and "CANARY" not in json.dumps(report)
    assert _problems(report) == [("REG-001", HOSTILE, 1), SENTINEL]
    assert str(git / "config") not in spy.opened


def test_symlinks_inside_the_registry_are_followed_and_loops_end(hostile, cli):
    os.symlink(
        "../../../colleges", hostile.path("colleges/info/sessions/loop")
    )  # a folder linking to its ancestor
    code, report = _check(cli, hostile)
    assert code == 1 and _problems(report) == [SENTINEL]


def test_a_dangling_symlink_is_reported(hostile, cli):
    os.symlink("gone.yaml", hostile.path(HOSTILE))
    code, report = _check(cli, hostile)
    assert code == 1 and _problems(report) == [("REG-001", HOSTILE, 1), SENTINEL]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_like_a_record_does_not_hang(hostile, cli):
    os.mkfifo(hostile.path(HOSTILE))
    code, report = _check(cli, hostile)
    assert code == 1 and _problems(report) == [("REG-001", HOSTILE, 1), SENTINEL]
    assert "not a regular file" in report["problems"][0]["message"]


def test_an_unreadable_file_is_reported(hostile, cli, monkeypatch):
    hostile.write(HOSTILE, HEADER)
    path = hostile.path(HOSTILE)
    if os.geteuid() == 0:  # root reads a chmod 000 file: make the open fail the way it would
        _Spy(monkeypatch, refuse=Path(os.path.realpath(path)))
    else:
        path.chmod(0)
    try:
        code, report = _check(cli, hostile)
    finally:
        path.chmod(0o644)
    assert code == 1 and _problems(report) == [("REG-001", HOSTILE, 1), SENTINEL]
    assert "the file cannot be read: Permission denied" in report["problems"][0]["message"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 file")
def test_an_unreadable_file_really_is_unreadable(hostile, cli):
    hostile.write(HOSTILE, HEADER)
    hostile.path(HOSTILE).chmod(0)
    try:
        code, report = _check(cli, hostile)
    finally:
        hostile.path(HOSTILE).chmod(0o644)
    assert code == 1 and _problems(report) == [("REG-001", HOSTILE, 1), SENTINEL]


# --- what messages may print --------------------------------------------------------------------


def test_control_characters_from_escapes_never_reach_the_output(hostile, cli):
    """`"\\e[2J\\n::error::x": 1` is a valid key; quoted back raw it would clear the terminal and
    start a line GitHub reads as a workflow command."""
    hostile.edit(SESSION, "inspector: 周芳", 'inspector: 周芳\n"\\e[2J\\u202e\\n::error file=x::fake": 1')
    for fmt in ("text", "github", "json", "junit", "sarif"):
        code, out, err = cli(
            "check", "--registry", hostile.root, "--as-of", "2026-12-31", "--format", fmt, "--lang", "en"
        )
        assert code == 1, err
        assert "\x1b" not in out and "\u202e" not in out
        assert not any(line.startswith("::error file=x") for line in out.splitlines())
    _, report = _check(cli, hostile)
    assert _problems(report) == [("REG-002", SESSION, 8), SENTINEL]
    assert report["problems"][0]["message"].startswith(
        "unknown field `\\x1b[2J\\u202e\\x0a::error file=x::fake`"
    )


def test_a_file_name_with_a_newline_is_printed_escaped(hostile, cli):
    """Text and github show the name escaped; json carries it exactly (as a JSON escape)."""
    hostile.write("colleges/info/sessions/2026/x\n::error::y.yaml", HEADER)
    code, out, _ = cli("check", "--registry", hostile.root, "--as-of", "2026-12-31", "--lang", "en")
    assert code == 1 and not any(line.startswith("::") for line in out.splitlines())
    assert "colleges/info/sessions/2026/x\\x0a::error::y.yaml" in out
    _, report = _check(cli, hostile)
    assert _problems(report) == [
        ("REG-003", "colleges/info/sessions/2026/x\n::error::y.yaml", 1),
        SENTINEL,
    ]


PHONE, RESIDENT_ID = "13812345678", "11010519491231002X"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("inspector: 周芳", f"inspector: {PHONE}", [("PRIV-001", 7), ("REG-002", 7)]),
        ("score: 52", f"score: '{RESIDENT_ID}'", [("PRIV-001", 13), ("REG-002", 13)]),
        ("result: fail", f"result: '{PHONE}'", [("PRIV-001", 13), ("REG-002", 13)]),
        (
            "inspector: 周芳",
            f"'{RESIDENT_ID}': 周芳",
            [("REG-002", 7)],
        ),  # a key: REG-002 only (the inspector it hides is unknown, not missing)
        ("name: 李小红", f"name: 李小红（{PHONE}）", [("PRIV-001", 13)]),
    ],
    ids=[
        "phone-where-text-belongs",
        "id-where-a-number-belongs",
        "phone-as-enum",
        "id-as-a-key",
        "phone-in-a-name",
    ],
)
def test_personal_data_is_never_printed_by_any_format(hostile, cli, old, new, expected):
    """PRIV-001 masks what it finds; so must every other message that quotes the value (REG-002)."""
    hostile.edit(SESSION, old, new)
    for fmt in ("text", "github", "json", "junit", "sarif"):
        for lang in ("en", "zh"):
            code, out, err = cli(
                "check", "--registry", hostile.root, "--as-of", "2026-12-31", "--format", fmt, "--lang", lang
            )
            assert code == 1, err
            assert PHONE not in out and RESIDENT_ID not in out
    _, report = _check(cli, hostile)
    assert sorted(_problems(report)) == sorted(
        [(rule, SESSION, line) for rule, line in expected] + [SENTINEL]
    )


# --- syntax errors told at the line to fix, with what to fix (once defects of onex/yamlread.py) ----


@pytest.mark.parametrize(
    ("rel", "text", "line", "hint"),
    [
        # yaml-rs put this one line late, with no word about the full-width colon that causes it
        pytest.param(
            COLLEGE,
            _college("name: 信息工程学院", "name：信息工程学院"),
            1,
            "full-width",
            id="full-width-colon-in-block",
        ),
        # a plain scalar `working_group：[张伟]` as the last line: yaml-rs said line 3 of a 2-line file
        pytest.param(
            COLLEGE,
            "name: 信息工程学院\nworking_group：[张伟]\n",
            2,
            "full-width",
            id="full-width-colon-last-line",
        ),
        # yaml-rs named line 15; the `{` left open is on line 13 (ruamel says so too)
        pytest.param(
            SESSION,
            _session("result: fail, score: 52}", "result: fail, score: 52"),
            13,
            "unclosed",
            id="unclosed-flow-over-lines",
        ),
        # U+3000 in the indentation of a nested key: was a bare syntax error, not naming the full-width space
        pytest.param(
            COLLEGE,
            _college("    group: 软件技术专业群", "  \u3000group: 软件技术专业群"),
            10,
            "U+3000",
            id="u3000-nested",
        ),
    ],
)
def test_reader_locates_and_explains(hostile, cli, rel, text, line, hint):
    hostile.path(rel).write_text(text, encoding="utf-8")
    code, report = _check(cli, hostile)
    mine = [p for p in report["problems"] if p["file"] == rel]
    assert code == 1 and SENTINEL in _problems(report)
    assert [(p["rule"], p["line"]) for p in mine] == [("REG-001", line)]
    assert hint is None or hint in mine[0]["message"]
