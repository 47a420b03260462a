"""`onex schema`: JSON Schema of every record kind; the sample registry validates against it."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
from pathlib import Path

import pytest

jsonschema = pytest.importorskip("jsonschema")

HERE = Path(__file__).parent.parent
KINDS = [
    "institution",
    "org",
    "college",
    "instructors",
    "adoption",
    "plan",
    "staff_plan",
    "training",
    "session",
]


def _as_json(value):
    """A YAML document as an editor's language server sees it: dates and keys are strings."""
    if isinstance(value, dict):
        return {str(k): _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _validator(schema: dict):
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _errors(schema: dict, document) -> list[str]:
    return [e.message for e in _validator(schema).iter_errors(_as_json(document))]


def _records(root: Path):
    from onex.load import Place, place_of, walk
    from onex.yamlread import read_document

    for rel, path, _ in walk(root):
        place = place_of(rel.split("/"))
        assert isinstance(place, Place), rel
        data, _ = read_document(path.read_bytes())
        yield rel, place.kind, data


@pytest.fixture(scope="module")
def schemas() -> dict:
    from onex.cli import main

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert main(["schema"]) == 0
    return json.loads(buffer.getvalue())


def test_every_kind_has_a_schema(schemas):
    assert list(schemas) == KINDS
    for kind, schema in schemas.items():
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["type"] == "object" and schema["additionalProperties"] is False, kind


@pytest.mark.parametrize(
    "root",
    [HERE / "registry", HERE / "tests" / "fixtures" / "baseline", HERE / "examples" / "minimal"],
    ids=["registry", "baseline", "minimal"],
)
def test_sample_registries_validate(schemas, root):
    seen = set()
    for rel, kind, data in _records(root):
        assert _errors(schemas[kind], data) == [], rel
        seen.add(kind)
    if root.name == "registry":
        assert seen == set(KINDS)


def test_chinese_aliases_are_accepted_and_mistakes_are_not(schemas):
    session = schemas["session"]
    base = {
        "certificate": "web-frontend",
        "level": "中级",
        "batch": "2026-1",
        "date": dt.date(2026, 6, 12),
        "site": "main-campus",
    }
    candidate = {"student": "2024010123", "name": "王小明", "major": "510201", "result": "通过"}
    assert _errors(session, {**base, "candidates": [candidate]}) == []
    assert _errors(session, {**base, "candidates": [{**candidate, "result": "优秀"}]})
    assert _errors(
        session, {**base, "candidates": [{**candidate, "student": 2024010123}]}
    )  # codes are quoted
    assert _errors(session, {**base, "candidates": [{**candidate, "grade": 90}]})  # unknown field
    assert _errors(session, {**base, "date": "2026-02-30"})  # format: date
    org = schemas["org"]
    entry = {"name": "Web前端开发", "levels": {"初级": {"fee": 300}, "senior": {"fee": 500}}}
    assert (
        _errors(
            org,
            {
                "name": "某某",
                "certificates": {"web-frontend": entry},
                "batches": [{"id": "2026-1", "from": "2026-05-01", "to": "2026-06-30"}],
            },
        )
        == []
    )
    assert _errors(
        org, {"name": "某某", "certificates": {"web-frontend": {**entry, "levels": {"expert": {"fee": 1}}}}}
    )
    assert _errors(schemas["institution"], {"institution": {"name": "x"}, "fee_budget": {2026: 1000}}) == []


def test_one_kind(cli):
    code, out, err = cli("schema", "session")
    assert code == 0
    schema = json.loads(out)
    assert schema["title"] == "onex session (colleges/*/sessions/*/*.yaml)"
    assert "通过" in out  # CJK as is, no \\u escapes
    code, out, err = cli("schema", "staff-plan")
    assert code == 0 and json.loads(out)["title"].startswith("onex staff_plan")


def test_unknown_kind_is_exit_2(cli):
    code, out, err = cli("schema", "teacher", "--lang", "en")
    assert code == 2
    assert "there is no record kind teacher" in err


def test_output_writes_one_file_per_kind(cli, tmp_path):
    code, out, err = cli("schema", "--output", tmp_path / "schemas", "--lang", "en")
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "schemas").iterdir()) == sorted(
        f"{k}.schema.json" for k in KINDS
    )
    session = json.loads((tmp_path / "schemas" / "session.schema.json").read_text(encoding="utf-8"))
    _validator(session)
