"""Shared fixtures: a tiny valid baseline registry, changed one file at a time by each test."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import textwrap
from pathlib import Path

import pytest

BASELINE = Path(__file__).parent / "fixtures" / "baseline"
AS_OF = dt.date(2026, 12, 31)


class Reg:
    """A copy of the baseline registry in a temporary folder."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, rel: str) -> Path:
        return self.root / rel

    def read(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def write(self, rel: str, text: str) -> None:
        target = self.path(rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")

    def write_bytes(self, rel: str, data: bytes) -> None:
        target = self.path(rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    def edit(self, rel: str, old: str, new: str) -> None:
        """Replace `old` (which must occur exactly once) with `new` in one file."""
        text = self.read(rel)
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
        self.path(rel).write_text(text.replace(old, new), encoding="utf-8")

    def append(self, rel: str, text: str) -> None:
        self.path(rel).write_text(self.read(rel) + textwrap.dedent(text).lstrip("\n"), encoding="utf-8")

    def remove(self, rel: str) -> None:
        target = self.path(rel)
        shutil.rmtree(target) if target.is_dir() else target.unlink()

    def line_of(self, rel: str, needle: str, nth: int = 1) -> int:
        """1-based line of the nth line containing `needle`."""
        hits = [i for i, line in enumerate(self.read(rel).splitlines(), 1) if needle in line]
        assert len(hits) >= nth, f"{needle!r} not found {nth} time(s) in {rel}"
        return hits[nth - 1]

    def result(self, as_of: dt.date = AS_OF, rules: list[str] | None = None):
        from onex.engine import check
        from onex.load import load
        from onex.registry import Registry

        return check(Registry(load(self.root)), as_of, rules)

    def problems(self, as_of: dt.date = AS_OF, rule: str | None = None) -> list[tuple[str, str, int]]:
        """(rule, file, line) of every unwaived problem, optionally of one rule."""
        found = self.result(as_of).problems
        return [(p.rule, p.file, p.line) for p in found if not p.waived and (rule is None or p.rule == rule)]

    def messages(self, rule: str, lang: str = "en", as_of: dt.date = AS_OF) -> list[str]:
        return [p.text(lang) for p in self.result(as_of).problems if p.rule == rule]


@pytest.fixture(autouse=True)
def no_result_cache(monkeypatch, tmp_path_factory) -> None:
    """`onex check` caches its result in <registry>/.onex-cache/ and keeps its HMAC key in
    $XDG_CACHE_HOME/onex/: tests neither write into the repository's registries nor touch the
    home folder. tests/test_cache.py turns the cache back on."""
    monkeypatch.setenv("ONEX_NO_CACHE", "1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "xdg-cache"))


@pytest.fixture
def reg(tmp_path: Path) -> Reg:
    root = tmp_path / "registry"
    shutil.copytree(BASELINE, root)
    return Reg(root)


@pytest.fixture
def cli(capsys):
    """Run the real CLI in-process: returns (exit code, stdout, stderr)."""
    from onex.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def check_json(cli, root: Path, *extra: str, as_of: str = "2026-12-31") -> tuple[int, dict]:
    code, out, err = cli("check", "--registry", root, "--as-of", as_of, "--format", "json", *extra)
    assert code in (0, 1), err
    return code, json.loads(out)
