"""The pre-commit hooks this repository ships: one serial run each, files named as the
repository sees them (`registry/colleges/…`), the sample registry passing both."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def hooks() -> dict[str, dict]:
    return {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))}


def test_hooks_run_serially_and_name_files_as_the_repository_does():
    found = hooks()
    assert set(found) == {"onex-check", "onex-fmt"}
    for hook in found.values():
        assert hook["require_serial"] is True
        assert hook["entry"].endswith("--paths repository")
    assert found["onex-fmt"]["entry"] == "onex fmt --check --paths repository"


def repository(tmp_path: Path) -> Path:
    """A registry repository as a college keeps it: the registry in `registry/` of a git repository."""
    top = tmp_path / "repo"
    shutil.copytree(ROOT / "registry", top / "registry")
    subprocess.run(["git", "init", "-q", str(top)], check=True)
    return top


def test_the_hooks_pass_on_the_sample_registry(tmp_path, cli, monkeypatch):
    top = repository(tmp_path)
    monkeypatch.chdir(top)
    code, out, err = cli(
        *hooks()["onex-check"]["entry"].split()[1:], "--registry", "registry", "--as-of", "2026-12-31"
    )
    assert code == 0, out + err
    files = sorted(str(p.relative_to(top)) for p in (top / "registry").rglob("*.yaml"))
    code, out, err = cli(*hooks()["onex-fmt"]["entry"].split()[1:], *files)
    assert (code, out) == (0, ""), out + err


def test_check_and_fmt_name_files_from_the_repository_top(tmp_path, cli, monkeypatch):
    top = repository(tmp_path)
    rel = "colleges/info/sessions/2026/web-frontend-intermediate-2026-1.yaml"
    path = top / "registry" / rel
    text = path.read_text("utf-8")
    swapped = text.replace(
        "certificate: web-frontend\nlevel: intermediate\n", "level: intermediate\ncertificate: web-frontend\n"
    )
    assert swapped != text
    path.write_text(swapped, encoding="utf-8")  # not canonical: two keys swapped
    monkeypatch.chdir(top / "registry")  # wherever it runs from, the names are the repository's
    code, out, err = cli("fmt", "--check", "--paths", "repository", "--lang", "en", rel)
    assert (code, out) == (1, f"would reformat registry/{rel}\n")
    code, out, err = cli("fmt", "--check", "--lang", "en", rel)
    assert out == f"would reformat {rel}\n"  # the default: relative to the registry
    code, out, err = cli("check", "--as-of", "2026-12-31", "--paths", "repository", "--lang", "en")
    headers = [line for line in out.splitlines() if line.endswith(".yaml")]
    assert headers and all(line.startswith("registry/colleges/") for line in headers)
    code, out, err = cli("check", "--as-of", "2026-12-31", "--lang", "en")
    assert all(line.startswith("colleges/") for line in out.splitlines() if line.endswith(".yaml"))


def test_an_unknown_paths_value_is_exit_2(reg, cli):
    code, out, err = cli("check", "--registry", reg.root, "--paths", "absolute", "--lang", "en")
    assert code == 2
    assert "unsupported --paths absolute: use one of registry, repository" in err
