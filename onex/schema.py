"""JSON Schema of every record kind, generated from the models (for editors and other tools).

The schemas describe the files as written: dates are strings in `format: date` (how YAML 1.2
editors see `2026-03-11`), keys of year-indexed mappings are strings of digits, and every enum
accepts its English value or its Chinese alias (anyOf), so that an editor does not flag `通过`.
"""

from __future__ import annotations

from typing import Any

from pydantic.json_schema import GenerateJsonSchema

from onex.errors import FatalError
from onex.messages import register
from onex.models import ENUMS, MODELS

MESSAGES = {
    "schema.unknown_kind": {
        "zh": "没有记录类型 {kind}：可用 {known}",
        "en": "there is no record kind {kind}: use one of {known}",
    },
    "schema.written": {"zh": "已写入 {file}", "en": "wrote {file}"},
}
register(MESSAGES)

DRAFT = "https://json-schema.org/draft/2020-12/schema"
# the file (or files) each kind describes, relative to the registry root
FILES: dict[str, str] = {
    "institution": "onex.yaml",
    "org": "orgs/*.yaml",
    "college": "colleges/*/college.yaml",
    "instructors": "colleges/*/instructors.yaml",
    "adoption": "colleges/*/certificates/*.yaml",
    "plan": "colleges/*/plans/*.yaml",
    "staff_plan": "colleges/*/staff-plans/*.yaml",
    "training": "colleges/*/trainings/*/*.yaml",
    "session": "colleges/*/sessions/*/*.yaml",
}
_ALIASES = {frozenset(values): values for values in ENUMS.values()}


class _RegistrySchema(GenerateJsonSchema):
    def literal_schema(self, schema: Any) -> dict[str, Any]:
        result = super().literal_schema(schema)
        values = _ALIASES.get(frozenset(schema["expected"]))
        if values is None:
            return result
        english = {"type": "string", "enum": list(values)}
        chinese = {"type": "string", "enum": list(values.values()), "description": "中文别名 / Chinese alias"}
        return {"anyOf": [english, chinese]}

    def dict_schema(self, schema: Any) -> dict[str, Any]:
        result = super().dict_schema(schema)
        keys = self.generate_inner(schema["keys_schema"]) if "keys_schema" in schema else {}
        if "anyOf" in keys or "enum" in keys:  # enum keys (`levels: {junior: …}`)
            result["propertyNames"] = keys
        elif keys.get("type") == "integer":
            # JSON object keys are strings: a year key `2026` is the string "2026" to an editor
            result["propertyNames"] = {"pattern": r"^[0-9]+$"}
        return result


def kinds() -> list[str]:
    return list(MODELS)


def schema_of(kind: str) -> dict[str, Any]:
    model = MODELS.get(_kind_name(kind))
    if model is None:
        raise FatalError("schema.unknown_kind", kind=kind, known=kinds())
    generated = model.model_json_schema(mode="validation", schema_generator=_RegistrySchema)
    out: dict[str, Any] = {"$schema": DRAFT, "title": f"onex {_kind_name(kind)} ({FILES[_kind_name(kind)]})"}
    out.update({k: v for k, v in generated.items() if k != "title"})
    return out


def all_schemas() -> dict[str, dict[str, Any]]:
    return {kind: schema_of(kind) for kind in kinds()}


def _kind_name(kind: str) -> str:
    return kind.strip().lower().replace("-", "_")
