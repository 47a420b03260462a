"""The distribution's name, licence and install instructions (issue 13).

`onex` on the public package index is an unrelated program; every shipped file must install
onex by its own distribution name (or from a clone), never `pip install onex`.
"""

import re
import tomllib
from pathlib import Path

import pytest

import onex

ROOT = Path(__file__).resolve().parent.parent
DIST = "onex-1x-registry"

# `pip install [flags] onex`, `pip3 install -U "onex==1"`, `python -m pip install onex[dev]`,
# `pipx install onex`, `uv pip install onex`: the bare word onex as a requirement on an install line
# (a URL such as git+https://…/onex.git@v1 is not the bare word).
BAD_INSTALL = re.compile(
    r"\bpip(?:x|3(?:\.\d+)?)?\s+install\b[^\n#]*?(?<![\w./@+:-])[\"']?onex(?![\w.-])",
    re.IGNORECASE,
)


def shipped_files() -> list[Path]:
    files = [ROOT / "README.md", ROOT / ".pre-commit-hooks.yaml"]
    for folder in ("docs", "examples", "onex"):
        files += [p for p in (ROOT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    return files


@pytest.mark.parametrize(
    "line",
    [
        "pip install onex",
        "  - run: pip3 install --upgrade onex",
        'python -m pip install -q "onex==0.1.0"',
        "pip install 'onex[dev]'",
        "pipx install onex",
        "uv pip install onex>=0.1",
    ],
)
def test_the_pattern_catches_the_unrelated_package(line: str) -> None:
    assert BAD_INSTALL.search(line)


@pytest.mark.parametrize(
    "line",
    [
        f'pip install "{DIST}==0.1.0"',
        'pip install "git+https://git.example.edu.cn/jwc/onex.git@v0.1.0"',
        "pip install -e '.[dev]'   # installs onex in .venv",
        "onex --install-completion",
    ],
)
def test_the_pattern_lets_the_right_installs_through(line: str) -> None:
    assert not BAD_INSTALL.search(line)


def test_no_shipped_file_installs_the_unrelated_onex_package() -> None:
    offenders = []
    for path in shipped_files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # binary data (xlsx fixtures, fonts): no instructions in them
        for number, line in enumerate(text.splitlines(), 1):
            if BAD_INSTALL.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def test_the_distribution_has_a_name_of_its_own_and_an_spdx_licence() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["name"] == DIST
    assert project["project"]["scripts"] == {"onex": "onex.cli:entry"}  # the command stays onex
    assert project["project"]["license"] == "MIT"
    assert project["project"]["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    # PEP 639 metadata needs setuptools 77 or later at build time
    assert "setuptools>=77" in project["build-system"]["requires"]


@pytest.mark.parametrize(
    "path",
    [
        "examples/ci/github/onex.yml",
        "examples/ci/gitlab/.gitlab-ci.yml",
        "onex/data/init/github-workflow.yml",
    ],
)
def test_ci_templates_install_a_pinned_release_or_a_pinned_clone(path: str) -> None:
    text = (ROOT / path).read_text(encoding="utf-8")
    assert f'pip install "{DIST}=={onex.__version__}"' in text
    assert re.search(r'pip install "git\+https://\S+/onex\.git@v' + re.escape(onex.__version__) + '"', text)


def test_init_writes_the_same_install_line(tmp_path: Path) -> None:
    from onex.init import create

    create(tmp_path / "reg", year=2026)
    workflow = (tmp_path / "reg" / ".github" / "workflows" / "onex.yml").read_text(encoding="utf-8")
    assert f'pip install "{DIST}=={onex.__version__}"' in workflow
    assert not BAD_INSTALL.search(workflow)
