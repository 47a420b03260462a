"""Every writing command, interrupted at every step of its write, through the real CLI.

tests/test_write.py fails each `onex.write._step` of `write_atomic` itself; this fails them under
`approve`, `plan --write` (updating a draft and creating one), `fmt` and `import results`, by a
Ctrl-C (exit 130) and by a full disk (exit 2, one sentence, no traceback), and asserts that:

* every file of the registry holds either exactly what it held before or exactly what an
  uninterrupted run writes — never a mix, never a truncated file — and nothing was deleted;
* no temporary file is left behind;
* the lock is released: running the command again succeeds and gives the uninterrupted result.
"""

from __future__ import annotations

import errno
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from onex import write

STEPS = ("open", "write", "fsync", "chmod", "verify", "replace", "fsync-folder")
PLAN = "colleges/info/plans/2026.yaml"
SESSION = "colleges/info/sessions/2026/web-mid-june.yaml"
CSV = "学号,姓名,专业代码,成绩,考核结果,证书编号\r\n2024010124,李小红,510201,61,合格,WF-2026-000125\r\n2024010126,孙小军,510201,58.5,不合格,\r\n"


def _unapprove(root: Path) -> None:
    path = root / PLAN
    path.write_text(
        "".join(
            line
            for line in path.read_text(encoding="utf-8").splitlines(True)
            if not line.startswith("approval:")
        ),
        encoding="utf-8",
    )


def _unformat(root: Path) -> None:
    college = root / "colleges/info/college.yaml"
    college.write_text(
        college.read_text(encoding="utf-8").replace("name: 信息工程学院", "name:    信息工程学院"),
        encoding="utf-8",
    )
    org = root / "orgs/edu-tech.yaml"
    text = org.read_text(encoding="utf-8")
    head, batches = text.split("batches:\n")
    org.write_text(
        head.split("certificates:\n")[0]
        + "batches:\n"
        + batches
        + "certificates:\n"
        + head.split("certificates:\n")[1],
        encoding="utf-8",
    )


def _export(root: Path) -> None:
    (root / "export.csv").write_text(CSV, encoding="utf-8-sig")  # not YAML: the registry ignores it


@dataclass
class Command:
    id: str
    prepare: Callable[[Path], None]
    args: Callable[[Path], list[str]]
    writes: int  # files an uninterrupted run writes


COMMANDS = [
    Command(
        "approve", _unapprove, lambda r: ["approve", str(r / PLAN), "--by", "李明", "--on", "2026-02-20"], 1
    ),
    Command(
        "plan-update",
        _unapprove,
        lambda r: ["plan", "-r", str(r), "--as-of", "2026-12-31", "--year", "2026", "--write"],
        1,
    ),
    Command(
        "plan-create",
        lambda r: (r / PLAN).unlink(),
        lambda r: ["plan", "-r", str(r), "--as-of", "2026-12-31", "--year", "2026", "--write"],
        1,
    ),
    Command("fmt", _unformat, lambda r: ["fmt", "-r", str(r)], 2),
    Command(
        "import-results",
        _export,
        lambda r: ["import", "results", str(r / "export.csv"), "--session", str(r / SESSION)],
        1,
    ),
]


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".onex.lock"
    }


def _temp_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.tmp"))


def _prepare(
    spec: Command, reg, tmp_path: Path, cli, monkeypatch
) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The registry prepared for the command; its files before, and after an uninterrupted run."""
    monkeypatch.delenv("ONEX_REGISTRY", raising=False)
    monkeypatch.setenv("ONEX_LANG", "en")
    spec.prepare(reg.root)
    twin = tmp_path / "twin" / "registry"
    shutil.copytree(reg.root, twin)
    steps: list[str] = []
    monkeypatch.setattr(write, "_step", steps.append)
    code, _, err = cli(*spec.args(twin))
    monkeypatch.setattr(write, "_step", lambda name: None)
    assert code == 0, err
    assert steps == list(STEPS) * spec.writes, "the write's steps changed: update STEPS and test_write.py"
    before, after = _snapshot(reg.root), _snapshot(twin)
    assert sum(before.get(rel) != data for rel, data in after.items()) == spec.writes
    return before, after


def _fail_at(monkeypatch, step: str, nth: int, error: BaseException) -> None:
    seen = {"count": 0}

    def fail(name: str) -> None:
        if name == step:
            seen["count"] += 1
            if seen["count"] == nth:
                raise error

    monkeypatch.setattr(write, "_step", fail)


@pytest.mark.parametrize(
    ("spec", "nth"),
    [(spec, nth) for spec in COMMANDS for nth in range(1, spec.writes + 1)],
    ids=[f"{spec.id}-file-{nth}" for spec in COMMANDS for nth in range(1, spec.writes + 1)],
)
@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize(
    ("error", "exit_code", "said"),
    [
        (KeyboardInterrupt(), 130, ""),
        (OSError(errno.ENOSPC, "No space left on device"), 2, "No space left on device"),
    ],
    ids=["ctrl-c", "disk-full"],
)
def test_an_interrupted_command_loses_nothing(
    reg, tmp_path, cli, monkeypatch, spec, nth, step, error, exit_code, said
):
    before, after = _prepare(spec, reg, tmp_path, cli, monkeypatch)
    _fail_at(monkeypatch, step, nth, error)
    code, _, err = cli(*spec.args(reg.root))
    assert code == exit_code and said in err and "Traceback" not in err
    now = _snapshot(reg.root)
    assert set(before) <= set(now) <= set(before) | set(after)  # nothing deleted, nothing stray
    for rel, data in now.items():
        assert data in (before.get(rel), after.get(rel)), f"{rel} is neither the old nor the new file"
    written = sorted(rel for rel, data in now.items() if before.get(rel) != data)
    done = nth - 1 + (step == "fsync-folder")  # writes completed before the interruption
    assert len(written) == done
    assert _temp_files(reg.root) == []
    monkeypatch.setattr(write, "_step", lambda name: None)
    code, _, err = cli(*spec.args(reg.root))  # the lock was released, and the command completes
    assert code == 0, err
    assert _snapshot(reg.root) == after
