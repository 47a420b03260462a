"""`onex init`: a new registry that passes `onex check`, whose examples are valid records."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from tests.conftest import check_json

HERE = Path(__file__).parent.parent
YEAR = dt.date.today().year


@pytest.fixture
def new(tmp_path, cli) -> Path:
    root = tmp_path / "new-registry"
    code, out, err = cli("init", root, "--lang", "en")
    assert code == 0, err
    return root


@pytest.mark.parametrize("as_of", ["2000-01-01", f"{YEAR}-03-31", f"{YEAR}-12-31", "2099-12-31"])
def test_new_registry_passes_check_on_any_date(new, cli, as_of):
    code, doc = check_json(cli, new, as_of=as_of)
    assert code == 0
    assert doc["problems"] == []
    assert doc["summary"]["files"] == 3


def test_layout_and_output(tmp_path, cli):
    root = tmp_path / "r"
    code, out, err = cli(
        "init", root, "--college", "mech", "--org", "edu-tech", "--year", "2027", "--lang", "en"
    )
    assert code == 0, err
    files = sorted(
        p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and p.name != ".onex.lock"
    )
    assert files == [
        ".github/workflows/onex.yml",
        ".gitignore",
        "colleges/mech/certificates/web-frontend.yaml.example",
        "colleges/mech/college.yaml",
        "colleges/mech/instructors.yaml.example",
        "colleges/mech/plans/2027.yaml.example",
        "colleges/mech/sessions/2027/web-frontend-intermediate-2027-1.yaml.example",
        "colleges/mech/staff-plans/2027.yaml.example",
        "colleges/mech/trainings/2027/web-frontend-intermediate-2027-1.yaml.example",
        "onex.yaml",
        "orgs/edu-tech.yaml",
    ]
    assert out.splitlines()[0] == "created onex.yaml"
    assert f"onex check --registry {root}" in out
    assert (root / ".gitignore").read_text(encoding="utf-8").splitlines()[1:] == [
        ".onex-cache/",
        ".onex.lock",
    ]


def test_refuses_an_existing_registry(new, cli):
    before = {p: p.read_bytes() for p in new.rglob("*") if p.is_file()}
    code, out, err = cli("init", new, "--lang", "en")
    assert code == 2
    assert "is already a registry (it has onex.yaml): onex init does not overwrite it" in err
    assert {p: p.read_bytes() for p in new.rglob("*") if p.is_file()} == before


def test_refuses_to_overwrite_a_record(tmp_path, cli):
    (tmp_path / "r" / "orgs").mkdir(parents=True)
    (tmp_path / "r" / "orgs" / "example-org.yaml").write_text("name: 我的\n", encoding="utf-8")
    code, out, err = cli("init", tmp_path / "r", "--lang", "en")
    assert code == 2 and "already exists" in err
    assert not (tmp_path / "r" / "onex.yaml").exists()


def test_bad_id_is_exit_2(tmp_path, cli):
    code, out, err = cli("init", tmp_path / "r", "--college", "信息", "--lang", "en")
    assert code == 2 and "is not a valid id" in err


def test_existing_repository_files_are_kept(tmp_path, cli):
    root = tmp_path / "r"
    (root / ".github" / "workflows").mkdir(parents=True)
    (root / ".github" / "workflows" / "onex.yml").write_text("# mine\n", encoding="utf-8")
    (root / ".gitignore").write_text("*.pyc", encoding="utf-8")
    code, out, err = cli("init", root, "--lang", "en")
    assert code == 0, err
    assert (root / ".github" / "workflows" / "onex.yml").read_text(encoding="utf-8") == "# mine\n"
    assert (root / ".gitignore").read_text(encoding="utf-8") == "*.pyc\n.onex-cache/\n.onex.lock\n"
    assert "kept the existing .github/workflows/onex.yml" in out


def test_examples_are_valid_records(new, cli):
    """Copied to their .yaml names, the examples hold no REG-00x problem (the duties they bring,
    such as certified teachers or a fee budget, are the coordinator's to fill in)."""
    for example in new.rglob("*.example"):
        shutil.copy(example, example.with_suffix(""))
    code, doc = check_json(cli, new, as_of=f"{YEAR}-12-31")
    assert doc["summary"]["files"] == 9
    assert [p for p in doc["problems"] if p["rule"].startswith("REG") or p["rule"].startswith("PRIV")] == []


def test_templates_are_canonically_formatted(new, cli):
    for example in new.rglob("*.example"):
        shutil.copy(example, example.with_suffix(""))
    code, out, err = cli("fmt", "--check", "--registry", new)
    assert (code, out) == (0, "")


def test_workflow_is_the_example_for_a_registry_at_the_repository_root(new):
    from onex.init import template

    example = (HERE / "examples" / "ci" / "github" / "onex.yml").read_text(encoding="utf-8")
    assert template("github-workflow.yml") == example  # the packaged copy follows examples/
    written = (new / ".github" / "workflows" / "onex.yml").read_text(encoding="utf-8")
    assert written == example.replace("--registry registry", "--registry .").replace(
        'paths: ["registry/**"]', 'paths: ["**.yaml"]'
    )
    assert "--registry registry" not in written


def test_version_and_shell_completion(cli, monkeypatch):
    from onex import __version__

    code, out, err = cli("--version")
    assert (code, out) == (0, f"onex {__version__}\n")
    monkeypatch.setenv("_ONEX_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", "onex import r")
    monkeypatch.setenv("COMP_CWORD", "2")
    code, out, err = cli()
    assert code == 0 and out.split() == ["results"]
