"""The benchmark generator writes a registry in the layout of SPEC §2, readable and reproducible."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from bench.generate import generate  # the repository root is on pytest's pythonpath

CANDIDATES = 300
YEARS = (2024, 2025, 2026)
ID = r"[a-z0-9][a-z0-9-]*"
LAYOUT = re.compile(
    rf"onex\.yaml|orgs/{ID}\.yaml|colleges/{ID}/(college|instructors)\.yaml"
    rf"|colleges/{ID}/certificates/{ID}\.yaml|colleges/{ID}/(plans|staff-plans)/\d{{4}}\.yaml"
    rf"|colleges/{ID}/(trainings|sessions)/\d{{4}}/{ID}\.yaml"
)


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bench") / "registry"
    generate(root, colleges=1, candidates=CANDIDATES, years=len(YEARS), seed=1, last_year=YEARS[-1])
    return root


@pytest.fixture(scope="module")
def documents(registry: Path) -> dict[str, object]:
    yaml = YAML()  # round-trip: what `onex fmt` and `onex plan --write` will load
    return {name: yaml.load(data) for name, data in files_of(registry).items()}


def test_files_follow_the_layout(registry: Path) -> None:
    names = list(files_of(registry))
    assert [n for n in names if not LAYOUT.fullmatch(n)] == []
    assert "onex.yaml" in names
    assert 2 <= sum(n.startswith("orgs/") for n in names) <= 3
    (college,) = {n.split("/")[1] for n in names if n.startswith("colleges/")}
    base = f"colleges/{college}"
    for required in ("college.yaml", "instructors.yaml"):
        assert f"{base}/{required}" in names
    assert any(n.startswith(f"{base}/certificates/") for n in names)
    for year in YEARS:
        assert f"{base}/plans/{year}.yaml" in names
        assert f"{base}/staff-plans/{year}.yaml" in names
    assert any(n.startswith(f"{base}/trainings/") for n in names)
    assert any(n.startswith(f"{base}/sessions/") for n in names)


def test_every_file_parses_round_trip(documents: dict[str, object]) -> None:
    assert all(isinstance(doc, dict) and doc for doc in documents.values())


def test_year_folders_match_the_record_dates(documents: dict[str, object]) -> None:
    for name, doc in documents.items():
        parts = name.split("/")
        if len(parts) == 5 and parts[2] in ("trainings", "sessions"):
            day = doc["start"] if parts[2] == "trainings" else doc["date"]
            assert str(day.year) == parts[3], name
        if len(parts) == 4 and parts[2] in ("plans", "staff-plans"):
            assert f"{doc['year']}.yaml" == parts[3], name


def test_candidates_as_asked(documents: dict[str, object]) -> None:
    sessions = [doc for name, doc in documents.items() if "/sessions/" in name]
    assert sum(len(doc["candidates"]) for doc in sessions) == CANDIDATES
    students = [c["student"] for doc in sessions for c in doc["candidates"]]
    assert all(isinstance(s, str) and re.fullmatch(r"\d{10}", s) for s in students)


def test_no_personal_data(registry: Path) -> None:
    for name, data in files_of(registry).items():
        text = data.decode("utf-8")
        assert not re.search(r"(?<!\d)1\d{10}(?!\d)", text), name  # a mobile number
        assert not re.search(r"\d{17}[\dXx]", text), name  # a resident ID number


def test_same_seed_same_bytes(registry: Path, tmp_path: Path) -> None:
    again, other = tmp_path / "again", tmp_path / "other"
    generate(again, colleges=1, candidates=CANDIDATES, years=len(YEARS), seed=1, last_year=YEARS[-1])
    generate(other, colleges=1, candidates=CANDIDATES, years=len(YEARS), seed=2, last_year=YEARS[-1])
    assert files_of(again) == files_of(registry)
    assert files_of(other) != files_of(registry)
