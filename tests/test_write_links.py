"""Writes never leave the registry: no writing command follows a symbolic link (issue 11, 19).

Each test plants a link where a writer would go (a folder, the file itself, the lock file, the
files `onex init` creates), runs the real command, and asserts exit 2 with the bilingual refusal,
nothing created or changed outside the registry, and nothing written inside it either.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

PLAN = "colleges/info/plans/2026.yaml"
SESSION = "colleges/info/sessions/2026/web-mid-june.yaml"
HERE = Path(__file__).parent.parent


@pytest.fixture(autouse=True)
def no_env_registry(monkeypatch):
    monkeypatch.delenv("ONEX_REGISTRY", raising=False)


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every entry below `folder`: file bytes, link targets (links are not followed)."""
    found: dict[str, bytes | str] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[rel] = "-> " + os.readlink(path)
            elif path.is_file():
                found[rel] = path.read_bytes()
    return found


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "keep.txt").write_text("untouched\n")
    return folder


def test_plan_write_refuses_a_plans_folder_linked_outside(reg, cli, outside):
    shutil.move(reg.path("colleges/info/plans"), outside / "plans")
    os.symlink(outside / "plans", reg.path("colleges/info/plans"))
    before, inside = snapshot(outside), snapshot(reg.root)
    code, out, err = cli("plan", "-r", reg.root, "--as-of", "2026-12-31", "--write", "--lang", "en")
    assert code == 2, out + err
    assert "colleges/info/plans is a symbolic link, and onex never writes through links" in err
    assert "nothing was written" in err
    assert snapshot(outside) == before
    assert snapshot(reg.root) == inside | {".onex.lock": b""}


def test_the_refusal_is_in_chinese_too(reg, cli, outside):
    shutil.move(reg.path("colleges/info/plans"), outside / "plans")
    os.symlink(outside / "plans", reg.path("colleges/info/plans"))
    code, _, err = cli("plan", "-r", reg.root, "--as-of", "2026-12-31", "--write", "--lang", "zh")
    assert code == 2
    assert "colleges/info/plans 是符号链接，onex 不会通过链接写入" in err and "未写入任何文件" in err


def test_a_committed_lock_link_creates_nothing_outside(reg, cli, outside):
    os.symlink(outside / "created-by-onex", reg.path(".onex.lock"))
    before = snapshot(reg.root)
    for command in (
        ["plan", "-r", reg.root, "--as-of", "2026-12-31", "--write"],
        ["fmt", "--registry", reg.root],
        ["approve", reg.path(PLAN), "--by", "李明", "--on", "2026-02-20"],
    ):
        code, _, err = cli(*command, "--lang", "en")
        assert code == 2, (command, err)
        assert ".onex.lock is a symbolic link" in err
    assert not (outside / "created-by-onex").exists()
    assert snapshot(outside) == {"keep.txt": b"untouched\n"}
    assert snapshot(reg.root) == before


def test_approve_refuses_a_record_that_is_a_link(reg, cli, outside):
    target = outside / "2026.yaml"
    target.write_bytes(reg.path(PLAN).read_bytes().replace(b"approval:", b"old_approval:"))
    reg.remove(PLAN)
    os.symlink(target, reg.path(PLAN))
    before = snapshot(outside)
    for registry in ([], ["--registry", reg.root]):
        code, _, err = cli(
            "approve", reg.path(PLAN), "--by", "李明", "--on", "2026-02-20", "--lang", "en", *registry
        )
        assert code == 2, err
        assert "no registry found" in err or "is not inside the registry" in err
    assert snapshot(outside) == before


def test_fmt_refuses_a_record_linked_inside_the_registry(reg, cli):
    """A link that stays inside is read by `check`, but a writer still does not follow it."""
    reg.write("colleges/info/plans/real.txt", "year: 2026\nitems: []\n")
    reg.remove(PLAN)
    os.symlink("real.txt", reg.path(PLAN))
    code, _, err = cli("fmt", "--registry", reg.root, "--lang", "en")
    assert code == 2 and "2026.yaml is a symbolic link" in err
    assert reg.read("colleges/info/plans/real.txt") == "year: 2026\nitems: []\n"


def test_import_refuses_a_session_folder_linked_outside(tmp_path, cli, outside):
    root = tmp_path / "registry"
    shutil.copytree(HERE / "registry", root)
    sessions = root / "colleges/info/sessions/2026"
    shutil.move(sessions, outside / "2026")
    os.symlink(outside / "2026", sessions)
    before = snapshot(outside)
    session = sessions / "web-frontend-intermediate-2026-1.yaml"
    export = HERE / "examples" / "platform-export.csv"
    code, _, err = cli("import", "results", export, "--session", session, "--registry", root, "--lang", "en")
    assert code == 2, err
    assert snapshot(outside) == before


@pytest.mark.parametrize(
    "planted",
    ["colleges/info/college.yaml", ".github/workflows", ".github", ".gitignore", "orgs", ".onex.lock"],
)
def test_init_does_not_write_through_planted_links(tmp_path, cli, outside, planted):
    target = tmp_path / "new"
    link = target / planted
    link.parent.mkdir(parents=True)
    os.symlink(outside / "planted", link)
    code, _, err = cli("init", target, "--lang", "en")
    assert code == 2, err
    assert f"{planted} is a symbolic link" in err and "nothing was written" in err
    assert snapshot(outside) == {"keep.txt": b"untouched\n"}
    assert [p for p in snapshot(target) if not p.startswith((".github", "colleges"))] in ([], [planted])
    assert not (target / "onex.yaml").exists()


def test_a_link_to_an_existing_folder_is_refused_by_init_too(tmp_path, cli, outside):
    target = tmp_path / "new"
    (target / ".github").mkdir(parents=True)
    os.symlink(outside, target / ".github" / "workflows")
    code, _, err = cli("init", target, "--lang", "en")
    assert code == 2 and ".github/workflows is a symbolic link" in err
    assert snapshot(outside) == {"keep.txt": b"untouched\n"}
    assert not (target / "onex.yaml").exists()
