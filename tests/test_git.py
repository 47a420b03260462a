"""onex.git: hostile repository configuration runs nothing, option-like revisions are refused."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from onex.git import Repository

COMMANDS = ("fsmonitor", "pager", "clean", "smudge", "process", "external", "textconv", "hook", "askpass")


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-C", str(root), *args],
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def commit_all(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-qm", message)


def plant_hostile_config(root: Path, markers: Path) -> None:
    """Every program a repository's configuration can make git run, each touching a marker."""
    markers.mkdir(exist_ok=True)
    hooks = root / ".git" / "evil-hooks"
    hooks.mkdir()
    for name in ("pre-commit", "post-checkout", "post-index-change", "reference-transaction"):
        hook = hooks / name
        hook.write_text(f"#!/bin/sh\ntouch '{markers}/hook'\n")
        hook.chmod(0o755)

    def touch(name: str, then: str = "cat") -> str:
        return f"\"touch '{markers}/{name}'; {then}\""

    with (root / ".git" / "config").open("a") as config:
        config.write(
            f"[core]\n\tfsmonitor = {touch('fsmonitor', 'false')}\n\tpager = {touch('pager')}\n"
            f"\thooksPath = {hooks}\n\taskPass = {touch('askpass')}\n"
            f'[filter "evil"]\n\tclean = {touch("clean")}\n\tsmudge = {touch("smudge")}\n'
            f"\tprocess = {touch('process')}\n"
            f"[diff]\n\texternal = {touch('external', 'true')}\n"
            f'[diff "evil"]\n\ttextconv = {touch("textconv")}\n\tcommand = {touch("external", "true")}\n'
        )
    (root / ".gitattributes").write_text("* filter=evil diff=evil\n")


@pytest.fixture
def hostile(reg, tmp_path):
    """The baseline registry as a git repository with a hostile .git/config, one commit, and an
    edited (not yet committed) file whose timestamps make git want to re-read it."""
    git(reg.root, "init", "-q")
    commit_all(reg.root, "base")
    markers = tmp_path / "markers"
    plant_hostile_config(reg.root, markers)
    rel = "colleges/info/sessions/2026/web-mid-june.yaml"
    first, second, rest = reg.read(rel).split("\n", 2)
    reg.write(rel, f"{second}\n{first}\n{rest}")  # not canonical: its first two keys swapped
    return reg, markers


def test_the_planted_configuration_is_live_for_plain_git(hostile):
    reg, markers = hostile
    subprocess.run(["git", "-C", str(reg.root), "diff", "HEAD"], capture_output=True, check=False)
    ran = {p.name for p in markers.iterdir()}
    assert {"fsmonitor", "external"} <= ran and {"clean", "process"} & ran


@pytest.mark.parametrize(
    "command",
    [
        ("fmt", "--check", "--changed-since", "HEAD"),
        ("check", "--since", "HEAD", "--as-of", "2026-12-31", "--format", "json"),
        ("diff", "HEAD", "--as-of", "2026-12-31", "--format", "markdown"),
    ],
    ids=["fmt", "check-since", "diff"],
)
def test_nothing_configured_in_the_repository_runs(hostile, cli, command):
    reg, markers = hostile

    def state() -> dict:
        return {str(p): (p.stat().st_mtime_ns, p.stat().st_size) for p in (reg.root / ".git").rglob("*")}

    before = state()
    code, out, err = cli(*command, "--registry", reg.root, "--lang", "en")
    assert code in (0, 1), err
    assert sorted(p.name for p in markers.iterdir()) == []
    assert state() == before  # nothing written into the repository either: no index, no object


def test_fmt_changed_since_still_finds_the_edited_file(hostile, cli):
    reg, _ = hostile
    code, out, err = cli("fmt", "--check", "--changed-since", "HEAD", "--registry", reg.root, "--lang", "en")
    assert (code, out) == (1, "would reformat colleges/info/sessions/2026/web-mid-june.yaml\n")


@pytest.mark.parametrize(
    "rev",
    ["--output={out}", "-p", "--ext-diff", "", " ", "--", "-", "--no-index", "HEAD\n--output={out}"],
)
@pytest.mark.parametrize("option", ["fmt", "check", "diff"])
def test_option_like_or_empty_revisions_are_refused_and_write_nothing(hostile, cli, tmp_path, rev, option):
    reg, markers = hostile
    written = tmp_path / "written"
    value = rev.format(out=written)
    where = ("--registry", str(reg.root), "--lang", "en")
    command = {
        "fmt": ("fmt", "--check", f"--changed-since={value}", *where),
        "check": ("check", f"--since={value}", "--as-of", "2026-12-31", *where),
        "diff": ("diff", "--as-of", "2026-12-31", *where, "--", value),
    }[option]
    before = reg.read("colleges/info/sessions/2026/web-mid-june.yaml")
    code, out, err = cli(*command)
    assert code == 2, (out, err)
    assert "is not a revision" in err or "has no commit" in err
    assert out == ""
    assert not written.exists()
    assert sorted(p.name for p in markers.iterdir()) == []
    assert reg.read("colleges/info/sessions/2026/web-mid-june.yaml") == before


def test_revisions_that_look_like_revisions_but_name_no_commit_are_refused(hostile, cli):
    reg, _ = hostile
    tree = git(reg.root, "rev-parse", "HEAD^{tree}").strip()
    for rev in ("no-such-branch", tree, "HEAD:onex.yaml", "HEAD~99"):
        code, out, err = cli("fmt", "--check", "--changed-since", rev, "--registry", reg.root, "--lang", "en")
        assert code == 2, rev
        assert f"the git repository has no commit {rev}. Fetch it first: git fetch origin {rev}" in err


def test_the_caller_environment_cannot_switch_programs_back_on(hostile, cli, monkeypatch, tmp_path):
    reg, markers = hostile
    monkeypatch.setenv("GIT_EXTERNAL_DIFF", f"touch {markers}/external-env")
    monkeypatch.setenv("GIT_PAGER", f"touch {markers}/pager-env")
    monkeypatch.setenv("GIT_CONFIG_COUNT", "1")
    monkeypatch.setenv("GIT_CONFIG_KEY_0", "core.fsmonitor")
    monkeypatch.setenv("GIT_CONFIG_VALUE_0", f"touch {markers}/fsmonitor-env; false")
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "elsewhere"))
    code, out, err = cli("fmt", "--check", "--changed-since", "HEAD", "--registry", reg.root, "--lang", "en")
    assert code == 1, err
    assert sorted(p.name for p in markers.iterdir()) == []


def test_not_a_git_repository_is_exit_2(reg, cli):
    code, out, err = cli("fmt", "--check", "--changed-since", "HEAD", "--registry", reg.root, "--lang", "zh")
    assert code == 2
    assert "不在 git 仓库中" in err


def test_a_registry_in_a_subfolder_reads_only_its_own_files(tmp_path, reg):
    top = reg.root.parent
    (top / "README.md").write_text("not a record\n")
    git(top, "init", "-q")
    commit_all(top, "base")
    repo = Repository(reg.root, "--since")
    assert repo.prefix == "registry/"
    files = {entry.rel for entry in repo.files(repo.resolve("HEAD"))}
    assert "onex.yaml" in files and "README.md" not in files
    blobs = repo.blobs([e.oid for e in repo.files(repo.resolve("HEAD")) if e.rel == "onex.yaml"])
    assert list(blobs.values()) == [reg.path("onex.yaml").read_bytes()]
    assert repo.blob_id(reg.path("onex.yaml").read_bytes()) in blobs
